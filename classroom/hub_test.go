package classroom

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nnlesson/course/internal/notebook"
)

// TestHub is the class on one server, for real: it installs the course
// system-wide into a temporary prefix (install.sh --system), enrols two
// throwaway students, starts Debian's JupyterHub with classroom/'s
// configuration on a loopback port, and checks that
//   - a student logs in with their password (PAM) and lands on their
//     lessons; a user who is not enrolled is refused;
//   - both students run lesson 2 at once through the hub, every cell
//     without error and every exercise check passing;
//   - while one student's cells run away (an endless allocation, a fork
//     loop), the other's lesson runs on, every check passing;
//   - neither can read the other's home, nor the teacher's edition;
//   - enrolling again loses none of a student's work;
//   - the idle culler stops their servers, and nothing of theirs runs on.
//
// It removes every user, process and file it made, also when it fails.
// It needs root, jupyterhub and configurable-http-proxy (Debian: apt-get
// install jupyterhub); without them it is skipped, but under CI=true it
// fails.
func TestHub(t *testing.T) {
	requireHub(t)
	if testing.Short() {
		t.Skip("the hub's test installs the course and runs lessons: not in -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	// The prefix's path has a space and a Polish letter: install.sh must
	// quote every path it writes (kernel specs, the launcher, go.mod).
	tmp := mkdirTemp(t, "nnlesson hub ł-")
	homes := mkdirTemp(t, "nnlesson-homes-")
	prefix, jupyter := filepath.Join(tmp, "opt"), filepath.Join(tmp, "jupyter")
	groups := newGroups(t)

	start := time.Now()
	out := run(t, installEnv(t), root, "./install.sh", "--system", "--prefix", prefix, "--jupyter-prefix", jupyter)
	t.Logf("install.sh --system took %.0f s", time.Since(start).Seconds())
	groups.check(t)
	for _, want := range []string{"Kernels for every user", "executed 02-"} {
		if !strings.Contains(out, want) {
			t.Errorf("install.sh --system did not say %q:\n%s", want, out)
		}
	}
	if err := exec.Command("grep", "-rlq", "BEGIN SOLUTION", filepath.Join(prefix, "student", "lessons")).Run(); err == nil {
		t.Error("the students' copy of the lessons holds solutions")
	}

	a, b, outsider := newUser(t, homes, "a"), newUser(t, homes, "b"), newUser(t, homes, "c")
	run(t, nil, root, "./install.sh", "--enrol", "--prefix", prefix, a, b)
	homeA, homeB := filepath.Join(homes, a), filepath.Join(homes, b)
	for _, h := range []string{homeA, homeB} {
		if info, err := os.Stat(h); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v, mode %v; want a home only its student can read (700)", h, err, info.Mode().Perm())
		}
	}
	enrolAgain(t, root, prefix, a, homeA, b, homeB)
	privacy(t, prefix, a, homeA, b, homeB)

	hub := startHub(t, root, tmp, jupyter)
	login(t, hub, a, outsider)

	lessonFile, _ := filepath.Glob(filepath.Join(root, "notebooks", "02-*.ipynb"))
	if len(lessonFile) != 1 {
		t.Fatal("no lesson 02 in notebooks/")
	}
	lesson, err := LessonFrom(lessonFile[0], "nnlesson/lessons/"+filepath.Base(lessonFile[0]), "gonb")
	if err != nil {
		t.Fatal(err)
	}
	checkCells := countCheckCells(t, lessonFile[0])
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()

	// Both students, lesson 2, at once.
	runs, errs := hub.RunAll(ctx, []string{a, b}, lesson, 5*time.Minute)
	for i, r := range runs {
		if errs[i] != nil {
			t.Fatalf("%s's lesson: %v", r.User, errs[i])
		}
		wantClean(t, r, checkCells)
		t.Logf("%s: first output after %.1f s, lesson in %.1f s", r.User, r.FirstOutput.Seconds(), r.Time.Seconds())
	}

	// One student's cells run away while the other's lesson runs.
	runaway(t, ctx, hub, a, b, lesson, checkCells)

	// The idle culler stops both servers; nothing of theirs runs on.
	cmd := exec.Command("python3", filepath.Join(root, "classroom", "nnlesson_hub.py"), "cull", "--timeout", "0", "--once")
	cmd.Env = append(os.Environ(), "JUPYTERHUB_API_URL="+hub.URL+"/hub/api", "JUPYTERHUB_API_TOKEN="+hub.Token)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the culler: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "stopping "+a) || !strings.Contains(string(out), "stopping "+b) {
		t.Errorf("the culler did not stop both servers:\n%s", out)
	}
	for _, u := range []string{a, b} {
		waitFor(t, 2*time.Minute, u+"'s server to stop", func() bool {
			s, err := hub.Server(ctx, u)
			return err == nil && s == nil
		})
		waitFor(t, time.Minute, "every process of "+u+" to end", func() bool { return len(processes(u)) == 0 })
	}
}

