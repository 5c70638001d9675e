package bpmn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// The quality report of the BPMN view over the examples and generated
// SOPs, on every paper and orientation:
//
//	go test ./bpmn -run Quality -v
//
// It prints, per SOP, the pages, steps per page, the smallest text, and
// counts of what makes a drawing hard to read; the hard rules fail the
// test.

// quality is what the report measures of one view.
type quality struct {
	steps, pages int
	minText      float64 // the smallest text on any page, in points
	offPaper     int     // pages whose size is not the paper's
	labels       int     // gateway exit labels
	labelHits    int     // labels touching a flow or another text
	crossings    int     // flows crossing each other
	junctions    int     // a flow's end or bend on another flow
	arrowsNear   int     // arrowheads within 3 pt of another flow
	jogs         int     // flows with an inner segment under 4 pt, or turning back on themselves
	onBorder     int     // horizontal segments on a lane's border, hidden in its line
	fill         float64 // the pools' bounding box over the paper's area inside the margins, summed over pages
}

func measure(d *render.Diagram, paperW, paperH float64) quality {
	q := quality{pages: len(d.Pages), minText: math.Inf(1)}
	for _, pg := range d.Pages {
		if pg.Width != paperW || pg.Height != paperH {
			q.offPaper++
		}
		// How much of the paper the drawing takes: the box of its pools
		// over the area inside the margins (the footer's strip included).
		pools := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, sh := range pg.Shapes {
			if sh.Kind == bpmn.ShapePool {
				pools = rect{math.Min(pools.x0, sh.X), math.Min(pools.y0, sh.Y),
					math.Max(pools.x1, sh.X+sh.Width), math.Max(pools.y1, sh.Y+sh.Height)}
			}
		}
		if aw, ah := pg.Width-2*pg.Margin, pg.Height-2*pg.Margin; aw > 0 && ah > 0 && pools.x1 > pools.x0 {
			q.fill += (pools.x1 - pools.x0) * (pools.y1 - pools.y0) / (aw * ah)
		}
		for _, t := range pg.Texts {
			q.minText = math.Min(q.minText, t.Size)
		}
		type seg struct {
			a, b [2]float64
			c    int
		}
		var segs []seg
		for ci, c := range pg.Connectors {
			for k := 0; k+1 < len(c.Points); k++ {
				segs = append(segs, seg{c.Points[k], c.Points[k+1], ci})
			}
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				s, u := segs[i], segs[j]
				if s.c != u.c && crosses(s.a, s.b, u.a, u.b) {
					q.crossings++
				}
			}
		}
		for _, c := range pg.Connectors {
			if jogs(c.Points) {
				q.jogs++
			}
		}
		for _, sh := range pg.Shapes {
			if sh.Kind != bpmn.ShapeLane && sh.Kind != bpmn.ShapePool {
				continue
			}
			for _, y := range []float64{sh.Y, sh.Y + sh.Height} {
				for _, sg := range segs {
					if sg.a[1] == sg.b[1] && math.Abs(sg.a[1]-y) < 1.5 &&
						math.Max(sg.a[0], sg.b[0]) > sh.X && math.Min(sg.a[0], sg.b[0]) < sh.X+sh.Width {
						q.onBorder++
					}
				}
			}
		}
		for ci, c := range pg.Connectors {
			for k, p := range c.Points {
				for _, s := range segs {
					if s.c != ci && onSegment(p, s.a, s.b) {
						q.junctions++
						break
					}
				}
				_ = k
			}
			n := len(c.Points)
			if n < 2 {
				continue
			}
			// The arrowhead's box, widened by 3 pt.
			tip, from := c.Points[n-1], c.Points[n-2]
			dx, dy := sign(tip[0]-from[0]), sign(tip[1]-from[1])
			base := [2]float64{tip[0] - dx*render.ArrowLength, tip[1] - dy*render.ArrowLength}
			r := segRect(tip, base, render.ArrowWidth/2+3)
			for _, s := range segs {
				if s.c != ci && segRect(s.a, s.b, 0).overlaps(r) {
					q.arrowsNear++
					break
				}
			}
		}
		for ti, t := range pg.Texts {
			if t.Class != "label" {
				continue
			}
			q.labels++
			r := textRect(t).shrink(0.3)
			hit := false
			for _, s := range segs {
				if segRect(s.a, s.b, 0.5).overlaps(r) {
					hit = true
				}
			}
			for tj, u := range pg.Texts {
				if tj != ti && textRect(u).shrink(0.3).overlaps(r) {
					hit = true
				}
			}
			if hit {
				q.labelHits++
			}
		}
	}
	return q
}

