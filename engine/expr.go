package engine

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/checker"
	exprcompiler "github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/lexer"
	"github.com/expr-lang/expr/vm"
	"github.com/indimaj/indimaj/engine/ydoc"
)

// Limits on content expressions, so hostile content can neither hang nor
// exhaust the tool: a node budget at compile time and a memory budget per run.
const (
	MaxExprNodes     = 1000
	ExprMemoryBudget = 100_000
)

// Expr is a compiled content expression.
type Expr struct {
	Src string
	Pos ydoc.Pos
	// Deps are the question and calculation ids it reads.
	Deps []string
	prog *vm.Program
	// loc maps expression line/column (1-based line, 0-based column) to a file position.
	loc func(line, col int) ydoc.Pos
}

// nameFuncs are the helpers whose argument is a question (or section) id,
// written bare: answered(q) means "is q answered", not "is the value of q ...".
var nameFuncs = map[string]string{
	"answered": "question",
	"score":    "question",
	"status":   "question",
	"section":  "section",
}

// Function types, shared by the compile-time and run-time environments.
type (
	fnSelected      = func(any, string) bool
	fnCountSelected = func(any) int
	fnName          = func(string) bool
	fnScore         = func(string) float64
	fnStatus        = func(string) string
	fnCoalesce      = func(...any) any
)

func selected(v any, code string) bool {
	switch x := v.(type) {
	case string:
		return x == code
	case []string:
		for _, s := range x {
			if s == code {
				return true
			}
		}
	}
	return false
}

func countSelected(v any) int {
	switch x := v.(type) {
	case []string:
		return len(x)
	case string:
		if x != "" {
			return 1
		}
	}
	return 0
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	case float64:
		return math.IsNaN(x)
	}
	return false
}

func coalesce(vs ...any) any {
	for _, v := range vs {
		if !isEmpty(v) {
			return v
		}
	}
	if len(vs) > 0 {
		return vs[len(vs)-1]
	}
	return nil
}

// zeroValue is the value a question stands for when it has no (relevant) answer.
func zeroValue(t QType) any {
	switch t {
	case Multiple:
		return []string{}
	case Boolean:
		return false
	case Integer:
		return 0
	case Decimal:
		return 0.0
	default:
		return ""
	}
}

// exprEnvKind says which names an expression may use.
type exprEnvKind int

const (
	envQuestionnaire exprEnvKind = iota // relevant, constraint, calculate
	envRule                             // measure triggers: + section(), overall
	envPriority                         // the priority formula
)

// nameChecker patches bare ids given to answered/score/status/section into
// string literals and records any argument that names nothing.
type nameChecker struct {
	questions map[string]bool
	sections  map[string]bool
	bad       []nameProblem
}

type nameProblem struct {
	loc file.Location
	msg string
}

func (p *nameChecker) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok {
		return
	}
	kind, ok := nameFuncs[id.Value]
	if !ok {
		return
	}
	if len(call.Arguments) != 1 {
		return // the type checker reports the arity
	}
	arg := &call.Arguments[0]
	var name string
	switch a := (*arg).(type) {
	case *ast.IdentifierNode:
		name = a.Value
		ast.Patch(arg, &ast.StringNode{Value: name})
	case *ast.StringNode:
		name = a.Value
	default:
		p.bad = append(p.bad, nameProblem{(*arg).Location(), fmt.Sprintf("%s() takes a %s id", id.Value, kind)})
		return
	}
	known := p.questions
	if kind == "section" {
		known = p.sections
	}
	if !known[name] {
		msg := fmt.Sprintf("%s(): unknown %s %q", id.Value, kind, name)
		names := make([]string, 0, len(known))
		for k := range known {
			names = append(names, k)
		}
		if s := ydoc.Closest(name, names); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		p.bad = append(p.bad, nameProblem{(*arg).Location(), msg})
	}
}

