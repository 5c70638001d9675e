package flow_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/internal/testsop"
)

// TestEncodeRoundTrip writes every valid SOP of testdata as TOML and as
// JSON and reads each back to the same procedure, labels included; a second
// encoding gives the same bytes.
func TestEncodeRoundTrip(t *testing.T) {
	for name, p := range testsop.Valid(t) {
		for _, c := range []struct {
			format string
			encode func(*flow.Procedure, *bytes.Buffer) error
			parse  func(string, []byte) (*flow.Procedure, error)
		}{
			{"toml", func(p *flow.Procedure, b *bytes.Buffer) error { return p.EncodeTOML(b) }, flow.Parse},
			{"json", func(p *flow.Procedure, b *bytes.Buffer) error { return p.EncodeJSON(b) }, flow.ParseJSON},
		} {
			var b bytes.Buffer
			if err := c.encode(p, &b); err != nil {
				t.Fatalf("%s as %s: %v", name, c.format, err)
			}
			got, err := c.parse(name+"."+c.format, b.Bytes())
			if err != nil {
				t.Errorf("%s as %s does not parse: %v\n%s", name, c.format, err, b.String())
				continue
			}
			if !reflect.DeepEqual(testsop.WithoutPositions(got), testsop.WithoutPositions(p)) || !reflect.DeepEqual(got.Labels, p.Labels) {
				t.Errorf("%s as %s reads back differently", name, c.format)
			}
			var again bytes.Buffer
			if err := c.encode(got, &again); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
				t.Errorf("%s as %s: a second encoding differs", name, c.format)
			}
		}
	}
}

// TestEncodeTOMLStrings checks the quoting of texts TOML must escape.
func TestEncodeTOMLStrings(t *testing.T) {
	p := testsop.Built()
	p.Steps[0].Activity = "Baris \"satu\"\nbaris \\dua\\\tdan ✓"
	p.Identity.Unit = []string{"A"}
	p.Identity.Created = flow.Date{Year: 2016, Month: 9, Day: 1}
	p.Identity.Revised = flow.Date{Text: "Desember 2013"}
	var b bytes.Buffer
	if err := p.EncodeTOML(&b); err != nil {
		t.Fatal(err)
	}
	got, err := flow.Parse("x.toml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if got.Steps[0].Activity != p.Steps[0].Activity || got.Identity.Created != p.Identity.Created || got.Identity.Revised != p.Identity.Revised {
		t.Errorf("read back %q %v %v", got.Steps[0].Activity, got.Identity.Created, got.Identity.Revised)
	}
}
