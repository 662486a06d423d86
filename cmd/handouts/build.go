package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nnlesson/course/internal/notebook"
)

// The cell tags of the reading edition (see the package doc).
const (
	KeyboardTag    = "keyboard"
	ReadingCodeTag = "reading-code"
)

// ControlMIME is the MIME type of the record a lesson control publishes
// beside its HTML (CONTROLS.md): {"title", "frames", "error"}.
const ControlMIME = "application/vnd.nnlesson.control+json"

// The pages beside the lessons'.
const (
	allFile     = "all.html"
	indexFile   = "index.html"
	formulaFile = "formula-sheet.html"
)

//go:embed template
var templates embed.FS

// lesson is one lesson of the build.
type lesson struct {
	path string // the notebook
	base string // its file name without .ipynb: "02-neuron"
	n    int    // its number, from the file name: 2

	nb          *notebook.Notebook // executed
	titleHTML   string             // the title, inline HTML
	titleText   string             // the title, as text
	summaryHTML string             // the one-line summary, inline HTML
	cells       []notebook.Cell    // the cells of the page, of the edition, sanitized
	controls    bool               // whether it shows a lesson control

	problems []string // why it has no page
	notes    []string // what its page left out that would run or load
}

func (l *lesson) file() string { return l.base + ".html" }

// builder holds one build.
type builder struct {
	options
	w       *words
	work    string // a temporary folder
	tmpl    string // the folder of the nbconvert template, in work
	nonce   string // marks where the template rendered markdown
	lessons []*lesson
	log     io.Writer
	machine []string // paths of this computer that no page may show
}

