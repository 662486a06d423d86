// Command loadtest measures how a class fares on this server: it starts N
// students' servers at once through the hub's REST API and runs a lesson
// for each at once over the kernel's WebSocket, every code cell in order as
// a student would, and prints what each waited for and what it cost:
//
//	sudo go run ./classroom/loadtest -new 10              # ten throwaway students
//	sudo go run ./classroom/loadtest -users alice,bob     # students already enrolled
//
// It runs the cells of the teacher's edition of the lesson (-lesson), so
// every exercise check must pass: a failed cell or a ✗ verdict is a failure,
// and the command then exits with status 1. Run it as root on the hub's
// machine: it reads the hub's load-test token, the students' memory from
// their cgroups and their disk use from their homes. With -new it makes the
// students (useradd, install.sh --enrol) and removes them afterwards.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nnlesson/course/classroom"
)

func main() {
	hubURL := flag.String("hub", "http://127.0.0.1:8000", "the hub's address")
	tokenFile := flag.String("token-file", "/var/lib/nnlesson-hub/loadtest-token", "the hub's load-test token (jupyterhub_config.py makes it)")
	prefix := flag.String("prefix", "/opt/nnlesson", "the course's system-wide folder (install.sh --system --prefix)")
	lessonName := flag.String("lesson", "02", "the lesson to run, by number")
	kernel := flag.String("kernel", "gonb", "the kernel: gonb, or gonb-lite (no autocomplete)")
	users := flag.String("users", "", "enrolled students to run it as, comma-separated")
	newN := flag.Int("new", 0, "make this many throwaway students (nnload01, …), enrol them, and remove them afterwards")
	cellTimeout := flag.Duration("cell-timeout", 10*time.Minute, "the longest one cell may take")
	flag.Parse()
	if (*users == "") == (*newN == 0) || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "loadtest: give either -users NAME,… or -new N")
		flag.Usage()
		os.Exit(2)
	}
	b, err := os.ReadFile(*tokenFile)
	if err != nil {
		fail("%v\n(run it as root on the hub's machine; jupyterhub_config.py writes the token when the hub starts)", err)
	}
	hub := &classroom.Hub{URL: *hubURL, Token: strings.TrimSpace(string(b))}

	lessons, _ := filepath.Glob(filepath.Join(*prefix, "course", "notebooks", *lessonName+"-*.ipynb"))
	if len(lessons) != 1 {
		fail("no lesson %s-*.ipynb in %s", *lessonName, filepath.Join(*prefix, "course", "notebooks"))
	}
	name := filepath.Base(lessons[0])
	lesson, err := classroom.LessonFrom(lessons[0], "nnlesson/lessons/"+name, *kernel)
	if err != nil {
		fail("%v", err)
	}

	var names []string
	if *newN > 0 {
		names, err = makeStudents(*newN, *prefix)
		throwaway = names
		defer removeStudents(hub)
		if err != nil {
			removeStudents(hub)
			fail("%v", err)
		}
	} else {
		names = strings.Split(*users, ",")
	}

	fmt.Printf("lesson %s (%d code cells), %d student(s) at once, kernel %s, %d cores\n", name, len(lesson.Cells), len(names), *kernel, runtime.NumCPU())
	idle := memUsed()
	cpu0 := cpuSeconds()
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the machine's memory in use, above what it was before
		defer wg.Done()
		for {
			if m := memUsed(); m > peak {
				peak = m
			}
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(len(lesson.Cells)+1)*(*cellTimeout))
	defer cancel()
	start := time.Now()
	runs, _ := hub.RunAll(ctx, names, lesson, *cellTimeout)
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	cpu := cpuSeconds() - cpu0

	fmt.Printf("\n%-10s %9s %13s %12s %12s %9s %9s\n", "student", "server", "first output", "lesson time", "peak memory", "disk", "failures")
	var firsts, times []float64
	failed := 0
	for _, r := range runs {
		mem := cgroupPeak(r.User)
		disk := diskUse(r.User)
		fmt.Printf("%-10s %8.1fs %12.1fs %11.1fs %12s %9s %9d\n", r.User, r.ServerStart.Seconds(), r.FirstOutput.Seconds(), r.Time.Seconds(), mb(mem), mb(disk), len(r.Failures))
		if r.Time > 0 {
			firsts = append(firsts, r.FirstOutput.Seconds())
			times = append(times, r.Time.Seconds())
		}
		failed += len(r.Failures)
	}
	if len(runs) > 0 && runs[0].FirstCell > 0 {
		fmt.Printf("\n(the first output is cell %d's; the lesson time ends with cell %d's last)", runs[0].FirstCell, len(lesson.Cells))
	}
	fmt.Printf("\nfirst output: median %.1f s, max %.1f s; lesson time: median %.1f s, max %.1f s; all done in %.0f s\n",
		median(firsts), slices.Max(append(firsts, 0)), median(times), slices.Max(append(times, 0)), wall.Seconds())
	fmt.Printf("machine: memory in use at the peak %s above idle; CPU %.0f s (%.1f s per student; %.0f%% of %d cores over the run)\n",
		mb(peak-min(peak, idle)), cpu, cpu/float64(len(names)), 100*cpu/wall.Seconds()/float64(runtime.NumCPU()), runtime.NumCPU())
	for _, r := range runs {
		for _, f := range r.Failures {
			fmt.Printf("FAIL %s: %s\n", r.User, f)
		}
	}
	fmt.Printf("%d failure(s)\n", failed)
	if failed > 0 {
		removeStudents(hub)
		os.Exit(1)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadtest: "+format+"\n", args...)
	os.Exit(1)
}

