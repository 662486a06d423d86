// Package notebooks holds the course's lessons, one Jupyter notebook per
// group of slides. Its tests check each committed lesson and execute every
// lesson headless through Jupyter on the GoNB kernel.
package notebooks

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// linkCell is the first code cell of every lesson: it links the notebook to
// the course's packages (see DESIGN.md).
const linkCell = `!*go mod edit -require=github.com/nnlesson/course@v0.0.0 -replace=github.com/nnlesson/course="${GONB_DIR}/.."`

var lessonName = regexp.MustCompile(`^\d\d-[a-z0-9-]+\.ipynb$`)

func lessons(t *testing.T) []string {
	t.Helper()
	paths, err := notebook.Lessons(".")
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestHygiene checks every committed lesson: nbformat 4, the gonb kernel, no
// outputs, a title, the link cell first, and a name that sorts in order.
func TestHygiene(t *testing.T) {
	for _, path := range lessons(t) {
		t.Run(path, func(t *testing.T) {
			if !lessonName.MatchString(filepath.Base(path)) {
				t.Errorf("%s: name it NN-topic.ipynb (two digits, lower case) so that lessons sort in order", path)
			}
			nb, err := notebook.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range nb.Hygiene() {
				t.Errorf("%s: %s", path, p)
			}
			if len(nb.Cells) == 0 || nb.Cells[0].Type != "markdown" || !strings.HasPrefix(string(nb.Cells[0].Source), "# ") {
				t.Errorf("%s: the first cell must be markdown opening with the lesson's title (# …)", path)
			}
			for _, c := range nb.Cells {
				if c.Type == "code" {
					if strings.TrimSpace(string(c.Source)) != linkCell {
						t.Errorf("%s: the first code cell must be exactly the link cell\n%s\ngot\n%s", path, linkCell, c.Source)
					}
					break
				}
			}
		})
	}
}

// TestExecute runs every lesson headless on the GoNB kernel and fails on any
// cell that fails (error output, panic, compile error), on any chart that
// could not be drawn, and on any exercise check that does not pass: the
// teacher's edition passes every check (notebook.Problems). A lesson's
// Polish twin (pl/, same file name) is held to the same, and must show what
// the English one shows: the same charts and checks in the same cells
// (notebook.Compare), so that a chart or a check lost in one edition shows.
func TestExecute(t *testing.T) {
	notebooktest.RequireJupyter(t)
	out := t.TempDir()
	for _, path := range lessons(t) {
		t.Run(path, func(t *testing.T) {
			nb := execute(t, path, out)
			twin := filepath.Join("pl", filepath.Base(path))
			if _, err := os.Stat(twin); err != nil {
				return
			}
			pl := execute(t, twin, filepath.Join(out, "pl"))
			for _, d := range notebook.Compare(nb, pl) {
				t.Errorf("the two editions differ: %s", d)
			}
		})
	}
}

// execute runs the lesson at path, reports its problems, and returns it
// executed.
func execute(t *testing.T, path, out string) *notebook.Notebook {
	t.Helper()
	start := time.Now()
	nb, err := notebook.Execute(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s executed in %.1fs", path, time.Since(start).Seconds())
	for _, f := range nb.Problems() {
		t.Errorf("%s: %s", path, f)
	}
	return nb
}

// TestSameTwice executes two lessons that draw random numbers (a seeded
// network, a random starting point) twice each, and checks that every
// output — printed numbers and charts — is the same both times, so that a
// handout printed on Monday matches the one printed on Friday.
func TestSameTwice(t *testing.T) {
	notebooktest.RequireJupyter(t)
	for _, path := range []string{"03-many-neurons.ipynb", "06-descent.ipynb"} {
		t.Run(path, func(t *testing.T) {
			var runs [2]*notebook.Notebook
			for i := range runs {
				nb, err := notebook.Execute(context.Background(), path, t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				runs[i] = nb
			}
			for i, c := range runs[0].Cells {
				if !reflect.DeepEqual(c.Outputs, runs[1].Cells[i].Outputs) {
					t.Errorf("%s: %s shows different outputs on the second run", path, runs[0].CellName(i))
				}
			}
		})
	}
}
