package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

var update = flag.Bool("update", false, "rewrite the golden student edition in testdata/student")

const todoEN = "write your code here"

// TestStudentEdition turns the fixture into its student edition and compares
// it with the reviewed copy in testdata/student: stubs in place of the
// solutions, with their TODO text, and nothing else changed.
func TestStudentEdition(t *testing.T) {
	data, err := os.ReadFile("testdata/teacher/01-exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := studentEdition(data, nil, todoEN)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d solutions replaced, want 3", n)
	}
	golden := "testdata/student/01-exercises.ipynb"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the student edition differs from %s (go test -update rewrites it; review the diff):\n%s", golden, got)
	}
	for _, s := range []string{`"\t// TODO: return x times x\n"`, `"\tpanic(exercise.NotWritten(\"return x times x\"))\n"`,
		`"\t// TODO: write your code here\n"`, `"\tpanic(exercise.NotWritten(\"\"))\n"`,
		`"\t// TODO: fill z with \"1\" and \"2\"\n"`, `"\tpanic(exercise.NotWritten(\"fill z with \\\"1\\\" and \\\"2\\\"\"))\n"`} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("the student edition lacks the line %s", s)
		}
	}
	if bytes.Contains(got, []byte("x * x")) || bytes.Contains(got, []byte("SOLUTION")) {
		t.Error("the student edition still shows a solution")
	}
}

