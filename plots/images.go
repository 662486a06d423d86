package plots

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MNIST images are 28×28 pixels, stored row by row.
const (
	imageSide   = 28
	imagePixels = imageSide * imageSide
)

// upscale is how many screen pixels each image pixel becomes. Browsers smooth
// an image when they enlarge it; drawing the blocks ourselves keeps pixels
// sharp-edged, as they really are.
const upscale = 6

// grayImage turns 784 intensities in [0, 1] into a picture with black ink on
// white paper (prints well, reads like handwriting).
func grayImage(px []float64) image.Image {
	img := image.NewGray(image.Rect(0, 0, imageSide*upscale, imageSide*upscale))
	for i, v := range px {
		g := uint8(math.Round(255 * (1 - math.Max(0, math.Min(1, v)))))
		fillBlock(img, i, color.Gray{Y: g})
	}
	return img
}

// colorImage turns 784 values into a picture through the colour scale m.
func colorImage(px []float64, m *colorMap) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, imageSide*upscale, imageSide*upscale))
	for i, v := range px {
		fillBlock(img, i, m.mustColor(v))
	}
	return img
}

// fillBlock paints pixel i of a 28×28 image as an upscale×upscale block.
func fillBlock(img interface{ Set(x, y int, c color.Color) }, i int, c color.Color) {
	r, col := i/imageSide, i%imageSide
	for dy := range upscale {
		for dx := range upscale {
			img.Set(col*upscale+dx, r*upscale+dy, c)
		}
	}
}

// A tile is one picture of an image grid with its caption and frame.
type tile struct {
	img     image.Image
	caption string
	color   color.Color    // caption colour
	bold    bool           // caption in bold
	frame   draw.LineStyle // frame around the picture; zero width for none
}

// imageGrid draws tiles in rows of cols, each picture square and as large as
// its cell allows, with its caption above it. It fills the whole data area of
// a plot whose axes are hidden.
type imageGrid struct {
	tiles []tile
	cols  int
}

// Plot implements plot.Plotter.
func (g *imageGrid) Plot(c draw.Canvas, _ *plot.Plot) {
	n := len(g.tiles)
	rows := (n + g.cols - 1) / g.cols
	cellW := (c.Max.X - c.Min.X) / vg.Length(g.cols)
	cellH := (c.Max.Y - c.Min.Y) / vg.Length(rows)
	capH := vg.Length(0)
	for _, t := range g.tiles {
		if t.caption != "" {
			capH = noteSize*1.35 + vg.Points(4)
		}
	}
	gap := vg.Points(8)
	side := min(cellW-gap, cellH-capH-gap)
	for i, t := range g.tiles {
		r, col := i/g.cols, i%g.cols
		cx := c.Min.X + cellW*(vg.Length(col)+0.5)
		top := c.Max.Y - cellH*vg.Length(r) - gap/2
		rect := vg.Rectangle{
			Min: vg.Point{X: cx - side/2, Y: top - capH - side},
			Max: vg.Point{X: cx + side/2, Y: top - capH},
		}
		c.DrawImage(rect, t.img)
		if t.frame.Width > 0 {
			out := t.frame.Width/2 + 1
			r := vg.Rectangle{Min: vg.Point{X: rect.Min.X - out, Y: rect.Min.Y - out}, Max: vg.Point{X: rect.Max.X + out, Y: rect.Max.Y + out}}
			c.StrokeLines(t.frame, closed(r))
		}
		if t.caption != "" {
			f := fontOf(noteSize)
			if t.bold {
				f = boldFontOf(noteSize)
			}
			sty := text.Style{Color: t.color, Font: f, XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
			c.FillText(sty, vg.Point{X: cx, Y: top}, t.caption)
		}
	}
}

// gridPlot is a plot with hidden axes whose whole area is an image grid.
func gridPlot(title string, g *imageGrid) *plot.Plot {
	p := newPlot(title, "", "")
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(g)
	return p
}
