package notebook_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestRoundTrip reads and writes back every notebook of the course — the
// lessons in both editions, and the fixtures of the tools — and wants each
// byte back: they were written by Jupyter (nbformat), and the model writes
// as nbformat does.
func TestRoundTrip(t *testing.T) {
	var paths []string
	for _, pattern := range []string{
		"../../notebooks/*.ipynb", "../../notebooks/pl/*.ipynb", "testdata/*.json",
		"../../cmd/student/testdata/*/*.ipynb", "../../cmd/handouts/testdata/*/*.ipynb",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 12 {
		t.Fatalf("found only %d notebooks: %v", len(paths), paths)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		got, err := nb.Encode()
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s does not come back byte for byte:\n%s", path, firstDiff(got, data))
		}
	}
}

// odd is a notebook in every form nbformat accepts but does not write:
// text as one string, text lists split anywhere, escapes where none are
// needed, numbers in other spellings, keys unsorted, fields nbformat drops;
// and every kind of cell, output and line end. (Every cell has an id:
// nbformat 4.5 gives a cell without one a random id.)
const odd = `{"nbformat_minor": 5, "nbformat": 4,
 "metadata": {"orig_nbformat": 3, "kernelspec": {"name": "gonb", "display_name": "Go (gonb)"},
  "language_info": {"name": "go", "pygments_lexer": "", "codemirror_mode": {"name": "go", "version": 1.50}},
  "nnlesson": {"b": [1E2, 0.00001, 1e16, -0, 2.50], "a": "\u00e9\u2028\/"}},
 "cells": [
  {"source": "# Title \u0142\r\nline\rline\u2028line\u0085end\f\u000b\u001c\u001d\u001e", "metadata": {"trusted": true, "tags": ["a", "ł"]},
   "cell_type": "markdown", "id": "m1", "attachments": {"x.png": {"image/png": ["iVBO", "Rw=="], "text/plain": "a\nb"}}},
  {"cell_type": "raw", "id": "r1", "metadata": {"format": "text/html"}, "source": ["<b>", "</b>\n\n"]},
  {"cell_type": "code", "metadata": {"collapsed": false, "jupyter": {"source_hidden": true}}, "source": "", "execution_count": 7, "id": "c1",
   "outputs": [
    {"output_type": "stream", "name": "stdout", "text": ["10%\r20%\r", "done\n", "\ttab \"q\" \\ \u0001\u007f"]},
    {"output_type": "display_data", "metadata": {"image/png": {"width": 640.0}},
     "data": {"text/html": "<div>\n<svg onload=\"x\">&amp;</svg>\n</div>", "image/svg+xml": ["<svg>", "</svg>\n"],
      "image/png": "iVBORw0KGgo=", "application/json": {"z": [1, 2.0], "a": null},
      "application/vnd.nnlesson.check+json": {"text": "f(0) = 0.5 \u2014 expected 0.25", "status": "fail", "func": "f"},
      "application/javascript": "a();\nb();", "text/plain": ["a\n", "b\nc"]}},
    {"output_type": "execute_result", "execution_count": 7, "metadata": {}, "data": {"text/plain": "42"}},
    {"output_type": "error", "ename": "ERROR", "evalue": "exit status 2", "traceback": ["\u001b[0;31mpanic\u001b[0m", "line 2"]}
   ]},
  {"cell_type": "code", "id": "c2", "metadata": {}, "source": ["%%\n", "fmt.Println(\"π\")"], "execution_count": null, "outputs": []}
 ]}`

