package nnlesson

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	net := NewNetwork([]int{6, 4, 3, 2}, rand.New(rand.NewPCG(1, 2)))
	net.SetActivation(1, ReLUActivation)
	var buf bytes.Buffer
	if err := net.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("Save wrote invalid JSON:\n%s", buf.String())
	}
	for _, want := range []string{`"format": "nnlesson network"`, `"sizes": [6,4,3,2]`, `"activation": "relu"`, `"activation": "sigmoid"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the saved file has no %s:\n%s", want, buf.String())
		}
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Params(), net.Params()) || !slices.Equal(got.Sizes(), net.Sizes()) {
		t.Error("the loaded network's parameters differ from the saved ones")
	}
	for L := 1; L <= 3; L++ {
		if got.Activation(L).Name != net.Activation(L).Name {
			t.Errorf("layer %d: activation %s, saved %s", L, got.Activation(L).Name, net.Activation(L).Name)
		}
	}
	x := []float64{0.1, 0.9, 0, 0.5, 1, 0.3}
	if !slices.Equal(got.FeedForward(x), net.FeedForward(x)) {
		t.Error("the loaded network computes something else")
	}
}

func TestLoadErrors(t *testing.T) {
	net := NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	var buf bytes.Buffer
	if err := net.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	var file map[string]any
	if err := json.Unmarshal(buf.Bytes(), &file); err != nil {
		t.Fatal(err)
	}
	edited := func(edit func(f map[string]any)) string {
		var f map[string]any
		json.Unmarshal(buf.Bytes(), &f)
		edit(f)
		b, _ := json.Marshal(f)
		return string(b)
	}
	layer := func(f map[string]any, L int) map[string]any { return f["layers"].([]any)[L-1].(map[string]any) }
	for _, c := range []struct {
		name, file, want string
	}{
		{"empty", "", "not a saved network, or the file is corrupt or truncated"},
		{"truncated", good[:len(good)/2], "corrupt or truncated"},
		{"other JSON", `{"hello": 1}`, `its format is ""`},
		{"version 2", edited(func(f map[string]any) { f["version"] = 2 }), "format version 2"},
		{"bad sizes", edited(func(f map[string]any) { f["sizes"] = []int{3} }), "sizes [3] are not a network's"},
		{"more sizes than layers", edited(func(f map[string]any) { f["sizes"] = []int{3, 2, 2, 2} }), "3-2-2-2, so it needs 3 layers of weights, but the file has 2"},
		{"a row too short", edited(func(f map[string]any) { layer(f, 2)["w"].([]any)[1] = []float64{1} }), "row 1 of W^(2) in the saved network has 1 weights, but layer 1 has 2 neurons"},
		{"a row missing", edited(func(f map[string]any) { layer(f, 1)["w"] = layer(f, 1)["w"].([]any)[:1] }), "layer 1 of the saved network has 2 neurons but W^(1) has 1 rows"},
		{"a bias missing", edited(func(f map[string]any) { layer(f, 2)["b"] = []float64{1} }), "layer 2 of the saved network has 2 neurons but 1 biases"},
		{"unknown activation", edited(func(f map[string]any) { layer(f, 1)["activation"] = "tanh" }), `layer 1 of the saved network: unknown activation "tanh"`},
		{"layers swapped", edited(func(f map[string]any) { layer(f, 1)["layer"] = 2 }), "lists layer 2 where layer 1 should be"},
	} {
		_, err := Load(strings.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "nnlesson: ") {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestSaveRefuses(t *testing.T) {
	net := NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	net.W(2).Set(1, 0, math.NaN())
	if err := net.Save(new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "weight w_1,0^(2) is NaN") {
		t.Errorf("NaN weight: error %v", err)
	}
	net = NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	net.SetActivation(1, Activation{Name: "sigmoid", F: ReLU, Prime: ReLUPrime}) // not the real sigmoid
	if err := net.Save(new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), `layer 1: its activation "sigmoid" is not one of the lecture's`) {
		t.Errorf("an unknown activation: error %v", err)
	}
}

func TestSaveFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.json")
	net := NewNetwork([]int{4, 3, 10}, rand.New(rand.NewPCG(1, 2)))
	if err := net.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadFile(path)
	if err != nil || !slices.Equal(got.Params(), net.Params()) {
		t.Errorf("LoadFile: %v, or other parameters", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("SaveFile left %d files, want 1 (no temporary file)", len(entries))
	}
	if _, err := LoadFile(path + ".missing"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: error %v", err)
	}
	if err := net.SaveFile(filepath.Join(path+".missing", "net.json")); err == nil || !strings.HasPrefix(err.Error(), "nnlesson: cannot save") {
		t.Errorf("save into a missing folder: error %v", err)
	}
}

// TestLoadOrTrain trains a small network on the first 2,000 MNIST images
// once, then loads it, replaying the reports, and trains again when the
// settings change.
func TestLoadOrTrain(t *testing.T) {
	realMNIST(t)
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	s := Settings{Sizes: []int{784, 10, 10}, Eta: 1, BatchSize: 10, Epochs: 2, Seed: 3, TrainSize: 2000}
	path, err := CachePath(s)
	if err != nil {
		t.Fatal(err)
	}
	if base := filepath.Base(path); !strings.HasPrefix(base, "mnist-784-10-10-eta1-batch10-epochs2-seed3-train2000-v"+strconv.Itoa(trainingVersion)+"-") || filepath.Dir(path) != os.Getenv("NNLESSON_CACHE") {
		t.Errorf("CachePath = %s", path)
	}
	var first, second []EpochReport
	net1, err := TrainedNetwork(s, func(r EpochReport) { first = append(first, r) })
	if err != nil {
		t.Fatal(err)
	}
	info1, err := os.Stat(path)
	if err != nil {
		t.Fatalf("TrainedNetwork saved no file: %v", err)
	}
	net2, err := TrainedNetwork(s, func(r EpochReport) { second = append(second, r) })
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
	// A file that is not a network stays, with an error.
	os.WriteFile(path, []byte("my notes"), 0o644)
	if _, err := LoadOrTrain(path, s, nil); err == nil || !strings.Contains(err.Error(), "delete the file") {
		t.Errorf("a file that is not a network: error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "my notes" {
		t.Error("LoadOrTrain overwrote a file that is not a network")
	}
}

// TestHiddenActivationSetting: Settings.Hidden chooses the hidden layers'
// activation, names its own cache file, and survives the cache round trip.
func TestHiddenActivationSetting(t *testing.T) {
	realMNIST(t)
	t.Setenv("NNLESSON_CACHE", t.TempDir())
	s := Settings{Sizes: []int{784, 10, 10}, Eta: 0.1, BatchSize: 10, Epochs: 1, Seed: 3, TrainSize: 1000, Hidden: ReLUActivation}
	net, err := TrainedNetwork(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := net.String(); got != "784-10-10 network (relu, sigmoid)" {
		t.Errorf("trained %s, want relu hidden and a sigmoid output", got)
	}
	relu, _ := CachePath(s)
	s.Hidden = Activation{}
	sigmoid, _ := CachePath(s)
	if relu == sigmoid || !strings.Contains(relu, "-hidden-relu-") {
		t.Errorf("the relu and sigmoid settings share a cache file: %s, %s", relu, sigmoid)
	}
	// Loaded from the cache: the same network, the settings read back.
	s.Hidden = ReLUActivation
	again, err := LoadOrTrain(relu, s, nil)
	if err != nil || !slices.Equal(again.Params(), net.Params()) || again.Activation(1).Name != "relu" {
		t.Errorf("the cached relu network did not come back as it was: %v", err)
	}
	if !strings.HasSuffix(s.String(), ", hidden layers relu") {
		t.Errorf("Settings print as %q", s)
	}
	s.Hidden = Activation{Name: "tanh", F: math.Tanh}
	train, _ := realMNIST(t)
	if err := s.Check(train); err == nil || !strings.Contains(err.Error(), `Settings.Hidden is "tanh"; use nnlesson.SigmoidActivation or nnlesson.ReLUActivation`) {
		t.Errorf("an unknown activation gives %v", err)
	}
}
