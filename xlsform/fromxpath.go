package xlsform

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Import direction: an XPath tree becomes an indimaj (expr) expression with the
// truth table ODK's evaluator (JavaRosa) gives it. The differences the
// translation bridges:
//
//   - In ODK an unanswered or non-relevant question is the empty string, and an
//     empty number is NaN in arithmetic and comparisons (false, except !=). In
//     indimaj it stands for its typed zero value (0, "", [], false). Numeric
//     operands are therefore guarded with answered(): ${n} < 5 becomes
//     answered(n) && n < 5.
//   - A select_one is a code; comparing it with a number compares the code as
//     a number: ${q} > 2 becomes the list of codes that satisfy it.
//   - A select_multiple is a space-separated string: ${m} = 'a' means "exactly a".
//   - An indimaj boolean is written select_one yes_no: ${b} = 'no' is
//     answered(b) && !b.

// kind is the static kind of an XPath value once translated.
type kind int

const (
	kAny kind = iota
	kBool
	kNum
	kStr
	kList
)

// sym is what an XLSForm name stands for in expressions.
type sym struct {
	id    string // the indimaj id
	qtype string // single, multiple, boolean, integer, decimal, text, note, calc
	codes []string
	// calc is the kind of a calculation's value; guard, for a numeric one, is
	// when it is a number (not NaN) in ODK.
	calc  kind
	guard string
	// skipped says why a name is not imported (with --skip-unsupported).
	skipped string
}

func (s *sym) numeric() bool { return s.qtype == "integer" || s.qtype == "decimal" }

// unsupportedError is an expression feature indimaj cannot represent.
type unsupportedError struct{ msg string }

func (e *unsupportedError) Error() string { return e.msg }

func unsupported(format string, args ...any) error {
	return &unsupportedError{fmt.Sprintf(format, args...)}
}

// expr precedences (expr-lang's operator table); ternaries are lowest.
const (
	eTern  = 1
	eOr    = 10
	eAnd   = 15
	eCmp   = 20
	eAdd   = 30
	eMul   = 60
	eNot   = 50
	eNeg   = 90
	ePrim  = 1000
	eTrue  = "true"
	eFalse = "false"
)

// ev is a translated value.
type ev struct {
	src  string
	prec int
	kind kind
	ref  *sym // a direct reference to a question or calculation
	dot  bool // the current value (a constraint's ".")
	lit  *lit // a literal
	// guard is, for numbers, the condition under which the value is a number
	// in ODK (not NaN); "" means always.
	guard string
	// refs says whether the value reads any question or calculation.
	refs bool
	// cmpL, cmpOp, cmpR keep a comparison's parts, so not() can flip == and !=.
	cmpL, cmpOp, cmpR string
	// parts and junction ("&&" or "||") keep a chain's operands, so not()
	// can push the negation inside when that reads better.
	parts    []ev
	junction string
}

type lit struct {
	s     string
	num   float64
	isNum bool
}

func (l *lit) number() float64 {
	if l.isNum {
		return l.num
	}
	return xpathNumber(l.s)
}

