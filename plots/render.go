package plots

import (
	"bytes"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A Chart is anything this package can render: a *plot.Plot or a *Figure.
type Chart interface {
	Draw(c draw.Canvas)
}

// A Figure is several plots tiled on one canvas, for small multiples
// (one panel per learning rate, one per digit) or a plot beside its colour bar.
type Figure struct {
	// Title is written in bold above all panels; empty means none.
	Title string

	// Panels holds the rows of plots, top row first. Every row has the same
	// number of columns; a nil plot leaves its tile empty.
	Panels [][]*plot.Plot

	// Widths, if not nil, gives the relative width of each column (for a
	// narrow colour bar beside a heat map). If nil, the columns are equally
	// wide and their axes are aligned, so panels can be compared.
	Widths []float64

	// Width and Height are the size Show uses for the figure; zero means
	// NotebookWidth × NotebookHeight.
	Width, Height vg.Length
}

// Size returns the size at which Show draws the figure.
func (f *Figure) Size() (w, h vg.Length) {
	w, h = f.Width, f.Height
	if w <= 0 {
		w = NotebookWidth
	}
	if h <= 0 {
		h = NotebookHeight
	}
	return w, h
}

// Draw draws the figure on c. It implements Chart.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(colorWhite)
	c.Fill(c.Rectangle.Path())
	if f.Title != "" {
		sty := text.Style{
			Color:   Black,
			Font:    boldFontOf(titleSize),
			XAlign:  draw.XCenter,
			YAlign:  draw.YTop,
			Handler: plot.DefaultTextHandler,
		}
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.Title)
		c.Max.Y -= sty.Height(f.Title) + vg.Points(6)
	}
	rows := len(f.Panels)
	if rows == 0 {
		return
	}
	cols := len(f.Panels[0])
	pad := vg.Points(12)
	if f.Widths == nil {
		f.drawAligned(c, rows, cols, pad)
		return
	}
	var total float64
	for _, w := range f.Widths {
		total += w
	}
	width := c.Max.X - c.Min.X - vg.Length(cols-1)*pad
	height := (c.Max.Y - c.Min.Y - vg.Length(rows-1)*pad) / vg.Length(rows)
	for j, row := range f.Panels {
		x := c.Min.X
		ymax := c.Max.Y - vg.Length(j)*(height+pad)
		var first *vg.Rectangle // data area of the row's first panel
		for i, p := range row {
			w := width * vg.Length(f.Widths[i]/total)
			if p != nil {
				sub := c
				sub.Rectangle = vg.Rectangle{
					Min: vg.Point{X: x, Y: ymax - height},
					Max: vg.Point{X: x + w, Y: ymax},
				}
				data := p.DataCanvas(sub).Rectangle
				if first == nil {
					first = &data
				} else {
					// Line the data area up with the first panel's (a colour
					// bar as tall as its heat map).
					sub.Min.Y += first.Min.Y - data.Min.Y
					sub.Max.Y += first.Max.Y - data.Max.Y
				}
				p.Draw(sub)
			}
			x += w + pad
		}
	}
}

