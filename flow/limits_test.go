package flow

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bounded runs f and fails when it allocates more than maxMB megabytes or
// runs longer than maxTime. The bounds are generous: they tell linear from
// quadratic work, not fast from slow.
func bounded(t *testing.T, maxMB uint64, maxTime time.Duration, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > maxMB {
		t.Errorf("allocated %d MB, want at most %d MB", mb, maxMB)
	}
	if took > maxTime {
		t.Errorf("took %v, want at most %v", took, maxTime)
	}
}

const limitsHead = "name = \"x\"\nactors = [\"A\"]\n"

func TestLimitsRefuseBeforeDecoding(t *testing.T) {
	steps := func(n int) string {
		var b strings.Builder
		b.WriteString(limitsHead)
		for range n {
			b.WriteString("[[steps]]\nactor = \"A\"\nactivity = \"a\"\n")
		}
		return b.String()
	}
	actors := func(n int) string {
		var b strings.Builder
		b.WriteString("name = \"x\"\nactors = [")
		for i := range n {
			fmt.Fprintf(&b, "%q,", fmt.Sprint("A", i))
		}
		b.WriteString("]\n[[steps]]\nactor = \"A0\"\nactivity = \"a\"\n")
		return b.String()
	}
	tests := []struct {
		name, src string
		opt       ParseOptions
		want      string // the printed error
		limit     string
	}{
		{"deep-arrays", limitsHead + "x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", ParseOptions{},
			"f:3:20: nested too deeply: more than 16 levels of tables, arrays and dotted keys", "depth"},
		{"deep-inline-tables", limitsHead + "x = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n", ParseOptions{},
			"f:3:51: nested too deeply: more than 16 levels of tables, arrays and dotted keys", "depth"},
		{"long-dotted-key", limitsHead + strings.Repeat("a.", 10000) + "a = 1\n", ParseOptions{},
			"f:3:1: key too long: 20001 bytes, more than 256", "key"},
		{"deep-dotted-key", limitsHead + strings.Repeat("a.", 20) + "a = 1\n", ParseOptions{},
			"f:3:1: nested too deeply: more than 16 levels of tables, arrays and dotted keys", "depth"},
		{"deep-header", limitsHead + "[" + strings.Repeat("a.", 20) + "a]\n", ParseOptions{},
			"f:3:1: nested too deeply: more than 16 levels of tables, arrays and dotted keys", "depth"},
		{"long-quoted-key", limitsHead + `"` + strings.Repeat("k", 300) + `" = 1` + "\n", ParseOptions{},
			"f:3:1: key too long: 302 bytes, more than 256", "key"},
		{"size", limitsHead + "# " + strings.Repeat("x", 100) + "\n", ParseOptions{MaxBytes: 100},
			"f:1:1: file too large: more than 100 bytes", "bytes"},
		{"steps", steps(20001), ParseOptions{},
			"f:60003:1: more than 20000 steps", "steps"},
		{"steps-inline", limitsHead + "steps = [" + strings.Repeat(`{actor="A", activity="a"},`, 11) + "]\n", ParseOptions{MaxSteps: 10},
			"f:3:270: more than 10 steps", "steps"},
		{"actors", actors(1001), ParseOptions{},
			"f:2:6901: more than 1000 actors", "actors"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			bounded(t, 64, 5*time.Second, func() { _, err = tc.opt.Parse("f", []byte(tc.src)) })
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
			var le *LimitError
			if !errors.Is(err, ErrTooLarge) || !errors.As(err, &le) || le.Name != tc.limit {
				t.Errorf("error %v: want ErrTooLarge and a *LimitError for %q, got %+v", err, tc.limit, le)
			}
		})
	}
}

// TestLimitsRaised: a limit raised by its option lets the input through.
func TestLimitsRaised(t *testing.T) {
	var b strings.Builder
	b.WriteString(limitsHead)
	for range 12 {
		b.WriteString("[[steps]]\nactor = \"A\"\nactivity = \"a\"\n")
	}
	src := []byte(b.String())
	if _, err := (ParseOptions{MaxSteps: 11}).Parse("f", src); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("MaxSteps 11: err = %v, want ErrTooLarge", err)
	}
	for _, o := range []ParseOptions{{MaxSteps: 12}, {MaxSteps: -1}} {
		if _, err := o.Parse("f", src); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// TestScanLinear: the position scanner alone, with no limits, is linear in
// the nesting depth (it was quadratic: 30,000 levels took 23 s and 7.9 GB).
func TestScanLinear(t *testing.T) {
	for _, src := range []string{
		"x = " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000),
		"x = " + strings.Repeat("{a=", 30000) + "1" + strings.Repeat("}", 30000),
		strings.Repeat("a.", 30000) + "a = 1",
		"[" + strings.Repeat("a.", 30000) + "a]\n[[" + strings.Repeat("a.", 30000) + "b]]",
	} {
		bounded(t, 200, 10*time.Second, func() { scanPositions([]byte(src)) })
	}
}

// TestSuggestBounded: the "did you mean" search costs bounded work however
// many unknown names, candidates and runes there are (20,000 unknown ids
// took more than a minute; a 100,000-rune id 19 s).
func TestSuggestBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(limitsHead)
	n := 20000
	for i := range n {
		next := fmt.Sprintf("stap-%05d", i+1)
		if i == n-1 {
			next = strings.Repeat("z", 100000)
		}
		fmt.Fprintf(&b, "[[steps]]\nid = \"step-%05d\"\nactor = \"A\"\nactivity = \"a\"\nnext = %q\n", i, next)
	}
	var err error
	bounded(t, 1024, 30*time.Second, func() { _, err = Parse("f", []byte(b.String())) })
	var l ErrorList
	if !errors.As(err, &l) || len(l) != n {
		t.Fatalf("got %d errors, want %d", len(l), n)
	}
	if !strings.Contains(l[0].Msg, `(did you mean "step-00001"?)`) {
		t.Errorf("first error has no suggestion: %s", l[0])
	}

	sg := new(suggester)
	cands := make([]string, 100000)
	for i := range cands {
		cands[i] = fmt.Sprintf("actor-%06d", i)
	}
	for range 1000 {
		sg.suggest("actor-x00000", cands)
	}
	if sg.spent > suggestBudget+len(cands) {
		t.Errorf("spent %d, budget %d", sg.spent, suggestBudget)
	}
	if s := suggest(strings.Repeat("a", 100000), []string{strings.Repeat("a", 99999)}); s != "" {
		t.Errorf("a 100,000-rune name got a suggestion")
	}
}
