package render

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/sopflow/sopflow/flow"
)

// Errors that callers may want to tell apart, matched with errors.Is.
var (
	// ErrTooLarge: a logo, or a PNG page, is larger than its limit.
	ErrTooLarge = errors.New("too large")
	// ErrMarginTooWide: LayoutOptions.Margin leaves too little of the page.
	ErrMarginTooWide = errors.New("margin too wide")
	// ErrPageNeeded: a PNG of a Diagram of several pages needs
	// WriteOptions.Page.
	ErrPageNeeded = errors.New("page needed")
)

// The default limits of a logo: far above a unit's emblem (a few hundred
// pixels, some kilobytes), far below what would exhaust memory when the
// PDF writer decodes it.
const (
	DefaultLogoMaxBytes  = 8 << 20  // 8 MiB
	DefaultLogoMaxPixels = 16 << 20 // 16.7 megapixels, such as 4096 x 4096
)

// LogoOptions sets how LoadLogo finds and checks a logo. The zero value
// works: paths relative to the current directory, no root, the default
// limits.
type LogoOptions struct {
	// Dir is where a relative logo path starts: the directory of the SOP
	// file. Default ".".
	Dir string
	// Root, when not "", is a directory that the logo must stay inside,
	// symbolic links followed: a logo path with ../ or an absolute path
	// that leads out of it is refused. A service that renders files from
	// others sets it; the command line does not.
	Root string
	// MaxBytes is the largest logo file read. Default DefaultLogoMaxBytes.
	MaxBytes int64
	// MaxPixels is the largest logo, width times height, as its header
	// declares it (checked before the image is decoded). Default
	// DefaultLogoMaxPixels.
	MaxPixels int
}

// LoadLogo reads the logo that p.Identity.Logo names, for
// LayoutOptions.Logo, as the sopflow command does. It returns nil, nil
// when p names none.
//
// The path may use / or \ as separator; a relative path starts at
// opt.Dir. The file must be a regular file (not a device or a FIFO) of at
// most opt.MaxBytes, and a PNG or JPEG image whose header declares at most
// opt.MaxPixels; with opt.Root set it must resolve inside Root. Any
// problem is a *flow.Error at p.Identity.LogoPos that names the path as
// written and as resolved; a size over a limit also matches ErrTooLarge.
func LoadLogo(p *flow.Procedure, opt LogoOptions) ([]byte, error) {
	if p == nil || p.Identity.Logo == "" {
		return nil, nil
	}
	logo := p.Identity.Logo
	path := filepath.FromSlash(strings.ReplaceAll(logo, `\`, "/"))
	if !filepath.IsAbs(path) {
		dir := opt.Dir
		if dir == "" {
			dir = "."
		}
		path = filepath.Join(dir, path)
	}
	fail := func(kind error, format string, args ...any) error {
		pos := p.Identity.LogoPos
		if pos.File == "" {
			pos.File = p.File
		}
		where := ""
		if path != logo {
			where = fmt.Sprintf(" (%s)", path)
		}
		return &flow.Error{Pos: pos, Err: kind,
			Msg: fmt.Sprintf("identity: cannot read logo %q%s: %s", logo, where, fmt.Sprintf(format, args...))}
	}
	if opt.Root != "" {
		if err := inside(opt.Root, path); err != nil {
			return nil, fail(nil, "%v", err)
		}
	}
	maxBytes := opt.MaxBytes
	if maxBytes == 0 {
		maxBytes = DefaultLogoMaxBytes
	}
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fail(nil, "%s", reason(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, fail(nil, "%s", reason(err))
	case fi.IsDir():
		return nil, fail(nil, "is a directory")
	case !fi.Mode().IsRegular():
		return nil, fail(nil, "not a regular file")
	case maxBytes > 0 && fi.Size() > maxBytes:
		return nil, fail(ErrTooLarge, "%d bytes, more than %d", fi.Size(), maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, max(maxBytes, 0)+1))
	if err != nil {
		return nil, fail(nil, "%s", reason(err))
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, fail(ErrTooLarge, "more than %d bytes", maxBytes)
	}
	if _, _, _, err := checkLogo(data, opt.MaxPixels); err != nil {
		return nil, fail(errors.Unwrap(err), "%s", strings.TrimPrefix(err.Error(), "logo: "))
	}
	return data, nil
}

// inside reports an error when path, symbolic links followed, is not in
// the directory root.
func inside(root, path string) error {
	r, err := filepath.Abs(root)
	if err == nil {
		r, err = filepath.EvalSymlinks(r)
	}
	if err != nil {
		return fmt.Errorf("root: %s", reason(err))
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	rel, err := filepath.Rel(r, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("it is outside %s, where logos must be", root)
	}
	return nil
}

// reason is the cause of a file error, without the path.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkLogo checks logo bytes from their header, before decoding: a PNG or
// JPEG image of at most maxPixels (0: DefaultLogoMaxPixels; negative: no
// limit). It returns the MIME type and the size.
func checkLogo(b []byte, maxPixels int) (mime string, w, h int, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return "", 0, 0, errors.New("logo: not a PNG or JPEG image")
		}
		return "", 0, 0, fmt.Errorf("logo: not a PNG or JPEG image (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0, fmt.Errorf("logo: empty image")
	}
	switch format {
	case "png":
		mime = "image/png"
	case "jpeg":
		mime = "image/jpeg"
	default:
		return "", 0, 0, fmt.Errorf("logo: not a PNG or JPEG image (%s)", format)
	}
	if maxPixels == 0 {
		maxPixels = DefaultLogoMaxPixels
	}
	if maxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return "", 0, 0, fmt.Errorf("logo: %w: the image is %d x %d pixels, more than %d in all; scale it down",
			ErrTooLarge, cfg.Width, cfg.Height, maxPixels)
	}
	return mime, cfg.Width, cfg.Height, nil
}

// LogoInfo checks logo bytes as the identity page draws them (PNG or JPEG,
// at most DefaultLogoMaxBytes, a size read from the header before any
// decoding) and returns their type and pixel size.
func LogoInfo(b []byte) (mime string, w, h int, err error) {
	if len(b) > DefaultLogoMaxBytes {
		return "", 0, 0, fmt.Errorf("logo: %w: %d bytes, more than %d", ErrTooLarge, len(b), DefaultLogoMaxBytes)
	}
	return checkLogo(b, 0)
}
