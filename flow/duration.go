package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Working time: the units of a WAKTU count working hours, as SOPs do (a
// "hari" is a working day).
const (
	WorkDay   = 8 * time.Hour // 1 hari (kerja)
	WorkWeek  = 5 * WorkDay   // 1 minggu
	WorkMonth = 22 * WorkDay  // 1 bulan
)

// Duration is a WAKTU read as a range of working time; Min == Max when the
// text gives one value.
type Duration struct {
	Min, Max time.Duration
}

// Add returns the sum of d and e.
func (d Duration) Add(e Duration) Duration { return Duration{d.Min + e.Min, d.Max + e.Max} }

// String prints d in working days, hours and minutes, in Indonesian: "1
// hari 2 jam", "30 menit - 1 jam".
func (d Duration) String() string {
	if d.Min == d.Max {
		return workString(d.Min)
	}
	return workString(d.Min) + " - " + workString(d.Max)
}

func workString(t time.Duration) string {
	if t <= 0 {
		return "0 menit"
	}
	var parts []string
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{WorkDay, "hari"}, {time.Hour, "jam"}, {time.Minute, "menit"}, {time.Second, "detik"}} {
		if n := t / u.d; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, u.name))
			t -= n * u.d
		}
	}
	return strings.Join(parts, " ")
}

// durationUnits maps the unit words of a WAKTU, Indonesian and English, to
// their working time.
var durationUnits = map[string]time.Duration{
	"detik": time.Second, "dtk": time.Second, "second": time.Second, "seconds": time.Second, "sec": time.Second,
	"menit": time.Minute, "mnt": time.Minute, "minute": time.Minute, "minutes": time.Minute, "min": time.Minute,
	"jam": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"hari": WorkDay, "hr": WorkDay, "day": WorkDay, "days": WorkDay,
	"minggu": WorkWeek, "pekan": WorkWeek, "week": WorkWeek, "weeks": WorkWeek,
	"bulan": WorkMonth, "month": WorkMonth, "months": WorkMonth,
	"tahun": 12 * WorkMonth, "year": 12 * WorkMonth, "years": 12 * WorkMonth,
}

// maxDurationAmount bounds an amount of a WAKTU, far above any real one,
// so that the sums stay exact.
const maxDurationAmount = 1e6

