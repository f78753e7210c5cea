package xlsform

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The XPath subset of XLSForm relevant, constraint, calculation and
// choice_filter cells: literals, ${name} references, ".", bare names (choice
// columns in a choice_filter), absolute paths, function calls and the XPath
// 1.0 operators. It is parsed into a small tree that both directions share:
// import translates the tree into expr, export builds a tree and prints it.

// xNode is a node of an XPath expression tree.
type xNode interface{ xprec() int }

// XPath operator precedences, lowest first; primaries bind tightest.
const (
	pOr = iota + 1
	pAnd
	pEq
	pRel
	pAdd
	pMul
	pUnary
	pPrimary
)

type (
	xStr  struct{ V string }    // 'text'
	xNum  struct{ V float64 }   // 12, 2.5
	xRef  struct{ Name string } // ${name}
	xDot  struct{}              // . (the current value)
	xName struct{ Name string } // a bare name: a choice column in a choice_filter
	xPath struct{ Raw string }  // /data/group/q, ../x: paths other than ${}
	xBin  struct {
		Op   string
		L, R xNode
	} // or and = != < <= > >= + - * div mod
	xNeg  struct{ X xNode } // -x
	xCall struct {
		Fn   string
		Args []xNode
	} // f(a, b)
)

func (xStr) xprec() int  { return pPrimary }
func (xNum) xprec() int  { return pPrimary }
func (xRef) xprec() int  { return pPrimary }
func (xDot) xprec() int  { return pPrimary }
func (xName) xprec() int { return pPrimary }
func (xPath) xprec() int { return pPrimary }
func (xCall) xprec() int { return pPrimary }
func (xNeg) xprec() int  { return pUnary }
func (b xBin) xprec() int {
	switch b.Op {
	case "or":
		return pOr
	case "and":
		return pAnd
	case "=", "!=":
		return pEq
	case "<", "<=", ">", ">=":
		return pRel
	case "+", "-":
		return pAdd
	}
	return pMul
}

// formatXPath prints a tree with the parentheses its precedences need.
func formatXPath(n xNode) string {
	var b strings.Builder
	writeXPath(&b, n)
	return b.String()
}

func writeXPath(b *strings.Builder, n xNode) {
	switch x := n.(type) {
	case xStr:
		b.WriteString(quoteXPath(x.V))
	case xNum:
		b.WriteString(formatNum(x.V))
	case xRef:
		b.WriteString("${" + x.Name + "}")
	case xDot:
		b.WriteString(".")
	case xName:
		b.WriteString(x.Name)
	case xPath:
		b.WriteString(x.Raw)
	case xNeg:
		b.WriteString("-")
		writeChild(b, x.X, pUnary, false)
	case xCall:
		b.WriteString(x.Fn + "(")
		for i, a := range x.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeXPath(b, a)
		}
		b.WriteString(")")
	case xBin:
		p := x.xprec()
		writeChild(b, x.L, p, false)
		b.WriteString(" " + x.Op + " ")
		// and/or are associative; everything else is left-associative.
		writeChild(b, x.R, p, x.Op != "and" && x.Op != "or")
	}
}

func writeChild(b *strings.Builder, n xNode, parent int, strict bool) {
	p := n.xprec()
	if p < parent || (strict && p == parent) {
		b.WriteString("(")
		writeXPath(b, n)
		b.WriteString(")")
		return
	}
	writeXPath(b, n)
}

// quoteXPath writes s as an XPath string literal. XPath 1.0 has no escapes:
// a text with both kinds of quote is written with concat().
func quoteXPath(s string) string {
	switch {
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	case !strings.Contains(s, `"`):
		return `"` + s + `"`
	}
	parts := strings.Split(s, "'")
	var args []string
	for i, p := range parts {
		if i > 0 {
			args = append(args, `"'"`)
		}
		if p != "" {
			args = append(args, "'"+p+"'")
		}
	}
	return "concat(" + strings.Join(args, ", ") + ")"
}

func formatNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// xpathError is a syntax error in an XPath expression, with the 1-based
// character where it was found.
type xpathError struct {
	At  int
	Msg string
}

func (e *xpathError) Error() string { return fmt.Sprintf("at character %d: %s", e.At, e.Msg) }

