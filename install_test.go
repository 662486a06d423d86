// The tests of install.sh where it cannot go on: each must stop with a
// message that names what is missing and how to get it, before it changes
// anything. (Its whole run, and a second run that changes nothing, are
// tested by binder/postbuild_test.go and by CI, which runs it for real.)
package course

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// runInstall runs install.sh with PATH holding only the folder bin: the
// shell's basic tools, linked in, and whatever the test put there.
func runInstall(t *testing.T, bin string, env ...string) (string, error) {
	t.Helper()
	for _, tool := range []string{"bash", "sed", "sort", "head", "id", "uname", "printf", "dirname", "cat", "grep", "tr", "env"} {
		path, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("install.sh's test needs %s: %v", tool, err)
		}
		if err := os.Symlink(path, filepath.Join(bin, tool)); err != nil && !os.IsExist(err) {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(filepath.Join(bin, "bash"), "install.sh")
	cmd.Env = append([]string{"PATH=" + bin, "HOME=" + t.TempDir(), "NNLESSON_GO_DIRS=" + t.TempDir()}, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// fakeGo writes a go command into bin that reports version v for
// `go env GOVERSION` and hands everything else to the real go.
func fakeGo(t *testing.T, bin, v string) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	script := "#!" + mustLookPath(t, "bash") + "\n" +
		`if [ "$1 $2" = "env GOVERSION" ]; then echo ` + v + `; exit 0; fi` + "\n" +
		`exec ` + real + ` "$@"` + "\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustLookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("no %s: %v", name, err)
	}
	return p
}

func wantStop(t *testing.T, out string, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("install.sh went on; it should have stopped:\n%s", out)
	}
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("install.sh's message does not say %q:\n%s", w, out)
		}
	}
}

func TestInstallWithoutGo(t *testing.T) {
	out, err := runInstall(t, t.TempDir())
	wantStop(t, out, err, "Go is not installed (or not on PATH)", "Install Go 1.24.4 or newer from https://go.dev/doc/install", "run ./install.sh again")
}

// TestInstallFindsGoOffPath: a login PATH without the official archive's
// folder (/usr/local/go/bin) is not "Go is not installed": install.sh uses
// the go it finds there, says so, and goes on (here, to the Jupyter check).
func TestInstallFindsGoOffPath(t *testing.T) {
	goDir := filepath.Join(t.TempDir(), "go", "bin")
	if err := os.MkdirAll(goDir, 0o755); err != nil {
		t.Fatal(err)
	}
	fakeGo(t, goDir, strings.TrimSpace(goVersion(t)))
	out, err := runInstall(t, t.TempDir(), "NNLESSON_GO_DIRS=/nonexistent:"+goDir)
	wantStop(t, out, err, "go is not on your PATH; using "+goDir+"/go", "Jupyter is not installed")
	if strings.Contains(out, "Go is not installed") {
		t.Errorf("install.sh did not use the go it found:\n%s", out)
	}
}

func TestInstallWithOldGo(t *testing.T) {
	bin := t.TempDir()
	fakeGo(t, bin, "go1.22.5")
	out, err := runInstall(t, bin)
	wantStop(t, out, err, "Go 1.22.5 is too old: this course needs Go 1.24.4 or newer", "install.sh never downloads a Go toolchain")
}

// TestInstallWithNoWayToJupyter: a Go that will do, but no Jupyter and none
// of apt-get, Homebrew, pipx or python3 to install it with.
func TestInstallWithNoWayToJupyter(t *testing.T) {
	bin := t.TempDir()
	fakeGo(t, bin, strings.TrimSpace(goVersion(t)))
	out, err := runInstall(t, bin)
	wantStop(t, out, err, "Jupyter is not installed and this script knows no way to install it here",
		"apt-get install jupyter-notebook jupyter-nbconvert jupyter-client", "brew install jupyterlab")
	if strings.Contains(out, "Downloading the Go modules") {
		t.Errorf("install.sh went past Jupyter before stopping:\n%s", out)
	}
}

func goVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Skip(err)
	}
	return string(out)
}

