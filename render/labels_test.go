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
			got = append(got, k)
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
