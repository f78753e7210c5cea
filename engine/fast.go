package engine

// Closure compilation of content expressions.
//
// expr compiles an expression to byte code for its VM, which reads every name
// from a map[string]any and boxes every intermediate value. For the
// expressions run on every scoring (measure triggers and the priority
// formula), the loader also turns the type-checked AST into a tree of typed Go
// closures that read the scores, answers and priority factors from slices
// and structs. Only a well-understood subset is compiled this way (literals,
// names, arithmetic, comparisons, and/or/not, ?:, and the helpers score,
// section, status, answered, selected and count_selected); an expression
// using anything else keeps running on the VM, as does any evaluation whose
// values are not of the type the loader saw (a closure then gives up and the
// VM decides, reporting its error as before). TestFastMatchesVM checks both
// give the same results.

import (
	"math"
	"reflect"

	"github.com/expr-lang/expr/ast"
)

// fastEnv is what compiled closures read: the state, and during ranking the
// score result and the priority factors of the measure at hand.
type fastEnv struct {
	st *State
	sc *ScoreResult
	f  *factors
	m  *Measure // the measure whose priority is computed
	// failed is set by a closure that met a value of an unexpected type; the
	// evaluation's result is then void and the VM decides.
	failed bool
}

type fkind uint8

const (
	fBool fkind = iota + 1
	fInt
	fFloat
	fStr
	fAny
	fNum // a number whose kind (int or float) is known only at run time, held as float64
)

// fnode is one compiled node; the function matching k is set.
type fnode struct {
	k fkind
	b func(*fastEnv) bool
	i func(*fastEnv) int
	f func(*fastEnv) float64
	s func(*fastEnv) string
	a func(*fastEnv) any
	// lit is set on number literals, whose value is val.
	lit bool
	val float64
}

// fastCompiler compiles one expression; kind says which names it may read.
type fastCompiler struct {
	q    *Questionnaire
	kind exprEnvKind
}

// fastBool compiles a boolean expression, or returns nil when it uses
// something outside the compiled subset.
func fastBool(q *Questionnaire, kind exprEnvKind, e *Expr) func(*fastEnv) bool {
	if e == nil || e.prog == nil {
		return nil
	}
	c := fastCompiler{q: q, kind: kind}
	n := c.node(e.prog.Node())
	if n == nil || n.k != fBool {
		return nil
	}
	return n.b
}

// fastNumber compiles a numeric expression (its result as float64), or
// returns nil when it uses something outside the compiled subset.
func fastNumber(q *Questionnaire, kind exprEnvKind, e *Expr) func(*fastEnv) float64 {
	if e == nil || e.prog == nil {
		return nil
	}
	c := fastCompiler{q: q, kind: kind}
	n := c.node(e.prog.Node())
	if n == nil {
		return nil
	}
	return n.float()
}

// float returns the node as a float64 function, or nil if it is not a number.
func (n *fnode) float() func(*fastEnv) float64 {
	switch n.k {
	case fFloat, fNum:
		return n.f
	case fInt:
		i := n.i
		return func(e *fastEnv) float64 { return float64(i(e)) }
	}
	return nil
}

func (n *fnode) numeric() bool { return n.k == fInt || n.k == fFloat || n.k == fNum }

func (c *fastCompiler) node(node ast.Node) *fnode {
	switch n := node.(type) {
	case *ast.IntegerNode:
		v := n.Value
		return &fnode{k: fInt, i: func(*fastEnv) int { return v }, lit: true, val: float64(v)}
	case *ast.FloatNode:
		v := n.Value
		return &fnode{k: fFloat, f: func(*fastEnv) float64 { return v }, lit: true, val: v}
	case *ast.BoolNode:
		v := n.Value
		return &fnode{k: fBool, b: func(*fastEnv) bool { return v }}
	case *ast.StringNode:
		v := n.Value
		return &fnode{k: fStr, s: func(*fastEnv) string { return v }}
	case *ast.IdentifierNode:
		return c.ident(n.Value)
	case *ast.UnaryNode:
		return c.unary(n)
	case *ast.BinaryNode:
		return c.binary(n)
	case *ast.ConditionalNode:
		return c.conditional(n)
	case *ast.CallNode:
		return c.call(n)
	}
	return nil
}