// requireHub skips the test where JupyterHub cannot run it, or fails it
// under CI.
func requireHub(t *testing.T) {
	t.Helper()
	var missing []string
	for _, cmd := range []string{"jupyterhub", "configurable-http-proxy", "jupyterhub-singleuser", "useradd", "python3"} {
		if _, err := exec.LookPath(cmd); err != nil {
			missing = append(missing, cmd)
		}
	}
	msg := ""
	switch {
	case len(missing) > 0:
		msg = fmt.Sprintf("%s not installed: %v", strings.Join(missing, ", "), ErrNoHub)
	case os.Geteuid() != 0:
		msg = "the hub's test makes users and installs system-wide: run it as root"
	default:
		if err := notebook.Available(); err != nil {
			msg = err.Error()
		}
	}
	if msg == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// installEnv is the environment for install.sh --system: the modules come
// from this machine's module cache when they are there (a file proxy), so
// the test does not download them again; only lesson 2 seeds the caches.
func installEnv(t *testing.T) []string {
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(out))
	proxy := "file://" + filepath.Join(f[0], "cache", "download")
	if len(f) > 1 && f[1] != "off" {
		proxy += "," + f[1]
	}
	return append(os.Environ(), "GOPROXY="+proxy, "NNLESSON_SEED_LESSONS=02", "GOFLAGS=")
}