// TestInstallPathWithSpace installs the course as a laptop user would, from
// a folder whose path has a space and a Polish letter, into a home folder
// that has them too (a Polish user's /home/łukasz), and runs a lesson from
// there through Jupyter: the kernel must be registered right (its JSON
// written by a JSON writer, not sed), and the lesson's first cell must link
// the course (a quoted "${GONB_DIR}/..").
func TestInstallPathWithSpace(t *testing.T) {
	notebooktest.RequireJupyter(t)
	if testing.Short() {
		t.Skip("installs the course and runs a lesson: not in -short")
	}
	tmp := t.TempDir()
	root := filepath.Join(tmp, "zajęcia z sieci", "kurs ł")
	home := filepath.Join(tmp, "home", "łukasz nowak")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	copyCourse(t, root)

	// PATH: the shell's tools, Go and Jupyter, but not Node.js (the handouts'
	// typesetter, which would come from the npm registry, is not the point).
	bin := filepath.Join(tmp, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tool := range []string{"bash", "sed", "sort", "head", "id", "uname", "dirname", "cat", "grep", "tr", "env", "cut", "rm", "mkdir", "ln", "go",
		"jupyter", "jupyter-nbconvert", "jupyter-kernelspec", "jupyter-notebook", "jupyter-lab", "python3"} {
		if p, err := exec.LookPath(tool); err == nil {
			if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
				t.Fatal(err)
			}
		}
	}
	goEnv := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	env := []string{"HOME=" + home, "PATH=" + bin, "LANG=C.UTF-8",
		// This machine's caches: the test is about the folder names, not
		// about downloading and compiling gonum again.
		"GOMODCACHE=" + goEnv("GOMODCACHE"), "GOCACHE=" + goEnv("GOCACHE"), "GOFLAGS=",
		"GOPROXY=file://" + filepath.Join(goEnv("GOMODCACHE"), "cache", "download") + "," + goEnv("GOPROXY")}
	install := func() string {
		t.Helper()
		cmd := exec.Command("bash", filepath.Join(root, "install.sh"))
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("install.sh in %q: %v\n%s", root, err, out)
		}
		return string(out)
	}
	install()

	// The kernel: registered in the home, running the gonb installed there,
	// with a PATH that holds the folder names as they are.
	kernel := filepath.Join(home, ".local", "share", "jupyter", "kernels", "gonb", "kernel.json")
	b, err := os.ReadFile(kernel)
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv []string          `json:"argv"`
		Env  map[string]string `json:"env"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatalf("%s is not valid JSON: %v\n%s", kernel, err, b)
	}
	if len(spec.Argv) == 0 || spec.Argv[0] != filepath.Join(home, "go", "bin", "gonb") {
		t.Errorf("the kernel runs %q; want %s", spec.Argv, filepath.Join(home, "go", "bin", "gonb"))
	}
	if want := filepath.Join(root, "classroom", "kernel", "with-gopls") + ":" + filepath.Join(home, "go", "bin") + ":"; !strings.HasPrefix(spec.Env["PATH"], want) {
		t.Errorf("the kernel's PATH is %q; want it to start with %q", spec.Env["PATH"], want)
	}
	if out := install(); !strings.Contains(out, "already registered") {
		t.Errorf("a second install.sh did not find the kernel registered:\n%s", out)
	}

	// A lesson, from the folder with the space, through Jupyter.
	lesson := filepath.Join(root, "notebooks", "02-neuron.ipynb")
	cmd := exec.Command("jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=gonb", "--ExecutePreprocessor.timeout=600",
		"--output-dir", filepath.Join(tmp, "executed"), lesson)
	cmd.Dir = filepath.Dir(lesson)
	cmd.Env = append(env, "PYDEVD_DISABLE_FILE_VALIDATION=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the lesson did not run: %v\n%s", err, out)
	}
	nb, err := notebook.Read(filepath.Join(tmp, "executed", "02-neuron.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range nb.Problems() {
		t.Errorf("lesson 2 from %q: %s", root, p)
	}
}

// copyCourse copies the course's files (those git tracks, or the folder's
// files when it is not a git checkout) into dst.
func copyCourse(t *testing.T, dst string) {
	t.Helper()
	var files []string
	if out, err := exec.Command("git", "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		files = strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	} else {
		filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if err == nil && d.Type().IsRegular() {
				files = append(files, path)
			}
			return err
		})
	}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			continue // deleted in the work tree
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dst, f)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, b, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}
