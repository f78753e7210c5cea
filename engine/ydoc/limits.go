package ydoc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"unicode/utf8"
)

// Limits on one YAML or JSON document read from a user (content files,
// answers files, bundles). They are checked over the raw bytes before any
// parser runs, so a hostile file is refused quickly and in bounded memory:
// the YAML parsers themselves have no size or node limit (gopkg.in/yaml.v3
// stops at 10,000 levels, goccy/go-yaml has no limit at all, and each spends
// hundreds of bytes per node).
const (
	// MaxFileSize is the largest document accepted, in bytes (8 MiB), and
	// the largest set of documents read together. The embedded content is
	// about 1 MB in all; a bundle carries it plus the answers and the audit
	// trail.
	MaxFileSize = 8 << 20
	// MaxDepth is the deepest nesting accepted (block indentation levels,
	// "- " entries and flow brackets). indimaj's formats need fewer than 10.
	MaxDepth = 64
	// MaxNodes bounds the number of values (keys, items, scalars) a
	// document may hold, estimated from its punctuation. The embedded content
	// counts about 25,000 in all; the 15,000-question benchmark content's
	// largest file about 230,000.
	MaxNodes = 300_000
	// MaxSetNodes bounds the values of a set of documents read together (a
	// content folder): the 15,000-question benchmark content holds about
	// 390,000.
	MaxSetNodes = 400_000
	// MaxSetFiles is the most files a set read together may have (the
	// embedded content has 15).
	MaxSetFiles = 1000
	// maxLocatedNodes is the largest document read a second time by the
	// slower reader, whose messages carry a column (it takes about twice
	// the memory): a larger document gets yaml.v3's message, with a line.
	maxLocatedNodes = 100_000
)

// Message keys of the limit errors (Error.Key), for front ends that
// translate them. Their arguments are in Error.Args.
const (
	KeyTooLarge    = "ydoc.too_large"      // size in bytes, MaxFileSize
	KeyTooDeep     = "ydoc.too_deep"       // MaxDepth
	KeyTooMany     = "ydoc.too_many"       // MaxNodes
	KeyTooManySet  = "ydoc.too_many_set"   // MaxSetNodes
	KeyTooManyFile = "ydoc.too_many_files" // MaxSetFiles
	KeyInvalidUTF8 = "ydoc.invalid_utf8"   // (none)
)

// CheckLimits checks a document against MaxFileSize, MaxDepth and MaxNodes,
// and that it is valid UTF-8, without parsing it. The error is an *Error
// naming the place where a limit was passed.
func CheckLimits(file string, data []byte) error {
	_, err := checkLimits(file, data)
	return err
}

// checkLimits is CheckLimits, also returning the estimated number of values.
func checkLimits(file string, data []byte) (int, error) {
	if len(data) > MaxFileSize {
		return 0, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Key: KeyTooLarge, Args: []any{len(data), MaxFileSize},
			Msg: fmt.Sprintf("the file is %d bytes long, more than the limit of %d bytes", len(data), MaxFileSize)}
	}
	if !utf8.Valid(data) {
		return 0, &Error{Pos: invalidUTF8At(file, data), Key: KeyInvalidUTF8,
			Msg: "this is not valid UTF-8 text: save the file as UTF-8"}
	}
	sc := &limitScanner{file: file, data: data, block: -1}
	err := sc.run()
	return sc.nodes, err
}

// invalidUTF8At is the position (line, column in characters) of the first
// byte that is not valid UTF-8.
func invalidUTF8At(file string, data []byte) Pos {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return Pos{File: file, Line: line, Col: col}
}

// limitScanner walks a YAML (or JSON) document's bytes and tracks what a
// parser would nest: the block indentation levels, the "- " entries written
// on one line, and the flow brackets outside quoted text, comments and block
// scalars. It over-estimates rather than under-estimates.
type limitScanner struct {
	file    string
	data    []byte
	flow    int
	kinds   []byte // the open flow brackets ('[' or '{')
	colon   []bool // per open bracket: the current entry has a ':'
	indents []int
	quote   byte // '"' or '\'' while inside quoted text
	block   int  // indentation of a block scalar's parent, -1 when not in one
	nodes   int
	deepest int // the deepest nesting seen (for the fuzz test)
}

