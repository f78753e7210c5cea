package store

import (
	"errors"
	"fmt"
)

// The kinds of failure a caller tells apart with errors.Is. Their texts are
// English; the front ends translate them (see Error).
var (
	// ErrBusy means another process holds the database.
	ErrBusy = errors.New("database busy")
	// ErrCorrupt means the file is not a usable indimaj database: damaged,
	// truncated or foreign.
	ErrCorrupt = errors.New("database damaged")
	// ErrNotFound means no assessment has that id.
	ErrNotFound = errors.New("no such assessment")
	// ErrExists means an assessment with that id already exists.
	ErrExists = errors.New("assessment already exists")
	// ErrNeedsReason means the assessment is validated: a change needs a reason.
	ErrNeedsReason = errors.New("the assessment is validated: give a reason for this change (--reason)")
)

// Kinds lists the sentinel errors with the code of their message, for the
// front ends that translate them ("store." + code).
var Kinds = map[error]string{
	ErrBusy:        "busy",
	ErrCorrupt:     "corrupt",
	ErrNotFound:    "not_found",
	ErrExists:      "exists",
	ErrNeedsReason: "needs_reason",
}

// Error is a failure of the store with what it concerns. Code names its
// message (the front ends show "store."+Code formatted with Args in the
// user's language; Error() gives the English text); Kind is one of the
// sentinel errors above, or nil; Err is the underlying cause, kept in the
// chain for errors.Is/As but not shown, as it may expose internals.
type Error struct {
	Kind error
	Code string
	Args []any
	Err  error
}

// Messages holds the English text of each code: the store's own texts, for
// callers that do not translate. Every code has a translation in
// internal/i18n (checked by a test there).
var Messages = map[string]string{
	"id":           "%s",
	"not_found_id": "%q (see `indimaj assessments`)",
	"ambiguous":    "%q matches %d assessments; give more characters",
	"no_home":      "cannot find a place for the database (no $HOME): use --db PATH or $INDIMAJ_DB",
	"is_folder":    "%s is a folder, not a database file",
	"empty":        "%s is empty (0 bytes); an indimaj database is never empty: restore it from a backup or move it aside",
	"mkdir":        "cannot create the database folder",
	"cannot_read":  "cannot read %s",
	"busy_detail":  "another indimaj process is using %s; try again when it is done",
	"permission":   "cannot open %s: permission denied",
	"cannot_open":  "cannot open %s",
	"damaged":      "%s is damaged or is not an indimaj database; it was left untouched: restore it from a backup or move it aside (`indimaj doctor` describes the damage)",
	"closing":      "closing %s",
	"init":         "cannot initialise %s",
	"foreign":      "%s is a bbolt file but not an indimaj database",
	"schema":       "%s has schema version %s, but this indimaj reads version %s: use a matching indimaj",
	"migrate":      "cannot bring %s to the current format",
}

func (e *Error) Error() string {
	msg := Messages[e.Code]
	if msg == "" {
		msg = e.Code
	}
	if len(e.Args) > 0 {
		msg = fmt.Sprintf(msg, e.Args...)
	}
	if e.Kind != nil {
		msg = e.Kind.Error() + ": " + msg
	}
	if e.Err != nil && e.Kind != ErrCorrupt {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap gives errors.Is and errors.As the kind and the cause.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

func fail(kind error, code string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Args: args}
}

func failCause(kind error, cause error, code string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Args: args, Err: cause}
}

// damaged is the one sentence every kind of damage gives, whatever bbolt or
// the runtime said (kept in the chain as the cause, for `doctor`).
func damaged(path string, cause error) *Error {
	return failCause(ErrCorrupt, cause, "damaged", path)
}

// panicError turns a recovered panic (a fault on a damaged page, a bbolt
// assertion) into an error.
func panicError(r any) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("panic: %w", err)
	}
	return fmt.Errorf("panic: %v", r)
}
