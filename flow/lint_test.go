package flow_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sopflow/sopflow/flow"
)

func TestParseDuration(t *testing.T) {
	for _, c := range []struct {
		in       string
		min, max time.Duration
	}{
		{"10 menit", 10 * time.Minute, 10 * time.Minute},
		{"1 jam", time.Hour, time.Hour},
		{"2 hari kerja", 2 * flow.WorkDay, 2 * flow.WorkDay},
		{"1 Minggu", flow.WorkWeek, flow.WorkWeek},
		{"1 jam 30 menit", 90 * time.Minute, 90 * time.Minute},
		{"0,5 jam", 30 * time.Minute, 30 * time.Minute},
		{"10-15 menit", 10 * time.Minute, 15 * time.Minute},
		{"10 – 15 menit", 10 * time.Minute, 15 * time.Minute},
		{"1 s.d. 2 hari", flow.WorkDay, 2 * flow.WorkDay},
		{"1 s/d 3 hari kerja", flow.WorkDay, 3 * flow.WorkDay},
		{"30 menit - 1 jam", 30 * time.Minute, time.Hour},
		{"paling lama 3 hari kerja", 3 * flow.WorkDay, 3 * flow.WorkDay},
		{"± 15 menit", 15 * time.Minute, 15 * time.Minute},
		{"maks. 2 jam", 2 * time.Hour, 2 * time.Hour},
		{"kira-kira 5 menit", 5 * time.Minute, 5 * time.Minute},
		{"2 days", 2 * flow.WorkDay, 2 * flow.WorkDay},
		{"2x24 jam", 48 * time.Hour, 48 * time.Hour},
		{"2 x 24 jam", 48 * time.Hour, 48 * time.Hour},
		{"3 hari kalender", 3 * flow.WorkDay, 3 * flow.WorkDay},
		{"1jam", time.Hour, time.Hour},
		{"setengah jam", 30 * time.Minute, 30 * time.Minute},
		{"1.000 menit", 1000 * time.Minute, 1000 * time.Minute},
		{"0.5 jam", 30 * time.Minute, 30 * time.Minute},
		{"paling lambat 3 hari", 3 * flow.WorkDay, 3 * flow.WorkDay},
		{"30-45 menit", 30 * time.Minute, 45 * time.Minute},
	} {
		d, ok := flow.ParseDuration(c.in)
		if !ok || d.Min != c.min || d.Max != c.max {
			t.Errorf("ParseDuration(%q) = %v, %v, %v; want %v, %v", c.in, d.Min, d.Max, ok, c.min, c.max)
		}
	}
	for _, bad := range []string{"", "-", "Sesuai SPK", "menit", "10", "10 15 20 menit", "15 menit lagi", "2 - 1 hari", "segera",
		"-5 menit", "9999999999 jam", "Inf menit", "1e3 menit", "1_000 menit", "NaN jam", "1,5,5 jam"} {
		if d, ok := flow.ParseDuration(bad); ok {
			t.Errorf("ParseDuration(%q) = %v, want not a duration", bad, d)
		}
	}
}

func TestDurationString(t *testing.T) {
	for _, c := range []struct {
		d    flow.Duration
		want string
	}{
		{flow.Duration{}, "0 menit"},
		{flow.Duration{90 * time.Minute, 90 * time.Minute}, "1 jam 30 menit"},
		{flow.Duration{flow.WorkDay + time.Hour, 2 * flow.WorkDay}, "1 hari 1 jam - 2 hari"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%v: String() = %q, want %q", c.d, got, c.want)
		}
	}
}

// lintSOP is a valid SOP that every rule passes; each case below breaks one.
const lintSOP = `name = "Pelayanan Surat"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan permohonan"
kind = "start"
time = "5 menit"
output = "Formulir"

[[steps]]
id = "cek"
actor = "Petugas"
activity = "Apakah berkas lengkap?"
kind = "decision"
time = "10 menit"
output = "Berkas"
yes = "buat"
no = 1

[[steps]]
id = "buat"
actor = "Petugas"
activity = "Menyusun surat balasan"
time = "1 jam"
output = "Surat"

[[steps]]
actor = "Pemohon"
activity = "Menerima surat"
kind = "end"
`

