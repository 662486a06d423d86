// Package binder holds the course's repo2docker configuration (apt.txt,
// postBuild) for BinderHub and JupyterHub; see README.md. Its test runs
// postBuild in a clean environment: what can be checked without Docker.
package binder

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestPostBuild runs postBuild as repo2docker would, in a fresh $HOME and a
// fresh NB_PYTHON_PREFIX holding a Go of its own, as conda-forge's go package
// puts it there (the prefix's go/ folder, linked from its bin/): postBuild
// must point Go's caches into the prefix, run install.sh, register the gonb
// kernel in the prefix, not in $HOME, with env naming those caches, leave
// Go's own go.env alone, and write the student's edition. The kernel then
// runs a lesson. A second run must change nothing.
//
// Not tested here (no Docker engine, no conda): repo2docker itself,
// environment.yml, and a hub.
func TestPostBuild(t *testing.T) {
	notebooktest.RequireJupyter(t)
	tmp := t.TempDir()
	home, prefix := filepath.Join(tmp, "home"), filepath.Join(tmp, "prefix")
	for _, dir := range []string{home, filepath.Join(prefix, "bin")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	goroot := condaGo(t, prefix)
	modcache := goEnv(t, "GOMODCACHE")
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "HOME", "PATH", "GOPATH", "GOROOT", "GOBIN", "GOPROXY", "GOFLAGS", "GOTOOLCHAIN",
			"JUPYTER_PATH", "JUPYTER_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "NB_PYTHON_PREFIX":
			continue
		}
		env = append(env, kv)
	}
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		t.Fatal(err)
	}
	env = append(env,
		"HOME="+home,
		"NB_PYTHON_PREFIX="+prefix,
		// The prefix's Go first, then only the system's programs (Jupyter).
		"PATH="+filepath.Join(prefix, "bin")+":"+filepath.Dir(jupyter)+":/usr/bin:/bin",
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"), // repo2docker's Jupyter looks there (sys.prefix)
		// Share this machine's module cache: the test is about the steps, not
		// about downloading gonum again.
		"GOMODCACHE="+modcache,
	)
	if dir := os.Getenv("GOCACHE"); dir != "" {
		env = append(env, "GOCACHE="+dir)
	} else {
		env = append(env, "GOCACHE="+goEnv(t, "GOCACHE"))
	}
	for _, s := range env {
		if strings.HasPrefix(s, "PATH=") && strings.Contains(s, "/usr/local/go/bin") {
			t.Fatalf("the test's PATH has a Go: %s", s)
		}
	}

	run := func(name string) string {
		t.Helper()
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "bash", "postBuild")
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s postBuild: %v\n%s", name, err, out.String())
		}
		t.Logf("%s postBuild took %.1fs", name, time.Since(start).Seconds())
		return out.String()
	}
	goenvBefore, err := os.ReadFile(filepath.Join(goroot, "go.env"))
	if err != nil {
		t.Fatal(err)
	}
	first := run("first")
	// Go's own go.env is Go's: a GOCACHE written there is shared by every
	// user of the machine (and was root's, when postBuild ran as root).
	if goenv, err := os.ReadFile(filepath.Join(goroot, "go.env")); err != nil || !bytes.Equal(goenv, goenvBefore) {
		t.Errorf("postBuild changed Go's own %s/go.env (%v):\n%s", goroot, err, goenv)
	}

	// The kernel: in the prefix, running the gonb of the prefix, with the
	// pinned Go on its PATH; nothing in $HOME.
	cmd := exec.Command("jupyter", "kernelspec", "list", "--json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var specs struct {
		KernelSpecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
			Spec        struct {
				Argv []string          `json:"argv"`
				Env  map[string]string `json:"env"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &specs); err != nil {
		t.Fatal(err)
	}
	gonb, ok := specs.KernelSpecs["gonb"]
	switch {
	case !ok:
		t.Fatalf("no gonb kernel registered:\n%s\npostBuild said:\n%s", out, first)
	case !strings.HasPrefix(gonb.ResourceDir, filepath.Join(prefix, "share", "jupyter", "kernels")):
		t.Errorf("the gonb kernel is in %s, want it in the prefix's share/jupyter/kernels", gonb.ResourceDir)
	case len(gonb.Spec.Argv) == 0 || gonb.Spec.Argv[0] != filepath.Join(prefix, "gopath", "bin", "gonb"):
		t.Errorf("the gonb kernel runs %v, want %s", gonb.Spec.Argv, filepath.Join(prefix, "gopath", "bin", "gonb"))
	case !strings.Contains(gonb.Spec.Env["PATH"], filepath.Join(goroot, "bin")):
		t.Errorf("the gonb kernel's PATH %q lacks the pinned Go %s", gonb.Spec.Env["PATH"], filepath.Join(goroot, "bin"))
	case gonb.Spec.Env["GOPATH"] != filepath.Join(prefix, "gopath") || gonb.Spec.Env["GOMODCACHE"] == "":
		t.Errorf("the gonb kernel's env %v does not name the image's GOPATH (%s) and GOMODCACHE", gonb.Spec.Env, filepath.Join(prefix, "gopath"))
	case os.Geteuid() != 0 && gonb.Spec.Env["GOCACHE"] == "":
		t.Errorf("the gonb kernel's env %v does not name the image's build cache", gonb.Spec.Env)
	case os.Geteuid() == 0 && gonb.Spec.Env["GOCACHE"] != "":
		// Run as root, the image's build cache is root's: every user of the
		// kernel would share it, and fail to write it (issue 10).
		t.Errorf("postBuild as root named root's build cache %s for every user's kernel", gonb.Spec.Env["GOCACHE"])
	}
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "jupyter", "kernels", "gonb")); err == nil {
		t.Error("a gonb kernel was left in $HOME, which a JupyterHub may hide")
	}
	for _, lesson := range []string{"02-neuron.ipynb", "pl/02-neuron.ipynb"} {
		if _, err := os.Stat(filepath.Join("..", "student", lesson)); err != nil {
			t.Errorf("postBuild wrote no student edition: %v", err)
		}
	}

	// The kernel runs a lesson, with nothing but the image's environment.
	lesson, err := filepath.Abs("../cmd/handouts/testdata/good/01-first.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	executed := filepath.Join(tmp, "executed")
	cmd = exec.Command("jupyter", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.kernel_name=gonb", "--output-dir", executed, lesson)
	cmd.Dir = filepath.Dir(lesson)
	cmd.Env = append(env, "PYDEVD_DISABLE_FILE_VALIDATION=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the image's kernel did not run a lesson: %v\n%s", err, out)
	}
	nb, err := notebook.Read(filepath.Join(executed, "01-first.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if f := nb.Failures(); len(f) > 0 || len(nb.Cells) < 3 || len(nb.Cells[2].Outputs) == 0 ||
		!strings.Contains(string(nb.Cells[2].Outputs[0].Text), "z = 2.00") {
		t.Errorf("the lesson ran with failures %v or without its output", f)
	}

	second := run("second")
	for _, want := range []string{"the kernel already finds the caches", "already registered", "already at"} {
		if !strings.Contains(second, want) {
			t.Errorf("the second postBuild did not find its work done (%q missing):\n%s", want, second)
		}
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// condaGo lays out a Go in prefix the way conda-forge's go package does — its
// folder at prefix/go, its command linked from prefix/bin — from this
// machine's Go: the files are symbolic links, except the go command (Go finds
// its folder from the command's real path) and go.env, which postBuild
// changes. It returns the new Go folder.
func condaGo(t *testing.T, prefix string) string {
	t.Helper()
	src := goEnv(t, "GOROOT")
	goroot := filepath.Join(prefix, "go")
	if out, err := exec.Command("cp", "-as", src, goroot).CombinedOutput(); err != nil {
		t.Fatalf("linking %s into %s: %v\n%s", src, goroot, err, out)
	}
	for _, f := range []string{filepath.Join("bin", "go"), "go.env"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(goroot, f)
		if err := os.Remove(dst); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(goroot, "bin", "go"), filepath.Join(prefix, "bin", "go")); err != nil {
		t.Fatal(err)
	}
	return goroot
}
