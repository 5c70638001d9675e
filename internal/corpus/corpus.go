// Package corpus generates a realistic corpus of SOPs (SOP Administrasi
// Pemerintahan) as TOML files in sopflow's input format, for benchmarks
// and tests of what reads many SOPs at once, such as `sopflow book`.
//
// A corpus is the SOP manual of one office of one local government (a
// Dinas Kependudukan dan Pencatatan Sipil, a Badan Kepegawaian, ...): its
// SOPs share the first two unit lines (the government and the office), the
// approver (the head of the office) and the numbering scheme, and differ in
// the third unit line (the bidang or the sekretariat). Each SOP has 3 to 8
// actors and about 20 steps (12 to 30, more when many actors take part):
// an application checked for completeness, a disposition down the
// hierarchy, the unit's processing, a draft reviewed up the hierarchy and
// signed, then numbering, handing over and archiving, with decisions that
// loop back a few steps or a long way, rejections that jump forward, and
// joint activities of two actors.
//
// The same n and seed give the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// File is one generated SOP: its file name and its TOML.
type File struct {
	Name string // sop-001-<slug>.toml
	Data []byte
}

// The roles of a procedure, in the order of the columns (lowest first).
const (
	rExt    = iota // the applicant, outside the office
	rFront         // the front office
	rStaff         // the staff member who does the work
	rStaff2        // a second staff member
	rSub           // the head of the sub-unit (Kepala Seksi, Kepala Sub Bagian)
	rHead          // the head of the unit (Kepala Bidang, or the Sekretaris for the sekretariat)
	rSek           // the Sekretaris, coordinating above a Kepala Bidang
	rTop           // the head of the office, who signs
	nRoles
)

// candidate is one SOP of a corpus before it is generated.
type candidate struct {
	unit, svc, qual int
	name            string
}

// Options change what Generate makes.
type Options struct {
	// MeanSteps is the mean number of steps of an SOP; 0 means 20. Each SOP
	// has from 0.6 to 1.5 times as many, but at least the 11 or so steps
	// every SOP has (more when many actors take part: each reviews in a
	// step of its own) and at most about 30 (a unit's processing
	// activities run out).
	MeanSteps float64
}

// Generate returns n SOPs generated from seed, named sop-001-<slug>.toml,
// sop-002-..., in the order of their numbers.
func Generate(n int, seed uint64) []File { return Options{}.Generate(n, seed) }

// Generate is Generate with o.
func (o Options) Generate(n int, seed uint64) []File {
	if n <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x736f70666c6f77)) // "sopflow"
	// An office with names enough for n SOPs, or the one with the most.
	var fit []int
	best := 0
	for i := range offices {
		if c := len(candidates(&offices[i])); c >= n {
			fit = append(fit, i)
		} else if c > len(candidates(&offices[best])) {
			best = i
		}
	}
	if len(fit) == 0 {
		fit = []int{best}
	}
	off := &offices[fit[rng.IntN(len(fit))]]
	reg := regencies[rng.IntN(len(regencies))]
	c := &corpus{
		rng:      rng,
		off:      off,
		reg:      reg.line,
		regName:  reg.name,
		year:     2023 + rng.IntN(4),
		ascend:   rng.IntN(3) > 0,
		approver: approver(rng, off.head),
		opt:      o,
	}
	c.orgRule = fmt.Sprintf("%s Nomor %d Tahun %d tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja %s",
		regulation(reg.name), 20+rng.IntN(60), c.year-1-rng.IntN(3), titleCase(off.name))

	cands := candidates(off)
	rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	var picked []candidate
	for round := 0; len(picked) < n; round++ {
		for _, k := range cands {
			if len(picked) == n {
				break
			}
			if round > 0 {
				k.name = fmt.Sprintf("%s (Bagian %d)", k.name, round+1)
				k.qual += round * 1000
			}
			picked = append(picked, k)
		}
	}
	sort.Slice(picked, func(i, j int) bool {
		a, b := picked[i], picked[j]
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		if a.svc != b.svc {
			return a.svc < b.svc
		}
		return a.qual < b.qual
	})
	c.names = picked

	files := make([]File, n)
	for i, k := range picked {
		src := c.sop(i, k)
		files[i] = File{Name: fmt.Sprintf("sop-%03d-%s.toml", i+1, slug(k.name)), Data: src}
	}
	return files
}

