package mnist_test

import (
	"fmt"

	"github.com/nnlesson/course/mnist"
)

// Load MNIST and look at its first training image, a handwritten 5.
func ExampleLoad() {
	train, test, err := mnist.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(train.Len(), "training images and", test.Len(), "test images")
	fmt.Printf("each %d×%d = %d pixels\n", train.Rows(), train.Cols(), train.ImageSize())
	fmt.Println("image 0 shows a", train.Label(0), "and its target y is", train.Target(0))

	x := train.Image(0) // a^(0): 784 values in [0, 1]
	for r := 5; r < 24; r++ {
		line := ""
		for c := 2; c < 26; c++ {
			switch v := x[r*28+c]; {
			case v > 0.5:
				line += "#"
			case v > 0:
				line += "+"
			default:
				line += "."
			}
		}
		fmt.Println(line)
	}
	// Output:
	// 60000 training images and 10000 test images
	// each 28×28 = 784 pixels
	// image 0 shows a 5 and its target y is [0 0 0 0 0 1 0 0 0 0]
	// ..........+++++##+###+..
	// ......+++############+..
	// .....+##########+++++...
	// .....+##########........
	// ......+#+###+.+#........
	// .......++##+............
	// .........###+...........
	// .........+##+...........
	// ..........+###++........
	// ...........+###++.......
	// ............+####+......
	// .............++###......
	// ...............###+.....
	// ............+#####+.....
	// ..........+#######......
	// ........++######+.......
	// ......++######++........
	// ....+#######++..........
	// ..+########+............
}

// The top bar of the first test image, a 7: row 8, where pixel 238 (column
// 14) holds 0.7765.
func ExampleSketch() {
	_, test, err := mnist.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	x := test.Image(0)
	fmt.Println(mnist.Sketch(x[8*28 : 9*28]))
	// Output:
	// ......###############+......
}
