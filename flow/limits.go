package flow

import (
	"errors"
	"fmt"
)

// The default limits of ParseOptions. An SOP of the Permenpan form has a few
// dozen steps and a handful of actors; the limits are far above that, and
// low enough that a hostile file is refused at once, before it costs time
// or memory.
const (
	DefaultMaxBytes     = 8 << 20 // 8 MiB of TOML
	DefaultMaxDepth     = 16      // levels of nested tables, arrays and dotted keys
	DefaultMaxKeyLength = 256     // bytes in one key, dotted parts and quotes included
	DefaultMaxSteps     = 20000
	DefaultMaxActors    = 1000
)

// ParseOptions sets the limits of Parse. The zero value works: a field
// left 0 takes its default (DefaultMaxBytes, ...); a negative field means
// no limit.
//
// Each limit is checked before the TOML is decoded (steps and actors are
// counted by the same linear scan that checks depth and key length), so
// that input beyond a limit is refused after one pass over its bytes. The
// error is an ErrorList holding one Error at the position where the limit
// is passed; its Err is a *LimitError, and errors.Is(err, ErrTooLarge)
// holds.
type ParseOptions struct {
	MaxBytes     int // size of src in bytes; default DefaultMaxBytes
	MaxDepth     int // nesting of tables, arrays and dotted keys; default DefaultMaxDepth
	MaxKeyLength int // bytes in one (dotted) key; default DefaultMaxKeyLength
	MaxSteps     int // number of steps; default DefaultMaxSteps
	MaxActors    int // number of actors; default DefaultMaxActors
}

// ErrTooLarge is matched (with errors.Is) by the error of Parse when the
// input passes one of the limits of ParseOptions.
var ErrTooLarge = errors.New("input too large")

// LimitError says which limit of ParseOptions the input passes. It is the
// Err of the Error that Parse returns.
type LimitError struct {
	Name string // "bytes", "depth", "key", "steps" or "actors"
	Max  int    // the limit in force
}

func (e *LimitError) Error() string { return fmt.Sprintf("more than %d %s", e.Max, e.Name) }

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

// withDefaults returns o with every 0 field set to its default.
func (o ParseOptions) withDefaults() ParseOptions {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.MaxBytes, DefaultMaxBytes)
	def(&o.MaxDepth, DefaultMaxDepth)
	def(&o.MaxKeyLength, DefaultMaxKeyLength)
	def(&o.MaxSteps, DefaultMaxSteps)
	def(&o.MaxActors, DefaultMaxActors)
	return o
}

// max returns the limit called name, as LimitError names it.
func (o ParseOptions) max(name string) int {
	switch name {
	case "bytes":
		return o.MaxBytes
	case "depth":
		return o.MaxDepth
	case "key":
		return o.MaxKeyLength
	case "steps":
		return o.MaxSteps
	case "actors":
		return o.MaxActors
	}
	return -1
}