// CheckSet checks a set of documents read together (a content folder):
// each one against the limits, and all of them together against MaxFileSize
// and MaxNodes, so that many files just under the limits cannot add up.
func CheckSet(files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > MaxSetFiles {
		return &Error{Pos: Pos{File: names[MaxSetFiles], Line: 1, Col: 1}, Key: KeyTooManyFile, Args: []any{MaxSetFiles},
			Msg: fmt.Sprintf("more than %d files are read together", MaxSetFiles)}
	}
	size, nodes := 0, 0
	for _, n := range names {
		data := files[n]
		if err := CheckLimits(n, data); err != nil {
			return err
		}
		size += len(data)
		if size > MaxFileSize {
			return &Error{Pos: Pos{File: n, Line: 1, Col: 1}, Key: KeyTooLarge, Args: []any{size, MaxFileSize},
				Msg: fmt.Sprintf("the files read together are %d bytes long, more than the limit of %d bytes", size, MaxFileSize)}
		}
		s := &limitScanner{file: n, data: data, block: -1}
		_ = s.run()
		nodes += s.nodes
		if nodes > MaxSetNodes {
			return &Error{Pos: Pos{File: n, Line: 1, Col: 1}, Key: KeyTooManySet, Args: []any{MaxSetNodes},
				Msg: fmt.Sprintf("the files read together hold more than %d values", MaxSetNodes)}
		}
	}
	return nil
}

func (s *limitScanner) run() error {
	data := s.data
	line := 0
	for start := 0; start <= len(data); {
		end := start
		for end < len(data) && data[end] != '\n' {
			end++
		}
		line++
		if err := s.line(line, data[start:end]); err != nil {
			return err
		}
		start = end + 1
	}
	return nil
}

func (s *limitScanner) tooDeep(line, col int) error {
	return &Error{Pos: Pos{File: s.file, Line: line, Col: col}, Key: KeyTooDeep, Args: []any{MaxDepth},
		Msg: fmt.Sprintf("values are nested more than %d levels deep here", MaxDepth)}
}

func (s *limitScanner) tooMany(line, col int) error {
	return &Error{Pos: Pos{File: s.file, Line: line, Col: col}, Key: KeyTooMany, Args: []any{MaxNodes},
		Msg: fmt.Sprintf("the file holds more than %d values (this one is the first over the limit)", MaxNodes)}
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// restBlank reports whether the rest of a line is blank or a comment.
func restBlank(l []byte) bool {
	for i, c := range l {
		if c == '#' && (i == 0 || isBlank(l[i-1])) {
			return true
		}
		if !isBlank(c) {
			return false
		}
	}
	return true
}

// line scans one line (without its '\n'); n is its 1-based number.
func (s *limitScanner) line(n int, l []byte) error {
	indent := 0
	for indent < len(l) && l[indent] == ' ' {
		indent++
	}
	rest := indent
	for rest < len(l) && isBlank(l[rest]) {
		rest++
	}
	blank := rest == len(l)
	if s.quote == 0 && s.block >= 0 {
		if blank || indent > s.block {
			return nil // text of a block scalar (| or >)
		}
		s.block = -1
	}
	i := 0
	depth := 0
	if s.quote == 0 && s.flow == 0 {
		if blank || l[rest] == '#' {
			return nil
		}
		for len(s.indents) > 0 && s.indents[len(s.indents)-1] > indent {
			s.indents = s.indents[:len(s.indents)-1]
		}
		if len(s.indents) == 0 || s.indents[len(s.indents)-1] < indent {
			s.indents = append(s.indents, indent)
		}
		i = indent
	}
	depth = len(s.indents)
	s.deepest = max(s.deepest, depth+s.flow)
	if depth+s.flow > MaxDepth {
		return s.tooDeep(n, i+1)
	}
	atStart := s.quote == 0 // a value may begin here
	dashes, keyed := 0, false
	lastStart := indent // column (0-based) where the current line's innermost node begins
	for ; i < len(l); i++ {
		c := l[i]
		switch s.quote {
		case '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				s.quote, atStart = 0, false
			}
			continue
		case '\'':
			if c == '\'' {
				if i+1 < len(l) && l[i+1] == '\'' {
					i++
				} else {
					s.quote, atStart = 0, false
				}
			}
			continue
		}
		next := byte(' ')
		if i+1 < len(l) {
			next = l[i+1]
		}
		switch {
		case isBlank(c):
			continue
		case c == '#' && (i == 0 || isBlank(l[i-1])):
			return nil // comment
		case (c == '"' || c == '\'') && atStart:
			s.quote = c
			s.nodes++
			lastStart = i
		case (c == '[' || c == '{') && (atStart || s.flow > 0):
			s.flow++
			s.nodes++
			if depth+s.flow > MaxDepth {
				return s.tooDeep(n, i+1)
			}
			s.deepest = max(s.deepest, depth+s.flow)
			s.kinds = append(s.kinds, c)
			s.colon = append(s.colon, false)
			atStart = true
		case (c == ']' || c == '}' || c == ',') && s.flow > 0:
			// An entry of a flow mapping without ':' has a null value.
			top := len(s.kinds) - 1
			if s.kinds[top] == '{' && !s.colon[top] && !atStart {
				s.nodes++
			}
			s.colon[top] = false
			if c == ',' {
				atStart = true
			} else {
				s.flow--
				s.kinds, s.colon = s.kinds[:top], s.colon[:top]
				atStart = false
			}
		case c == ':' && (isBlank(next) || s.flow > 0):
			if s.flow > 0 {
				s.colon[len(s.colon)-1] = true
			} else {
				if restBlank(l[i+1:]) {
					s.nodes++ // "key:" alone: a null value
				}
				if dashes > 0 && !keyed {
					// "- key: value": a mapping inside the list item
					keyed = true
					depth++
					s.deepest = max(s.deepest, depth)
					if depth > MaxDepth {
						return s.tooDeep(n, i+1)
					}
				}
			}
			atStart = true
		case (c == '-' || c == '?') && atStart && isBlank(next):
			// "- - x" nests a list in a list on one line.
			s.nodes++
			if s.flow == 0 {
				depth++
				dashes++
				s.deepest = max(s.deepest, depth)
				if depth+s.flow > MaxDepth {
					return s.tooDeep(n, i+1)
				}
			}
			lastStart = i
		case (c == '|' || c == '>') && atStart && s.flow == 0:
			s.block = lastStart
			s.nodes++
			return s.count(n, i)
		case (c == '&' || c == '!' || c == '*') && atStart:
			for i+1 < len(l) && !isBlank(l[i+1]) && l[i+1] != ',' && l[i+1] != ']' && l[i+1] != '}' {
				i++
			}
			atStart = c != '*'
		default:
			if atStart {
				s.nodes++
				lastStart = i
			}
			atStart = false
		}
		if s.nodes > MaxNodes {
			return s.tooMany(n, i+1)
		}
	}
	return s.count(n, len(l))
}

