package bpmn_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"github.com/sopflow/sopflow/internal/testsop"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// loadExamples parses the example SOPs of testdata/examples.
func loadExamples(t testing.TB) map[string]*flow.Procedure {
	t.Helper()
	return testsop.Dir(t, "examples", "")
}

// variants are the layouts the geometry is checked in.
var variants = []struct {
	name string
	opt  bpmn.Options
}{
	{"paged", bpmn.Options{}},
	{"wide", bpmn.Options{Tall: true}},
	{"portrait", bpmn.Options{Portrait: true}},
	{"letter-margin25", bpmn.Options{Paper: render.Letter, Margin: 25}},
	{"english", bpmn.Options{Joint: "with", Labels: mustLabels("en", nil)}},
	{"long-event-names", bpmn.Options{Labels: mustLabels("id", map[string]string{
		"start": "Permohonan informasi publik diterima", "end": "Berkas selesai diarsipkan"})}},
}

func mustLabels(lang string, overrides map[string]string) render.Labels {
	l, err := render.NewLabels(render.Permenpan35, lang, overrides)
	if err != nil {
		panic(err)
	}
	return l
}

func TestLayoutGeometry(t *testing.T) {
	procs := loadExamples(t)
	procs["synthetic-60"] = synthetic(t, 60, 6)
	for name, p := range procs {
		for _, v := range variants {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				d, err := bpmn.Layout(p, graphviz.Ranker{}, v.opt)
				if err != nil {
					t.Fatal(err)
				}
				joint := v.opt.Joint
				if joint == "" {
					joint = "bersama"
				}
				for _, msg := range checkView(p, d, joint) {
					t.Error(msg)
				}
				if v.opt.Tall && len(d.Pages) != 1 {
					t.Errorf("wide: %d pages", len(d.Pages))
				}
				if !v.opt.Tall {
					paper := v.opt.Paper
					if paper.Width == 0 {
						paper = render.A4
					}
					w, h := paper.Height, paper.Width
					if v.opt.Portrait {
						w, h = h, w
					}
					for _, pg := range d.Pages {
						if pg.Width != w || pg.Height != h {
							t.Errorf("page %d is %.2f x %.2f pt, not the paper's %.2f x %.2f", pg.Number, pg.Width, pg.Height, w, h)
						}
					}
				}
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for name, p := range loadExamples(t) {
		t.Run(name, func(t *testing.T) {
			var outs [2][4]string
			for i := range outs {
				d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
				if err != nil {
					t.Fatal(err)
				}
				wide, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Tall: true})
				if err != nil {
					t.Fatal(err)
				}
				var j, s, x, g bytes.Buffer
				if err := render.WriteJSON(&j, d); err != nil {
					t.Fatal(err)
				}
				if err := render.WriteSVG(&s, d, render.WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				if err := bpmn.WriteXML(&x, p, wide, bpmn.XMLOptions{}); err != nil {
					t.Fatal(err)
				}
				if err := bpmn.WriteDOT(&g, p, bpmn.Options{}); err != nil {
					t.Fatal(err)
				}
				outs[i] = [4]string{j.String(), s.String(), x.String(), g.String()}
			}
			for k, what := range []string{"JSON", "SVG", "BPMN XML", "DOT"} {
				if outs[0][k] != outs[1][k] {
					t.Errorf("%s differs between two runs", what)
				}
			}
		})
	}
}

// wellFormed reports the first XML syntax error in b.
func wellFormed(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestWriters(t *testing.T) {
	for name, p := range loadExamples(t) {
		t.Run(name, func(t *testing.T) {
			d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var svg bytes.Buffer
			if err := render.WriteSVG(&svg, d, render.WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(svg.Bytes()); err != nil {
				t.Errorf("SVG: %v", err)
			}
			if !strings.Contains(svg.String(), `class="page bpmn"`) {
				t.Error("SVG: no bpmn page")
			}
			var png, pdf bytes.Buffer
			if err := render.WritePNG(&png, d, render.WriteOptions{Page: 1, DPI: 50}); err != nil {
				t.Errorf("PNG: %v", err)
			}
			if err := render.WritePDF(&pdf, d); err != nil {
				t.Errorf("PDF: %v", err)
			}
		})
	}
}

// fakeRanker returns positions made from the node names by fn.
type fakeRanker struct {
	fn  func(i int, name string) ([2]float64, bool)
	err error
}

func (f fakeRanker) Rank(_ context.Context, dot []byte) (map[string][2]float64, error) {
	if f.err != nil {
		return nil, f.err
	}
	pos := map[string][2]float64{}
	i := 0
	for _, line := range strings.Split(string(dot), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, `"`) || strings.Contains(line, "->") {
			continue
		}
		name := line[1 : strings.Index(line[1:], `"`)+1]
		if p, ok := f.fn(i, name); ok {
			pos[name] = p
		}
		i++
	}
	return pos, nil
}

func TestRankerTrouble(t *testing.T) {
	p := loadExamples(t)["informasi-publik"]
	errBoom := errors.New("boom")
	if _, err := bpmn.Layout(p, fakeRanker{err: errBoom}, bpmn.Options{}); !errors.Is(err, errBoom) {
		t.Errorf("ranker error: got %v", err)
	}
	missing := fakeRanker{fn: func(i int, name string) ([2]float64, bool) { return [2]float64{float64(i), 0}, name != "Step_3" }}
	if _, err := bpmn.Layout(p, missing, bpmn.Options{}); err == nil || !strings.Contains(err.Error(), "Step_3") {
		t.Errorf("missing node: got %v", err)
	}
	if _, err := bpmn.Layout(p, nil, bpmn.Options{}); err == nil {
		t.Error("nil ranker: no error")
	}
	// Any ranking gives a valid drawing, even one against the flow or with
	// every node in one column.
	for _, r := range []struct {
		name string
		fn   func(i int, name string) ([2]float64, bool)
	}{
		{"backwards", func(i int, _ string) ([2]float64, bool) { return [2]float64{-100 * float64(i), 0}, true }},
		{"one column", func(i int, _ string) ([2]float64, bool) { return [2]float64{0, float64(i % 3)}, true }},
	} {
		for _, opt := range []bpmn.Options{{}, {Tall: true}} {
			d, err := bpmn.Layout(p, fakeRanker{fn: r.fn}, opt)
			if err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			if r.name == "one column" && !opt.Tall {
				// A column taller than the paper allows at MinTextSize is
				// scaled below it, the one case where the view's text is
				// smaller; the page is still the paper's size.
				for _, pg := range d.Pages {
					if pg.Width != render.A4.Height || pg.Height != render.A4.Width {
						t.Errorf("one column: page %d is %.0f x %.0f pt", pg.Number, pg.Width, pg.Height)
					}
				}
				continue
			}
			for _, msg := range checkView(p, d, "bersama") {
				t.Errorf("%s (tall %v): %s", r.name, opt.Tall, msg)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	good := loadExamples(t)["informasi-publik"]
	clone := func(edit func(p *flow.Procedure)) *flow.Procedure {
		q := *good
		q.Steps = nil
		for _, s := range good.Steps {
			c := *s
			c.Out = append([]flow.Link(nil), s.Out...)
			c.Actors = append([]int(nil), s.Actors...)
			q.Steps = append(q.Steps, &c)
		}
		edit(&q)
		return &q
	}
	cases := map[string]*flow.Procedure{
		"nil":           nil,
		"no steps":      clone(func(p *flow.Procedure) { p.Steps = nil }),
		"no actors":     clone(func(p *flow.Procedure) { p.Actors = nil }),
		"bad actor":     clone(func(p *flow.Procedure) { p.Steps[2].Actors = []int{9} }),
		"no actor":      clone(func(p *flow.Procedure) { p.Steps[2].Actors = nil }),
		"bad link":      clone(func(p *flow.Procedure) { p.Steps[2].Out[0].To = 99 }),
		"self link":     clone(func(p *flow.Procedure) { p.Steps[2].Out[0].To = 2 }),
		"one exit":      clone(func(p *flow.Procedure) { p.Steps[1].Out = p.Steps[1].Out[:1] }),
		"bad kind":      clone(func(p *flow.Procedure) { p.Steps[0].Kind = "loop" }),
		"bad number":    clone(func(p *flow.Procedure) { p.Steps[3].Number = 7 }),
		"nil step":      clone(func(p *flow.Procedure) { p.Steps[3] = nil }),
		"same exits":    clone(func(p *flow.Procedure) { p.Steps[1].Out[1].To = p.Steps[1].Out[0].To }),
		"end with exit": clone(func(p *flow.Procedure) { p.Steps[11].Out = []flow.Link{{To: 0}} }),
	}
	r := fakeRanker{fn: func(i int, _ string) ([2]float64, bool) { return [2]float64{float64(i), 0}, true }}
	for name, p := range cases {
		if _, err := bpmn.Layout(p, r, bpmn.Options{}); err == nil {
			t.Errorf("%s: Layout: no error", name)
		}
		if err := bpmn.WriteDOT(io.Discard, p, bpmn.Options{}); err == nil {
			t.Errorf("%s: WriteDOT: no error", name)
		}
	}
	if _, err := bpmn.Layout(good, r, bpmn.Options{Margin: 200}); err == nil {
		t.Error("huge margin: no error")
	}
	if _, err := bpmn.Layout(good, r, bpmn.Options{Labels: nil}); err != nil {
		t.Errorf("default labels: %v", err)
	}
}

// synthetic returns an n-step procedure with k actors: a chain in which
// every sixth step is a decision looping back three steps, every tenth a
// decision jumping four steps ahead, every ninth a joint activity.
func synthetic(t testing.TB, n, k int) *flow.Procedure {
	t.Helper()
	p, err := flow.Parse("synthetic.toml", []byte(testsop.Branchy(n, k)))
	if err != nil {
		t.Fatalf("synthetic procedure: %v", err)
	}
	return p
}

var (
	writeSynth = flag.String("write-synth", "", "write the synthetic SOP of -synth-steps steps (six actors) to this file, for measuring the CLI")
	synthSteps = flag.Int("synth-steps", 50, "steps of the SOP that -write-synth writes")
)

// TestWriteSynth writes a synthetic SOP for measuring the CLI:
// go test ./bpmn -run WriteSynth -args -write-synth /tmp/sop1000.toml -synth-steps 1000
func TestWriteSynth(t *testing.T) {
	if *writeSynth == "" {
		t.Skip("no -write-synth")
	}
	src := testsop.Branchy(*synthSteps, 6)
	if _, err := flow.Parse("synthetic.toml", []byte(src)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*writeSynth, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cachedRanker answers with the positions of one earlier ranking.
type cachedRanker map[string][2]float64

func (c cachedRanker) Rank(context.Context, []byte) (map[string][2]float64, error) { return c, nil }

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{10, 50, 200, 1000} {
		p := synthetic(b, n, 6)
		for _, wide := range []bool{false, true} {
			opt := bpmn.Options{Tall: wide}
			name := fmt.Sprintf("steps=%d/paged", n)
			if wide {
				name = fmt.Sprintf("steps=%d/wide", n)
			}
			b.Run(name+"/dot", func(b *testing.B) {
				for b.Loop() {
					if _, err := bpmn.Layout(p, graphviz.Ranker{}, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
			rec := &recorder{r: graphviz.Ranker{}}
			if _, err := bpmn.Layout(p, rec, opt); err != nil {
				b.Fatal(err)
			}
			b.Run(name+"/no-dot", func(b *testing.B) {
				for b.Loop() {
					if _, err := bpmn.Layout(p, cachedRanker(rec.pos), opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// recorder keeps the positions a Ranker returns.
type recorder struct {
	r   bpmn.Ranker
	pos map[string][2]float64
}

func (r *recorder) Rank(ctx context.Context, dot []byte) (map[string][2]float64, error) {
	pos, err := r.r.Rank(ctx, dot)
	r.pos = pos
	return pos, err
}

func TestSyntheticSizes(t *testing.T) {
	for _, n := range []int{10, 50, 200} {
		p := synthetic(t, n, 6)
		for _, opt := range []bpmn.Options{{}, {Tall: true}} {
			d, err := bpmn.Layout(p, graphviz.Ranker{}, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, msg := range checkView(p, d, "bersama") {
				t.Errorf("%d steps (wide %v): %s", n, opt.Tall, msg)
			}
			if testing.Verbose() {
				j, _ := json.Marshal(d)
				t.Logf("%d steps, wide %v: %d pages, %d bytes of JSON", n, opt.Tall, len(d.Pages), len(j))
			}
		}
	}
}