func run(t *testing.T, env []string, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// groups notes which of the course's groups exist before the test, to
// remove those it made.
type groups map[string]bool

func newGroups(t *testing.T) groups {
	g := groups{}
	for _, name := range []string{"nnlesson", "nnlesson-teachers"} {
		g[name] = exec.Command("getent", "group", name).Run() == nil
	}
	t.Cleanup(func() {
		for name, existed := range g {
			if !existed {
				exec.Command("groupdel", name).Run()
			}
		}
	})
	return g
}

func (g groups) check(t *testing.T) {
	for name := range g {
		if exec.Command("getent", "group", name).Run() != nil {
			t.Errorf("install.sh --system made no group %s", name)
		}
	}
}

// mkdirTemp makes a temporary folder that every user can enter (the
// students must reach the prefix), removed when the test ends.
func mkdirTemp(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newUser makes a throwaway user with a home in homes, removed when the
// test ends (with every process of theirs).
func newUser(t *testing.T, homes, suffix string) string {
	t.Helper()
	name := fmt.Sprintf("nnt%d%s", os.Getpid()%100000, suffix)
	home := filepath.Join(homes, name)
	if out, err := exec.Command("useradd", "--create-home", "--home-dir", home, "--shell", "/bin/bash", name).CombinedOutput(); err != nil {
		t.Fatalf("useradd %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() {
		for range 20 {
			ps := processes(name)
			if len(ps) == 0 {
				break
			}
			for _, p := range ps {
				syscall.Kill(p, syscall.SIGKILL)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if out, err := exec.Command("userdel", "--remove", name).CombinedOutput(); err != nil {
			t.Logf("userdel %s: %v\n%s", name, err, out)
		}
	})
	return name
}

// processes lists the user's processes.
func processes(user string) []int {
	out, _ := exec.Command("pgrep", "-u", user).Output()
	var ps []int
	for _, f := range strings.Fields(string(out)) {
		if p, err := strconv.Atoi(f); err == nil {
			ps = append(ps, p)
		}
	}
	return ps
}

// as runs a command as the user and reports whether it succeeded.
func as(user string, args ...string) (string, bool) {
	out, err := exec.Command("runuser", append([]string{"-u", user, "--"}, args...)...).CombinedOutput()
	return string(out), err == nil
}

// enrolAgain changes a lesson of a and removes one of b's, enrols both
// again, and checks that a's work is intact and b's lesson is back.
func enrolAgain(t *testing.T, root, prefix, a, homeA, b, homeB string) {
	t.Helper()
	lessonA := filepath.Join(homeA, "nnlesson", "lessons", "02-neuron.ipynb")
	work := []byte(`{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "note": "work of the student"}` + "\n")
	if out, ok := as(a, "sh", "-c", "printf '%s' '"+string(work)+"' > "+lessonA); !ok {
		t.Fatalf("the student could not change their own lesson: %s", out)
	}
	lessonB := filepath.Join(homeB, "nnlesson", "lessons", "03-many-neurons.ipynb")
	if err := os.Remove(lessonB); err != nil {
		t.Fatal(err)
	}
	out := run(t, nil, root, "./install.sh", "--enrol", "--prefix", prefix, a, b)
	if got, _ := os.ReadFile(lessonA); !bytes.Equal(got, work) {
		t.Errorf("enrolling again changed a student's lesson:\n%s\ninstall.sh said:\n%s", got, out)
	}
	if _, err := os.Stat(lessonB); err != nil {
		t.Errorf("enrolling again did not bring back a missing lesson: %v\n%s", err, out)
	}
	// Both editions: 8 English lessons and 8 Polish ones, in lessons/pl.
	if _, err := os.Stat(filepath.Join(homeA, "nnlesson", "lessons", "pl", "02-neuron.ipynb")); err != nil {
		t.Errorf("a student has no Polish lessons: %v", err)
	}
	for _, want := range []string{a + " (", "0 lesson(s) added, 16 kept", b + " (", "1 lesson(s) added, 15 kept"} {
		if !strings.Contains(out, want) {
			t.Errorf("install.sh --enrol again did not say %q:\n%s", want, out)
		}
	}
	// Put a's lesson back, for the hub's part of the test.
	orig, err := os.ReadFile(filepath.Join(prefix, "student", "lessons", "02-neuron.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lessonA, orig, 0o644); err != nil {
		t.Fatal(err)
	}
}

// privacy checks what each student can read.
func privacy(t *testing.T, prefix, a, homeA, b, homeB string) {
	t.Helper()
	for _, c := range []struct{ user, path string }{
		{a, filepath.Join(homeB, "nnlesson", "lessons", "02-neuron.ipynb")},
		{b, filepath.Join(homeA, "nnlesson", "lessons", "02-neuron.ipynb")},
		{a, filepath.Join(prefix, "course", "notebooks", "02-neuron.ipynb")},
		{b, filepath.Join(prefix, "course", "go.mod")},
	} {
		if out, ok := as(c.user, "cat", c.path); ok {
			t.Errorf("%s can read %s:\n%.200s", c.user, c.path, out)
		}
	}
	for _, u := range []string{a, b} {
		if out, ok := as(u, "cat", filepath.Join(prefix, "student", "nnlesson", "neuron.go")); !ok {
			t.Errorf("%s cannot read the course's packages: %s", u, out)
		}
		if out, ok := as(u, "touch", filepath.Join(prefix, "seed", "go-build", "README")); ok {
			t.Errorf("%s can write into the build cache's seed: %s", u, out)
		}
	}
}

// startHub starts JupyterHub with classroom/jupyterhub_config.py on free
// loopback ports, its state in tmp, the kernels of the jupyter prefix; it
// is stopped when the test ends.
func startHub(t *testing.T, root, tmp, jupyter string) *Hub {
	t.Helper()
	port := freePorts(t)
	state := filepath.Join(tmp, "hub")
	cmd := exec.Command("jupyterhub", "-f", filepath.Join(root, "classroom", "jupyterhub_config.py"))
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(),
		"NNLESSON_HUB_PORT="+strconv.Itoa(port), "NNLESSON_HUB_STATE="+state,
		"NNLESSON_MEM_LIMIT=2G", "JUPYTER_PATH="+filepath.Join(jupyter, "share", "jupyter"))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("the hub's log:\n%s", lastLines(log.String(), 80))
		}
	})
	hubURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitFor(t, time.Minute, "the hub to answer", func() bool {
		select {
		case err := <-done:
			t.Fatalf("the hub stopped: %v\n%s", err, log.String())
		default:
		}
		resp, err := http.Get(hubURL + "/hub/api/")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})
	token, err := os.ReadFile(filepath.Join(state, "loadtest-token"))
	if err != nil {
		t.Fatal(err)
	}
	return &Hub{URL: hubURL, Token: strings.TrimSpace(string(token))}
}

// freePorts finds a port p such that p, p+1 and p+2 (the proxy, its API,
// the hub) are free on loopback.
func freePorts(t *testing.T) int {
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		p := l.Addr().(*net.TCPAddr).Port
		l.Close()
		ok := p+2 < 65536
		for i := 1; ok && i <= 2; i++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p+i))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return p
		}
	}
	t.Fatal("no three free ports in a row on 127.0.0.1")
	return 0
}

