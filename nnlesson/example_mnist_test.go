package nnlesson_test

import (
	"fmt"

	"github.com/nnlesson/course/nnlesson"
)

// Load MNIST and look at its first training image, a handwritten 5.
func ExampleLoadMNIST() {
	train, test, err := nnlesson.LoadMNIST()
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

// The settings of the lecture's network, in one place to change them.
func ExampleDefaultSettings() {
	s := nnlesson.DefaultSettings()
	fmt.Println(s)
	s.Sizes = []int{784, 30, 10}
	s.Epochs = 5
	fmt.Println(s)
	// Output:
	// 784-16-16-10, η = 0.5, mini-batch 10, 10 epochs, seed 1
	// 784-30-10, η = 0.5, mini-batch 10, 5 epochs, seed 1
}

// Train a small network on the first 5,000 MNIST images for three epochs,
// reporting after each, then look at its mistakes.
func ExampleTrainNetwork() {
	train, test, err := nnlesson.LoadMNIST()
	if err != nil {
		fmt.Println(err)
		return
	}
	s := nnlesson.Settings{Sizes: []int{784, 16, 10}, Eta: 0.5, BatchSize: 10, Epochs: 3, Seed: 1, TrainSize: 5000}
	net, err := nnlesson.TrainNetwork(s, train, test.First(1000), func(r nnlesson.EpochReport) {
		fmt.Printf("epoch %d: test accuracy %.1f%%\n", r.Epoch, 100*r.TestAccuracy)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	misses := nnlesson.Misclassified(net, test.First(1000))
	fmt.Printf("%d of 1000 test images wrong; the first: image %d, a %d taken for a %d\n",
		len(misses), misses[0].Index, misses[0].Label, misses[0].Predicted)
	c := nnlesson.ConfusionMatrix(net, test.First(1000))
	fmt.Println("sevens taken for ones:", c[7][1])
	// Output:
	// epoch 1: test accuracy 81.5%
	// epoch 2: test accuracy 86.1%
	// epoch 3: test accuracy 87.3%
	// 127 of 1000 test images wrong; the first: image 8, a 5 taken for a 6
	// sevens taken for ones: 4
}
