package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	notebook "github.com/nnlesson/course/internal/notebook/notebooktest"
)

// TestOffline builds the handout of a lesson with formulas, a chart, an
// output with dollar signs and an exercise check, with and without code, and
// checks that each page needs nothing but itself: no script, the formulas
// typeset as SVG, the rest left alone. Then a real browser, Chromium, with
// no network at all, opens it and prints it on A4.
func TestOffline(t *testing.T) {
	notebook.RequireJupyter(t)
	requireTypesetter(t)
	out := t.TempDir()
	if err := build(context.Background(), options{notebooks: "testdata/offline", out: out, typeset: "typeset"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, filepath.Join(out, "01-offline.html"))
	checkOffline(t, "01-offline.html", page)
	for _, code := range []string{`class="jp-CodeMirrorEditor`, `>double</span>`} {
		if !strings.Contains(page, code) {
			t.Errorf("the handout does not show the code (%q)", code)
		}
	}
	all := read(t, filepath.Join(out, allFile))
	checkOffline(t, allFile, all)
	if n := strings.Count(all, `<section class="nnlesson-lesson">`); n != 1 {
		t.Errorf("%s holds %d lessons, want 1", allFile, n)
	}
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), `href="all.html"`) {
		t.Error("index.html does not link to all.html")
	}

	t.Run("no-code", func(t *testing.T) {
		out := t.TempDir()
		if err := build(context.Background(), options{notebooks: "testdata/offline", out: out, typeset: "typeset", noCode: true}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		page := read(t, filepath.Join(out, "01-offline.html"))
		checkOffline(t, "01-offline.html -no-code", page)
		for _, code := range []string{`class="jp-CodeMirrorEditor`, `>double</span>`, "SOLUTION"} {
			if strings.Contains(page, code) {
				t.Errorf("the -no-code handout shows the code %q", code)
			}
		}
	})

	t.Run("browser", func(t *testing.T) {
		browser := requireChromium(t)
		dom := chromium(t, browser, "--dump-dom", "file://"+filepath.Join(out, "01-offline.html"))
		if n := strings.Count(dom, "<mjx-container"); n != 2 {
			t.Errorf("the browser's page has %d typeset formulas (mjx-container), want 2", n)
		}
		if strings.Contains(dom, "$$") || strings.Contains(dom, `\sum`) {
			t.Error("the browser's page shows raw TeX")
		}
		if !regexp.MustCompile(`<svg[^>]*viewBox="0 0 566`).MatchString(dom) {
			t.Error("the browser's page has no chart")
		}
		pdf := filepath.Join(t.TempDir(), "handout.pdf")
		chromium(t, browser, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+filepath.Join(out, allFile))
		b, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatalf("Chromium printed no PDF: %v", err)
		}
		// A4 is 595.28 × 841.89 pt; Chromium writes 594.96 × 841.92.
		if !regexp.MustCompile(`/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]`).Match(b) {
			t.Errorf("the printed handout is not A4 (no A4 /MediaBox in the PDF)")
		}
	})
}

// checkOffline checks one page: no script, two formulas typeset, the
// dollars of a Go output as printed, the chart and the check box kept.
func checkOffline(t *testing.T, name, page string) {
	t.Helper()
	if s := scriptRE.FindString(page); s != "" {
		t.Errorf("%s keeps a script: %s", name, s)
	}
	if strings.Contains(page, "file:///") {
		t.Errorf("%s refers to a file of this machine (file:///)", name)
	}
	if n := strings.Count(page, "<mjx-container"); n != 2 {
		t.Errorf("%s has %d typeset formulas (mjx-container), want 2", name, n)
	}
	if !strings.Contains(page, `<mjx-container class="MathJax" jax="SVG" display="true"`) {
		t.Errorf("%s has no display formula typeset as SVG", name)
	}
	if strings.Contains(page, "$$") || strings.Contains(page, `\frac`) {
		t.Errorf("%s still has raw TeX", name)
	}
	if !strings.Contains(page, "price: $5 and $6") {
		t.Errorf("%s does not show the Go output with dollar signs as printed", name)
	}
	if !regexp.MustCompile(`<svg[^>]*viewBox="0 0 566`).MatchString(page) {
		t.Errorf("%s has no chart", name)
	}
	if !strings.Contains(page, "nnlesson-check-pass") {
		t.Errorf("%s has no exercise check box", name)
	}
	if !strings.Contains(page, "@media print") {
		t.Errorf("%s has no print rules", name)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// requireTypesetter skips the test when Node.js or MathJax is missing; under
// CI (CI=true) it fails instead, as notebook.RequireJupyter does.
func requireTypesetter(t *testing.T) {
	t.Helper()
	if err := checkTypesetter("typeset"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the handouts cannot be typeset: %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
}

// requireChromium returns the Chromium to test with. Without one, or
// without a way to cut it off the network (unshare, from util-linux, in a
// new network namespace), it skips the test; under CI it fails.
func requireChromium(t *testing.T) string {
	t.Helper()
	fail := t.Skipf
	if os.Getenv("CI") == "true" {
		fail = t.Fatalf
	}
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		fail("no Chromium to open the handout with: apt-get install chromium")
		return ""
	}
	if err := exec.Command("unshare", "--net", "--map-root-user", "true").Run(); err != nil {
		fail("cannot start a program without network (unshare --net --map-root-user: %v)", err)
		return ""
	}
	return browser
}

// chromium runs headless Chromium in a network namespace of its own, with
// no network but loopback, and returns what it prints.
func chromium(t *testing.T, browser string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append([]string{"--net", "--map-root-user", "--", browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.CommandContext(ctx, "unshare", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args[len(args)-2:], " "), err, stderr.String())
	}
	return stdout.String()
}
