// Package ydoc turns YAML (and therefore JSON) documents into a small tree that
// remembers where every value came from, and decodes that tree into Go structs
// while collecting every problem it finds, each with its file:line:column.
//
// It exists because content and answer files are written by people: one run of
// `indimaj validate` must report all their mistakes at once, precisely located,
// instead of the first one only.
package ydoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	yamlv3 "gopkg.in/yaml.v3"
)

// Kind is the shape of a Node.
type Kind int

// The shapes a Node can have.
const (
	Null Kind = iota
	Scalar
	Map
	Seq
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Scalar:
		return "a scalar"
	case Map:
		return "a mapping"
	default:
		return "a list"
	}
}

// Pos is a place in a file. Line and Col are 1-based.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Node is one value of a document with its position.
type Node struct {
	Kind Kind
	Pos  Pos
	// Tag is the YAML type of a scalar: "str", "int", "float", "bool".
	Tag string
	// Value is a scalar's text (for strings, the decoded string).
	Value string
	// Style tells how a string scalar was written: "plain", "single", "double",
	// "literal" (|) or "folded" (>). Expression positions depend on it.
	Style string
	// Keys and Vals hold a mapping's entries in document order.
	Keys []*Node
	Vals []*Node
	// Items holds a list's entries.
	Items []*Node
}

// Get returns the value of key k in a mapping, or nil.
func (n *Node) Get(k string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i, key := range n.Keys {
		if key.Value == k {
			return n.Vals[i]
		}
	}
	return nil
}

// Error is one problem, located in a file.
type Error struct {
	Pos
	Msg string
	// Key and Args, when Key is set, name the message for front ends that
	// translate it (Msg is its English text); see the Key* constants.
	Key  string
	Args []any
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errors is a list of problems; it sorts by file, line and column.
type Errors []*Error

// Add records a problem at p.
func (es *Errors) Add(p Pos, format string, args ...any) {
	*es = append(*es, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// Err returns nil when there is no problem, else the sorted list itself.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	es.Sort()
	return es
}

// Sort orders the problems by file, line, column and message, and drops exact repeats.
func (es *Errors) Sort() {
	s := *es
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*es = out
}

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse reads one YAML or JSON document. An empty document gives a Null node.
// Syntax errors come back as *Error with the position of the fault.
//
// Documents are read with gopkg.in/yaml.v3, about four times faster than
// goccy/go-yaml on our content; a document it refuses is read again with
// goccy/go-yaml, whose errors carry a line and a column (and which accepts a
// few documents yaml.v3 refuses).
//
// The document is first checked against MaxFileSize, MaxDepth and MaxNodes
// (see CheckLimits), so that no parser ever sees a hostile one.
func Parse(file string, data []byte) (n *Node, err error) {
	nodes, err := checkLimits(file, data)
	if err != nil {
		return nil, err
	}
	n, ok, v3err := parseFast(file, data)
	var le *Error
	if errors.As(v3err, &le) && le.Key != "" {
		return nil, le
	}
	if !ok && nodes > maxLocatedNodes && v3err != nil {
		return nil, v3Error(file, v3err)
	}
	if !ok {
		n, err = parseGoccy(file, data)
		if err != nil {
			return nil, err
		}
	}
	count := 0
	if err := checkTree(n, 1, &count); err != nil {
		return nil, err
	}
	return n, nil
}

// parseFast reads a document with yaml.v3; ok is false when yaml.v3 refuses
// it, or finds a construct whose message the goccy path words better.
// Its error comes back too; a limit yaml.v3 itself enforces (10,000 levels)
// comes back as an *Error with a Key, so that the slower reader never gets
// such a document.
func parseFast(file string, data []byte) (n *Node, ok bool, v3err error) {
	defer func() {
		if r := recover(); r != nil {
			n, ok = nil, false
		}
	}()
	dec := yamlv3.NewDecoder(bytes.NewReader(data))
	var doc yamlv3.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Node{Kind: Null, Pos: Pos{File: file, Line: 1, Col: 1}}, true, nil
		}
		if strings.Contains(err.Error(), "exceeded max depth") {
			return nil, false, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Key: KeyTooDeep, Args: []any{MaxDepth},
				Msg: fmt.Sprintf("values are nested more than %d levels deep", MaxDepth)}
		}
		return nil, false, err
	}
	var second yamlv3.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, false, nil
	}
	if doc.Kind != yamlv3.DocumentNode || len(doc.Content) == 0 {
		return &Node{Kind: Null, Pos: Pos{File: file, Line: 1, Col: 1}}, true, nil
	}
	var errs Errors
	root := convertV3(file, doc.Content[0], &errs)
	if len(errs) > 0 {
		return nil, false, errs[0]
	}
	return root, true, nil
}

// yamlV3Line finds the line number in a yaml.v3 message.
var yamlV3Line = regexp.MustCompile(`^yaml: line (\d+): `)