// ident compiles a name: a question's answer or a calculation (questionnaire
// and rule expressions), overall (rules), or a priority factor.
func (c *fastCompiler) ident(name string) *fnode {
	if c.kind == envPriority {
		return priorityFactor(name)
	}
	if name == "overall" && c.kind == envRule {
		return &fnode{k: fFloat, f: func(e *fastEnv) float64 {
			if e.sc == nil || e.sc.Overall == nil {
				return math.NaN()
			}
			return *e.sc.Overall
		}}
	}
	if qu := c.q.byID[name]; qu != nil && qu.Type != Note {
		i, zero := qu.Index, zeroValue(qu.Type)
		read := func(e *fastEnv) any {
			if v := e.st.answers[i]; v != nil && e.st.rel[i] {
				return v
			}
			return zero
		}
		return typedReader(reflect.TypeOf(zero), read)
	}
	if ca := c.q.calcByID[name]; ca != nil {
		for i, x := range c.q.Calcs {
			if x == ca {
				read := func(e *fastEnv) any { return e.st.calcs[i] }
				return typedReader(ca.Expr.typeOf(), read)
			}
		}
	}
	return nil
}

// typedReader wraps a reader of a value whose static type is t.
func typedReader(t reflect.Type, read func(*fastEnv) any) *fnode {
	if t == nil {
		return &fnode{k: fAny, a: read}
	}
	switch t.Kind() {
	case reflect.Bool:
		return &fnode{k: fBool, b: readAs[bool](read)}
	case reflect.Int:
		return &fnode{k: fInt, i: readAs[int](read)}
	case reflect.Float64:
		return &fnode{k: fFloat, f: readAs[float64](read)}
	case reflect.String:
		return &fnode{k: fStr, s: readAs[string](read)}
	}
	return &fnode{k: fAny, a: read}
}

// readAs reads a value of type T, or gives up (e.failed) on another type.
func readAs[T any](read func(*fastEnv) any) func(*fastEnv) T {
	return func(e *fastEnv) T {
		v, ok := read(e).(T)
		if !ok {
			e.failed = true
		}
		return v
	}
}

// priorityFactor compiles a name of the priority formula's environment
// (priorityEnvSample lists them).
func priorityFactor(name string) *fnode {
	fl := func(get func(f *factors) float64) *fnode {
		return &fnode{k: fFloat, f: func(e *fastEnv) float64 { return get(e.f) }}
	}
	switch name {
	case "gap":
		return fl(func(f *factors) float64 { return f.gap })
	case "max_gap":
		return fl(func(f *factors) float64 { return f.maxGap })
	case "weight":
		return fl(func(f *factors) float64 { return f.weight })
	case "competence_weight":
		return fl(func(f *factors) float64 { return f.comp })
	case "alignment_bonus":
		return fl(func(f *factors) float64 { return f.bonus })
	case "horizon_weight":
		return fl(func(f *factors) float64 { return f.horizonWeight })
	case "indicators":
		return &fnode{k: fInt, i: func(e *fastEnv) int { return e.f.n }}
	case "aligned":
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return e.f.aligned }}
	case "horizon":
		return &fnode{k: fStr, s: func(e *fastEnv) string { return e.m.Horizon }}
	case "cost":
		return &fnode{k: fStr, s: func(e *fastEnv) string { return e.m.Cost }}
	}
	return nil
}

func (c *fastCompiler) unary(n *ast.UnaryNode) *fnode {
	x := c.node(n.Node)
	if x == nil {
		return nil
	}
	switch n.Operator {
	case "!", "not":
		if x.k != fBool {
			return nil
		}
		b := x.b
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return !b(e) }}
	case "-":
		switch x.k {
		case fInt:
			i := x.i
			return &fnode{k: fInt, i: func(e *fastEnv) int { return -i(e) }}
		case fFloat:
			f := x.f
			return &fnode{k: fFloat, f: func(e *fastEnv) float64 { return -f(e) }}
		}
	case "+":
		if x.k == fInt || x.k == fFloat {
			return x
		}
	}
	return nil
}

