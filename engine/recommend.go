package engine

import (
	"fmt"
	"math"
	"sort"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// Trace explains how a trigger evaluated: for and/or/not, each operand's
// trace; for a leaf comparison, its value and the values it read.
type Trace struct {
	Expr     string         `json:"expr"`
	Op       string         `json:"op,omitempty"` // "and", "or", "not" or "" for a leaf
	Value    bool           `json:"value"`
	Values   map[string]any `json:"values,omitempty"`
	Children []*Trace       `json:"children,omitempty"`
}

// explainNode is a precompiled node of a trigger's explanation tree.
type explainNode struct {
	src      string
	op       string
	prog     *vm.Program
	reads    []read
	children []*explainNode
}

// read is a value a leaf reads: a question's answer, an indicator's score,
// a section's score, or the overall score.
type read struct {
	kind string // "answer", "score", "status", "section", "overall", "answered"
	name string
}

func (r read) label() string {
	switch r.kind {
	case "answer":
		return r.name
	case "overall":
		return "overall"
	}
	return fmt.Sprintf("%s(%s)", r.kind, r.name)
}

// buildExplain precompiles the explanation tree of a compiled trigger (at load
// time, so explaining never compiles anything).
func (c *compiler) buildExplain(e *Expr, env map[string]any) *explainNode {
	if e == nil || e.prog == nil {
		return nil
	}
	return c.explainOf(e.prog.Node(), env)
}

func (c *compiler) explainOf(node ast.Node, env map[string]any) *explainNode {
	switch n := node.(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "and", "&&", "or", "||":
			op := "and"
			if n.Operator == "or" || n.Operator == "||" {
				op = "or"
			}
			return &explainNode{src: node.String(), op: op, children: []*explainNode{c.explainOf(n.Left, env), c.explainOf(n.Right, env)}}
		}
	case *ast.UnaryNode:
		if n.Operator == "not" || n.Operator == "!" {
			return &explainNode{src: node.String(), op: "not", children: []*explainNode{c.explainOf(n.Node, env)}}
		}
	}
	leaf := &explainNode{src: node.String()}
	if p, err := compileSafely(leaf.src, c.leafOptions(leaf.src, env)); err == nil {
		leaf.prog = p
	}
	seen := map[string]bool{}
	ast.Walk(&node, visitFunc(func(x *ast.Node) {
		var r read
		switch v := (*x).(type) {
		case *ast.IdentifierNode:
			switch {
			case v.Value == "overall":
				r = read{kind: "overall"}
			case c.q.byID[v.Value] != nil || c.q.calcByID[v.Value] != nil:
				r = read{kind: "answer", name: v.Value}
			default:
				return
			}
		case *ast.CallNode:
			id, ok := v.Callee.(*ast.IdentifierNode)
			if !ok || nameFuncs[id.Value] == "" || len(v.Arguments) != 1 {
				return
			}
			s, ok := v.Arguments[0].(*ast.StringNode)
			if !ok {
				return
			}
			r = read{kind: id.Value, name: s.Value}
		default:
			return
		}
		if !seen[r.label()] {
			seen[r.label()] = true
			leaf.reads = append(leaf.reads, r)
		}
	}))
	return leaf
}

func (c *compiler) leafOptions(src string, env map[string]any) []exprOption {
	return leafOpts(src, env, c.names)
}

// Recommendation is a fired measure with its priority and explanation.
type Recommendation struct {
	Rank     int
	Measure  *Measure
	Priority float64
	// Because lists the addressed indicators that have a gap, with the
	// trigger condition that mentions each.
	Because []Because
	// Trace is the trigger's evaluation.
	Trace *Trace
	// Factors are the priority formula's inputs, by name.
	Factors map[string]any
	// Gaps are the addressed indicators' gaps (target − score), by id.
	Gaps map[string]float64

	factors factors
}

// Because is one reason a measure was recommended.
type Because struct {
	Indicator string   `json:"indicator"`
	Score     *float64 `json:"score"`
	Status    string   `json:"status"`
	Answer    any      `json:"answer,omitempty"`
	Condition string   `json:"condition"`
}

// RuleEnv returns the environment trigger expressions run in: the answers,
// the helpers, section() and overall.
func RuleEnv(st *State, sc *ScoreResult) map[string]any {
	env := make(map[string]any, len(st.env)+2)
	for k, v := range st.env {
		env[k] = v
	}
	addScoreNames(env, sc)
	return env
}

