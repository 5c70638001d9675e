package render

import (
	"slices"
	"testing"

	"github.com/sopflow/sopflow/flow"
)

// Every language has exactly the label keys that a file may override.
func TestLabelSetsCoverKeys(t *testing.T) {
	keys := flow.LabelKeys()
	slices.Sort(keys)
	for lang, set := range labelSets {
		var got []string
		for k := range set {
			if k != monthsKey {
				got = append(got, k)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, keys) {
			t.Errorf("%s labels: keys %v, want %v", lang, got, keys)
		}
	}
}

func TestNewLabels(t *testing.T) {
	l, err := NewLabels(Permendagri52, "id", map[string]string{"no": "NOMOR POS"})
	if err != nil {
		t.Fatal(err)
	}
	if l["effective"] != "TGL. PENGESAHAN" || l["activity"] != "URAIAN PROSEDUR" || l["no"] != "NOMOR POS" || l["time"] != "WAKTU" {
		t.Errorf("permendagri52 with override: %v", l)
	}
	if l, _ := NewLabels("", "en", nil); l["activity"] != "ACTIVITY" {
		t.Errorf("en: activity = %q", l["activity"])
	}
	for _, bad := range []struct {
		p    Profile
		lang string
	}{{"x", "id"}, {Permenpan35, "fr"}} {
		if _, err := NewLabels(bad.p, bad.lang, nil); err == nil {
			t.Errorf("NewLabels(%q, %q): no error", bad.p, bad.lang)
		}
	}
}

func TestFormatDate(t *testing.T) {
	id, _ := NewLabels("", "id", nil)
	en, _ := NewLabels("", "en", nil)
	for _, tc := range []struct {
		d    flow.Date
		l    Labels
		want string
	}{
		{flow.Date{Year: 2016, Month: 9, Day: 9}, id, "9 September 2016"},
		{flow.Date{Year: 2016, Month: 8, Day: 17}, id, "17 Agustus 2016"},
		{flow.Date{Year: 2016, Month: 8, Day: 17}, en, "17 August 2016"},
		{flow.Date{Text: "Desember 2013"}, en, "Desember 2013"},
		{flow.Date{}, id, "-"},
	} {
		if got := FormatDate(tc.d, tc.l); got != tc.want {
			t.Errorf("FormatDate(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
