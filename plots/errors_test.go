package plots

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Every builder must reject bad input with an error that says what was wrong.
func TestBuildersRejectBadInput(t *testing.T) {
	nan := math.NaN()
	img := make([]float64, 784)
	short := make([]float64, 783)
	bright := make([]float64, 784)
	bright[29] = 1.5
	tests := []struct {
		name  string
		build func() error
		want  string // a piece of the message
	}{
		{"Functions no curves", func() error { _, err := Functions("", "", "", 0, 1); return err }, "no curves"},
		{"Functions empty range", func() error { _, err := Functions("", "", "", 1, 1, Curve{"f", sigmoid}); return err }, "range [1, 1] is empty"},
		{"Functions NaN range", func() error { _, err := Functions("", "", "", nan, 1, Curve{"f", sigmoid}); return err }, "must be finite"},
		{"Functions nil F", func() error { _, err := Functions("", "", "", 0, 1, Curve{Name: "g"}); return err }, `curve 0 ("g") has no function`},
		{"Functions NaN value", func() error {
			_, err := Functions("", "", "", -1, 1, Curve{"log", math.Log})
			return err
		}, `curve "log": the function is NaN at x = -1`},
		{"NeuronFamily no weights", func() error { _, err := NeuronFamily(-1, 1, nil, []float64{0}); return err }, "weights ws is empty"},
		{"NeuronFamily NaN bias", func() error { _, err := NeuronFamily(-1, 1, []float64{1}, []float64{0, nan}); return err }, "biases bs[1] is NaN"},
		{"OutputBars empty", func() error { _, err := OutputBars(nil, 3); return err }, "outputs is empty"},
		{"OutputBars wanted", func() error { _, err := OutputBars(slideOutputs, 10); return err }, "wanted digit 10 is not one of the 10 outputs 0 … 9"},
		{"OutputBars NaN", func() error { _, err := OutputBars([]float64{0.1, nan}, 0); return err }, "outputs[1] is NaN"},
		{"CostCurve nil", func() error { _, err := CostCurve("", "w", 0, 1, nil); return err }, "cost function is nil"},
		{"CostCurve Inf", func() error {
			_, err := CostCurve("", "w", 0, 1, func(w float64) float64 { return 1 / w })
			return err
		}, "+Inf at x = 0"},
		{"CostSurface flat", func() error {
			_, err := CostSurface("", "x", "y", 0, 1, 0, 1, func(x, y float64) float64 { return 2 })
			return err
		}, "the cost is 2 everywhere"},
		{"CostSurface NaN", func() error {
			_, err := CostSurface("", "x", "y", -1, 1, 0, 1, func(x, y float64) float64 { return math.Sqrt(x) })
			return err
		}, "the cost is NaN at (-1, 0)"},
		{"CostSurface y range", func() error {
			_, err := CostSurface("", "x", "y", 0, 1, 2, 1, func(x, y float64) float64 { return x })
			return err
		}, "the y range [2, 1] is empty"},
		{"DescentPaths no panels", func() error { _, err := DescentPaths(sigmoid, 0, 1); return err }, "no panels"},
		{"DescentPaths empty path", func() error {
			_, err := DescentPaths(sigmoid, 0, 1, DescentPanel{"η = 0.1", nil})
			return err
		}, `panel 0 ("η = 0.1") path is empty`},
		{"DescentPaths NaN step", func() error {
			_, err := DescentPaths(sigmoid, 0, 1, DescentPanel{"big", []float64{0, 1, nan}})
			return err
		}, `panel 0 ("big") path[2] is NaN`},
		{"TrainingCurve empty", func() error { _, err := TrainingCurve(nil, nil); return err }, "cost is empty"},
		{"TrainingCurve lengths", func() error {
			_, err := TrainingCurve([]float64{1, 0.5}, []float64{0.5})
			return err
		}, "2 costs but 1 accuracies"},
		{"TrainingCurve percent", func() error {
			_, err := TrainingCurve([]float64{1}, []float64{91})
			return err
		}, "accuracy[0] is 91; give accuracy as a fraction"},
		{"DigitGrid none", func() error { _, err := DigitGrid("", nil, nil, 0); return err }, "no images"},
		{"DigitGrid size", func() error {
			_, err := DigitGrid("", [][]float64{img, img, img, short}, nil, 0)
			return err
		}, "image 3 has 783 pixels; MNIST images have 28×28 = 784"},
		{"DigitGrid pixel", func() error { _, err := DigitGrid("", [][]float64{bright}, nil, 0); return err }, "pixel 29 (row 1, column 1) is 1.5"},
		{"DigitGrid labels", func() error { _, err := DigitGrid("", [][]float64{img}, []int{1, 2}, 0); return err }, "1 images but 2 labels"},
		{"DigitPredictions missing", func() error {
			_, err := DigitPredictions("", [][]float64{img}, []int{1}, nil, 0)
			return err
		}, "1 images, 1 labels and 0 predictions"},
		{"WeightImage size", func() error { _, err := WeightImage("", short); return err }, "783 weights"},
		{"WeightImage NaN", func() error {
			w := make([]float64, 784)
			w[5] = nan
			_, err := WeightImage("", w)
			return err
		}, "weights[5] is NaN"},
		{"WeightGrid nil", func() error { _, err := WeightGrid("", nil, 0); return err }, "weight matrix is empty"},
		{"WeightGrid shape", func() error { _, err := WeightGrid("", mat.NewDense(16, 10, nil), 0); return err }, "W is 16×10"},
		{"ConfusionMatrix empty", func() error { _, err := ConfusionMatrix(nil); return err }, "no counts"},
		{"ConfusionMatrix ragged", func() error { _, err := ConfusionMatrix([][]int{{1, 2}, {3}}); return err }, "row 1 has 1 counts but there are 2 rows"},
		{"ConfusionMatrix negative", func() error { _, err := ConfusionMatrix([][]int{{1, -2}, {3, 4}}); return err }, "counts[0][1] is -2"},
		{"NetworkDiagram one layer", func() error { _, err := NetworkDiagram([]int{3}, nil); return err }, "1 layers"},
		{"NetworkDiagram empty layer", func() error { _, err := NetworkDiagram([]int{3, 0}, nil); return err }, "layer 1 has 0 neurons"},
		{"NetworkDiagram count", func() error {
			_, err := NetworkDiagram([]int{2, 3, 1}, []*mat.Dense{mat.NewDense(3, 2, nil)})
			return err
		}, "3 layers need 2 weight matrices"},
		{"NetworkDiagram shape", func() error {
			_, err := NetworkDiagram([]int{2, 3, 1}, []*mat.Dense{mat.NewDense(3, 2, nil), mat.NewDense(3, 1, nil)})
			return err
		}, "W^(2) is 3×1; layer 2 has 1 neurons and layer 1 has 3, so W^(2) must be 1×3"},
		{"SVG size", func() error {
			p, _ := Functions("", "", "", 0, 1, Curve{"f", sigmoid})
			_, err := SVG(p, 0, HandoutHeight)
			return err
		}, "must be positive"},
		{"SVG nil", func() error { _, err := SVG(nil, HandoutWidth, HandoutHeight); return err }, "chart is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.build()
			if err == nil {
				t.Fatalf("no error; want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\n\tdoes not contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "plots: ") {
				t.Errorf("error %q does not start with \"plots: \"", err)
			}
		})
	}
}

func TestMustPanicsWithMessage(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "no curves") {
			t.Errorf("Must panicked with %v; want the builder's error", r)
		}
	}()
	Must(Functions("", "", "", 0, 1))
}
