package table

import (
	"fmt"
	"github.com/sopflow/sopflow/render"
	"io"
	"strings"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

// synthTOML writes a synthetic SOP of n steps over six actors: mostly a
// chain that moves between actors, with a decision every fifth step whose
// "no" exit loops back two steps, and a forward jump every thirteenth.
func synthTOML(n int) string {
	var b strings.Builder
	actors := []string{"Pemohon", "Petugas Loket", "Kepala Seksi", "Kepala Bidang", "Sekretaris", "Kepala Dinas"}
	fmt.Fprintf(&b, "name = \"Prosedur Sintetis %d Langkah\"\nactors = [", n)
	for i, a := range actors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", a)
	}
	b.WriteString("]\n[identity]\nnumber = \"SOP-SYN\"\nunit = [\"PEMERINTAH KABUPATEN CONTOH\"]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[steps]]\nactor = %q\n", actors[(i*7/3)%len(actors)])
		fmt.Fprintf(&b, "activity = \"Langkah %d: memeriksa dan memproses berkas permohonan sesuai ketentuan yang berlaku.\"\n", i)
		fmt.Fprintf(&b, "requirements = \"Berkas %d\"\ntime = \"%d menit\"\noutput = \"Hasil %d\"\n", i, 5+i%20, i)
		switch {
		case i == 1 || i == n:
		case i%5 == 0 && i > 3:
			fmt.Fprintf(&b, "no = %d\n", i-2)
		case i%13 == 0 && i+3 < n:
			fmt.Fprintf(&b, "no = %d\nno_label = \"Lewati\"\n", i+3)
		}
	}
	return b.String()
}

func TestSynthValid(t *testing.T) {
	for _, n := range []int{10, 50, 200} {
		p, err := flow.Parse("synth.toml", []byte(synthTOML(n)))
		if err != nil {
			t.Fatalf("%d steps: %v", n, err)
		}
		d, err := Layout(p, LayoutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range CheckDiagram(p, d) {
			t.Errorf("%d steps: %s", n, msg)
		}
	}
}

// BenchmarkPipeline measures parse + layout + SVG of the default pages, and
// with QuickRouting.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{10, 50, 200, 1000} {
		src := []byte(synthTOML(n))
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) { benchPipeline(b, src, LayoutOptions{}) })
		b.Run(fmt.Sprintf("quick/steps=%d", n), func(b *testing.B) { benchPipeline(b, src, LayoutOptions{QuickRouting: true}) })
	}
}

func benchPipeline(b *testing.B, src []byte, opt LayoutOptions) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p, err := flow.Parse("synth.toml", src)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Layout(p, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(io.Discard, d, render.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF50 measures a 50-step SOP to PDF, layout included.
func BenchmarkPDF50(b *testing.B) {
	p, err := flow.Parse("synth.toml", []byte(synthTOML(50)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d, err := Layout(p, LayoutOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WritePDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