// compiler compiles the expressions of one content set against typed environments.
type compiler struct {
	q *Questionnaire
	// broken holds ids whose own definition is wrong (already reported):
	// errors that only say such a name is unknown are not repeated.
	broken   map[string]bool
	base     map[string]any // question and calc ids at their typed zero values, plus helpers
	names    *nameChecker
	errs     *ydoc.Errors
	fileText map[string][]string // file → lines, to place errors inside block scalars
}

func newCompiler(q *Questionnaire, errs *ydoc.Errors, files map[string][]byte) *compiler {
	c := &compiler{q: q, errs: errs, base: map[string]any{}, fileText: map[string][]string{}, broken: map[string]bool{}}
	for name, data := range files {
		c.fileText[name] = strings.Split(string(data), "\n")
	}
	qs, ss := map[string]bool{}, map[string]bool{}
	for _, qu := range q.Questions {
		qs[qu.ID] = true
		switch {
		case !slices.Contains(qtypes, string(qu.Type)):
			c.broken[qu.ID] = true
		case qu.Type != Note:
			c.base[qu.ID] = zeroValue(qu.Type)
		}
	}
	for _, s := range q.Sections {
		ss[s.ID] = true
	}
	c.names = &nameChecker{questions: qs, sections: ss}
	c.base["selected"] = fnSelected(selected)
	c.base["count_selected"] = fnCountSelected(countSelected)
	c.base["coalesce"] = fnCoalesce(coalesce)
	c.base["answered"] = fnName(nil)
	c.base["score"] = fnScore(nil)
	c.base["status"] = fnStatus(nil)
	return c
}

// locator returns a function that maps a position inside the expression to a
// position in the YAML file. YAML decodes a scalar before expr sees it (quotes
// and escapes removed, lines folded or unindented), so the decoded text is
// aligned with the file text once, rune by rune.
func (c *compiler) locator(s ydoc.Str) func(line, col int) ydoc.Pos {
	style := "plain"
	if s.Node != nil {
		style = s.Node.Style
	}
	src := []rune(s.V)
	// Align the text as written: a constraint's `.` has become `_` in s.V.
	written := src
	if s.Node != nil && len([]rune(s.Node.Value)) == len(src) {
		written = []rune(s.Node.Value)
	}
	at := alignScalar(c.fileText[s.Pos.File], s.Pos, style, written)
	return func(line, col int) ydoc.Pos {
		// Back from expr's line (1-based) and column (0-based) to a rune offset.
		i, l, cl := 0, 1, 0
		for i < len(src) && (l < line || l == line && cl < col) {
			if src[i] == '\n' {
				l, cl = l+1, 0
			} else {
				cl++
			}
			i++
		}
		if i < len(at) {
			return at[i]
		}
		if n := len(at); n > 0 { // just after the end
			return ydoc.Pos{File: s.Pos.File, Line: at[n-1].Line, Col: at[n-1].Col + 1}
		}
		return s.Pos
	}
}

