// Command handouts builds the course's handouts: it executes every lesson
// headless on the GoNB kernel and writes one self-contained HTML page per
// lesson, outputs and charts inline, a formula sheet, an index page in
// lesson order, and all.html, every lesson and the formula sheet in one page
// to print at once.
//
// Usage, from the project's root:
//
//	go run ./cmd/handouts -out handouts
//	go run ./cmd/handouts -no-code -out handouts-reading
//	go run ./cmd/handouts -lang pl -out materialy
//
// -lang pl reads the Polish edition, notebooks/pl, and writes the pages'
// own words (index, navigation, formula sheet, all.html) in Polish; the
// default is English, from notebooks/. -notebooks reads another folder.
//
// # The pages
//
// A handout needs no network and no script of nbconvert's: nbconvert
// renders each page with the course's own template (cmd/handouts/template:
// the page's language and title, navigation to the index and to the
// previous and next lesson at its top and bottom, print rules for A4), the
// formulas are typeset into SVG when it is built (MathJax 3 in Node.js,
// installed by install.sh into cmd/handouts/typeset), and its charts are
// inline SVG. A page with lesson controls carries the controls' one script
// (plots.ControlScript), once; without it each control shows its default
// frame. Printed, no chart, formula or short block is cut across two pages,
// long output and code may run on to the next one, and each lesson starts
// on a new page.
//
// The index lists each lesson with its title and a one-line summary. The
// summary is the first paragraph of the lesson's first markdown cell
// tagged "summary"; when no cell has that tag, the first sentence of the
// lesson's first markdown cell that says what the lesson does ("This
// lesson …"; in Polish "Ta lekcja …" or "W tej lekcji …"), or else the
// first sentence of its first paragraph of prose after the title.
//
// # What a page keeps
//
// A handout keeps, of what a notebook's outputs and markdown contain, an
// allowlist of HTML and SVG (see sanitize.go): prose, tables, the course's
// charts, exercise verdicts and lesson controls. What would run or load —
// a <script>, an event handler such as onerror, a javascript: link, a
// frame, an image or style from the network — is left out, and the build
// names the cell and exits with status 1, so that a teacher who builds
// handouts from a student's notebook learns of it. Links to another
// lesson's notebook (02-neuron.ipynb) lead to its handout.
//
// Nothing of the computer that builds the handouts may reach a page: a
// lesson that shows its home folder, the cache folder or the course's
// folder fails (print where things are kept in general terms).
//
// # The reading edition
//
// -no-code writes the reading edition, for students who read rather than
// run: prose, formulas, outputs and charts, with the exercises as problems
// for pencil and paper. Cell tags (the cell's metadata "tags") say what
// belongs to it:
//
//	keyboard       a cell only for someone at a keyboard ("Run the cells …",
//	               "the next cell …"): left out of the reading edition.
//	reading-code   a code cell whose code the reading edition keeps (values
//	               that cells set and the text refers to, such as a
//	               neuron's w and b).
//	summary        a markdown cell whose first paragraph is the index's
//	               summary of the lesson (in both editions).
//
// Other code cells show their outputs only. An exercise's solution cell
// (the one with // BEGIN SOLUTION) and its check cell (the one that shows a
// verdict) are left out, and so is every verdict box.
//
// # When a lesson fails
//
// A lesson that cannot be built — a failing cell (a panic, a compile error),
// a cell that runs longer than its time limit, a notebook that is not
// valid JSON, a chart that could not be drawn, an exercise check that did
// not pass — gets no page; the others are built, the index lists them, and
// the command exits with status 1 naming each notebook and cell.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/plots"
)

func main() {
	var opts options
	flag.StringVar(&opts.notebooks, "notebooks", "", "folder of the lessons (`*.ipynb`; default notebooks, with -lang pl notebooks/pl)")
	flag.StringVar(&opts.out, "out", "handouts", "folder to write the HTML handouts into")
	flag.BoolVar(&opts.noCode, "no-code", false, "the reading edition: no code but the cells tagged reading-code, no keyboard cells, exercises as problems")
	flag.StringVar(&opts.lang, "lang", "en", "language of the handouts: en or pl")
	flag.StringVar(&opts.typeset, "typeset", filepath.Join("cmd", "handouts", "typeset"), "folder of the formula typesetter (typeset.cjs and its node_modules)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/handouts [-lang en|pl] [-notebooks DIR] [-out DIR] [-no-code]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	opts.controlScript = controlScript()
	if err := build(context.Background(), opts, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "handouts: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	notebooks     string        // folder of the lessons; "" for the language's
	out           string        // folder of the handouts
	noCode        bool          // the reading edition
	lang          string        // "en" or "pl"
	typeset       string        // folder of typeset.cjs and its node_modules
	cellTimeout   time.Duration // a cell's time limit; 0 for notebook.CellTimeout
	controlScript string        // the lesson controls' script (plots.ControlScript)
}

// controlScript returns the script that wires the lessons' controls: the
// plots package's own (plots/controls.js, CONTROLS.md), which a live notebook
// inlines in each control's output and a handout page brings once.
func controlScript() string { return plots.ControlScript }

// limit is the time limit of a cell.
func (o options) limit() time.Duration {
	if o.cellTimeout > 0 {
		return o.cellTimeout
	}
	return notebook.CellTimeout
}
