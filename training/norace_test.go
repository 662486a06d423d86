//go:build !race

package training

// raceEnabled says that the tests run under the race detector (race_test.go).
const raceEnabled = false
