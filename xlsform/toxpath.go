package xlsform

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
	"github.com/indimaj/indimaj/engine"
)

// Export direction: an indimaj expression becomes XLSForm XPath with the same
// truth table. The expression is compiled against the questionnaire (as the
// engine does) so every node's type is known, then rewritten:
//
//   - an unanswered number is 0 in indimaj but NaN in ODK: a numeric answer is
//     written coalesce(${n}, 0) in arithmetic, and a comparison with a
//     number keeps the indimaj result for an empty answer (n >= 0 becomes
//     (${n} = '' or ${n} >= 0));
//   - score(q) OP k becomes the list of q's codes whose score satisfies it;
//   - answered(q) becomes ${q} != '';
//   - a boolean is a select_one yes_no: b becomes ${b} = 'yes';
//   - a true/false calculation is stored as 'true'/'false'.

// Function types of the engine's expression environment.
type (
	fnSelected      = func(any, string) bool
	fnCountSelected = func(any) int
	fnName          = func(string) bool
	fnScore         = func(string) float64
	fnStatus        = func(string) string
	fnCoalesce      = func(...any) any
)

// nameFuncs take a bare question id, as in the engine.
var nameFuncs = map[string]bool{"answered": true, "score": true, "status": true, "section": true}

type namePatch struct{}

func (namePatch) Visit(node *ast.Node) {
	c, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := c.Callee.(*ast.IdentifierNode)
	if !ok || !nameFuncs[id.Value] || len(c.Arguments) != 1 {
		return
	}
	if a, ok := c.Arguments[0].(*ast.IdentifierNode); ok {
		ast.Patch(&c.Arguments[0], &ast.StringNode{Value: a.Value})
	}
}

// baseEnv is the environment helpers of the engine.
func baseEnv() map[string]any {
	return map[string]any{
		"selected":       fnSelected(nil),
		"count_selected": fnCountSelected(nil),
		"coalesce":       fnCoalesce(nil),
		"answered":       fnName(nil),
		"score":          fnScore(nil),
		"status":         fnStatus(nil),
	}
}

// zeroFor is the value a question of type t stands for when unanswered.
func zeroFor(t string) any {
	switch t {
	case "multiple":
		return []string{}
	case "boolean":
		return false
	case "integer":
		return 0
	case "decimal":
		return 0.0
	}
	return ""
}

// compileTyped compiles src against env (want: "bool" or "any") and returns
// the typed tree.
func compileTyped(src string, env map[string]any, want string) (prog *vm.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("cannot compile: %v", r)
		}
	}()
	opts := []expr.Option{expr.Env(env), expr.Patch(namePatch{}), expr.Optimize(false), expr.MaxNodes(engine.MaxExprNodes)}
	if want == "bool" {
		opts = append(opts, expr.AsBool())
	}
	return expr.Compile(src, opts...)
}

// replaceDot turns a constraint's "." (the current value) into the variable
// "_", as the engine does.
func replaceDot(src string) string { return engine.ReplaceDot(src) }

// toXPath translates the expressions of one questionnaire.
type toXPath struct {
	q        *engine.Questionnaire
	env      map[string]any
	calcKind map[string]kind
	// failed holds calculations that could not be exported: what reads them
	// cannot be either.
	failed map[string]bool
	// self is the question a constraint belongs to.
	self *engine.Question
	// warnings are differences that remain, for the report.
	warnings []string
}

func newToXPath(q *engine.Questionnaire) *toXPath {
	t := &toXPath{q: q, env: baseEnv(), calcKind: map[string]kind{}, failed: map[string]bool{}}
	for _, qu := range q.Questions {
		if qu.Type != engine.Note {
			t.env[qu.ID] = zeroFor(string(qu.Type))
		}
	}
	return t
}

// xv is a translated value with what is known about it.
type xv struct {
	n     xNode
	kind  kind
	q     *engine.Question // a direct reference to a question
	calc  string           // a direct reference to a calculation
	dot   bool
	num   *float64 // a number literal
	score *engine.Question
}

