package table

import (
	"slices"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
)

// The exits of a decision print the document's yes and no labels unless
// the decision names its own.
func TestExitLabels(t *testing.T) {
	src := `name = "Uji"
actors = ["Pemohon", "Petugas"]
[labels]
no_label = "Belum"
[[steps]]
actor = "Pemohon"
activity = "a"
[[steps]]
actor = "Petugas"
activity = "b"
no = 1
[[steps]]
actor = "Petugas"
activity = "c"
no = 2
yes_label = "Lengkap"
[[steps]]
actor = "Pemohon"
activity = "d"
`
	p, err := flow.Parse("uji.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"id", []string{"Ya", "Belum", "Lengkap", "Belum"}},
		{"en", []string{"Yes", "Belum", "Lengkap", "Belum"}},
	} {
		labels, err := render.NewLabels(render.Permenpan35, tc.lang, p.Labels)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Layout(p, LayoutOptions{Labels: labels, Tall: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, pg := range d.Pages {
			for _, x := range pg.Texts {
				if x.Class == "label" {
					got = append(got, x.Text)
				}
			}
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: exit labels %q, want %q", tc.lang, got, want)
		}
	}
	if p.Steps[1].Out[0].Label != "" {
		t.Errorf("Layout wrote the label %q into the procedure", p.Steps[1].Out[0].Label)
	}
	en, _ := render.NewLabels(render.Permenpan35, "en", nil)
	if got := en.Exit(p.Steps[1], 1); got != "No" {
		t.Errorf("Exit(no) = %q, want No", got)
	}
}
