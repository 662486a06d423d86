package notebooks

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlesson/course/internal/notebook"
	"github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestErrorsNameTheCellLine: with the kernel as install.sh registers it
// (linking without a symbol table, -ldflags=-s, to answer sooner), a
// student's mistake still points into the cell: a panic at run time and a
// compile error both name the cell's line, as GoNB maps them back.
func TestErrorsNameTheCellLine(t *testing.T) {
	notebooktest.RequireJupyter(t)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	code := func(src string) map[string]any {
		return map[string]any{"cell_type": "code", "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil, "source": src}
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
		"cells": []any{
			code(`!*go mod edit -require=github.com/nnlesson/course@v0.0.0 -replace=github.com/nnlesson/course='` +
				strings.ReplaceAll(root, `'`, `'\''`) + `'`),
			code("%%\nxs := []int{1, 2}\ni := 3\nfmt.Println(xs[i]) // line 4"),
			code("%%\nfmt.Println(undefinedThing) // line 2"),
		},
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mistakes.ipynb")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ran, err := notebook.Execute(context.Background(), path, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	shown := func(i int) string {
		var all strings.Builder
		for _, o := range ran.Cells[i].Outputs {
			all.WriteString(string(o.Text) + o.DataText("text/html") + o.EValue + strings.Join(o.Traceback, "\n"))
		}
		return all.String()
	}
	if s := shown(1); !strings.Contains(s, "index out of range [3] with length 2") || !strings.Contains(s, "Line 4") {
		t.Errorf("a panic in a cell's line 4 shows no %q and %q:\n%s", "index out of range [3] with length 2", "Line 4", s)
	}
	if s := shown(2); !strings.Contains(s, "undefined: undefinedThing") || !strings.Contains(s, "Line 2") {
		t.Errorf("a compile error in a cell's line 2 shows no %q and %q:\n%s", "undefined: undefinedThing", "Line 2", s)
	}
}