// alignScalar returns the file position of every rune of a scalar's decoded
// text, or nil when the file text is not at hand. Columns count runes, as
// the YAML parser's do.
func alignScalar(lines []string, start ydoc.Pos, style string, val []rune) []ydoc.Pos {
	if start.Line < 1 || start.Line > len(lines) {
		return nil
	}
	// The scalar's lines as runes, converted as the alignment reaches them;
	// text[k] is file line start.Line+k, so the cost follows the scalar's
	// length, not the file's (one slot per file line made a load quadratic).
	first := start.Line - 1
	var text [][]rune
	row := func(i int) []rune {
		for len(text) <= i-first {
			text = append(text, nil)
		}
		if text[i-first] == nil {
			text[i-first] = []rune(strings.TrimSuffix(lines[i], "\r"))
		}
		return text[i-first]
	}
	li, ci := start.Line-1, start.Col-1
	indent := -1 // block scalars: the content's indentation
	switch style {
	case "single", "double":
		ci++ // after the opening quote
	case "literal", "folded":
		li, ci = li+1, 0
		for k := li; k < len(lines); k++ {
			if t := strings.TrimLeft(string(row(k)), " "); t != "" {
				indent = len(row(k)) - len([]rune(t))
				break
			}
		}
		if indent < 0 {
			return nil
		}
		ci = min(indent, len(row(min(li, len(lines)-1))))
	}
	// nextLine moves to the start of the next line's content.
	nextLine := func() {
		li++
		ci = 0
		if li >= len(lines) {
			return
		}
		if indent >= 0 {
			ci = min(indent, len(row(li)))
			return
		}
		for r := row(li); ci < len(r) && (r[ci] == ' ' || r[ci] == '\t'); {
			ci++
		}
	}
	out := make([]ydoc.Pos, 0, len(val))
	here := func() ydoc.Pos { return ydoc.Pos{File: start.File, Line: li + 1, Col: ci + 1} }
	// step consumes the file text of the decoded rune d; false when the file ran out.
	step := func(d rune) bool {
		for li < len(lines) {
			line := row(li)
			if ci >= len(line) {
				if d == ' ' || d == '\n' { // a line break, folded or kept
					out = append(out, here())
					nextLine()
					return true
				}
				nextLine() // trailing spaces dropped by the decoding: no rune
				continue
			}
			switch r := line[ci]; {
			case style == "double" && r == '\\' && ci+1 == len(line):
				nextLine() // an escaped line break: no rune
			case style == "double" && r == '\\':
				out = append(out, here())
				ci += escapeLen(line[ci+1])
				return true
			case style == "single" && r == '\'' && d == '\'':
				out = append(out, here())
				ci += 2 // '' stands for '
				return true
			case r == d:
				out = append(out, here())
				ci++
				return true
			default:
				ci++ // text the decoding dropped (trailing spaces)
			}
		}
		return false
	}
	for _, d := range val {
		if !step(d) {
			break // keep what was aligned
		}
	}
	return out
}

