package mnist

import "testing"

func TestSketch(t *testing.T) {
	for _, c := range []struct {
		pixels []float64
		want   string
	}{
		{nil, ""},
		{[]float64{0, 0.001, 0.5, 0.5001, 1}, ".++##"},
		{[]float64{0, 0, 0}, "..."},
	} {
		if got := Sketch(c.pixels); got != c.want {
			t.Errorf("Sketch(%v) = %q, want %q", c.pixels, got, c.want)
		}
	}
}
