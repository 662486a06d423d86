package plots

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlesson/course/lang"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DigitGrid draws MNIST images in rows of cols (cols ≤ 0 picks up to 8 per
// row), each with its label above it (labels may be nil for none). Each
// image is 784 = 28×28 pixel intensities in [0, 1], row by row, drawn as
// black ink on white.
//
// It is what the network sees: "28×28 = 784 input pixels", one number each.
//
// It returns an error if there are no images, an image does not have 784
// pixels, a pixel is NaN or outside [0, 1], or labels has a different length.
func DigitGrid(title string, images [][]float64, labels []int, cols int) (*Figure, error) {
	const name = "DigitGrid"
	if err := checkImages(name, images); err != nil {
		return nil, err
	}
	if labels != nil && len(labels) != len(images) {
		return nil, fmt.Errorf("plots: DigitGrid: %d images but %d labels; give one label per image, or nil", len(images), len(labels))
	}
	tiles := make([]tile, len(images))
	for i, px := range images {
		tiles[i] = tile{img: grayImage(px), frame: draw.LineStyle{Color: lightGrey, Width: 1}}
		if labels != nil {
			tiles[i].caption = fmt.Sprint(labels[i])
			tiles[i].color = Black
			tiles[i].bold = true
		}
	}
	fig := gridFigure(title, tiles, cols, labels != nil)
	desc := fmt.Sprintf(lang.Pick("Handwritten digits (%d), 28×28 pixels each, black ink on white.", "Cyfry pisane odręcznie (%d), każda 28×28 pikseli, czarny tusz na białym tle."),
		len(images))
	if labels != nil {
		ls := make([]string, len(labels))
		for i, l := range labels {
			ls[i] = fmt.Sprint(l)
		}
		desc += " " + fmt.Sprintf(lang.Pick("Their labels, row by row: %s.", "Ich etykiety, wiersz po wierszu: %s."), strings.Join(ls, ", "))
	}
	describe(fig.Panels[0][0], lang.Pick("Handwritten digits", "Cyfry pisane odręcznie"), desc)
	return fig, nil
}