func lint(t *testing.T, src string) []flow.Finding {
	t.Helper()
	p, err := flow.Parse("sop.toml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return p.Lint()
}

func TestLintRules(t *testing.T) {
	if f := lint(t, lintSOP); len(f) != 0 {
		t.Fatalf("the clean SOP has findings: %v", f)
	}
	for _, c := range []struct {
		name, from, to string
		want           string // rule, and a piece of the message, and the line
	}{
		{"unused actor", `actors = ["Pemohon", "Petugas"]`, `actors = ["Pemohon", "Petugas", "Kepala"]`, `sop.toml:2:33: actor "Kepala" carries out no step; its column stays empty (remove it, or give it a step) [unused-actor]`},
		{"missing time", "time = \"1 jam\"\n", "", `sop.toml:21:1: step 3 has no WAKTU (time) while other steps have one; fill it in, or write "-" where there is none [missing-quality]`},
		{"missing both", "time = \"1 jam\"\noutput = \"Surat\"\n", "", `step 3 has no WAKTU (time) and no OUTPUT (output)`},
		{"bad time", `time = "1 jam"`, `time = "secepatnya"`, `sop.toml:21:1: step 3: WAKTU "secepatnya" is not a duration`},
		{"default labels", "Apakah berkas lengkap?", "Memeriksa kelengkapan berkas", `sop.toml:11:1: step 2 is a decision printed with the default labels on both exits, but its activity is not a question`},
		{"no verb", "Menyusun surat balasan", "Penyusunan surat balasan", `sop.toml:21:1: step 3: activity starts with "Penyusunan", not a verb`},
		{"duplicate", "[[steps]]\nactor = \"Pemohon\"\nactivity = \"Menerima", "[[steps]]\nactor = \"Petugas\"\nactivity = \"menyusun  Surat balasan\"\ntime = \"1 jam\"\noutput = \"Surat\"\n\n[[steps]]\nactor = \"Pemohon\"\nactivity = \"Menerima", `sop.toml:28:1: step 4 has the same activity as step 3; tell them apart, or loop back to step 3 [duplicate-activity]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(lintSOP, c.from, c.to, 1)
			if src == lintSOP {
				t.Fatal("the case changes nothing")
			}
			var got []string
			for _, f := range lint(t, src) {
				got = append(got, f.String())
			}
			if len(got) != 1 || !strings.Contains(got[0], c.want) {
				t.Errorf("findings:\n%s\nwant one with %q", strings.Join(got, "\n"), c.want)
			}
		})
	}
}

func TestLintTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"Besar\"\nactors = [")
	for i := 0; i < 9; i++ {
		fmt.Fprintf(&b, "%q, ", fmt.Sprintf("Pelaksana %d", i+1))
	}
	b.WriteString("]\n")
	for i := 0; i < 27; i++ {
		kind := "process"
		switch i {
		case 0:
			kind = "start"
		case 26:
			kind = "end"
		}
		fmt.Fprintf(&b, "[[steps]]\nactor = \"Pelaksana %d\"\nactivity = \"Memeriksa berkas nomor %d\"\nkind = %q\n", i%9+1, i, kind)
	}
	var rules []string
	for _, f := range lint(t, b.String()) {
		rules = append(rules, f.Rule+": "+f.Msg)
	}
	want := []string{"too-large: 27 steps, more than 25", "too-large: 9 actors, more than 8"}
	for _, w := range want {
		found := false
		for _, r := range rules {
			found = found || strings.HasPrefix(r, w)
		}
		if !found {
			t.Errorf("no finding %q in %q", w, rules)
		}
	}
	if len(rules) != 2 {
		t.Errorf("findings %q, want only the two too-large", rules)
	}
}

// TestIndirectQuestion: a decision that asks "whether" in a sentence
// keeps the default labels without a warning, and still needs a verb.
func TestIndirectQuestion(t *testing.T) {
	if f := lint(t, strings.Replace(lintSOP, "Apakah berkas lengkap?", "Menentukan apakah berkas lengkap", 1)); len(f) != 0 {
		t.Errorf("indirect question: %v", f)
	}
	f := lint(t, strings.Replace(lintSOP, "Apakah berkas lengkap?", "Kelengkapan berkas, apakah sudah lengkap", 1))
	if len(f) != 1 || f[0].Rule != flow.RuleNoVerb {
		t.Errorf("indirect question without a verb: %v", f)
	}
}

func TestVerbs(t *testing.T) {
	for _, a := range []string{"Memeriksa berkas", "Menyampaikan surat", "Mengisi formulir", "Menyusun konsep", "Membuat", "Diteruskan ke", "Berkoordinasi dengan", "Terima berkas", "Serahkan berkas", "Setujui usulan", "Verifikasi data", "Mulai", "1. Mencetak surat"} {
		if f := lint(t, strings.Replace(lintSOP, "Menyusun surat balasan", a, 1)); len(f) != 0 {
			t.Errorf("%q: %v", a, f)
		}
	}
	for _, a := range []string{"Pemeriksaan berkas", "Persetujuan kepala", "Surat dikirim", "Petugas memeriksa berkas", "Kepala menandatangani", "Berkas diperiksa"} {
		f := lint(t, strings.Replace(lintSOP, "Menyusun surat balasan", a, 1))
		if len(f) != 1 || f[0].Rule != flow.RuleNoVerb {
			t.Errorf("%q: %v, want one no-verb", a, f)
		}
	}
}

func TestMainPath(t *testing.T) {
	p, err := flow.Parse("sop.toml", []byte(lintSOP))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(p.MainPath()); got != "[0 1 2 3]" {
		t.Errorf("main path %s, want [0 1 2 3]", got)
	}
	d, n := p.MainPathTime()
	if n != 3 || d.String() != "1 jam 15 menit" {
		t.Errorf("main path time %v over %d steps, want 1 jam 15 menit over 3", d, n)
	}
}

// forkSOP writes n steps where each decision has two open exits, the next
// step and the one after: the worst case for MainPath's searches.
func forkSOP(n int) string {
	var b strings.Builder
	b.WriteString("name = \"Garpu\"\nactors = [\"Petugas\"]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[[steps]]\nactor = \"Petugas\"\nactivity = \"Memeriksa berkas %d\"\ntime = \"1 menit\"\n", i)
		switch {
		case i == n:
			b.WriteString("kind = \"end\"\n")
		case i+2 <= n:
			fmt.Fprintf(&b, "yes = %d\nno = %d\n", i+1, i+2)
		}
	}
	return b.String()
}

func TestMainPathForks(t *testing.T) {
	p, err := flow.Parse("garpu.toml", []byte(forkSOP(2000)))
	if err != nil {
		t.Fatal(err)
	}
	// Every yes exit is the nearest later row and reaches the end.
	if path := p.MainPath(); len(path) != 2000 || path[1999] != 1999 {
		t.Errorf("main path of %d steps ending at %d, want all 2000", len(path), path[len(path)-1])
	}
}

// BenchmarkLint lints the largest procedure the default limits let in,
// with a decision forking at every step.
func BenchmarkLint(b *testing.B) {
	opt := flow.ParseOptions{}
	p, err := opt.Parse("garpu.toml", []byte(forkSOP(flow.DefaultMaxSteps)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Lint()
		p.MainPathTime()
	}
}
