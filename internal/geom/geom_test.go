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

func TestBox(t *testing.T) {
	b := Box{0, 0, 10, 10}
	if !b.Overlaps(Box{9, 9, 20, 20}) || b.Overlaps(Box{10, 0, 20, 10}) {
		t.Error("Overlaps: a shared inner point, and only that")
	}
	if !b.Crosses([2]float64{5, -5}, [2]float64{5, 15}) || b.Crosses([2]float64{10, -5}, [2]float64{10, 15}) {
		t.Error("Crosses: through the inside, not along an edge")
	}
	if got := SegBox([2]float64{5, 0}, [2]float64{5, 8}, 1); got != (Box{4, -1, 6, 9}) {
		t.Errorf("SegBox = %v", got)
	}
	if got := b.Inflate(2); got != (Box{-2, -2, 12, 12}) {
		t.Errorf("Inflate = %v", got)
	}
}
