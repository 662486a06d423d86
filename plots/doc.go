// Package plots draws the charts of the course: activation functions, a
// neuron's family of curves, a network's outputs against the wanted ones,
// cost curves and surfaces, gradient-descent paths, training curves, MNIST
// digits, weight images, a confusion matrix and a network diagram.
//
// Every builder is pure: it takes plain Go data (slices, [][]float64,
// *mat.Dense), checks it, and returns a *plot.Plot or a *Figure, or an error
// that says what was wrong with the data. Nothing is drawn or written until a
// chart is rendered:
//
//	p, err := plots.Functions("Sigmoid", "z", "σ(z)", -6, 6, plots.Curve{Name: "σ(z)", F: nnlesson.Sigmoid})
//	svg, err := plots.SVG(p, plots.HandoutWidth, plots.HandoutHeight) // bytes, for a file
//	plots.Show(p, err)                                                // inline in a GoNB notebook
//
// Controls let a student move a number and watch a chart answer, in the
// notebook and in the offline handouts alike: NewControls builds one frame
// (a chart and a caption) for every combination of its sliders' and choice
// lists' values, and ShowControls shows them with a few lines of script
// (ControlScript) that pick the frame the inputs choose. Each lesson has a
// builder: NeuronControls (lesson 2), SlopeControls (4), DescentControls (6),
// NudgeControls (7), DigitControls and TrainingControls (8). Why frames
// computed in Go rather than kernel-backed widgets is told in controls.go.
//
// Show, Live and ShowControls are the only functions that talk to the
// notebook (through GoNB's gonbui, in show.go); outside a notebook they do
// nothing, so tests and scripts can call them freely.
//
// The words the package writes itself (axis labels, legends, titles such as
// "epoch", "accuracy", "Confusion matrix") follow the language the lesson
// chose with lang.Use, English or Polish. Every chart's SVG starts with a
// <title> and a <desc> that say, in that language and with the chart's
// numbers, what it shows, for readers who cannot see it.
//
// All charts share one theme (theme.go): Liberation Sans at 13–16 pt, 3 pt
// lines, the colour-blind-safe Okabe–Ito colours, and for every series also a
// dash pattern and a glyph shape, so that a chart printed in black and white
// still reads. Heat maps use colour scales whose lightness changes steadily
// (or, for weights, is lightest at zero).
//
// SVG output is deterministic: the same chart renders to the same bytes, which
// the package's tests check against golden files in testdata/
// (go test ./plots -update rewrites them; -view=DIR also writes PNGs to look at).
package plots