type xtok struct {
	kind string // str num ref dot dotdot name op ( ) , / [ ] @ eof
	val  string
	at   int // 1-based character position
}

func lexXPath(src string) ([]xtok, error) {
	var toks []xtok
	i := 0
	char := func(byteAt int) int { return utf8.RuneCountInString(src[:byteAt]) + 1 }
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		at := char(i)
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '\'' || r == '"':
			j := strings.IndexRune(src[i+1:], r)
			if j < 0 {
				return nil, &xpathError{at, "unclosed text (a quote is missing)"}
			}
			toks = append(toks, xtok{"str", src[i+1 : i+1+j], at})
			i += j + 2
		case r == '‘' || r == '’' || r == '“' || r == '”':
			return nil, &xpathError{at, fmt.Sprintf("curly quote %q: use straight quotes ' or \"", r)}
		case r == '$':
			if !strings.HasPrefix(src[i:], "${") {
				return nil, &xpathError{at, "$ must start a reference ${name}"}
			}
			j := strings.IndexByte(src[i:], '}')
			if j < 0 {
				return nil, &xpathError{at, "unclosed reference ${… (the } is missing)"}
			}
			name := strings.TrimSpace(src[i+2 : i+j])
			if name == "" {
				return nil, &xpathError{at, "empty reference ${}"}
			}
			toks = append(toks, xtok{"ref", name, at})
			i += j + 1
		case r >= '0' && r <= '9' || r == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			toks = append(toks, xtok{"num", src[i:j], at})
			i = j
		case r == '.':
			if strings.HasPrefix(src[i:], "..") {
				toks = append(toks, xtok{"dotdot", "..", at})
				i += 2
			} else {
				toks = append(toks, xtok{"dot", ".", at})
				i++
			}
		case r == '!' || r == '<' || r == '>':
			if i+1 < len(src) && src[i+1] == '=' {
				toks = append(toks, xtok{"op", src[i : i+2], at})
				i += 2
			} else if r == '!' {
				return nil, &xpathError{at, "! alone is not XPath: use not(…) or !="}
			} else {
				toks = append(toks, xtok{"op", string(r), at})
				i++
			}
		case r == '&' || r == '=' && strings.HasPrefix(src[i:], "=="):
			return nil, &xpathError{at, fmt.Sprintf("%q is not XPath: use and, or, =", strings.SplitN(src[i:]+" ", " ", 2)[0])}
		case strings.ContainsRune("=+-*|", r):
			toks = append(toks, xtok{"op", string(r), at})
			i++
		case strings.ContainsRune("(),/[]@", r):
			toks = append(toks, xtok{string(r), string(r), at})
			i++
		case unicode.IsLetter(r) || r == '_':
			j := i
			for j < len(src) {
				c, n := utf8.DecodeRuneInString(src[j:])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' {
					j += n
					continue
				}
				break
			}
			// A trailing "-" belongs to the next operand (a-1 is a name in XPath,
			// but "a -1" is not: keep names as XPath reads them).
			toks = append(toks, xtok{"name", src[i:j], at})
			i = j
		default:
			return nil, &xpathError{at, fmt.Sprintf("unexpected character %q", r)}
		}
	}
	toks = append(toks, xtok{"eof", "", char(len(src))})
	return toks, nil
}

type xparser struct {
	toks []xtok
	pos  int
}

