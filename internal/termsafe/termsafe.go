// Package termsafe makes text typed by users (respondent names, round
// labels, notes, text answers, reasons, content from a --content folder)
// safe to print on a terminal or to put in a report: control characters,
// escape sequences, CR and bidirectional overrides come out as visible
// escapes (\x1b, \r, \u202e) instead of acting on the reader's terminal or
// reordering the text around them.
//
// Apply Line or Text to user data BEFORE adding our own formatting (colours,
// the Unicode isolates U+2068/U+2069 that keep Arabic in place): our own
// formatting is never touched by this package, except by Writer, the last
// net, which lets colours (SGR) and the isolates through.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/indimaj/indimaj/internal/i18n"
)

// Unsafe reports whether r must not reach a terminal as is: C0 controls
// (tab and newline excepted, see Line and Text), DEL, C1 controls, the
// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), and the line and paragraph separators U+2028/U+2029.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// escape writes r's visible form.
func escape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		if r < 0x100 {
			fmt.Fprintf(b, `\x%02x`, r)
		} else {
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
}

func clean(s string, keep func(rune) bool) string {
	ok := true
	for _, r := range s {
		if (Unsafe(r) && !keep(r)) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case Unsafe(r) && !keep(r):
			escape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Line returns s safe for one line of output: every unsafe character,
// newline and tab included, and every byte that is not UTF-8, is written
// as a visible escape. Safe text comes back unchanged (no allocation).
func Line(s string) string { return clean(s, func(rune) bool { return false }) }

// Text is Line for text that may span lines: newlines and tabs are kept.
func Text(s string) string {
	return clean(s, func(r rune) bool { return r == '\n' || r == '\t' })
}

// Check returns nil when s holds no unsafe character (tab and newline
// included) and is valid UTF-8, else an error naming the first offending
// character and its place (1-based, in characters) — for identifiers such
// as a respondent's name or a round label, which are refused rather than
// escaped. The error is a *BadCharError.
func Check(s string) error {
	pos := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		if r == utf8.RuneError && size == 1 {
			return &BadCharError{Pos: pos, Rune: -1, Byte: s[i]}
		}
		if Unsafe(r) {
			return &BadCharError{Pos: pos, Rune: r}
		}
		i += size
	}
	return nil
}

// BadCharError is a character refused in an identifier.
type BadCharError struct {
	Pos  int  // 1-based position in characters
	Rune rune // the character, or -1 for a byte that is not UTF-8
	Byte byte // the byte, when Rune is -1
}

// Char is the character written as U+XXXX (or the invalid byte as 0xXX).
func (e *BadCharError) Char() string {
	if e.Rune < 0 {
		return fmt.Sprintf("0x%02X", e.Byte)
	}
	return fmt.Sprintf("U+%04X", e.Rune)
}

func (e *BadCharError) Error() string {
	if e.Rune < 0 {
		return fmt.Sprintf("character %d is not valid UTF-8 (byte %s)", e.Pos, e.Char())
	}
	return fmt.Sprintf("character %d is a control or direction character (%s)", e.Pos, e.Char())
}

// NameError is a name (respondent, round label, institution, role) refused
// because of one of its characters. It is an input mistake (exit 2).
type NameError struct {
	Field string // "respondent", "round", "institution" or "role"
	*BadCharError
}

func (e *NameError) Error() string {
	if e.Rune < 0 {
		return i18n.M("hostile.bad_utf8", e.Field, e.Pos, e.Char())
	}
	return i18n.M("hostile.bad_char", e.Field, e.Pos, e.Char())
}

// Unwrap returns the *BadCharError.
func (e *NameError) Unwrap() error { return e.BadCharError }

// CheckName is Check for a named field, with a message in the command
// line's language: "respondent: character 2 is a control or direction
// character (U+001B), not allowed in a name".
func CheckName(field, s string) error {
	if err := Check(s); err != nil {
		return &NameError{Field: field, BadCharError: err.(*BadCharError)}
	}
	return nil
}
