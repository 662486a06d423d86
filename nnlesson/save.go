package nnlesson

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"
)

// A saved network is a JSON file that a person can read:
//
//	{
//	  "format": "nnlesson network",
//	  "version": 1,
//	  "sizes": [784, 16, 16, 10],
//	  "layers": [
//	    {"layer": 1, "activation": "sigmoid",
//	     "b": [b_0, b_1, …],
//	     "w": [
//	      [w_00, w_01, …],   ← row j of W^(1): the weights into neuron j
//	      …
//	     ]},
//	    {"layer": 2, …},
//	    …
//	  ],
//	  "training": {…}        ← only in files that LoadOrTrain writes
//	}
//
// "layers" lists layers 1 … L in order; W^(L) has one row per neuron of
// layer L and one column per neuron of layer L−1. The numbers are written
// with as many digits as it takes to read back the same float64, so a
// loaded network computes exactly what the saved one did. The optional
// "training" part holds the Settings and the EpochReports of the training
// that made the network.
const (
	fileFormat  = "nnlesson network"
	fileVersion = 1
)

type networkFile struct {
	Format   string        `json:"format"`
	Version  int           `json:"version"`
	Sizes    []int         `json:"sizes"`
	Layers   []layerFile   `json:"layers"`
	Training *trainingFile `json:"training,omitempty"`
}

type layerFile struct {
	Layer      int         `json:"layer"`
	Activation string      `json:"activation"`
	B          []float64   `json:"b"`
	W          [][]float64 `json:"w"`
}

type trainingFile struct {
	Settings Settings      `json:"settings"`
	Epochs   []epochRecord `json:"epochs"`
}

// epochRecord is an EpochReport as JSON, which has no NaN: a missing test
// measurement is null.
type epochRecord struct {
	Epoch        int      `json:"epoch"`
	TrainCost    float64  `json:"trainCost"`
	TestCost     *float64 `json:"testCost"`
	TestAccuracy *float64 `json:"testAccuracy"`
	Seconds      float64  `json:"seconds"`
}

// Save writes the network to w as JSON, in the format described above:
// sizes, activations by name, weights and biases.
//
// Save returns an error if a layer's activation is not one that Load knows
// (see ActivationByName), if a weight or bias is NaN or infinite, or if w
// fails.
func (net *Network) Save(w io.Writer) error {
	return net.save(w, nil)
}

func (net *Network) save(w io.Writer, training *trainingFile) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"sizes\": %s,\n  \"layers\": [\n", fileFormat, fileVersion, mustJSON(net.sizes))
	for L := 1; L <= net.Layers(); L++ {
		f := net.f[L]
		if known, err := ActivationByName(f.Name); err != nil || !sameActivation(f, known) {
			return fmt.Errorf("nnlesson: cannot save layer %d: its activation %q is not one of the lecture's (sigmoid, relu), which Load would know", L, f.Name)
		}
		if err := checkFinite(net, L); err != nil {
			return err
		}
		fmt.Fprintf(bw, "    {\"layer\": %d, \"activation\": %q,\n     \"b\": %s,\n     \"w\": [\n", L, f.Name, mustJSON(net.b[L].RawVector().Data))
		rows, _ := net.w[L].Dims()
		for j := range rows {
			sep := ","
			if j == rows-1 {
				sep = ""
			}
			fmt.Fprintf(bw, "      %s%s\n", mustJSON(net.w[L].RawRowView(j)), sep)
		}
		sep := ","
		if L == net.Layers() {
			sep = ""
		}
		fmt.Fprintf(bw, "     ]}%s\n", sep)
	}
	bw.WriteString("  ]")
	if training != nil {
		fmt.Fprintf(bw, ",\n  \"training\": %s", mustJSON(training))
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("nnlesson: " + err.Error()) // only finite numbers get here
	}
	return b
}

func sameActivation(a, b Activation) bool {
	return a.Name == b.Name && a.F != nil && a.Prime != nil &&
		reflect.ValueOf(a.F).Pointer() == reflect.ValueOf(b.F).Pointer() &&
		reflect.ValueOf(a.Prime).Pointer() == reflect.ValueOf(b.Prime).Pointer()
}

func checkFinite(net *Network, L int) error {
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	rows, _ := net.w[L].Dims()
	for j := range rows {
		for k, v := range net.w[L].RawRowView(j) {
			if bad(v) {
				return fmt.Errorf("nnlesson: cannot save the network: weight w_%d,%d^(%d) is %g (training diverged?)", j, k, L, v)
			}
		}
		if v := net.b[L].AtVec(j); bad(v) {
			return fmt.Errorf("nnlesson: cannot save the network: bias b_%d^(%d) is %g (training diverged?)", j, L, v)
		}
	}
	return nil
}

