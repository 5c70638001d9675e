package render_test

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"os"
	"regexp"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// TestSVGEmbedFont: with EmbedFont the SVG carries the subsets of the
// faces its text uses, as valid fonts holding every character drawn; the
// output is deterministic and the default output does not change.
func TestSVGEmbedFont(t *testing.T) {
	src, err := os.ReadFile("../testdata/examples/informasi-publik.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := flow.Parse("x.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	d, err := table.Layout(p, table.LayoutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var plain, emb, emb2 bytes.Buffer
	for _, c := range []struct {
		b   *bytes.Buffer
		opt render.WriteOptions
	}{{&plain, render.WriteOptions{}}, {&emb, render.WriteOptions{EmbedFont: true}}, {&emb2, render.WriteOptions{EmbedFont: true}}} {
		if err := render.WriteSVG(c.b, d, c.opt); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(emb.Bytes(), emb2.Bytes()) {
		t.Error("two runs differ")
	}
	if bytes.Contains(plain.Bytes(), []byte("@font-face")) {
		t.Error("the default SVG embeds a font")
	}
	if err := xml.Unmarshal(emb.Bytes(), new(struct{})); err != nil {
		t.Errorf("not XML: %v", err)
	}
	t.Logf("SVG %d bytes, with the font %d bytes (+%d)", plain.Len(), emb.Len(), emb.Len()-plain.Len())
	fonts := regexp.MustCompile(`font-weight:(normal|bold);src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)`).FindAllSubmatch(emb.Bytes(), -1)
	if len(fonts) != 2 {
		t.Fatalf("%d @font-face rules, want 2", len(fonts))
	}
	for _, m := range fonts {
		ttf, err := base64.StdEncoding.DecodeString(string(m[2]))
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		bold := string(m[1]) == "bold"
		var buf sfnt.Buffer
		for _, pg := range d.Pages {
			for _, tx := range pg.Texts {
				if tx.Bold != bold {
					continue
				}
				for _, r := range tx.Text {
					if g, err := f.GlyphIndex(&buf, r); (err != nil || g == 0) && render.FontFace(bold).GlyphIndex(r) != 0 {
						t.Fatalf("%s subset lacks %q", m[1], r)
					}
				}
			}
		}
	}
}
