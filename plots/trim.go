package plots

import (
	"bytes"
	"math"
	"strconv"
)

// A lesson with controls carries dozens of charts on one page, so the SVG is
// kept small, in ways that change neither what a chart shows nor its bytes
// from one build to the next:
//
//   - the font family and the normal font style, weight and variant are
//     written once, on the <svg> element, from which every text inherits
//     them, instead of on every text;
//   - a drawn line (a curve of 401 samples, say) keeps only the points that
//     bend it: a point within 0.05 pt (1/50 mm) of the line through the
//     points kept around it is left out, which no eye and no printer can see.

// themeFamily is how gonum writes the theme's font family.
const themeFamily = "font-family:Liberation Sans;"

// fontDefaults is what the <svg> element says once for every text.
const fontDefaults = "font-family:Liberation Sans,Arial,Helvetica,sans-serif;font-style:normal;font-weight:normal;font-variant:normal"

// lineTolerance is how far, in points, a left-out point may lie from the line.
const lineTolerance = 0.05

// trimSVG returns svg smaller, drawing the same picture.
func trimSVG(svg []byte) []byte {
	svg = bytes.ReplaceAll(svg, []byte(themeFamily+"font-variant:normal;"), nil)
	svg = bytes.ReplaceAll(svg, []byte("font-weight:normal;font-style:normal;"), nil)
	svg = bytes.ReplaceAll(svg, []byte(";font-style:normal;"), []byte(";"))
	// A family other than the theme's keeps its own (and gets a fallback).
	svg = bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"), []byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
	svg = bytes.Replace(svg, []byte(`<svg width=`), []byte(`<svg style="max-width:100%;height:auto;`+fontDefaults+`" width=`), 1)
	return trimStrokes(svg)
}

// trimStrokes joins consecutive stroked paths of the same style into one
// path of several subpaths (the ticks of an axis, the lines of a grid: a
// stroke is drawn subpath by subpath, and a dash pattern starts again on
// each, so the picture is the same), and leaves out of lines the points
// that do not bend them. gonum writes each path on a line of its own.
func trimStrokes(svg []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(svg))
	var style, data []byte // the stroke being gathered
	flush := func() {
		if style == nil {
			return
		}
		if simple := simplifyPath(data); simple != nil {
			data = simple
		}
		out.WriteString(`<path d="`)
		out.Write(data)
		out.WriteString(`" style="`)
		out.Write(style)
		out.WriteString("\" />\n")
		style, data = nil, nil
	}
	for len(svg) > 0 {
		line := svg
		if i := bytes.IndexByte(svg, '\n'); i >= 0 {
			line = svg[:i+1]
		}
		svg = svg[len(line):]
		d, sty, ok := strokeOf(line)
		if !ok {
			flush()
			out.Write(line)
			continue
		}
		if style != nil && bytes.Equal(sty, style) {
			data = append(data, d...)
			continue
		}
		flush()
		style, data = sty, append([]byte(nil), d...)
	}
	flush()
	return out.Bytes()
}

// strokeOf returns the path data and style of a line that is one stroked
// path, `<path d="M…" style="fill:none;…" />`.
func strokeOf(line []byte) (d, style []byte, ok bool) {
	const head, mid, tail = `<path d="M`, `" style="fill:none;`, "\" />\n"
	if !bytes.HasPrefix(line, []byte(head)) || !bytes.HasSuffix(line, []byte(tail)) {
		return nil, nil, false
	}
	i := bytes.Index(line, []byte(mid))
	if i < 0 {
		return nil, nil, false
	}
	d = line[len(`<path d="`):i]
	style = line[i+len(`" style="`) : len(line)-len(tail)]
	if bytes.IndexByte(style, '"') >= 0 {
		return nil, nil, false
	}
	return d, style, true
}

// simplifyPath simplifies path data made of M and L commands only, each
// subpath on its own. It returns nil if d is not such path data.
func simplifyPath(d []byte) []byte {
	type point struct {
		x, y float64
		text []byte // "M1.5,2" or "L1.5,2", as gonum wrote it
	}
	var subpaths [][]point
	for i := 0; i < len(d); {
		j := i + 1
		for j < len(d) && d[j] != 'M' && d[j] != 'L' {
			j++
		}
		cmd := d[i : i+1]
		comma := bytes.IndexByte(d[i+1:j], ',')
		if comma < 0 {
			return nil
		}
		x, err1 := strconv.ParseFloat(string(d[i+1:i+1+comma]), 64)
		y, err2 := strconv.ParseFloat(string(d[i+2+comma:j]), 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		p := point{x, y, d[i:j]}
		if cmd[0] == 'M' || len(subpaths) == 0 {
			if cmd[0] != 'M' {
				return nil
			}
			subpaths = append(subpaths, []point{p})
		} else {
			subpaths[len(subpaths)-1] = append(subpaths[len(subpaths)-1], p)
		}
		i = j
	}
	var out []byte
	for _, sp := range subpaths {
		keep := make([]bool, len(sp))
		keep[0], keep[len(sp)-1] = true, true
		// Douglas–Peucker, without recursion.
		type span struct{ a, b int }
		stack := []span{{0, len(sp) - 1}}
		for len(stack) > 0 {
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if s.b-s.a < 2 {
				continue
			}
			far, farDist := -1, lineTolerance
			for k := s.a + 1; k < s.b; k++ {
				if dist := segmentDistance(sp[k].x, sp[k].y, sp[s.a].x, sp[s.a].y, sp[s.b].x, sp[s.b].y); dist > farDist {
					far, farDist = k, dist
				}
			}
			if far >= 0 {
				keep[far] = true
				stack = append(stack, span{s.a, far}, span{far, s.b})
			}
		}
		for k, p := range sp {
			if keep[k] {
				out = append(out, p.text...)
			}
		}
	}
	return out
}

// segmentDistance is the distance from (px, py) to the segment from (ax, ay) to (bx, by).
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}