// candidates lists every SOP name the office can have: each service of
// each unit with each of its qualifiers.
func candidates(off *office) []candidate {
	var out []candidate
	for ui, u := range off.units {
		for si, s := range u.svcs {
			for qi, q := range qualifiers(u, s) {
				name := s.name
				if q != "" {
					name += " " + q
				}
				out = append(out, candidate{unit: ui, svc: si, qual: qi, name: name})
			}
		}
	}
	return out
}

// qualifiers returns the qualifiers of a service: its own, or for an
// external service the unit's groups and channels combined.
func qualifiers(u *unit, s service) []string {
	if len(s.quals) > 0 {
		if len(s.quals) == 1 && s.quals[0] == "-" {
			return []string{""}
		}
		return s.quals
	}
	if s.ext == "" {
		return []string{""}
	}
	groups := u.groups
	if len(groups) == 0 {
		groups = []string{""}
	}
	quals := u.quals
	if len(quals) == 0 {
		quals = []string{""}
	}
	var out []string
	for _, g := range groups {
		for _, q := range quals {
			out = append(out, strings.TrimSpace(g+" "+q))
		}
	}
	return out
}

// Capacity returns, for each office a corpus may be drawn from, how many
// distinct SOP names it has; beyond it, names repeat with "(Bagian 2)", ...
func Capacity() map[string]int {
	out := map[string]int{}
	for i := range offices {
		out[offices[i].name] = len(candidates(&offices[i]))
	}
	return out
}

// corpus is the state shared by the SOPs of one corpus.
type corpus struct {
	rng      *rand.Rand
	opt      Options
	off      *office
	reg      string // the first unit line
	regName  string
	year     int
	ascend   bool // actor columns from the applicant up to the head of the office
	approver string
	orgRule  string // the regional regulation on the office's organisation
	names    []candidate
}

// step is one step while a procedure is built. Targets are indices into
// the steps; -1 is the default (the following step), rejectTarget the
// rejection step added at the end.
type step struct {
	roles               []int
	act, req, time, out string
	note                string
	decision            bool
	next, yes, no       int
	yesLabel, noLabel   string
	subst               bool // act holds {next}
}

const rejectTarget = -2

func (c *corpus) pick(list []string) string { return list[c.rng.IntN(len(list))] }

func (c *corpus) chance(p float64) bool { return c.rng.Float64() < p }

// actorCounts weighs the number of actors of an SOP, 3 to 8.
var actorCounts = []struct{ n, w int }{{3, 12}, {4, 20}, {5, 24}, {6, 20}, {7, 14}, {8, 10}}

func (c *corpus) actorCount() int {
	total := 0
	for _, a := range actorCounts {
		total += a.w
	}
	x := c.rng.IntN(total)
	for _, a := range actorCounts {
		if x < a.w {
			return a.n
		}
		x -= a.w
	}
	return 5
}

