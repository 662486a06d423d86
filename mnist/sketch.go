package mnist

import "strings"

// Sketch draws grey levels (0 paper … 1 full ink) as characters, one per
// pixel: '#' for more than half ink, '+' for some ink, '.' for none. Given
// one row of an image, image[28r : 28r+28], it draws that row, so that a
// lesson can print an image as text beside the numbers it is made of.
func Sketch(pixels []float64) string {
	var b strings.Builder
	for _, v := range pixels {
		switch {
		case v > 0.5:
			b.WriteByte('#')
		case v > 0:
			b.WriteByte('+')
		default:
			b.WriteByte('.')
		}
	}
	return b.String()
}
