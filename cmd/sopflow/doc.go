/*
Sopflow draws the flowchart table of an SOP Administrasi Pemerintahan
(Permenpan RB 35/2012) from a TOML file, as SVG, PNG, PDF or layout JSON,
and the same procedure as a BPMN-style swimlane view, BPMN 2.0 XML or
Graphviz DOT.

Usage:

	sopflow render [flags] FILE...
	sopflow check [flags] FILE...
	sopflow version          (or sopflow --version)
	sopflow help [command]

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
		Write to PATH: a file; a directory, required with several FILEs
		(created if it does not exist; a PATH ending in "/" is always a
		directory); or "-" for standard output (one FILE only).
	-f, --format FORMAT
		svg, json, png, pdf, bpmn (BPMN 2.0 XML with diagram
		interchange, the swimlane view on one wide page) or dot (the
		Graphviz source of the procedure graph, one cluster per actor).
		Default: from the extension of -o, else svg.
	--paper SIZE
		a4 (default), f4 (215 x 330 mm), letter or legal.
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
		id (default) or en: the language of the printed labels.
	--dpi N
		The PNG resolution in dots per inch. Default 150. Ignored by the
		other formats.
	--single
		SVG only: stack all pages in one file.
	--view VIEW
		table (default): the SOP AP flowchart table; bpmn: the swimlane
		view (pool, one lane per actor, BPMN events, tasks and gateways),
		in svg, png, pdf or json. The view is laid out once and scaled
		down to fit one page of the paper, as far as 6 pt text allows;
		a larger one is cut into pages of whole columns, joined by BPMN
		link events (A, B, ...). Every page is the paper's size. With
		--tall it is one page at full size, as large as it needs.
	--ranker PATH
		The sopflow-rank helper that the bpmn view and -f bpmn run to
		rank the nodes with Graphviz's dot (kept out of sopflow so that
		the table never pays for loading Graphviz). Default: beside the
		sopflow executable, else in PATH. go install ./cmd/... in a
		clone of sopflow installs both. A ranking that takes more than
		2 minutes is stopped.
	-h, --help
		Print the help of render.

A document of several pages gives one PNG per page, named sop-1.png,
sop-2.png, ... (with -o x.png: x-1.png, x-2.png, ...); SVG does the same
unless --single is given. A one-page document gives sop.png or sop.svg.
PDF and JSON always hold every page in one file. On standard output, SVG
stacks the pages, and PNG is refused for a document of several pages.
Render does not remove the files of an earlier run: if a document shrinks
from three pages to two, sop-3.png stays.

# Check

Check reads each FILE and prints every problem, one per line, sorted by
position, in the form

	path/sop.toml:12:9: step 3: unknown actor "Petugass" (did you mean "Petugas"?)

It checks the TOML syntax, the keys and their types, the actors, the
steps and their references, the shape of the flow (every step reachable,
an end reachable from every step), the logo file (it must exist and be a
PNG or JPEG image) and the keys of the [labels] table. It prints nothing
when every FILE is valid and writes no file. Render makes the same checks
before it writes anything.

# Errors and exit status

Errors go to standard error, one per line. A problem in a FILE is printed
as file:line:col: message; every problem is printed, not only the first
ten. Other errors start with "sopflow: ".

Each output is rendered in memory, written to a temporary file in its
directory and renamed into place, so a failed run never leaves a partial
file nor replaces a good one. A FILE with a problem writes nothing; the
other FILEs are still processed.

The exit status is the worst of all FILEs:

	0  all went well
	1  a FILE is invalid, or could not be rendered or written
	2  the command line is wrong: unknown command or flag, bad flag value, no FILE

# Version

Version prints "sopflow" and the version: the one set at link time with
-ldflags "-X main.version=v1.2.3", else the module version recorded by
go install, else "dev".
*/
package main