// TestEncodeAsNbformat writes notebooks as nbformat itself writes them: the
// odd notebook above, and the same after the model changed it, are written
// by Encode and by nbformat (in the Python that runs Jupyter), and the two
// must be the same bytes.
func TestEncodeAsNbformat(t *testing.T) {
	notebooktest.RequireJupyter(t)
	python := jupyterPython(t)
	nb, err := notebook.Parse([]byte(odd))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := notebook.Parse([]byte(odd))
	if err != nil {
		t.Fatal(err)
	}
	c := &changed.Cells[2]
	c.Source = "%%\nfmt.Println(\"line\u2028sep\\n\")\r\n\tx := `<script>`\n"
	c.Outputs = append(c.Outputs, notebook.Output{Type: "display_data", Data: notebook.MimeBundle{}})
	c.Outputs[len(c.Outputs)-1].Data.SetText("text/html", "<p>\n\u00e9</p>\n")
	c.Outputs[len(c.Outputs)-1].Data.SetText("image/png", "iVBOR\nw==")
	c.Outputs[0].Text = "replaced\n"
	c.Metadata.Tags = []string{}
	changed.Cells[0].Metadata.Tags = nil
	changed.Metadata.LanguageInfo.PygmentsLexer = "go"
	changed.Cells = append(changed.Cells, notebook.Cell{Type: "code", ID: "n1", Source: "new"}, notebook.Cell{Type: "markdown", ID: "n2"})

	for name, nb := range map[string]*notebook.Notebook{"odd": nb, "changed": changed} {
		got, err := nb.Encode()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), name+".ipynb")
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(python[0], append(python[1:], "-c",
			"import sys, nbformat; nbformat.write(nbformat.read(sys.argv[1], as_version=4), sys.stdout)", path)...)
		want, err := cmd.Output()
		if err != nil {
			t.Fatalf("nbformat: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Encode differs from nbformat:\n%s\n\nEncode:\n%s", name, firstDiff(got, want), got)
		}
		again, err := notebook.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := again.Encode(); !bytes.Equal(b, got) {
			t.Errorf("%s: a notebook read back from Encode encodes differently", name)
		}
	}
}

// TestUnknownFieldsKept: what the model does not type — fields of a later
// nbformat, metadata of other tools, outputs' extra keys — comes back.
func TestUnknownFieldsKept(t *testing.T) {
	in := `{"cells": [{"cell_type": "code", "execution_count": null, "future": {"x": [1, "é"]}, "metadata": {"other": 1},
	 "outputs": [{"output_type": "stream", "name": "stdout", "text": "a", "later": true}, {"output_type": "newkind", "payload": 1}],
	 "source": "x"}, {"cell_type": "markdown", "metadata": {}, "source": "y", "outputs": ["kept"]}],
	 "metadata": {"kernelspec": {"name": "gonb", "display_name": "Go", "env": {"A": "1"}}}, "nbformat": 4, "nbformat_minor": 5, "top": "kept"}`
	nb, err := notebook.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got, err := nb.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	// The one change nbformat makes: text is a list of lines.
	ja = bytes.ReplaceAll(ja, []byte(`"source":"x"`), []byte(`"source":["x"]`))
	ja = bytes.ReplaceAll(ja, []byte(`"source":"y"`), []byte(`"source":["y"]`))
	ja = bytes.ReplaceAll(ja, []byte(`"text":"a"`), []byte(`"text":["a"]`))
	if !bytes.Equal(ja, jb) {
		t.Errorf("fields were lost or changed:\n in %s\nout %s", ja, jb)
	}
	if !strings.Contains(string(got), "\"later\": true") {
		t.Errorf("an output's unknown field was lost:\n%s", got)
	}
}

// jupyterPython returns the command of the Python that runs Jupyter (from
// the first line of the jupyter script), which has nbformat.
func jupyterPython(t *testing.T) []string {
	path, err := exec.LookPath("jupyter")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	python := strings.Fields(strings.TrimPrefix(first, "#!"))
	if !strings.HasPrefix(first, "#!") || len(python) == 0 {
		t.Fatalf("%s does not name its Python on its first line: %q", path, first)
	}
	if err := exec.Command(python[0], append(python[1:], "-c", "import nbformat")...).Run(); err != nil {
		t.Fatalf("%s cannot import nbformat, which Jupyter needs: %v", python, err)
	}
	return python
}

// firstDiff shows where two encodings part.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n got " + la[i] + "\nwant " + lb[i]
		}
	}
	return "lengths differ: " + itoa(len(la)) + " and " + itoa(len(lb)) + " lines"
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