// sop generates the i-th SOP of the corpus.
func (c *corpus) sop(i int, k candidate) []byte {
	u := c.off.units[k.unit]
	sv := u.svcs[k.svc]

	// The roles that take part.
	var has [nRoles]bool
	has[rStaff], has[rTop] = true, true
	if sv.ext != "" {
		has[rExt] = true
	}
	optional := []int{rFront, rStaff2, rSub, rHead}
	if u.sek {
		optional = append(optional, rSek)
	}
	c.rng.Shuffle(len(optional), func(a, b int) { optional[a], optional[b] = optional[b], optional[a] })
	want := c.actorCount()
	for _, r := range optional {
		n := 0
		for _, h := range has {
			if h {
				n++
			}
		}
		if n >= want {
			break
		}
		has[r] = true
	}
	titles := c.titles(u, sv)

	repl := strings.NewReplacer("{obj}", sv.obj, "{doc}", sv.doc, "{app}", u.app)
	var steps []*step
	add := func(s *step) int {
		s.act = repl.Replace(s.act)
		s.req = repl.Replace(s.req)
		s.out = capitalize(repl.Replace(s.out))
		s.subst = strings.Contains(s.act, "{next}")
		if s.next == 0 {
			s.next = -1
		}
		if s.yes == 0 {
			s.yes = -1
		}
		steps = append(steps, s)
		return len(steps) - 1
	}
	clerk := rStaff // who numbers, hands over and archives
	if has[rFront] {
		clerk = rFront
	}
	mean := c.opt.MeanSteps
	if mean <= 0 {
		mean = 20
	}
	target := int(c.rng.NormFloat64()*mean*0.175 + mean + 0.5)
	target = max(int(mean*0.6), min(int(mean*1.5), target))

	// 1. The start, and the check of an application.
	switch {
	case has[rExt]:
		add(&step{roles: []int{rExt}, act: c.pick(startApply), req: sv.reqs, time: c.pick([]string{"5 menit", "10 menit", "15 menit"}), out: "Berkas permohonan"})
		check := rStaff
		if has[rFront] {
			check = rFront
		}
		s := &step{roles: []int{check}, act: c.pick(checkApply), req: "Berkas permohonan", time: c.pick([]string{"10 menit", "15 menit"}), out: "Berkas lengkap",
			decision: true, no: 0, yesLabel: "Lengkap", noLabel: "Tidak lengkap"}
		if c.chance(0.5) {
			s.note = "Dikembalikan untuk dilengkapi"
		}
		add(s)
		if has[rFront] {
			add(&step{roles: []int{rFront}, act: c.pick(register), req: "Berkas lengkap", time: "5 menit", out: "Tanda terima"})
		}
	case has[rFront]:
		add(&step{roles: []int{rFront}, act: c.pick(startInbox), req: sv.reqs, time: "15 menit", out: "Berkas teragenda"})
	default:
		add(&step{roles: []int{rStaff}, act: c.pick(startStaff), req: sv.reqs, time: c.pick([]string{"1 hari", "2 hari kerja"}), out: "Bahan dan data"})
	}

	// 2. The disposition down the hierarchy.
	var chain []int
	for _, r := range []int{rTop, rSek, rHead, rSub} {
		if has[r] {
			chain = append(chain, r)
		}
	}
	if sv.ext == "" || c.chance(0.5) {
		if len(chain) > 2 && c.chance(0.5) {
			chain = chain[len(chain)-2:] // from the head of the unit or the sub-unit
		}
		for _, r := range chain {
			add(&step{roles: []int{r}, act: c.pick(dispose), req: "Berkas " + sv.obj, time: c.pick([]string{"15 menit", "30 menit", "1 jam"}), out: "Lembar disposisi"})
		}
	}

	// The tail, planned now to size the processing.
	var reviewers []int
	for _, r := range []int{rSub, rHead, rSek} {
		if has[r] {
			reviewers = append(reviewers, r)
		}
	}
	jointHand := has[rExt] && c.chance(0.25)
	receiveStep := has[rExt] && !jointHand && c.chance(0.5)
	distribute := !has[rExt] && c.chance(0.5)
	tail := 1 + len(reviewers) + 1 + 1 + 1 // draft, reviews, sign, number, archive
	if has[rExt] {
		tail++ // handover
	}
	if receiveStep || distribute {
		tail++
	}

	// 3. The processing.
	m := max(2, target-len(steps)-tail)
	var proc []int // the indices of the processing steps
	needReject := false
	pool := append(append(append([]work{}, workBefore...), u.work...), workAfter...)
	for _, w := range c.choose(pool, m) {
		if w.yes != "" && len(proc) == 0 {
			continue // choose never puts a decision first; for the type checker
		}
		req := w.req
		if len(proc) > 0 {
			req = steps[len(steps)-1].out // what the step before gave
		}
		s := &step{roles: []int{rStaff}, act: w.act, req: req, time: w.time, out: w.out, note: w.note}
		switch {
		case w.joint:
			partner := -1
			for _, r := range []int{rSub, rStaff2, rHead} {
				if has[r] {
					partner = r
					break
				}
			}
			if partner >= 0 && c.chance(0.6) { // else done alone
				s.roles = []int{rStaff, partner}
			}
		case w.staff2 && has[rStaff2]:
			s.roles = []int{rStaff2}
		}
		if w.yes != "" {
			s.decision, s.yesLabel, s.noLabel = true, w.yes, w.no
			back := w.back
			if back == 0 && !has[rExt] {
				back = 1
			}
			switch {
			case back == 0 && c.chance(0.4):
				s.no = 0 // back to the applicant, to put it right
				s.note = "Dikembalikan kepada pemohon untuk diperbaiki"
			case back == 0:
				s.no = rejectTarget
				needReject = true
			default:
				s.no = proc[max(0, len(proc)-back)]
			}
		}
		proc = append(proc, add(s))
	}
	if has[rStaff2] {
		used := false
		for _, p := range proc {
			for _, r := range steps[p].roles {
				used = used || r == rStaff2
			}
		}
		if !used {
			for _, p := range proc {
				if !steps[p].decision && len(steps[p].roles) == 1 {
					steps[p].roles = []int{rStaff2}
					used = true
					break
				}
			}
		}
		if !used {
			proc = append(proc, add(&step{roles: []int{rStaff2}, act: "Menginput data {obj} ke dalam {app}", req: "Berkas terverifikasi", time: "30 menit", out: "Data terinput"}))
		}
	}

	// 4. The draft, reviewed up the hierarchy, and signed.
	prevOut := steps[len(steps)-1].out
	draftIdx := add(&step{roles: []int{rStaff}, act: c.pick(draft), req: prevOut, time: c.pick([]string{"1 jam", "2 jam", "1 hari"}), out: "Konsep {doc}"})
	qs, ps := c.rng.Perm(len(reviewQ)), c.rng.Perm(len(reviewP)) // no two reviews worded alike
	for _, r := range reviewers {
		if c.chance(0.5) && len(qs) > 0 || len(ps) == 0 {
			l := reviewLabels[c.rng.IntN(len(reviewLabels))]
			act := reviewQ[qs[0]]
			qs = qs[1:]
			add(&step{roles: []int{r}, act: act, req: "Konsep {doc}", time: c.pick([]string{"30 menit", "1 jam", "1 hari"}), out: "Konsep terparaf",
				decision: true, no: draftIdx, yesLabel: l[0], noLabel: l[1]})
		} else {
			act := reviewP[ps[0]]
			ps = ps[1:]
			add(&step{roles: []int{r}, act: act, req: "Konsep {doc}", time: c.pick([]string{"30 menit", "1 jam"}), out: "Konsep terparaf"})
		}
	}
	if c.chance(0.35) {
		add(&step{roles: []int{rTop}, act: c.pick(signQ), req: "Konsep {doc} terparaf", time: "1 hari", out: "{doc} yang ditandatangani",
			decision: true, no: draftIdx, yesLabel: "Setuju", noLabel: "Tidak setuju", note: "Konsep yang tidak disetujui diperbaiki oleh pelaksana"})
	} else {
		add(&step{roles: []int{rTop}, act: c.pick(sign), req: "Konsep {doc} terparaf", time: c.pick([]string{"1 jam", "1 hari"}), out: "{doc} yang ditandatangani"})
	}

	// 5. Numbering, handing over, archiving.
	add(&step{roles: []int{clerk}, act: c.pick(number), req: "{doc} yang ditandatangani", time: "10 menit", out: "{doc} bernomor"})
	if has[rExt] {
		h := &step{roles: []int{clerk}, act: c.pick(handover), req: "{doc}, tanda terima", time: "10 menit", out: "Tanda terima"}
		if jointHand {
			h.roles = []int{clerk, rExt}
		}
		add(h)
		if receiveStep {
			add(&step{roles: []int{rExt}, act: c.pick(receive), req: "Tanda terima", time: "5 menit", out: "{doc}"})
		}
	}
	if distribute {
		add(&step{roles: []int{clerk}, act: "Mendistribusikan {doc} kepada pihak terkait", req: "{doc} bernomor", time: "1 hari", out: "Tanda terima distribusi"})
	}
	rejectIdx := -1
	if needReject {
		steps[len(steps)-1].next = len(steps) + 1 // over the rejection, to the archive
		who := clerk
		if !has[rFront] {
			who = rStaff
		}
		rejectIdx = add(&step{roles: []int{who}, act: c.pick(reject), req: "Berkas yang ditolak", time: "15 menit", out: "Surat penolakan"})
	}
	add(&step{roles: []int{clerk}, act: c.pick(archive), req: "Arsip {doc}", time: c.pick([]string{"10 menit", "15 menit"}), out: "Arsip"})
	for _, s := range steps {
		if s.no == rejectTarget {
			s.no = rejectIdx
		}
	}

	// {next}: the actor the flow goes to next.
	for i, s := range steps {
		if !s.subst {
			continue
		}
		to := i + 1
		if s.next >= 0 {
			to = s.next
		}
		s.act = strings.ReplaceAll(s.act, "{next}", short(titles[steps[to].roles[0]]))
	}

	return c.write(i, k, u, sv, has, titles, steps)
}

