// Package trained keeps trained networks: a file format that a person can
// read (Save, Load), and a cache of networks trained on MNIST (Network), so
// that a notebook cell, the next cell or the next lesson trains a network
// once and loads it afterwards — every %% cell of a lesson is a program of
// its own, and only what is on disk survives from one cell to the next.
//
//	net, err := trained.Network(training.DefaultSettings(), nil)
//
// The cache lives in the folder CacheDir names ($NNLESSON_CACHE, or
// nnlesson/ in the user's cache folder). A cache file is only a cache: one
// that cannot be read is trained over, and a folder that cannot be written
// costs a warning, not the network.
package trained

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/training"
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
//	  "training": {…}        ← only in the cache's files (see Network)
//	}
//
// "layers" lists layers 1 … L in order; W^(L) has one row per neuron of
// layer L and one column per neuron of layer L−1. The numbers are written
// with as many digits as it takes to read back the same float64, so a
// loaded network computes exactly what the saved one did. The optional
// "training" part holds the settings and the epoch reports of the training
// that made the network.
const (
	fileFormat  = "nnlesson network"
	fileVersion = 1
)

// MaxFileBytes is the largest file Load reads: 256 MB. The course's
// networks take a few MB at most; a larger file is refused before it is
// read into memory.
const MaxFileBytes = 256 << 20

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

// trainingFile records how a cached network was trained.
type trainingFile struct {
	Settings settingsFile  `json:"settings"`
	Epochs   []epochRecord `json:"epochs"`
}

// settingsFile is training.Settings as JSON: the hidden activation by name.
type settingsFile struct {
	Sizes     []int   `json:"Sizes"`
	Eta       float64 `json:"Eta"`
	BatchSize int     `json:"BatchSize"`
	Epochs    int     `json:"Epochs"`
	Seed      uint64  `json:"Seed"`
	TrainSize int     `json:"TrainSize"`
	Hidden    string  `json:"Hidden"`
}

func settingsRecord(s training.Settings) settingsFile {
	return settingsFile{Sizes: s.Sizes, Eta: s.Eta, BatchSize: s.BatchSize, Epochs: s.Epochs, Seed: s.Seed, TrainSize: s.TrainSize, Hidden: s.Hidden.Name}
}

// epochRecord is a training.EpochReport as JSON, which has no NaN: a
// missing test measurement is null.
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
// (see nnlesson.Known), if a weight or bias is NaN or infinite, or if w
// fails.
func Save(w io.Writer, net *nnlesson.Network) error {
	return save(w, net, nil)
}