// addScoreNames adds what triggers read beyond the answers: section(id), a
// section's score, and overall (NaN where there is no score).
func addScoreNames(env map[string]any, sc *ScoreResult) {
	env["section"] = fnScore(func(id string) float64 {
		if s := sc.Section(id); s != nil && s.Score != nil {
			return *s.Score
		}
		return math.NaN()
	})
	if sc.Overall != nil {
		env["overall"] = *sc.Overall
	} else {
		env["overall"] = math.NaN()
	}
}

// Recommend evaluates every measure's trigger and returns the fired measures
// ranked by priority (highest first). Ties break on the largest gap, then the
// shortest horizon, then the catalog order, so the same answers always give
// the same list.
func Recommend(st *State, sc *ScoreResult, r *Rules) []Recommendation {
	recs := Rank(st, sc, r)
	env := RuleEnv(st, sc)
	for i := range recs {
		recs[i].Factors = recs[i].factors.asMap()
		recs[i].Trace = explain(recs[i].Measure.explain(), env)
		recs[i].Because = because(st, sc, recs[i].Measure, recs[i].Trace, recs[i].Gaps)
	}
	return recs
}

// Rank is Recommend without the explanations (Trace, Because and Factors are
// nil): the fired measures with their priorities and gaps, ranked.
func Rank(st *State, sc *ScoreResult, r *Rules) []Recommendation {
	p := r.Policy
	// Triggers run in the state's own environment, with section() and
	// overall added for the time of the evaluation (no copy of the answers).
	env := st.env
	addScoreNames(env, sc)
	defer func() {
		delete(env, "section")
		delete(env, "overall")
	}()
	penv := make(map[string]any, len(PriorityFactorNames))
	var declared map[string]bool
	if p.PrioritiesQuestion != "" {
		declared = map[string]bool{}
		if codes, ok := st.env[p.PrioritiesQuestion].([]string); ok {
			for _, c := range codes {
				declared[c] = true
			}
		}
	}
	type ranked struct {
		rec   Recommendation
		index int
	}
	var out []ranked
	for i, m := range r.Measures {
		fired, err := m.When.Bool(env)
		if err != nil {
			st.Problems = append(st.Problems, err.Error())
		}
		if !fired {
			continue
		}
		rec := Recommendation{Measure: m, Gaps: map[string]float64{}}
		rec.factors, rec.Priority = priority(st, sc, p, m, declared, rec.Gaps, penv)
		out = append(out, ranked{rec, i})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].rec, out[j].rec
		if a.Priority != b.Priority {
			return a.Priority > b.Priority
		}
		ga, gb := Round1(a.factors.gap), Round1(b.factors.gap)
		if ga != gb {
			return ga > gb
		}
		ha, hb := horizonRank(a.Measure.Horizon), horizonRank(b.Measure.Horizon)
		if ha != hb {
			return ha < hb
		}
		return out[i].index < out[j].index
	})
	recs := make([]Recommendation, len(out))
	for i, o := range out {
		o.rec.Rank = i + 1
		recs[i] = o.rec
	}
	return recs
}

func horizonRank(h string) int {
	for i, x := range Horizons {
		if x == h {
			return i
		}
	}
	return len(Horizons)
}

// priority computes the formula's inputs for a measure, then the formula.
// factors are the priority formula's inputs for one measure.
type factors struct {
	gap, maxGap, weight, comp, bonus, horizonWeight float64
	n                                               int
	aligned                                         bool
	horizon, cost                                   string
}

// asMap gives the factors by name, as shown to users (gap and competence
// weight rounded).
func (f factors) asMap() map[string]any {
	return map[string]any{
		"gap":               Round1(f.gap),
		"max_gap":           f.maxGap,
		"weight":            f.weight,
		"indicators":        f.n,
		"competence_weight": math.Round(f.comp*1000) / 1000,
		"aligned":           f.aligned,
		"alignment_bonus":   f.bonus,
		"horizon":           f.horizon,
		"horizon_weight":    f.horizonWeight,
		"cost":              f.cost,
	}
}

