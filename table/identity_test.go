package table

import (
	"github.com/sopflow/sopflow/render"
	"math"
	"testing"
)

// The approver block leaves at least 25 mm for the signature under the
// title, and its lines are centred in the value cell.
func TestIdentityApprover(t *testing.T) {
	for name, p := range loadExamples(t) {
		if p.Identity.Approver.Name == "" {
			continue
		}
		for _, portrait := range []bool{false, true} {
			d, err := Layout(p, LayoutOptions{Portrait: portrait})
			if err != nil {
				t.Fatal(err)
			}
			pg := d.Pages[0]
			var nameT *render.Text
			for i, tx := range pg.Texts {
				if tx.Underline && nameT == nil {
					nameT = &pg.Texts[i] // the name's first line
				}
			}
			if nameT == nil {
				t.Fatalf("%s: no approver name", name)
			}
			// The title's last line: the nearest centred bold text above.
			var title *render.Text
			var block []render.Text
			for i, tx := range pg.Texts {
				if tx.Anchor != "middle" || tx.Class != "identity" || tx.Text == ":" {
					continue
				}
				block = append(block, tx)
				if tx.Bold && !tx.Underline && tx.Y < nameT.Y && (title == nil || tx.Y > title.Y) {
					title = &pg.Texts[i]
				}
			}
			if title == nil {
				t.Fatalf("%s: no centred approver title", name)
			}
			if gap := nameT.Y - title.Y - nameT.Size*render.Leading; gap < SignatureSpace-0.01 {
				t.Errorf("%s portrait %v: signature space %.1f mm, want at least 25 mm", name, portrait, gap/render.Mm)
			}
			if len(block) < 3 {
				t.Errorf("%s: %d centred approver lines, want title, name and NIP", name, len(block))
			}
			for _, tx := range block {
				if math.Abs(tx.X-block[0].X) > 0.01 {
					t.Errorf("%s: approver line %q centred at %.2f, not %.2f", name, tx.Text, tx.X, block[0].X)
				}
			}
			// The centre is the middle of the value cell: halfway between
			// the value column's left rule and the block's right edge.
			right := 0.0
			for _, r := range pg.Rules {
				right = math.Max(right, math.Max(r.X1, r.X2))
			}
			left := 0.0
			for _, r := range pg.Rules {
				if r.X1 == r.X2 && r.X1 < block[0].X && r.X1 > left {
					left = r.X1
				}
			}
			if c := (left + right) / 2; math.Abs(block[0].X-c) > 1 {
				t.Errorf("%s: approver block centred at %.1f, cell centre %.1f", name, block[0].X, c)
			}
		}
	}
}