// v3Error turns a yaml.v3 error into a located *Error (line only).
func v3Error(file string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	msg := err.Error()
	line := 1
	if m := yamlV3Line.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return &Error{Pos: Pos{File: file, Line: line, Col: 1}, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

func convertV3(file string, yn *yamlv3.Node, errs *Errors) *Node {
	p := Pos{File: file, Line: yn.Line, Col: yn.Column}
	if yn.Anchor != "" || yn.Kind == yamlv3.AliasNode {
		errs.Add(p, "anchors and aliases (& and *) are not supported: write the value out, or use a named choice set")
		return &Node{Kind: Null, Pos: p}
	}
	switch yn.Kind {
	case yamlv3.ScalarNode:
		switch yn.Tag {
		case "!!null":
			return &Node{Kind: Null, Pos: p}
		case "!!int":
			return &Node{Kind: Scalar, Pos: p, Tag: "int", Value: yn.Value, Style: "plain"}
		case "!!float":
			return &Node{Kind: Scalar, Pos: p, Tag: "float", Value: yn.Value, Style: "plain"}
		case "!!bool":
			return &Node{Kind: Scalar, Pos: p, Tag: "bool", Value: strings.ToLower(yn.Value), Style: "plain"}
		case "!!str":
		default:
			errs.Add(p, "this value's type (%s) is not supported: quote it", yn.Tag) // timestamps, binary, custom tags: let goccy decide
			return &Node{Kind: Null, Pos: p}
		}
		style := "plain"
		switch {
		case yn.Style&yamlv3.DoubleQuotedStyle != 0:
			style = "double"
		case yn.Style&yamlv3.SingleQuotedStyle != 0:
			style = "single"
		case yn.Style&yamlv3.LiteralStyle != 0:
			style = "literal"
		case yn.Style&yamlv3.FoldedStyle != 0:
			style = "folded"
		}
		return &Node{Kind: Scalar, Pos: p, Tag: "str", Value: yn.Value, Style: style}
	case yamlv3.SequenceNode:
		n := &Node{Kind: Seq, Pos: p}
		for _, it := range yn.Content {
			n.Items = append(n.Items, convertV3(file, it, errs))
		}
		return n
	case yamlv3.MappingNode:
		n := &Node{Kind: Map, Pos: p}
		seen := map[string]bool{}
		for i := 0; i+1 < len(yn.Content); i += 2 {
			k, v := yn.Content[i], yn.Content[i+1]
			if k.Kind != yamlv3.ScalarNode || k.Tag == "!!merge" || seen[k.Value] {
				errs.Add(Pos{File: file, Line: k.Line, Col: k.Column}, "key %q: a key must be a plain word written once (no merge keys <<)", k.Value) // goccy's messages are more precise
				return n
			}
			seen[k.Value] = true
			key := &Node{Kind: Scalar, Pos: Pos{File: file, Line: k.Line, Col: k.Column}, Tag: "str", Value: k.Value, Style: "plain"}
			n.Keys = append(n.Keys, key)
			n.Vals = append(n.Vals, convertV3(file, v, errs))
		}
		return n
	}
	errs.Add(p, "unsupported YAML construct")
	return &Node{Kind: Null, Pos: p}
}

// parseGoccy reads a document with goccy/go-yaml.
func parseGoccy(file string, data []byte) (n *Node, err error) {
	defer func() {
		// The YAML parser is third-party code fed with user files: never let it
		// take the process down.
		if r := recover(); r != nil {
			n, err = nil, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: fmt.Sprintf("cannot parse: %v", r)}
		}
	}()
	f, perr := parser.ParseBytes(data, 0)
	if perr != nil {
		return nil, syntaxError(file, data, perr)
	}
	if len(f.Docs) == 0 || f.Docs[0] == nil || f.Docs[0].Body == nil {
		return &Node{Kind: Null, Pos: Pos{File: file, Line: 1, Col: 1}}, nil
	}
	if len(f.Docs) > 1 {
		return nil, &Error{Pos: docStart(file, f.Docs[1]), Msg: "only one YAML document per file is allowed (found a second \"---\")"}
	}
	var errs Errors
	root := convert(file, f.Docs[0].Body, &errs)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return root, nil
}

func syntaxError(file string, data []byte, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := posOf(file, ye.GetToken())
		if q := runawayQuote(file, data, p); q != nil {
			return q
		}
		return &Error{Pos: p, Msg: ye.GetMessage()}
	}
	return &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: err.Error()}
}

// yamlKeyLine matches a line that starts a mapping entry or a list item.
var yamlKeyLine = regexp.MustCompile(`^\s*(-\s+)?[A-Za-z_][\w-]*:(\s|$)`)

