package flow_test

import (
	"fmt"

	"github.com/sopflow/sopflow/flow"
)

func ExampleParse() {
	src := []byte(`name = "Pelayanan Permohonan Informasi Publik"
actors = ["Pemohon Informasi", "Petugas Layanan Informasi"]

[[steps]]
id = "isi"
actor = "Pemohon Informasi"
activity = "Mengisi formulir permohonan"
time = "10 menit"

[[steps]]
actor = "Petugas Layanan Informasi"
activity = "Memeriksa kelengkapan persyaratan"
no = "isi"
no_label = "Tidak lengkap"

[[steps]]
actor = "Petugas Layanan Informasi"
activity = "Meregistrasi permohonan"
`)
	p, err := flow.Parse("sop.toml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range p.Steps {
		fmt.Printf("%d. %s (%s, %s)", s.Number, s.Activity, s.Kind, p.Actors[s.Primary()].Name)
		for _, o := range s.Out {
			fmt.Printf(" -> %d", o.To+1)
			if o.Label != "" {
				fmt.Printf(" %s", o.Label)
			}
		}
		fmt.Println()
	}

	// A typo is reported with its position and a likely fix.
	_, err = flow.Parse("sop.toml", []byte(`name = "Uji"
actors = ["Petugas"]

[[steps]]
actor = "Petugass"
activty = "Memeriksa"
`))
	fmt.Println(err)
	// Output:
	// 1. Mengisi formulir permohonan (start, Pemohon Informasi) -> 2
	// 2. Memeriksa kelengkapan persyaratan (decision, Petugas Layanan Informasi) -> 3 -> 1 Tidak lengkap
	// 3. Meregistrasi permohonan (end, Petugas Layanan Informasi)
	// sop.toml:5:9: step 1: unknown actor "Petugass" (did you mean "Petugas"?)
	// sop.toml:6:1: unknown key "activty" in step 1 (did you mean "activity"?)
}