func (c *fastCompiler) binary(n *ast.BinaryNode) *fnode {
	l, r := c.node(n.Left), c.node(n.Right)
	if l == nil || r == nil {
		return nil
	}
	switch n.Operator {
	case "and", "&&":
		if l.k != fBool || r.k != fBool {
			return nil
		}
		a, b := l.b, r.b
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) && b(e) }}
	case "or", "||":
		if l.k != fBool || r.k != fBool {
			return nil
		}
		a, b := l.b, r.b
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) || b(e) }}
	case "+", "-", "*":
		return arith(n.Operator, l, r)
	case "/":
		// expr divides as float64, whatever the operands.
		if !l.numeric() || !r.numeric() {
			return nil
		}
		a, b := l.float(), r.float()
		return &fnode{k: fFloat, f: func(e *fastEnv) float64 { return a(e) / b(e) }}
	case "<", "<=", ">", ">=":
		return compare(n.Operator, l, r)
	case "==", "!=":
		eq := equal(l, r)
		if eq == nil {
			return nil
		}
		if n.Operator == "!=" {
			return &fnode{k: fBool, b: func(e *fastEnv) bool { return !eq(e) }}
		}
		return &fnode{k: fBool, b: eq}
	}
	return nil
}

// arith compiles + - *: int with int stays int (as in expr), anything with a
// float is float. A number of run-time kind only mixes with floats.
func arith(op string, l, r *fnode) *fnode {
	if !l.numeric() || !r.numeric() {
		return nil
	}
	if l.k == fInt && r.k == fInt {
		return &fnode{k: fInt, i: arithOf(op, l.i, r.i)}
	}
	if l.k == fNum && r.k != fFloat || r.k == fNum && l.k != fFloat {
		return nil
	}
	return &fnode{k: fFloat, f: arithOf(op, l.float(), r.float())}
}

func arithOf[T int | float64](op string, a, b func(*fastEnv) T) func(*fastEnv) T {
	switch op {
	case "+":
		return func(e *fastEnv) T { return a(e) + b(e) }
	case "-":
		return func(e *fastEnv) T { return a(e) - b(e) }
	}
	return func(e *fastEnv) T { return a(e) * b(e) }
}

// compare compiles < <= > >= between numbers (ints compare as ints, any
// other mix as float64, as in expr).
func compare(op string, l, r *fnode) *fnode {
	if !l.numeric() || !r.numeric() {
		return nil
	}
	if l.k == fInt && r.k == fInt {
		return &fnode{k: fBool, b: compareOf(op, l.i, r.i)}
	}
	a := l.float()
	if r.lit {
		// The most common trigger shape, score(x) < literal, reads one value.
		lit := r.val
		switch op {
		case "<":
			return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) < lit }}
		case "<=":
			return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) <= lit }}
		case ">":
			return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) > lit }}
		default:
			return &fnode{k: fBool, b: func(e *fastEnv) bool { return a(e) >= lit }}
		}
	}
	return &fnode{k: fBool, b: compareOf(op, a, r.float())}
}

func compareOf[T int | float64](op string, a, b func(*fastEnv) T) func(*fastEnv) bool {
	switch op {
	case "<":
		return func(e *fastEnv) bool { return a(e) < b(e) }
	case "<=":
		return func(e *fastEnv) bool { return a(e) <= b(e) }
	case ">":
		return func(e *fastEnv) bool { return a(e) > b(e) }
	}
	return func(e *fastEnv) bool { return a(e) >= b(e) }
}

// equal compiles == between values of the same kind (numbers of any kind
// compare as numbers, as in expr).
func equal(l, r *fnode) func(*fastEnv) bool {
	switch {
	case l.k == fInt && r.k == fInt:
		return equalOf(l.i, r.i)
	case l.numeric() && r.numeric():
		return equalOf(l.float(), r.float())
	case l.k == fStr && r.k == fStr:
		return equalOf(l.s, r.s)
	case l.k == fBool && r.k == fBool:
		return equalOf(l.b, r.b)
	}
	return nil
}

func equalOf[T comparable](a, b func(*fastEnv) T) func(*fastEnv) bool {
	return func(e *fastEnv) bool { return a(e) == b(e) }
}