// drawAligned draws equal panels with aligned data areas. The panels'
// titles are written by the figure, on one line per row: left to the plots,
// a title would sit lower over a panel whose tick labels need more room.
// The plots are drawn from shallow copies without their titles, so drawing
// does not change them.
func (f *Figure) drawAligned(c draw.Canvas, rows, cols int, pad vg.Length) {
	panels := make([][]*plot.Plot, rows)
	var th vg.Length
	for j, row := range f.Panels {
		panels[j] = make([]*plot.Plot, cols)
		for i, p := range row {
			if p == nil {
				continue
			}
			q := *p
			q.Title.Text = ""
			panels[j][i] = &q
			if p.Title.Text != "" {
				th = max(th, p.Title.TextStyle.Height(p.Title.Text)+p.Title.Padding)
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: pad, PadY: pad + th, PadTop: vg.Points(2) + th}
	canvases := plot.Align(panels, tiles, c)
	for j, row := range panels {
		var top vg.Length
		for i, p := range row {
			if p != nil {
				top = max(top, canvases[j][i].Max.Y)
			}
		}
		for i, p := range row {
			if p == nil {
				continue
			}
			p.Draw(canvases[j][i])
			if title := f.Panels[j][i].Title; title.Text != "" {
				data := p.DataCanvas(canvases[j][i])
				sty := title.TextStyle
				sty.YAlign = draw.YTop
				c.FillText(sty, vg.Point{X: data.Center().X, Y: top + th}, title.Text)
			}
		}
	}
}

// check reports a malformed figure (a builder bug, not a user error).
func (f *Figure) check() error {
	if len(f.Panels) == 0 {
		return fmt.Errorf("plots: figure has no panels")
	}
	cols := len(f.Panels[0])
	for j, row := range f.Panels {
		if len(row) != cols {
			return fmt.Errorf("plots: figure row %d has %d panels, row 0 has %d", j, len(row), cols)
		}
	}
	if f.Widths != nil && len(f.Widths) != cols {
		return fmt.Errorf("plots: figure has %d columns but %d widths", cols, len(f.Widths))
	}
	return nil
}

// preferredSize is the size Show uses for c.
func preferredSize(c Chart) (w, h vg.Length) {
	if s, ok := c.(interface{ Size() (vg.Length, vg.Length) }); ok {
		return s.Size()
	}
	return NotebookWidth, NotebookHeight
}

// SVG renders c as an SVG document of the given size. The output is the same,
// byte for byte, every time the same chart is rendered.
//
// The SVG starts with a <title> (the chart's title) and a <desc> that says
// what the chart shows, in the lesson's language, for readers who cannot see
// it; the <svg> element has role="img". Fonts are not embedded (that would
// add 400 kB per chart); the text names Liberation Sans and falls back to
// Arial, which has the same metrics. The <svg> element carries
// max-width:100%, so a wide chart shrinks to fit a narrow page instead of
// being cut off. Images (heat maps, digits) are stretched exactly over their
// rectangles, as in the PNG rendering. Lines keep only the points that bend
// them (see trim.go), so that a page of many charts stays small.
func SVG(c Chart, w, h vg.Length) ([]byte, error) {
	return svgTitled(c, w, h, "")
}

// svgTitled is SVG with the title to give a chart that has none (a frame
// of a control: the control's title and the frame's values).
func svgTitled(c Chart, w, h vg.Length, fallback string) ([]byte, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if f, ok := c.(*Figure); ok {
		if err := f.check(); err != nil {
			return nil, err
		}
	}
	canvas := &svgCanvas{Canvas: vgsvg.New(w, h)}
	if err := drawSafely(c, draw.New(canvas)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: writing SVG: %w", err)
	}
	b := trimSVG(buf.Bytes())
	// gonum/plot's SVG images keep the browser's default aspect ratio, which
	// letterboxes a heat map or a colour bar instead of stretching it over its
	// rectangle; and it labels PNG data as JPEG.
	b = bytes.ReplaceAll(b, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
	b = bytes.ReplaceAll(b, []byte("data:image/jpg;base64,"), []byte("data:image/png;base64,"))
	title, desc := textAlternative(c, canvas, fallback)
	return addTextAlternative(b, title, desc), nil
}

// svgBody drops the XML declaration and comment before <svg>, which have
// no place inside HTML.
func svgBody(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg ")); i > 0 {
		return svg[i:]
	}
	return svg
}

// PNG renders c as a PNG image of the given size at 192 dots per inch,
// for slides or for looking at a chart outside a notebook.
func PNG(c Chart, w, h vg.Length) ([]byte, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	canvas := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(192))}
	if err := drawSafely(c, draw.New(canvas)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: writing PNG: %w", err)
	}
	return buf.Bytes(), nil
}

func checkSize(w, h vg.Length) error {
	if !(w > 0 && h > 0) || math.IsInf(float64(w), 0) || math.IsInf(float64(h), 0) {
		return fmt.Errorf("plots: chart size %.1f×%.1f pt must be positive (try plots.NotebookWidth, plots.NotebookHeight)", float64(w), float64(h))
	}
	return nil
}

// drawSafely draws c, turning a panic inside gonum/plot (for instance a
// chart too small for its labels) into an error.
func drawSafely(c Chart, dc draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: drawing chart: %v", r)
		}
	}()
	if c == nil {
		return fmt.Errorf("plots: chart is nil")
	}
	dc.SetColor(colorWhite)
	dc.Fill(dc.Rectangle.Path())
	c.Draw(draw.Crop(dc, margin, -margin, margin, -margin))
	return nil
}

// Must returns c, or panics with err's message if err is not nil, for code
// that builds a chart to use further — a panel of a Figure, say:
//
//	top := plots.Must(plots.DescentPaths(…))
//
// (Show and Live.Update take a builder's error themselves.)
func Must[C Chart](c C, err error) C {
	if err != nil {
		panic(err.Error())
	}
	return c
}
