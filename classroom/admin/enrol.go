package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Group is the Unix group of the enrolled students; the hub lets only its
// members log in (classroom/jupyterhub_config.py).
const Group = "nnlesson"

func enrolCmd(args []string) error {
	fl := flag.NewFlagSet("enrol", flag.ExitOnError)
	prefix := fl.String("prefix", "", "the course's system-wide folder (install.sh --system --prefix)")
	fl.Parse(args)
	if *prefix == "" || fl.NArg() == 0 {
		return errors.New("need -prefix DIR and at least one user name")
	}
	if os.Geteuid() != 0 {
		return errors.New("enrolling students needs root: run it with sudo")
	}
	for _, d := range []string{"student/lessons", "seed/go-build", "etc/kernel-env.json"} {
		if _, err := os.Stat(filepath.Join(*prefix, d)); err != nil {
			return fmt.Errorf("%s is not a complete system-wide install (%v): run ./install.sh --system --prefix %s first", *prefix, err, *prefix)
		}
	}
	if err := ensureGroup(); err != nil {
		return err
	}
	failed := 0
	for _, name := range fl.Args() {
		if err := enrol(*prefix, name); err != nil {
			fmt.Fprintf(os.Stderr, "    %s: %v\n", name, err)
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d student(s) not enrolled: see above", failed, fl.NArg())
	}
	return nil
}

// A student is a Unix user, as the system's user database knows them.
type student struct {
	name     string
	uid, gid int
	groups   []uint32
	home     string
}

func lookup(name string) (student, error) {
	s := student{name: name}
	out, err := exec.Command("getent", "passwd", name).Output()
	if err != nil {
		return s, fmt.Errorf("no such user: create the account first (adduser %s), then enrol it", name)
	}
	f := strings.Split(strings.TrimSpace(string(out)), ":")
	if len(f) < 7 {
		return s, fmt.Errorf("getent passwd %s: unexpected answer %q", name, out)
	}
	s.uid, _ = strconv.Atoi(f[2])
	s.gid, _ = strconv.Atoi(f[3])
	s.home = f[5]
	if s.uid == 0 {
		return s, errors.New("is root: students must be ordinary users")
	}
	if !filepath.IsAbs(s.home) || s.home == "/" {
		return s, fmt.Errorf("has no home folder of their own (%q)", s.home)
	}
	out, err = exec.Command("id", "-G", name).Output()
	if err != nil {
		return s, fmt.Errorf("id -G %s: %v", name, err)
	}
	for _, g := range strings.Fields(string(out)) {
		n, _ := strconv.Atoi(g)
		s.groups = append(s.groups, uint32(n))
	}
	return s, nil
}

// ensureGroup creates the students' group when it is missing.
func ensureGroup() error {
	if exec.Command("getent", "group", Group).Run() == nil {
		return nil
	}
	if out, err := exec.Command("groupadd", Group).CombinedOutput(); err != nil {
		return fmt.Errorf("groupadd %s: %v\n%s", Group, err, out)
	}
	fmt.Printf("    created the group %q: the hub lets its members log in\n", Group)
	return nil
}

// home is a student's home folder, opened as an os.Root: every path below
// is resolved inside it, whatever links the student made.
type home struct {
	s      student
	root   *os.Root
	notes  []string // what changed, for the report
	counts map[string]int
}

func (h *home) note(format string, args ...any) {
	h.notes = append(h.notes, fmt.Sprintf(format, args...))
}

// enrol gives one student the course; see the package doc.
func enrol(prefix, name string) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	h := &home{s: s, counts: map[string]int{}}
	if err := h.open(); err != nil {
		return err
	}
	defer h.root.Close()
	if err := h.joinGroup(); err != nil {
		return err
	}

	student := filepath.Join(prefix, "student")
	// ~/nnlesson: links to the course's packages, and the lessons, the
	// student's own copy. The lessons' first cell links them to the module
	// in their folder's parent (${GONB_DIR}/..): ~/nnlesson.
	if err := h.mkdir("nnlesson", 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(student)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == "lessons" {
			continue
		}
		if err := h.symlink("nnlesson", e.Name(), filepath.Join(student, e.Name())); err != nil {
			return err
		}
	}
	if err := h.pruneLinks("nnlesson", student); err != nil {
		return err
	}
	if err := h.copyTree(filepath.Join(student, "lessons"), "nnlesson/lessons", "lessons", 0o644); err != nil {
		return err
	}

	// The caches: trained networks copied, the build cache seeded.
	if err := h.mkdir(".cache", 0o700); err != nil {
		return err
	}
	if err := h.copyTree(filepath.Join(prefix, "seed", "nnlesson"), ".cache/nnlesson", "trained networks", 0o644); err != nil {
		return err
	}
	if err := h.seedBuildCache(filepath.Join(prefix, "seed", "go-build"), ".cache/go-build"); err != nil {
		return err
	}

	// Compile the course's packages as this student, in their folder: the
	// build cache keys a package by its folder, and the seed compiled them
	// in the prefix.
	start := time.Now()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, "prewarm", "-prefix", prefix)
	cmd.Dir = s.home
	cmd.Env = []string{"HOME=" + s.home, "USER=" + s.name, "LOGNAME=" + s.name, "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(s.uid), Gid: uint32(s.gid), Groups: s.groups}}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("compiling the course as %s: %v\n%s", s.name, err, out.String())
	}

	c := h.counts
	summary := fmt.Sprintf("%d lesson(s) added, %d kept; %d trained network(s) added; build cache: %d entries linked, %d copied; course compiled in %.1f s",
		c["lessons added"], c["lessons kept"], c["trained networks added"], c["linked"], c["copied"], time.Since(start).Seconds())
	if len(h.notes) > 0 {
		summary += "\n        " + strings.Join(h.notes, "\n        ")
	}
	fmt.Printf("    %s (%s): %s\n", s.name, s.home, summary)
	return nil
}