// TestUnchanged checks that a notebook with no solutions and no outputs
// comes back byte for byte, and that outputs are cleared.
func TestUnchanged(t *testing.T) {
	data, err := os.ReadFile("../handouts/testdata/good/01-first.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := studentEdition(data, nil, todoEN)
	if err != nil || n != 0 {
		t.Fatalf("studentEdition = %d solutions, %v; want 0, nil", n, err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("a notebook without solutions changed:\n%s", got)
	}
	executed := bytes.Replace(data, []byte(`"execution_count": null,
   "metadata": {},
   "outputs": []`), []byte(`"execution_count": 3,
   "metadata": {},
   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["z = 2.00\n"]}]`), 1)
	if bytes.Equal(executed, data) {
		t.Fatal("the fixture has changed: no code cell to give an output")
	}
	got, _, err = studentEdition(executed, nil, todoEN)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("the outputs of an executed notebook were not cleared:\n%s", got)
	}
}

func TestStubSolutionsErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"func f() int {\n\t// BEGIN SOLUTION\n\treturn 1\n}", "line 2: // BEGIN SOLUTION has no // END SOLUTION after it"},
		{"func f() int {\n\treturn 1\n\t// END SOLUTION\n}", "line 3: // END SOLUTION without a // BEGIN SOLUTION before it"},
		{"// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "line 2: a second // BEGIN SOLUTION before the // END SOLUTION of line 1"},
		// Markers spelt otherwise are refused, never ignored.
		{"func f() int {\n\t//BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}", `line 2: "//BEGIN SOLUTION" is not a solution marker, and the solution would reach the students: write exactly "// BEGIN SOLUTION"`},
		{"func f() int {\n\t// begin solution\n\treturn 1\n\t// end solution\n}", `line 2: "// begin solution" is not a solution marker`},
		{"func f() int {\n\t// Begin Solution\n\treturn 1\n}", `line 2: "// Begin Solution" is not a solution marker`},
		{"func f() int {\n\t/* BEGIN_SOLUTION */\n\treturn 1\n}", `exactly "// BEGIN SOLUTION"`},
		{"func f() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// end solution\n}", `line 4: "// end solution" is not a solution marker, and the solution would reach the students: write exactly "// END SOLUTION"`},
		{"func f() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t//END SOLUTION\n}", `line 4: "//END SOLUTION" is not a solution marker`},
		{"func f() int {\n\treturn 1 // END SOLUTION\n}", `line 2: "return 1 // END SOLUTION" is not a solution marker`},
		// Stubs that would not compile.
		{"import \"fmt\"\n\n// BEGIN SOLUTION\nvar rate = 0.1\n// END SOLUTION", "line 3: this solution is not inside a function's body, and its stub (a statement) would not compile there"},
		{"var xs = []int{\n\t// BEGIN SOLUTION\n\t1, 2,\n\t// END SOLUTION\n}", "line 2: this solution is not inside a function's body"},
		{"func f() int {\n\t// BEGIN SOLUTION\n\treturn 1\n}\n// END SOLUTION\nfunc g() {}", "line 2: the stub that replaces this solution (to line 5) would not compile"},
		{"func f() int {\n\tif true {\n\t\t// BEGIN SOLUTION\n\t\treturn 1\n\t}\n\t// END SOLUTION\n\treturn 0\n}", "line 3: the stub that replaces this solution (to line 6) would not compile"},
	} {
		_, _, err := stubSolutions(tt.src, todoEN)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("stubSolutions(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestStubPlacements: solutions inside a body are fine wherever the body is —
// a function, a function literal at the top level, main after %% — and
// GoNB's own lines do not confuse the reading of the cell as Go.
func TestStubPlacements(t *testing.T) {
	for _, src := range []string{
		"!*go mod tidy \\\n  -v\n%env X=1\nimport \"fmt\"\n\nfunc f() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}",
		"var f = func(x float64) float64 {\n\t// BEGIN SOLUTION\n\treturn x\n\t// END SOLUTION\n}",
		"func f() {}\n%%\n// BEGIN SOLUTION\nx := 1\nfmt.Println(x)\n// END SOLUTION\nf()",
		"type T struct{}\n\nfunc (T) M() (n int) {\n\tswitch {\n\tcase n > 0:\n\t\t// BEGIN SOLUTION\n\t\tn++\n\t\t// END SOLUTION\n\t}\n\treturn\n}",
		"func f() {\n\tfmt.Println(\"the end, solution: none\")\n}", // no marker at all
	} {
		if _, _, err := stubSolutions(src, todoEN); err != nil {
			t.Errorf("stubSolutions(%q): %v", src, err)
		}
	}
	got, n, err := stubSolutions("func f() {\n\t// BEGIN SOLUTION\n\tg()\n\t// END SOLUTION\n}", "tu napisz swój kod")
	if want := "func f() {\n\t// TODO: tu napisz swój kod\n\tpanic(exercise.NotWritten(\"\"))\n}"; err != nil || n != 1 || got != want {
		t.Errorf("stub = %q, %d, %v; want %q", got, n, err, want)
	}
}

// TestMarkersOutsideCode: a solution marked in a markdown or raw cell would
// reach the students as it is; the command refuses it, naming the notebook,
// the cell and the line, and writes nothing.
func TestMarkersOutsideCode(t *testing.T) {
	data, err := os.ReadFile("testdata/teacher/01-exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ from, to, want string }{
		{`"Write $f(x) = x^2$."`, `"Write $f(x) = x^2$.\n", "// BEGIN SOLUTION\n", "It is x times x.\n", "// END SOLUTION"`, `01-x.ipynb: cell 4 (markdown "Write $f(x) = x^2$."): line 2: "// BEGIN SOLUTION": solution markers work only in code cells`},
		{`"Write $f(x) = x^2$."`, `"Write $f(x) = x^2$.\n", "### begin solution\n", "x²"`, `cell 4 (markdown "Write $f(x) = x^2$."): line 2: "### begin solution"`},
		{`"cell_type": "markdown",
   "metadata": {},
   "source": [
    "Write`, `"cell_type": "raw",
   "metadata": {},
   "source": [
    "x * x // END SOLUTION\n",
    "Write`, `cell 4 (raw "x * x // END SOLUTION"): line 1`},
	} {
		dir := t.TempDir()
		bad := bytes.Replace(data, []byte(tt.from), []byte(tt.to), 1)
		if bytes.Equal(bad, data) {
			t.Fatalf("the fixture has changed: no %s", tt.from)
		}
		if err := os.WriteFile(filepath.Join(dir, "01-x.ipynb"), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "student")
		err := build(options{notebooks: dir, out: out}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("build error = %v; want %q", err, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("build wrote a student edition anyway")
		}
	}
	prose := bytes.Replace(data, []byte(`"Write $f(x) = x^2$."`), []byte(`"In the end, solutions begin with a question."`), 1)
	if _, _, err := studentEdition(prose, nil, todoEN); err != nil {
		t.Errorf("prose that mentions the end and a solution was refused: %v", err)
	}
}

// TestBuildErrors checks that a broken lesson stops the command with a
// message that names the notebook and the cell, and writes nothing.
func TestBuildErrors(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/teacher/01-exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(`"\t// END SOLUTION\n",
    "}"`), []byte(`"}"`), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("the fixture has changed: no END marker to remove")
	}
	if err := os.WriteFile(filepath.Join(dir, "01-broken.ipynb"), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "student")
	err = build(options{notebooks: dir, out: out}, &bytes.Buffer{})
	for _, want := range []string{"01-broken.ipynb", "cell 5", "square returns x²", "has no // END SOLUTION"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("build error = %v; want it to name %q", err, want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("build wrote the student edition of a broken lesson")
	}
	noImport := bytes.Replace(data, []byte(`"github.com/nnlesson/course/exercise`), []byte(`"github.com/nnlesson/course/plots`), 1)
	if _, _, err := studentEdition(noImport, nil, todoEN); err == nil || !strings.Contains(err.Error(), "no cell imports") {
		t.Errorf("a lesson with stubs but no import of exercise gave %v; want an error saying so", err)
	}
	if err := build(options{lang: "de"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `-lang "de"`) {
		t.Errorf("-lang de gave %v", err)
	}
}

// course makes a teacher's folder with the fixture lesson, and returns it
// with the lesson's bytes.
func course(t *testing.T) (dir string, lesson []byte) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "course", "notebooks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	lesson, err := os.ReadFile("testdata/teacher/01-exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "01-exercises.ipynb"), lesson, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, lesson
}

// TestNeverOverwritesTheTeacher: -out is compared with the teacher's folder
// and lessons as files, not names — through a symlink, a hard link, a folder
// inside — and any lesson that holds solutions is never overwritten. Each
// refusal is one line, and the teacher's lesson is unchanged after it.
func TestNeverOverwritesTheTeacher(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, teacher string) options
		want  string
	}{
		{"the folder itself", func(t *testing.T, teacher string) options {
			return options{notebooks: teacher, out: teacher + "/."}
		}, "is the teacher's folder"},
		{"a symlink to the folder", func(t *testing.T, teacher string) options {
			link := filepath.Join(t.TempDir(), "LINK")
			if err := os.Symlink(teacher, link); err != nil {
				t.Fatal(err)
			}
			return options{notebooks: teacher, out: link}
		}, "is the teacher's folder"},
		{"the folder through a symlinked parent", func(t *testing.T, teacher string) options {
			link := filepath.Join(t.TempDir(), "c")
			if err := os.Symlink(filepath.Dir(teacher), link); err != nil {
				t.Fatal(err)
			}
			return options{notebooks: teacher, out: filepath.Join(link, "notebooks")}
		}, "is the teacher's folder"},
		{"a symlink into the folder, and ..", func(t *testing.T, teacher string) options {
			if err := os.Mkdir(filepath.Join(teacher, "pl"), 0o755); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(t.TempDir(), "LINK")
			if err := os.Symlink(filepath.Join(teacher, "pl"), link); err != nil {
				t.Fatal(err)
			}
			return options{notebooks: teacher, out: link + "/.."}
		}, "is the teacher's folder"},
		{"a folder inside it", func(t *testing.T, teacher string) options {
			return options{notebooks: teacher, out: filepath.Join(teacher, "student")}
		}, "is inside the teacher's folder"},
		{"the folder that holds it (pl into notebooks/)", func(t *testing.T, teacher string) options {
			pl := filepath.Join(teacher, "pl")
			copyFile(t, "testdata/pl/01-exercises.ipynb", filepath.Join(pl, "01-exercises.ipynb"))
			return options{lang: "pl", notebooks: pl, out: teacher}
		}, "holds the teacher's folder"},
		{"a symlink to the lesson", func(t *testing.T, teacher string) options {
			out := t.TempDir()
			if err := os.Symlink(filepath.Join(teacher, "01-exercises.ipynb"), filepath.Join(out, "01-exercises.ipynb")); err != nil {
				t.Fatal(err)
			}
			return options{notebooks: teacher, out: out}
		}, "is the teacher's lesson"},
		{"a hard link to the lesson", func(t *testing.T, teacher string) options {
			out := t.TempDir()
			if err := os.Link(filepath.Join(teacher, "01-exercises.ipynb"), filepath.Join(out, "01-exercises.ipynb")); err != nil {
				t.Fatal(err)
			}
			return options{notebooks: teacher, out: out}
		}, "is the teacher's lesson"},
		{"a copy of the course elsewhere", func(t *testing.T, teacher string) options {
			out := t.TempDir()
			copyFile(t, "testdata/teacher/01-exercises.ipynb", filepath.Join(out, "01-exercises.ipynb"))
			return options{notebooks: teacher, out: out}
		}, "holds solutions (cell 5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			teacher, lesson := course(t)
			opts := tt.setup(t, teacher)
			err := build(opts, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("build -out %s gave %v; want one line saying %q", opts.out, err, tt.want)
			}
			if got, _ := os.ReadFile(filepath.Join(teacher, "01-exercises.ipynb")); !bytes.Equal(got, lesson) {
				t.Error("the teacher's lesson was overwritten")
			}
		})
	}
}

