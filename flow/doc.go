// Package flow reads the description of a government SOP (Standar
// Operasional Prosedur, in the SOP AP form of Permenpan RB 35/2012) from
// TOML or JSON and checks it.
//
// # The stage
//
// [ParseJSON] reads the same model from JSON (the same keys, steps an array
// of objects, dates as "2016-09-01" strings), with the same checks and
// errors at the JSON's line:col. [Procedure.Lint] applies the rules an SOP
// reviewer applies beyond validity; [Procedure.MainPath] and
// [ParseDuration] read the path down the table and its WAKTU.
//
// [Parse] takes the TOML source and a file name for messages. It returns a
// *[Procedure], a plain value that the table and bpmn packages lay out, or an
// [ErrorList] with every problem found, sorted by position and free of
// duplicates. Each [Error] has a file:line:col position and a lower-case
// message that quotes the bad value and suggests a fix where it can:
//
//	sop.toml:12:9: step 3: unknown actor "Petugass" (did you mean "Petugas"?)
//	sop.toml:20:1: unknown key "activty" in step 4 (did you mean "activity"?)
//	sop.toml:31:6: step 6: next = "arsp": no step has this id (did you mean "arsip"?)
//
// Parse works in stages and stops between them: a file that is not UTF-8 or
// not TOML gets only that error; then the keys, types, actors, kinds, ids
// and step references are checked all together; the shape of the flow
// (reachability, ends) is checked only when all of that is right, so that
// one mistake does not show up as many.
//
// A Procedure returned by Parse guarantees:
//
//   - it has at least one actor and one step; actor names are not empty and
//     are unique;
//   - steps are numbered 1..n in file order, and each has at least one actor
//     (indices into Procedure.Actors, the first the primary one) and a
//     non-empty activity;
//   - a start or process step has exactly one exit, a decision two (Out[0]
//     the "yes" exit, Out[1] the "no" exit, to different steps), an end none;
//   - every exit leads to another step (never to the step itself);
//   - only step 1 can be a start; there is at least one end;
//   - every step can be reached from step 1, and an end can be reached from
//     every step;
//   - no text (keys included) holds invalid UTF-8 or a control character
//     other than tab and newline: Parse refuses such input, so that no
//     writer has to show a NUL.
//
// [Procedure.Validate] checks these guarantees on a Procedure built in Go;
// table.Layout and every entry point of the bpmn package call it first.
//
// # Limits
//
// Parse refuses input beyond the limits of [ParseOptions] (by default 8 MiB,
// 16 levels of nesting, keys of 256 bytes, 20,000 steps, 1,000 actors)
// before decoding it, with one positioned error that matches [ErrTooLarge].
// Parse's work is otherwise linear in the input, apart from the search for
// "did you mean" suggestions, which compares only names of similar length
// and stops after a fixed budget.
//
// Text values are trimmed of surrounding white space. Parse reads no file
// but src: the logo path is kept as written, with its position, for the
// caller to load.
//
// # Glossary
//
// The names in this package follow the printed SOP AP form:
//
//	English (Go)          Indonesian (SOP AP)
//	Procedure             SOP (Standar Operasional Prosedur); POS in universities
//	Procedure.Name        Nama SOP
//	Identity              Bagian Identitas (the identity page)
//	Identity.Number       Nomor SOP
//	Identity.Unit         unit names beside the logo (Pemerintah ..., Dinas ...)
//	Identity.Created      Tanggal Pembuatan
//	Identity.Revised      Tanggal Revisi
//	Identity.Effective    Tanggal Efektif (Permendagri 52/2011: Tgl. Pengesahan)
//	Approver              Disahkan oleh (jabatan, nama, pangkat, NIP)
//	Identity.LegalBasis   Dasar Hukum
//	Identity.Qualifications Kualifikasi Pelaksana
//	Identity.Related      Keterkaitan
//	Identity.Equipment    Peralatan/Perlengkapan
//	Identity.Warnings     Peringatan
//	Identity.Records      Pencatatan dan Pendataan
//	Actor                 Pelaksana (a job title; a column of the table)
//	Step                  Kegiatan (one row of the flowchart table)
//	Step.Number           No
//	Step.Activity         Kegiatan / Uraian Prosedur (the activity text)
//	Standard              Mutu Baku: the three columns below
//	Step.Requirements     Kelengkapan (Persyaratan/Kelengkapan)
//	Step.Time             Waktu
//	Step.Output           Output
//	Step.Note             Keterangan
//	Link                  anak panah (an arrow, a flow)
//	Start, End            kapsul / terminator (Mulai, Selesai)
//	Process               kotak (a box)
//	Decision              belah ketupat (a diamond): keputusan, with Ya/Tidak exits
//	joint activity        one step with several actors (boxes joined by a line)
//
// # Input format
//
// Every key the input can have is shown below. Keys not listed are errors
// (with a hint when the key looks like a typo or belongs in another table),
// so that a misspelt key never drops content silently.
//
//	# The top level. name, actors and at least one [[steps]] are required.
//	name = "Pelayanan Permohonan Informasi Publik"   # Nama SOP
//	actors = ["Pemohon Informasi", "Petugas Layanan Informasi", "PPID Pelaksana"]
//	                        # Pelaksana, in column order; not empty, no duplicates
//
//	[identity]              # optional; every key in it is optional
//	number = "SOP AP-SEKRE-01"                        # Nomor SOP
//	unit = ["PEMERINTAH KOTA BANDUNG", "DINAS PENDIDIKAN", "SEKRETARIAT"]
//	logo = "logo.png"       # a path relative to this file; not read by Parse
//	created = 2016-09-01    # Tanggal Pembuatan
//	revised = "-"           # Tanggal Revisi
//	effective = 2016-09-09  # Tanggal Efektif
//	approver = { title = "Kepala Dinas Pendidikan", name = "Dr. H. Nama Pejabat", rank = "Pembina Utama Muda", nip = "19650101 199003 1 001" }
//	                        # Disahkan oleh, or an [identity.approver] table;
//	                        # keys title, name, rank (pangkat), nip: all text, all optional
//	legal_basis = ["Undang-Undang Nomor 14 Tahun 2008 ..."]  # Dasar Hukum
//	qualifications = ["..."]                          # Kualifikasi Pelaksana
//	related = ["..."]                                 # Keterkaitan
//	equipment = ["Formulir permohonan", "Komputer"]   # Peralatan/Perlengkapan
//	warnings = ["..."]                                # Peringatan
//	records = ["..."]                                 # Pencatatan dan Pendataan
//
//	[labels]                # optional overrides of printed labels
//	effective = "TGL. PENGESAHAN"   # any key (the render package checks the
//	                                # names); every value must be text
//
//	[[steps]]               # one table per step, in table order
//	id = "isi"              # optional name to refer to the step by
//	actor = "Pemohon Informasi"       # required: one of actors, or a list
//	                                  # for a joint activity, the first primary
//	activity = "Mengisi formulir ..." # required, not blank
//	requirements = "Formulir, fotokopi KTP"   # Kelengkapan
//	time = "10 menit"                         # Waktu (text: quote numbers)
//	output = "Formulir terisi"                # Output
//	note = "..."                              # Keterangan
//	kind = "decision"       # start, process, decision or end; see below
//	yes = "periksa"         # a decision's "yes" exit; default: the following step
//	no = 1                  # a decision's "no" exit; required for a decision
//	yes_label = "Lengkap"   # default: the yes_label label ("Ya", "Yes")
//	no_label = "Tidak lengkap"        # default: the no_label label ("Tidak", "No")
//	next = "arsip"          # where a start or process step goes;
//	                        # default: the following step
//
// The identity lists (unit, legal_basis, qualifications, related, equipment,
// warnings, records) take a list of strings or a single string. The dates
// (created, revised, effective) take a TOML local date, the date part of a
// TOML date-time, a string in the form "2016-09-01" (read as that date), or
// any other text, printed as given ("Desember 2013", "-").
//
// A step is referred to (in next, yes and no) by its id, a string, or by its
// 1-based number, an integer. A quoted number ("3") is looked up as an id
// only; ids that could be mistaken for numbers are refused.
//
// # Kinds
//
// When kind is left out it is inferred: a step with yes or no is a decision;
// otherwise the last step is an end unless it has next (then it is a
// process), the first step is a start, and any other step is a process. A
// one-step procedure is a single end. Given explicitly, kind = "end" ends the
// flow at any step, and there may be several ends; kind = "start" is only
// for step 1. A start or process step without next goes to the following
// step, and it is an error when there is none. Next is not allowed on a
// decision or an end step, and yes, no, yes_label and no_label only on a
// decision.
package flow
