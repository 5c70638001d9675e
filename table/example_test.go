package table_test

import (
	"fmt"
	"log"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/table"
)

func ExampleLayout() {
	src := `
name = "Pengesahan Dokumen"
actors = ["Staf", "Kepala"]

[[steps]]
actor = "Staf"
activity = "Menyiapkan dokumen"

[[steps]]
actor = "Kepala"
activity = "Memeriksa dokumen"
no = 1

[[steps]]
actor = "Kepala"
activity = "Menandatangani dokumen"
`
	p, err := flow.Parse("pengesahan.toml", []byte(src))
	if err != nil {
		log.Fatal(err)
	}
	d, err := table.Layout(p, table.LayoutOptions{NoIdentity: true})
	if err != nil {
		log.Fatal(err)
	}
	pg := d.Pages[0]
	fmt.Printf("%d page, %.2f x %.2f pt\n", len(d.Pages), pg.Width, pg.Height)
	for _, s := range pg.Shapes {
		fmt.Printf("%s %s in %q\n", s.ID, s.Kind, s.Actor)
	}
	for _, c := range pg.Connectors {
		fmt.Printf("%s -> %s %q, %d points\n", c.From, c.To, c.Label, len(c.Points))
	}
	// Output:
	// 1 page, 841.89 x 595.28 pt
	// s1 start in "Staf"
	// s2 decision in "Kepala"
	// s3 end in "Kepala"
	// s1 -> s2 "", 3 points
	// s2 -> s3 "Ya", 2 points
	// s2 -> s1 "Tidak", 5 points
}