// runawayQuote explains a syntax error caused by a quote left open: YAML lets
// quoted text span lines, so the parser reads on to the next quote and fails
// far from the mistake. It finds the last quoted text that starts before the
// error and swallowed a line that looks like a key, and blames its opening quote.
func runawayQuote(file string, data []byte, at Pos) *Error {
	var found *token.Token
	for _, tk := range lexer.Tokenize(string(data)) {
		if tk.Position == nil || tk.Position.Line >= at.Line {
			break
		}
		if tk.Type != token.DoubleQuoteType && tk.Type != token.SingleQuoteType {
			continue
		}
		lines := strings.Split(tk.Origin, "\n")
		for _, l := range lines[1:] {
			if yamlKeyLine.MatchString(l) {
				found = tk
				break
			}
		}
	}
	if found == nil {
		return nil
	}
	kind, q := "double-quoted", `"`
	if found.Type == token.SingleQuoteType {
		kind, q = "single-quoted", "'"
	}
	return &Error{Pos: posOf(file, found), Msg: fmt.Sprintf("the %s text that starts here runs on to line %d: is its closing %s missing?", kind, at.Line, q)}
}

func posOf(file string, tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{File: file}
	}
	return Pos{File: file, Line: tk.Position.Line, Col: tk.Position.Column}
}

func convert(file string, an ast.Node, errs *Errors) *Node {
	tk := an.GetToken()
	p := posOf(file, tk)
	switch v := an.(type) {
	case *ast.NullNode:
		return &Node{Kind: Null, Pos: p}
	case *ast.StringNode:
		style := "plain"
		if tk != nil {
			switch tk.Type {
			case token.SingleQuoteType:
				style = "single"
			case token.DoubleQuoteType:
				style = "double"
			}
		}
		return &Node{Kind: Scalar, Pos: p, Tag: "str", Value: v.Value, Style: style}
	case *ast.LiteralNode:
		style := "literal"
		if v.Start != nil && v.Start.Type == token.FoldedType {
			style = "folded"
		}
		val := ""
		if v.Value != nil {
			val = v.Value.Value
		}
		return &Node{Kind: Scalar, Pos: posOf(file, v.Start), Tag: "str", Value: val, Style: style}
	case *ast.IntegerNode:
		return &Node{Kind: Scalar, Pos: p, Tag: "int", Value: tk.Value, Style: "plain"}
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return &Node{Kind: Scalar, Pos: p, Tag: "float", Value: tk.Value, Style: "plain"}
	case *ast.BoolNode:
		return &Node{Kind: Scalar, Pos: p, Tag: "bool", Value: fmt.Sprint(v.Value), Style: "plain"}
	case *ast.MappingValueNode:
		m := &ast.MappingNode{BaseNode: &ast.BaseNode{}, Values: []*ast.MappingValueNode{v}}
		n := convert(file, m, errs)
		n.Pos = posOf(file, v.Key.GetToken())
		return n
	case *ast.MappingNode:
		n := &Node{Kind: Map, Pos: p}
		if v.IsFlowStyle && v.Start != nil {
			n.Pos = posOf(file, v.Start) // the "{", as yaml.v3 places it
		} else if len(v.Values) > 0 {
			n.Pos = posOf(file, v.Values[0].Key.GetToken())
		}
		seen := map[string]Pos{}
		for _, mv := range v.Values {
			if mv.Key == nil {
				continue
			}
			if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
				errs.Add(posOf(file, mv.Key.GetToken()), "merge keys (<<) are not supported")
				continue
			}
			key := convert(file, mv.Key, errs)
			if key.Kind != Scalar {
				errs.Add(key.Pos, "a key must be a plain word, not %s", key.Kind)
				continue
			}
			if prev, dup := seen[key.Value]; dup {
				errs.Add(key.Pos, "key %q appears twice (first at line %d)", key.Value, prev.Line)
				continue
			}
			seen[key.Value] = key.Pos
			var val *Node
			if mv.Value == nil {
				val = &Node{Kind: Null, Pos: key.Pos}
			} else {
				val = convert(file, mv.Value, errs)
			}
			n.Keys = append(n.Keys, key)
			n.Vals = append(n.Vals, val)
		}
		return n
	case *ast.SequenceNode:
		n := &Node{Kind: Seq, Pos: p}
		for _, it := range v.Values {
			if it == nil {
				n.Items = append(n.Items, &Node{Kind: Null, Pos: p})
				continue
			}
			n.Items = append(n.Items, convert(file, it, errs))
		}
		return n
	case *ast.TagNode:
		if v.Value == nil {
			return &Node{Kind: Null, Pos: p}
		}
		return convert(file, v.Value, errs)
	case *ast.AnchorNode, *ast.AliasNode:
		errs.Add(p, "anchors and aliases (& and *) are not supported: write the value out, or use a named choice set")
		return &Node{Kind: Null, Pos: p}
	case *ast.CommentGroupNode, *ast.CommentNode:
		return &Node{Kind: Null, Pos: p}
	default:
		errs.Add(p, "unsupported YAML construct (%s)", an.Type())
		return &Node{Kind: Null, Pos: p}
	}
}

// docStart is where a document starts: its "---" when it has one.
func docStart(file string, d *ast.DocumentNode) Pos {
	if d.Start != nil {
		return posOf(file, d.Start)
	}
	return posOf(file, d.GetToken())
}