// calculation translates a calculation and records its kind.
func (t *toXPath) calculation(c *engine.Calc) (string, error) {
	prog, err := compileTyped(c.Expr.Src, t.env, "any")
	if err != nil {
		t.failed[c.ID] = true
		return "", err
	}
	k := kindOfType(prog.Node().Type())
	t.env[c.ID] = zeroForKind(k, prog.Node().Type())
	t.calcKind[c.ID] = k
	v, err := t.value(prog.Node())
	if err != nil {
		t.failed[c.ID] = true
		return "", err
	}
	switch k {
	case kBool:
		b, err := t.boolean(v)
		if err != nil {
			t.failed[c.ID] = true
			return "", err
		}
		return formatXPath(xCall{"if", []xNode{b, xStr{"true"}, xStr{"false"}}}), nil
	case kNum:
		return formatXPath(t.number(v)), nil
	}
	s, err := t.text(v)
	if err != nil {
		t.failed[c.ID] = true
		return "", err
	}
	return formatXPath(s), nil
}

func kindOfType(rt reflect.Type) kind {
	if rt == nil {
		return kAny
	}
	switch rt.Kind() {
	case reflect.Bool:
		return kBool
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		return kNum
	case reflect.String:
		return kStr
	case reflect.Slice:
		return kList
	}
	return kAny
}

func zeroForKind(k kind, rt reflect.Type) any {
	if rt != nil && rt.Kind() != reflect.Interface {
		return reflect.Zero(rt).Interface()
	}
	switch k {
	case kBool:
		return false
	case kNum:
		return 0.0
	}
	return ""
}

// condition translates a boolean expression (relevant, constraint).
func (t *toXPath) condition(src string, self *engine.Question) (string, error) {
	t.self = self
	defer func() { t.self = nil }()
	env := t.env
	if self != nil {
		src = replaceDot(src)
		env = make(map[string]any, len(t.env)+1)
		for k, v := range t.env {
			env[k] = v
		}
		env["_"] = zeroFor(string(self.Type))
	}
	prog, err := compileTyped(src, env, "bool")
	if err != nil {
		return "", err
	}
	v, err := t.value(prog.Node())
	if err != nil {
		return "", err
	}
	b, err := t.boolean(v)
	if err != nil {
		return "", err
	}
	return formatXPath(b), nil
}

func ref(q *engine.Question) xNode { return xRef{q.ID} }

func (t *toXPath) selfNode(v xv) xNode {
	if v.dot {
		return xDot{}
	}
	if v.q != nil {
		return ref(v.q)
	}
	return xRef{v.calc}
}

// boolean is v as a condition.
func (t *toXPath) boolean(v xv) (xNode, error) {
	switch {
	case v.q != nil && v.q.Type == engine.Boolean:
		return xBin{"=", t.selfNode(v), xStr{"yes"}}, nil
	case v.calc != "" && t.calcKind[v.calc] == kBool:
		return xBin{"=", xRef{v.calc}, xStr{"true"}}, nil
	case v.score != nil:
		return nil, unsupported("score(%s) is only exported inside a comparison with a number", v.score.ID)
	case v.kind == kBool:
		return v.n, nil
	}
	return nil, unsupported("a value that is not true or false is used as a condition")
}

// number is v in arithmetic: an unanswered number counts as 0, as in indimaj.
func (t *toXPath) number(v xv) xNode {
	if v.q != nil && !v.dot && (v.q.Type == engine.Integer || v.q.Type == engine.Decimal) {
		return xCall{"coalesce", []xNode{ref(v.q), xNum{0}}}
	}
	if v.q != nil && v.q.Type == engine.Boolean || v.calc != "" && t.calcKind[v.calc] == kBool || v.kind == kBool && v.q == nil && v.calc == "" {
		b, _ := t.boolean(v)
		return xCall{"if", []xNode{b, xNum{1}, xNum{0}}}
	}
	return v.n
}