// makeStudents creates n throwaway users and enrols them.
func makeStudents(n int, prefix string) ([]string, error) {
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("-new makes users: run it as root")
	}
	var names []string
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("nnload%02d", i)
		if exec.Command("id", name).Run() == nil {
			return names, fmt.Errorf("the user %s exists already: remove it (userdel -r %s) or use -users", name, name)
		}
		if out, err := exec.Command("useradd", "--create-home", "--shell", "/bin/bash", name).CombinedOutput(); err != nil {
			return names, fmt.Errorf("useradd %s: %v\n%s", name, err, out)
		}
		names = append(names, name)
	}
	start := time.Now()
	cmd := exec.Command(filepath.Join(prefix, "bin", "nnlesson-admin"), append([]string{"enrol", "-prefix", prefix}, names...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return names, fmt.Errorf("enrolling: %v", err)
	}
	fmt.Printf("made and enrolled %d students in %.0f s\n", n, time.Since(start).Seconds())
	return names, nil
}

// throwaway are the students that -new made, which removeStudents removes.
var throwaway []string

// removeStudents stops the throwaway students' servers and removes them.
func removeStudents(hub *classroom.Hub) {
	names := throwaway
	throwaway = nil
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, n := range names {
		hub.StopServer(ctx, n)
		hub.DeleteUser(ctx, n)
		exec.Command("userdel", "--remove", n).Run()
	}
}

// memUsed is the machine's memory in use: MemTotal − MemAvailable.
func memUsed() uint64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	var total, avail uint64
	s := bufio.NewScanner(f)
	for s.Scan() {
		fs := strings.Fields(s.Text())
		if len(fs) < 2 {
			continue
		}
		v, _ := strconv.ParseUint(fs[1], 10, 64)
		switch fs[0] {
		case "MemTotal:":
			total = v << 10
		case "MemAvailable:":
			avail = v << 10
		}
	}
	return total - avail
}

// cpuSeconds is the CPU time the machine has spent, all cores together.
func cpuSeconds() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	fs := strings.Fields(strings.SplitN(string(b), "\n", 2)[0])
	var busy float64
	for i, f := range fs[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		v, _ := strconv.ParseFloat(f, 64)
		busy += v
	}
	return busy / 100 // USER_HZ
}

// cgroupPeak is the most memory the student's server used, from its cgroup
// (nnlesson_hub.CourseSpawner makes one), or 0.
func cgroupPeak(user string) uint64 {
	for _, pattern := range []string{
		"/sys/fs/cgroup/memory/nnlesson-%s/memory.max_usage_in_bytes",
		"/sys/fs/cgroup/memory/*/nnlesson-%s/memory.max_usage_in_bytes",
		"/sys/fs/cgroup/memory/*/*/nnlesson-%s/memory.max_usage_in_bytes",
		"/sys/fs/cgroup/nnlesson/nnlesson-%s/memory.peak",
		"/sys/fs/cgroup/*/nnlesson-%s/memory.peak",
		"/sys/fs/cgroup/*/*/nnlesson-%s/memory.peak",
	} {
		m, _ := filepath.Glob(fmt.Sprintf(pattern, user))
		for _, f := range m {
			if b, err := os.ReadFile(f); err == nil {
				v, _ := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
				return v
			}
		}
	}
	return 0
}

// diskUse is what the student's home holds that is theirs: the seed's
// files, hard-linked into their build cache, belong to root and are not
// counted.
func diskUse(user string) uint64 {
	out, err := exec.Command("getent", "passwd", user).Output()
	if err != nil {
		return 0
	}
	f := strings.Split(strings.TrimSpace(string(out)), ":")
	if len(f) < 7 {
		return 0
	}
	uid, _ := strconv.Atoi(f[2])
	var total uint64
	filepath.WalkDir(f[5], func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) == uid {
			total += uint64(st.Blocks) * 512
		}
		return nil
	})
	return total
}

func mb(b uint64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