func save(w io.Writer, net *nnlesson.Network, training *trainingFile) error {
	if net == nil {
		return errors.New("trained: there is no network to save (nil)")
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"sizes\": %s,\n  \"layers\": [\n", fileFormat, fileVersion, mustJSON(net.Sizes()))
	for L := 1; L <= net.Layers(); L++ {
		f := net.Activation(L)
		if !nnlesson.Known(f) {
			return fmt.Errorf("trained: cannot save layer %d: its activation %q is not one of the lecture's (sigmoid, relu), which Load would know", L, f.Name)
		}
		if err := checkFinite(net, L); err != nil {
			return err
		}
		fmt.Fprintf(bw, "    {\"layer\": %d, \"activation\": %q,\n     \"b\": %s,\n     \"w\": [\n", L, f.Name, mustJSON(net.B(L).RawVector().Data))
		rows, _ := net.W(L).Dims()
		for j := range rows {
			sep := ","
			if j == rows-1 {
				sep = ""
			}
			fmt.Fprintf(bw, "      %s%s\n", mustJSON(net.W(L).RawRowView(j)), sep)
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
		panic("trained: " + err.Error()) // only finite numbers get here
	}
	return b
}

func checkFinite(net *nnlesson.Network, L int) error {
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	w, b := net.W(L), net.B(L)
	rows, _ := w.Dims()
	for j := range rows {
		for k, v := range w.RawRowView(j) {
			if bad(v) {
				return fmt.Errorf("trained: cannot save the network: weight w_%d,%d^(%d) is %g (training diverged?)", j, k, L, v)
			}
		}
		if v := b.AtVec(j); bad(v) {
			return fmt.Errorf("trained: cannot save the network: bias b_%d^(%d) is %g (training diverged?)", j, L, v)
		}
	}
	return nil
}

// Load reads a network that Save wrote. It returns an error, naming the
// layer and the size at fault, if the data is not such a network: not
// JSON, another format or version, sizes that cannot make a network
// (nnlesson.CheckSizes), sizes that do not agree with the weights and
// biases, or an activation it does not know. It reads at most MaxFileBytes,
// and allocates no more than what it has read justifies: the weights a
// file claims are counted in the file before any matrix is made.
func Load(r io.Reader) (*nnlesson.Network, error) {
	net, _, err := load(r)
	return net, err
}

func load(r io.Reader) (*nnlesson.Network, *trainingFile, error) {
	var file networkFile
	limited := &io.LimitedReader{R: r, N: MaxFileBytes + 1}
	dec := json.NewDecoder(limited)
	if err := dec.Decode(&file); err != nil {
		if limited.N <= 0 {
			return nil, nil, fmt.Errorf("trained: not a saved network of this course: it is larger than %d MB", MaxFileBytes>>20)
		}
		return nil, nil, fmt.Errorf("trained: not a saved network, or the file is corrupt or truncated: %v", err)
	}
	if file.Format != fileFormat {
		return nil, nil, fmt.Errorf("trained: not a saved network: its format is %q, expected %q", file.Format, fileFormat)
	}
	if file.Version != fileVersion {
		return nil, nil, fmt.Errorf("trained: the saved network has format version %d; this course reads version %d", file.Version, fileVersion)
	}
	sizes := file.Sizes
	if err := nnlesson.CheckSizes(sizes); err != nil {
		return nil, nil, fmt.Errorf("trained: the saved network's sizes %v: %s", sizes, strings.TrimPrefix(err.Error(), "nnlesson: "))
	}
	if len(file.Layers) != len(sizes)-1 {
		return nil, nil, fmt.Errorf("trained: the saved network has %d layers of sizes, so it needs %d layers of weights, but the file has %d", len(sizes), len(sizes)-1, len(file.Layers))
	}
	// Every row and every weight the sizes claim must be in the file before
	// a network of those sizes is made.
	activations := make([]nnlesson.Activation, len(sizes))
	for L := 1; L < len(sizes); L++ {
		layer := file.Layers[L-1]
		n, nPrev := sizes[L], sizes[L-1]
		if layer.Layer != L {
			return nil, nil, fmt.Errorf("trained: the saved network lists layer %d where layer %d should be", layer.Layer, L)
		}
		f, err := nnlesson.ActivationByName(layer.Activation)
		if err != nil {
			return nil, nil, fmt.Errorf("trained: layer %d of the saved network: %v", L, strings.TrimPrefix(err.Error(), "nnlesson: "))
		}
		activations[L] = f
		if len(layer.B) != n {
			return nil, nil, fmt.Errorf("trained: layer %d of the saved network has %d neurons but %d biases", L, n, len(layer.B))
		}
		if len(layer.W) != n {
			return nil, nil, fmt.Errorf("trained: layer %d of the saved network has %d neurons but W^(%d) has %d rows", L, n, L, len(layer.W))
		}
		for j, row := range layer.W {
			if len(row) != nPrev {
				return nil, nil, fmt.Errorf("trained: row %d of W^(%d) in the saved network has %d weights, but layer %d has %d neurons", j, L, len(row), L-1, nPrev)
			}
		}
	}
	// The sizes are what the file holds: make the network and fill it in.
	net := nnlesson.NewNetwork(sizes, rand.New(rand.NewPCG(0, 0)))
	for L := 1; L < len(sizes); L++ {
		layer := file.Layers[L-1]
		net.SetActivation(L, activations[L])
		for j, row := range layer.W {
			copy(net.W(L).RawRowView(j), row)
		}
		copy(net.B(L).RawVector().Data, layer.B)
	}
	return net, file.Training, nil
}

// SaveFile saves the network to the file at path (see Save), replacing it
// if it exists. It writes a temporary file first and renames it, so that a
// reader never sees half a network.
func SaveFile(path string, net *nnlesson.Network) error {
	return saveFile(path, net, nil)
}

func saveFile(path string, net *nnlesson.Network, training *trainingFile) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("trained: cannot save the network: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := save(tmp, net, training); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("trained: cannot save the network: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp made it private
		return fmt.Errorf("trained: cannot save the network: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("trained: cannot save the network: %w", err)
	}
	return nil
}

// LoadFile reads a network from the file at path (see Load).
func LoadFile(path string) (*nnlesson.Network, error) {
	net, _, err := loadFile(path)
	return net, err
}

func loadFile(path string) (*nnlesson.Network, *trainingFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("trained: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("trained: %s is not a file", path)
	}
	net, training, err := load(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%v (file %s)", err, path)
	}
	return net, training, nil
}