// Load reads a network that Save wrote. It returns an error, naming the
// layer and the size at fault, if the data is not such a network: not
// JSON, another format or version, sizes that do not agree with the
// weights and biases, or an activation it does not know.
func Load(r io.Reader) (*Network, error) {
	net, _, err := load(r)
	return net, err
}

func load(r io.Reader) (*Network, *trainingFile, error) {
	var file networkFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&file); err != nil {
		return nil, nil, fmt.Errorf("nnlesson: not a saved network, or the file is corrupt or truncated: %v", err)
	}
	if file.Format != fileFormat {
		return nil, nil, fmt.Errorf("nnlesson: not a saved network: its format is %q, expected %q", file.Format, fileFormat)
	}
	if file.Version != fileVersion {
		return nil, nil, fmt.Errorf("nnlesson: the saved network has format version %d; this nnlesson reads version %d", file.Version, fileVersion)
	}
	sizes := file.Sizes
	if len(sizes) < 2 || slices.Min(sizes) < 1 {
		return nil, nil, fmt.Errorf("nnlesson: the saved network's sizes %v are not a network's (at least two layers, each of at least one neuron)", sizes)
	}
	if len(file.Layers) != len(sizes)-1 {
		return nil, nil, fmt.Errorf("nnlesson: the saved network is %s, so it needs %d layers of weights, but the file has %d", sizesString(sizes), len(sizes)-1, len(file.Layers))
	}
	net := &Network{
		sizes: slices.Clone(sizes),
		w:     make([]*mat.Dense, len(sizes)),
		b:     make([]*mat.VecDense, len(sizes)),
		f:     make([]Activation, len(sizes)),
	}
	for L := 1; L < len(sizes); L++ {
		layer := file.Layers[L-1]
		n, nPrev := sizes[L], sizes[L-1]
		if layer.Layer != L {
			return nil, nil, fmt.Errorf("nnlesson: the saved network lists layer %d where layer %d should be", layer.Layer, L)
		}
		f, err := ActivationByName(layer.Activation)
		if err != nil {
			return nil, nil, fmt.Errorf("nnlesson: layer %d of the saved network: %v", L, strings.TrimPrefix(err.Error(), "nnlesson: "))
		}
		if len(layer.B) != n {
			return nil, nil, fmt.Errorf("nnlesson: layer %d of the saved network has %d neurons but %d biases", L, n, len(layer.B))
		}
		if len(layer.W) != n {
			return nil, nil, fmt.Errorf("nnlesson: layer %d of the saved network has %d neurons but W^(%d) has %d rows", L, n, L, len(layer.W))
		}
		w := make([]float64, 0, n*nPrev)
		for j, row := range layer.W {
			if len(row) != nPrev {
				return nil, nil, fmt.Errorf("nnlesson: row %d of W^(%d) in the saved network has %d weights, but layer %d has %d neurons", j, L, len(row), L-1, nPrev)
			}
			w = append(w, row...)
		}
		net.w[L] = mat.NewDense(n, nPrev, w)
		net.b[L] = mat.NewVecDense(n, slices.Clone(layer.B))
		net.f[L] = f
	}
	return net, file.Training, nil
}

// SaveFile saves the network to the file at path (see Save), replacing it
// if it exists. It writes a temporary file first and renames it, so that a
// reader never sees half a network.
func (net *Network) SaveFile(path string) error {
	return net.saveFile(path, nil)
}

func (net *Network) saveFile(path string, training *trainingFile) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("nnlesson: cannot save the network: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := net.save(tmp, training); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("nnlesson: cannot save the network: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp made it private
		return fmt.Errorf("nnlesson: cannot save the network: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("nnlesson: cannot save the network: %w", err)
	}
	return nil
}

// LoadFile reads a network from the file at path (see Load).
func LoadFile(path string) (*Network, error) {
	net, _, err := loadFile(path)
	return net, err
}

func loadFile(path string) (*Network, *trainingFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("nnlesson: %w", err)
	}
	defer f.Close()
	net, training, err := load(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%v (file %s)", err, path)
	}
	return net, training, nil
}

// TrainedNetwork returns a network trained on MNIST with the settings s,
// training it only the first time: the network is kept in a file of
// CacheDir() whose name spells out the settings (see CachePath), so that
// rerunning a notebook cell, or another lesson with the same settings,
// loads it in a moment instead. report receives the epochs' reports as
// LoadOrTrain describes.
func TrainedNetwork(s Settings, report func(EpochReport)) (*Network, error) {
	path, err := CachePath(s)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("nnlesson: cannot make the cache folder: %w; set NNLESSON_CACHE to a folder you can write", err)
	}
	return LoadOrTrain(path, s, report)
}

