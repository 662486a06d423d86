package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/palette"
)

// The colour scales of the theme.
//
//   - costScale (viridis): dark for low cost, yellow for high; its lightness
//     rises steadily, so a black-and-white print keeps the order.
//   - weightScale (ColorBrewer RdBu): blue for negative, white for zero, red
//     for positive. Always used with symmetric limits, so zero is white.
//   - countScale (ColorBrewer Blues): white for none, dark blue for many.
//   - mistakeScale (ColorBrewer Oranges): the same for counts of mistakes.
var (
	costScale = []color.Color{
		hex(0x440154), hex(0x472d7b), hex(0x3b528b), hex(0x2c728e), hex(0x21918c),
		hex(0x28ae80), hex(0x5ec962), hex(0xaddc30), hex(0xfde725),
	}
	weightScale = []color.Color{
		hex(0x053061), hex(0x2166ac), hex(0x4393c3), hex(0x92c5de), hex(0xd1e5f0),
		hex(0xffffff),
		hex(0xfddbc7), hex(0xf4a582), hex(0xd6604d), hex(0xb2182b), hex(0x67001f),
	}
	mistakeScale = []color.Color{
		hex(0xffffff), hex(0xfee6ce), hex(0xfdd0a2), hex(0xfdae6b), hex(0xfd8d3c),
		hex(0xf16913), hex(0xd94801), hex(0xa63603), hex(0x7f2704),
	}
	countScale = []color.Color{
		hex(0xffffff), hex(0xdeebf7), hex(0xc6dbef), hex(0x9ecae1), hex(0x6baed6),
		hex(0x4292c6), hex(0x2171b5), hex(0x08519c), hex(0x08306b),
	}
)

func hex(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// colorMap maps [Min, Max] onto evenly spaced anchor colours, interpolating
// linearly between them. It implements palette.ColorMap.
type colorMap struct {
	anchors  []color.Color
	min, max float64
	alpha    float64
}

func newColorMap(anchors []color.Color, min, max float64) *colorMap {
	return &colorMap{anchors: anchors, min: min, max: max, alpha: 1}
}

// At returns the colour of v; values outside [Min, Max] take the end colours.
func (m *colorMap) At(v float64) (color.Color, error) {
	if math.IsNaN(v) {
		return nil, fmt.Errorf("plots: colour of NaN")
	}
	t := 0.0
	if m.max > m.min {
		t = (v - m.min) / (m.max - m.min)
	}
	t = math.Max(0, math.Min(1, t)) * float64(len(m.anchors)-1)
	i := int(math.Floor(t))
	if i >= len(m.anchors)-1 {
		i = len(m.anchors) - 2
	}
	f := t - float64(i)
	r0, g0, b0, _ := m.anchors[i].RGBA()
	r1, g1, b1, _ := m.anchors[i+1].RGBA()
	mix := func(a, b uint32) uint8 { return uint8(math.Round((float64(a)*(1-f) + float64(b)*f) / 257)) }
	c := color.NRGBA{mix(r0, r1), mix(g0, g1), mix(b0, b1), uint8(math.Round(255 * m.alpha))}
	return c, nil
}

func (m *colorMap) SetMax(v float64)       { m.max = v }
func (m *colorMap) SetMin(v float64)       { m.min = v }
func (m *colorMap) Max() float64           { return m.max }
func (m *colorMap) Min() float64           { return m.min }
func (m *colorMap) SetAlpha(alpha float64) { m.alpha = alpha }
func (m *colorMap) Alpha() float64         { return m.alpha }

// Palette returns n colours evenly spaced over [Min, Max].
func (m *colorMap) Palette(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		v := m.min
		if n > 1 {
			v += (m.max - m.min) * float64(i) / float64(n-1)
		}
		cs[i], _ = m.At(v)
	}
	return colors(cs)
}

type colors []color.Color

func (c colors) Colors() []color.Color { return c }

// mustColor is At for values known to be finite.
func (m *colorMap) mustColor(v float64) color.Color {
	c, err := m.At(v)
	if err != nil {
		return color.Black
	}
	return c
}

// luminance returns the relative luminance of c (0 black, 1 white), to
// choose black or white text on top of it.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