// open makes sure the home folder exists, belongs to the student and is
// theirs alone (0700), and opens it.
func (h *home) open() error {
	s := h.s
	info, err := os.Lstat(s.home)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(s.home), 0o755); err != nil {
			return err
		}
		if err := os.Mkdir(s.home, 0o700); err != nil {
			return err
		}
		if err := os.Chown(s.home, s.uid, s.gid); err != nil {
			return err
		}
		h.note("created the home folder %s", s.home)
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0 || !info.IsDir():
		return fmt.Errorf("the home folder %s is not a folder (a link?): refusing to write into it", s.home)
	case info.Sys().(*syscall.Stat_t).Uid != uint32(s.uid):
		return fmt.Errorf("the home folder %s belongs to uid %d, not to %s: fix its owner first", s.home, info.Sys().(*syscall.Stat_t).Uid, s.name)
	}
	root, err := os.OpenRoot(s.home)
	if err != nil {
		return err
	}
	h.root = root
	f, err := root.Open(".")
	if err != nil {
		return err
	}
	defer f.Close()
	info, err = f.Stat()
	if err != nil {
		return err
	}
	if info.Mode().Perm() != 0o700 {
		if err := f.Chmod(0o700); err != nil {
			return err
		}
		h.note("home folder made private (mode %o → 700)", info.Mode().Perm())
	}
	return nil
}

func (h *home) joinGroup() error {
	out, err := exec.Command("id", "-nG", h.s.name).Output()
	if err != nil {
		return err
	}
	for _, g := range strings.Fields(string(out)) {
		if g == Group {
			return nil
		}
	}
	if out, err := exec.Command("usermod", "-a", "-G", Group, h.s.name).CombinedOutput(); err != nil {
		return fmt.Errorf("usermod -a -G %s %s: %v\n%s", Group, h.s.name, err, out)
	}
	h.note("added to the group %q", Group)
	return nil
}

// mkdir makes the folder rel, owned by the student, unless it is there.
func (h *home) mkdir(rel string, perm os.FileMode) error {
	info, err := h.root.Lstat(rel)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("~%s/%s is not a folder: move it away and enrol again", h.s.name, rel)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := h.root.Mkdir(rel, perm); err != nil {
		return err
	}
	return h.own(rel, perm)
}

// own gives rel (just made by root) to the student, with mode perm.
func (h *home) own(rel string, perm os.FileMode) error {
	f, err := h.root.Open(rel)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Chown(h.s.uid, h.s.gid); err != nil {
		return err
	}
	return f.Chmod(perm)
}

// dir opens the folder rel of the home, for the *at system calls.
func (h *home) dir(rel string) (*os.File, error) {
	f, err := h.root.Open(rel)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("~%s/%s is not a folder", h.s.name, rel)
	}
	return f, nil
}

// symlink makes dir/name a link to target, unless it already is one.
func (h *home) symlink(dir, name, target string) error {
	d, err := h.dir(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	fd := int(d.Fd())
	err = unix.Symlinkat(target, fd, name)
	if errors.Is(err, unix.EEXIST) {
		buf := make([]byte, 4096)
		n, rerr := unix.Readlinkat(fd, name, buf)
		if rerr != nil || string(buf[:n]) != target {
			h.note("~%s/%s/%s is not the course's link to %s: left as it is", h.s.name, dir, name, target)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("linking ~%s/%s/%s: %v", h.s.name, dir, name, err)
	}
	h.counts["links"]++
	return unix.Fchownat(fd, name, h.s.uid, h.s.gid, unix.AT_SYMLINK_NOFOLLOW)
}

// pruneLinks removes the links in dir into the folder course that lead
// nowhere now (a package the course no longer has).
func (h *home) pruneLinks(dir, course string) error {
	d, err := h.dir(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return err
	}
	buf := make([]byte, 4096)
	for _, name := range names {
		n, err := unix.Readlinkat(int(d.Fd()), name, buf)
		if err != nil {
			continue // not a link
		}
		target := string(buf[:n])
		if strings.HasPrefix(target, course+"/") {
			if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
				if err := unix.Unlinkat(int(d.Fd()), name, 0); err == nil {
					h.note("removed ~%s/%s/%s: the course no longer has it", h.s.name, dir, name)
				}
			}
		}
	}
	return nil
}

// copyTree copies every file under src into the home's folder dst, each
// only if the student has no file of that name: their work is never
// overwritten. what names the files in the counts.
func (h *home) copyTree(src, dst, what string, perm os.FileMode) error {
	if err := h.mkdir(dst, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if rel == "." {
			return nil
		}
		target := dst + "/" + filepath.ToSlash(rel)
		if d.IsDir() {
			return h.mkdir(target, 0o755)
		}
		added, err := h.copyIn(path, target, perm)
		if err != nil {
			return err
		}
		if added {
			h.counts[what+" added"]++
		} else {
			h.counts[what+" kept"]++
		}
		return nil
	})
}