// choose returns m of the processing activities ws, in their order: all of
// them when m is as many or more. The first is never a decision, which
// needs a step to go back to (ws[0] is not one).
func (c *corpus) choose(ws []work, m int) []work {
	if m >= len(ws) {
		return ws
	}
	idx := c.rng.Perm(len(ws))[:m]
	sort.Ints(idx)
	if ws[idx[0]].yes != "" {
		idx[0] = 0
	}
	out := make([]work, m)
	for i, j := range idx {
		out[i] = ws[j]
	}
	return out
}

// titles returns the actor titles of the roles of a service of u.
func (c *corpus) titles(u *unit, sv service) [nRoles]string {
	var t [nRoles]string
	t[rExt] = sv.ext
	t[rFront] = u.front
	t[rStaff] = u.staff[sv.sub%len(u.staff)]
	if u.staff2 != nil {
		t[rStaff2] = u.staff2[sv.sub%len(u.staff2)]
	} else {
		t[rStaff2] = u.staff[(sv.sub+1)%len(u.staff)]
	}
	t[rSub] = u.subs[sv.sub%len(u.subs)]
	t[rHead] = u.head
	t[rSek] = c.off.sekretaris
	t[rTop] = c.off.head
	return t
}

// short returns a head's title as an activity names it: "Kepala Bidang"
// for "Kepala Bidang Pelayanan Pencatatan Sipil", the office's head as
// "Kepala Dinas" or "Kepala Badan"; other titles whole.
func short(title string) string {
	for _, p := range []string{"Kepala Sub Bidang", "Kepala Sub Bagian", "Kepala Seksi", "Kepala Bidang", "Kepala Dinas", "Kepala Badan"} {
		if strings.HasPrefix(title, p+" ") {
			return p
		}
	}
	return title
}

