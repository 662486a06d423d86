package plots

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Every chart carries a text alternative for readers who cannot see it: the
// SVG starts with a <title> (the chart's title) and a <desc> that says what
// the chart shows, with its numbers, in the lesson's language. A builder
// knows its data, so it writes the description when it builds the chart and
// keeps it in the chart itself, as an invisible plotter (a describer). When
// the chart is drawn into SVG, each describer hands its text to the canvas;
// a Figure made by hand from several builders' panels therefore describes
// every panel. A plot that no builder described gets a description from its
// title and axes.

// describer is the text alternative of a chart, added to one of its plots.
// It draws nothing.
type describer struct {
	title string // used when the chart itself has no title
	desc  string
}

// Plot implements plot.Plotter: it hands the text to an SVG canvas that
// collects it, and draws nothing.
func (d describer) Plot(c draw.Canvas, _ *plot.Plot) {
	if s := svgOf(c.Canvas); s != nil {
		s.describe(d)
	}
}

// svgOf returns the svgCanvas under canvases that gonum wrapped around it,
// or nil.
func svgOf(vc vg.Canvas) *svgCanvas {
	for {
		switch v := vc.(type) {
		case *svgCanvas:
			return v
		case draw.Canvas:
			vc = v.Canvas
		case *draw.Canvas:
			vc = v.Canvas
		default:
			return nil
		}
	}
}

// describe adds a chart's text alternative to p.
func describe(p *plot.Plot, title, desc string) {
	p.Add(describer{title: title, desc: desc})
}

// svgCanvas is the SVG canvas that charts are drawn on; it collects the
// describers it meets.
type svgCanvas struct {
	*vgsvg.Canvas
	found []describer
}

func (s *svgCanvas) describe(d describer) {
	for _, f := range s.found {
		if f == d {
			return // the same plot drawn twice (a panel and its copy)
		}
	}
	s.found = append(s.found, d)
}

// textAlternative returns the title and the description of chart c, after
// it was drawn on s; fallback is the title if the chart has none.
func textAlternative(c Chart, s *svgCanvas, fallback string) (title, desc string) {
	title = chartTitle(c)
	var descs []string
	for _, d := range s.found {
		if title == "" {
			title = d.title
		}
		if d.desc != "" {
			descs = append(descs, d.desc)
		}
	}
	if len(descs) == 0 {
		descs = fallbackDescription(c)
	}
	if title == "" {
		title = fallback
	}
	if title == "" {
		title = lang.Pick("Chart", "Wykres")
	}
	return title, strings.Join(descs, " ")
}

// fallbackDescription describes plots that no builder described, from
// their titles and axes.
func fallbackDescription(c Chart) []string {
	var plots []*plot.Plot
	switch c := c.(type) {
	case *plot.Plot:
		plots = append(plots, c)
	case *Figure:
		for _, row := range c.Panels {
			for _, p := range row {
				if p != nil {
					plots = append(plots, p)
				}
			}
		}
	}
	var out []string
	for _, p := range plots {
		var s string
		switch {
		case p.X.Label.Text != "" && p.Y.Label.Text != "":
			s = fmt.Sprintf(lang.Pick("A chart of %s against %s, %s from %s to %s.", "Wykres %s w zależności od %s, %s od %s do %s."),
				p.Y.Label.Text, p.X.Label.Text, p.X.Label.Text, formatNumber(p.X.Min), formatNumber(p.X.Max))
		case p.X.Label.Text != "":
			s = fmt.Sprintf(lang.Pick("A chart over %s from %s to %s.", "Wykres dla %s od %s do %s."),
				p.X.Label.Text, formatNumber(p.X.Min), formatNumber(p.X.Max))
		}
		if p.Title.Text != "" {
			s = strings.TrimSpace(p.Title.Text + ". " + s)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// addTextAlternative puts <title> and <desc> first in the SVG and marks it
// as an image (role="img"), whose accessible name is its title.
func addTextAlternative(svg []byte, title, desc string) []byte {
	start := bytes.Index(svg, []byte("<svg "))
	if start < 0 {
		return svg
	}
	end := bytes.IndexByte(svg[start:], '>')
	if end < 0 {
		return svg
	}
	end += start
	var b bytes.Buffer
	b.Write(svg[:start])
	b.WriteString(`<svg role="img" `)
	b.Write(svg[start+len("<svg ") : end+1])
	b.WriteString("\n<title>" + html.EscapeString(title) + "</title>")
	if desc != "" {
		b.WriteString("\n<desc>" + html.EscapeString(desc) + "</desc>")
	}
	b.Write(svg[end+1:])
	return b.Bytes()
}

// Helpers for writing descriptions.

// listOf joins items as a sentence does: "a, b and c" ("a, b i c" in Polish).
func listOf(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + lang.Pick(" and ", " i ") + items[len(items)-1]
}

// numbers writes values briefly, separated by commas.
func numbers(vs []float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = formatNumber(v)
	}
	return strings.Join(s, ", ")
}

// extent returns the smallest and the largest of vs.
func extent(vs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// plural returns the English or Polish form of a noun that goes with n:
// one for 1; in Polish few for 2–4, 22–24, … and many otherwise.
func plural(n int, one, many, plOne, plFew, plMany string) string {
	if lang.Code() != lang.Polish {
		if n == 1 {
			return one
		}
		return many
	}
	switch d, dd := n%10, n%100; {
	case n == 1:
		return plOne
	case d >= 2 && d <= 4 && (dd < 12 || dd > 14):
		return plFew
	}
	return plMany
}

// thousands writes a count the way each language groups its digits:
// 10,000 in English, 10 000 in Polish (from five digits on, with a
// non-breaking space).
func thousands(n int) string {
	s := strconv.Itoa(n)
	sep, from := ",", 4
	if lang.Code() == lang.Polish {
		sep, from = "\u00a0", 5
	}
	if len(s) < from {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}
