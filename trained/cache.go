package trained

import (
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/training"
)

// Network returns a network trained on MNIST with the settings s, training
// it only the first time: the network is kept in a file of CacheDir()
// whose name spells out the settings (see CachePath), so that rerunning a
// notebook cell, or another lesson with the same settings, loads it in a
// moment instead. report receives the epochs' reports as LoadOrTrain
// describes.
//
// The settings are checked before anything touches the disk. A cache
// folder that cannot be made or written costs a warning on standard error,
// not the network.
func Network(s training.Settings, report func(training.EpochReport)) (*nnlesson.Network, error) {
	if err := s.Check(nil); err != nil {
		return nil, err
	}
	path, err := CachePath(s)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		warn(lang.Pick("cannot make the folder for trained networks (%v); training without keeping the network — set NNLESSON_CACHE to a folder you can write",
			"nie da się utworzyć folderu na wytrenowane sieci (%v); sieć zostanie wytrenowana, ale nie zapamiętana — ustaw NNLESSON_CACHE na folder, do którego możesz pisać"), err)
		return loadOrTrain("", s, report)
	}
	return loadOrTrain(path, s, report)
}

// MustNetwork is Network for a notebook cell: it returns the network, or
// panics with Network's error, which says in the reader's terms what went
// wrong (settings that cannot work, training that diverged).
func MustNetwork(s training.Settings, report func(training.EpochReport)) *nnlesson.Network {
	net, err := Network(s, report)
	if err != nil {
		panic(err.Error())
	}
	return net
}

// LoadOrTrain returns the network saved at path if it was trained with the
// settings s, and otherwise trains one on MNIST (see training.TrainNetwork,
// with the MNIST test set for the reports) and saves it at path, with its
// settings and its epoch reports.
//
// report, if not nil, gets the reports of every epoch: live while the
// network trains, or all at once from the file when it is loaded, so a
// cell that plots them draws the same chart either way (only Elapsed
// tells the first run's times).
//
// The file is only a cache. A file at path with other settings is replaced;
// a file that cannot be read (corrupt, truncated, not a network) is trained
// over, with one line on standard error that says so; a file that cannot
// be written costs a warning there, and LoadOrTrain still returns the
// network. Its errors are for settings that cannot work and training that
// diverges.
func LoadOrTrain(path string, s training.Settings, report func(training.EpochReport)) (*nnlesson.Network, error) {
	if path == "" {
		return nil, fmt.Errorf("trained: LoadOrTrain needs the path of a file to keep the network in, got \"\"")
	}
	return loadOrTrain(path, s, report)
}

// loadOrTrain is LoadOrTrain; with path "" it trains without keeping.
func loadOrTrain(path string, s training.Settings, report func(training.EpochReport)) (*nnlesson.Network, error) {
	if err := s.Check(nil); err != nil {
		return nil, err
	}
	if s.Sizes == nil {
		return nil, fmt.Errorf("trained: %s", lang.Pick("Settings.Sizes is empty; give the layer sizes, e.g. []int{784, 30, 10}",
			"Settings.Sizes jest puste; podaj rozmiary warstw, np. []int{784, 30, 10}"))
	}
	if path != "" {
		net, file, err := loadFile(path)
		switch {
		case err == nil && file != nil && sameSettings(file.Settings, settingsRecord(s)):
			if report != nil {
				for _, e := range file.Epochs {
					report(e.report())
				}
			}
			return net, nil
		case err != nil && exists(path):
			warn(lang.Pick("the kept network could not be read (%v); training it again",
				"zapamiętanej sieci nie da się odczytać (%v); trenuję ją od nowa"), err)
		}
	}
	train, test, err := mnist.Load()
	if err != nil {
		return nil, err
	}
	record := &trainingFile{Settings: settingsRecord(s)}
	net, err := training.TrainNetwork(s, train, test, func(r training.EpochReport) {
		record.Epochs = append(record.Epochs, epochRecordOf(r))
		if report != nil {
			report(r)
		}
	})
	if err != nil {
		return nil, err
	}
	if path == "" {
		return net, nil
	}
	if err := saveFile(path, net, record); err != nil {
		warn(lang.Pick("the network is trained but could not be kept (%v): the next cell will train it again — set NNLESSON_CACHE to a folder you can write",
			"sieć jest wytrenowana, ale nie da się jej zapamiętać (%v): następna komórka wytrenuje ją znowu — ustaw NNLESSON_CACHE na folder, do którego możesz pisać"), err)
	}
	return net, nil
}