// approver returns the approver of every SOP of the corpus, as an inline
// TOML table.
func approver(rng *rand.Rand, title string) string {
	woman := rng.IntN(2)
	pre := prefixes[woman][rng.IntN(len(prefixes[woman]))]
	suf := suffixes
	if pre == "Drs. " || pre == "Dra. " || pre == "Ir. " {
		suf = masters
	}
	name := pre + firstNames[woman][rng.IntN(len(firstNames[woman]))] + " " + lastNames[rng.IntN(len(lastNames))] + suf[rng.IntN(len(suf))]
	born := time.Date(1968+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	hired := born.Year() + 23 + rng.IntN(5)
	nip := fmt.Sprintf("%s %d%02d %d %03d", born.Format("20060102"), hired, 1+rng.IntN(12), 1+woman, 1+rng.IntN(12))
	return fmt.Sprintf("{ title = %s, name = %s, rank = %s, nip = %s }", quote(title), quote(name), quote(ranks[rng.IntN(len(ranks))]), quote(nip))
}

// regulation returns the kind of a regional head's regulation.
func regulation(regency string) string {
	if strings.HasPrefix(regency, "Kota ") {
		return "Peraturan Wali Kota " + strings.TrimPrefix(regency, "Kota ")
	}
	return "Peraturan Bupati " + strings.TrimPrefix(regency, "Kabupaten ")
}

// titleCase writes an upper-case office name in title case, with the
// conjunctions in lower case.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		switch w {
		case "dan", "serta", "atau":
			continue
		}
		words[i] = capitalize(w)
	}
	return strings.Join(words, " ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slug returns the file name part of an SOP name: lower case words joined
// by "-", at most about 48 characters, cut at a word.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	s := b.String()
	for len(s) > 48 {
		i := strings.LastIndexByte(s, '-')
		if i < 0 {
			s = s[:48]
			break
		}
		s = s[:i]
	}
	return s
}