// copyIn copies the file src to rel in the home, owned by the student,
// unless rel exists. It reports whether it copied.
func (h *home) copyIn(src, rel string, perm os.FileMode) (bool, error) {
	out, err := h.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	in, err := os.Open(src)
	if err != nil {
		out.Close()
		return false, err
	}
	defer in.Close()
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Chown(h.s.uid, h.s.gid)
	}
	if err == nil {
		err = out.Chmod(perm)
	}
	if info, serr := in.Stat(); err == nil && serr == nil && info.ModTime().After(time.Now()) {
		// A seeded cache entry keeps the seed's date (seedTime).
		tv := unix.NsecToTimeval(info.ModTime().UnixNano())
		err = unix.Futimes(int(out.Fd()), []unix.Timeval{tv, tv})
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return true, err
}

// seedBuildCache fills the student's build cache at rel from the seed: Go's
// index entries (NAME-a, small, which Go rewrites when it rebuilds) are
// copied and belong to the student; the build outputs (NAME-d, large, named
// by the hash of their contents, which Go only reads) are hard links to the
// seed's read-only files, which cost no disk. Where the seed and the home
// are on different file systems, outputs are copied instead.
func (h *home) seedBuildCache(seed, rel string) error {
	if err := h.mkdir(rel, 0o755); err != nil {
		return err
	}
	if _, err := h.copyIn(filepath.Join(seed, "README"), rel+"/README", 0o644); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	subs, err := os.ReadDir(seed)
	if err != nil {
		return err
	}
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		subRel := rel + "/" + sub.Name()
		if err := h.mkdir(subRel, 0o755); err != nil {
			return err
		}
		entries, err := os.ReadDir(filepath.Join(seed, sub.Name()))
		if err != nil {
			return err
		}
		for _, e := range entries {
			src := filepath.Join(seed, sub.Name(), e.Name())
			dst := subRel + "/" + e.Name()
			switch {
			case strings.HasSuffix(e.Name(), "-a"):
				if added, err := h.copyIn(src, dst, 0o644); err != nil {
					return err
				} else if added {
					h.counts["copied"]++
				}
			case e.IsDir(): // an executable's folder: NAME-d/program
				if err := h.mkdir(dst, 0o755); err != nil {
					return err
				}
				inner, err := os.ReadDir(src)
				if err != nil {
					return err
				}
				for _, f := range inner {
					if err := h.link(filepath.Join(src, f.Name()), dst, f.Name()); err != nil {
						return err
					}
				}
			default:
				if err := h.link(src, subRel, e.Name()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// link makes dir/name in the home a hard link to the seed's file src, or a
// copy of it where a link cannot cross file systems.
func (h *home) link(src, dir, name string) error {
	d, err := h.dir(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	err = unix.Linkat(unix.AT_FDCWD, src, int(d.Fd()), name, 0)
	switch {
	case err == nil:
		h.counts["linked"]++
		return nil
	case errors.Is(err, unix.EEXIST):
		return nil
	case errors.Is(err, unix.EXDEV) || errors.Is(err, unix.EPERM):
		info, serr := os.Stat(src)
		if serr != nil {
			return serr
		}
		added, err := h.copyIn(src, dir+"/"+name, info.Mode().Perm()|0o200)
		if added {
			h.counts["copied"]++
		}
		return err
	default:
		return fmt.Errorf("linking the build cache's %s into ~%s/%s: %v", src, h.s.name, dir, err)
	}
}

// prewarmCmd runs as the student (enrol starts it so): it compiles every
// package of the course from the student's ~/nnlesson into their build
// cache, in the kernel's environment.
func prewarmCmd(args []string) error {
	fl := flag.NewFlagSet("prewarm", flag.ExitOnError)
	prefix := fl.String("prefix", "", "the course's system-wide folder")
	fl.Parse(args)
	env, err := kernelEnv(*prefix)
	if err != nil {
		return err
	}
	home := os.Getenv("HOME")
	env["GOCACHE"] = filepath.Join(home, ".cache", "go-build")
	env["NNLESSON_CACHE"] = filepath.Join(home, ".cache", "nnlesson")
	os.Setenv("PATH", env["PATH"])
	return buildCourse(filepath.Join(home, "nnlesson"), filepath.Join(*prefix, "student"), env)
}
