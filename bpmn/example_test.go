package bpmn_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/bpmn/graphviz"
	"github.com/sopflow/sopflow/flow"
)

const exampleSOP = `
name = "Legalisir Ijazah"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Menyerahkan fotokopi ijazah"

[[steps]]
actor = "Petugas"
activity = "Memeriksa kesesuaian dengan ijazah asli"
no = 1
no_label = "Tidak sesuai"

[[steps]]
actor = "Petugas"
activity = "Melegalisir dan menyerahkan fotokopi"
time = "15 menit"
`

func ExampleLayout() {
	p, err := flow.Parse("legalisir.toml", []byte(exampleSOP))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The sopflow command uses bpmn.FindRanker() instead, which runs the
	// sopflow-rank helper.
	d, err := bpmn.Layout(p, graphviz.Ranker{}, bpmn.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, pg := range d.Pages {
		fmt.Println("page", pg.Number, pg.Kind)
		for _, s := range pg.Shapes {
			fmt.Println(strings.TrimRight(fmt.Sprintf("  %-14s %-10s %s", s.ID, s.Kind, s.Actor), " "))
		}
		for _, c := range pg.Connectors {
			fmt.Println(strings.TrimRight(fmt.Sprintf("  %s -> %s %s", c.From, c.To, c.Label), " "))
		}
	}
	// Output:
	// page 1 bpmn
	//   Participant_1  pool
	//   Lane_1         lane       Pemohon
	//   Lane_2         lane       Petugas
	//   StartEvent_1   startEvent Pemohon
	//   Step_1         task       Pemohon
	//   Step_2         task       Petugas
	//   Gateway_2      gateway    Petugas
	//   Step_3         task       Petugas
	//   EndEvent_3     endEvent   Petugas
	//   StartEvent_1 -> Step_1
	//   Step_1 -> Step_2
	//   Step_2 -> Gateway_2
	//   Gateway_2 -> Step_3 Ya
	//   Gateway_2 -> Step_1 Tidak sesuai
	//   Step_3 -> EndEvent_3
}

func ExampleWriteDOT() {
	p, err := flow.Parse("legalisir.toml", []byte(exampleSOP))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := bpmn.WriteDOT(os.Stdout, p, bpmn.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// // Legalisir Ijazah
	// digraph "Legalisir Ijazah" {
	// 	graph [rankdir=LR, newrank=true, label="Legalisir Ijazah", labelloc=t, fontname="Liberation Sans,Arial,Helvetica,sans-serif", fontsize=12];
	// 	node [fontname="Liberation Sans,Arial,Helvetica,sans-serif", fontsize=9];
	// 	edge [fontname="Liberation Sans,Arial,Helvetica,sans-serif", fontsize=8];
	// 	subgraph cluster_1 {
	// 		label="Pemohon";
	// 		"StartEvent_1" [shape=circle, label="Mulai"];
	// 		"Step_1" [shape=box, style=rounded, label="1. Menyerahkan fotokopi ijazah"];
	// 	}
	// 	subgraph cluster_2 {
	// 		label="Petugas";
	// 		"Step_2" [shape=box, style=rounded, label="2. Memeriksa kesesuaian dengan ijazah asli"];
	// 		"Gateway_2" [shape=diamond, label="", width=0.5, height=0.5, fixedsize=true];
	// 		"Step_3" [shape=box, style=rounded, label="3. Melegalisir dan menyerahkan fotokopi"];
	// 		"EndEvent_3" [shape=circle, penwidth=3, label="Selesai"];
	// 	}
	// 	"StartEvent_1" -> "Step_1";
	// 	"Step_1" -> "Step_2";
	// 	"Step_2" -> "Gateway_2";
	// 	"Gateway_2" -> "Step_3" [label="Ya"];
	// 	"Gateway_2" -> "Step_1" [label="Tidak sesuai", constraint=false];
	// 	"Step_3" -> "EndEvent_3";
	// }
}