func (s *limitScanner) count(n, i int) error {
	if s.nodes > MaxNodes {
		return s.tooMany(n, i+1)
	}
	return nil
}

// ReadFile reads a user's file, refusing (with a located *Error) one longer
// than MaxFileSize without reading it all: a device or a pipe that never
// ends is stopped at the limit.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
		return nil, tooLarge(name, fi.Size())
	} else if err == nil && fi.IsDir() {
		return nil, &os.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(name, int64(len(data)))
	}
	return data, nil
}

func tooLarge(name string, size int64) *Error {
	return &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Key: KeyTooLarge, Args: []any{size, MaxFileSize},
		Msg: fmt.Sprintf("the file is at least %d bytes long, more than the limit of %d bytes", size, MaxFileSize)}
}

// checkTree verifies the limits on a parsed tree (a second line of defence
// behind the byte scan).
func checkTree(n *Node, depth int, count *int) error {
	*count++
	if depth > MaxDepth {
		return &Error{Pos: n.Pos, Key: KeyTooDeep, Args: []any{MaxDepth}, Msg: fmt.Sprintf("values are nested more than %d levels deep here", MaxDepth)}
	}
	if *count > MaxNodes {
		return &Error{Pos: n.Pos, Key: KeyTooMany, Args: []any{MaxNodes}, Msg: fmt.Sprintf("the file holds more than %d values (this one is the first over the limit)", MaxNodes)}
	}
	*count += len(n.Keys)
	for _, v := range n.Vals {
		if err := checkTree(v, depth+1, count); err != nil {
			return err
		}
	}
	for _, v := range n.Items {
		if err := checkTree(v, depth+1, count); err != nil {
			return err
		}
	}
	return nil
}

// Estimate is the number of values the byte scan counts in data (for
// measurements; CheckLimits compares it with MaxNodes).
func Estimate(data []byte) int {
	s := &limitScanner{data: data, block: -1}
	_ = s.run()
	return s.nodes
}

// controlChar reports whether r acts on a terminal or reorders text around
// it: C0 controls but tab and newline, DEL, C1 controls, the bidirectional
// embeddings, overrides and isolates, and the line and paragraph separators
// (the same set as internal/termsafe.Unsafe, newline and tab excepted).
func controlChar(r rune) bool {
	switch {
	case r == '\n', r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// CheckText reports, at its position, every text value of the tree that
// holds a control character, an escape sequence, a direction override or
// isolate, or a line separator (typed as "\e", "\x1b", "\u202e" in quoted
// YAML, or raw). Content files use it: their text reaches terminals and
// reports as is. One problem per value.
func CheckText(n *Node, errs *Errors) {
	if n == nil {
		return
	}
	if n.Kind == Scalar && n.Tag == "str" {
		for _, r := range n.Value {
			if controlChar(r) {
				errs.Add(n.Pos, "this text holds the control or direction character U+%04X: remove it", r)
				break
			}
		}
	}
	for _, k := range n.Keys {
		CheckText(k, errs)
	}
	for _, v := range n.Vals {
		CheckText(v, errs)
	}
	for _, v := range n.Items {
		CheckText(v, errs)
	}
}
