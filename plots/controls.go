package plots

import (
	_ "embed"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Controls let a student move a number and watch a chart answer: a slider
// for the weight w redraws the neuron's curve, a slider for η redraws the
// descent. They are built here, in Go, before anything is shown:
//
//	plots.ShowControls(plots.NeuronControls(
//		plots.Slider("w", plots.Values(-2, 4, 0.5), 1, "%.1f"),
//		plots.Slider("b", plots.Values(-4, 4, 1), -2, "%.0f")))
//
// Every combination of the inputs' values is one frame: one chart (any
// Chart of this package) and a caption line. NewControls computes all the
// frames when the cell runs and renders each to SVG; ShowControls emits
// them as one HTML output with the inputs and a few lines of script
// (controls.js, also exported as ControlScript) that show the frame the
// inputs choose. Moving a slider only shows another, ready picture.
//
// Why frames computed in Go, and not GoNB's kernel-backed widgets:
//
//   - A handout is a file, opened from a USB stick with no kernel and no
//     network. Frames are in the page, so its controls work there as in
//     Jupyter; a widget would need the kernel that is not there.
//   - A cell with controls finishes like any other, so Run All never waits
//     for anyone to touch a control, and headless runs (nbconvert, the
//     tests, the handout build) never block; a widget's cell would wait for
//     input or keep a callback alive in the kernel.
//   - The controls keep working after the cell has finished and after the
//     kernel is gone, and the saved notebook shows the default frame.
//   - The frames are values: tests check their number, order and bytes.
//
// The price is that only the listed values can be chosen and that every
// frame weighs on the page (a chart is 7–15 kB of SVG): NewControls refuses
// more than MaxFrames frames or MaxControlBytes in all, so that a lesson's
// handout stays under about 3 MB. A few dozen frames per control is the
// measure.

// MaxFrames is the most frames one control may have.
const MaxFrames = 200

// MaxControlBytes is the most HTML, all frames together, that one control
// may weigh (1.5 MiB).
const MaxControlBytes = 3 << 19

// ControlMIME is the MIME type of the record that ShowControls publishes
// beside a control's HTML: {"title": its title, "frames": the number of
// frames, "error": why it could not be built, or ""} (all strings).
const ControlMIME = "application/vnd.nnlesson.control+json"

// ControlScript is the script that makes controls work: it wires every
// control of the page once (it may be included any number of times), shows
// the frame its inputs choose and updates the <output> beside each slider.
// It loads nothing, uses no eval and no network. ShowControls includes it
// after each control; a page that removes scripts from notebook outputs
// (the handouts) includes it once itself.
//
//go:embed controls.js
var ControlScript string

// A Param is one input of a control: a slider over a list of values (made
// by Slider) or a choice list (made by Choice).
type Param struct {
	// Symbol names the input as the slides do: "w", "η", "x₀"; the slider
	// shows "w = 0.5". A choice list shows it before the list.
	Symbol string
	// Values are the values to choose from, in order; a choice list's
	// values are 0, 1, 2, … (its options' indices).
	Values []float64
	// Labels are the values as shown: "0.5", "−2.0", or the options' text.
	Labels []string
	// Default is the index of the value shown first, and printed.
	Default int
	// Choice is true for a choice list, false for a slider.
	Choice bool

	err error // what was wrong with the arguments, reported by NewControls
}

// Slider returns a slider over values, labelled symbol, starting at the
// value def, showing each value with format (a fmt verb such as "%.1f",
// "%g"; a minus is written as a true minus sign "−").
//
// NewControls reports an error if values is empty or holds NaN or infinity,
// or def is not one of the values.
func Slider(symbol string, values []float64, def float64, format string) Param {
	p := Param{Symbol: symbol, Values: values}
	if err := checkValues("Slider "+symbol, "values", values); err != nil {
		p.err = err
		return p
	}
	p.Default = -1
	for i, v := range values {
		if math.Abs(v-def) <= 1e-9*math.Max(1, math.Abs(def)) {
			p.Default = i
			break
		}
	}
	if p.Default < 0 {
		shown := numbers(values)
		if len(values) > 6 {
			shown = numbers(values[:3]) + ", …, " + numbers(values[len(values)-2:])
		}
		p.err = fmt.Errorf("plots: Slider %s: the default %s is not one of its values (%s); give one of them",
			symbol, formatNumber(def), shown)
		p.Default = 0
	}
	p.Labels = make([]string, len(values))
	for i, v := range values {
		p.Labels[i] = formatValue(format, v)
	}
	return p
}

// Choice returns a choice list of options, labelled symbol, starting at
// options[def]. The frame function gets the chosen option's index.
//
// NewControls reports an error if there are no options or def is not the
// index of one.
func Choice(symbol string, options []string, def int) Param {
	p := Param{Symbol: symbol, Labels: options, Default: def, Choice: true}
	p.Values = make([]float64, len(options))
	for i := range options {
		p.Values[i] = float64(i)
	}
	switch {
	case len(options) == 0:
		p.err = fmt.Errorf("plots: Choice %s: no options to choose from", symbol)
	case def < 0 || def >= len(options):
		p.err = fmt.Errorf("plots: Choice %s: the default %d is not one of the options 0 … %d", symbol, def, len(options)-1)
		p.Default = 0
	}
	return p
}

// Values returns from, from+step, from+2·step, … up to to (included when
// it is reached within rounding), for a slider: Values(0, 1, 0.25) is
// 0, 0.25, 0.5, 0.75, 1. It returns nil if step is not positive or to < from.
func Values(from, to, step float64) []float64 {
	if !(step > 0) || !(to >= from) || math.IsInf(to-from, 0) {
		return nil
	}
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > 100000 {
		return nil
	}
	vs := make([]float64, n)
	for i := range vs {
		// Round away the binary noise of from + i·step (0.30000000000000004).
		v := from + float64(i)*step
		vs[i], _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	}
	return vs
}

// formatValue writes v with format, a true minus sign, and no minus before a zero.
func formatValue(format string, v float64) string {
	s := fmt.Sprintf(format, v)
	if strings.HasPrefix(s, "-") {
		if f, err := strconv.ParseFloat(s[1:], 64); err == nil && f == 0 {
			return s[1:]
		}
		s = "−" + s[1:]
	}
	return s
}

// label returns the label of the value v of p, or v written briefly if v
// is not one of p's values.
func (p Param) label(v float64) string {
	for i, u := range p.Values {
		if u == v && i < len(p.Labels) {
			return p.Labels[i]
		}
	}
	return formatNumber(v)
}

// fixed writes v with dec decimals and a true minus sign ("−0.25"), and no
// minus before a zero.
func fixed(v float64, dec int) string {
	return formatValue("%."+strconv.Itoa(dec)+"f", v)
}

// A Frame is one picture of a control: the chart for one combination of
// the inputs' values, its caption, and its SVG.
type Frame struct {
	Index   []int     // the index of each input's value
	Values  []float64 // each input's value
	Chart   Chart
	Caption string // the inputs' values and the frame function's caption: "w = 1.0, b = −2: x = −b/w = 2.00"
	SVG     []byte
}

// Controls is a set of inputs with a frame for every combination of their
// values, built by NewControls (or a builder such as NeuronControls) and
// shown by ShowControls.
type Controls struct {
	Title  string
	Params []Param
	// Frames holds one frame per combination of the inputs' values, in
	// mixed-radix order: frame K has input i at index
	// (K / (n_{i+1} · … · n_last)) mod n_i, so the first input is the
	// most significant and the last one changes fastest.
	Frames []Frame
	// Default is the index of the frame of every input's default value:
	// the frame that a saved notebook, a handout and a print show.
	Default int
}

// NewControls builds a control titled title (the slides' words, read out to
// a screen reader as the group's name) from inputs params and a frame
// function: frame gets one value per input, in the order of params (a
// choice list's value is its option's index), and returns the chart to
// show and a caption line, such as "x = −b/w = 3.00" (or "" for none). The
// caption that is shown starts with the inputs' values ("w = 1.0, b = −3:").
//
// It calls frame for every combination, in order, and renders each chart
// at its standard size. It returns an error if there is no input, an input
// was given wrong values, frame returns an error (saying which values), or
// the frames are more than MaxFrames or weigh more than MaxControlBytes.
func NewControls(title string, frame func(v []float64) (Chart, string, error), params ...Param) (*Controls, error) {
	if frame == nil {
		return nil, fmt.Errorf("plots: NewControls: the frame function is nil")
	}
	if len(params) == 0 {
		return nil, fmt.Errorf("plots: NewControls: no inputs; give at least one plots.Slider or plots.Choice")
	}
	total := 1
	for _, p := range params {
		if p.err != nil {
			return nil, p.err
		}
		if len(p.Values) == 0 || len(p.Labels) != len(p.Values) {
			return nil, fmt.Errorf("plots: NewControls: input %q has %d values and %d labels; make inputs with plots.Slider or plots.Choice", p.Symbol, len(p.Values), len(p.Labels))
		}
		if p.Default < 0 || p.Default >= len(p.Values) {
			return nil, fmt.Errorf("plots: NewControls: input %q has no value %d to start at", p.Symbol, p.Default)
		}
		for _, l := range append([]string{p.Symbol}, p.Labels...) {
			if strings.Contains(l, "|") {
				return nil, fmt.Errorf("plots: NewControls: input %q: the label %q holds a “|”, which the page uses between labels", p.Symbol, l)
			}
		}
		total *= len(p.Values)
		if total > MaxFrames {
			break
		}
	}
	if total > MaxFrames {
		return nil, fmt.Errorf("plots: NewControls: %s: %s values make more than %d frames, one chart each; a lesson page must stay small, so give fewer values",
			title, sizesOf(params), MaxFrames)
	}
	c := &Controls{Title: title, Params: params, Frames: make([]Frame, total)}
	size := 0
	for k := range total {
		f := &c.Frames[k]
		f.Index = frameIndex(k, params)
		f.Values = make([]float64, len(params))
		isDefault := true
		for i, p := range params {
			f.Values[i] = p.Values[f.Index[i]]
			isDefault = isDefault && f.Index[i] == p.Default
		}
		if isDefault {
			c.Default = k
		}
		chart, caption, err := frame(f.Values)
		if err == nil && chart == nil {
			err = fmt.Errorf("the frame function returned no chart")
		}
		if err != nil {
			return nil, fmt.Errorf("plots: NewControls: %s: at %s: %w", title, c.valuesText(f.Index), err)
		}
		f.Chart = chart
		f.Caption = c.valuesText(f.Index)
		if caption != "" {
			f.Caption += ": " + caption
		}
		w, h := preferredSize(chart)
		if f.SVG, err = svgTitled(chart, w, h, title+": "+c.valuesText(f.Index)); err != nil {
			return nil, fmt.Errorf("plots: NewControls: %s: at %s: %w", title, c.valuesText(f.Index), err)
		}
		size += len(f.SVG)
		if size > MaxControlBytes {
			return nil, fmt.Errorf("plots: NewControls: %s: %d frames of about %d kB each weigh more than %d kB; a lesson page must stay small, so give fewer values",
				title, total, size/(k+1)/1000, MaxControlBytes/1000)
		}
	}
	return c, nil
}

// frameIndex returns the inputs' indices of frame k.
func frameIndex(k int, params []Param) []int {
	idx := make([]int, len(params))
	for i := len(params) - 1; i >= 0; i-- {
		n := len(params[i].Values)
		idx[i] = k % n
		k /= n
	}
	return idx
}

// FrameOf returns the index of the frame for the inputs' indices idx, or −1
// if idx does not name one.
func (c *Controls) FrameOf(idx ...int) int {
	if len(idx) != len(c.Params) {
		return -1
	}
	k := 0
	for i, p := range c.Params {
		if idx[i] < 0 || idx[i] >= len(p.Values) {
			return -1
		}
		k = k*len(p.Values) + idx[i]
	}
	return k
}

// sizesOf writes the numbers of values of params: "7 × 9".
func sizesOf(params []Param) string {
	s := make([]string, len(params))
	for i, p := range params {
		s[i] = strconv.Itoa(len(p.Values))
	}
	return strings.Join(s, " × ")
}

// valuesText writes the inputs' values at idx: "w = 1.0, b = −2". A choice
// list's option stands alone.
func (c *Controls) valuesText(idx []int) string {
	parts := make([]string, len(c.Params))
	for i, p := range c.Params {
		if p.Choice {
			parts[i] = p.Labels[idx[i]]
		} else {
			parts[i] = p.Symbol + " = " + p.Labels[idx[i]]
		}
	}
	return strings.Join(parts, ", ")
}

// HTML returns the control as HTML, without its script: the inputs, then
// one <figure> per frame holding its SVG and caption. Every frame but the
// default is hidden, so that a page without the script (or printed) shows
// the default. The inputs start disabled; ControlScript enables them when
// it wires them. The markup is the contract with the handout builder
// (/work/plan/CONTROLS.md).
func (c *Controls) HTML() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="nnlesson-control" data-nnlesson-control="1" role="group" aria-label="%s">`+"\n", attr(c.Title))
	b.WriteString(`<div class="nnlesson-control-inputs">` + "\n")
	for i, p := range c.Params {
		labels := attr(strings.Join(p.Labels, "|"))
		def := p.Labels[p.Default]
		if p.Choice {
			fmt.Fprintf(&b, `<label>%s <select data-param="%d" data-labels="%s" aria-label="%s" disabled>`,
				html.EscapeString(p.Symbol), i, labels, attr(p.Symbol))
			for k, l := range p.Labels {
				sel := ""
				if k == p.Default {
					sel = " selected"
				}
				fmt.Fprintf(&b, `<option value="%d"%s>%s</option>`, k, sel, html.EscapeString(l))
			}
			b.WriteString("</select></label>\n")
			continue
		}
		fmt.Fprintf(&b, `<label>%s = <output>%s</output> <input type="range" min="0" max="%d" step="1" value="%d" data-param="%d" data-labels="%s" aria-label="%s" aria-valuetext="%s" disabled></label>`+"\n",
			html.EscapeString(p.Symbol), html.EscapeString(def), len(p.Values)-1, p.Default, i, labels, attr(p.Symbol), attr(def))
	}
	b.WriteString("</div>\n")
	for k, f := range c.Frames {
		state := " hidden"
		if k == c.Default {
			state = " data-default"
		}
		fmt.Fprintf(&b, `<figure class="nnlesson-frame" data-frame="%d"%s>`+"\n", k, state)
		b.Write(svgBody(f.SVG))
		fmt.Fprintf(&b, "<figcaption>%s</figcaption></figure>\n", html.EscapeString(f.Caption))
	}
	b.WriteString("</div>\n")
	return b.String()
}

// attr escapes s for an attribute value in double quotes.
func attr(s string) string { return html.EscapeString(s) }