// exists reports whether there is a file (or anything) at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// warn writes one line to standard error, which a notebook shows under the
// cell.
var warn = func(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "trained: "+format+"\n", args...)
}

func sameSettings(a, b settingsFile) bool {
	return slices.Equal(a.Sizes, b.Sizes) && a.Eta == b.Eta && a.BatchSize == b.BatchSize &&
		a.Epochs == b.Epochs && a.Seed == b.Seed && a.TrainSize == b.TrainSize && a.Hidden == b.Hidden
}

func epochRecordOf(r training.EpochReport) epochRecord {
	e := epochRecord{Epoch: r.Epoch, TrainCost: r.TrainCost, Seconds: r.Elapsed.Seconds()}
	if !math.IsNaN(r.TestCost) {
		e.TestCost = &r.TestCost
	}
	if !math.IsNaN(r.TestAccuracy) {
		e.TestAccuracy = &r.TestAccuracy
	}
	return e
}

func (e epochRecord) report() training.EpochReport {
	r := training.EpochReport{Epoch: e.Epoch, TrainCost: e.TrainCost, TestCost: math.NaN(), TestAccuracy: math.NaN(),
		Elapsed: time.Duration(e.Seconds * float64(time.Second))}
	if e.TestCost != nil {
		r.TestCost = *e.TestCost
	}
	if e.TestAccuracy != nil {
		r.TestAccuracy = *e.TestAccuracy
	}
	return r
}

// CacheDir returns the folder where Network keeps trained networks: the
// folder that the environment variable NNLESSON_CACHE names, or else
// nnlesson/ in the user's cache folder (os.UserCacheDir: ~/.cache/nnlesson
// on Linux).
func CacheDir() (string, error) {
	if dir := os.Getenv("NNLESSON_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("trained: no folder for trained networks (%v); set NNLESSON_CACHE to one", err)
	}
	return filepath.Join(dir, "nnlesson"), nil
}

// CachePath returns the file in which Network keeps the network trained
// with s, in CacheDir: FileName(s).
func CachePath(s training.Settings) (string, error) {
	name, err := FileName(s)
	if err != nil {
		return "", err
	}
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

// FileName returns the name of the cache file of the network trained with
// s; it spells out the settings, e.g.
//
//	mnist-784-16-16-10-eta0.5-batch10-epochs10-seed1-v3.json
//
// Its end changes with the training code's version, so that a change that
// would train another network trains anew, and with the data when
// NNLESSON_MNIST_DIR names another data set. FileName returns an error for
// settings that could not name a file of the cache (an activation that is
// not the lecture's, say): it is checked before anything touches the disk.
func FileName(s training.Settings) (string, error) {
	if s.Hidden.Name != "" && !nnlesson.Known(s.Hidden) {
		return "", fmt.Errorf("trained: Settings.Hidden is %q; use nnlesson.SigmoidActivation or nnlesson.ReLUActivation", s.Hidden.Name)
	}
	sizes := make([]string, len(s.Sizes))
	for L, n := range s.Sizes {
		sizes[L] = fmt.Sprint(n)
	}
	name := fmt.Sprintf("mnist-%s-eta%g-batch%d-epochs%d-seed%d", strings.Join(sizes, "-"), s.Eta, s.BatchSize, s.Epochs, s.Seed)
	if s.TrainSize > 0 {
		name += fmt.Sprintf("-train%d", s.TrainSize)
	}
	if s.Hidden.F != nil {
		name += "-hidden-" + s.Hidden.Name
	}
	name += fmt.Sprintf("-v%d", trainingVersion)
	if dir := os.Getenv("NNLESSON_MNIST_DIR"); dir != "" {
		h := fnv.New32a()
		io.WriteString(h, dir)
		name += fmt.Sprintf("-data%08x", h.Sum32())
	}
	if strings.ContainsAny(name, `/\`) || name != filepath.Base(name) {
		return "", fmt.Errorf("trained: the settings %v do not make a file name", s)
	}
	return name + ".json", nil
}

// trainingVersion changes whenever a change to the code would train a
// different network from the same settings; it retires old cache files.
const trainingVersion = 3
