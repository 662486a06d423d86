package trained

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/training"
)

// realMNIST skips the test if the data is not downloaded — except under
// CI=true, where missing data is a failure.
func realMNIST(t testing.TB) *mnist.Dataset {
	t.Helper()
	train, _, err := mnist.Load()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("MNIST is not here (%v); run ./install.sh to test with it", err)
	}
	return train
}

// warnings records what the package warns about during the test.
func warnings(t *testing.T) *[]string {
	var got []string
	old := warn
	warn = func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) }
	t.Cleanup(func() { warn = old })
	return &got
}

var small = training.Settings{Sizes: []int{784, 10, 10}, Eta: 1, BatchSize: 10, Epochs: 2, Seed: 3, TrainSize: 2000}

// TestNetwork trains a small network on the first 2,000 MNIST images
// once, then loads it, replaying the reports, and trains again when the
// settings change.
func TestNetwork(t *testing.T) {
	realMNIST(t)
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	s := small
	path, err := CachePath(s)
	if err != nil {
		t.Fatal(err)
	}
	if base := filepath.Base(path); base != "mnist-784-10-10-eta1-batch10-epochs2-seed3-train2000-v"+strconv.Itoa(trainingVersion)+".json" || filepath.Dir(path) != os.Getenv("NNLESSON_CACHE") {
		t.Errorf("CachePath = %s", path)
	}
	var first, second []training.EpochReport
	net1, err := Network(s, func(r training.EpochReport) { first = append(first, r) })
	if err != nil {
		t.Fatal(err)
	}
	info1, err := os.Stat(path)
	if err != nil {
		t.Fatalf("Network saved no file: %v", err)
	}
	net2, err := Network(s, func(r training.EpochReport) { second = append(second, r) })
	if err != nil {
		t.Fatal(err)
	}
	if info2, _ := os.Stat(path); !info2.ModTime().Equal(info1.ModTime()) {
		t.Error("the second call wrote the file again")
	}
	if !slices.Equal(net1.Params(), net2.Params()) {
		t.Error("the loaded network differs from the trained one")
	}
	if len(first) != 2 || len(second) != 2 {
		t.Fatalf("%d reports while training, %d when loading; want 2 and 2", len(first), len(second))
	}
	for k := range first {
		f, s := first[k], second[k]
		if f.Epoch != s.Epoch || f.TrainCost != s.TrainCost || f.TestCost != s.TestCost || f.TestAccuracy != s.TestAccuracy ||
			(f.Elapsed-s.Elapsed).Abs() > time.Microsecond {
			t.Errorf("epoch %d: report %+v when training, %+v when loading", k+1, f, s)
		}
	}
	// The file is a saved network like any other.
	if net3, err := LoadFile(path); err != nil || !slices.Equal(net3.Params(), net1.Params()) {
		t.Errorf("LoadFile of the cache: %v", err)
	}
	// Other settings at the same path: trained anew, the file replaced.
	s.Seed = 4
	net4, err := LoadOrTrain(path, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(net4.Params(), net1.Params()) {
		t.Error("other settings gave the same network: it was loaded, not trained")
	}
}

// A cache file that cannot be read is only a cache: it is trained over,
// once, with a warning, and the next call loads the new file.
func TestNetworkTrainsOverABrokenFile(t *testing.T) {
	realMNIST(t)
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	warned := warnings(t)
	path, _ := CachePath(small)
	want, err := Network(small, nil)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	for name, broken := range map[string][]byte{"truncated": good[:len(good)/3], "not a network": []byte("my notes"), "empty": nil} {
		*warned = nil
		os.WriteFile(path, broken, 0o644)
		net, err := Network(small, nil)
		if err != nil || !slices.Equal(net.Params(), want.Params()) {
			t.Errorf("%s: Network = %v; want the network trained again", name, err)
		}
		if len(*warned) != 1 || !strings.Contains((*warned)[0], "could not be read") || !strings.Contains((*warned)[0], "training it again") {
			t.Errorf("%s: warnings %q, want one that says the file was unreadable and is trained again", name, *warned)
		}
		*warned = nil
		if _, err := Network(small, nil); err != nil || len(*warned) != 0 {
			t.Errorf("%s: the call after retraining: %v, warnings %q; want the new file loaded quietly", name, err, *warned)
		}
	}
}

// A cache folder that cannot be written costs a warning, not the network.
func TestNetworkWithAReadOnlyCache(t *testing.T) {
	realMNIST(t)
	if os.Geteuid() == 0 {
		t.Log("running as root, which may write anywhere: the cache is a file's path instead of a folder")
	}
	blocker := filepath.Join(t.TempDir(), "a file")
	os.WriteFile(blocker, []byte("not a folder"), 0o644)
	t.Setenv("NNLESSON_CACHE", filepath.Join(blocker, "cache")) // a folder inside a file can be made by no one
	warned := warnings(t)
	net, err := Network(small, nil)
	if err != nil || net == nil {
		t.Fatalf("Network with an unwritable cache: %v; want the network", err)
	}
	if len(*warned) != 1 || !strings.Contains((*warned)[0], "cannot make the folder") {
		t.Errorf("warnings %q; want one, for the folder", *warned)
	}
	// A folder that exists but cannot be written (as a student's read-only
	// copy of a course might): one warning, from the save.
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		t.Setenv("NNLESSON_CACHE", dir)
		*warned = nil
		if net, err := Network(small, nil); err != nil || net == nil {
			t.Fatalf("Network with a read-only cache folder: %v; want the network", err)
		}
		if len(*warned) != 1 || !strings.Contains((*warned)[0], "could not be kept") {
			t.Errorf("warnings %q; want one, that the network could not be kept", *warned)
		}
	}
}

