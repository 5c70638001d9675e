package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sopflow/sopflow/bpmn"
	"github.com/sopflow/sopflow/flow"
	"github.com/sopflow/sopflow/render"
	"github.com/sopflow/sopflow/table"
)

// This file is the rendering pipeline of the API: the options a request
// gives, the reading of its document (TOML or JSON, a logo as a data URL
// or a multipart part) and the drawing in every format.

// Formats beyond render's: BPMN 2.0 XML and the Graphviz source.
const (
	formatBPMN = "bpmn"
	formatDOT  = "dot"
)

// contentTypes are the media types of the answers, by format.
var contentTypes = map[string]string{
	"svg":      "image/svg+xml",
	"pdf":      "application/pdf",
	"png":      "image/png",
	"json":     "application/json",
	formatBPMN: "application/xml",
	formatDOT:  "text/vnd.graphviz",
	"zip":      "application/zip",
}

// formats lists the formats in the order messages name them.
const formatList = "svg, pdf, png, json, bpmn or dot"

// The range of the dpi parameter, and the largest PNG page drawn: A4 at
// 600 dpi is 35 megapixels, whose image and rasterizer take some 280 MB;
// the service stops at 20 megapixels a page (A3 at 300 dpi), so that a
// render holds at most about 160 MB whatever the request.
const (
	minDPI       = 10
	maxDPI       = 600
	maxPNGPixels = 20 << 20
)

// options are the rendering options of one request, checked.
type options struct {
	format     string // svg, pdf, png, json, bpmn or dot
	view       string // table or bpmn
	paper      render.Paper
	portrait   bool
	margin     float64 // mm
	tall       bool
	noIdentity bool
	profile    render.Profile
	lang       string
	page       int // 1-based; 0: every page
	dpi        float64
	quick      bool
	embedFont  bool
	// file is the SOP's path inside Root (the API routes of a server with
	// a folder): its name in positions, and where its logo's path starts.
	file string
}

// key is a canonical form of o, for the cache.
func (o options) key() string {
	return fmt.Sprintf("%s|%s|%s|%g|%g|%t|%g|%t|%t|%s|%s|%d|%g|%t|%t|%q", o.format, o.view, o.paper.Name,
		o.paper.Width, o.paper.Height, o.portrait, o.margin, o.tall, o.noIdentity, o.profile, o.lang,
		o.page, o.dpi, o.quick, o.embedFont, o.file)
}

// optionNames are the query parameters of the rendering routes.
var optionNames = []string{"format", "view", "paper", "orientation", "margin", "tall", "no-identity",
	"profile", "lang", "page", "dpi", "quick", "embed-font", "file"}

// badRequest is a request that cannot be answered as asked: 400.
type badRequest struct{ msg, hint string }

func (e *badRequest) Error() string { return e.msg }

func badf(hint, format string, args ...any) error {
	return &badRequest{msg: fmt.Sprintf(format, args...), hint: hint}
}

