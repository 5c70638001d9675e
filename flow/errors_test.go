package flow

import (
	"errors"
	"strings"
	"testing"
)

// testFile returns a file name derived from the test's name, so that the
// positions in the expected messages are stable.
func testFile(t *testing.T) string {
	return strings.NewReplacer("/", "_", " ", "_", "#", "_").Replace(t.Name()) + ".toml"
}

// errorTests lists one bad input for each problem Parse reports. wantErr is
// the whole printed error, with the file name from testFile.
var errorTests = []struct {
	name    string
	toml    string
	wantErr string
}{
	// Encoding and syntax.
	{
		name:    "not_utf8",
		toml:    "name = \"Uji\"\nactors = [\"Pemohon\"]\n[[steps]]\nactor = \"Pemohon\"\nactivity = \"Meng\xe9ajukan\"\n",
		wantErr: `TestErrors_not_utf8.toml:5:17: invalid UTF-8 byte 0xe9; save the file with UTF-8 encoding`,
	},
	{
		name: "syntax_unterminated_string",
		toml: `name = "Uji
actors = ["Pemohon"]
`,
		wantErr: `TestErrors_syntax_unterminated_string.toml:1:12: syntax error: strings cannot contain newlines`,
	},
	{
		name: "syntax_duplicate_key",
		toml: `name = "Uji"
actors = ["Pemohon"]
name = "Lagi"
`,
		wantErr: `TestErrors_syntax_duplicate_key.toml:3:1: syntax error: key 'name' has already been defined`,
	},
	{
		name: "syntax_only",
		// A syntax error hides every other problem.
		toml: `nmae = "Uji"
[[steps]]
activity = 3
kind = "x
`,
		wantErr: `TestErrors_syntax_only.toml:4:10: syntax error: strings cannot contain newlines`,
	},

	// Unknown keys.
	{
		name: "unknown_top_key",
		toml: `nmae = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_unknown_top_key.toml:1:1: unknown key "nmae" (did you mean "name"?)`,
	},
	{
		name: "unknown_step_key",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Pemohon"
  activty = "Menerima"
`,
		wantErr: `TestErrors_unknown_step_key.toml:10:3: unknown key "activty" in step 2 (did you mean "activity"?)`,
	},
	{
		name: "unknown_identity_keys",
		toml: `name = "Uji"
actors = ["Pemohon"]

[identity]
nomor = "SOP-1"
approver = { title = "Kepala", nama = "Budi", nip = "1" }
tanggal_revisi = "-"

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_unknown_identity_keys.toml:5:1: unknown key "nomor" in [identity] (did you mean "number"?)
TestErrors_unknown_identity_keys.toml:6:32: unknown key "nama" in identity.approver (did you mean "name"?)
TestErrors_unknown_identity_keys.toml:7:1: unknown key "tanggal_revisi" in [identity] (did you mean "revised"?)`,
	},
	{
		name: "misplaced_keys",
		toml: `name = "Uji"
number = "SOP-1"
activity = "Mengajukan"
actors = ["Pemohon"]

[identity]
actors = ["Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
records = ["Buku"]
`,
		wantErr: `TestErrors_misplaced_keys.toml:2:1: unknown key "number" (it belongs under [identity])
TestErrors_misplaced_keys.toml:3:1: unknown key "activity" (it belongs in a [[steps]] table)
TestErrors_misplaced_keys.toml:7:1: unknown key "actors" in [identity] (it belongs at the top of the file, before any [table])
TestErrors_misplaced_keys.toml:12:1: unknown key "records" in step 1 (it belongs under [identity], before the first [[steps]])`,
	},

	// Wrong types.
	{
		name: "types_top",
		toml: `name = 1
actors = "Pemohon"
identity = "x"
labels = ["x"]
steps = "x"
`,
		wantErr: `TestErrors_types_top.toml:1:8: name must be a string, not an integer (1); quote it: name = "1"
TestErrors_types_top.toml:2:10: actors must be a list of strings, not a string ("Pemohon"); write actors = ["Pemohon"]
TestErrors_types_top.toml:3:12: identity must be a table ([identity]), not a string ("x")
TestErrors_types_top.toml:4:10: labels must be a table ([labels]), not a list
TestErrors_types_top.toml:5:9: steps must be an array of tables ([[steps]]), not a string ("x")`,
	},
	{
		name: "types_identity",
		toml: `name = "Uji"
actors = ["Pemohon"]

[identity]
number = 12
unit = 3
logo = true
created = 07:30:00
revised = ["-"]
legal_basis = ["UU 14/2008", 2008]
approver = "Kepala"

[labels]
no = 1
activity = { x = "y" }
nomor_pos = "NOMOR POS"

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_types_identity.toml:5:10: identity.number must be a string, not an integer (12); quote it: number = "12"
TestErrors_types_identity.toml:6:8: identity.unit must be a string or a list of strings, not an integer (3)
TestErrors_types_identity.toml:7:8: identity.logo must be a string, not a boolean (true); quote it: logo = "true"
TestErrors_types_identity.toml:8:11: identity.created must be a date such as 2016-09-01 or text such as "Desember 2013", not a time (07:30:00)
TestErrors_types_identity.toml:9:11: identity.revised must be a date such as 2016-09-01 or text such as "Desember 2013", not a list
TestErrors_types_identity.toml:10:30: item 2 of identity.legal_basis must be a string, not an integer (2008)
TestErrors_types_identity.toml:11:12: identity.approver must be a table such as { title = "...", name = "...", nip = "..." }, not a string ("Kepala")
TestErrors_types_identity.toml:14:6: labels.no must be a string, not an integer (1)
TestErrors_types_identity.toml:15:12: labels.activity must be a string, not a table
TestErrors_types_identity.toml:16:1: unknown label "nomor_pos" (did you mean "no"?); labels: title, no, activity, actors, standard, requirements, time, output, note, start, end, yes_label, no_label, page, page_of, number, created, revised, effective, approved_by, name, legal_basis, qualifications, related, equipment, warnings, records, nip`,
	},
	{
		name: "types_step",
		toml: `name = "Uji"
actors = ["Pemohon", "Petugas"]

[[steps]]
id = 1
actor = 3
activity = 3
time = 5
requirements = 2016-09-01
kind = 1
next = true

[[steps]]
actor = "Petugas"
activity = "Memeriksa"
`,
		wantErr: `TestErrors_types_step.toml:5:6: step 1: id must be a string, not an integer (1); use a name such as "s1"
TestErrors_types_step.toml:6:9: step 1: actor must be an actor name or a list of them, not an integer (3)
TestErrors_types_step.toml:7:12: step 1: activity must be a string, not an integer (3); quote it: activity = "3"
TestErrors_types_step.toml:8:8: step 1: time must be a string, not an integer (5); quote it, with its unit: time = "5 menit"
TestErrors_types_step.toml:9:16: step 1: requirements must be a string, not a date (2016-09-01); quote it: requirements = "2016-09-01"
TestErrors_types_step.toml:10:8: step 1: kind must be a string, not an integer (1); use "start", "process", "decision" or "end"
TestErrors_types_step.toml:11:8: step 1: next must be a step id (a string) or a step number (an integer), not a boolean (true)`,
	},
	{
		name: "types_step_links",
		toml: `name = "Uji"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = ["Petugas", 2]
activity = "Memeriksa"
note = false
yes_label = 1
no = 1.5

[[steps]]
actor = "Petugas"
activity = "Menyimpan"
`,
		wantErr: `TestErrors_types_step_links.toml:5:21: step 1: item 2 of actor must be a string, not an integer (2)
TestErrors_types_step_links.toml:7:8: step 1: note must be a string, not a boolean (false); quote it: note = "false"
TestErrors_types_step_links.toml:8:13: step 1: yes_label must be a string, not an integer (1); quote it: yes_label = "1"
TestErrors_types_step_links.toml:9:6: step 1: no must be a step id (a string) or a step number (an integer), not a number (1.5)`,
	},
	{
		name: "steps_not_array",
		toml: `name = "Uji"
actors = ["Pemohon"]

[steps]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_steps_not_array.toml:4:1: steps must be an array of tables: write [[steps]], not [steps]`,
	},
	{
		name: "steps_inline_not_tables",
		toml: `name = "Uji"
actors = ["Pemohon"]
steps = [{ actor = "Pemohon", activity = "Mengajukan" }, "x"]
`,
		wantErr: `TestErrors_steps_inline_not_tables.toml:3:58: step 2 must be a table, not a string ("x")`,
	},

	// Missing and empty values.
	{
		name: "missing_top",
		toml: `# nothing but a comment
`,
		wantErr: `TestErrors_missing_top.toml:1:1: missing actors; add actors = ["...", ...], the job titles that carry out the steps, at the top of the file
TestErrors_missing_top.toml:1:1: missing name; add name = "...", the name of the SOP, at the top of the file
TestErrors_missing_top.toml:1:1: missing steps; add a [[steps]] table for each step`,
	},
	{
		name: "missing_step_keys",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
time = "5 menit"

[[steps]]
actor = "Pemohon"
`,
		wantErr: `TestErrors_missing_step_keys.toml:4:1: step 1: missing activity; add activity = "...", what is done in this step
TestErrors_missing_step_keys.toml:4:1: step 1: missing actor; add actor = "...", one of the actors
TestErrors_missing_step_keys.toml:7:1: step 2: missing activity; add activity = "...", what is done in this step`,
	},
	{
		name: "empty_values",
		toml: `name = "  "
actors = ["Pemohon"]
steps = []
`,
		wantErr: `TestErrors_empty_values.toml:1:8: name is empty
TestErrors_empty_values.toml:3:9: steps is empty; add a [[steps]] table for each step`,
	},
	{
		name: "empty_activity",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = """
   
"""
`,
		wantErr: `TestErrors_empty_activity.toml:6:12: step 1: activity is empty; say what is done in this step`,
	},

	// Actors.
	{
		name: "empty_actors",
		toml: `name = "Uji"
actors = []

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_empty_actors.toml:2:10: actors is empty; list the job titles that carry out the steps`,
	},
	{
		name: "bad_actor_names",
		toml: `name = "Uji"
actors = [
  "Pemohon",
  " ",
  "Petugas",
  "Pemohon",
  7,
]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
`,
		wantErr: `TestErrors_bad_actor_names.toml:4:3: actor 2 is empty
TestErrors_bad_actor_names.toml:6:3: duplicate actor "Pemohon"
TestErrors_bad_actor_names.toml:7:3: actor 5 must be a string, not an integer (7)`,
	},
	{
		name: "unknown_actor",
		toml: `name = "Uji"
actors = ["Pemohon", "Petugas Layanan", "Kepala Dinas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Petugass Layanan"
activity = "Memeriksa"

[[steps]]
actor = ["Kepala Dinas", "Kabag", "Kepala Dinas", ""]
activity = "Menandatangani"
`,
		wantErr: `TestErrors_unknown_actor.toml:9:9: step 2: unknown actor "Petugass Layanan" (did you mean "Petugas Layanan"?)
TestErrors_unknown_actor.toml:13:26: step 3: unknown actor "Kabag"; add it to actors, or use one of "Pemohon", "Petugas Layanan", "Kepala Dinas"
TestErrors_unknown_actor.toml:13:35: step 3: actor "Kepala Dinas" is listed twice
TestErrors_unknown_actor.toml:13:51: step 3: actor is empty`,
	},
	{
		name: "empty_joint_actor",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = []
activity = "Mengajukan"
`,
		wantErr: `TestErrors_empty_joint_actor.toml:5:9: step 1: actor is an empty list; name at least one actor`,
	},

	// Kinds.
	{
		name: "bad_kind",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
kind = "strat"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
kind = "keputusan"

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
kind = "box"
`,
		wantErr: `TestErrors_bad_kind.toml:7:8: step 1: unknown kind "strat" (did you mean "start"?); use "start", "process", "decision" or "end"
TestErrors_bad_kind.toml:12:8: step 2: unknown kind "keputusan" (did you mean "decision"?); use "start", "process", "decision" or "end"
TestErrors_bad_kind.toml:17:8: step 3: unknown kind "box"; use "start", "process", "decision" or "end"`,
	},
	{
		name: "start_not_first",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
kind = "start"

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
`,
		wantErr: `TestErrors_start_not_first.toml:11:8: step 2: only step 1 can be a start; use kind = "process"`,
	},
	{
		name: "last_step_without_successor",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
kind = "process"
`,
		wantErr: `TestErrors_last_step_without_successor.toml:8:1: step 2 has no following step; add next = <step id or number> or kind = "end"`,
	},

	// Ids and references.
	{
		name: "bad_ids",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
id = "isi"
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
id = "3"
actor = "Pemohon"
activity = "Memeriksa"

[[steps]]
id = "isi"
actor = "Pemohon"
activity = "Menyimpan"

[[steps]]
id = ""
actor = "Pemohon"
activity = "Mengarsipkan"
`,
		wantErr: `TestErrors_bad_ids.toml:10:6: step 2: id "3" could be mistaken for a step number; use a name such as "s3"
TestErrors_bad_ids.toml:15:6: step 3: duplicate id "isi"; step 1 has it too
TestErrors_bad_ids.toml:20:6: step 4: id is empty`,
	},
	{
		name: "unknown_references",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
id = "isi"
actor = "Pemohon"
activity = "Mengajukan"
next = "arsp"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
no = "1"
yes = 9

[[steps]]
id = "arsip"
actor = "Pemohon"
activity = "Menyimpan"
next = 0
kind = "process"

[[steps]]
actor = "Pemohon"
activity = "Selesai"
`,
		wantErr: `TestErrors_unknown_references.toml:8:8: step 1: next = "arsp": no step has this id (did you mean "arsip"?)
TestErrors_unknown_references.toml:13:6: step 2: no = "1": no step has this id; to name step 1 by its number, write no = 1 without quotes
TestErrors_unknown_references.toml:14:7: step 2: yes = 9 is out of range 1..4
TestErrors_unknown_references.toml:20:8: step 3: next = 0 is out of range 1..4`,
	},
	{
		name: "references_skipped_after_bad_id",
		// With an invalid id, a reference to an unknown id may be meant for
		// it: only the id is reported.
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
next = "akhir"

[[steps]]
id = 2
actor = "Pemohon"
activity = "Memeriksa"
`,
		wantErr: `TestErrors_references_skipped_after_bad_id.toml:10:6: step 2: id must be a string, not an integer (2); use a name such as "s2"`,
	},
	{
		name: "self_reference",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
id = "cek"
actor = "Pemohon"
activity = "Memeriksa"
no = "cek"

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
`,
		wantErr: `TestErrors_self_reference.toml:12:6: step 2: no leads back to the step itself`,
	},

	// Decisions and links that do not fit the kind.
	{
		name: "decision_exits",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
kind = "decision"

[[steps]]
actor = "Pemohon"
activity = "Menimbang"
no = 4
yes_label = "Lengkap"

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
kind = "decision"
no = 1
`,
		wantErr: `TestErrors_decision_exits.toml:8:1: step 2: the decision has no "no" exit; add no = <step id or number>
TestErrors_decision_exits.toml:16:6: step 3: both exits of the decision lead to step 4; send no elsewhere, or make the step a process
TestErrors_decision_exits.toml:19:1: step 4: the decision's yes exit has no following step; add yes = <step id or number>`,
	},
	{
		name: "links_for_wrong_kind",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
kind = "start"
yes = 2
no_label = "Tidak lengkap"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
kind = "decision"
next = 3
no = 1

[[steps]]
actor = "Pemohon"
activity = "Menyimpan"
kind = "end"
next = 1
`,
		wantErr: `TestErrors_links_for_wrong_kind.toml:8:1: step 1: yes is only for decisions; remove it, or set kind = "decision"
TestErrors_links_for_wrong_kind.toml:9:1: step 1: no_label is only for decisions; remove it, or set kind = "decision"
TestErrors_links_for_wrong_kind.toml:15:1: step 2: a decision leaves by yes and no, not next; write yes = ... or no = ...
TestErrors_links_for_wrong_kind.toml:22:1: step 3: an end step has no next; remove next, or set another kind`,
	},

	// The shape of the flow.
	{
		name: "unreachable",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"
next = "akhir"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"

[[steps]]
actor = "Pemohon"
activity = "Menimbang"

[[steps]]
id = "akhir"
actor = "Pemohon"
activity = "Menyimpan"
`,
		wantErr: `TestErrors_unreachable.toml:9:1: step 2 cannot be reached from step 1; lead a next, yes or no to it, or remove it
TestErrors_unreachable.toml:13:1: step 3 cannot be reached from step 1; lead a next, yes or no to it, or remove it`,
	},
	{
		name: "loop_without_way_out",
		toml: `name = "Uji"
actors = ["Pemohon", "Petugas"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Petugas"
activity = "Memeriksa"
no = "tolak"

[[steps]]
id = "ulang"
actor = "Petugas"
activity = "Mengulang"

[[steps]]
actor = "Petugas"
activity = "Meminta ulang"
next = "ulang"

[[steps]]
id = "tolak"
actor = "Pemohon"
activity = "Menerima penolakan"
`,
		wantErr: `TestErrors_loop_without_way_out.toml:13:1: no end can be reached from step 3: steps 3 and 4 loop with no way out; add a decision that leaves the loop`,
	},
	{
		name: "no_end",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
actor = "Pemohon"
activity = "Mengajukan"

[[steps]]
actor = "Pemohon"
activity = "Memeriksa"
next = 1
`,
		wantErr: `TestErrors_no_end.toml:8:1: the flow has no end step; set kind = "end" on the step that ends the procedure`,
	},

	// Several problems at once, sorted by position.
	{
		name: "many",
		toml: `name = "Uji"
actors = ["Pemohon", "Petugas", "Pemohon"]

[identity]
created = 07:30:00
unt = "DINAS"

[[steps]]
actor = "Pemohn"
activity = "Mengajukan"
kind = "mulai"

[[steps]]
actor = "Petugas"
activity = ""
time = 10
no = "tolak"

[[steps]]
id = "tolak"
actor = "Atasan"
activity = "Menolak"
`,
		wantErr: `TestErrors_many.toml:2:33: duplicate actor "Pemohon"
TestErrors_many.toml:5:11: identity.created must be a date such as 2016-09-01 or text such as "Desember 2013", not a time (07:30:00)
TestErrors_many.toml:6:1: unknown key "unt" in [identity] (did you mean "unit"?)
TestErrors_many.toml:9:9: step 1: unknown actor "Pemohn" (did you mean "Pemohon"?)
TestErrors_many.toml:11:8: step 1: unknown kind "mulai" (did you mean "start"?); use "start", "process", "decision" or "end"
TestErrors_many.toml:15:12: step 2: activity is empty; say what is done in this step
TestErrors_many.toml:16:8: step 2: time must be a string, not an integer (10); quote it, with its unit: time = "10 menit"
TestErrors_many.toml:17:6: step 2: both exits of the decision lead to step 3; send no elsewhere, or make the step a process
TestErrors_many.toml:21:9: step 3: unknown actor "Atasan"; add it to actors, or use one of "Pemohon", "Petugas"`,
	},
	{
		name: "capped",
		toml: `name = "Uji"
actors = ["Pemohon"]

[[steps]]
a1 = 1
a2 = 1
a3 = 1
a4 = 1
a5 = 1
a6 = 1
a7 = 1
a8 = 1
a9 = 1
a10 = 1
a11 = 1
a12 = 1
`,
		wantErr: `TestErrors_capped.toml:4:1: step 1: missing activity; add activity = "...", what is done in this step
TestErrors_capped.toml:4:1: step 1: missing actor; add actor = "...", one of the actors
TestErrors_capped.toml:5:1: unknown key "a1" in step 1
TestErrors_capped.toml:6:1: unknown key "a2" in step 1
TestErrors_capped.toml:7:1: unknown key "a3" in step 1
TestErrors_capped.toml:8:1: unknown key "a4" in step 1
TestErrors_capped.toml:9:1: unknown key "a5" in step 1
TestErrors_capped.toml:10:1: unknown key "a6" in step 1
TestErrors_capped.toml:11:1: unknown key "a7" in step 1
TestErrors_capped.toml:12:1: unknown key "a8" in step 1
(and 4 more errors)`,
	},
}

func TestErrors(t *testing.T) {
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			file := testFile(t)
			p, err := Parse(file, []byte(tt.toml))
			if err == nil {
				t.Fatalf("Parse succeeded with %d steps; want error:\n%s", len(p.Steps), tt.wantErr)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error is %T, want ErrorList", err)
			}
			if got := err.Error(); got != tt.wantErr {
				t.Errorf("Parse error:\n%s\nwant:\n%s", got, tt.wantErr)
			}
		})
	}
}

func TestErrorListManners(t *testing.T) {
	var l ErrorList
	if got := l.Error(); got != "no errors" {
		t.Errorf("empty list: %q, want %q", got, "no errors")
	}
	for i := 0; i < 12; i++ {
		l.Add(Pos{File: "a.toml", Line: i + 1, Col: 1}, "problem %d", i)
	}
	var b strings.Builder
	PrintError(&b, l)
	if n := strings.Count(b.String(), "\n"); n != 12 {
		t.Errorf("PrintError printed %d lines, want all 12:\n%s", n, b.String())
	}
	if !strings.Contains(l.Error(), "(and 2 more errors)") {
		t.Errorf("Error() = %q, want the first ten and a count", l.Error())
	}
	b.Reset()
	PrintError(&b, errors.New("plain"))
	if b.String() != "plain\n" {
		t.Errorf("PrintError(plain) = %q", b.String())
	}
	if got := len(l.Unwrap()); got != 12 {
		t.Errorf("Unwrap: %d errors, want 12", got)
	}
}
