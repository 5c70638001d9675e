package render_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// pngHeader returns the start of a PNG that declares w x h pixels: enough
// for its header to be read, and then some filler.
func pngHeader(w, h uint32, filler int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	b.Write(make([]byte, filler))
	return b.Bytes()
}

func smallPNG() []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3)))
	return b.Bytes()
}

func withLogo(logo string) *flow.Procedure {
	return &flow.Procedure{
		File:     "dir/sop.toml",
		Name:     "x",
		Actors:   []flow.Actor{{Name: "A"}},
		Steps:    []*flow.Step{{Number: 1, Actors: []int{0}, Activity: "a", Kind: flow.End}},
		Identity: flow.Identity{Logo: logo, LogoPos: flow.Pos{File: "dir/sop.toml", Line: 4, Col: 1}},
	}
}

func TestLoadLogo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sop/img/logo.png", smallPNG())
	write("sop/huge.png", pngHeader(50000, 50000, 300000))
	write("sop/big.png", pngHeader(100, 100, 2<<20))
	write("outside.png", smallPNG())
	fifo := filepath.Join(dir, "sop", "fifo.png")
	haveFIFO := mkfifo(fifo) == nil
	if err := os.Symlink(filepath.Join(dir, "outside.png"), filepath.Join(dir, "sop", "link.png")); err != nil {
		t.Fatal(err)
	}
	sopDir := filepath.Join(dir, "sop")

	// Good: both separators, relative to Dir, inside Root.
	for _, logo := range []string{"img/logo.png", `img\logo.png`} {
		b, err := render.LoadLogo(withLogo(logo), render.LogoOptions{Dir: sopDir, Root: sopDir})
		if err != nil || !bytes.Equal(b, smallPNG()) {
			t.Errorf("%s: %v", logo, err)
		}
	}
	if b, err := render.LoadLogo(withLogo(""), render.LogoOptions{}); b != nil || err != nil {
		t.Errorf("no logo: %v %v", b, err)
	}

	tests := []struct {
		logo    string
		opt     render.LogoOptions
		want    string
		tooLong bool
	}{
		{"huge.png", render.LogoOptions{Dir: sopDir}, "too large: the image is 50000 x 50000 pixels, more than 16777216 in all; scale it down", true},
		{"big.png", render.LogoOptions{Dir: sopDir, MaxBytes: 1 << 20}, "more than 1048576", true},
		{"img", render.LogoOptions{Dir: sopDir}, "is a directory", false},
		{`img\nologo.png`, render.LogoOptions{Dir: sopDir}, "(" + filepath.Join(sopDir, "img", "nologo.png") + "): no such file or directory", false},
		{"../outside.png", render.LogoOptions{Dir: sopDir, Root: sopDir}, "outside " + sopDir, false},
		{filepath.Join(dir, "outside.png"), render.LogoOptions{Dir: sopDir, Root: sopDir}, "outside " + sopDir, false},
		{"link.png", render.LogoOptions{Dir: sopDir, Root: sopDir}, "outside " + sopDir, false},
	}
	if haveDevZero {
		tests = append(tests, struct {
			logo    string
			opt     render.LogoOptions
			want    string
			tooLong bool
		}{"/dev/zero", render.LogoOptions{}, "not a regular file", false})
	}
	if haveFIFO {
		tests = append(tests, struct {
			logo    string
			opt     render.LogoOptions
			want    string
			tooLong bool
		}{"fifo.png", render.LogoOptions{Dir: sopDir}, "not a regular file", false})
	}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		b, err := render.LoadLogo(withLogo(tc.logo), tc.opt)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		var fe *flow.Error
		if b != nil || !errors.As(err, &fe) || fe.Pos.Line != 4 || !strings.Contains(err.Error(), tc.want) ||
			!strings.HasPrefix(err.Error(), `dir/sop.toml:4:1: identity: cannot read logo "`) {
			t.Errorf("%s: %v, want a positioned error with %q", tc.logo, err, tc.want)
		}
		if errors.Is(err, render.ErrTooLarge) != tc.tooLong {
			t.Errorf("%s: errors.Is(err, ErrTooLarge) = %v", tc.logo, !tc.tooLong)
		}
		if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 16 || took > 5*time.Second {
			t.Errorf("%s: %d MB, %v", tc.logo, mb, took)
		}
	}
}