// durationNumber reads an amount: digits, with a decimal comma ("1,5") or
// point ("0.5"); a point before exactly three digits groups thousands, as
// Indonesian writes them ("1.000"). "setengah" is one half.
func durationNumber(t string) (float64, bool) {
	if t == "setengah" || t == "½" {
		return 0.5, true
	}
	intPart, frac, sep := t, "", byte(0)
	if i := strings.IndexAny(t, ".,"); i >= 0 {
		intPart, frac, sep = t[:i], t[i+1:], t[i]
	}
	if intPart == "" || !allDigits(intPart) || (sep != 0 && (frac == "" || !allDigits(frac))) {
		return 0, false
	}
	if sep == '.' && len(frac) == 3 {
		intPart, frac = intPart+frac, "" // 1.000
	}
	v, err := strconv.ParseFloat(intPart+"."+frac+"0", 64)
	if err != nil || v > maxDurationAmount {
		return 0, false
	}
	return v, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// durationNoise are words that may come around the amounts and change
// nothing: "paling lama 2 hari kerja", "± 15 menit", "maks. 1 jam".
var durationNoise = map[string]bool{
	"kerja": true, "working": true, "paling": true, "lama": true, "lambat": true,
	"maks": true, "maksimal": true, "max": true, "sekitar": true, "kurang": true,
	"lebih": true, "±": true, "+/-": true, "kira": true, "up": true, "to": true,
	"kalender": true, "calendar": true, "lambatnya": true, "selambat": true, "selambatnya": true,
}

// durationRange are the words and signs between the two ends of a range.
var durationRange = map[string]bool{"-": true, "sd": true, "sampai": true, "hingga": true, "to": true}

// ParseDuration reads a WAKTU such as "10 menit", "1 jam 30 menit", "2 hari
// kerja", "1 minggu", "0,5 jam", or a range ("10-15 menit", "1 s.d. 2
// hari", "30 menit - 1 jam"). It reports false when s is not one.
func ParseDuration(s string) (Duration, bool) {
	toks := durationTokens(s)
	var d Duration
	var pending []float64 // amounts waiting for their unit: "10 - 15 menit"
	inMax := false        // after a range sign with a unit before it: "30 menit - 1 jam"
	seenUnit := false
	for _, t := range toks {
		if v, ok := durationNumber(t); ok {
			pending = append(pending, v)
			if len(pending) > 2 {
				return Duration{}, false
			}
			continue
		}
		if u, ok := durationUnits[t]; ok {
			if len(pending) == 0 {
				return Duration{}, false
			}
			lo, hi := pending[0], pending[len(pending)-1]
			pending = nil
			seenUnit = true
			if inMax {
				d.Max += time.Duration(hi * float64(u))
				continue
			}
			d.Min += time.Duration(lo * float64(u))
			d.Max += time.Duration(hi * float64(u))
			continue
		}
		if durationRange[t] {
			if len(pending) == 1 {
				continue // "10 - 15 menit": the unit comes after both
			}
			if len(pending) == 0 && seenUnit && !inMax {
				inMax = true
				d.Max = 0
				continue
			}
			return Duration{}, false
		}
		if durationNoise[t] {
			continue
		}
		return Duration{}, false
	}
	if len(pending) > 0 || !seenUnit || d.Max < d.Min {
		return Duration{}, false
	}
	return d, true
}

// durationSigns spaces out the signs of a WAKTU and spells the range signs
// one way. A Replacer is safe for concurrent use.
var durationSigns = strings.NewReplacer("+/-", " ± ", "s.d.", " sd ", "s.d", " sd ", "s/d", " sd ",
	"–", " - ", "-", " - ", "±", " ± ", "(", " ", ")", " ")

// durationTokens splits s into lower-case words, numbers and range signs:
// "1jam" is "1", "jam"; "2x24 jam" is "48", "jam" (the 2 x 24 hours of the
// regulations).
func durationTokens(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "kira-kira", "kira")
	s = durationSigns.Replace(s)
	var spaced strings.Builder
	prev := rune(0)
	for _, r := range s {
		digit := r >= '0' && r <= '9'
		pdigit := prev >= '0' && prev <= '9'
		if prev != 0 && digit != pdigit && r != '.' && r != ',' && prev != '.' && prev != ',' && r != ' ' && prev != ' ' {
			spaced.WriteByte(' ')
		}
		spaced.WriteRune(r)
		prev = r
	}
	f := strings.Fields(spaced.String())
	var out []string
	for i := 0; i < len(f); i++ {
		t := strings.TrimSuffix(f[i], ".") // "maks.", "hr."
		if (t == "x" || t == "×") && len(out) > 0 && i+1 < len(f) {
			a, okA := durationNumber(out[len(out)-1])
			b, okB := durationNumber(f[i+1])
			if okA && okB && a*b <= maxDurationAmount {
				out[len(out)-1] = strconv.FormatFloat(a*b, 'f', -1, 64)
				i++
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// MainPath returns the steps, as indices into p.Steps, of the path that
// reads down the table without detours: from the first step, each step
// goes on to the exit that can still reach an end without coming back to
// the path (so a correction loop is not taken), the nearest later row of
// those, until an end.
func (p *Procedure) MainPath() []int {
	if p == nil || len(p.Steps) == 0 {
		return nil
	}
	on := make([]bool, len(p.Steps))
	search := &pathSearch{budget: mainPathBudget, seen: make([]int, len(p.Steps))}
	path := []int{0}
	on[0] = true
	for cur := 0; ; {
		next, nextOK := -1, false
		open := 0
		for _, l := range p.Steps[cur].Out {
			if l.To >= 0 && l.To < len(on) && !on[l.To] {
				open++
			}
		}
		for _, l := range p.Steps[cur].Out {
			if l.To < 0 || l.To >= len(on) || on[l.To] {
				continue
			}
			ok := open == 1 || p.reachesEnd(l.To, on, search)
			better := next < 0 || (ok && !nextOK) ||
				(ok == nextOK && l.To > cur && (next < cur || l.To < next))
			if better {
				next, nextOK = l.To, ok
			}
		}
		if next < 0 {
			return path
		}
		on[next] = true
		path = append(path, next)
		cur = next
	}
}

// mainPathBudget bounds the steps MainPath's searches visit in all, so that
// its work stays linear in the size of a hostile procedure; past it, every
// exit counts as reaching an end and the table order alone decides.
const mainPathBudget = 1 << 20

// pathSearch is the state MainPath's searches share: what is left of the
// budget, and the search that last saw each step.
type pathSearch struct {
	budget int
	gen    int
	seen   []int
	stack  []int
}

// reachesEnd reports whether an end step can be reached from step i
// without passing through a step marked in avoid. It reports true when the
// budget runs out.
func (p *Procedure) reachesEnd(i int, avoid []bool, s *pathSearch) bool {
	s.gen++
	s.seen[i] = s.gen
	s.stack = append(s.stack[:0], i)
	for len(s.stack) > 0 {
		if s.budget <= 0 {
			return true
		}
		s.budget--
		j := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		if p.Steps[j].Kind == End {
			return true
		}
		for _, l := range p.Steps[j].Out {
			if l.To >= 0 && l.To < len(avoid) && s.seen[l.To] != s.gen && !avoid[l.To] {
				s.seen[l.To] = s.gen
				s.stack = append(s.stack, l.To)
			}
		}
	}
	return false
}

// MainPathTime returns the sum of the WAKTU of the steps on p's main path
// that give one that ParseDuration reads, and how many such steps there
// are.
func (p *Procedure) MainPathTime() (Duration, int) {
	var total Duration
	n := 0
	for _, i := range p.MainPath() {
		if d, ok := ParseDuration(p.Steps[i].Time); ok {
			total = total.Add(d)
			n++
		}
	}
	return total, n
}
