// Package live holds the test that runs lessons in the real Jupyter page:
// live_test.go starts `jupyter notebook` on a free loopback port, opens a
// lesson in headless Chromium through live.cjs (playwright-core, pinned in
// package.json beside it), runs all its cells as a teacher does (Cell → Run
// All, never saving) and moves the lesson's controls (plots.ShowControls)
// by the keyboard and the mouse: the chart shown must follow, and the cells
// below a control must still run.
//
// scripts/check-live-notebook.sh drives the same live.cjs over every lesson
// for a person to read. The package has no code of its own: it exists for
// its test, `go test ./scripts/live`.
package live
