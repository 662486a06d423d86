package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// This file runs the formula typesetter: MathJax 3 in Node.js
// (typeset/typeset.cjs) typesets the TeX of a page into SVG when the
// handouts are built, so that a page needs no script to show formulas.

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