// parseOptions reads the options from get (a query parameter by name).
// format is the format given in the path, or "". strict refuses a
// parameter it does not know (the /api routes); the Kroki routes ignore
// them, as Kroki does, and file too.
func parseOptions(params map[string][]string, format string, strict bool) (options, error) {
	a4, _ := render.PaperSize("a4")
	o := options{format: "svg", view: "table", margin: 10, profile: render.Permenpan35, lang: "id", dpi: 150, paper: a4}
	get := func(name string) (string, bool) {
		v, ok := params[name]
		if !ok {
			v, ok = params[strings.ReplaceAll(name, "-", "_")]
		}
		if !ok || len(v) == 0 {
			return "", false
		}
		return strings.TrimSpace(v[len(v)-1]), true
	}
	if strict {
		for name := range params {
			if !knownOption(name) {
				return o, badf(suggest(name, optionNames), "unknown parameter %q (want %s)", name, strings.Join(optionNames, ", "))
			}
		}
	}
	boolean := func(name string) (bool, error) {
		v, ok := get(name)
		if !ok {
			return false, nil
		}
		switch strings.ToLower(v) {
		case "", "1", "true", "yes", "on":
			return true, nil
		case "0", "false", "no", "off":
			return false, nil
		}
		return false, badf("", "parameter %s=%q: want 1 or 0 (true or false)", name, v)
	}
	var err error
	if v, ok := get("format"); ok && format == "" {
		format = v
	}
	if format != "" {
		f := strings.ToLower(format)
		if _, ok := contentTypes[f]; !ok || f == "zip" {
			return o, badf(suggest(f, strings.Split("svg pdf png json bpmn dot", " ")), "unknown format %q (want %s)", format, formatList)
		}
		o.format = f
	}
	if v, ok := get("view"); ok {
		switch v = strings.ToLower(v); v {
		case "table", "bpmn":
			o.view = v
		default:
			return o, badf("", "unknown view %q (want table or bpmn)", v)
		}
	}
	if v, ok := get("paper"); ok {
		if o.paper, err = paperNamed(v); err != nil {
			return o, err
		}
	}
	if v, ok := get("orientation"); ok {
		switch strings.ToLower(v) {
		case "landscape":
		case "portrait":
			o.portrait = true
		default:
			return o, badf("", "unknown orientation %q (want landscape or portrait)", v)
		}
	}
	if v, ok := get("margin"); ok {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil || !(m > 0 && m <= 100) {
			return o, badf("", "margin %q: want a number of millimetres more than 0, at most 100", v)
		}
		o.margin = m
	}
	if o.tall, err = boolean("tall"); err != nil {
		return o, err
	}
	if o.noIdentity, err = boolean("no-identity"); err != nil {
		return o, err
	}
	if o.quick, err = boolean("quick"); err != nil {
		return o, err
	}
	if o.embedFont, err = boolean("embed-font"); err != nil {
		return o, err
	}
	if v, ok := get("profile"); ok {
		o.profile = render.Profile(strings.ToLower(v))
		if _, err := render.NewLabels(o.profile, "id", nil); err != nil {
			return o, badf("", "unknown profile %q (want %s or %s)", v, render.Permenpan35, render.Permendagri52)
		}
	}
	if v, ok := get("lang"); ok {
		o.lang = strings.ToLower(v)
		if _, err := render.NewLabels(render.Permenpan35, o.lang, nil); err != nil {
			return o, badf("", "unknown lang %q (want id or en)", v)
		}
	}
	if v, ok := get("page"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			return o, badf("", "page %q: want a page number from 1", v)
		}
		o.page = n
	}
	if v, ok := get("dpi"); ok {
		d, err := strconv.ParseFloat(v, 64)
		if err != nil || !(d >= minDPI && d <= maxDPI) {
			return o, badf("", "dpi %q: want %d to %d", v, minDPI, maxDPI)
		}
		o.dpi = d
	}
	if v, ok := get("file"); ok && strict {
		if err := checkSOPName(v); err != nil {
			return o, badf("file is the SOP's path inside the served folder, such as sub/sop.toml", "file: %v", err)
		}
		o.file = v
	}
	if o.page > 0 && o.format != "svg" && o.format != "png" {
		return o, badf("leave page out: PDF and JSON hold every page", "page is for svg and png, not %s", o.format)
	}
	if o.embedFont && o.format != "svg" {
		return o, badf("", "embed-font is for svg, not %s", o.format)
	}
	return o, nil
}

// knownOption reports whether name is an option's parameter, with - or _.
func knownOption(name string) bool {
	n := strings.ReplaceAll(name, "_", "-")
	for _, o := range optionNames {
		if o == n {
			return true
		}
	}
	return false
}

// suggest returns `did you mean "x"?` for the name of names a misspelt s
// was meant to be (flow.Suggester's), or "".
func suggest(s string, names []string) string {
	m := new(flow.Suggester).DidYouMean(s, names)
	return strings.TrimSuffix(strings.TrimPrefix(m, " ("), ")")
}

// maxPaperSide is the longest side of a paper the service draws on, in
// millimetres, less than render.ParsePaper's.
const maxPaperSide = 2000

// paperNamed returns the paper called name, as sopflow render's --paper
// reads it (render.ParsePaper), with sides up to maxPaperSide.
func paperNamed(name string) (render.Paper, error) {
	p, err := render.ParsePaper(name)
	if err != nil {
		return p, badf("", "%v", err)
	}
	if max(p.Width, p.Height) > maxPaperSide*render.Mm+1e-9 {
		return render.Paper{}, badf("", "paper %s is out of range (want each side from %d to %d mm)", name, render.MinPaperSide, maxPaperSide)
	}
	return p, nil
}

// document is the SOP of a request, as sent.
type document struct {
	src  []byte
	json bool   // src is the JSON form
	logo []byte // a logo sent as a multipart part, or nil
}

// docName names the document in positions; Problem leaves it out.
const docName = "sop"

// readDocument reads the SOP of r's body (at most max bytes): TOML, or
// JSON when the Content-Type says so or the body starts with "{"; or, in a
// multipart/form-data body, the part named "sop" (or the first part not
// named "logo") and a part named "logo".
func readDocument(r *http.Request, max int64) (document, error) {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		return readMultipart(r, params["boundary"], max)
	}
	src, err := readAll(r.Body, max)
	if err != nil {
		return document{}, err
	}
	return document{src: src, json: isJSON(ct, src)}, nil
}

