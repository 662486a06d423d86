package classroom

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestNoGoplsLeftRunning starts a GoNB kernel the way Jupyter does, with
// kernel/with-gopls first on its PATH as install.sh puts it, waits for its
// gopls, and kills the kernel as Jupyter does when a shutdown or restart
// times out (SIGKILL to the kernel's process group). GoNB starts gopls in a
// process group of its own, so without the wrapper gopls stayed for good.
func TestNoGoplsLeftRunning(t *testing.T) {
	notebooktest.RequireJupyter(t)
	tool := func(name string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		out, err := exec.Command("go", "env", "GOPATH").Output()
		if err == nil {
			p := filepath.Join(strings.TrimSpace(string(out)), "bin", name)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("no %s: run ./install.sh", name)
		}
		t.Skipf("no %s: run ./install.sh", name)
		return ""
	}
	gonb, gopls := tool("gonb"), tool("gopls")
	goBin, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	wrapper, err := filepath.Abs(filepath.Join("kernel", "with-gopls"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	spec := map[string]any{
		"argv":           []string{gonb, "--kernel", "{connection_file}"},
		"display_name":   "Go (test)",
		"language":       "go",
		"interrupt_mode": "message",
		"env": map[string]string{"PATH": strings.Join([]string{wrapper, filepath.Dir(gopls),
			filepath.Join(strings.TrimSpace(string(goBin)), "bin"), "/usr/local/bin", "/usr/bin", "/bin"}, ":")},
	}
	kdir := filepath.Join(tmp, "jupyter", "kernels", "gonb-test")
	if err := os.MkdirAll(kdir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(spec)
	if err := os.WriteFile(filepath.Join(kdir, "kernel.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Start the kernel, wait until GoNB has started gopls, print gopls's
	// pid, and kill the kernel as Jupyter's kernel manager does.
	script := `
import os, subprocess, sys, time
from jupyter_client import KernelManager
km = KernelManager(kernel_name="gonb-test")
km.start_kernel()
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=120)
pid = None
for _ in range(240):
    # gonb is the kernel's process; gopls is its child
    out = subprocess.run(["pgrep", "-P", str(km.provisioner.process.pid), "-f", "gopls"], capture_output=True, text=True).stdout.split()
    if out:
        pid = out[0]
        break
    time.sleep(0.25)
print(pid, flush=True)
kc.stop_channels()
km.shutdown_kernel(now=True)  # SIGKILL to the kernel's process group
`
	cmd := exec.Command(pythonOfJupyter(t), "-c", script)
	cmd.Env = append(os.Environ(), "JUPYTER_PATH="+filepath.Join(tmp, "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	cmd.Dir = tmp
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("starting and killing the kernel: %v\n%s", err, out)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("GoNB started no gopls (%q)", out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for syscall.Kill(pid, 0) == nil && !isZombie(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("gopls (pid %d) still runs 30 s after its kernel was killed", pid)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// isZombie reports whether the process has ended but was not reaped yet.
func isZombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] == 'Z'
	}
	return false
}

// pythonOfJupyter is the Python that runs Jupyter (it has jupyter_client).
func pythonOfJupyter(t *testing.T) string {
	p, err := exec.LookPath("jupyter")
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(p)
	if err == nil && strings.HasPrefix(string(b), "#!") {
		f := strings.Fields(strings.SplitN(string(b[2:]), "\n", 2)[0])
		if len(f) > 0 && !strings.HasSuffix(f[0], "/env") {
			return f[0]
		}
	}
	return "python3"
}