// Settings are checked before anything touches the disk: a hidden
// activation whose name is a path makes no folders.
func TestNetworkChecksBeforeTouchingTheDisk(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("NNLESSON_CACHE", cache)
	s := small
	s.Hidden = nnlesson.Activation{Name: "x/../../escape", F: math.Tanh, Prime: math.Tanh}
	if _, err := Network(s, nil); err == nil || !strings.Contains(err.Error(), `Settings.Hidden is "x/../../escape"`) {
		t.Errorf("a hidden activation named like a path: error %v", err)
	}
	s = small
	s.Eta = -1
	if _, err := Network(s, nil); err == nil || !strings.Contains(err.Error(), "η = -1") {
		t.Errorf("η = -1: error %v", err)
	}
	if entries, err := os.ReadDir(filepath.Dir(cache)); err != nil || len(entries) != 0 {
		t.Errorf("bad settings touched the disk: %v, %d entries beside the cache", err, len(entries))
	}
}

// TestHiddenActivationSetting: Settings.Hidden chooses the hidden layers'
// activation, names its own cache file, and survives the cache round trip.
func TestHiddenActivationSetting(t *testing.T) {
	realMNIST(t)
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	s := training.Settings{Sizes: []int{784, 10, 10}, Eta: 0.1, BatchSize: 10, Epochs: 1, Seed: 3, TrainSize: 1000, Hidden: nnlesson.ReLUActivation}
	net, err := Network(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := net.String(); got != "784-10-10 network (relu, sigmoid)" {
		t.Errorf("trained %s, want relu hidden and a sigmoid output", got)
	}
	relu, _ := CachePath(s)
	s.Hidden = nnlesson.Activation{}
	sigmoid, _ := CachePath(s)
	if relu == sigmoid || !strings.Contains(relu, "-hidden-relu-") {
		t.Errorf("the relu and sigmoid settings share a cache file: %s, %s", relu, sigmoid)
	}
	// Loaded from the cache: the same network, the settings read back.
	s.Hidden = nnlesson.ReLUActivation
	again, err := LoadOrTrain(relu, s, nil)
	if err != nil || !slices.Equal(again.Params(), net.Params()) || again.Activation(1).Name != "relu" {
		t.Errorf("the cached relu network did not come back as it was: %v", err)
	}
}
