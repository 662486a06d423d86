package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBrowser opens the handouts in a real browser, Chromium, with no
// network at all: the formulas and the chart show, all.html prints on A4,
// and axe-core, the accessibility checker, finds nothing wrong with a
// lesson page, the index and the formula sheet.
func TestBrowser(t *testing.T) {
	out := courseBuild(t)
	browser := requireChromium(t)

	dom := chromium(t, browser, "--dump-dom", "file://"+filepath.Join(out, "01-first.html"))
	if n := strings.Count(dom, "<mjx-container"); n != 4 {
		t.Errorf("the browser's page has %d typeset formulas (mjx-container), want 4", n)
	}
	if strings.Contains(dom, "$$") || strings.Contains(dom, `\frac`) {
		t.Error("the browser's page shows raw TeX")
	}
	if !regexp.MustCompile(`<svg[^>]*viewBox="0 0 566`).MatchString(dom) {
		t.Error("the browser's page has no chart")
	}

	if dom := chromium(t, browser, "--dump-dom", "file://"+filepath.Join(out, "02-second.html")); !strings.Contains(dom, `data-wired="1"`) {
		t.Error("the controls' script did not run in the browser")
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

	axe := filepath.Join("typeset", "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(axe); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and axe-core is not installed (%v): run npm ci in cmd/handouts/typeset", err)
		}
		t.Skipf("skipping the accessibility check: axe-core is not installed (%v): run npm ci in cmd/handouts/typeset", err)
	}
	for _, page := range []string{"01-first.html", "index.html", formulaFile} {
		for _, v := range axeViolations(t, browser, axe, filepath.Join(out, page)) {
			t.Errorf("%s: axe: %s (%s, %s): %s", page, v.Help, v.ID, v.Impact, strings.Join(v.Nodes, "; "))
		}
	}
}

type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeViolations runs axe-core (at path axe) on a page in the browser and
// returns what it finds. The page is copied beside itself with axe and a
// script that writes axe's results into the page, which the browser then
// prints.
func axeViolations(t *testing.T, browser, axe, page string) []violation {
	t.Helper()
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	run := `<script>` + strings.ReplaceAll(string(src), "</script", `<\/script`) + `</script>
<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var pre = document.createElement("pre");
  pre.id = "axe-results";
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
  }));
  document.body.appendChild(pre);
});
</script>
</body>`
	withAxe := filepath.Join(filepath.Dir(page), "axe-"+filepath.Base(page))
	text := strings.Replace(string(readFile(t, page)), "</body>", run, 1)
	if err := os.WriteFile(withAxe, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(withAxe)
	dom := chromium(t, browser, "--virtual-time-budget=60000", "--dump-dom", "file://"+withAxe)
	m := regexp.MustCompile(`(?s)<pre id="axe-results">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("axe gave no results for %s", page)
	}
	var vs []violation
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
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
