package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ConfusionMatrix draws counts[t][p], the number of test images of true
// class t that the network classified as p, as a grid of cells shaded by
// count with the count written in each. True classes run down the rows,
// predictions across the columns, so the correct answers lie on the
// diagonal and every cell off it is a kind of mistake. The title gives the
// accuracy, the diagonal's share of all counts.
//
// Right answers are shaded blue and framed in black; mistakes are shaded
// orange on a scale of their own (the largest mistake is darkest), so that a
// handful of mistakes still shows beside a thousand right answers.
//
// It returns an error if counts is empty or not square, or holds a negative count.
func ConfusionMatrix(counts [][]int) (*Figure, error) {
	n := len(counts)
	if n == 0 {
		return nil, fmt.Errorf("plots: ConfusionMatrix: no counts; give an n×n table, counts[true][predicted]")
	}
	total, right, mostRight, mostWrong := 0, 0, 0, 0
	for t, row := range counts {
		if len(row) != n {
			return nil, fmt.Errorf("plots: ConfusionMatrix: row %d has %d counts but there are %d rows; the table must be n×n, counts[true][predicted]", t, len(row), n)
		}
		for p, c := range row {
			if c < 0 {
				return nil, fmt.Errorf("plots: ConfusionMatrix: counts[%d][%d] is %d; counts cannot be negative", t, p, c)
			}
			total += c
			if t == p {
				right += c
				mostRight = max(mostRight, c)
			} else {
				mostWrong = max(mostWrong, c)
			}
		}
	}
	title := lang.Pick("Confusion matrix", "Macierz pomyłek")
	if total > 0 {
		title = fmt.Sprintf(lang.Pick("Confusion matrix: %s of %s right (%.1f%%)", "Macierz pomyłek: %s z %s poprawnie (%.1f%%)"),
			thousands(right), thousands(total), 100*float64(right)/float64(total))
	}
	p := newPlot(title, lang.Pick("predicted digit", "odpowiedź sieci"), lang.Pick("true digit", "prawdziwa cyfra"))
	p.Add(&cells{counts: counts, mostRight: mostRight, mostWrong: mostWrong})
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}} // row 0 at the top
	p.X.Tick.Marker = integerTicks(0, n-1)
	p.Y.Tick.Marker = integerTicks(0, n-1)
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	describe(p, "", describeConfusion(counts, right, total))
	side := vg.Length(n)*1.25*vg.Centimeter + 3*vg.Centimeter
	side = max(min(side, 17*vg.Centimeter), 8*vg.Centimeter)
	return &Figure{Panels: [][]*plot.Plot{{p}}, Width: side + 1*vg.Centimeter, Height: side}, nil
}

// describeConfusion says what ConfusionMatrix shows: the table's size, the
// right answers, and the most frequent mistakes.
func describeConfusion(counts [][]int, right, total int) string {
	n := len(counts)
	s := fmt.Sprintf(lang.Pick(
		"A %d×%d table of counts: the true digit down the rows, the network's answer across the columns; the diagonal holds the right answers, %d of %d.",
		"Tabela liczności %d×%d: w wierszach prawdziwa cyfra, w kolumnach odpowiedź sieci; na przekątnej są odpowiedzi dobre, %d z %d."),
		n, n, right, total)
	type mistake struct{ t, p, c int }
	var ms []mistake
	for t, row := range counts {
		for p, c := range row {
			if t != p && c > 0 {
				ms = append(ms, mistake{t, p, c})
			}
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].c > ms[j].c })
	if len(ms) == 0 {
		return s
	}
	var top []string
	for _, m := range ms[:min(len(ms), 3)] {
		top = append(top, fmt.Sprintf(lang.Pick("%d read as %d (%d %s)", "%d odczytana jako %d (%d %s)"),
			m.t, m.p, m.c, plural(m.c, "time", "times", "raz", "razy", "razy")))
	}
	return s + " " + fmt.Sprintf(lang.Pick("The most frequent mistakes: %s.", "Najczęstsze pomyłki: %s."), listOf(top))
}

// cells draws a count table as shaded squares with the counts written in them.
type cells struct {
	counts               [][]int
	mostRight, mostWrong int // the largest count on and off the diagonal
}

// Plot implements plot.Plotter.
func (cs *cells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	right := newColorMap(countScale, 0, float64(max(cs.mostRight, 1)))
	wrong := newColorMap(mistakeScale, 0, math.Sqrt(float64(max(cs.mostWrong, 1))))
	size := noteSize
	if len(cs.counts) > 12 {
		size = noteSize * 12 / vg.Length(len(cs.counts))
	}
	for t, row := range cs.counts {
		for pr, n := range row {
			x0, x1 := trX(float64(pr)-0.5), trX(float64(pr)+0.5)
			y0, y1 := trY(float64(t)+0.5), trY(float64(t)-0.5)
			r := vg.Rectangle{Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)}, Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)}}
			fill := wrong.mustColor(math.Sqrt(float64(n)))
			if t == pr {
				fill = right.mustColor(float64(n))
			}
			c.SetColor(fill)
			c.Fill(r.Path())
			c.StrokeLines(draw.LineStyle{Color: colorWhite, Width: 1}, closed(r))
			if t == pr {
				// The diagonal (right answers) gets a black outline, for print too.
				in := vg.Points(1.5)
				rr := vg.Rectangle{Min: vg.Point{X: r.Min.X + in, Y: r.Min.Y + in}, Max: vg.Point{X: r.Max.X - in, Y: r.Max.Y - in}}
				c.StrokeLines(draw.LineStyle{Color: Black, Width: 1.5}, closed(rr))
			}
			var col color.Color = Black
			if luminance(fill) < 0.35 {
				col = colorWhite
			}
			if n == 0 {
				col = lightGrey
			}
			f := fontOf(size)
			if t == pr {
				f = boldFontOf(size)
			}
			sty := text.Style{Color: col, Font: f, XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
			c.FillText(sty, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}, fmt.Sprint(n))
		}
	}
}
