/*
Sopflow draws the flowchart table of an SOP Administrasi Pemerintahan
(Permenpan RB 35/2012) from a TOML file, as SVG, PNG, PDF or layout JSON,
and the same procedure as a BPMN-style swimlane view, BPMN 2.0 XML or
Graphviz DOT.

Usage:

	sopflow render [flags] FILE...
	sopflow check [flags] FILE...
	sopflow lint [flags] FILE...
	sopflow init [--xlsx] [FILE]
	sopflow convert [--to toml|json|xlsx] FILE -o OUT
	sopflow fmt [-w | -l | -d] FILE...
	sopflow completion SHELL (bash, zsh or fish)
	sopflow version          (or sopflow --version)
	sopflow help [command]

A FILE is an SOP in TOML, in JSON (.json, or standard input starting with
"{"), or a spreadsheet: an XLSX workbook (.xlsx, or standard input that
is one) or the Langkah sheet as CSV (.csv); see package sheet.

Every command takes -h or --help. FILE "-" is standard input; its errors
are reported as "<stdin>:line:col: ...", and a logo it names is looked up
relative to the current directory (a file's logo is looked up relative to
the file's directory).

# Render

Render lays out each FILE and writes it. Without -o, the output goes next
to its FILE with the format's extension: sop.toml gives sop.svg. When FILE
is "-" and -o is not given, the output goes to standard output.

The flags are:

	-o, --output PATH
		Write to PATH: a file named after its format (.svg, .png, .pdf,
		.json, .bpmn or .dot; any other extension, none, or one that
		disagrees with -f is refused); a directory, required with several
		FILEs (created if it does not exist; a PATH ending in "/" is always
		a directory; an existing directory named like a file, such as
		x.pdf, is refused); "-" for standard output (one FILE only); or an
		existing file that is not a regular one, such as /dev/null or a
		FIFO, written straight as one stream, like standard output. A
		symbolic link is followed: its target is replaced and keeps its
		permissions. A second FILE named like an output (render in.toml
		out.pdf) is refused with the hint -o out.pdf.
	-f, --format FORMAT
		svg, json, png, pdf, bpmn (BPMN 2.0 XML with diagram
		interchange, the swimlane view on one wide page) or dot (the
		Graphviz source of the procedure graph, one cluster per actor).
		Default: from the extension of -o, else svg.
	--paper SIZE
		a4 (default), a3, f4 (215 x 330 mm), letter, legal, or any size
		as WxHmm, such as 210x330mm. Flag values are read in any case:
		-f PDF, --paper A4.
	--orientation ORIENTATION
		landscape (default) or portrait.
	--margin MM
		The page margin in millimetres, more than 0. Default 10. Layout
		refuses a margin too wide for the paper.
	--tall
		Lay the whole table out as one page as tall as it needs, without
		the identity page and without page breaks. With --view bpmn: the
		whole view on one page as large as it needs, at full size.
	--no-identity
		Leave out the identity page.
	--profile PROFILE
		The printed labels: permenpan35 (default) or permendagri52
		(TGL. PENGESAHAN, URAIAN PROSEDUR, PERSYARATAN/KELENGKAPAN).
		A [labels] table in the file overrides single labels.
	--lang LANGUAGE
		id (default) or en: the language of the printed labels and of
		the PDF's Subject.
	--dpi N
		The PNG resolution in dots per inch, from 10 to 2400. Default 150.
		Ignored by the other formats.
	--single
		SVG only: stack all pages in one file.
	--embed-font
		SVG only: embed the glyphs the text uses, as subsets of the
		embedded Liberation Sans in CSS @font-face rules (some 20 to 60 KB
		of base64), so that the SVG looks the same on every machine, as
		the PDF and PNG do. Without it the SVG uses the viewer's
		Liberation Sans or Arial.
	--view VIEW
		table (default): the SOP AP flowchart table; bpmn: the swimlane
		view (pool, one lane per actor, BPMN events, tasks and gateways),
		in svg, png, pdf or json. The view is laid out once and scaled
		down to fit one page of the paper, as far as 6 pt text allows;
		a larger one wraps into bands of lanes stacked on the page, and
		onto further pages, joined by BPMN link events (A, B, ...).
		Every page is the paper's size. With
		--tall it is one page at full size, as large as it needs.
	--ranker PATH
		The sopflow-rank helper that the bpmn view and -f bpmn run to
		rank the nodes with Graphviz's dot (kept out of sopflow so that
		the table never pays for loading Graphviz). Default: beside the
		sopflow executable, else in PATH. go install ./cmd/... in a clone
		of the repository installs both (the module is not on the public
		Go proxy, so go install with @latest does not work). A ranking
		that takes more than 2 minutes is stopped.
	-v, --verbose
		Print each file written on standard error. This is the default
		when standard error is a terminal.
	-q, --quiet
		Print only errors.
	--limit NAME=N
		Raise (or lower) a limit of the input: bytes (default 8388608),
		depth (nesting of tables, arrays and dotted keys, 16), key (bytes
		in one key, 256), steps (20000) or actors (1000); 0 is the
		default, -1 no limit. Repeat for several. Check takes it too.
		Input beyond a limit is refused before it is decoded, with its
		position and the flag to raise it.
	-h, --help
		Print the help of render.

A document of several pages gives one PNG per page, named sop-1.png,
sop-2.png, ... (with -o x.png: x-1.png, x-2.png, ...); SVG does the same
unless --single is given. A one-page document gives sop.png or sop.svg.
PDF and JSON always hold every page in one file. On standard output, SVG
stacks the pages, and PNG is refused for a document of several pages.
Render does not remove the files of an earlier run: if a document shrinks
from three pages to two, sop-3.png stays.

The PDF's creation and modification dates are fixed (2000-01-01) so that
the same input gives the same bytes; the environment variable
SOURCE_DATE_EPOCH (seconds since 1970) sets them otherwise.

# Check

Check reads each FILE and prints every problem, one per line, sorted by
position, in the form

	path/sop.toml:12:9: step 3: unknown actor "Petugass" (did you mean "Petugas"?)

It checks the TOML syntax, the keys and their types, the actors, the
steps and their references, the shape of the flow (every step reachable,
an end reachable from every step), the logo file (it must exist and be a
PNG or JPEG image, within the size limits) and the keys of the [labels]
table. It prints nothing when every FILE is valid and writes no file.
Render makes the same checks before it writes anything.

Check and render also print warnings, "file:line:col: warning: ...",
which do not change the exit status (render -q silences them): an actor
that carries out no step; characters the embedded font has no glyph for
(PNG and PDF draw its empty box); right-to-left text, drawn left to right.

Check --format json prints, on standard output, one report per FILE:
{"file", "valid", "problems": [{"file", "line", "col", "severity",
"message"}]}, errors and warnings together, for editors and CI.

# Lint

Lint checks each FILE as check does, then warns, on standard output,
about what an SOP reviewer would send back, each warning with its
position and a rule id: unused-actor, missing-quality (no WAKTU or OUTPUT
where other steps have one), duration (a WAKTU that is not a duration),
default-labels (a decision printed Ya/Tidak whose activity is not a
question), no-verb (an activity that does not start with a verb),
too-large (more than 25 steps or 8 actors), duplicate-activity. It also
prints the main path, down the table without correction loops, and the
sum of its WAKTU in working time (1 hari = 8 jam). --format json adds the
main path to check's report; --format sarif prints SARIF 2.1.0 for code
scanning. Its exit status is 1 when a FILE is invalid or has a warning.

# Init

Init writes a starting SOP, every key explained in an Indonesian comment,
to FILE or standard output. It never overwrites a file.

# Errors and exit status

Errors go to standard error, one per line. A problem in a FILE is printed
as file:line:col: message; every problem is printed, not only the first
ten, up to 50 per FILE and then "and N more errors". Other errors start
with "sopflow: ".

Each output is written to a temporary file beside it (named .sopflow-*)
and renamed into place once every file of its FILE is written, so a
failed run never leaves a partial file nor replaces a good one. The pages
of a PNG or SVG run are drawn one at a time, each straight into its
temporary file. On SIGINT, SIGTERM or SIGHUP sopflow finishes the renames
under way (so a document's pages appear all together), removes its
temporary files and exits with 128 + the signal's number; a kill that
cannot be caught (SIGKILL, a power cut) during the renames can leave some
new pages beside old ones. A FILE with a problem writes nothing; the other
FILEs are still processed. Two FILEs whose outputs would have the same name,
page numbers included (x.toml of two pages writes x-1.png, as x-1.toml
would), are refused: the second one fails with exit status 1.

The exit status is the worst of all FILEs:

	0  all went well
	1  a FILE is invalid, or could not be rendered or written
	2  the command line is wrong: unknown command or flag, bad flag value, no FILE
	3  sopflow crashed (a bug; the message asks to report it)

# Version

Version prints "sopflow" and the version: the one set at link time with
-ldflags "-X main.version=v1.2.3", else the module version recorded by
go install, else "dev".
*/
package main