// login logs the student in with a password through the hub's login page
// (PAM), and checks they land on their lessons; a user outside the course's
// groups is refused.
func login(t *testing.T, hub *Hub, student, outsider string) {
	t.Helper()
	for _, u := range []string{student, outsider} {
		cmd := exec.Command("chpasswd")
		cmd.Stdin = strings.NewReader(u + ":pw-" + u + "-x9\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("chpasswd: %v\n%s", err, out)
		}
	}
	try := func(user string) (*http.Response, error) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 3 * time.Minute}
		resp, err := c.PostForm(hub.URL+"/hub/login?next=", url.Values{"username": {user}, "password": {"pw-" + user + "-x9"}})
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		if strings.HasSuffix(resp.Request.URL.Path, "/hub/login") {
			return resp, nil // refused
		}
		// Logged in, the hub starts the server and then sends the student on.
		for range 120 {
			resp, err = c.Get(hub.URL + "/hub/")
			if err != nil {
				return nil, err
			}
			resp.Body.Close()
			if strings.HasPrefix(resp.Request.URL.Path, "/user/") {
				break
			}
			time.Sleep(time.Second)
		}
		return resp, nil
	}
	resp, err := try(student)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/user/" + student + "/tree/nnlesson/lessons"; resp.Request.URL.Path != want {
		t.Errorf("after logging in, %s is at %s; want %s", student, resp.Request.URL, want)
	}
	resp, err = try(outsider)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(resp.Request.URL.Path, "/user/") {
		t.Errorf("%s, not enrolled, logged in and got to %s", outsider, resp.Request.URL)
	}
}

// checkCall is a check cell's one call into package check (the lessons'
// convention: %% then check.Name(…)).
var checkCall = regexp.MustCompile(`\bcheck\.[A-Z]\w*\(`)

// countCheckCells counts the exercise checks of the committed lesson, whose
// cells have no outputs yet to read the verdicts from.
func countCheckCells(t *testing.T, path string) int {
	nb, err := notebook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range nb.Cells {
		if c.Type == "code" && checkCall.MatchString(string(c.Source)) {
			n++
		}
	}
	if n == 0 {
		t.Fatalf("%s has no exercise checks", path)
	}
	return n
}

// wantClean fails unless the run had no failed cell and every check passed.
func wantClean(t *testing.T, r *Run, checks int) {
	t.Helper()
	for _, f := range r.Failures {
		t.Errorf("%s: %s", r.User, f)
	}
	if r.Verdicts["pass"] < checks || r.Verdicts["fail"]+r.Verdicts["todo"] > 0 {
		t.Errorf("%s: verdicts %v; want %d passing checks and nothing else", r.User, r.Verdicts, checks)
	}
}

// runaway: student b runs an endless allocation and then starts a fork
// loop; while it runs, a runs the lesson, which must pass as before.
func runaway(t *testing.T, ctx context.Context, hub *Hub, a, b string, lesson Lesson, checks int) {
	t.Helper()
	bad := Lesson{Path: lesson.Path, Kernel: "gonb-lite", Cells: []string{
		lesson.Cells[0],
		"%%\nvar hog [][]byte\nfor {\n\tb := make([]byte, 64<<20)\n\tfor i := range b {\n\t\tb[i] = 1\n\t}\n\thog = append(hog, b)\n}\n",
		// A fork loop that never ends (setsid: GoNB ends what a ! command
		// leaves in its process group): it fills the student's limit with
		// sleeping processes and then spins, trying for more.
		"!setsid bash -c 'while :; do sleep 600 & done' </dev/null >/dev/null 2>&1 &",
	}}
	r, err := hub.RunLesson(ctx, b, bad, 5*time.Minute)
	if err != nil {
		t.Fatalf("%s's runaway cells: %v", b, err)
	}
	alloc := &notebook.Notebook{Cells: r.Outputs[1:2]}
	if f := alloc.Failures(); len(f) == 0 {
		t.Errorf("the endless allocation did not end in an error: %+v", r.Outputs[1].Outputs)
	} else {
		t.Logf("the endless allocation ended: %s", firstLine(f[0].Message))
	}
	busy := func() int { return len(processes(b)) }
	waitFor(t, time.Minute, "the fork loop to fill "+b+"'s limit", func() bool { return busy() > 200 })
	before := busy()
	ra, err := hub.RunLesson(ctx, a, lesson, 5*time.Minute)
	if err != nil {
		t.Fatalf("%s's lesson beside the runaway: %v", a, err)
	}
	after := busy()
	wantClean(t, ra, checks)
	t.Logf("beside %d, then %d processes of %s's fork loop, %s's lesson took %.1f s (first output %.1f s)",
		before, after, b, a, ra.Time.Seconds(), ra.FirstOutput.Seconds())
	if after < 200 {
		t.Errorf("the fork loop was not running all along (%d processes at the end)", after)
	}
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", limit, what)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