// DigitPredictions draws MNIST images like DigitGrid, each captioned with
// its true label and, when the network got it wrong, what the network
// answered: "7 read as 2". Wrong answers are also written in bold vermillion and
// framed with a thick dashed line, so they stand out in colour and in a
// black-and-white print alike.
//
// Looking at the mistakes is how one learns what the network finds hard:
// often they are digits a person would hesitate over, too.
//
// It returns an error as DigitGrid does, or if labels or predicted is
// missing or differs in length from images.
func DigitPredictions(title string, images [][]float64, labels, predicted []int, cols int) (*Figure, error) {
	const name = "DigitPredictions"
	if err := checkImages(name, images); err != nil {
		return nil, err
	}
	if len(labels) != len(images) || len(predicted) != len(images) {
		return nil, fmt.Errorf("plots: DigitPredictions: %d images, %d labels and %d predictions; give one label and one prediction per image", len(images), len(labels), len(predicted))
	}
	tiles := make([]tile, len(images))
	for i, px := range images {
		t := tile{img: grayImage(px), caption: fmt.Sprint(labels[i]), color: Black,
			frame: draw.LineStyle{Color: lightGrey, Width: 1}}
		if predicted[i] != labels[i] {
			t.caption = fmt.Sprintf(lang.Pick("%d read as %d", "%d jako %d"), labels[i], predicted[i])
			t.color, t.bold = wrongColor, true
			t.frame = draw.LineStyle{Color: wrongColor, Width: 3, Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
		}
		tiles[i] = t
	}
	fig := gridFigure(title, tiles, cols, true)
	var wrong []string
	for i := range images {
		if predicted[i] != labels[i] {
			wrong = append(wrong, fmt.Sprintf(lang.Pick("%d read as %d", "%d odczytana jako %d"), labels[i], predicted[i]))
		}
	}
	desc := fmt.Sprintf(lang.Pick("%d handwritten digits with the network's answers: %d right, %d wrong.", "Cyfry pisane odręcznie (%d) z odpowiedziami sieci: %d dobrze, %d źle."),
		len(images), len(images)-len(wrong), len(wrong))
	if len(wrong) > 0 {
		desc += " " + fmt.Sprintf(lang.Pick("The wrong ones, framed with a dashed line: %s.", "Błędne, w ramce z linii przerywanej: %s."), strings.Join(wrong, ", "))
	}
	describe(fig.Panels[0][0], lang.Pick("Digits and the network's answers", "Cyfry i odpowiedzi sieci"), desc)
	return fig, nil
}

// gridFigure lays tiles out in a figure sized so that each image is about
// 2.6 cm across, or smaller (down to 1.6 cm) to keep a wide grid within 24 cm.
func gridFigure(title string, tiles []tile, cols int, captions bool) *Figure {
	n := len(tiles)
	if cols <= 0 {
		cols = min(n, 8)
	}
	cols = min(cols, n)
	rows := (n + cols - 1) / cols
	cellW := max(min(2.9*vg.Centimeter, 24*vg.Centimeter/vg.Length(cols)), 1.9*vg.Centimeter)
	cellH := cellW
	if captions {
		cellH += 0.6 * vg.Centimeter
	}
	w := vg.Length(cols)*cellW + 2*margin
	h := vg.Length(rows)*cellH + 2*margin
	if title != "" {
		h += 1.0 * vg.Centimeter
		w = max(w, vg.Length(len([]rune(title)))*titleSize*0.6+2*margin)
	}
	p := gridPlot(title, &imageGrid{tiles: tiles, cols: cols})
	return &Figure{Panels: [][]*plot.Plot{{p}}, Width: w, Height: h}
}

// checkImages checks that every image has 784 pixels in [0, 1].
func checkImages(chart string, images [][]float64) error {
	if len(images) == 0 {
		return fmt.Errorf("plots: %s: no images to draw", chart)
	}
	for i, px := range images {
		if len(px) != imagePixels {
			return fmt.Errorf("plots: %s: image %d has %d pixels; MNIST images have 28×28 = 784", chart, i, len(px))
		}
		for j, v := range px {
			if math.IsNaN(v) || v < 0 || v > 1 {
				return fmt.Errorf("plots: %s: image %d, pixel %d (row %d, column %d) is %g; pixels must lie in [0, 1] (divide bytes by 255)", chart, i, j, j/imageSide, j%imageSide, v)
			}
		}
	}
	return nil
}

// DigitControls is lesson 8's control: a slider that steps through test
// images (the network's mistakes, say), and for each the network's ten
// outputs with the picture beside them, drawn as OutputBars draws them, with its answer,
// the digit of the largest output, marked and printed: "a 7, answered 2
// (a₂ = 0.61, a₇ = 0.32): wrong".
//
// network is what turns an image into the ten outputs, such as a trained
// network's FeedForward: plots.DigitControls(title, images, labels,
// net.FeedForward). The slider counts the images from 1.
//
// It returns an error as DigitGrid does, if labels differs in length from
// images, or if network is nil or gives an output that OutputBars cannot draw.
func DigitControls(title string, images [][]float64, labels []int, network func(image []float64) []float64) (*Controls, error) {
	const name = "DigitControls"
	if err := checkImages(name, images); err != nil {
		return nil, err
	}
	if len(labels) != len(images) {
		return nil, fmt.Errorf("plots: DigitControls: %d images but %d labels; give one label per image", len(images), len(labels))
	}
	if network == nil {
		return nil, fmt.Errorf("plots: DigitControls: the network function is nil; pass one such as net.FeedForward")
	}
	positions := make([]float64, len(images))
	for i := range positions {
		positions[i] = float64(i + 1)
	}
	image := Slider(lang.Pick("image", "obraz"), positions, 1, "%.0f")
	return NewControls(title, func(v []float64) (Chart, string, error) {
		i := int(v[0]) - 1
		return digitFrame(images[i], labels[i], network(images[i]))
	}, image)
}

// digitFrame is one frame of DigitControls: the picture, and the outputs
// with the answer marked.
func digitFrame(px []float64, label int, outputs []float64) (Chart, string, error) {
	p, err := OutputBars(outputs, label)
	if err != nil {
		return nil, "", err
	}
	answer := 0
	for j, a := range outputs {
		if a > outputs[answer] {
			answer = j
		}
	}
	right := answer == label
	verdict := lang.Pick("right", "dobrze")
	col := BluishGreen
	if !right {
		verdict, col = lang.Pick("wrong", "źle"), Vermillion
	}
	p.Title.Text = fmt.Sprintf(lang.Pick("Shown a “%d”, the network answers %d: %s", "Sieci pokazano „%d”, odpowiada %d: %s"), label, answer, verdict)
	// The answer's bar, again, in the verdict's colour.
	const w = 0.36 // as OutputBars draws them
	mark := &bars{X: []float64{float64(answer) - w/2 - 0.01}, Heights: []float64{outputs[answer]}, Width: w, Fill: col}
	p.Add(mark)
	p.Legend.Add(fmt.Sprintf(lang.Pick("the answer: the largest output, a%s", "odpowiedź: największe wyjście, a%s"), subscript(answer)), mark)
	t := tile{img: grayImage(px), caption: fmt.Sprintf(lang.Pick("a %d", "cyfra %d"), label), color: Black, bold: true,
		frame: draw.LineStyle{Color: lightGrey, Width: 1}}
	pic := gridPlot("", &imageGrid{tiles: []tile{t}, cols: 1})
	describe(pic, "", fmt.Sprintf(lang.Pick("A handwritten %d, 28×28 pixels.", "Odręcznie napisana cyfra %d, 28×28 pikseli."), label))
	caption := fmt.Sprintf(lang.Pick("a %d, answered %d (a%s = %s): %s", "cyfra %d, odpowiedź %d (a%s = %s): %s"),
		label, answer, subscript(answer), fixed(outputs[answer], 2), verdict)
	if !right {
		caption = fmt.Sprintf(lang.Pick("a %d, answered %d (a%s = %s, a%s = %s): %s", "cyfra %d, odpowiedź %d (a%s = %s, a%s = %s): %s"),
			label, answer, subscript(answer), fixed(outputs[answer], 2), subscript(label), fixed(outputs[label], 2), verdict)
	}
	return &Figure{
		// The outputs first: a row of panels of different widths lines up
		// with its first panel's data area, and the picture has no axes.
		Panels: [][]*plot.Plot{{p, pic}},
		Widths: []float64{1, 0.3},
		Width:  NotebookWidth,
		Height: NotebookHeight,
	}, caption, nil
}
