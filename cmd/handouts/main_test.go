package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	notebook "github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestBuild builds the handouts of two small lessons and checks the pages:
// one per lesson with its outputs, and an index that lists them in order.
func TestBuild(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	var log bytes.Buffer
	if err := build(context.Background(), options{notebooks: "testdata/good", out: out, typeset: "typeset"}, &log); err != nil {
		t.Fatalf("build: %v\nlog:\n%s", err, log.String())
	}
	for file, want := range map[string]string{
		"01-first.html":  "z = 2.00",
		"02-second.html": "second lesson ran",
	} {
		page, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatalf("handout missing: %v", err)
		}
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("%s does not show the cell's output %q", file, want)
		}
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Index(string(index), `href="01-first.html">First fixture lesson`)
	second := strings.Index(string(index), `href="02-second.html">Second fixture lesson`)
	if first < 0 || second < 0 || first > second {
		t.Errorf("index.html does not list the two lessons in order:\n%s", index)
	}
}

// TestBuildFailingLesson checks that a lesson with a panicking cell fails the
// build with a message naming the notebook, the cell and the panic.
func TestBuildFailingLesson(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	err := build(context.Background(), options{notebooks: "testdata/bad", out: out, typeset: "typeset"}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("build succeeded on a lesson whose cell panics")
	}
	for _, want := range []string{"testdata/bad/01-broken.ipynb", "cell 4", "layers[3]", "index out of range"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %q:\n%v", want, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "01-broken.html")); err == nil {
		t.Error("a handout was written for the failing lesson")
	}
}
