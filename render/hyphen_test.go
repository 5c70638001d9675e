package render

import (
	"strings"
	"testing"
)

// hyphenated shows the breaks of word with "-".
func hyphenated(word string) string {
	var b strings.Builder
	last := 0
	for _, p := range hyphenPoints(word, nil) {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

func TestHyphenPoints(t *testing.T) {
	for _, want := range []string{
		// Indonesian: V-KV, VK-KV, VK-KKV.
		"pe-me-rik-sa-an", "ke-bu-tu-han", "pem-ro-se-san", "ker-ja", "sek-tor", "do-ku-men",
		"ad-mi-nis-tra-si", "in-stru-men", "dis-tri-bu-si", "ek-stra", "bang-krut", "tang-gal",
		"pe-lak-sa-na-an", "ve-ri-fi-ka-si", "dis-po-si-si", "in-for-ma-si",
		// Two vowels side by side; diphthongs ai, au, oi kept.
		"ke-a-da-an", "ko-or-di-na-si", "re-a-li-sa-si", "ku-a-li-fi-ka-si", "ke-ti-dak-se-su-ai-an",
		"me-nye-le-sai-kan", "pa-kai-an", "pu-lau-an",
		// ng, ny, sy, kh: one consonant.
		"per-sya-ra-tan", "ma-sya-ra-kat", "khu-sus", "pe-nye-leng-ga-ra-an", "ke-leng-ka-pan",
		"me-nye-rah-kan", "me-nan-da-ta-nga-ni", "pe-nge-sa-han", "pe-ne-ri-ma-an",
		// Prefixes.
		"peng-a-du-an", "meng-am-bil", "meng-a-ju-kan", "peng-ha-pu-san", "meng-gu-na-kan",
		"mem-ban-tu", "me-me-rik-sa", "di-kem-ba-li-kan", "di-pro-ses", "se-kre-ta-ris",
		"ter-a-khir", "ber-a-khir", "be-ru-pa", "per-mo-ho-nan", "pe-ren-ca-na-an", "pe-ri-zi-nan",
		// English.
		"in-for-ma-tion", "sys-tem", "in-stru-ment", "require-ments", "check-list", "pa-per-less",
		"ap-pro-val",
		// Case and punctuation; at least two letters on each side.
		"KE-BU-TU-HAN", "(ke-bu-tu-han),", "ber-kas", "ah-li", "dia", "usa-ha",
		// No letters-only core: no break.
		"SOP-01", "http://x.go.id", "1234567890", "no.123abc", "café",
	} {
		word := strings.ReplaceAll(want, "-", "")
		if strings.ContainsAny(want, "0123456789/") {
			word = want
		}
		if got := hyphenated(word); got != want {
			t.Errorf("%s: got %s, want %s", word, got, want)
		}
	}
}

func TestWrapHyphenates(t *testing.T) {
	f := FontFace(false)
	const size = 9.0
	for _, tc := range []struct {
		text  string
		width float64 // in units of the width of "kebutu"
		want  []string
	}{
		{"Sesuai kebutuhan", 1.15, []string{"Sesuai", "kebutu-", "han"}},
		{"kebutuhan", 0.95, []string{"kebu-", "tuhan"}},
		{"berkas/dokumen", 1.6, []string{"berkas/", "dokumen"}},
		{"Kepala Sub-bagian Umum", 2.3, []string{"Kepala Sub-", "bagian Umum"}},
		{"ke pemeriksaan", 1.75, []string{"ke pemerik-", "saan"}},
		{"1234567890123", 1.0, []string{"12345", "67890", "123"}},
		{"bcdfghjklmnpqrst", 1.0, []string{"bcdfg-", "hjklm-", "npqrst"}},
	} {
		width := tc.width * f.Width("kebutu", size)
		got := f.Wrap(tc.text, size, width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %.1f) = %q, want %q", tc.text, width, got, tc.want)
		}
		for _, l := range got {
			if w := f.Width(l, size); w > width+1e-9 {
				t.Errorf("Wrap(%q): line %q is %.1f wide, more than %.1f", tc.text, l, w, width)
			}
		}
	}
}

// TestWrapKeepsText checks that the lines, without the hyphens that Wrap
// added and the spaces, give back the text without spaces, at many widths,
// and that each line fits.
func TestWrapKeepsText(t *testing.T) {
	f := FontFace(false)
	text := "Petugas memeriksa kelengkapan persyaratan permohonan dan menandatangani berita acara pemeriksaan (ketidaksesuaian dikembalikan) www.contoh.go.id/layanan 08123456789"
	want := strings.ReplaceAll(text, " ", "")
	for width := -1.0; width < 200; width += 3 {
		lines := f.Wrap(text, 9, width)
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(strings.ReplaceAll(strings.TrimSuffix(l, "-"), " ", ""))
			if w := f.Width(l, 9); w > width && len([]rune(strings.TrimSuffix(l, "-"))) > 1 {
				t.Errorf("width %.0f: line %q is %.1f wide", width, l, w)
			}
		}
		if got := b.String(); got != want {
			t.Errorf("width %.0f: lines %q give %q", width, lines, got)
		}
	}
}