// xpathNumber converts a string as XPath number() does (NaN when not a number).
func xpathNumber(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "eExXpP_") || strings.HasPrefix(s, "+") {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

func boolLit(b bool) ev {
	if b {
		return ev{src: eTrue, prec: ePrim, kind: kBool}
	}
	return ev{src: eFalse, prec: ePrim, kind: kBool}
}

// quoteExpr writes s as an expr string literal.
func quoteExpr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func par(e ev, min int) string {
	if e.prec < min {
		return "(" + e.src + ")"
	}
	return e.src
}

func and(parts ...ev) ev { return junction(parts, true, eAnd, "&&") }

func or(parts ...ev) ev { return junction(parts, false, eOr, "||") }

// junction joins parts with op (&& or ||): the literal unit (true for &&)
// drops out, its opposite decides the whole, and one remaining part stands
// alone.
func junction(parts []ev, unit bool, prec int, op string) ev {
	unitSrc, absorbing := eTrue, eFalse
	if !unit {
		unitSrc, absorbing = eFalse, eTrue
	}
	var keep []ev
	refs := false
	for _, p := range parts {
		refs = refs || p.refs
		switch p.src {
		case unitSrc:
			continue
		case absorbing:
			return boolLit(!unit)
		}
		keep = append(keep, p)
	}
	switch len(keep) {
	case 0:
		return boolLit(unit)
	case 1:
		keep[0].refs = refs
		return keep[0]
	}
	srcs := make([]string, len(keep))
	for i, p := range keep {
		srcs[i] = par(p, prec)
	}
	return ev{src: strings.Join(srcs, " "+op+" "), prec: prec, kind: kBool, refs: refs, parts: keep, junction: op}
}

func not(e ev) ev {
	switch e.src {
	case eTrue:
		return boolLit(false)
	case eFalse:
		return boolLit(true)
	}
	switch e.cmpOp {
	case "==":
		return cmp(e.cmpL, "!=", e.cmpR, e.refs)
	case "!=":
		return cmp(e.cmpL, "==", e.cmpR, e.refs)
	}
	if e.junction != "" {
		// De Morgan, when every negated operand stays simple.
		negs := make([]ev, len(e.parts))
		simple := true
		for i, p := range e.parts {
			negs[i] = not(p)
			simple = simple && !strings.HasPrefix(negs[i].src, "!(")
		}
		if simple {
			if e.junction == "&&" {
				return or(negs...)
			}
			return and(negs...)
		}
	}
	if strings.HasPrefix(e.src, "!") && e.prec == eNot {
		inner := strings.TrimPrefix(e.src, "!")
		if strings.HasPrefix(inner, "(") && strings.HasSuffix(inner, ")") && balanced(inner[1:len(inner)-1]) {
			inner = inner[1 : len(inner)-1]
			return ev{src: inner, prec: precOfSrc(inner), kind: kBool, refs: e.refs}
		}
		return ev{src: inner, prec: ePrim, kind: kBool, refs: e.refs}
	}
	return ev{src: "!" + par(e, eNot+1), prec: eNot, kind: kBool, refs: e.refs}
}

// balanced reports whether the parentheses of s pair up (ignoring strings).
func balanced(s string) bool {
	depth := 0
	var quote rune
	esc := false
	for _, r := range s {
		if quote != 0 {
			switch {
			case esc:
				esc = false
			case r == '\\':
				esc = true
			case r == quote:
				quote = 0
			}
			continue
		}
		switch r {
		case '"':
			quote = r
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// precOfSrc is a conservative precedence for a source whose outer
// parentheses were removed: the lowest operator outside parentheses.
func precOfSrc(s string) int {
	low := ePrim
	depth := 0
	var quote rune
	esc := false
	rs := []rune(s)
	for i, r := range rs {
		if quote != 0 {
			switch {
			case esc:
				esc = false
			case r == '\\':
				esc = true
			case r == quote:
				quote = 0
			}
			continue
		}
		if depth > 0 && r != '(' && r != ')' {
			continue
		}
		switch r {
		case '"':
			quote = r
		case '(':
			depth++
		case ')':
			depth--
		case '?':
			low = min(low, eTern)
		case '|':
			low = min(low, eOr)
		case '&':
			low = min(low, eAnd)
		case '=', '<', '>':
			low = min(low, eCmp)
		case '!':
			if i+1 < len(rs) && rs[i+1] == '=' {
				low = min(low, eCmp)
			} else {
				low = min(low, eNot)
			}
		case '+', '-':
			if i > 0 {
				low = min(low, eAdd)
			} else {
				low = min(low, eNeg)
			}
		case '*', '/', '%':
			low = min(low, eMul)
		case ' ':
			if strings.HasPrefix(string(rs[i:]), " in ") || strings.HasPrefix(string(rs[i:]), " matches ") ||
				strings.HasPrefix(string(rs[i:]), " contains ") || strings.HasPrefix(string(rs[i:]), " startsWith ") ||
				strings.HasPrefix(string(rs[i:]), " endsWith ") {
				low = min(low, eCmp)
			}
		}
	}
	return low
}

func cmp(l string, op string, r string, refs bool) ev {
	return ev{src: l + " " + op + " " + r, prec: eCmp, kind: kBool, refs: refs, cmpL: l, cmpOp: op, cmpR: r}
}

func call(fn string, args ...string) string { return fn + "(" + strings.Join(args, ", ") + ")" }

func answered(s *sym) ev {
	return ev{src: call("answered", s.id), prec: ePrim, kind: kBool, refs: true}
}

// guardEv turns a guard into a boolean value.
func guardEv(g string) ev {
	if g == "" {
		return boolLit(true)
	}
	return ev{src: g, prec: precOfSrc(g), kind: kBool, refs: true}
}

func joinGuards(gs ...string) string {
	var parts []ev
	for _, g := range gs {
		if g != "" {
			parts = append(parts, guardEv(g))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return and(parts...).src
}

// fromXPath translates XPath trees for one questionnaire.
type fromXPath struct {
	syms map[string]*sym
	// self is the question whose constraint is translated ("." is its value).
	self *sym
	// cols are the columns of the current choice (a choice_filter).
	cols map[string]string
}

// translate converts an XPath tree into an expr value.
func (t *fromXPath) translate(n xNode) (ev, error) {
	switch x := n.(type) {
	case xStr:
		return ev{src: quoteExpr(x.V), prec: ePrim, kind: kStr, lit: &lit{s: x.V}}, nil
	case xNum:
		p := ePrim
		if x.V < 0 {
			p = eNeg
		}
		return ev{src: formatNum(x.V), prec: p, kind: kNum, lit: &lit{num: x.V, isNum: true}}, nil
	case xRef:
		return t.ref(x.Name)
	case xDot:
		if t.self == nil {
			return ev{}, fmt.Errorf("\".\" (the current value) only has a meaning in a constraint")
		}
		return ev{src: ".", prec: ePrim, kind: symKind(t.self), ref: t.self, dot: true}, nil
	case xName:
		if t.cols != nil {
			v, ok := t.cols[x.Name]
			if !ok {
				return ev{}, unsupported("%s is not a column of the choices sheet (ODK reads it as empty)", x.Name)
			}
			return ev{src: quoteExpr(v), prec: ePrim, kind: kStr, lit: &lit{s: v}}, nil
		}
		if s := t.syms[x.Name]; s != nil {
			return ev{}, fmt.Errorf("bare name %s: write ${%s} to refer to a question", x.Name, x.Name)
		}
		return ev{}, fmt.Errorf("unknown name %s (questions are written ${name})", x.Name)
	case xPath:
		segs := strings.Split(strings.Trim(x.Raw, "/"), "/")
		last := segs[len(segs)-1]
		if strings.HasPrefix(x.Raw, "/") && t.syms[last] != nil {
			return t.ref(last)
		}
		return ev{}, unsupported("the path %s is not supported (write ${name})", x.Raw)
	case xNeg:
		v, err := t.translate(x.X)
		if err != nil {
			return ev{}, err
		}
		src, g := t.num(v)
		return ev{src: "-" + par(ev{src: src, prec: precOfSrc(src)}, eNeg+1), prec: eNeg, kind: kNum, guard: g, refs: v.refs}, nil
	case xBin:
		return t.binary(x)
	case xCall:
		return t.call(x)
	}
	return ev{}, fmt.Errorf("unexpected expression")
}

func symKind(s *sym) kind {
	switch s.qtype {
	case "single", "text", "boolean":
		return kStr
	case "multiple":
		return kList
	case "integer", "decimal":
		return kNum
	case "calc":
		return s.calc
	}
	return kAny
}

func (t *fromXPath) ref(name string) (ev, error) {
	s := t.syms[name]
	if s == nil {
		return ev{}, fmt.Errorf("unknown question ${%s}", name)
	}
	if s.skipped != "" {
		return ev{}, unsupported("it refers to ${%s}, which is not imported (%s)", name, s.skipped)
	}
	if s.qtype == "note" {
		return ev{}, unsupported("it refers to ${%s}, a note (a note has no value in indimaj)", name)
	}
	e := ev{src: s.id, prec: ePrim, kind: symKind(s), ref: s, refs: true}
	if s.qtype == "calc" && s.calc == kNum {
		e.guard = s.guard
	}
	return e, nil
}

// boolean converts a value to a condition as XPath's boolean() does.
func (t *fromXPath) boolean(e ev) ev {
	if e.ref != nil {
		s := e.ref
		self := e.src
		switch {
		case s.qtype == "calc" && s.calc == kBool:
			return e
		case s.qtype == "boolean":
			// 'yes' and 'no' are both non-empty texts.
			if e.dot {
				return boolLit(true)
			}
			return answered(s)
		case s.numeric() || s.qtype == "calc" && s.calc == kNum:
			// JavaRosa: a number is true when it is neither 0 nor NaN.
			return and(guardEv(e.guard), cmp(self, "!=", "0", true))
		case s.qtype == "multiple":
			return cmp(call("count_selected", self), ">", "0", true)
		default:
			return cmp(self, "!=", `""`, true)
		}
	}
	switch e.kind {
	case kBool:
		return e
	case kNum:
		if e.lit != nil {
			v := e.lit.number()
			return boolLit(v != 0 && !math.IsNaN(v))
		}
		return and(guardEv(e.guard), cmp(par(e, eCmp+1), "!=", "0", e.refs))
	case kStr:
		if e.lit != nil {
			return boolLit(e.lit.s != "")
		}
		return cmp(par(e, eCmp+1), "!=", `""`, e.refs)
	case kList:
		return cmp(call("len", e.src), ">", "0", e.refs)
	}
	return cmp(par(e, eCmp+1), "!=", `""`, e.refs)
}

// num converts a value to a number as XPath's number() does: the expr source
// and the guard under which it is not NaN.
func (t *fromXPath) num(e ev) (string, string) {
	if e.lit != nil {
		v := e.lit.number()
		if math.IsNaN(v) {
			return "0", eFalse
		}
		return formatNum(v), ""
	}
	if e.ref != nil {
		s := e.ref
		switch {
		case s.numeric():
			if e.dot {
				return ".", ""
			}
			return s.id, answered(s).src
		case s.qtype == "single":
			// A numeric code counts as its number.
			var arms []string
			var codes []string
			for _, c := range s.codes {
				if v := xpathNumber(c); !math.IsNaN(v) {
					arms = append(arms, fmt.Sprintf("%s == %s ? %s", e.src, quoteExpr(c), formatNum(v)))
					codes = append(codes, quoteExpr(c))
				}
			}
			if len(arms) == 0 {
				return "0", eFalse
			}
			return "(" + strings.Join(arms, " : ") + " : 0)", e.src + " in [" + strings.Join(codes, ", ") + "]"
		case s.qtype == "text":
			return "float(" + e.src + ")", e.src + ` != ""`
		case s.qtype == "calc":
			switch s.calc {
			case kNum:
				return e.src, e.guard
			case kBool:
				return "(" + e.src + " ? 1 : 0)", ""
			case kStr:
				return "float(" + e.src + ")", e.src + ` != ""`
			}
		}
		return "0", eFalse // a yes/no or a multiple choice is not a number
	}
	switch e.kind {
	case kNum:
		return par(e, eAdd), e.guard
	case kBool:
		return "(" + e.src + " ? 1 : 0)", ""
	case kStr:
		return "float(" + e.src + ")", e.src + ` != ""`
	}
	return "float(" + e.src + ")", ""
}

// str converts a value to text as XPath's string() does.
func (t *fromXPath) str(e ev) string {
	if e.lit != nil {
		if e.lit.isNum {
			return quoteExpr(formatNum(e.lit.num))
		}
		return e.src
	}
	if e.ref != nil {
		s := e.ref
		switch {
		case s.qtype == "boolean":
			if e.dot {
				return `(. ? "yes" : "no")`
			}
			return fmt.Sprintf(`(%s ? "yes" : answered(%s) ? "no" : "")`, s.id, s.id)
		case s.numeric():
			if e.dot {
				return "string(.)"
			}
			return fmt.Sprintf(`(answered(%s) ? string(%s) : "")`, s.id, s.id)
		case s.qtype == "multiple":
			return call("join", e.src, `" "`)
		case s.qtype == "calc" && s.calc == kBool:
			return fmt.Sprintf(`(%s ? "true" : "false")`, s.id)
		case s.qtype == "calc" && s.calc == kNum:
			if e.guard != "" {
				return fmt.Sprintf(`(%s ? string(%s) : "")`, e.guard, s.id)
			}
			return call("string", s.id)
		}
		return e.src
	}
	switch e.kind {
	case kStr:
		return e.src
	case kBool:
		return "(" + e.src + ` ? "true" : "false")`
	case kNum:
		if e.guard != "" {
			return fmt.Sprintf(`(%s ? string(%s) : "NaN")`, e.guard, e.src)
		}
		return call("string", e.src)
	}
	return call("string", e.src)
}

func (t *fromXPath) binary(x xBin) (ev, error) {
	l, err := t.translate(x.L)
	if err != nil {
		return ev{}, err
	}
	r, err := t.translate(x.R)
	if err != nil {
		return ev{}, err
	}
	refs := l.refs || r.refs
	switch x.Op {
	case "and":
		return and(t.boolean(l), t.boolean(r)), nil
	case "or":
		return or(t.boolean(l), t.boolean(r)), nil
	case "=", "!=":
		e, err := t.equal(l, r)
		if err != nil {
			return ev{}, err
		}
		if x.Op == "!=" {
			return not(e), nil
		}
		return e, nil
	case "<", "<=", ">", ">=":
		return t.compare(x.Op, l, r)
	}
	// Arithmetic.
	ls, lg := t.num(l)
	rs, rg := t.num(r)
	lp := ev{src: ls, prec: precOfSrc(ls)}
	rp := ev{src: rs, prec: precOfSrc(rs)}
	g := joinGuards(lg, rg)
	switch x.Op {
	case "+", "-":
		return ev{src: par(lp, eAdd) + " " + x.Op + " " + par(rp, eAdd+1), prec: eAdd, kind: kNum, guard: g, refs: refs}, nil
	case "*":
		return ev{src: par(lp, eMul) + " * " + par(rp, eMul+1), prec: eMul, kind: kNum, guard: g, refs: refs}, nil
	case "div":
		return ev{src: par(lp, eMul) + " / " + par(rp, eMul+1), prec: eMul, kind: kNum, guard: g, refs: refs}, nil
	case "mod":
		// XPath's mod keeps the dividend's sign: a - b * int(a / b).
		a, b := par(lp, eMul+1), par(rp, eMul+1)
		return ev{src: fmt.Sprintf("(%s - %s * int(%s / %s))", a, b, a, b), prec: ePrim, kind: kNum, guard: g, refs: refs}, nil
	}
	return ev{}, unsupported("operator %s is not supported", x.Op)
}

// equal translates l = r with JavaRosa's rules: booleans first, then
// numbers, then texts; an empty answer is the empty text.
func (t *fromXPath) equal(l, r ev) (ev, error) {
	if l.lit != nil && r.lit == nil {
		l, r = r, l
	}
	refs := l.refs || r.refs
	// Two literals: fold.
	if l.lit != nil && r.lit != nil {
		if l.lit.isNum || r.lit.isNum {
			return boolLit(l.lit.number() == r.lit.number()), nil
		}
		return boolLit(l.lit.s == r.lit.s), nil
	}
	// Booleans.
	if l.kind == kBool && l.ref == nil || r.kind == kBool && r.ref == nil {
		lb, rb := t.boolean(l), t.boolean(r)
		return cmp(par(lb, eCmp+1), "==", par(rb, eCmp+1), refs), nil
	}
	// A reference compared with a literal.
	if l.ref != nil && r.lit != nil {
		return t.refEqualsLit(l, r.lit), nil
	}
	// Two numeric answers: equal when both are unanswered, or both answered
	// and equal.
	if l.ref != nil && r.ref != nil && l.ref.numeric() && r.ref.numeric() && !l.dot && !r.dot {
		return and(cmp(answered(l.ref).src, "==", answered(r.ref).src, true), cmp(l.src, "==", r.src, true)), nil
	}
	if isNumeric(l) || isNumeric(r) {
		ls, lg := t.num(l)
		rs, rg := t.num(r)
		return and(guardEv(lg), guardEv(rg), cmp(par(ev{src: ls, prec: precOfSrc(ls)}, eCmp+1), "==", par(ev{src: rs, prec: precOfSrc(rs)}, eCmp+1), refs)), nil
	}
	if l.ref != nil && r.ref != nil && (l.ref.qtype == "single" || l.ref.qtype == "text") && (r.ref.qtype == "single" || r.ref.qtype == "text") {
		return cmp(l.src, "==", r.src, refs), nil
	}
	ls, rs := t.str(l), t.str(r)
	return cmp(par(ev{src: ls, prec: precOfSrc(ls)}, eCmp+1), "==", par(ev{src: rs, prec: precOfSrc(rs)}, eCmp+1), refs), nil
}

func isNumeric(e ev) bool {
	if e.ref != nil {
		return e.ref.numeric() || e.ref.qtype == "calc" && e.ref.calc == kNum
	}
	return e.kind == kNum
}

// refEqualsLit translates ${q} = literal (and . = literal).
func (t *fromXPath) refEqualsLit(e ev, l *lit) ev {
	s := e.ref
	self := e.src
	switch s.qtype {
	case "single", "text":
		if l.isNum {
			// Compared as numbers: the codes (or texts) whose number is l.
			if s.qtype == "text" {
				return and(cmp(self, "!=", `""`, true), cmp("float("+self+")", "==", formatNum(l.num), true))
			}
			return codesIn(self, s.codes, func(c string) bool { return xpathNumber(c) == l.num })
		}
		return cmp(self, "==", quoteExpr(l.s), true)
	case "multiple":
		var codes []string
		if l.isNum {
			for _, c := range s.codes {
				if xpathNumber(c) == l.num {
					codes = append(codes, c)
				}
			}
			if len(codes) == 0 {
				return boolLit(false)
			}
			var alts []ev
			for _, c := range codes {
				alts = append(alts, ev{src: call("selected", self, quoteExpr(c)), prec: ePrim, kind: kBool, refs: true})
			}
			return and(cmp(call("count_selected", self), "==", "1", true), or(alts...))
		}
		codes = strings.Fields(l.s)
		parts := []ev{cmp(call("count_selected", self), "==", strconv.Itoa(len(codes)), true)}
		for _, c := range codes {
			parts = append(parts, ev{src: call("selected", self, quoteExpr(c)), prec: ePrim, kind: kBool, refs: true})
		}
		return and(parts...)
	case "boolean":
		if l.isNum {
			return boolLit(false)
		}
		switch l.s {
		case "yes":
			return ev{src: self, prec: ePrim, kind: kBool, refs: true}
		case "no":
			if e.dot {
				return not(ev{src: ".", prec: ePrim, kind: kBool, refs: true})
			}
			return and(answered(s), not(ev{src: self, prec: ePrim, kind: kBool, refs: true}))
		case "":
			if e.dot {
				return boolLit(false)
			}
			return not(answered(s))
		}
		return boolLit(false)
	case "integer", "decimal":
		v := l.number()
		if !l.isNum && strings.TrimSpace(l.s) == "" {
			if e.dot {
				return boolLit(false)
			}
			return not(answered(s))
		}
		if math.IsNaN(v) {
			return boolLit(false)
		}
		c := cmp(self, "==", formatNum(v), true)
		if e.dot {
			return c
		}
		return and(answered(s), c)
	case "calc":
		switch s.calc {
		case kBool:
			switch {
			case !l.isNum && l.s == "true":
				return ev{src: self, prec: ePrim, kind: kBool, refs: true}
			case !l.isNum && l.s == "false":
				return not(ev{src: self, prec: ePrim, kind: kBool, refs: true})
			}
			return boolLit(false)
		case kNum:
			v := l.number()
			if math.IsNaN(v) {
				if !l.isNum && l.s == "" && e.guard != "" {
					return not(guardEv(e.guard))
				}
				return boolLit(false)
			}
			return and(guardEv(e.guard), cmp(self, "==", formatNum(v), true))
		default:
			if l.isNum {
				return and(cmp(self, "!=", `""`, true), cmp("float("+self+")", "==", formatNum(l.num), true))
			}
			return cmp(self, "==", quoteExpr(l.s), true)
		}
	}
	return boolLit(false)
}

// codesIn is "the answer is one of the codes that satisfy keep".
func codesIn(self string, codes []string, keep func(string) bool) ev {
	var in []string
	for _, c := range codes {
		if keep(c) {
			in = append(in, quoteExpr(c))
		}
	}
	switch len(in) {
	case 0:
		return boolLit(false)
	case 1:
		return cmp(self, "==", in[0], true)
	}
	return cmp(self, "in", "["+strings.Join(in, ", ")+"]", true)
}

func flipOp(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
}

func compareNums(op string, a, b float64) bool {
	switch op {
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	case "==", "=":
		return a == b
	case "!=":
		return a != b
	}
	return false
}

// compare translates l < r (and <=, >, >=): both sides become numbers, and
// a NaN on either side makes it false.
func (t *fromXPath) compare(op string, l, r ev) (ev, error) {
	if l.lit != nil && r.lit == nil {
		l, r, op = r, l, flipOp(op)
	}
	refs := l.refs || r.refs
	if l.lit != nil && r.lit != nil {
		return boolLit(compareNums(op, l.lit.number(), r.lit.number())), nil
	}
	if l.ref != nil && r.lit != nil {
		v := r.lit.number()
		if math.IsNaN(v) {
			return boolLit(false), nil
		}
		switch l.ref.qtype {
		case "single":
			return codesIn(l.src, l.ref.codes, func(c string) bool { return compareNums(op, xpathNumber(c), v) }), nil
		case "multiple":
			return and(cmp(call("count_selected", l.src), "==", "1", true),
				codesInMultiple(l.src, l.ref.codes, func(c string) bool { return compareNums(op, xpathNumber(c), v) })), nil
		}
	}
	ls, lg := t.num(l)
	rs, rg := t.num(r)
	return and(guardEv(lg), guardEv(rg), cmp(par(ev{src: ls, prec: precOfSrc(ls)}, eCmp+1), op, par(ev{src: rs, prec: precOfSrc(rs)}, eCmp+1), refs)), nil
}

func codesInMultiple(self string, codes []string, keep func(string) bool) ev {
	var alts []ev
	for _, c := range codes {
		if keep(c) {
			alts = append(alts, ev{src: call("selected", self, quoteExpr(c)), prec: ePrim, kind: kBool, refs: true})
		}
	}
	return or(alts...)
}

// unsupportedFuncs explains the ODK functions indimaj has no equivalent for.
var unsupportedFuncs = map[string]string{
	"pulldata":          "it reads an external CSV file",
	"today":             "indimaj has no date questions",
	"now":               "indimaj has no date questions",
	"date":              "indimaj has no date questions",
	"format-date":       "indimaj has no date questions",
	"decimal-date-time": "indimaj has no date questions",
	"position":          "indimaj has no repeats",
	"indexed-repeat":    "indimaj has no repeats",
	"count":             "indimaj has no repeats",
	"sum":               "indimaj has no repeats",
	"jr:choice-name":    "choice labels are not values in indimaj",
	"once":              "indimaj computes values from the answers only",
	"uuid":              "indimaj computes values from the answers only",
	"random":            "indimaj computes values from the answers only",
	"instance":          "indimaj has no secondary instances",
	"current":           "indimaj has no secondary instances",
	"area":              "indimaj has no location questions",
	"distance":          "indimaj has no location questions",
	"selected-at":       "positions in a multiple choice are not kept in order",
}

func (t *fromXPath) args(x xCall, n int) ([]ev, error) {
	if n >= 0 && len(x.Args) != n {
		return nil, fmt.Errorf("%s() takes %d argument(s), got %d", x.Fn, n, len(x.Args))
	}
	out := make([]ev, len(x.Args))
	for i, a := range x.Args {
		v, err := t.translate(a)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (t *fromXPath) call(x xCall) (ev, error) {
	fn := x.Fn
	if why, ok := unsupportedFuncs[fn]; ok {
		return ev{}, unsupported("%s() has no indimaj equivalent (%s)", fn, why)
	}
	switch fn {
	case "true", "false":
		if len(x.Args) != 0 {
			return ev{}, fmt.Errorf("%s() takes no argument", fn)
		}
		return boolLit(fn == "true"), nil
	case "not", "boolean":
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		if fn == "boolean" {
			return t.boolean(a[0]), nil
		}
		return not(t.boolean(a[0])), nil
	case "selected":
		a, err := t.args(x, 2)
		if err != nil {
			return ev{}, err
		}
		return t.selected(a[0], a[1])
	case "count-selected":
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		e := a[0]
		if e.ref == nil {
			return ev{}, unsupported("count-selected() of something other than a question")
		}
		switch e.ref.qtype {
		case "multiple", "single":
			return ev{src: call("count_selected", e.src), prec: ePrim, kind: kNum, refs: true}, nil
		case "boolean":
			if e.dot {
				return ev{src: "1", prec: ePrim, kind: kNum, lit: &lit{num: 1, isNum: true}}, nil
			}
			return ev{src: fmt.Sprintf("(answered(%s) ? 1 : 0)", e.ref.id), prec: ePrim, kind: kNum, refs: true}, nil
		}
		return ev{}, unsupported("count-selected() of a %s question", e.ref.qtype)
	case "string-length":
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		return ev{src: call("len", t.str(a[0])), prec: ePrim, kind: kNum, refs: a[0].refs}, nil
	case "if":
		a, err := t.args(x, 3)
		if err != nil {
			return ev{}, err
		}
		return t.ifThen(a[0], a[1], a[2])
	case "coalesce":
		a, err := t.args(x, -1)
		if err != nil {
			return ev{}, err
		}
		if len(a) < 2 {
			return ev{}, fmt.Errorf("coalesce() takes two arguments")
		}
		// Right-fold: coalesce(a, b, c) = coalesce(a, coalesce(b, c)).
		acc := a[len(a)-1]
		for i := len(a) - 2; i >= 0; i-- {
			acc = t.coalesce(a[i], acc)
		}
		return acc, nil
	case "number", "int":
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		s, g := t.num(a[0])
		if fn == "int" {
			s = call("int", s)
		}
		return ev{src: s, prec: precOfSrc(s), kind: kNum, guard: g, refs: a[0].refs}, nil
	case "string":
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		s := t.str(a[0])
		return ev{src: s, prec: precOfSrc(s), kind: kStr, refs: a[0].refs}, nil
	case "concat":
		a, err := t.args(x, -1)
		if err != nil {
			return ev{}, err
		}
		if len(a) == 0 {
			return ev{src: `""`, prec: ePrim, kind: kStr, lit: &lit{}}, nil
		}
		parts := make([]string, len(a))
		refs := false
		for i, v := range a {
			parts[i] = par(ev{src: t.str(v), prec: precOfSrc(t.str(v))}, eAdd+1)
			refs = refs || v.refs
		}
		return ev{src: strings.Join(parts, " + "), prec: eAdd, kind: kStr, refs: refs}, nil
	case "round", "abs", "floor", "ceiling":
		if fn == "round" && len(x.Args) == 2 {
			a, err := t.args(x, 2)
			if err != nil {
				return ev{}, err
			}
			if a[1].lit == nil || !a[1].lit.isNum || a[1].lit.num != math.Trunc(a[1].lit.num) {
				return ev{}, unsupported("round(x, places) with places that is not a whole number")
			}
			s, g := t.num(a[0])
			f := math.Pow(10, a[1].lit.num)
			src := fmt.Sprintf("round(%s * %s) / %s", s, formatNum(f), formatNum(f))
			if a[1].lit.num == 0 {
				src = call("round", s)
			}
			return ev{src: src, prec: precOfSrc(src), kind: kNum, guard: g, refs: a[0].refs}, nil
		}
		a, err := t.args(x, 1)
		if err != nil {
			return ev{}, err
		}
		s, g := t.num(a[0])
		name := fn
		if fn == "ceiling" {
			name = "ceil"
		}
		return ev{src: call(name, s), prec: ePrim, kind: kNum, guard: g, refs: a[0].refs}, nil
	case "min", "max", "pow":
		a, err := t.args(x, -1)
		if err != nil {
			return ev{}, err
		}
		if len(a) < 2 || fn == "pow" && len(a) != 2 {
			return ev{}, unsupported("%s() of a node-set (indimaj has no repeats)", fn)
		}
		var srcs, gs []string
		refs := false
		for _, v := range a {
			s, g := t.num(v)
			srcs = append(srcs, s)
			gs = append(gs, g)
			refs = refs || v.refs
		}
		src := call(fn, srcs...)
		if fn == "pow" {
			src = "float(" + par(ev{src: srcs[0], prec: precOfSrc(srcs[0])}, 101) + " ** " + par(ev{src: srcs[1], prec: precOfSrc(srcs[1])}, 101) + ")"
		}
		return ev{src: src, prec: ePrim, kind: kNum, guard: joinGuards(gs...), refs: refs}, nil
	case "regex":
		a, err := t.args(x, 2)
		if err != nil {
			return ev{}, err
		}
		if a[1].lit == nil || a[1].lit.isNum {
			return ev{}, unsupported("regex() with a pattern that is not written out")
		}
		if _, err := regexp.Compile(a[1].lit.s); err != nil {
			return ev{}, unsupported("regex(): the pattern %q is not supported (%v)", a[1].lit.s, err)
		}
		s := t.str(a[0])
		return cmp(par(ev{src: s, prec: precOfSrc(s)}, eCmp+1), "matches", quoteExpr(a[1].lit.s), a[0].refs), nil
	case "contains", "starts-with", "ends-with":
		a, err := t.args(x, 2)
		if err != nil {
			return ev{}, err
		}
		op := map[string]string{"contains": "contains", "starts-with": "startsWith", "ends-with": "endsWith"}[fn]
		l, r := t.str(a[0]), t.str(a[1])
		return cmp(par(ev{src: l, prec: precOfSrc(l)}, eCmp+1), op, par(ev{src: r, prec: precOfSrc(r)}, eCmp+1), a[0].refs || a[1].refs), nil
	}
	return ev{}, unsupported("%s() is not supported", fn)
}

func (t *fromXPath) selected(e, code ev) (ev, error) {
	if e.ref == nil {
		return ev{}, unsupported("selected() of something other than a question")
	}
	var c string
	switch {
	case code.lit != nil && code.lit.isNum:
		c = formatNum(code.lit.num)
	case code.lit != nil:
		c = strings.TrimSpace(code.lit.s)
	}
	s := e.ref
	switch s.qtype {
	case "multiple":
		if code.lit == nil {
			return ev{src: call("selected", e.src, t.str(code)), prec: ePrim, kind: kBool, refs: true}, nil
		}
		return ev{src: call("selected", e.src, quoteExpr(c)), prec: ePrim, kind: kBool, refs: true}, nil
	case "single":
		if code.lit == nil {
			return ev{src: call("selected", e.src, t.str(code)), prec: ePrim, kind: kBool, refs: true}, nil
		}
		return ev{src: call("selected", e.src, quoteExpr(c)), prec: ePrim, kind: kBool, refs: true}, nil
	case "text":
		if code.lit == nil {
			return cmp(e.src, "==", t.str(code), true), nil
		}
		return cmp(e.src, "==", quoteExpr(c), true), nil
	case "boolean":
		if code.lit == nil {
			return ev{}, unsupported("selected() of a yes/no question with a computed code")
		}
		return t.refEqualsLit(e, &lit{s: c}), nil
	}
	return ev{}, unsupported("selected() of a %s question", s.qtype)
}

func (t *fromXPath) ifThen(c, a, b ev) (ev, error) {
	cond := t.boolean(c)
	refs := c.refs || a.refs || b.refs
	k := a.kind
	if a.ref != nil || b.ref != nil || a.kind != b.kind {
		// Mixed or references: choose by the kinds XPath would convert to.
		switch {
		case isNumeric(a) && (isNumeric(b) || b.lit != nil && b.lit.isNum):
			k = kNum
		case isNumeric(b) && a.lit != nil && a.lit.isNum:
			k = kNum
		case a.kind == kBool && b.kind == kBool && a.ref == nil && b.ref == nil:
			k = kBool
		default:
			k = kStr
		}
	}
	wrap := func(s string) string { return par(ev{src: s, prec: precOfSrc(s)}, eTern+1) }
	switch k {
	case kNum:
		as, ag := t.num(a)
		bs, bg := t.num(b)
		g := ""
		if ag != "" || bg != "" {
			ga, gb := ag, bg
			if ga == "" {
				ga = eTrue
			}
			if gb == "" {
				gb = eTrue
			}
			g = fmt.Sprintf("(%s ? %s : %s)", cond.src, ga, gb)
		}
		return ev{src: fmt.Sprintf("(%s ? %s : %s)", cond.src, wrap(as), wrap(bs)), prec: ePrim, kind: kNum, guard: g, refs: refs}, nil
	case kBool:
		return ev{src: fmt.Sprintf("(%s ? %s : %s)", cond.src, wrap(a.src), wrap(b.src)), prec: ePrim, kind: kBool, refs: refs}, nil
	}
	if a.kind == kList || b.kind == kList {
		return ev{}, unsupported("if() that returns a multiple choice")
	}
	return ev{src: fmt.Sprintf("(%s ? %s : %s)", cond.src, wrap(t.str(a)), wrap(t.str(b))), prec: ePrim, kind: kStr, refs: refs}, nil
}

// coalesce(a, b): a unless it is empty, else b.
func (t *fromXPath) coalesce(a, b ev) ev {
	refs := a.refs || b.refs
	if a.ref != nil && a.ref.numeric() && !a.dot {
		bs, bg := t.num(b)
		if b.lit != nil && b.lit.isNum && b.lit.num == 0 {
			// An unanswered number is 0 in indimaj: coalesce(${n}, 0) is n.
			return ev{src: a.src, prec: ePrim, kind: kNum, refs: true}
		}
		g := ""
		if bg != "" {
			g = or(answered(a.ref), guardEv(bg)).src
		}
		return ev{src: fmt.Sprintf("(answered(%s) ? %s : %s)", a.ref.id, a.src, par(ev{src: bs, prec: precOfSrc(bs)}, eTern+1)),
			prec: ePrim, kind: kNum, guard: g, refs: refs}
	}
	if a.kind == kNum && b.kind == kNum {
		as, ag := t.num(a)
		bs, bg := t.num(b)
		if ag == "" {
			return a
		}
		g := ""
		if bg != "" {
			g = or(guardEv(ag), guardEv(bg)).src
		}
		return ev{src: fmt.Sprintf("(%s ? %s : %s)", ag, par(ev{src: as, prec: precOfSrc(as)}, eTern+1), par(ev{src: bs, prec: precOfSrc(bs)}, eTern+1)),
			prec: ePrim, kind: kNum, guard: g, refs: refs}
	}
	as, bs := t.str(a), t.str(b)
	if a.ref != nil && (a.ref.qtype == "single" || a.ref.qtype == "text") {
		as = a.src
	}
	return ev{src: fmt.Sprintf(`(%s != "" ? %s : %s)`, par(ev{src: as, prec: precOfSrc(as)}, eCmp+1), par(ev{src: as, prec: precOfSrc(as)}, eTern+1), par(ev{src: bs, prec: precOfSrc(bs)}, eTern+1)),
		prec: ePrim, kind: kStr, refs: refs}
}

// xpathToExpr translates an XPath source into a boolean expr source (for
// relevant and constraint).
func (t *fromXPath) condition(src string) (string, error) {
	n, err := parseXPath(src)
	if err != nil {
		return "", err
	}
	e, err := t.translate(n)
	if err != nil {
		return "", err
	}
	return t.boolean(e).src, nil
}

// value translates an XPath calculation: the expr source, its kind and, for
// numbers, the guard under which ODK would have a number.
func (t *fromXPath) value(src string) (string, kind, string, error) {
	n, err := parseXPath(src)
	if err != nil {
		return "", kAny, "", err
	}
	// if(c, 'true', 'false') is how a condition is stored as a value.
	if c, ok := n.(xCall); ok && c.Fn == "if" && len(c.Args) == 3 {
		a, aok := c.Args[1].(xStr)
		b, bok := c.Args[2].(xStr)
		if aok && bok && (a.V == "true" && b.V == "false" || a.V == "false" && b.V == "true") {
			cond, err := t.translate(c.Args[0])
			if err != nil {
				return "", kAny, "", err
			}
			e := t.boolean(cond)
			if a.V == "false" {
				e = not(e)
			}
			return e.src, kBool, "", nil
		}
	}
	e, err := t.translate(n)
	if err != nil {
		return "", kAny, "", err
	}
	switch {
	case e.ref != nil:
		switch e.ref.qtype {
		case "single", "text":
			return e.src, kStr, "", nil
		case "integer", "decimal":
			return e.src, kNum, answered(e.ref).src, nil
		case "calc":
			return e.src, e.ref.calc, e.guard, nil
		case "boolean", "multiple":
			return t.str(e), kStr, "", nil
		}
	case e.kind == kNum:
		s, g := t.num(e)
		return s, kNum, g, nil
	case e.kind == kBool:
		return e.src, kBool, "", nil
	}
	return t.str(e), kStr, "", nil
}
