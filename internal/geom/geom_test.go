package geom

import (
	"slices"
	"testing"
)

func TestSimplify(t *testing.T) {
	got := Simplify([][2]float64{{0, 0}, {0, 0}, {0, 5}, {0, 10}, {5, 10}, {9, 10}, {9, 20}})
	want := [][2]float64{{0, 0}, {0, 10}, {9, 10}, {9, 20}}
	if !slices.Equal(got, want) {
		t.Errorf("Simplify = %v, want %v", got, want)
	}
	if got := Simplify(nil); len(got) != 0 {
		t.Errorf("Simplify(nil) = %v", got)
	}
}

func TestLetters(t *testing.T) {
	for k, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := Letters(k); got != want {
			t.Errorf("Letters(%d) = %q, want %q", k, got, want)
		}
	}
}

func TestRound2(t *testing.T) {
	if got := Round2(1.005001); got != 1.01 {
		t.Errorf("Round2 = %v", got)
	}
}