// parseXPath parses an XLSForm expression.
func parseXPath(src string) (xNode, error) {
	toks, err := lexXPath(src)
	if err != nil {
		return nil, err
	}
	p := &xparser{toks: toks}
	if p.peek().kind == "eof" {
		return nil, &xpathError{1, "empty expression"}
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != "eof" {
		if t.val == "[" || t.val == "@" {
			return nil, unsupported("at character %d: %s (predicates and attributes, as in instance(…)/item[…]) has no indimaj equivalent", t.at, t.val)
		}
		return nil, &xpathError{t.at, fmt.Sprintf("unexpected %q", t.val)}
	}
	return n, nil
}

func (p *xparser) peek() xtok { return p.toks[p.pos] }
func (p *xparser) next() xtok {
	t := p.toks[p.pos]
	if t.kind != "eof" {
		p.pos++
	}
	return t
}

// isOp reports whether the next token is one of ops in operator position
// (and, or, div and mod are names in XPath's grammar).
func (p *xparser) isOp(ops ...string) (string, bool) {
	t := p.peek()
	if t.kind != "op" && t.kind != "name" {
		return "", false
	}
	for _, o := range ops {
		if t.val == o {
			return o, true
		}
	}
	return "", false
}

func (p *xparser) binary(next func() (xNode, error), ops ...string) (xNode, error) {
	l, err := next()
	if err != nil {
		return nil, err
	}
	for {
		op, ok := p.isOp(ops...)
		if !ok {
			return l, nil
		}
		p.next()
		r, err := next()
		if err != nil {
			return nil, err
		}
		l = xBin{Op: op, L: l, R: r}
	}
}

func (p *xparser) or() (xNode, error)  { return p.binary(p.and, "or") }
func (p *xparser) and() (xNode, error) { return p.binary(p.eq, "and") }
func (p *xparser) eq() (xNode, error)  { return p.binary(p.rel, "=", "!=") }
func (p *xparser) rel() (xNode, error) { return p.binary(p.add, "<", "<=", ">", ">=") }
func (p *xparser) add() (xNode, error) { return p.binary(p.mul, "+", "-") }
func (p *xparser) mul() (xNode, error) { return p.binary(p.unary, "*", "div", "mod") }

func (p *xparser) unary() (xNode, error) {
	if t := p.peek(); t.kind == "op" && t.val == "-" {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if n, ok := x.(xNum); ok {
			return xNum{-n.V}, nil
		}
		return xNeg{x}, nil
	}
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind == "op" && t.val == "|" {
		return nil, &xpathError{t.at, "| (node-set union) is not supported"}
	}
	return x, nil
}

func (p *xparser) primary() (xNode, error) {
	t := p.next()
	switch t.kind {
	case "str":
		return xStr{t.val}, nil
	case "num":
		v, err := strconv.ParseFloat(t.val, 64)
		if err != nil {
			return nil, &xpathError{t.at, fmt.Sprintf("%q is not a number", t.val)}
		}
		return xNum{v}, nil
	case "ref":
		return p.pathTail(xRef{t.val}, t)
	case "dot":
		return p.pathTail(xDot{}, t)
	case "dotdot":
		return p.pathTail(xPath{".."}, t)
	case "(":
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != ")" {
			return nil, &xpathError{c.at, "a ) is missing"}
		}
		return x, nil
	case "/":
		raw := "/"
		for {
			n := p.next()
			if n.kind != "name" {
				return nil, &xpathError{n.at, "a path step (a name) is expected after /"}
			}
			raw += n.val
			if p.peek().kind != "/" {
				break
			}
			p.next()
			raw += "/"
		}
		return xPath{raw}, nil
	case "name":
		if p.peek().kind == "(" {
			p.next()
			var args []xNode
			if p.peek().kind != ")" {
				for {
					a, err := p.or()
					if err != nil {
						return nil, err
					}
					args = append(args, a)
					if p.peek().kind != "," {
						break
					}
					p.next()
				}
			}
			if c := p.next(); c.kind != ")" {
				return nil, &xpathError{c.at, fmt.Sprintf("%s(: a ) is missing", t.val)}
			}
			return p.pathTail(xCall{Fn: t.val, Args: args}, t)
		}
		return p.pathTail(xName{t.val}, t)
	case "eof":
		return nil, &xpathError{t.at, "the expression ends too early"}
	case "[", "@":
		return nil, unsupported("at character %d: %s (predicates and attributes) has no indimaj equivalent", t.at, t.val)
	}
	return nil, &xpathError{t.at, fmt.Sprintf("unexpected %q", t.val)}
}

// pathTail turns x/… and x[…] into a path, which only ${name}, . and names
// in simple positions can be translated from.
func (p *xparser) pathTail(x xNode, start xtok) (xNode, error) {
	switch p.peek().kind {
	case "/":
		raw := formatXPath(x)
		for p.peek().kind == "/" {
			p.next()
			n := p.next()
			if n.kind != "name" && n.kind != "dotdot" && n.kind != "dot" {
				return nil, &xpathError{n.at, "a path step is expected after /"}
			}
			raw += "/" + n.val
		}
		return xPath{raw}, nil
	case "[":
		return nil, &xpathError{p.peek().at, "[…] predicates are not supported"}
	}
	return x, nil
}