// TestLayoutLogoTooLarge: a logo passed as bytes is checked from its
// header too, so that the PDF writer never decodes 50,000 x 50,000 pixels.
func TestLayoutLogoTooLarge(t *testing.T) {
	_, err := table.Layout(withLogo(""), table.LayoutOptions{Logo: pngHeader(50000, 50000, 100)})
	if !errors.Is(err, render.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	_, err = table.Layout(withLogo(""), table.LayoutOptions{Margin: 100})
	if !errors.Is(err, render.ErrMarginTooWide) {
		t.Errorf("err = %v, want ErrMarginTooWide", err)
	}
	d, err := table.Layout(withLogo(""), table.LayoutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = render.Write(new(bytes.Buffer), d, render.PNG, render.WriteOptions{Page: 1, DPI: 2400})
	if !errors.Is(err, render.ErrTooLarge) {
		t.Errorf("PNG at 2400 dpi: err = %v, want ErrTooLarge", err)
	}
}

// TestPNGPageExplicit: a PNG of a Diagram of several pages needs a page.
func TestPNGPageExplicit(t *testing.T) {
	d := &render.Diagram{Pages: []render.Page{{Width: 100, Height: 100}, {Width: 100, Height: 100}}}
	if err := render.Write(new(bytes.Buffer), d, render.PNG, render.WriteOptions{}); !errors.Is(err, render.ErrPageNeeded) {
		t.Errorf("err = %v, want ErrPageNeeded", err)
	}
	for _, page := range []int{1, 2} {
		if err := render.Write(new(bytes.Buffer), d, render.PNG, render.WriteOptions{Page: page}); err != nil {
			t.Errorf("page %d: %v", page, err)
		}
	}
}

// TestTextWarnings: text the font cannot show is warned about, once per
// text, in work linear in the text.
func TestTextWarnings(t *testing.T) {
	p := withLogo("")
	p.Steps[0].Pos = flow.Pos{File: "dir/sop.toml", Line: 9, Col: 1}
	p.Steps[0].Activity = strings.Repeat("中文 عربي 😀 ", 100000) // 1.6 MB
	p.Steps[0].Note = "Catatan biasa, tanpa masalah: é ü ß – “kutip”"
	start := time.Now()
	w := render.TextWarnings(p, nil)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	want := "dir/sop.toml:9:1: warning: step 1: activity: right-to-left text ('ع', U+0639) is drawn left to right\n" +
		"dir/sop.toml:9:1: warning: step 1: activity: the font has no glyph for '中' (U+4E2D) and 699999 more; PNG and PDF draw an empty box instead"
	if len(w) != 2 || w.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", w, want)
	}
}

// TestMissingGlyphDrawnAsBox: a character the font lacks is drawn as the
// font's visible empty box in PNG, never as nothing.
func TestMissingGlyphDrawnAsBox(t *testing.T) {
	for _, s := range []string{"中", "😀", "ع"} {
		d := &render.Diagram{Pages: []render.Page{{Width: 60, Height: 40,
			Texts: []render.Text{{X: 10, Y: 30, Size: 24, Text: s}}}}}
		var b bytes.Buffer
		if err := render.Write(&b, d, render.PNG, render.WriteOptions{DPI: 72}); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		ink := 0
		r := img.Bounds()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if g, _, _, _ := img.At(x, y).RGBA(); g < 0x8000 {
					ink++
				}
			}
		}
		if ink < 20 {
			t.Errorf("%q: %d dark pixels, want a visible box", s, ink)
		}
	}
}