// priority computes the formula's inputs for a measure, then the formula in
// env (reused from one measure to the next).
func priority(st *State, sc *ScoreResult, p *Policy, m *Measure, declared map[string]bool, gaps map[string]float64, env map[string]any) (factors, float64) {
	var gapSum, compSum float64
	f := factors{comp: 1, bonus: p.AlignmentBonus, horizon: m.Horizon, horizonWeight: p.HorizonWeights[m.Horizon], cost: m.Cost}
	for _, id := range m.Indicators {
		ir := sc.Indicator(id)
		if ir == nil || ir.Score == nil {
			continue
		}
		g := p.TargetFor(ir.Section) - *ir.Score
		if g <= 0 {
			continue
		}
		gaps[id] = g
		gapSum += g * ir.Weight
		f.weight += ir.Weight
		f.maxGap = math.Max(f.maxGap, g)
		cw := 1.0
		if qu := st.Q.byID[id]; qu != nil && qu.Refs.Competence != "" {
			cw = p.CompetenceWeights[qu.Refs.Competence]
		}
		compSum += cw
		f.n++
	}
	if f.weight > 0 {
		f.gap = gapSum / f.weight
		f.comp = compSum / float64(f.n)
	}
	for _, s := range m.SNIA {
		if declared[s] {
			f.aligned = true
		}
	}
	env["gap"], env["max_gap"], env["weight"], env["indicators"] = f.gap, f.maxGap, f.weight, f.n
	env["competence_weight"], env["aligned"], env["alignment_bonus"] = f.comp, f.aligned, f.bonus
	env["horizon"], env["horizon_weight"], env["cost"] = f.horizon, f.horizonWeight, f.cost
	out, err := p.Priority.run(env)
	if err != nil {
		st.Problems = append(st.Problems, fmt.Sprintf("%s: priority of %s: %v", p.Priority.Pos, m.ID, err))
		return f, 0
	}
	v, _ := out.(float64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	return f, math.Round(v*100) / 100
}

// explain evaluates the explanation tree.
func explain(n *explainNode, env map[string]any) *Trace {
	if n == nil {
		return nil
	}
	t := &Trace{Expr: n.src, Op: n.op}
	switch n.op {
	case "and":
		t.Value = true
		for _, c := range n.children {
			ct := explain(c, env)
			t.Children = append(t.Children, ct)
			t.Value = t.Value && ct.Value
		}
	case "or":
		for _, c := range n.children {
			ct := explain(c, env)
			t.Children = append(t.Children, ct)
			t.Value = t.Value || ct.Value
		}
	case "not":
		ct := explain(n.children[0], env)
		t.Children = []*Trace{ct}
		t.Value = !ct.Value
	default:
		if n.prog != nil {
			v := vm.VM{MemoryBudget: ExprMemoryBudget}
			out, err := runLeaf(&v, n.prog, env)
			if err == nil {
				t.Value, _ = out.(bool)
			}
		}
		t.Values = map[string]any{}
		for _, r := range n.reads {
			t.Values[r.label()] = readValue(r, env)
		}
	}
	return t
}

func runLeaf(v *vm.VM, p *vm.Program, env map[string]any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return v.Run(p, env)
}

func readValue(r read, env map[string]any) any {
	switch r.kind {
	case "answer":
		return env[r.name]
	case "overall":
		return jsonNumber(env["overall"].(float64))
	case "score", "section":
		f := env[r.kind].(fnScore)
		return jsonNumber(f(r.name))
	case "status":
		return env["status"].(fnStatus)(r.name)
	case "answered":
		return env["answered"].(fnName)(r.name)
	}
	return nil
}

// jsonNumber turns NaN (no score) into nil so it prints as null.
func jsonNumber(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// because lists the addressed indicators with a gap (or with no known level
// when the trigger reads them), each with the true condition that names it.
func because(st *State, sc *ScoreResult, m *Measure, t *Trace, gaps map[string]float64) []Because {
	conds := map[string]string{}
	var walk func(t *Trace)
	walk = func(t *Trace) {
		if t == nil || !t.Value && t.Op != "not" {
			return
		}
		if t.Op == "" {
			for label := range t.Values {
				id := label
				if len(label) > 6 && label[:6] == "score(" {
					id = label[6 : len(label)-1]
				}
				if _, ok := conds[id]; !ok {
					conds[id] = t.Expr
				}
			}
			return
		}
		for _, c := range t.Children {
			walk(c)
		}
	}
	walk(t)
	var out []Because
	for _, id := range m.Indicators {
		_, hasGap := gaps[id]
		cond, named := conds[id]
		if !hasGap && !named {
			continue
		}
		ir := sc.Indicator(id)
		b := Because{Indicator: id, Condition: cond}
		if ir != nil {
			b.Score, b.Status = ir.Score, ir.Status
			if ir.Choice != "" {
				b.Answer = ir.Choice
			}
		}
		out = append(out, b)
	}
	return out
}