// isJSON reports whether a body of Content-Type ct holds the JSON form.
func isJSON(ct string, src []byte) bool {
	if ct == "application/json" || strings.HasSuffix(ct, "+json") {
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// tooLarge is a request over one of the server's limits: 413.
type tooLarge struct{ msg, hint string }

func (e *tooLarge) Error() string { return e.msg }

// bodyTooLarge is the error of a body over max bytes.
func bodyTooLarge(max int64) error {
	return &tooLarge{msg: fmt.Sprintf("the request body is larger than this server's limit of %d bytes", max),
		hint: "the server's operator raises it with sopflow serve --max-body"}
}

// readAll reads r to its end, at most max bytes.
func readAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || int64(len(b)) > max:
		return nil, bodyTooLarge(max)
	case err != nil:
		return nil, badf("", "reading the request body: %v", err)
	}
	return b, nil
}

// readMultipart reads the parts of a multipart/form-data body.
func readMultipart(r *http.Request, boundary string, max int64) (document, error) {
	if boundary == "" {
		return document{}, badf("", "multipart/form-data without a boundary")
	}
	reader, err := r.MultipartReader()
	if err != nil {
		return document{}, badf("", "multipart body: %v", err)
	}
	var doc document
	var have bool
	left := max
	for {
		part, err := reader.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return document{}, bodyTooLarge(max)
		}
		if err != nil {
			return document{}, badf("", "multipart body: %v", err)
		}
		b, err := readAll(part, left)
		if err != nil {
			return document{}, err
		}
		left -= int64(len(b))
		switch name := part.FormName(); {
		case name == "logo":
			doc.logo = b
		case name == "sop" || !have: // else the first part not named logo
			doc.src, have = b, true
			ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
			doc.json = isJSON(ct, b) || strings.HasSuffix(strings.ToLower(part.FileName()), ".json")
		}
	}
	if !have {
		return document{}, badf(`send the SOP as a part named "sop", and the logo as one named "logo"`, "the multipart body has no SOP part")
	}
	return doc, nil
}

// sop is a document read and checked.
type sop struct {
	p        *flow.Procedure
	logo     []byte
	logoFile bool // the logo was read from a file of Root
	labels   render.Labels
	warnings flow.ErrorList
}

// load parses and checks doc: the SOP, its logo, its labels. The error is
// a flow.ErrorList of every problem.
func (a *api) load(doc document, o options) (*sop, error) {
	name := docName
	if o.file != "" {
		name = o.file
	}
	parse := a.parse.Parse
	if doc.json || strings.EqualFold(path.Ext(o.file), ".json") {
		parse = a.parse.ParseJSON
	}
	p, err := parse(name, doc.src)
	if err != nil {
		return nil, err
	}
	var problems flow.ErrorList
	logo, lerr := a.logo(p, doc.logo, name, o.file)
	if lerr != nil {
		problems = append(problems, lerr)
	}
	labels, err := render.NewLabels(o.profile, o.lang, p.Labels)
	if err != nil {
		problems = append(problems, &flow.Error{Pos: flow.Pos{File: name}, Msg: "labels: " + err.Error()})
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	warnings := append(p.Warnings(), render.TextWarnings(p, labels)...)
	warnings.Sort()
	fromFile := a.root != "" && doc.logo == nil && logo != nil && !strings.HasPrefix(strings.ToLower(p.Identity.Logo), "data:")
	return &sop{p: p, logo: logo, logoFile: fromFile, labels: labels, warnings: warnings}, nil
}

// logo returns the logo of p, the document called name: the multipart
// part when one was sent, the image of a data: URL in identity.logo, or,
// when the server has a Root, the file it names there, its path relative
// to the folder of file inside Root (Root itself without file). The API
// reads no other file.
func (a *api) logo(p *flow.Procedure, part []byte, name, file string) ([]byte, *flow.Error) {
	fail := func(msg string) *flow.Error {
		pos := p.Identity.LogoPos
		pos.File = name
		return &flow.Error{Pos: pos, Msg: "identity: logo: " + msg}
	}
	check := func(b []byte) ([]byte, *flow.Error) {
		if _, _, _, err := render.LogoInfo(b); err != nil {
			return nil, fail(strings.TrimPrefix(err.Error(), "logo: "))
		}
		return b, nil
	}
	logo := p.Identity.Logo
	switch {
	case part != nil:
		return check(part)
	case logo == "":
		return nil, nil
	case strings.HasPrefix(strings.ToLower(logo), "data:"):
		b, err := decodeDataURL(logo)
		if err != nil {
			return nil, fail(err.Error())
		}
		return check(b)
	case a.root != "":
		dir := filepath.Join(a.root, filepath.FromSlash(path.Dir(file))) // Root itself for file ""
		b, err := render.LoadLogo(p, render.LogoOptions{Dir: dir, Root: a.root})
		if err != nil {
			var fe *flow.Error
			if errors.As(err, &fe) {
				fe.Pos.File = name
				return nil, fe
			}
			return nil, fail(err.Error())
		}
		return b, nil
	}
	return nil, fail(fmt.Sprintf("the service reads no files, so %q cannot be read; send the logo as a data: URL (data:image/png;base64,...) or as a multipart part named \"logo\"", logo))
}

// decodeDataURL returns the bytes of a base64 data: URL of a PNG or JPEG
// image.
func decodeDataURL(s string) ([]byte, error) {
	meta, data, ok := strings.Cut(s[len("data:"):], ",")
	if !ok {
		return nil, errors.New(`a data: URL needs a "," before its data`)
	}
	parts := strings.Split(strings.ToLower(meta), ";")
	if parts[len(parts)-1] != "base64" {
		return nil, errors.New("a data: URL of an image must be base64 (data:image/png;base64,...)")
	}
	switch parts[0] {
	case "image/png", "image/jpeg", "image/jpg", "":
	default:
		return nil, fmt.Errorf("a data: URL of type %s; want image/png or image/jpeg", parts[0])
	}
	data = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, data)
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		if b2, err2 := base64.RawStdEncoding.DecodeString(data); err2 == nil {
			return b2, nil
		}
		return nil, fmt.Errorf("the data: URL is not valid base64: %v", err)
	}
	return b, nil
}