// TestWritesInsideOut: each file is written whole inside -out: a symlink
// that stands where a lesson goes is replaced, not written through, and no
// temporary file stays behind.
func TestWritesInsideOut(t *testing.T) {
	teacher, _ := course(t)
	out := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "notes.ipynb")
	if err := os.WriteFile(elsewhere, []byte("a teacher's notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "01-exercises.ipynb")); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if err := build(options{notebooks: teacher, out: out}, &log); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(elsewhere); string(b) != "a teacher's notes" {
		t.Errorf("the student edition was written through a symlink, outside -out: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(out, "01-exercises.ipynb")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("-out holds no student edition: %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("-out holds %d files, want 1", len(entries))
	}
	if want := "student's edition: 1 lesson, 3 exercises in " + out; !strings.Contains(log.String(), want) {
		t.Errorf("the summary does not say %q:\n%s", want, log.String())
	}
}

// TestPolish builds the Polish edition with the defaults: from notebooks/pl
// into student/pl, stubs and summary in Polish, the lessons' own Polish TODO
// texts kept.
func TestPolish(t *testing.T) {
	root := t.TempDir()
	copyFile(t, "testdata/pl/01-exercises.ipynb", filepath.Join(root, "notebooks", "pl", "01-exercises.ipynb"))
	t.Chdir(root)
	var log bytes.Buffer
	if err := build(options{lang: "pl"}, &log); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("student", "pl", "01-exercises.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"\t// TODO: zwróć x razy x\n"`, `"\t// TODO: tu napisz swój kod\n"`, `"\t// TODO: wpisz do z liczby 1 i 2\n"`,
		`-replace=github.com/nnlesson/course=\"${GONB_DIR}/../../../..\"`} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("the Polish student edition lacks %s", s)
		}
	}
	if want := "wydanie dla studentów: 1 lekcja, 3 zadania w student/pl"; !strings.Contains(log.String(), want) {
		t.Errorf("the summary does not say %q:\n%s", want, log.String())
	}
	if !strings.Contains(log.String(), "3 zadania\n") {
		t.Errorf("the lesson's line is not in Polish:\n%s", log.String())
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 zadań", 1: "1 zadanie", 2: "2 zadania", 4: "4 zadania", 5: "5 zadań",
		12: "12 zadań", 14: "14 zadań", 22: "22 zadania", 23: "23 zadania", 25: "25 zadań", 112: "112 zadań"} {
		if got := languages["pl"].exercises(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	if got := languages["en"].exercises(1) + ", " + languages["en"].exercises(3); got != "1 exercise, 3 exercises" {
		t.Errorf("English: %q", got)
	}
}

func TestRelink(t *testing.T) {
	const lead = "!*go mod edit -require=github.com/nnlesson/course@v0.0.0 -replace=github.com/nnlesson/course="
	for _, tt := range []struct{ link, from, to, want string }{
		{`${GONB_DIR}/..`, "/p/notebooks", "/p/student", `"${GONB_DIR}/.."`},
		{`"${GONB_DIR}/.."`, "/p/notebooks", "/p/student", `"${GONB_DIR}/.."`},
		{`"${GONB_DIR}/.."`, "/p/notebooks", "/p/class/week1", `"${GONB_DIR}/../.."`},
		{`${GONB_DIR}/..`, "/p/notebooks", "/tmp/x", `"${GONB_DIR}/../../p"`},
		{`"${GONB_DIR}/../.."`, "/p/notebooks/pl", "/p/student/pl", `"${GONB_DIR}/../.."`},
		// Spaces, Polish letters, and the characters special inside quotes.
		{`"${GONB_DIR}/.."`, "/home/łukasz/kurs sieci/notebooks", "/tmp/wydanie ł/student", `"${GONB_DIR}/../../../home/łukasz/kurs sieci"`},
		{`"${GONB_DIR}/.."`, "/home/a \"b\" $c `d` \\e/notebooks", "/tmp/s", `"${GONB_DIR}/../../home/a \"b\" \$c \` + "`d\\` \\\\e\""},
	} {
		got := relinker(tt.from, tt.to)(lead + tt.link + "\n// next line")
		if want := lead + tt.want + "\n// next line"; got != want {
			t.Errorf("relink %s from %s to %s:\n got %s\nwant %s", tt.link, tt.from, tt.to, got, want)
		}
	}
	// What relink writes, it reads back: relinking to the same folder is
	// the identity.
	link := lead + `"${GONB_DIR}/../../home/a \"b\" \$c \` + "`d\\` \\\\e\""
	if got := relinker("/x/y", "/x/y")(link); got != link {
		t.Errorf("relink from a folder to itself:\n got %s\nwant %s", got, link)
	}
}

// TestStudentEditionRuns builds the student edition of the fixture and of
// every lesson with exercises, English and Polish, into a folder whose path
// has a space and a Polish letter, and executes it headless: no cell may
// fail (a compile error, a panic that escaped a check) and every check must
// say, in the edition's language, that its exercise is not written yet. The fixture's teacher edition runs too: it
// passes every check, and both editions show the same checks in the same
// cells (notebook.Compare).
func TestStudentEditionRuns(t *testing.T) {
	notebooktest.RequireJupyter(t)
	teacher, err := notebook.Execute(context.Background(), "testdata/teacher/01-exercises.ipynb", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range teacher.Problems() {
		t.Errorf("teacher's edition: %s", f)
	}
	passed := 0
	for i := range teacher.Cells {
		for _, c := range teacher.Checks(i) {
			if c.Status == notebook.CheckPass {
				passed++
			}
		}
	}
	if passed != 4 {
		t.Errorf("%d checks passed in the teacher's edition, want the fixture's 4", passed)
	}
	for _, ed := range []struct{ dir, lang, todo string }{
		{"testdata/teacher", "en", "not written yet"},
		{"../../notebooks", "en", "not written yet"},
		{"../../notebooks/pl", "pl", "nie jest jeszcze napisana"},
	} {
		out := filepath.Join(t.TempDir(), "kurs ł", "wydanie ucznia")
		if ed.lang == "pl" {
			out = filepath.Join(out, "pl") // where its link cell expects it
		}
		var log bytes.Buffer
		if err := build(options{notebooks: ed.dir, lang: ed.lang, out: out}, &log); err != nil {
			t.Fatal(err)
		}
		paths, err := notebook.Lessons(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("exercise.NotWritten(")) {
				continue // no exercise: notebooks_test runs it
			}
			t.Run(ed.lang+"/"+filepath.Base(path), func(t *testing.T) {
				start := time.Now()
				nb, err := notebook.Execute(context.Background(), path, filepath.Join(out, "executed"))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: the student edition executed in %.1fs", path, time.Since(start).Seconds())
				for _, f := range append(nb.Failures(), nb.ChartFailures()...) {
					t.Errorf("%s: %s", path, f)
				}
				checks := 0
				for i := range nb.Cells {
					for _, c := range nb.Checks(i) {
						checks++
						if c.Status != notebook.CheckTodo || !strings.Contains(c.Text, ed.todo) {
							t.Errorf("%s: %s says %s %q; in the student edition it should say the exercise is not written yet", path, nb.CellName(i), c.Status, c.Text)
						}
					}
				}
				if checks == 0 {
					t.Errorf("%s has stubs but shows no exercise check", path)
				}
				if ed.dir == "testdata/teacher" {
					for _, d := range notebook.Compare(teacher, nb) {
						t.Errorf("the editions show different checks: %s", d)
					}
				}
			})
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