// LoadOrTrain returns the network saved at path if it was trained with the
// settings s, and otherwise trains one on MNIST (see TrainNetwork, with the
// MNIST test set for the reports) and saves it at path, with its settings
// and its epoch reports.
//
// report, if not nil, gets the reports of every epoch: live while the
// network trains, or all at once from the file when it is loaded, so a
// cell that plots them draws the same chart either way (only Elapsed
// tells the first run's times).
//
// A file at path with other settings is replaced. A file that is not a
// saved network gives an error, and stays. If training succeeds but the
// file cannot be written, LoadOrTrain returns the network and the error.
func LoadOrTrain(path string, s Settings, report func(EpochReport)) (*Network, error) {
	net, training, err := loadFile(path)
	switch {
	case err == nil && training != nil && sameSettings(training.Settings, s):
		if report != nil {
			for _, e := range training.Epochs {
				report(e.report())
			}
		}
		return net, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%v; delete the file to train again", err)
	}
	train, test, err := LoadMNIST()
	if err != nil {
		return nil, err
	}
	training = &trainingFile{Settings: s}
	net, err = TrainNetwork(s, train, test, func(r EpochReport) {
		training.Epochs = append(training.Epochs, record(r))
		if report != nil {
			report(r)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := net.saveFile(path, training); err != nil {
		return net, err
	}
	return net, nil
}

func sameSettings(a, b Settings) bool {
	return slices.Equal(a.Sizes, b.Sizes) && a.Eta == b.Eta && a.BatchSize == b.BatchSize &&
		a.Epochs == b.Epochs && a.Seed == b.Seed && a.TrainSize == b.TrainSize &&
		a.Hidden.Name == b.Hidden.Name
}

func record(r EpochReport) epochRecord {
	e := epochRecord{Epoch: r.Epoch, TrainCost: r.TrainCost, Seconds: r.Elapsed.Seconds()}
	if !math.IsNaN(r.TestCost) {
		e.TestCost = &r.TestCost
	}
	if !math.IsNaN(r.TestAccuracy) {
		e.TestAccuracy = &r.TestAccuracy
	}
	return e
}

func (e epochRecord) report() EpochReport {
	r := EpochReport{Epoch: e.Epoch, TrainCost: e.TrainCost, TestCost: math.NaN(), TestAccuracy: math.NaN(),
		Elapsed: time.Duration(e.Seconds * float64(time.Second))}
	if e.TestCost != nil {
		r.TestCost = *e.TestCost
	}
	if e.TestAccuracy != nil {
		r.TestAccuracy = *e.TestAccuracy
	}
	return r
}

// CacheDir returns the folder where TrainedNetwork keeps trained networks:
// the folder that the environment variable NNLESSON_CACHE names, or else
// nnlesson/ in the user's cache folder (os.UserCacheDir: ~/.cache/nnlesson
// on Linux).
func CacheDir() (string, error) {
	if dir := os.Getenv("NNLESSON_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("nnlesson: no folder for trained networks (%v); set NNLESSON_CACHE to one", err)
	}
	return filepath.Join(dir, "nnlesson"), nil
}

// CachePath returns the file in which TrainedNetwork keeps the network
// trained with s, e.g.
//
//	~/.cache/nnlesson/mnist-784-16-16-10-eta0.5-batch10-epochs10-seed1-v2-3f2a9c1e.json
//
// The name spells out the settings; its end changes with the training code's
// version and the data folder (see MNISTDir), so that a change of either
// trains anew.
func CachePath(s Settings) (string, error) {
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	data, err := MNISTDir()
	if err != nil {
		return "", err
	}
	h := fnv.New32a()
	io.WriteString(h, data)
	name := fmt.Sprintf("mnist-%s-eta%g-batch%d-epochs%d-seed%d", sizesString(s.Sizes), s.Eta, s.BatchSize, s.Epochs, s.Seed)
	if s.TrainSize > 0 {
		name += fmt.Sprintf("-train%d", s.TrainSize)
	}
	if s.Hidden.F != nil {
		name += "-hidden-" + s.Hidden.Name
	}
	name += fmt.Sprintf("-v%d-%08x.json", trainingVersion, h.Sum32())
	return filepath.Join(dir, name), nil
}

// trainingVersion changes whenever a change to the code would train a
// different network from the same settings; it retires old cache files.
const trainingVersion = 2