func (c *fastCompiler) conditional(n *ast.ConditionalNode) *fnode {
	cond, a, b := c.node(n.Cond), c.node(n.Exp1), c.node(n.Exp2)
	if cond == nil || a == nil || b == nil || cond.k != fBool {
		return nil
	}
	test := cond.b
	if a.k == b.k {
		switch a.k {
		case fBool:
			return &fnode{k: fBool, b: choose(test, a.b, b.b)}
		case fInt:
			return &fnode{k: fInt, i: choose(test, a.i, b.i)}
		case fFloat:
			return &fnode{k: fFloat, f: choose(test, a.f, b.f)}
		case fStr:
			return &fnode{k: fStr, s: choose(test, a.s, b.s)}
		}
		return nil
	}
	// An int and a float branch: a number whose kind depends on the
	// condition. Such a value only mixes with floats (arith refuses the rest),
	// where it counts as float64 in expr too.
	if (a.k == fInt || a.k == fFloat) && (b.k == fInt || b.k == fFloat) {
		return &fnode{k: fNum, f: choose(test, a.float(), b.float())}
	}
	return nil
}

func choose[T any](test func(*fastEnv) bool, x, y func(*fastEnv) T) func(*fastEnv) T {
	return func(e *fastEnv) T {
		if test(e) {
			return x(e)
		}
		return y(e)
	}
}

func (c *fastCompiler) call(n *ast.CallNode) *fnode {
	callee, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		return nil
	}
	if nameFuncs[callee.Value] != "" {
		if len(n.Arguments) != 1 {
			return nil
		}
		arg, ok := n.Arguments[0].(*ast.StringNode)
		if !ok {
			return nil
		}
		return c.nameCall(callee.Value, arg.Value)
	}
	switch callee.Value {
	case "selected":
		if len(n.Arguments) != 2 {
			return nil
		}
		v, code := c.node(n.Arguments[0]), c.node(n.Arguments[1])
		if v == nil || code == nil || code.k != fStr {
			return nil
		}
		read, str := v.anyReader(), code.s
		if read == nil {
			return nil
		}
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return selected(read(e), str(e)) }}
	case "count_selected":
		if len(n.Arguments) != 1 {
			return nil
		}
		v := c.node(n.Arguments[0])
		if v == nil {
			return nil
		}
		read := v.anyReader()
		if read == nil {
			return nil
		}
		return &fnode{k: fInt, i: func(e *fastEnv) int { return countSelected(read(e)) }}
	}
	return nil
}

// anyReader returns the node's value as any, for the helpers that take any
// value; only strings and values of dynamic type are passed this way.
func (n *fnode) anyReader() func(*fastEnv) any {
	switch n.k {
	case fAny:
		return n.a
	case fStr:
		s := n.s
		return func(e *fastEnv) any { return s(e) }
	}
	return nil
}

// nameCall compiles score(q), section(s), status(q) and answered(q).
func (c *fastCompiler) nameCall(fn, id string) *fnode {
	if c.kind == envPriority {
		return nil
	}
	if fn == "section" {
		if c.kind != envRule {
			return nil
		}
		pos := -1
		if s := c.q.sectionByID[id]; s != nil {
			pos = c.q.plan().secAt[s.Index]
		}
		return &fnode{k: fFloat, f: func(e *fastEnv) float64 {
			if pos >= 0 {
				if p := e.sc.Sections[pos].Score; p != nil {
					return *p
				}
			}
			return math.NaN()
		}}
	}
	qu := c.q.byID[id]
	if qu == nil {
		return nil
	}
	switch fn {
	case "score":
		pos := c.q.plan().indAt[qu.Index]
		return &fnode{k: fFloat, f: func(e *fastEnv) float64 {
			if e.sc != nil && pos >= 0 {
				if p := e.sc.Indicators[pos].Score; p != nil {
					return *p
				}
				return math.NaN()
			}
			return e.st.scoreName(id)
		}}
	case "status":
		return &fnode{k: fStr, s: func(e *fastEnv) string { return e.st.statusOf(qu) }}
	case "answered":
		i := qu.Index
		return &fnode{k: fBool, b: func(e *fastEnv) bool { return e.st.rel[i] && e.st.answers[i] != nil }}
	}
	return nil
}

// runFastBool runs a compiled boolean expression; ok is false when it gave up.
func runFastBool(fn func(*fastEnv) bool, e *fastEnv) (v, ok bool) {
	e.failed = false
	v = fn(e)
	return v, !e.failed
}

// runFastNumber runs a compiled numeric expression; ok is false when it gave up.
func runFastNumber(fn func(*fastEnv) float64, e *fastEnv) (v float64, ok bool) {
	e.failed = false
	v = fn(e)
	return v, !e.failed
}
