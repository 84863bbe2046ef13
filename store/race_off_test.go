//go:build !race

package store

// RaceDetector is true in a -race build (CI's race run; see skipUnderRace).
const RaceDetector = false
