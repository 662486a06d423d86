// The tests of install.sh where it cannot go on: each must stop with a
// message that names what is missing and how to get it, before it changes
// anything. (Its whole run, and a second run that changes nothing, are
// tested by binder/postbuild_test.go and by CI, which runs it for real.)
package course

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runInstall runs install.sh with PATH holding only the folder bin: the
// shell's basic tools, linked in, and whatever the test put there.
func runInstall(t *testing.T, bin string) (string, error) {
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
	cmd.Env = []string{"PATH=" + bin, "HOME=" + t.TempDir()}
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
