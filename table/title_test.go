package table

import (
	"github.com/sopflow/sopflow/render"
	"strings"
	"testing"
)

func TestTitleText(t *testing.T) {
	for _, tc := range []struct{ label, name, want string }{
		{"PROSEDUR", "Pelayanan Informasi Publik", "PROSEDUR PELAYANAN INFORMASI PUBLIK"},
		{"PROSEDUR", "Prosedur Pelayanan Informasi", "PROSEDUR PELAYANAN INFORMASI"},
		{"PROSEDUR", "prosedur pelayanan", "PROSEDUR PELAYANAN"},
		{"PROSEDUR", "SOP Pengadaan Barang", "SOP PENGADAAN BARANG"},
		{"PROSEDUR", "POS Penerimaan Mahasiswa", "POS PENERIMAAN MAHASISWA"},
		{"PROSEDUR", "Standar Operasional Prosedur Cuti", "STANDAR OPERASIONAL PROSEDUR CUTI"},
		{"PROSEDUR", "Sopir Dinas", "PROSEDUR SOPIR DINAS"},
		{"PROSEDUR", "Posyandu", "PROSEDUR POSYANDU"},
		{"PROCEDURE", "Procedure for Leave", "PROCEDURE FOR LEAVE"},
		{"PROCEDURE", "Leave Requests", "PROCEDURE LEAVE REQUESTS"},
		{"TATA CARA", "Tata Cara Pengaduan", "TATA CARA PENGADUAN"},
	} {
		if got := titleText(tc.label, tc.name); got != tc.want {
			t.Errorf("titleText(%q, %q) = %q, want %q", tc.label, tc.name, got, tc.want)
		}
	}
}

func TestBalancedLines(t *testing.T) {
	s := "PROSEDUR PELAYANAN PERMOHONAN INFORMASI PUBLIK DAN PENGAJUAN KEBERATAN ATAS INFORMASI"
	f := render.FontFace(true)
	width := f.Width(s, TitleSize) * 0.8
	lines := balancedLines(s, TitleSize, width)
	if len(lines) != 2 {
		t.Fatalf("got %d lines %q, want 2", len(lines), lines)
	}
	if strings.Join(lines, " ") != s {
		t.Errorf("lines %q lose text", lines)
	}
	w0, w1 := f.Width(lines[0], TitleSize), f.Width(lines[1], TitleSize)
	if d := w0 - w1; d > 0.25*w0 || -d > 0.25*w1 {
		t.Errorf("unbalanced: %q (%.0f) / %q (%.0f)", lines[0], w0, lines[1], w1)
	}
	for _, l := range lines {
		if f.Width(l, TitleSize) > width {
			t.Errorf("line %q wider than %.0f", l, width)
		}
	}
}
