package xmlfmt

import "testing"

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
