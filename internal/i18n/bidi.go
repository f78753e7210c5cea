package i18n

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bidirectional isolation. In Arabic text, a run written left to right
// (a code such as gov03, an SDG target such as 5.c, a formula, a French
// note) must be isolated, or the Unicode bidi algorithm reorders its parts
// ("5.c" shows as "c.5"). HTML wraps the runs in <bdi> (see reports);
// Markdown and terminals wrap them in the Unicode isolates FSI … PDI.

// The Unicode isolates.
const (
	FSI = "\u2068" // FIRST STRONG ISOLATE
	PDI = "\u2069" // POP DIRECTIONAL ISOLATE
)

// strongLTR reports whether r starts (and may end) an isolated run: a
// letter of a left-to-right script or an ASCII digit.
func strongLTR(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r)
}

// joiner reports whether r may continue a run between two left-to-right
// characters: spaces and the punctuation of codes, numbers, formulas and
// sentences. Markdown's own syntax (| * ` # [ ] < > \) never joins, so a run
// never spans two table cells or a markup boundary; * < > join only between
// spaces (see LTRRuns).
func joiner(r rune) bool {
	switch r {
	case ' ', '.', ',', ':', ';', '/', '-', '_', '+', '=', '(', ')', '?', '!', '\'', '"', '%', '&', '’', '–', '\u00a0', '\u202f', '°', '«', '»', '@', '$', '^', '~', '{', '}':
		return true
	}
	return false
}

// endsRun reports whether r may end a run: a strong character, a closing
// bracket or a percent sign (quotes stay outside, with their opening mates).
func endsRun(r rune) bool {
	return strongLTR(r) || r == ')' || r == '%' || r == '}'
}

// LTRRuns returns the byte ranges [start, end) of the left-to-right runs of
// s that need isolating in right-to-left text: each starts with a Latin
// (or other left-to-right) letter or an ASCII digit, goes on through letters,
// digits and joining punctuation, and ends at its last letter, digit,
// closing bracket, quote or percent sign. Brackets are kept balanced: a
// closing one without its opening one in the run ends the run before it.
func LTRRuns(s string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\x1b' {
			i += ansiLen(s[i:])
			continue
		}
		if !strongLTR(r) {
			i += n
			continue
		}
		start, end := i, i+n
		depth := 0
		j := i + n
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			// An operator between spaces (a * b, x < 100) joins too; elsewhere
			// these are Markdown or HTML syntax.
			spaced := (r == '*' || r == '<' || r == '>') && s[j-1] == ' ' && j+1 < len(s) && s[j+1] == ' '
			if !strongLTR(r) && !joiner(r) && !spaced {
				break
			}
			if r == '(' {
				depth++
			}
			if r == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			j += n
			if endsRun(r) {
				end = j
			}
		}
		// Keep brackets balanced inside the run.
		run := s[start:end]
		for strings.Count(run, "(") > strings.Count(run, ")") {
			k := strings.LastIndexByte(run, '(')
			run = strings.TrimRightFunc(run[:k], func(r rune) bool { return !endsRun(r) })
		}
		if run != "" {
			out = append(out, [2]int{start, start + len(run)})
		}
		// Scan on from the end of the run kept (a trimmed tail may hold the
		// start of the next run).
		i = start + max(len(run), n)
	}
	return out
}

// ansiLen is the length of the terminal escape sequence at the start of s
// (CSI: ESC [ parameters final-letter; else ESC and the next byte).
func ansiLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	if s[1] != '[' {
		return 2
	}
	for k := 2; k < len(s); k++ {
		if c := s[k]; c >= 0x40 && c <= 0x7e {
			return k + 1
		}
	}
	return len(s)
}

// Isolate wraps every left-to-right run of s in FSI … PDI (for Markdown and
// terminal output in Arabic). Text already isolated is left as it is.
func Isolate(s string) string {
	if strings.Contains(s, FSI) {
		return s
	}
	runs := LTRRuns(s)
	if len(runs) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(runs)*6)
	last := 0
	for _, r := range runs {
		b.WriteString(s[last:r[0]])
		b.WriteString(FSI)
		b.WriteString(s[r[0]:r[1]])
		b.WriteString(PDI)
		last = r[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// IsolateFor is Isolate when lang is written right to left, else s.
func IsolateFor(lang, s string) string {
	if !RTL(lang) {
		return s
	}
	return Isolate(s)
}

// IsolatingWriter returns w itself when lang is written left to right; for
// Arabic it returns a writer that isolates the left-to-right runs of each
// line it writes on w. Call Flush (a no-op for left-to-right languages)
// once the output is complete.
func IsolatingWriter(lang string, w io.Writer) FlushWriter {
	if !RTL(lang) {
		return nopFlusher{w}
	}
	return &isolatingWriter{w: w}
}

// FlushWriter is a writer whose buffered output Flush writes out.
type FlushWriter interface {
	io.Writer
	Flush() error
}

type nopFlusher struct{ io.Writer }

func (nopFlusher) Flush() error { return nil }

type isolatingWriter struct {
	w   io.Writer
	buf []byte
}

func (iw *isolatingWriter) Write(p []byte) (int, error) {
	iw.buf = append(iw.buf, p...)
	for {
		k := bytes.IndexByte(iw.buf, '\n')
		if k < 0 {
			return len(p), nil
		}
		line := Isolate(string(iw.buf[:k+1]))
		iw.buf = iw.buf[k+1:]
		if _, err := io.WriteString(iw.w, line); err != nil {
			return len(p), err
		}
	}
}

func (iw *isolatingWriter) Flush() error {
	if len(iw.buf) == 0 {
		return nil
	}
	line := Isolate(string(iw.buf))
	iw.buf = nil
	_, err := io.WriteString(iw.w, line)
	return err
}
