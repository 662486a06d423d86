package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// This file makes nbconvert's HTML a page that needs nothing but itself, on
// screen and on paper: its scripts go (Debian's nbconvert loads require.js
// and MathJax from file:///usr/share/javascript, which another computer does
// not have), the formulas are typeset into SVG at build time by MathJax 3
// in Node (typeset/typeset.cjs), and print rules lay it out on A4.

var (
	// fileScriptRE matches a script that nbconvert loads from the file system.
	fileScriptRE = regexp.MustCompile(`(?s)<script[^>]*\ssrc="file:[^"]*"[^>]*>\s*</script>\s*`)
	// mathJaxRE matches nbconvert's MathJax loader and configuration.
	mathJaxRE = regexp.MustCompile(`(?s)<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->`)
	// scriptRE finds any script that is left.
	scriptRE = regexp.MustCompile(`(?s)<script\b[^>]*>`)
	bodyRE   = regexp.MustCompile(`(?s)<body\b[^>]*>(.*)</body>`)
)

// printCSS lays a handout out for reading and for A4 paper: no chart, formula
// or check box cut across two pages, no prompts or anchor marks on paper.
const printCSS = `<style id="nnlesson-handout">
/* nnlesson handouts: offline and on paper */
body { max-width: 60em; margin: 0 auto; }
mjx-container[display="true"] { overflow-x: auto; overflow-y: hidden; }
.jp-OutputArea-output svg { max-width: 100%; height: auto; }
pre { tab-size: 4; -moz-tab-size: 4; }
/* Go's lexer does not know GoNB's special lines (!*go mod edit …, ${GONB_DIR}):
   no error colour for them. */
.highlight .err { color: inherit; border: none; }
@page { size: A4; margin: 15mm 14mm 15mm 14mm; }
@media print {
  body { max-width: none; font-size: 10.5pt; }
  .jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser, a.anchor-link { display: none !important; }
  .jp-Cell { padding: 0; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .jp-Cell-outputArea, .jp-OutputArea-output, .jp-OutputArea-output pre {
    overflow: visible !important; max-height: none !important; }
  .jp-OutputArea-child, .jp-OutputArea-output, .jp-InputArea, .nnlesson-check,
  mjx-container, svg, img, pre, table, blockquote { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .nnlesson-lesson + .nnlesson-lesson { break-before: page; page-break-before: always; }
}
</style>
`

// offline removes the page's scripts and adds the print rules. It fails when
// a script it does not know is left: the handout would not be self-contained
// (nbconvert's template has changed).
func offline(page string) (string, error) {
	page = fileScriptRE.ReplaceAllString(page, "")
	page = mathJaxRE.ReplaceAllString(page, "")
	if s := scriptRE.FindString(page); s != "" {
		return "", fmt.Errorf("the page keeps a script, %s: nbconvert's HTML template has changed; update cmd/handouts/offline.go", s)
	}
	i := strings.Index(page, "</head>")
	if i < 0 {
		return "", errors.New("the page has no </head>: is it nbconvert's HTML?")
	}
	return page[:i] + printCSS + page[i:], nil
}

// combine puts several offline pages into one, each lesson in a section that
// starts on a new page when printed. The head (the styles) is the first
// page's: every page of nbconvert has the same.
func combine(title string, pages []string) (string, error) {
	if len(pages) == 0 {
		return "", errors.New("no lessons to combine")
	}
	first := pages[0]
	start := bodyRE.FindStringSubmatchIndex(first)
	if start == nil {
		return "", errors.New("the first page has no <body>")
	}
	var b strings.Builder
	head := first[:start[2]] // up to and including <body …>
	head = regexp.MustCompile(`(?s)<title>.*?</title>`).ReplaceAllString(head, "<title>"+title+"</title>")
	b.WriteString(head)
	for i, p := range pages {
		m := bodyRE.FindStringSubmatch(p)
		if m == nil {
			return "", fmt.Errorf("page %d has no <body>", i+1)
		}
		fmt.Fprintf(&b, "\n<section class=\"nnlesson-lesson\">\n%s\n</section>\n", m[1])
	}
	b.WriteString("</body>\n</html>\n")
	return b.String(), nil
}

// checkTypesetter says what is missing to run the formula typesetter, whose
// folder (typeset.cjs and its node_modules) is dir.
func checkTypesetter(dir string) error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("node is not on PATH: the handouts' formulas are typeset with MathJax in Node.js; install Node.js and npm (Debian/Ubuntu: apt-get install nodejs npm), then run ./install.sh")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mathjax-full", "package.json")); err != nil {
		return fmt.Errorf("MathJax is not installed in %s/node_modules: run ./install.sh (it runs npm ci there)", dir)
	}
	return nil
}

// typeset writes the page in to out with its formulas typeset as SVG.
func typeset(ctx context.Context, dir, in, out string) error {
	script, err := filepath.Abs(filepath.Join(dir, "typeset.cjs"))
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "node", script, in, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("typesetting the formulas of %s: %v\n%s", in, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
