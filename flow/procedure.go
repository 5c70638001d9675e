package flow

// Procedure is a checked SOP (Standar Operasional Prosedur): its identity,
// its actors (Pelaksana) and its steps (Kegiatan) with their links.
//
// A Procedure returned by Parse is valid: every link points at a step, every
// step is reachable from the first one and can reach an end.
type Procedure struct {
	File     string            // the name given to Parse, used in messages
	Name     string            // Nama SOP
	Actors   []Actor           // Pelaksana columns, in declared order
	Identity Identity          // Bagian Identitas
	Labels   map[string]string // [labels] overrides, by label key (see render's label keys)
	Steps    []*Step           // Kegiatan, in table order
}

// Actor is one Pelaksana column (a job title, a lane in the BPMN view).
type Actor struct {
	Name string
	Pos  Pos
}

// Kind is the kind of a step, which decides its symbol.
type Kind string

// The step kinds. Start and End are drawn as terminators (kapsul), Process as a
// box (kotak) and Decision as a diamond (belah ketupat).
const (
	Start    Kind = "start"
	Process  Kind = "process"
	Decision Kind = "decision"
	End      Kind = "end"
)

// Step is one row of the flowchart table: one Kegiatan.
type Step struct {
	Number       int    // 1-based row number (NO)
	ID           string // the id given in the file, or "" when none
	Actors       []int  // indices into Procedure.Actors; the first is the primary actor
	Activity     string // Kegiatan
	Kind         Kind
	Requirements string // Mutu Baku: Kelengkapan
	Time         string // Mutu Baku: Waktu
	Output       string // Mutu Baku: Output
	Note         string // Keterangan

	// Out lists the flows that leave the step. A start or process step has
	// one, a decision two (Out[0] is the "yes" exit, Out[1] the "no" exit;
	// an exit without a label of its own prints the document's yes or no
	// label, "Ya" and "Tidak" by default),
	// an end step none.
	Out []Link

	Pos Pos // the position of the step's [[steps]] header
}

// Link is one flow (anak panah) from a step to another.
type Link struct {
	To    int    // 0-based index into Procedure.Steps
	Label string // a decision's own exit label (yes_label, no_label); "" when not given, and for other links
}

// Primary returns the index of the step's primary actor.
func (s *Step) Primary() int { return s.Actors[0] }

// Identity holds the items of the identity page (Bagian Identitas).
type Identity struct {
	Number         string   // Nomor SOP
	Unit           []string // unit lines beside the logo, top to bottom
	Logo           string   // path of the logo image as written in the file ("" for none)
	LogoPos        Pos      // where the logo key stands, for errors about the file
	Created        Date     // Tanggal Pembuatan
	Revised        Date     // Tanggal Revisi
	Effective      Date     // Tanggal Efektif
	Approver       Approver // Disahkan oleh
	LegalBasis     []string // Dasar Hukum
	Qualifications []string // Kualifikasi Pelaksana
	Related        []string // Keterkaitan
	Equipment      []string // Peralatan/Perlengkapan
	Warnings       []string // Peringatan
	Records        []string // Pencatatan dan Pendataan
}

// Approver is the official who signs the SOP (Disahkan oleh).
type Approver struct {
	Title string // jabatan, e.g. "Kepala Dinas Pendidikan"
	Name  string
	Rank  string // pangkat/golongan, optional
	NIP   string
}

// Date is a date of the identity page: either a calendar date (Year, Month,
// Day set, Text empty) or free text printed as given (such as "Desember 2013"
// or "-"). The zero Date is an empty item.
type Date struct {
	Year, Month, Day int
	Text             string
}

// IsZero reports whether the date is empty.
func (d Date) IsZero() bool { return d.Year == 0 && d.Text == "" }
