package xmlfmt

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 12: "12", 12.5: "12.5", -0.25: "-0.25", -0.001: "0", 3.14159: "3.14", 1e6: "1000000"} {
		if got := Num(v); got != want {
			t.Errorf("Num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, c := range []struct {
		in   string
		attr bool
		want string
	}{
		{`a<b>&"c'`, false, "a&lt;b&gt;&amp;&quot;c&#39;"},
		{"x\ny\tz", false, "x\ny\tz"},
		{"x\ny\tz\r", true, "x&#10;y&#9;z&#13;"},
		{"nul\x00bell\x07", false, "nulbell"},
		{"Ka.Bid./Kasubag", true, "Ka.Bid./Kasubag"},
	} {
		if got := Escape(c.in, c.attr); got != c.want {
			t.Errorf("Escape(%q, %v) = %q, want %q", c.in, c.attr, got, c.want)
		}
	}
}

// TestNumFast checks AppendNum's shortcut for whole hundredths against
// strconv on many values: whole hundredths, values near them, near halfway
// points, large, tiny and negative ones.
func TestNumFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(v float64) {
		if got, want := string(AppendNum(nil, v)), string(appendNumSlow(nil, v)); got != want {
			t.Fatalf("AppendNum(%v) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.005, -0.005, 0.015, 0.125, -0.125, 1e15, -1e15, 4.5e13, 1 << 53, math.MaxFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64} {
		check(v)
	}
	for range 300_000 {
		k := rng.Int64N(2_000_000_00) - 1_000_000_00
		v := float64(k) / 100
		check(v)
		check(math.Round(v*100) / 100)
		check(math.Nextafter(v, math.Inf(1)))
		check(math.Nextafter(v, math.Inf(-1)))
		check((float64(k) + 0.5) / 100)
		check(rng.NormFloat64() * 1000)
		check(float64(rng.Int64N(1<<62)) / 100)
	}
}
