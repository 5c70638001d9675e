package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/sopflow/sopflow/internal/testsop"
)

// The book's tests read the PDF back with poppler's pdftotext and pdfinfo
// and with qpdf, as a reader's tools see it.

// pdfTool returns the path of a PDF tool, skipping the test when it is
// missing, unless SOPFLOW_REQUIRE_PDFTOOLS is set (as CI does).
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("SOPFLOW_REQUIRE_PDFTOOLS") != "" {
			t.Fatalf("%s not on PATH, and SOPFLOW_REQUIRE_PDFTOOLS is set", name)
		}
		t.Skipf("%s not on PATH: install poppler-utils and qpdf to read the book back", name)
	}
	return p
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(pdfTool(t, name), args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %v: %v\n%s", name, args, err, msg)
	}
	return string(out)
}

// pageText is the text of page n of the PDF at path.
func pageText(t *testing.T, path string, n int) string {
	t.Helper()
	s := strconv.Itoa(n)
	return runTool(t, "pdftotext", "-layout", "-f", s, "-l", s, path, "-")
}

// pdfPages is the page count pdfinfo reads.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(runTool(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// bookFixture copies testdata/book/dinas into a temporary folder, made
// the current one, leaving out the files in drop.
func bookFixture(t *testing.T, drop ...string) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "book", "dinas"))
	if err != nil {
		t.Fatal(err)
	}
	dir := inTempDir(t, nil)
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
next:
	for _, e := range ents {
		for _, d := range drop {
			if e.Name() == d {
				continue next
			}
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("sop", e.Name()), b, 0o644); err != nil {
			if err := os.MkdirAll("sop", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("sop", e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// indexRow is a row of the --index CSV.
type indexRow struct {
	file, number, name string
	first, pages       int
}

func readIndexCSV(t *testing.T, path string) []indexRow {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "file,number,name,unit,steps,actors,first_page,pages" {
		t.Fatalf("index header %q", got)
	}
	var rows []indexRow
	for _, r := range recs[1:] {
		first, _ := strconv.Atoi(r[6])
		pages, _ := strconv.Atoi(r[7])
		rows = append(rows, indexRow{file: r[0], number: r[1], name: r[2], first: first, pages: pages})
	}
	return rows
}

// TestBookReadBack builds the fixture's book and reads it back: the cover,
// the decree page, the daftar isi's page numbers against where each SOP
// really starts, the book's page numbers, the page count, the outline and
// the links.
func TestBookReadBack(t *testing.T) {
	bookFixture(t)
	r := sopflow(t, "", "book", "-o", "buku.pdf", "--index", "index.csv", "sop")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := readIndexCSV(t, "index.csv")
	// book.toml lists two SOPs; the third follows.
	wantOrder := []string{"sop/sop-legalisasi.toml", "sop/sop-legalisasi-rapor.toml", "sop/sop-pengganti-ijazah.toml"}
	if len(rows) != len(wantOrder) {
		t.Fatalf("index has %d rows, want %d", len(rows), len(wantOrder))
	}
	total := 3 // cover, decree page, one page of daftar isi
	for i, row := range rows {
		if row.file != wantOrder[i] {
			t.Errorf("SOP %d is %s, want %s", i+1, row.file, wantOrder[i])
		}
		if row.first != total+1 {
			t.Errorf("%s starts on page %d, want %d", row.file, row.first, total+1)
		}
		total += row.pages
	}
	// The appendix ends with the signature page.
	total++
	if n := pdfPages(t, "buku.pdf"); n != total {
		t.Errorf("pdfinfo: %d pages, want %d", n, total)
	}

	cover := pageText(t, "buku.pdf", 1)
	for _, want := range []string{"STANDAR OPERASIONAL PROSEDUR", "ADMINISTRASI PEMERINTAHAN", "PEMERINTAH KABUPATEN CONTOH", "SUB BAGIAN UMUM", "SUKAMAJU", "TAHUN 2026"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	decree := pageText(t, "buku.pdf", 2)
	for _, want := range []string{"LAMPIRAN", "KEPUTUSAN KEPALA DINAS PENDIDIKAN KABUPATEN CONTOH", "NOMOR", "800/12/Disdik/2026", "TANGGAL", "20 Januari 2026", "TENTANG",
		"STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN"} {
		if !strings.Contains(decree, want) {
			t.Errorf("decree page lacks %q:\n%s", want, decree)
		}
	}
	if sig := pageText(t, "buku.pdf", total); !strings.Contains(sig, "KEPALA DINAS PENDIDIKAN,") || !strings.Contains(sig, "Nama Pejabat") || !strings.Contains(sig, "NIP. 19700101 199503 1 001") {
		t.Errorf("the last page is not the signature:\n%s", sig)
	}
	toc := pageText(t, "buku.pdf", 3)
	if !strings.Contains(toc, "DAFTAR ISI") || !strings.Contains(toc, "LAMPIRAN") {
		t.Errorf("daftar isi lacks its title or the appendix heading:\n%s", toc)
	}
	for i, row := range rows {
		// "1. SOP-AP/UMUM/2 Pelayanan ... . . . 4": the number at the end
		// of the entry's line is where the SOP starts.
		re := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\.\s+%s\s+%s[ .]*\s(\d+)\s*$`, i+1, regexp.QuoteMeta(row.number), regexp.QuoteMeta(row.name)))
		m := re.FindStringSubmatch(toc)
		if m == nil {
			t.Errorf("daftar isi has no line for %s %s:\n%s", row.number, row.name, toc)
			continue
		}
		if m[1] != strconv.Itoa(row.first) {
			t.Errorf("daftar isi gives page %s for %s, the index %d", m[1], row.number, row.first)
		}
		// The SOP's identity page stands there, with its own numbering.
		first := pageText(t, "buku.pdf", row.first)
		if !strings.Contains(first, row.number) || !strings.Contains(first, "Halaman 1 dari "+strconv.Itoa(row.pages)) {
			t.Errorf("page %d is not the first page of %s:\n%s", row.first, row.number, first)
		}
	}
	// Every page but the cover ends with its number in the book, on a
	// line of its own or between the footer's two texts.
	for n := 2; n <= total; n++ {
		lines := strings.Split(strings.TrimSpace(pageText(t, "buku.pdf", n)), "\n")
		last := lines[len(lines)-1]
		found := false
		for _, part := range regexp.MustCompile(`\s{3,}`).Split(strings.TrimSpace(last), -1) {
			found = found || part == strconv.Itoa(n)
		}
		if !found {
			t.Errorf("page %d does not end with its number: %q", n, last)
		}
	}

	// The outline: the appendix, the daftar isi, one entry per SOP at its
	// first page, the signature.
	var j struct {
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", "--json-key=outlines", "buku.pdf")), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Outlines) != 3+len(rows) || j.Outlines[0].Title != "LAMPIRAN" || j.Outlines[0].Page != 2 ||
		j.Outlines[1].Title != "DAFTAR ISI" || j.Outlines[1].Page != 3 {
		t.Fatalf("outline %+v", j.Outlines)
	}
	if last := j.Outlines[len(j.Outlines)-1]; last.Title != "PENGESAHAN" || last.Page != total {
		t.Errorf("the outline's last entry is %+v", last)
	}
	for i, row := range rows {
		o := j.Outlines[i+2]
		if o.Title != row.number+" "+row.name || o.Page != row.first {
			t.Errorf("outline entry %d is %q at page %d, want %q at %d", i+1, o.Title, o.Page, row.number+" "+row.name, row.first)
		}
	}

	// The links of the daftar isi: one per SOP, to its first page.
	links := tocLinks(t, "buku.pdf", 3)
	if len(links) != len(rows) {
		t.Fatalf("daftar isi has %d links, want %d", len(links), len(rows))
	}
	for i, row := range rows {
		if links[i] != row.first {
			t.Errorf("link %d goes to page %d, want %d", i+1, links[i], row.first)
		}
	}

	// Metadata.
	info := runTool(t, "pdfinfo", "buku.pdf")
	for _, want := range []string{"Title:           STANDAR OPERASIONAL PROSEDUR ADMINISTRASI", "Author:          SUB BAGIAN UMUM", "Subject:         3 standar operasional prosedur",
		"CreationDate:    Tue Jan 20 00:00:00 2026 UTC"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// tocLinks returns the pages the links of page n go to, top to bottom,
// read with qpdf from the page's annotations.
func tocLinks(t *testing.T, path string, n int) []int {
	t.Helper()
	var j struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", path)), &j); err != nil {
		t.Fatal(err)
	}
	objects := map[string]json.RawMessage{}
	for k, v := range j.QPDF[1] {
		objects[strings.TrimPrefix(k, "obj:")] = v
	}
	pageOf := map[string]int{}
	for i, p := range j.Pages {
		pageOf[p.Object] = i + 1
	}
	type dict = map[string]json.RawMessage
	var page struct {
		Value struct {
			Annots []struct {
				Dest    []json.RawMessage `json:"/Dest"`
				Rect    []float64         `json:"/Rect"`
				Subtype string            `json:"/Subtype"`
			} `json:"/Annots"`
		} `json:"value"`
	}
	if err := json.Unmarshal(objects[j.Pages[n-1].Object], &page); err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, a := range page.Value.Annots {
		var ref string
		if a.Subtype != "/Link" || len(a.Dest) == 0 || json.Unmarshal(a.Dest[0], &ref) != nil {
			t.Fatalf("annotation %+v is not a link to a page", a)
		}
		out = append(out, pageOf[ref])
	}
	return out
}

// TestBookOrder: without a list in book.toml, the SOPs follow their
// numbers in natural order: SOP-AP/UMUM/1, 2, 10.
func TestBookOrder(t *testing.T) {
	bookFixture(t, "book.toml")
	r := sopflow(t, "", "book", "-q", "-o", "b.pdf", "--index", "i.json", "sop")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rows []struct {
		Number    string `json:"number"`
		FirstPage int    `json:"first_page"`
		Pages     int    `json:"pages"`
		Steps     int    `json:"steps"`
	}
	if err := json.Unmarshal([]byte(readFile(t, "i.json")), &rows); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range rows {
		got = append(got, x.Number)
	}
	if want := "SOP-AP/UMUM/1 SOP-AP/UMUM/2 SOP-AP/UMUM/10"; strings.Join(got, " ") != want {
		t.Errorf("order %s, want %s", strings.Join(got, " "), want)
	}
	// No decree: cover, daftar isi, then the first SOP on page 3.
	if rows[0].FirstPage != 3 || rows[0].Steps == 0 {
		t.Errorf("first SOP %+v, want it on page 3", rows[0])
	}
	if r.stderr != "" {
		t.Errorf("-q printed %q", r.stderr)
	}
}

// TestBookDeterministic: the same inputs give the same bytes, whatever the
// machine's timing.
func TestBookDeterministic(t *testing.T) {
	bookFixture(t)
	var outs [][]byte
	for i := range 3 {
		name := fmt.Sprintf("b%d.pdf", i)
		if r := sopflow(t, "", "book", "-q", "-o", name, "sop"); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		outs = append(outs, []byte(readFile(t, name)))
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("run %d wrote other bytes than run 1", i+1)
		}
	}
}

// TestBookInvalid: an invalid SOP is reported at its position and no book
// is written, unless --skip-invalid.
func TestBookInvalid(t *testing.T) {
	bookFixture(t)
	writeFile(t, "sop/rusak.toml", "name = \"Rusak\"\nactors = [\"A\"]\n\n[[steps]]\nactor = \"B\"\nactivity = \"x\"\n")
	r := sopflow(t, "", "book", "-o", "buku.pdf", "sop")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	if !regexp.MustCompile(`(?m)^sop/rusak\.toml:5:\d+: `).MatchString(r.stderr) || !strings.Contains(r.stderr, "no book written") {
		t.Errorf("stderr lacks the position of the problem or the refusal:\n%s", r.stderr)
	}
	if _, err := os.Stat("buku.pdf"); err == nil {
		t.Error("a book was written")
	}
	if names := listFiles(t, "."); strings.Contains(strings.Join(names, " "), ".sopflow-") {
		t.Errorf("temporary files left: %v", names)
	}

	r = sopflow(t, "", "book", "--skip-invalid", "-o", "buku.pdf", "--index", "i.csv", "sop")
	if r.code != 0 {
		t.Fatalf("--skip-invalid: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "left out of the book, invalid: sop/rusak.toml") {
		t.Errorf("--skip-invalid does not say what it left out:\n%s", r.stderr)
	}
	if rows := readIndexCSV(t, "i.csv"); len(rows) != 3 {
		t.Errorf("%d SOPs in the book, want 3", len(rows))
	}
	// The register and the book of an earlier run, in the folder, are not
	// taken for SOPs.
	if err := os.Rename("i.csv", "sop/register.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename("buku.pdf", "sop/buku.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove("sop/rusak.toml"); err != nil {
		t.Fatal(err)
	}
	if r := sopflow(t, "", "book", "-q", "--index", "sop/i.json", "-o", "sop/buku.pdf", "sop"); r.code != 0 {
		t.Fatalf("a folder with a register and a book: exit %d: %s", r.code, r.stderr)
	}
	if r := sopflow(t, "", "book", "-q", "-o", "sop/buku.pdf", "sop"); r.code != 0 {
		t.Fatalf("a folder with a JSON register: exit %d: %s", r.code, r.stderr)
	}

	// book.toml lists a file that is not there, or not among the PATHs.
	writeFile(t, "other/x.toml", strings.Replace(readFile(t, "sop/sop-legalisasi.toml"), `logo = "logo.png"`, `logo = "../sop/logo.png"`, 1))
	writeFile(t, "sop/book.toml", "sops = [\"sop-legalisasi.toml\", \"hilang.toml\", \"../other/x.toml\"]\n")
	r = sopflow(t, "", "book", "-o", "b3.pdf", "sop")
	if r.code != 1 || !strings.Contains(r.stderr, "sop/book.toml:1:32: sops: hilang.toml: no such file") ||
		!strings.Contains(r.stderr, "sop/book.toml:1:47: sops: ../other/x.toml is not among the PATHs given") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// Listed first, in the list's order; the others by number: other/x.toml
	// (made SOP-AP/UMUM/0) before the files of sop/ that it follows.
	writeFile(t, "other/x.toml", strings.Replace(readFile(t, "other/x.toml"), "SOP-AP/UMUM/2", "SOP-AP/UMUM/0", 1))
	writeFile(t, "sop/book.toml", "sops = [\"sop-pengganti-ijazah.toml\", \"sop-legalisasi.toml\"]\n")
	if r := sopflow(t, "", "book", "-q", "-o", "b3.pdf", "--index", "b3.csv", "sop", "other/x.toml"); r.code != 0 {
		t.Errorf("with other/x.toml among the PATHs: exit %d, %s", r.code, r.stderr)
	} else if rows := readIndexCSV(t, "b3.csv"); len(rows) != 4 || rows[0].file != "sop/sop-pengganti-ijazah.toml" || rows[1].file != "sop/sop-legalisasi.toml" ||
		rows[2].file != "other/x.toml" || rows[3].number != "SOP-AP/UMUM/1" {
		t.Errorf("the order of book.toml: %+v", rows)
	}

	// book.toml: an unknown key, at its place, with a suggestion.
	writeFile(t, "sop/book.toml", "titel = \"X\"\n")
	r = sopflow(t, "", "book", "--skip-invalid", "-o", "b2.pdf", "sop")
	if r.code != 1 || !strings.Contains(r.stderr, `sop/book.toml:1:1: unknown key "titel" in the book settings (did you mean "title"?)`) {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestBookUsage: the command line's mistakes.
func TestBookUsage(t *testing.T) {
	bookFixture(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sop"}, "-o FILE.pdf is required"},
		{[]string{"-o", "b.svg", "sop"}, "a book is a PDF"},
		{[]string{"-o", "b.pdf", "--index", "i.xlsx", "sop"}, "want a .csv or .json file"},
		{[]string{"-o", "b.pdf", "--view", "swim", "sop"}, "--view"},
		{[]string{"-o", "b.pdf", "--paper", "b5", "sop"}, "unknown --paper"},
	} {
		r := sopflow(t, "", append([]string{"book"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("book %v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
	r := sopflow(t, "", "book", "-o", "b.pdf", "nowhere")
	if r.code != 1 || !strings.Contains(r.stderr, "nowhere") {
		t.Errorf("missing PATH: exit %d, %q", r.code, r.stderr)
	}
}

// TestBookProgress: the progress bar is drawn on a terminal (a pseudo
// terminal here), and never when standard error is not one.
func TestBookProgress(t *testing.T) {
	bookFixture(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo terminal: %v", err)
	}
	defer ptmx.Close()
	var got bytes.Buffer
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(&got, ptmx)
		close(done)
	}()
	code := run([]string{"book", "-o", "b.pdf", "sop"}, strings.NewReader(""), io.Discard, tty)
	tty.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the terminal's output did not end")
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, got.String())
	}
	if !strings.Contains(got.String(), "3/3") || !strings.Contains(got.String(), "pages") {
		t.Errorf("no progress bar on the terminal:\n%q", got.String())
	}

	r := sopflow(t, "", "book", "-o", "b2.pdf", "sop")
	if r.code != 0 || strings.Contains(r.stderr, "3/3") || strings.Contains(r.stderr, "\r") {
		t.Errorf("not a terminal: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestBookBPMN: --view bpmn adds each SOP's swimlane view after its
// table, counted in its pages and the register.
func TestBookBPMN(t *testing.T) {
	ranker := rankerBinary(t)
	bookFixture(t)
	r := sopflow(t, "", "book", "-q", "-o", "t.pdf", "--index", "t.csv", "sop")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r = sopflow(t, "", "book", "-q", "--view", "bpmn", "--ranker", ranker, "-o", "b.pdf", "--index", "b.csv", "sop")
	if r.code != 0 {
		t.Fatalf("--view bpmn: exit %d: %s", r.code, r.stderr)
	}
	table, both := readIndexCSV(t, "t.csv"), readIndexCSV(t, "b.csv")
	for i := range table {
		if both[i].pages <= table[i].pages {
			t.Errorf("%s: %d pages with the BPMN view, %d without", table[i].file, both[i].pages, table[i].pages)
		}
		// The page after the table's last one is the swimlane view: its
		// lanes are the actors.
		next := pageText(t, "b.pdf", both[i].first+table[i].pages)
		if !strings.Contains(next, "Pemohon") || strings.Contains(next, "KEGIATAN") {
			t.Errorf("page %d is not %s's BPMN view:\n%s", both[i].first+table[i].pages, table[i].file, next)
		}
	}
	r = sopflow(t, "", "book", "--view", "bpmn", "--ranker", "/nonexistent/sopflow-rank", "-o", "c.pdf", "sop")
	if r.code != 1 {
		t.Errorf("a missing ranker: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat("c.pdf"); err == nil {
		t.Error("a book was written without its BPMN views")
	}
}

// TestBookLongTOC: a daftar isi over several pages links every entry to
// its SOP's first page, and the pages after it follow on.
func TestBookLongTOC(t *testing.T) {
	files := map[string]string{}
	for i := 1; i <= 70; i++ {
		src := strings.Replace(testsop.Chain(5+i%4), `number = "SOP-SYN"`, fmt.Sprintf(`number = "SOP-%d"`, 71-i), 1)
		files[fmt.Sprintf("sop/p%02d.toml", i)] = src
	}
	inTempDir(t, files)
	r := sopflow(t, "", "book", "-q", "-o", "b.pdf", "--index", "i.csv", "sop")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := readIndexCSV(t, "i.csv")
	tocPages := rows[0].first - 2 // after the cover
	if tocPages < 2 {
		t.Fatalf("the daftar isi of 70 SOPs takes %d page", tocPages)
	}
	var links []int
	for n := 2; n < 2+tocPages; n++ {
		links = append(links, tocLinks(t, "b.pdf", n)...)
	}
	if len(links) != len(rows) {
		t.Fatalf("%d links for %d SOPs", len(links), len(rows))
	}
	for i, row := range rows {
		if row.number != fmt.Sprintf("SOP-%d", i+1) {
			t.Errorf("entry %d is %s", i+1, row.number)
		}
		if links[i] != row.first {
			t.Errorf("%s: link to page %d, starts on %d", row.number, links[i], row.first)
		}
		if i > 0 && row.first != rows[i-1].first+rows[i-1].pages {
			t.Errorf("%s starts on page %d, after %s's %d pages from %d", row.number, row.first, rows[i-1].number, rows[i-1].pages, rows[i-1].first)
		}
	}
	var j struct {
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", "--json-key=outlines", "b.pdf")), &j); err != nil {
		t.Fatal(err)
	}
	if o := j.Outlines[0]; o.Title != "DAFTAR ISI" || o.Page != 2 {
		t.Errorf("the daftar isi's bookmark is %+v, want its first page, 2", o)
	}
	for n := 3; n < 2+tocPages; n++ {
		if !strings.Contains(pageText(t, "b.pdf", n), "DAFTAR ISI (lanjutan)") {
			t.Errorf("page %d does not say it continues the daftar isi", n)
		}
	}
	last := rows[len(rows)-1]
	if n := pdfPages(t, "b.pdf"); n != last.first+last.pages-1 {
		t.Errorf("%d pages, the register says %d", n, last.first+last.pages-1)
	}
}

// TestCheckBookSettings: sopflow check takes a book.toml for what it is,
// the book's settings, and render refuses it with that reason.
func TestCheckBookSettings(t *testing.T) {
	bookFixture(t)
	if r := sopflow(t, "", "check", "sop/book.toml", "sop/sop-legalisasi.toml"); r.code != 0 || r.stderr != "" {
		t.Errorf("check of a valid book.toml and an SOP: exit %d, %q", r.code, r.stderr)
	}
	writeFile(t, "other/book.toml", "[decree]\nnumbr = 1\nlogo = \"x.png\"\n")
	r := sopflow(t, "", "check", "other/book.toml")
	if r.code != 1 || !strings.Contains(r.stderr, `other/book.toml:2:1: unknown key "decree.numbr"`) {
		t.Errorf("check of a broken book.toml: exit %d, %q", r.code, r.stderr)
	}
	writeFile(t, "other/book.toml", "logo = \"hilang.png\"\n")
	if r := sopflow(t, "", "check", "other/book.toml"); r.code != 1 || !strings.Contains(r.stderr, "other/book.toml:1:8: ") {
		t.Errorf("check of a book.toml with a missing logo: exit %d, %q", r.code, r.stderr)
	}
	if r := sopflow(t, "", "render", "-o", "x.svg", "sop/book.toml"); r.code != 1 || !strings.Contains(r.stderr, "settings file of sopflow book") {
		t.Errorf("render of book.toml: exit %d, %q", r.code, r.stderr)
	}
}
