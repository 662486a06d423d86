package trained

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	net := nnlesson.NewNetwork([]int{6, 4, 3, 2}, rand.New(rand.NewPCG(1, 2)))
	net.SetActivation(1, nnlesson.ReLUActivation)
	var buf bytes.Buffer
	if err := Save(&buf, net); err != nil {
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
	net := nnlesson.NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	var buf bytes.Buffer
	if err := Save(&buf, net); err != nil {
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
		{"bad sizes", edited(func(f map[string]any) { f["sizes"] = []int{3} }), "sizes [3]: a network needs at least two layers"},
		{"more sizes than layers", edited(func(f map[string]any) { f["sizes"] = []int{3, 2, 2, 2} }), "has 4 layers of sizes, so it needs 3 layers of weights, but the file has 2"},
		{"absurd sizes", edited(func(f map[string]any) { f["sizes"] = []float64{1e9, 2000, 2} }), "needs 16 TB of memory"},
		{"sizes larger than the rows", edited(func(f map[string]any) { f["sizes"] = []float64{3, 4e6, 2} }), "layer 1 of the saved network has 4000000 neurons but 2 biases"},
		{"a row too short", edited(func(f map[string]any) { layer(f, 2)["w"].([]any)[1] = []float64{1} }), "row 1 of W^(2) in the saved network has 1 weights, but layer 1 has 2 neurons"},
		{"a row missing", edited(func(f map[string]any) { layer(f, 1)["w"] = layer(f, 1)["w"].([]any)[:1] }), "layer 1 of the saved network has 2 neurons but W^(1) has 1 rows"},
		{"a bias missing", edited(func(f map[string]any) { layer(f, 2)["b"] = []float64{1} }), "layer 2 of the saved network has 2 neurons but 1 biases"},
		{"unknown activation", edited(func(f map[string]any) { layer(f, 1)["activation"] = "tanh" }), `layer 1 of the saved network: unknown activation "tanh"`},
		{"layers swapped", edited(func(f map[string]any) { layer(f, 1)["layer"] = 2 }), "lists layer 2 where layer 1 should be"},
	} {
		_, err := Load(strings.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "trained: ") {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestSaveRefuses(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	net.W(2).Set(1, 0, math.NaN())
	if err := Save(new(bytes.Buffer), net); err == nil || !strings.Contains(err.Error(), "weight w_1,0^(2) is NaN") {
		t.Errorf("NaN weight: error %v", err)
	}
	net = nnlesson.NewNetwork([]int{3, 2, 2}, rand.New(rand.NewPCG(1, 2)))
	net.SetActivation(1, nnlesson.Activation{Name: "sigmoid", F: nnlesson.ReLU, Prime: nnlesson.ReLUPrime}) // not the real sigmoid
	if err := Save(new(bytes.Buffer), net); err == nil || !strings.Contains(err.Error(), `layer 1: its activation "sigmoid" is not one of the lecture's`) {
		t.Errorf("an unknown activation: error %v", err)
	}
}

func TestSaveFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.json")
	net := nnlesson.NewNetwork([]int{4, 3, 10}, rand.New(rand.NewPCG(1, 2)))
	if err := SaveFile(path, net); err != nil {
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
	if err := SaveFile(filepath.Join(path+".missing", "net.json"), net); err == nil || !strings.HasPrefix(err.Error(), "trained: cannot save") {
		t.Errorf("save into a missing folder: error %v", err)
	}
}

// A file that claims a huge network in a few bytes is refused without
// allocating what it claims.
func TestLoadAllocatesWhatTheFileHolds(t *testing.T) {
	for _, file := range []string{
		`{"format": "nnlesson network", "version": 1, "sizes": [1000000000000, 2], "layers": [{"layer": 1, "activation": "sigmoid", "b": [0, 0], "w": [[1], [2]]}]}`,
		`{"format": "nnlesson network", "version": 1, "sizes": [1000000000000000000, 2], "layers": []}`,
		`{"format": "nnlesson network", "version": 1, "sizes": [400000000, 2], "layers": [{"layer": 1, "activation": "sigmoid", "b": [0, 0], "w": [[1], [2]]}]}`,
		`{"format": "nnlesson network", "version": 1, "sizes": [40000000, 2], "layers": [{"layer": 1, "activation": "sigmoid", "b": [0, 0], "w": [[1], [2]]}]}`,
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Load(strings.NewReader(file))
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("Load of %d bytes claiming a huge network succeeded", len(file))
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
			t.Errorf("Load of %d bytes allocated %d kB before refusing (%v)", len(file), grown>>10, err)
		}
	}
}

// A file larger than MaxFileBytes is refused after reading no more than
// that.
func TestLoadRefusesHugeFiles(t *testing.T) {
	huge := io.MultiReader(strings.NewReader(`{"format": "nnlesson network", "version": 1, "sizes": [2, 2], "x": "`), endless{})
	_, err := Load(huge)
	if err == nil || !strings.Contains(err.Error(), "larger than 256 MB") {
		t.Errorf("an endless file: error %v, want one that says it is too large", err)
	}
}

// endless is a reader of endless "a"s.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