// escapeLen is the length of a double-quoted YAML escape whose letter is e.
func escapeLen(e rune) int {
	switch e {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	return 2
}

// ReplaceDot turns the ODK "current value" `.` of a constraint into the
// one-letter variable `_` that constraints are compiled with, keeping every
// column where it was.
func ReplaceDot(src string) string { return replaceDot(src) }

func replaceDot(src string) string {
	b := []byte(src)
	var quote byte
	for i := 0; i < len(b); i++ {
		ch := b[i]
		if quote != 0 {
			if ch == '\\' {
				i++
			} else if ch == quote {
				quote = 0
			}
			continue
		}
		if ch == '"' || ch == '\'' || ch == '`' {
			quote = ch
			continue
		}
		if ch != '.' {
			continue
		}
		prev, next := byte(' '), byte(' ')
		if i > 0 {
			prev = b[i-1]
		}
		if i+1 < len(b) {
			next = b[i+1]
		}
		if isWordByte(prev) || prev == ')' || prev == ']' || prev == '.' || isWordByte(next) || next == '.' {
			continue
		}
		b[i] = '_'
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// compile compiles s; want is the expected result kind ("bool", "number" or
// "any"). On failure the problem is recorded and nil is returned.
func (c *compiler) compile(s ydoc.Str, what string, env map[string]any, want string) *Expr {
	src := s.V
	if strings.TrimSpace(src) == "" {
		c.errs.Add(s.Pos, "%s: empty expression", what)
		return nil
	}
	e := &Expr{Src: src, Pos: s.Pos, loc: c.locator(s)}
	c.names.bad = nil
	// The name patching runs before the one type check (see compileSafely),
	// not as an expr.Patch visitor.
	opts := []expr.Option{expr.Env(narrowEnv(src, env)), expr.MaxNodes(MaxExprNodes), expr.Optimize(false)}
	switch want {
	case "bool":
		opts = append(opts, expr.AsBool())
	case "number":
		opts = append(opts, expr.AsFloat64())
	}
	prog, err := compileSafely(src, opts, c.names)
	if len(c.names.bad) > 0 {
		for _, b := range c.names.bad {
			line, col := lineCol(src, b.loc.From)
			c.errs.Add(e.loc(line, col), "%s: %s", what, b.msg)
		}
		return nil
	}
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) && strings.HasPrefix(fe.Message, "unknown name ") && c.broken[strings.TrimPrefix(fe.Message, "unknown name ")] {
			return nil // the name's own definition was reported
		}
		if errors.As(err, &fe) {
			msg := friendlyExprMessage(fe.Message)
			if name, ok := strings.CutPrefix(fe.Message, "unknown name "); ok {
				if s := ydoc.Closest(name, known(env)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
			}
			c.errs.Add(e.loc(fe.Line, fe.Column), "%s: %s", what, msg)
		} else {
			c.errs.Add(s.Pos, "%s: %s", what, friendlyExprMessage(err.Error()))
		}
		return nil
	}
	e.prog = prog
	e.Deps = c.deps(prog.Node(), env)
	return e
}

// exprOption is an expr compile option.
type exprOption = expr.Option

// leafOpts are the options explanation leaves compile with: the rule
// environment and the same name patching as whole triggers.
func leafOpts(src string, env map[string]any, names *nameChecker) []expr.Option {
	return []expr.Option{expr.Env(narrowEnv(src, env)), expr.Patch(names), expr.MaxNodes(MaxExprNodes), expr.Optimize(false)}
}

// narrowEnv returns the entries of env that src names. expr.Env reflects over
// every entry of the map it is given, so compiling against the whole
// environment (every question id) costs O(questions) per expression and a
// load O(questions × expressions). Names src does not use cannot change how it
// compiles; an unknown name is still reported as "unknown name x".
func narrowEnv(src string, env map[string]any) map[string]any {
	tokens, err := lexer.Lex(file.NewSource(src))
	if err != nil {
		return env // the compile reports the syntax error, as before
	}
	out := make(map[string]any, 8)
	for _, tk := range tokens {
		if tk.Kind == lexer.Identifier {
			if v, ok := env[tk.Value]; ok {
				out[tk.Value] = v
			}
		}
	}
	return out
}

// compileSafely compiles src, turning a panic of expr into an error. patch,
// when not nil, rewrites the parsed tree before the type check. It is
// not given as expr.Patch: with a patcher, expr type-checks the tree once
// before patching and keeps the type that pass gave a call, so the second
// check skips the call's arguments, and an unknown name there
// (selected(no_such_question, "x")) compiled without error.
func compileSafely(src string, opts []expr.Option, patch ast.Visitor) (p *vm.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("cannot compile: %v", r)
		}
	}()
	// expr.Compile, with the table of builtins shared rather than rebuilt for
	// every expression (8 % of a large load). Options that change that table
	// or ask for the optimizer go through expr.Compile itself.
	config := newExprConfig()
	for _, op := range opts {
		op(config)
	}
	if len(config.Disabled) > 0 || config.Optimize {
		return expr.Compile(src, opts...)
	}
	config.Check()
	tree, err := parser.ParseWithConfig(src, config)
	if err != nil {
		return nil, err
	}
	if patch != nil {
		ast.Walk(&tree.Node, patch)
	}
	if _, err := checker.Check(tree, config); err != nil {
		return nil, err
	}
	return exprcompiler.Compile(tree, config)
}

// exprBuiltins is expr's table of builtins, built once; the checker and
// compiler only read it.
var exprBuiltins = sync.OnceValue(func() map[string]*builtin.Function { return conf.CreateNew().Builtins })

// newExprConfig is conf.CreateNew with the shared table of builtins
// (TestExprConfigMatchesCreateNew keeps them equal).
func newExprConfig() *conf.Config {
	return &conf.Config{
		Optimize:     true,
		ShortCircuit: true,
		MaxNodes:     conf.DefaultMaxNodes,
		ConstFns:     make(map[string]reflect.Value),
		Functions:    make(map[string]*builtin.Function),
		Builtins:     exprBuiltins(),
		Disabled:     make(map[string]bool),
	}
}

