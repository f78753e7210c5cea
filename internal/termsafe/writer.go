package termsafe

import (
	"io"
	"unicode/utf8"
)

// maxPending bounds what a Writer holds back while it waits for the end of
// an escape sequence or of a character split across two writes.
const maxPending = 64

// Writer is the last net in front of a terminal: it escapes whatever
// Unsafe character reaches it, except what our own formatting writes —
// colours (SGR sequences, ESC [ … m), and the isolates U+2066–U+2069 that
// keep Arabic in place. User data must still go through Line or Text first,
// since a Writer cannot tell a user's isolate or colour from ours.
//
// It is not for full-screen programs (bubbletea): give them Unwrap(w).
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Unwrap returns the writer under a *Writer, or w itself.
func Unwrap(w io.Writer) io.Writer {
	if t, ok := w.(*Writer); ok {
		return t.w
	}
	return w
}

// Flush writes what is held back (an unfinished sequence, escaped).
func (t *Writer) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	p := t.pending
	t.pending = nil
	out := make([]byte, 0, 4*len(p))
	for _, c := range p {
		out = appendByteEscape(out, c)
	}
	_, err := t.w.Write(out)
	return err
}

func appendByteEscape(out []byte, c byte) []byte {
	switch c {
	case '\r':
		return append(out, `\r`...)
	}
	const hex = "0123456789abcdef"
	return append(out, '\\', 'x', hex[c>>4], hex[c&15])
}

// appendRuneEscape writes r as \uXXXX: also a valid escape inside a JSON
// string, so JSON printed through a Writer stays valid and means the same.
func appendRuneEscape(out []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(out, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
}

// Write escapes p's unsafe characters and writes the result. It reports
// len(p) when the write below succeeds.
func (t *Writer) Write(p []byte) (int, error) {
	buf := p
	if len(t.pending) > 0 {
		buf = append(t.pending, p...)
		t.pending = nil
	}
	out := make([]byte, 0, len(buf)+16)
	i := 0
loop:
	for i < len(buf) {
		c := buf[i]
		switch {
		case c == 0x1b:
			j := i + 1
			if j == len(buf) {
				t.pending = append([]byte(nil), buf[i:]...)
				break loop
			}
			if buf[j] == '[' {
				k := j + 1
				for k < len(buf) && k-i < maxPending && (buf[k] >= '0' && buf[k] <= '9' || buf[k] == ';' || buf[k] == ':') {
					k++
				}
				if k == len(buf) && k-i < maxPending {
					t.pending = append([]byte(nil), buf[i:]...)
					break loop
				}
				if k < len(buf) && buf[k] == 'm' {
					out = append(out, buf[i:k+1]...)
					i = k + 1
					continue
				}
			}
			out = appendByteEscape(out, c)
			i++
		case c < utf8.RuneSelf:
			switch {
			case c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f):
				out = append(out, c)
			case c == 0x7f:
				out = appendRuneEscape(out, rune(c)) // encoding/json leaves DEL raw
			default:
				out = appendByteEscape(out, c)
			}
			i++
		default:
			if !utf8.FullRune(buf[i:]) {
				t.pending = append([]byte(nil), buf[i:]...)
				break loop
			}
			r, size := utf8.DecodeRune(buf[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				out = appendByteEscape(out, c)
			case Unsafe(r) && !(r >= 0x2066 && r <= 0x2069):
				out = appendRuneEscape(out, r)
			default:
				out = append(out, buf[i:i+size]...)
			}
			i += size
		}
	}
	if len(out) > 0 {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