// build executes every lesson and writes the handouts; it returns an error
// naming every notebook and cell that failed.
func build(ctx context.Context, opts options, log io.Writer) error {
	w, ok := languages[opts.lang]
	if !ok {
		return fmt.Errorf("-lang %s: the handouts are in en (English) or pl (Polish)", opts.lang)
	}
	if opts.notebooks == "" {
		opts.notebooks = "notebooks"
		if opts.lang == "pl" {
			opts.notebooks = filepath.Join("notebooks", "pl")
		}
	}
	if err := notebook.Available(); err != nil {
		return err
	}
	if err := checkTypesetter(opts.typeset); err != nil {
		return err
	}
	paths, err := notebook.Lessons(opts.notebooks)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "handouts-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &builder{options: opts, w: w, work: work, log: log}
	if err := b.setUp(); err != nil {
		return err
	}
	for _, path := range paths {
		b.lessons = append(b.lessons, b.runLesson(ctx, path))
	}
	built := b.built()
	for _, l := range built {
		if err := b.writeLesson(ctx, l); err != nil {
			return err
		}
	}
	if err := b.writeFormulaSheet(ctx); err != nil {
		return err
	}
	if len(built) > 0 {
		if err := b.writeAll(ctx); err != nil {
			return err
		}
		fmt.Fprintf(log, "all lessons, to print: %s\n", filepath.Join(opts.out, allFile))
	}
	if err := b.writeIndex(ctx); err != nil {
		return err
	}
	fmt.Fprintf(log, "index: %s\n", filepath.Join(opts.out, indexFile))
	var problems []string
	for _, l := range b.lessons {
		for _, p := range append(slices.Clone(l.problems), l.notes...) {
			problems = append(problems, l.path+": "+p)
		}
	}
	problems = append(problems, b.machineCheck()...)
	if len(problems) > 0 {
		return fmt.Errorf("%d problem(s):\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

// setUp writes the template into the work folder and finds what no page
// may show of this computer.
func (b *builder) setUp() error {
	b.tmpl = filepath.Join(b.work, "template")
	err := fs.WalkDir(templates, "template", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := templates.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(b.work, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return err
	}
	var nonce [12]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return err
	}
	b.nonce = hex.EncodeToString(nonce[:])
	b.machine = machinePaths(b.work)
	return nil
}

// built returns the lessons that have a page, in order.
func (b *builder) built() []*lesson {
	var out []*lesson
	for _, l := range b.lessons {
		if len(l.problems) == 0 {
			out = append(out, l)
		}
	}
	return out
}

var lessonNumberRE = regexp.MustCompile(`^(\d+)`)

// runLesson reads and executes one lesson, and prepares its page's cells;
// a lesson that cannot have a page comes back with its problems.
func (b *builder) runLesson(ctx context.Context, path string) *lesson {
	start := time.Now()
	l := &lesson{path: path, base: strings.TrimSuffix(filepath.Base(path), ".ipynb")}
	if m := lessonNumberRE.FindString(l.base); m != "" {
		l.n, _ = strconv.Atoi(m)
	}
	fmt.Fprintf(b.log, "%-40s ", filepath.Base(path))
	defer func() {
		switch {
		case len(l.problems) > 0:
			fmt.Fprintf(b.log, "FAILED\n")
		default:
			fmt.Fprintf(b.log, "%5.1fs\n", time.Since(start).Seconds())
		}
	}()
	if _, err := readNotebook(path); err != nil {
		l.problems = append(l.problems, err.Error())
		return l
	}
	nb, err := notebook.ExecuteWithin(ctx, path, b.work, b.limit())
	if err != nil {
		l.problems = append(l.problems, executeProblem(err))
		return l
	}
	l.nb = nb
	for _, f := range nb.Problems() {
		l.problems = append(l.problems, f.String())
	}
	l.problems = append(l.problems, b.machineShown(nb)...)
	if len(l.problems) > 0 {
		return l
	}
	title := nb.Title()
	l.titleHTML = inlineHTML(title)
	l.titleText = htmlText(l.titleHTML)
	l.summaryHTML = inlineHTML(summary(nb))
	b.prepare(l)
	return l
}

// readNotebook reads a notebook, saying where its JSON is broken.
func readNotebook(path string) (*notebook.Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := notebook.Parse(data)
	if err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
			return nil, fmt.Errorf("not a valid notebook: its JSON breaks on line %d (%v); open it in Jupyter or restore it from version control", line, syn)
		}
		return nil, fmt.Errorf("not a valid notebook: %v", err)
	}
	return nb, nil
}

// executeProblem says in one line why a lesson could not run: a cell past
// its time limit, or the last line of what nbconvert said (a Python
// traceback's exception), not the traceback.
func executeProblem(err error) string {
	var t *notebook.TimeoutError
	if errors.As(err, &t) {
		return t.Error()
	}
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	exc := regexp.MustCompile(`^(?:[A-Za-z_][\w]*\.)*([A-Za-z_]\w*(?:Error|Exception|Interrupt)): (.*)$`)
	for i := len(lines) - 1; i >= 0; i-- {
		if m := exc.FindStringSubmatch(strings.TrimSpace(lines[i])); m != nil {
			return fmt.Sprintf("Jupyter could not run the lesson: %s: %s", m[1], m[2])
		}
	}
	return "Jupyter could not run the lesson: " + lines[len(lines)-1]
}

// prepare makes the cells of a lesson's page: those of the edition, with
// their outputs sanitized.
func (b *builder) prepare(l *lesson) {
	nb := l.nb
	for i, c := range nb.Cells {
		tags := c.Metadata.Tags
		if b.noCode && slices.Contains(tags, KeyboardTag) {
			continue
		}
		if b.noCode && c.Type == "code" && (isSolution(c) || nb.IsCheckCell(i)) {
			continue
		}
		c.ID = ""
		c.Metadata.Extra = maps(c.Metadata.Extra)
		c.Metadata.Extra["nnlesson"] = mustJSON(map[string]any{"cell": cellID(len(b.lessons), i)})
		switch c.Type {
		case "code":
			if b.noCode && !slices.Contains(tags, ReadingCodeTag) {
				c.Source = ""
			}
			c.Outputs = b.outputs(l, i, c.Outputs)
			if c.Source == "" && len(c.Outputs) == 0 {
				continue
			}
		case "raw":
			var mime string
			if raw, ok := c.Metadata.Extra["raw_mimetype"]; ok {
				_ = json.Unmarshal(raw, &mime)
			}
			if !strings.EqualFold(mime, "text/html") {
				continue
			}
			clean, removed := sanitize(string(c.Source), policy{link: b.lessonLink})
			c.Source = notebook.Text(clean)
			l.note(nb, i, removed)
		}
		l.cells = append(l.cells, c)
	}
}

// cellID names cell i of the lesson with index k in the template's marks.
func cellID(k, i int) string { return fmt.Sprintf("%d.%d", k, i) }

// isSolution says whether a code cell is an exercise's solution.
func isSolution(c notebook.Cell) bool { return strings.Contains(string(c.Source), "BEGIN SOLUTION") }

// outputs returns the outputs of cell i as the page shows them: no verdict
// box in the reading edition, nothing that runs, HTML and SVG sanitized.
func (b *builder) outputs(l *lesson, i int, outputs []notebook.Output) []notebook.Output {
	var out []notebook.Output
	for _, o := range outputs {
		if o.Type != "display_data" && o.Type != "execute_result" {
			out = append(out, o)
			continue
		}
		if b.noCode && o.Data[notebook.CheckMIME] != nil {
			continue
		}
		data := notebook.MimeBundle{}
		for k, v := range o.Data {
			data[k] = v
		}
		control := data[ControlMIME] != nil
		l.controls = l.controls || control
		var removed []string
		for _, mime := range []string{"application/javascript", "text/javascript", "application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json"} {
			if data[mime] != nil {
				delete(data, mime)
				removed = append(removed, "a script output ("+mime+")")
			}
		}
		for _, mime := range []string{"text/html", "image/svg+xml"} {
			if data[mime] == nil {
				continue
			}
			clean, r := sanitize(data.Text(mime), policy{link: b.lessonLink, expectScript: control})
			data.SetText(mime, clean)
			removed = append(removed, r...)
		}
		l.note(l.nb, i, removed)
		o.Data = data
		out = append(out, o)
	}
	return out
}

// note records what the sanitizer removed from cell i.
func (l *lesson) note(nb *notebook.Notebook, i int, removed []string) {
	if len(removed) == 0 {
		return
	}
	l.notes = append(l.notes, fmt.Sprintf("%s: the handout leaves out what would run or load: %s", nb.CellName(i), strings.Join(removed, ", ")))
}

// lessonLink makes a link to a lesson's notebook one to its handout page.
func (b *builder) lessonLink(href string) string {
	path, frag, _ := strings.Cut(href, "#")
	if !strings.HasSuffix(path, ".ipynb") || strings.Contains(path, "/") {
		return href
	}
	page := strings.TrimSuffix(path, ".ipynb") + ".html"
	if frag != "" {
		page += "#" + frag
	}
	return page
}

// allLink makes a link to a lesson's notebook one to its section in
// all.html.
func (b *builder) allLink(href string) string {
	path, _, _ := strings.Cut(href, "#")
	if !strings.HasSuffix(path, ".ipynb") || strings.Contains(path, "/") {
		return href
	}
	return "#lesson-" + strings.TrimSuffix(path, ".ipynb")
}

func maps(f notebook.Fields) notebook.Fields {
	out := notebook.Fields{}
	for k, v := range f {
		out[k] = v
	}
	return out
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
