package plots

import (
	"reflect"
	"testing"
)

func TestNiceTicksLabels(t *testing.T) {
	tests := []struct {
		min, max float64
		n        int
		want     []string
	}{
		{-5, 5, 6, []string{"−4", "−2", "0", "2", "4"}},
		{0, 1, 5, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{-0.2, 5.2, 5, []string{"0", "1", "2", "3", "4", "5"}},
		{0, 100, 5, []string{"0", "20", "40", "60", "80", "100"}},
		{0.5, 1.25, 3, []string{"0.50", "0.75", "1.00", "1.25"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (niceTicks{n: tt.n}).Ticks(tt.min, tt.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ticks on [%g, %g] (about %d): %q, want %q", tt.min, tt.max, tt.n, got, tt.want)
		}
	}
}

func TestEpochTicksAreWholeNumbers(t *testing.T) {
	for _, tk := range (epochTicks{}).Ticks(0.5, 1.5) {
		if tk.Label != "" && tk.Label != "1" {
			t.Errorf("epoch tick %q on [0.5, 1.5]; want only 1", tk.Label)
		}
	}
}

func TestAccuracyFloor(t *testing.T) {
	for _, c := range []struct {
		pct  []float64
		want float64
	}{
		{[]float64{93.9, 95.6}, 90}, // lesson 8: the axis shows 90 … 100 %
		{[]float64{62, 93}, 60},
		{[]float64{91.5, 97}, 80}, // at least two points of room below the lowest
		{[]float64{10.3, 60, 90}, 0},
		{[]float64{50, 90}, 0},
	} {
		if got := accuracyFloor(c.pct); got != c.want {
			t.Errorf("accuracyFloor(%v) = %v, want %v", c.pct, got, c.want)
		}
	}
}
