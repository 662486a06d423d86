//go:build race

package training

// raceEnabled says that the tests run under the race detector, which makes
// training some 40× slower: long trainings on the real MNIST are skipped.
const raceEnabled = true
