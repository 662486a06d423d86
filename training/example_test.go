package training_test

import (
	"fmt"

	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/training"
)

// The settings of the lecture's network, in one place to change them.
func ExampleDefaultSettings() {
	s := training.DefaultSettings()
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
	train, test, err := mnist.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	s := training.Settings{Sizes: []int{784, 16, 10}, Eta: 0.5, BatchSize: 10, Epochs: 3, Seed: 1, TrainSize: 5000}
	net, err := training.TrainNetwork(s, train, test.First(1000), func(r training.EpochReport) {
		fmt.Printf("epoch %d: test accuracy %.1f%%\n", r.Epoch, 100*r.TestAccuracy)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	misses := training.Misclassified(net, test.First(1000))
	fmt.Printf("%d of 1000 test images wrong; the first: image %d, a %d taken for a %d\n",
		len(misses), misses[0].Index, misses[0].Label, misses[0].Predicted)
	c := training.ConfusionMatrix(net, test.First(1000))
	fmt.Println("sevens taken for ones:", c[7][1])
	// Output:
	// epoch 1: test accuracy 81.5%
	// epoch 2: test accuracy 86.1%
	// epoch 3: test accuracy 87.3%
	// 127 of 1000 test images wrong; the first: image 8, a 5 taken for a 6
	// sevens taken for ones: 4
}