// text is v as a text.
func (t *toXPath) text(v xv) (xNode, error) {
	switch {
	case v.q != nil && v.q.Type == engine.Multiple:
		return nil, unsupported("a multiple choice answer is used as a text")
	case v.q != nil && (v.q.Type == engine.Integer || v.q.Type == engine.Decimal) && !v.dot:
		return xCall{"string", []xNode{t.number(v)}}, nil
	case v.kind == kBool || v.q != nil && v.q.Type == engine.Boolean:
		b, err := t.boolean(v)
		if err != nil {
			return nil, err
		}
		return xCall{"if", []xNode{b, xStr{"true"}, xStr{"false"}}}, nil
	}
	return v.n, nil
}

// value is node for the places where score(q) cannot stand (everywhere but
// a comparison with a number).
func (t *toXPath) value(n ast.Node) (xv, error) {
	v, err := t.node(n)
	if err == nil && v.score != nil {
		return xv{}, unsupported("score(%s) is only exported when compared with a number", v.score.ID)
	}
	return v, err
}

func (t *toXPath) node(n ast.Node) (xv, error) {
	k := kindOfType(n.Type())
	switch x := n.(type) {
	case *ast.IdentifierNode:
		if x.Value == "_" && t.self != nil {
			return xv{n: xDot{}, kind: kindOfQType(t.self.Type), q: t.self, dot: true}, nil
		}
		if qu := t.q.Question(x.Value); qu != nil {
			return xv{n: ref(qu), kind: kindOfQType(qu.Type), q: qu}, nil
		}
		if ck, ok := t.calcKind[x.Value]; ok {
			if t.failed[x.Value] {
				return xv{}, unsupported("it reads the calculation %s, which could not be exported", x.Value)
			}
			return xv{n: xRef{x.Value}, kind: ck, calc: x.Value}, nil
		}
		if t.failed[x.Value] {
			return xv{}, unsupported("it reads the calculation %s, which could not be exported", x.Value)
		}
		return xv{}, unsupported("unknown name %s", x.Value)
	case *ast.IntegerNode:
		f := float64(x.Value)
		return xv{n: xNum{f}, kind: kNum, num: &f}, nil
	case *ast.FloatNode:
		f := x.Value
		return xv{n: xNum{f}, kind: kNum, num: &f}, nil
	case *ast.StringNode:
		return xv{n: xStr{x.Value}, kind: kStr}, nil
	case *ast.BoolNode:
		fn := "false"
		if x.Value {
			fn = "true"
		}
		return xv{n: xCall{fn, nil}, kind: kBool}, nil
	case *ast.UnaryNode:
		v, err := t.value(x.Node)
		if err != nil {
			return xv{}, err
		}
		switch x.Operator {
		case "!", "not":
			b, err := t.boolean(v)
			if err != nil {
				return xv{}, err
			}
			return xv{n: xCall{"not", []xNode{b}}, kind: kBool}, nil
		case "-":
			if v.num != nil {
				f := -*v.num
				return xv{n: xNum{f}, kind: kNum, num: &f}, nil
			}
			return xv{n: xNeg{t.number(v)}, kind: kNum}, nil
		case "+":
			return v, nil
		}
		return xv{}, unsupported("operator %s has no XPath equivalent", x.Operator)
	case *ast.BinaryNode:
		return t.binary(x, k)
	case *ast.ConditionalNode:
		c, err := t.value(x.Cond)
		if err != nil {
			return xv{}, err
		}
		cb, err := t.boolean(c)
		if err != nil {
			return xv{}, err
		}
		a, err := t.value(x.Exp1)
		if err != nil {
			return xv{}, err
		}
		b, err := t.value(x.Exp2)
		if err != nil {
			return xv{}, err
		}
		rk := k
		if rk == kAny {
			rk = a.kind
		}
		an, bn, err := t.asKind(a, b, rk)
		if err != nil {
			return xv{}, err
		}
		return xv{n: xCall{"if", []xNode{cb, an, bn}}, kind: rk}, nil
	case *ast.CallNode:
		return t.call(x, k)
	case *ast.BuiltinNode:
		return t.builtin(x, k)
	case *ast.ArrayNode:
		return xv{}, unsupported("a list outside of \"in\" has no XPath equivalent")
	}
	return xv{}, unsupported("%s has no XPath equivalent", strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast."))
}

func kindOfQType(t engine.QType) kind {
	switch t {
	case engine.Multiple:
		return kList
	case engine.Boolean:
		return kBool
	case engine.Integer, engine.Decimal:
		return kNum
	}
	return kStr
}

// asKind converts two values to one kind.
func (t *toXPath) asKind(a, b xv, k kind) (xNode, xNode, error) {
	switch k {
	case kBool:
		an, err := t.boolean(a)
		if err != nil {
			return nil, nil, err
		}
		bn, err := t.boolean(b)
		return an, bn, err
	case kNum:
		return t.number(a), t.number(b), nil
	}
	an, err := t.text(a)
	if err != nil {
		return nil, nil, err
	}
	bn, err := t.text(b)
	return an, bn, err
}

func (t *toXPath) binary(x *ast.BinaryNode, k kind) (xv, error) {
	l, err := t.node(x.Left)
	if err != nil {
		return xv{}, err
	}
	if x.Operator == "in" {
		if l.score != nil {
			return xv{}, unsupported("score(%s) is only exported when compared with a number", l.score.ID)
		}
		return t.in(l, x.Right)
	}
	r, err := t.node(x.Right)
	if err != nil {
		return xv{}, err
	}
	switch x.Operator {
	case "==", "!=", "<", "<=", ">", ">=":
	default:
		for _, v := range []xv{l, r} {
			if v.score != nil {
				return xv{}, unsupported("score(%s) is only exported when compared with a number", v.score.ID)
			}
		}
	}
	switch x.Operator {
	case "&&", "and", "||", "or":
		lb, err := t.boolean(l)
		if err != nil {
			return xv{}, err
		}
		rb, err := t.boolean(r)
		if err != nil {
			return xv{}, err
		}
		op := "and"
		if x.Operator == "||" || x.Operator == "or" {
			op = "or"
		}
		return xv{n: xBin{op, lb, rb}, kind: kBool}, nil
	case "==", "!=", "<", "<=", ">", ">=":
		n, err := t.comparison(x.Operator, l, r)
		if err != nil {
			return xv{}, err
		}
		return xv{n: n, kind: kBool}, nil
	case "+":
		if l.kind == kStr || r.kind == kStr {
			ln, err := t.text(l)
			if err != nil {
				return xv{}, err
			}
			rn, err := t.text(r)
			if err != nil {
				return xv{}, err
			}
			return xv{n: xCall{"concat", []xNode{ln, rn}}, kind: kStr}, nil
		}
		return xv{n: xBin{"+", t.number(l), t.number(r)}, kind: kNum}, nil
	case "-", "*":
		return xv{n: xBin{x.Operator, t.number(l), t.number(r)}, kind: kNum}, nil
	case "/":
		return xv{n: xBin{"div", t.number(l), t.number(r)}, kind: kNum}, nil
	case "%":
		return xv{n: xBin{"mod", t.number(l), t.number(r)}, kind: kNum}, nil
	case "**", "^":
		return xv{n: xCall{"pow", []xNode{t.number(l), t.number(r)}}, kind: kNum}, nil
	case "contains", "startsWith", "endsWith", "matches":
		ln, err := t.text(l)
		if err != nil {
			return xv{}, err
		}
		rn, err := t.text(r)
		if err != nil {
			return xv{}, err
		}
		fn := map[string]string{"contains": "contains", "startsWith": "starts-with", "endsWith": "ends-with", "matches": "regex"}[x.Operator]
		return xv{n: xCall{fn, []xNode{ln, rn}}, kind: kBool}, nil
	}
	return xv{}, unsupported("operator %s has no XPath equivalent", x.Operator)
}

// in translates x in [a, b] and "code" in multiple.
func (t *toXPath) in(l xv, right ast.Node) (xv, error) {
	if arr, ok := right.(*ast.ArrayNode); ok {
		var alts []xNode
		for _, item := range arr.Nodes {
			iv, err := t.value(item)
			if err != nil {
				return xv{}, err
			}
			n, err := t.comparison("==", l, iv)
			if err != nil {
				return xv{}, err
			}
			alts = append(alts, n)
		}
		return xv{n: orAll(alts), kind: kBool}, nil
	}
	r, err := t.value(right)
	if err != nil {
		return xv{}, err
	}
	if (r.q != nil && r.q.Type == engine.Multiple) && l.kind == kStr {
		ln, err := t.text(l)
		if err != nil {
			return xv{}, err
		}
		return xv{n: xCall{"selected", []xNode{t.selfNode(r), ln}}, kind: kBool}, nil
	}
	return xv{}, unsupported("\"in\" is exported for a list of values or a multiple choice only")
}

func orAll(alts []xNode) xNode {
	if len(alts) == 0 {
		return xCall{"false", nil}
	}
	out := alts[0]
	for _, a := range alts[1:] {
		out = xBin{"or", out, a}
	}
	return out
}

func numLit(v xv) (float64, bool) {
	if v.num != nil {
		return *v.num, true
	}
	return 0, false
}

// comparison translates l OP r.
func (t *toXPath) comparison(op string, l, r xv) (xNode, error) {
	if r.score != nil && l.score == nil {
		l, r, op = r, l, flipOp(op)
	}
	if l.score != nil {
		k, ok := numLit(r)
		if !ok {
			return nil, unsupported("score(%s) is only exported when compared with a number", l.score.ID)
		}
		return t.scoreComparison(l.score, op, k), nil
	}
	xop := op
	if op == "==" {
		xop = "="
	}
	// A yes/no answer compared with true or false.
	if b, ok := r.n.(xCall); ok && (b.Fn == "true" || b.Fn == "false") && len(b.Args) == 0 && l.kind == kBool {
		lb, err := t.boolean(l)
		if err != nil {
			return nil, err
		}
		if (b.Fn == "true") == (op == "==") {
			return lb, nil
		}
		return xCall{"not", []xNode{lb}}, nil
	}
	if l.kind == kBool || r.kind == kBool {
		lb, err := t.boolean(l)
		if err != nil {
			return nil, err
		}
		rb, err := t.boolean(r)
		if err != nil {
			return nil, err
		}
		if op != "==" && op != "!=" {
			return nil, unsupported("true/false values compared with %s", op)
		}
		return xBin{xop, lb, rb}, nil
	}
	if l.kind == kList || r.kind == kList {
		return nil, unsupported("a multiple choice answer compared with %s (use selected or count_selected)", op)
	}
	if l.kind == kNum || r.kind == kNum {
		if _, ok := numLit(l); ok {
			l, r, op = r, l, flipOp(op)
			xop = op
			if op == "==" {
				xop = "="
			}
		}
		if k, ok := numLit(r); ok && l.q != nil && !l.dot && (l.q.Type == engine.Integer || l.q.Type == engine.Decimal) {
			// indimaj compares an empty answer as 0; ODK's comparison with an
			// empty answer is false (true for !=).
			zero := compareNums(op, 0, k)
			nan := op == "!="
			c := xBin{xop, ref(l.q), xNum{k}}
			switch {
			case zero == nan:
				return c, nil
			case zero:
				return xBin{"or", xBin{"=", ref(l.q), xStr{""}}, c}, nil
			default:
				return xBin{"and", xBin{"!=", ref(l.q), xStr{""}}, c}, nil
			}
		}
		return xBin{xop, t.number(l), t.number(r)}, nil
	}
	if op != "==" && op != "!=" {
		return nil, unsupported("texts compared with %s (XPath compares them as numbers)", op)
	}
	ln, err := t.text(l)
	if err != nil {
		return nil, err
	}
	rn, err := t.text(r)
	if err != nil {
		return nil, err
	}
	return xBin{xop, ln, rn}, nil
}

// scoreComparison expands score(q) OP k into q's codes.
func (t *toXPath) scoreComparison(q *engine.Question, op string, k float64) xNode {
	nanResult := op == "!="
	var holds, fails []xNode
	for _, c := range q.Choices {
		s := math.NaN()
		if c.Score != nil {
			s = *c.Score
		}
		if compareNums(op, s, k) {
			holds = append(holds, xBin{"=", ref(q), xStr{c.Value}})
		} else {
			fails = append(fails, xBin{"=", ref(q), xStr{c.Value}})
		}
	}
	// When relevance skips q, indimaj counts it at its lowest level (unless
	// when_skipped: exclude); ODK sees an empty answer.
	if (q.Relevant != nil || q.Section.Relevant != nil) && !q.SkipExcluded {
		if compareNums(op, q.Lowest(), k) != nanResult {
			t.warnings = append(t.warnings, fmt.Sprintf("score(%s) %s %s: when %s is skipped, indimaj counts it at its lowest level (%s) and the XLSForm sees an empty answer, so the two can differ then",
				q.ID, op, formatNum(k), q.ID, formatNum(q.Lowest())))
		}
	}
	if nanResult {
		if len(fails) == 0 {
			return xCall{"true", nil}
		}
		return xCall{"not", []xNode{orAll(fails)}}
	}
	return orAll(holds)
}

func (t *toXPath) call(x *ast.CallNode, k kind) (xv, error) {
	id, ok := x.Callee.(*ast.IdentifierNode)
	if !ok {
		return xv{}, unsupported("this call has no XPath equivalent")
	}
	argQ := func() (*engine.Question, error) {
		s, ok := x.Arguments[0].(*ast.StringNode)
		if !ok {
			return nil, unsupported("%s() takes a question id", id.Value)
		}
		q := t.q.Question(s.Value)
		if q == nil {
			return nil, unsupported("%s(): unknown question %s", id.Value, s.Value)
		}
		return q, nil
	}
	switch id.Value {
	case "answered":
		q, err := argQ()
		if err != nil {
			return xv{}, err
		}
		if q.Type == engine.Note {
			return xv{n: xCall{"false", nil}, kind: kBool}, nil
		}
		return xv{n: xBin{"!=", ref(q), xStr{""}}, kind: kBool}, nil
	case "score":
		q, err := argQ()
		if err != nil {
			return xv{}, err
		}
		if !q.Scored {
			return xv{}, unsupported("score(%s): %s is not a scored question", q.ID, q.ID)
		}
		return xv{kind: kNum, score: q}, nil
	case "status", "section":
		return xv{}, unsupported("%s() has no XPath equivalent (it depends on indimaj's scoring)", id.Value)
	case "selected", "count_selected":
		a, err := t.value(x.Arguments[0])
		if err != nil {
			return xv{}, err
		}
		if a.q == nil {
			return xv{}, unsupported("%s() of something other than a question", id.Value)
		}
		if id.Value == "count_selected" {
			switch a.q.Type {
			case engine.Single, engine.Multiple:
				return xv{n: xCall{"count-selected", []xNode{t.selfNode(a)}}, kind: kNum}, nil
			}
			return xv{n: xNum{0}, kind: kNum}, nil
		}
		c, err := t.value(x.Arguments[1])
		if err != nil {
			return xv{}, err
		}
		cn, err := t.text(c)
		if err != nil {
			return xv{}, err
		}
		switch a.q.Type {
		case engine.Single, engine.Multiple:
			return xv{n: xCall{"selected", []xNode{t.selfNode(a), cn}}, kind: kBool}, nil
		case engine.TextQ:
			return xv{n: xBin{"=", t.selfNode(a), cn}, kind: kBool}, nil
		}
		return xv{n: xCall{"false", nil}, kind: kBool}, nil
	case "coalesce":
		var args []xv
		for _, a := range x.Arguments {
			v, err := t.value(a)
			if err != nil {
				return xv{}, err
			}
			args = append(args, v)
		}
		if len(args) == 0 {
			return xv{}, unsupported("coalesce() without arguments")
		}
		rk := args[0].kind
		for _, a := range args {
			if a.kind != rk {
				return xv{}, unsupported("coalesce() of values of different kinds")
			}
		}
		conv := func(v xv) (xNode, error) {
			switch rk {
			case kNum:
				return t.number(v), nil
			case kBool:
				return t.boolean(v)
			case kList:
				return nil, unsupported("coalesce() of multiple choice answers")
			}
			return t.text(v)
		}
		acc, err := conv(args[len(args)-1])
		if err != nil {
			return xv{}, err
		}
		for i := len(args) - 2; i >= 0; i-- {
			n, err := conv(args[i])
			if err != nil {
				return xv{}, err
			}
			acc = xCall{"coalesce", []xNode{n, acc}}
		}
		return xv{n: acc, kind: rk}, nil
	}
	return xv{}, unsupported("%s() has no XPath equivalent", id.Value)
}

func (t *toXPath) builtin(x *ast.BuiltinNode, k kind) (xv, error) {
	var args []xv
	for _, a := range x.Arguments {
		v, err := t.value(a)
		if err != nil {
			return xv{}, err
		}
		args = append(args, v)
	}
	one := func() error {
		if len(args) != 1 {
			return unsupported("%s() with %d arguments", x.Name, len(args))
		}
		return nil
	}
	switch x.Name {
	case "len":
		if err := one(); err != nil {
			return xv{}, err
		}
		if args[0].kind == kList {
			return xv{n: xCall{"count-selected", []xNode{args[0].n}}, kind: kNum}, nil
		}
		n, err := t.text(args[0])
		if err != nil {
			return xv{}, err
		}
		return xv{n: xCall{"string-length", []xNode{n}}, kind: kNum}, nil
	case "float", "int":
		if err := one(); err != nil {
			return xv{}, err
		}
		fn := "number"
		if x.Name == "int" {
			fn = "int"
		}
		return xv{n: xCall{fn, []xNode{t.number(args[0])}}, kind: kNum}, nil
	case "string":
		if err := one(); err != nil {
			return xv{}, err
		}
		n, err := t.text(args[0])
		if err != nil {
			return xv{}, err
		}
		if args[0].kind == kNum {
			n = xCall{"string", []xNode{t.number(args[0])}}
		}
		return xv{n: n, kind: kStr}, nil
	case "abs", "floor", "ceil":
		if err := one(); err != nil {
			return xv{}, err
		}
		fn := x.Name
		if fn == "ceil" {
			fn = "ceiling"
		}
		return xv{n: xCall{fn, []xNode{t.number(args[0])}}, kind: kNum}, nil
	case "min", "max":
		if len(args) < 2 {
			return xv{}, unsupported("%s() of a list", x.Name)
		}
		var ns []xNode
		for _, a := range args {
			if a.kind != kNum {
				return xv{}, unsupported("%s() of values that are not numbers", x.Name)
			}
			ns = append(ns, t.number(a))
		}
		return xv{n: xCall{x.Name, ns}, kind: kNum}, nil
	}
	return xv{}, unsupported("%s() has no XPath equivalent", x.Name)
}
