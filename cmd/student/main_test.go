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

// TestStudentEdition turns the fixture into its student edition and compares
// it with the reviewed copy in testdata/student: stubs in place of the
// solutions, with their TODO text, and nothing else changed.
func TestStudentEdition(t *testing.T) {
	data, err := os.ReadFile("testdata/teacher/01-exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	got, n, err := studentEdition(data, nil)
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
	got, n, err := studentEdition(data, nil)
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
	got, _, err = studentEdition(executed, nil)
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
		{"func f() int {\n\t//BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}", `line 2: "//BEGIN SOLUTION": write the marker alone on its line`},
	} {
		_, _, err := stubSolutions(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("stubSolutions(%q) error = %v, want %q", tt.src, err, tt.want)
		}
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
	if _, _, err := studentEdition(noImport, nil); err == nil || !strings.Contains(err.Error(), "no cell imports") {
		t.Errorf("a lesson with stubs but no import of exercise gave %v; want an error saying so", err)
	}
	if err := build(options{notebooks: dir, out: dir + "/."}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "overwrite the solutions") {
		t.Errorf("build into the teachers' own folder gave %v; want a refusal", err)
	}
}

func TestRelink(t *testing.T) {
	const link = "!*go mod edit -require=github.com/nnlesson/course@v0.0.0 -replace=github.com/nnlesson/course=${GONB_DIR}/.."
	for _, tt := range []struct{ from, to, want string }{
		{"/p/notebooks", "/p/student", "${GONB_DIR}/.."},
		{"/p/notebooks", "/p/class/week1", "${GONB_DIR}/../.."},
		{"/p/notebooks", "/tmp/x", "${GONB_DIR}/../../p"},
	} {
		got := relinker(tt.from, tt.to)(link)
		if want := strings.Replace(link, "${GONB_DIR}/..", tt.want, 1); got != want {
			t.Errorf("relink %s → %s:\n got %s\nwant %s", tt.from, tt.to, got, want)
		}
	}
}

// TestStudentEditionRuns builds the student edition of the fixture and of
// every lesson with exercises into a temporary folder and executes it
// headless: no cell may fail (a compile error, a panic that escaped a check)
// and every check cell must say that its exercise is not written yet.
func TestStudentEditionRuns(t *testing.T) {
	notebooktest.RequireJupyter(t)
	for _, dir := range []string{"testdata/teacher", "../../notebooks"} {
		out := t.TempDir()
		var log bytes.Buffer
		if err := build(options{notebooks: dir, out: out}, &log); err != nil {
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
			t.Run(filepath.Base(path), func(t *testing.T) {
				start := time.Now()
				nb, err := notebook.Execute(context.Background(), path, filepath.Join(out, "executed"))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: the student edition executed in %.1fs", path, time.Since(start).Seconds())
				for _, f := range nb.Failures() {
					t.Errorf("%s: %s", path, f)
				}
				checkCells := 0
				for i := range nb.Cells {
					if !nb.IsCheckCell(i) {
						continue
					}
					checkCells++
					checks := nb.Checks(i)
					if len(checks) == 0 {
						t.Errorf("%s: %s shows no verdict", path, nb.CellName(i))
					}
					for _, c := range checks {
						if c.Status != notebook.CheckTodo || !strings.Contains(c.Text, "not written yet") {
							t.Errorf("%s: %s says %q; in the student edition it should say the exercise is not written yet", path, nb.CellName(i), c.Text)
						}
					}
				}
				if checkCells == 0 {
					t.Errorf("%s has stubs but no check cell (exercise.Func1, Float, Slice or Check)", path)
				}
			})
		}
	}
}

// TestTeacherEditionPasses executes the fixture's teacher edition: every
// check passes, as notebooks_test demands of the real lessons.
func TestTeacherEditionPasses(t *testing.T) {
	notebooktest.RequireJupyter(t)
	nb, err := notebook.Execute(context.Background(), "testdata/teacher/01-exercises.ipynb", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(nb.Failures(), nb.FailedChecks()...) {
		t.Errorf("%s", f)
	}
	passed := 0
	for i := range nb.Cells {
		for _, c := range nb.Checks(i) {
			if c.Status == notebook.CheckPass {
				passed++
			}
		}
	}
	if passed != 4 {
		t.Errorf("%d checks passed, want the fixture's 4", passed)
	}
}