// answer is the body of a successful answer and its media type.
type answer struct {
	ctype string
	body  []byte
}

// draw lays s out and encodes it as o asks.
func (a *api) draw(ctx context.Context, s *sop, o options) (answer, error) {
	d, err := a.layout(ctx, s, o)
	if err != nil {
		return answer{}, err
	}
	if d == nil { // a format that writes the procedure, not a layout
		return a.procedure(ctx, s, o)
	}
	return encode(ctx, d, o, a.newBuffer(ctx))
}

// layout returns the diagram of s in o's view, or nil for the formats that
// write the procedure itself (bpmn, dot).
func (a *api) layout(ctx context.Context, s *sop, o options) (*render.Diagram, error) {
	if o.format == formatBPMN || o.format == formatDOT {
		return nil, nil
	}
	if o.view == "bpmn" {
		if a.ranker == nil {
			return nil, errNoRanker
		}
		d, err := bpmn.LayoutContext(ctx, s.p, a.ranker, bpmn.Options{Paper: o.paper, Portrait: o.portrait,
			Margin: o.margin, Tall: o.tall, Labels: s.labels, Joint: bpmn.JointWord(o.lang)})
		if err != nil {
			return nil, err
		}
		d.Desc = render.Describe(s.p, o.lang)
		return d, nil
	}
	d, err := table.Layout(s.p, table.LayoutOptions{Paper: o.paper, Portrait: o.portrait, Margin: o.margin,
		Tall: o.tall, NoIdentity: o.noIdentity, Labels: s.labels, Logo: s.logo, QuickRouting: o.quick})
	if err != nil {
		return nil, err
	}
	d.Desc = render.Describe(s.p, o.lang)
	return d, nil
}

// errNoRanker: the BPMN view was asked of a server without a ranker.
var errNoRanker = errors.New("this server has no ranker for the BPMN view (sopflow-rank)")

// procedure writes the formats of the procedure graph: BPMN XML and DOT.
func (a *api) procedure(ctx context.Context, s *sop, o options) (answer, error) {
	b := a.newBuffer(ctx)
	if o.format == formatDOT {
		if err := bpmn.WriteDOT(b, s.p, bpmn.Options{Labels: s.labels, Joint: bpmn.JointWord(o.lang)}); err != nil {
			return answer{}, b.cause(err)
		}
		return answer{contentTypes[formatDOT], b.buf.Bytes()}, nil
	}
	if a.ranker == nil {
		return answer{}, errNoRanker
	}
	// The diagram interchange is the one-page view, whatever the paper.
	d, err := bpmn.LayoutContext(ctx, s.p, a.ranker, bpmn.Options{Tall: true, Labels: s.labels, Joint: bpmn.JointWord(o.lang)})
	if err != nil {
		return answer{}, err
	}
	d.Desc = render.Describe(s.p, o.lang)
	if err := bpmn.WriteXML(b, s.p, d, bpmn.XMLOptions{Labels: s.labels, Joint: bpmn.JointWord(o.lang)}); err != nil {
		return answer{}, b.cause(err)
	}
	return answer{contentTypes[formatBPMN], b.buf.Bytes()}, nil
}

