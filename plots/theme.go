package plots

import (
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The theme: one look for every chart of the course.
//
// Sizes are chosen for two media. A notebook chart is 20 cm × 12 cm, about
// 760 × 450 pixels in Jupyter, wide enough for a projector. A handout chart
// is 16 cm × 10 cm, which fits the text column of an A4 page with 2.5 cm
// margins. Every SVG also carries max-width:100%, so a notebook chart
// printed on A4 shrinks to the column instead of being cut off.
//
// Text is Liberation Sans (metrically the same as Arial): 16 pt titles,
// 14 pt axis labels, 13 pt tick labels and legends. Data lines are 3 pt.
// On a 20 cm chart projected two metres wide, 13 pt text is about 4.5 cm
// tall on the wall: readable from the back row.
//
// Colours are the Okabe–Ito palette, which people with the common forms of
// colour blindness can tell apart. Because a handout is often printed in
// black and white, every series also differs in dash pattern and glyph
// shape, never in colour alone.
const (
	NotebookWidth  = 20 * vg.Centimeter
	NotebookHeight = 12 * vg.Centimeter
	HandoutWidth   = 16 * vg.Centimeter
	HandoutHeight  = 10 * vg.Centimeter
)

// Font sizes and line widths of the theme.
const (
	titleSize  = vg.Length(16)
	labelSize  = vg.Length(14)
	tickSize   = vg.Length(13)
	legendSize = vg.Length(13)
	noteSize   = vg.Length(12) // numbers written on the data (errors, counts)

	dataWidth = vg.Length(3)   // curves
	axisWidth = vg.Length(1.2) // axes and tick marks
	gridWidth = vg.Length(0.6)
	glyphSize = vg.Length(5) // glyph radius
	margin    = vg.Length(6) // white space around every chart
)

// Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), exported
// so that a lesson can colour its own additions to a chart in the theme.
var (
	Black         = color.RGBA{0x00, 0x00, 0x00, 0xff}
	Orange        = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	SkyBlue       = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	BluishGreen   = color.RGBA{0x00, 0x9e, 0x73, 0xff}
	Yellow        = color.RGBA{0xf0, 0xe4, 0x42, 0xff}
	Blue          = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	Vermillion    = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	ReddishPurple = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
)

var (
	colorWhite = color.White
	gridColor  = color.Gray{0xd9}
	lightGrey  = color.Gray{0xbb}
	darkGrey   = color.Gray{0x55}
	wrongColor = Vermillion // marks a wrong answer (with a dashed frame for print)
)

// seriesColors is the order in which series take colours. Yellow is left out:
// it vanishes on white paper.
var seriesColors = []color.Color{Blue, Vermillion, BluishGreen, ReddishPurple, Orange, SkyBlue, Black}

// seriesDashes gives each series its own dash pattern, so that curves stay
// apart when printed in black and white.
var seriesDashes = [][]vg.Length{
	nil, // solid
	{vg.Points(10), vg.Points(5)},
	{vg.Points(2), vg.Points(4)},
	{vg.Points(10), vg.Points(4), vg.Points(2), vg.Points(4)},
	{vg.Points(5), vg.Points(5)},
	{vg.Points(14), vg.Points(4), vg.Points(2), vg.Points(4), vg.Points(2), vg.Points(4)},
	{vg.Points(1), vg.Points(2)},
}

// seriesGlyphs gives each series its own marker shape.
var seriesGlyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{},
	draw.BoxGlyph{},
	draw.PyramidGlyph{},
	thickCross{width: 2.5},
	draw.RingGlyph{},
	draw.SquareGlyph{},
	draw.PlusGlyph{},
}

// seriesLine is the line style of series i (colour and dash pattern).
func seriesLine(i int) draw.LineStyle {
	return draw.LineStyle{
		Color:  seriesColors[i%len(seriesColors)],
		Width:  dataWidth,
		Dashes: seriesDashes[i%len(seriesDashes)],
	}
}

// seriesGlyph is the glyph style of series i (colour and shape).
func seriesGlyph(i int) draw.GlyphStyle {
	return draw.GlyphStyle{
		Color:  seriesColors[i%len(seriesColors)],
		Radius: glyphSize,
		Shape:  seriesGlyphs[i%len(seriesGlyphs)],
	}
}

// themeFont is the typeface of every text in the charts.
var themeFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

func fontOf(size vg.Length) font.Font { return font.From(themeFont, size) }

func boldFontOf(size vg.Length) font.Font {
	f := font.From(themeFont, size)
	f.Weight = xfont.WeightBold
	return f
}

// newPlot returns an empty plot in the course theme.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = boldFontOf(titleSize)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = fontOf(labelSize)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = fontOf(tickSize)
		a.LineStyle.Width = axisWidth
		a.Tick.LineStyle.Width = axisWidth
		a.Tick.Length = vg.Points(6)
		a.Padding = vg.Points(4)
	}
	p.X.Tick.Marker = niceTicks{n: 6}
	p.Y.Tick.Marker = niceTicks{n: 5}
	p.Legend.TextStyle.Font = fontOf(legendSize)
	p.Legend.ThumbnailWidth = vg.Points(40)
	p.Legend.Padding = vg.Points(4)
	p.Legend.XOffs = -vg.Points(6)
	p.Legend.YOffs = -vg.Points(6)
	return p
}

// addGrid adds light grid lines behind the data.
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color = gridColor
	g.Vertical.Width = gridWidth
	g.Horizontal.Color = gridColor
	g.Horizontal.Width = gridWidth
	p.Add(g)
}