// jogs reports whether a route has an inner segment under 4 pt or turns
// back on itself.
func jogs(pts [][2]float64) bool {
	for k := 0; k+1 < len(pts); k++ {
		d := math.Abs(pts[k+1][0]-pts[k][0]) + math.Abs(pts[k+1][1]-pts[k][1])
		if k > 0 && k+2 < len(pts) && d < 4 {
			return true
		}
		if k+2 < len(pts) {
			a := [2]float64{sign(pts[k+1][0] - pts[k][0]), sign(pts[k+1][1] - pts[k][1])}
			b := [2]float64{sign(pts[k+2][0] - pts[k+1][0]), sign(pts[k+2][1] - pts[k+1][1])}
			if a[0] == -b[0] && a[1] == -b[1] {
				return true
			}
		}
	}
	return false
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// crosses reports whether a horizontal and a vertical segment cross at a
// point inside both.
func crosses(a, b, c, d [2]float64) bool {
	if a[1] == b[1] && c[0] == d[0] {
		return math.Min(a[0], b[0]) < c[0] && c[0] < math.Max(a[0], b[0]) &&
			math.Min(c[1], d[1]) < a[1] && a[1] < math.Max(c[1], d[1])
	}
	if a[0] == b[0] && c[1] == d[1] {
		return crosses(c, d, a, b)
	}
	return false
}

// onSegment reports whether p lies on the orthogonal segment a-b.
func onSegment(p, a, b [2]float64) bool {
	const eps = 0.05
	if math.Abs(a[1]-b[1]) < eps {
		return math.Abs(p[1]-a[1]) < eps && p[0] >= math.Min(a[0], b[0])-eps && p[0] <= math.Max(a[0], b[0])+eps
	}
	return math.Abs(p[0]-a[0]) < eps && p[1] >= math.Min(a[1], b[1])-eps && p[1] <= math.Max(a[1], b[1])+eps
}

// realistic returns a generated SOP in the style of published ones: n
// steps over k actors, activities of one to three formal sentences, a
// decision every few steps that sends the case back or ahead.
func realistic(t testing.TB, seed uint64, n, k int) *flow.Procedure {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	units := []string{"Pemohon", "Petugas Loket Pelayanan", "Kepala Seksi Perizinan/FO", "Kasubbag Umum dan Kepegawaian",
		"Kepala Bidang Pelayanan Perizinan", "Sekretaris Dinas", "Kepala Dinas", "Tim Teknis", "Bendahara Penerimaan",
		"Pejabat Pembuat Komitmen"}
	verbs := []string{"Menerima", "Memeriksa", "Memverifikasi", "Menyusun", "Menandatangani", "Mengagendakan",
		"Menyampaikan", "Meneliti", "Mencetak", "Mengarsipkan", "Menelaah", "Mendisposisikan"}
	objects := []string{"berkas permohonan beserta dokumen persyaratan", "konsep surat keputusan", "nota dinas dan lampirannya",
		"hasil pemeriksaan lapangan", "bukti pembayaran retribusi", "formulir pendaftaran yang telah diisi",
		"surat izin yang telah ditandatangani"}
	tails := []string{"sesuai ketentuan yang berlaku", "kepada pejabat yang berwenang", "melalui aplikasi SIMPEL",
		"dalam buku agenda", "untuk ditindaklanjuti", "paling lambat 3 (tiga) hari kerja"}
	sentence := func() string {
		return verbs[rng.IntN(len(verbs))] + " " + objects[rng.IntN(len(objects))] + " " + tails[rng.IntN(len(tails))]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"Pelayanan Sintetis %d Langkah %d Pelaksana\"\nactors = [", n, k)
	for a := 0; a < k; a++ {
		if a > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", units[a%len(units)])
	}
	b.WriteString("]\n")
	lane := 0
	for i := 1; i <= n; i++ {
		if i > 1 && rng.IntN(3) > 0 {
			lane = (lane + 1 + rng.IntN(k-1)) % k
		}
		text := sentence()
		for s := rng.IntN(3); s > 0; s-- {
			text += ", kemudian " + strings.ToLower(sentence()[:1]) + sentence()[1:]
		}
		fmt.Fprintf(&b, "\n[[steps]]\nid = \"s%d\"\nactor = %q\nactivity = \"%s.\"\ntime = \"%d menit\"\n", i, units[lane%len(units)], text, 5+rng.IntN(55))
		switch {
		case i == n:
			b.WriteString("kind = \"end\"\n")
		case i > 2 && i < n-1 && rng.IntN(5) == 0:
			back := i - 1 - rng.IntN(min(3, i-1))
			fmt.Fprintf(&b, "no = \"s%d\"\nyes_label = \"Lengkap\"\nno_label = \"Tidak lengkap\"\n", back)
		}
	}
	p, err := flow.Parse("realistic.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("generated SOP: %v\n%s", err, b.String())
	}
	return p
}

// qualitySet returns the examples and the generated SOPs of the report.
func qualitySet(t testing.TB) map[string]*flow.Procedure {
	procs := loadExamples(t)
	for i, c := range []struct{ n, k int }{{5, 3}, {7, 4}, {8, 5}, {10, 4}, {12, 5}, {12, 7}, {16, 5}, {20, 6}, {25, 6}, {30, 8}, {40, 8}} {
		procs[fmt.Sprintf("gen-%02d-%d", c.n, c.k)] = realistic(t, uint64(i+1), c.n, c.k)
	}
	procs["synthetic-50"] = synthetic(t, 50, 6)
	return procs
}

func TestQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the quality report lays out 100 views")
	}
	procs := qualitySet(t)
	names := make([]string, 0, len(procs))
	for n := range procs {
		names = append(names, n)
	}
	sort.Strings(names)
	papers := []struct {
		name     string
		paper    render.Paper
		portrait bool
	}{
		{"a4", render.A4, false}, {"a4-portrait", render.A4, true}, {"letter", render.Letter, false},
		{"legal-portrait", render.Legal, true}, {"f4", render.F4, false},
	}
	for _, pp := range papers {
		var total quality
		small, smallOne := 0, 0
		rep := []string{fmt.Sprintf("%-22s %5s %5s %6s %6s %5s %6s %6s %6s %6s %6s %6s", "SOP ("+pp.name+")", "steps", "pages",
			"steps/p", "min pt", "fill", "labels", "l.hits", "cross", "junct", "arrows", "jogs")}
		for _, name := range names {
			p := procs[name]
			d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Paper: pp.paper, Portrait: pp.portrait})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			w, h := pp.paper.Height, pp.paper.Width
			if pp.portrait {
				w, h = h, w
			}
			q := measure(d, w, h)
			q.steps = len(p.Steps)
			rep = append(rep, fmt.Sprintf("%-22s %5d %5d %6.1f %6.2f %4.0f%% %6d %6d %6d %6d %6d %6d", name, q.steps, q.pages,
				float64(q.steps)/float64(q.pages), q.minText, 100*q.fill/float64(q.pages), q.labels, q.labelHits, q.crossings, q.junctions, q.arrowsNear, q.jogs))
			// Hard rules.
			if q.offPaper > 0 {
				t.Errorf("%s (%s): %d pages are not the paper's size", name, pp.name, q.offPaper)
			}
			if q.minText < bpmn.MinTextSize-0.005 {
				t.Errorf("%s (%s): text of %.2f pt, below %.0f pt", name, pp.name, q.minText, bpmn.MinTextSize)
			}
			if q.onBorder > 0 {
				t.Errorf("%s (%s): %d flow segments run along a lane's border", name, pp.name, q.onBorder)
			}
			if q.labelHits > 0 {
				t.Errorf("%s (%s): %d labels touch a flow or another text", name, pp.name, q.labelHits)
			}
			if q.steps <= 12 {
				small++
				if q.pages == 1 {
					smallOne++
				}
			}
			total.steps += q.steps
			total.pages += q.pages
			total.labels += q.labels
			total.crossings += q.crossings
			total.junctions += q.junctions
			total.arrowsNear += q.arrowsNear
			total.jogs += q.jogs
			total.fill += q.fill
		}
		rep = append(rep, fmt.Sprintf("%-22s %5d %5d %6.1f %6s %4.0f%% %6d %6s %6d %6d %6d %6d", "all", total.steps, total.pages,
			float64(total.steps)/float64(total.pages), "", 100*total.fill/float64(total.pages), total.labels, "", total.crossings, total.junctions, total.arrowsNear, total.jogs),
			fmt.Sprintf("SOPs of up to 12 steps on one page: %d of %d", smallOne, small))
		t.Log("\n" + strings.Join(rep, "\n"))
	}
}

// TestWrapsOnOnePage: generated SOPs of 12 steps too wide for one band of
// lanes on A4 landscape at 6 pt wrap into bands on one page, joined by
// link events, and pass every check of the view.
func TestWrapsOnOnePage(t *testing.T) {
	procs := qualitySet(t)
	for _, name := range []string{"gen-12-5", "gen-12-7"} {
		p := procs[name]
		for _, portrait := range []bool{false, true} {
			d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{Portrait: portrait})
			if err != nil {
				t.Fatal(err)
			}
			for _, msg := range checkView(p, d, "bersama") {
				t.Errorf("%s: %s", name, msg)
			}
			if len(d.Pages) != 1 {
				t.Errorf("%s (portrait %v): %d pages, want 1", name, portrait, len(d.Pages))
				continue
			}
			pools, links := 0, 0
			for _, sh := range d.Pages[0].Shapes {
				switch sh.Kind {
				case bpmn.ShapePool:
					pools++
				case render.ShapeLinkThrow:
					links++
				}
			}
			if pools < 2 || links == 0 {
				t.Errorf("%s (portrait %v): %d bands, %d link events thrown; want a wrapped view", name, portrait, pools, links)
			}
		}
	}
}