// pageError is a page parameter beyond the document: 422, since it depends
// on the SOP.
type pageError struct{ page, pages int }

func (e *pageError) Error() string {
	return fmt.Sprintf("page %d asked, but the document has %d pages", e.page, e.pages)
}

// maxZipPages is the most PNG pages in the ZIP of one answer.
const maxZipPages = 100

// answerBuffer holds an answer as it is written, and fails the writes once
// its context is done or past max bytes (the limit of one answer), so that
// an encoder stops growing it then; render's encoders take no context, and
// a multi-page encode checks it between pages too.
type answerBuffer struct {
	ctx context.Context
	max int64
	buf bytes.Buffer
	err error // the first write refused
}

// newBuffer returns an answerBuffer of ctx, for one answer.
func (a *api) newBuffer(ctx context.Context) *answerBuffer {
	return &answerBuffer{ctx: ctx, max: a.maxAnswer}
}

func (b *answerBuffer) Write(p []byte) (int, error) {
	if b.err == nil {
		if err := b.ctx.Err(); err != nil {
			b.err = err
		} else if int64(b.buf.Len()+len(p)) > b.max {
			b.err = answerTooLarge(b.max)
		}
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.buf.Write(p)
}

// reset empties b for the next page.
func (b *answerBuffer) reset() { b.buf.Reset() }

// cause is the error of an encoder that wrote to b: the write b refused,
// whatever the encoder made of it, or err.
func (b *answerBuffer) cause(err error) error {
	if b.err != nil {
		return b.err
	}
	return err
}

// encode writes d in o's format into b. A PNG of several pages without a
// page parameter is a ZIP of one PNG per page, at most maxZipPages. It
// stops between pages when ctx is done.
func encode(ctx context.Context, d *render.Diagram, o options, b *answerBuffer) (answer, error) {
	if o.page > len(d.Pages) {
		return answer{}, &pageError{o.page, len(d.Pages)}
	}
	opt := render.WriteOptions{Page: o.page, DPI: o.dpi, EmbedFont: o.embedFont}
	if o.format != "png" {
		if err := render.Write(b, d, render.Format(o.format), opt); err != nil {
			return answer{}, b.cause(err)
		}
		return answer{contentTypes[o.format], b.buf.Bytes()}, nil
	}
	pages := []int{o.page}
	if o.page == 0 {
		pages = pages[:0]
		for i := range d.Pages {
			pages = append(pages, i+1)
		}
	}
	if len(pages) > maxZipPages {
		return answer{}, &tooLarge{msg: fmt.Sprintf("the SOP has %d pages, and this server draws at most %d PNG pages in one answer", len(pages), maxZipPages),
			hint: "ask for one page with page=N, or for svg or pdf"}
	}
	for _, n := range pages {
		pg := d.Pages[n-1]
		if px := (pg.Width * o.dpi / 72) * (pg.Height * o.dpi / 72); px > maxPNGPixels {
			return answer{}, &tooLarge{msg: fmt.Sprintf("page %d at %g dpi is %.1f megapixels, more than this server draws (%d)", n, o.dpi, px/(1<<20), maxPNGPixels>>20),
				hint: "ask for a lower dpi, or for svg or pdf"}
		}
	}
	if len(pages) == 1 {
		opt.Page = pages[0]
		if err := render.Write(b, d, render.PNG, opt); err != nil {
			return answer{}, b.cause(err)
		}
		return answer{contentTypes["png"], b.buf.Bytes()}, nil
	}
	zw := zip.NewWriter(b)
	for _, n := range pages {
		if err := ctx.Err(); err != nil {
			return answer{}, err
		}
		// Stored: PNG is compressed already. A fixed date keeps the
		// archive the same bytes for the same input.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("page-%d.png", n), Method: zip.Store,
			Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return answer{}, b.cause(err)
		}
		opt.Page = n
		if err := render.Write(w, d, render.PNG, opt); err != nil {
			return answer{}, b.cause(fmt.Errorf("page %d: %w", n, err))
		}
	}
	if err := zw.Close(); err != nil {
		return answer{}, b.cause(err)
	}
	return answer{contentTypes["zip"], b.buf.Bytes()}, nil
}