func friendlyExprMessage(m string) string {
	m = strings.TrimSpace(m)
	switch {
	case strings.HasPrefix(m, "expected bool, but got"):
		return "must be true or false, but " + strings.TrimPrefix(m, "expected bool, but ") + " (a condition is needed here)"
	case strings.Contains(m, "exceeds maximum allowed nodes"):
		return fmt.Sprintf("expression too large (more than %d nodes)", MaxExprNodes)
	}
	return m
}

// deps lists the question and calc ids an expression reads, in order of first use.
func (c *compiler) deps(node ast.Node, env map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if seen[name] {
			return
		}
		if c.q.byID[name] != nil || c.q.calcByID[name] != nil {
			seen[name] = true
			out = append(out, name)
		}
	}
	ast.Walk(&node, visitFunc(func(n *ast.Node) {
		switch x := (*n).(type) {
		case *ast.IdentifierNode:
			add(x.Value)
		case *ast.CallNode:
			if id, ok := x.Callee.(*ast.IdentifierNode); ok && nameFuncs[id.Value] == "question" && len(x.Arguments) == 1 {
				if s, ok := x.Arguments[0].(*ast.StringNode); ok {
					add(s.Value)
				}
			}
		}
	}))
	return out
}

type visitFunc func(*ast.Node)

func (f visitFunc) Visit(n *ast.Node) { f(n) }

// parseDeps lists the question and calculation ids an expression mentions,
// from its syntax alone (no type checking): used to order calculations before
// their types are known.
func (c *compiler) parseDeps(src string) []string {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	node := tree.Node
	ast.Walk(&node, visitFunc(func(n *ast.Node) {
		var name string
		switch x := (*n).(type) {
		case *ast.IdentifierNode:
			name = x.Value
		case *ast.CallNode:
			if id, ok := x.Callee.(*ast.IdentifierNode); ok && nameFuncs[id.Value] == "question" && len(x.Arguments) == 1 {
				if s, ok := x.Arguments[0].(*ast.StringNode); ok {
					name = s.Value
				}
			}
		}
		if name != "" && !seen[name] && (c.q.byID[name] != nil || c.q.calcByID[name] != nil) {
			seen[name] = true
			out = append(out, name)
		}
	}))
	return out
}

// env returns a fresh compile-time environment of the given kind.
func (c *compiler) env(kind exprEnvKind) map[string]any {
	env := make(map[string]any, len(c.base)+4)
	switch kind {
	case envPriority:
		for k, v := range priorityEnvSample() {
			env[k] = v
		}
		return env
	case envRule:
		env["section"] = fnScore(nil)
		env["overall"] = 0.0
	}
	for k, v := range c.base {
		env[k] = v
	}
	return env
}

// run evaluates a compiled expression with a memory budget. Content
// expressions are type-checked at load, so a run-time error means content
// did something the checker could not see (such as a division by zero).
func (e *Expr) run(env map[string]any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%v", r)
		}
	}()
	v := vm.VM{MemoryBudget: ExprMemoryBudget}
	return v.Run(e.prog, env)
}

// Bool evaluates a boolean expression; an evaluation failure counts as false
// and is returned so callers can report it.
func (e *Expr) Bool(env map[string]any) (bool, error) {
	out, err := e.run(env)
	if err != nil {
		return false, fmt.Errorf("%s: %q: %w", e.Pos, e.Src, err)
	}
	b, _ := out.(bool)
	return b, nil
}

// typeOf returns the static type of a compiled expression's result.
func (e *Expr) typeOf() reflect.Type {
	if e == nil || e.prog == nil {
		return nil
	}
	return e.prog.Node().Type()
}

// lineCol converts a rune offset in src to a 1-based line and 0-based column.
func lineCol(src string, from int) (line, col int) {
	line = 1
	n := 0
	for _, r := range src {
		if n == from {
			break
		}
		if r == '\n' {
			line++
			col = 0
		} else {
			col++
		}
		n++
	}
	return line, col
}
