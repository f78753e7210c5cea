package engine

import (
	"fmt"
	"math"
	"slices"

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
	fast     func(*fastEnv) bool // the leaf compiled to closures, or nil
	reads    []read
	children []*explainNode
}

// read is a value a leaf reads: a question's answer, an indicator's score,
// a section's score, or the overall score.
type read struct {
	kind string // "answer", "score", "status", "section", "overall", "answered"
	name string
	lbl  string             // label(), worked out once
	get  func(*fastEnv) any // reads the value without the VM's environment
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
	if p, err := compileSafely(leaf.src, c.leafOptions(leaf.src, env), nil); err == nil {
		leaf.prog = p
		leaf.fast = fastBool(c.q, envRule, &Expr{Src: leaf.src, prog: p})
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
		r.lbl = r.label()
		if !seen[r.lbl] {
			seen[r.lbl] = true
			r.get = c.reader(r)
			leaf.reads = append(leaf.reads, r)
		}
	}))
	return leaf
}

// reader returns a function reading what r names from the state and the
// score result, as readValue reads it from the rule environment.
func (c *compiler) reader(r read) func(*fastEnv) any {
	switch r.kind {
	case "answer":
		name := r.name
		return func(e *fastEnv) any { return e.st.env[name] }
	case "overall", "score", "section":
		var f *fnode
		if r.kind == "overall" {
			f = (&fastCompiler{q: c.q, kind: envRule}).ident("overall")
		} else {
			f = (&fastCompiler{q: c.q, kind: envRule}).nameCall(r.kind, r.name)
		}
		if f == nil || f.k != fFloat {
			return nil
		}
		get := f.f
		return func(e *fastEnv) any { return jsonNumber(get(e)) }
	case "status", "answered":
		f := (&fastCompiler{q: c.q, kind: envRule}).nameCall(r.kind, r.name)
		if f == nil {
			return nil
		}
		if f.k == fStr {
			get := f.s
			return func(e *fastEnv) any { return get(e) }
		}
		get := f.b
		return func(e *fastEnv) any { return get(e) }
	}
	return nil
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
	// Variant is the wording used for this case (nil: the measure's own
	// title and description); Title and Description give the words.
	Variant *Variant
	// Band is the priority in plain words (nil when the policy declares
	// no priority bands).
	Band *PriorityBand
	// Reasons say why the priority is what it is, as codes the views put in
	// words: "gap.large", "gap.moderate", "gap.small", "competence.own",
	// "competence.shared", "competence.transferred", "competence.convention",
	// "competence.mixed", "aligned", "not_aligned", "horizon.short",
	// "horizon.medium", "horizon.long".
	Reasons []string
	// TieKeys are the values of the policy's tie_break keys (Recommend
	// only: Rank leaves them nil, so that ranking allocates nothing).
	TieKeys []float64

	factors factors
	tieAt   int32 // position of its factors and tie keys in the State's ranking buffers
}

// Title returns the recommendation's title: its variant's when one applies.
func (r *Recommendation) Title() Text { return r.Measure.TitleFor(r.Variant) }

// Description returns the recommendation's description: its variant's when one applies.
func (r *Recommendation) Description() Text { return r.Measure.DescriptionFor(r.Variant) }

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
	x := &explainer{fe: fastEnv{st: st, sc: sc}}
	nt := len(r.Policy.TieBreak)
	for i := range recs {
		if k := int(recs[i].tieAt); nt > 0 && (k+1)*nt <= len(st.rankTies) {
			recs[i].TieKeys = slices.Clone(st.rankTies[k*nt : (k+1)*nt])
		}
		mr := recs[i].Measure.rankingFor(st.Q, r.Policy)
		recs[i].Band = r.Policy.PriorityBandFor(recs[i].Priority)
		recs[i].Reasons = mr.reasons(sc, r.Policy, recs[i].factors, recs[i].Measure)
		recs[i].Gaps = mr.gaps(sc, r.Policy)
		recs[i].Factors = recs[i].factors.asMap(recs[i].Measure)
		recs[i].Trace = x.explain(recs[i].Measure.explain())
		recs[i].Because = because(st, sc, recs[i].Measure, recs[i].Trace, recs[i].Gaps)
	}
	return recs
}

// Rank is Recommend without the explanations (Trace, Because, Factors and
// Gaps are nil): the fired measures with their priorities, ranked. sc must
// be Score of st.
func Rank(st *State, sc *ScoreResult, r *Rules) []Recommendation {
	return RankInto(st, sc, r, nil)
}

// rankKey is what the ranking sorts on; k is the position of the measure's
// factors in State.rankFactors.
type rankKey struct {
	priority, gap float64
	horizon, i, k int32
	variant       int32 // index in the measure's Variants, or -1
}

// RankInto is Rank appending to recs[:0], so a caller ranking many answer
// sets can reuse one slice.
func RankInto(st *State, sc *ScoreResult, r *Rules, recs []Recommendation) []Recommendation {
	p := r.Policy
	fe := &st.fast
	*fe = fastEnv{st: st, sc: sc}
	var declared []string
	if p.PrioritiesQuestion != "" {
		declared, _ = st.env[p.PrioritiesQuestion].([]string)
	}
	// The VM's environments, made only if an expression needs them.
	var ruleEnv, penv map[string]any
	defer func() {
		if ruleEnv != nil {
			delete(ruleEnv, "section")
			delete(ruleEnv, "overall")
		}
	}()
	keys, fs, ties := st.rankKeys[:0], st.rankFactors[:0], st.rankTies[:0]
	nt := len(p.TieBreak)
	for i, m := range r.Measures {
		fired, ok := false, false
		if m.when != nil {
			fired, ok = runFastBool(m.when, fe)
		}
		if !ok {
			if ruleEnv == nil {
				// Triggers run in the state's own environment, with section()
				// and overall added for the time of the evaluation.
				ruleEnv = st.env
				addScoreNames(ruleEnv, sc)
			}
			var err error
			if fired, err = m.When.Bool(ruleEnv); err != nil {
				st.Problems = append(st.Problems, err.Error())
			}
		}
		if !fired {
			continue
		}
		mr := m.rankingFor(st.Q, p)
		fs = append(fs, factors{})
		f := &fs[len(fs)-1]
		mr.factors(f, sc, p, m, declared)
		fe.f, fe.m = f, m
		v, ok := 0.0, false
		if p.priority != nil {
			v, ok = runFastNumber(p.priority, fe)
		}
		if !ok {
			if penv == nil {
				penv = make(map[string]any, len(PriorityFactorNames))
			}
			v = priorityOnVM(st, p, m, f, penv)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		for j, e := range p.TieBreak {
			t, ok := 0.0, false
			if fn := p.tieBreak[j]; fn != nil {
				t, ok = runFastNumber(fn, fe)
			}
			if !ok {
				if penv == nil {
					penv = make(map[string]any, len(PriorityFactorNames))
				}
				t = exprOnVM(st, e, m, f, penv)
			}
			if math.IsNaN(t) || math.IsInf(t, 0) {
				t = 0
			}
			ties = append(ties, t)
		}
		variant := int32(-1)
		for j := range m.Variants {
			vr := &m.Variants[j]
			holds, ok := false, false
			if vr.when != nil {
				holds, ok = runFastBool(vr.when, fe)
			}
			if !ok && vr.When != nil {
				if ruleEnv == nil {
					ruleEnv = st.env
					addScoreNames(ruleEnv, sc)
				}
				var err error
				if holds, err = vr.When.Bool(ruleEnv); err != nil {
					st.Problems = append(st.Problems, err.Error())
				}
			}
			if holds {
				variant = int32(j)
				break
			}
		}
		keys = append(keys, rankKey{priority: math.Round(v*100) / 100, gap: Round1(f.gap), horizon: int32(mr.horizon), i: int32(i), k: int32(len(fs) - 1), variant: variant})
	}
	*fe = fastEnv{}
	// Highest priority first; ties on the policy's tie_break keys (higher
	// first), then the largest gap, then the shortest horizon, then the
	// catalog order (so the order is total).
	slices.SortFunc(keys, func(a, b rankKey) int {
		if a.priority != b.priority {
			if a.priority > b.priority {
				return -1
			}
			return 1
		}
		for j := 0; j < nt; j++ {
			ta, tb := ties[int(a.k)*nt+j], ties[int(b.k)*nt+j]
			if ta != tb {
				if ta > tb {
					return -1
				}
				return 1
			}
		}
		switch {
		case a.gap != b.gap:
			if a.gap > b.gap {
				return -1
			}
			return 1
		case a.horizon != b.horizon:
			return int(a.horizon - b.horizon)
		}
		return int(a.i - b.i)
	})
	recs = recs[:0]
	for n, k := range keys {
		m := r.Measures[k.i]
		rec := Recommendation{Rank: n + 1, Measure: m, Priority: k.priority, factors: fs[k.k]}
		if k.variant >= 0 {
			rec.Variant = &m.Variants[k.variant]
		}
		rec.tieAt = k.k
		recs = append(recs, rec)
	}
	st.rankKeys, st.rankFactors, st.rankTies = keys, fs, ties
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

// measureRanking is what ranking needs of a measure, resolved once for a
// questionnaire and a policy: its indicators' positions in a ScoreResult and
// their competence weights, its horizon's weight and rank.
type measureRanking struct {
	q       *Questionnaire
	p       *Policy
	inds    []rankedInd
	hw      float64
	horizon int
}

type rankedInd struct {
	id   string
	pos  int // in ScoreResult.Indicators
	cw   float64
	comp string // the council's competence over it (Refs.Competence)
}

func (m *Measure) rankingFor(q *Questionnaire, p *Policy) *measureRanking {
	if mr := m.ranking.Load(); mr != nil && mr.q == q && mr.p == p {
		return mr
	}
	pl := q.plan()
	mr := &measureRanking{q: q, p: p, hw: p.HorizonWeights[m.Horizon], horizon: horizonRank(m.Horizon)}
	for _, id := range m.Indicators {
		qu := q.byID[id]
		if qu == nil || pl.indAt[qu.Index] < 0 {
			continue // not an indicator: it has no score, so no gap
		}
		cw := 1.0
		if qu.Refs.Competence != "" {
			cw = p.CompetenceWeights[qu.Refs.Competence]
		}
		if w, ok := p.ModalityWeights[qu.Refs.Modality]; ok && qu.Refs.Modality != "" {
			cw *= w // how the council acts: through a convention weighs less than acting itself
		}
		mr.inds = append(mr.inds, rankedInd{id: id, pos: pl.indAt[qu.Index], cw: cw, comp: qu.Refs.Competence})
	}
	m.ranking.Store(mr)
	return mr
}

// factors are the priority formula's inputs for one measure.
type factors struct {
	gap, maxGap, weight, comp, bonus, horizonWeight float64
	n                                               int
	aligned                                         bool
}

// asMap gives the factors by name, as shown to users (gap and competence
// weight rounded).
func (f factors) asMap(m *Measure) map[string]any {
	return map[string]any{
		"gap":               Round1(f.gap),
		"max_gap":           f.maxGap,
		"weight":            f.weight,
		"indicators":        f.n,
		"competence_weight": math.Round(f.comp*1000) / 1000,
		"aligned":           f.aligned,
		"alignment_bonus":   f.bonus,
		"horizon":           m.Horizon,
		"horizon_weight":    f.horizonWeight,
		"cost":              m.Cost,
	}
}

// factors computes the priority formula's inputs for a measure: the
// weighted mean gap (target − score) of its indicators that have one, their
// mean competence weight, alignment with the declared SNIA priorities, and
// its horizon.
func (mr *measureRanking) factors(f *factors, sc *ScoreResult, p *Policy, m *Measure, declared []string) {
	var gapSum, compSum float64
	*f = factors{comp: 1, bonus: p.AlignmentBonus, horizonWeight: mr.hw}
	for _, in := range mr.inds {
		ir := &sc.Indicators[in.pos]
		if ir.Score == nil {
			continue
		}
		g := p.TargetFor(ir.Section) - *ir.Score
		if g <= 0 {
			continue
		}
		gapSum += g * ir.Weight
		f.weight += ir.Weight
		f.maxGap = math.Max(f.maxGap, g)
		compSum += in.cw
		f.n++
	}
	if f.weight > 0 {
		f.gap = gapSum / f.weight
		f.comp = compSum / float64(f.n)
	}
	for _, s := range m.SNIA {
		if slices.Contains(declared, s) {
			f.aligned = true
			break
		}
	}
}

// gaps returns the gaps (target − score) of a measure's indicators that have one.
func (mr *measureRanking) gaps(sc *ScoreResult, p *Policy) map[string]float64 {
	out := map[string]float64{}
	for _, in := range mr.inds {
		ir := &sc.Indicators[in.pos]
		if ir.Score == nil {
			continue
		}
		if g := p.TargetFor(ir.Section) - *ir.Score; g > 0 {
			out[in.id] = g
		}
	}
	return out
}

// priorityOnVM runs the priority formula on expr's VM, in env (reused from
// one measure to the next).
func priorityOnVM(st *State, p *Policy, m *Measure, f *factors, env map[string]any) float64 {
	return exprOnVM(st, p.Priority, m, f, env)
}

// exprOnVM runs a numeric expression of the priority environment (the
// formula or a tie_break key) on expr's VM.
func exprOnVM(st *State, e *Expr, m *Measure, f *factors, env map[string]any) float64 {
	env["gap"], env["max_gap"], env["weight"], env["indicators"] = f.gap, f.maxGap, f.weight, f.n
	env["competence_weight"], env["aligned"], env["alignment_bonus"] = f.comp, f.aligned, f.bonus
	env["horizon"], env["horizon_weight"], env["cost"] = m.Horizon, f.horizonWeight, m.Cost
	out, err := e.run(env)
	if err != nil {
		st.Problems = append(st.Problems, fmt.Sprintf("%s: priority of %s: %v", e.Pos, m.ID, err))
		return 0
	}
	switch v := out.(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return 0
}

// reasons says in codes why a measure's priority is what it is: the size of
// its mean gap, the council's competence over the indicators with a gap,
// whether it serves a declared SNIA priority, and its horizon.
func (mr *measureRanking) reasons(sc *ScoreResult, p *Policy, f factors, m *Measure) []string {
	var out []string
	switch {
	case f.gap >= p.GapWords.Large:
		out = append(out, "gap.large")
	case f.gap >= p.GapWords.Moderate:
		out = append(out, "gap.moderate")
	default:
		out = append(out, "gap.small")
	}
	comp := ""
	for _, in := range mr.inds {
		ir := &sc.Indicators[in.pos]
		if ir.Score == nil || p.TargetFor(ir.Section)-*ir.Score <= 0 {
			continue
		}
		c := in.comp
		if c == "" {
			c = "own"
		}
		switch comp {
		case "":
			comp = c
		case c:
		default:
			comp = "mixed"
		}
	}
	if comp != "" {
		out = append(out, "competence."+comp)
	}
	if f.aligned {
		out = append(out, "aligned")
	} else {
		out = append(out, "not_aligned")
	}
	return append(out, "horizon."+m.Horizon)
}

// explainer evaluates explanation trees: leaves run as closures where they
// were compiled to them, otherwise on the VM in the rule environment (made
// on first need).
type explainer struct {
	fe  fastEnv
	env map[string]any
}

func (x *explainer) ruleEnv() map[string]any {
	if x.env == nil {
		x.env = RuleEnv(x.fe.st, x.fe.sc)
	}
	return x.env
}

// explain evaluates the explanation tree.
func (x *explainer) explain(n *explainNode) *Trace {
	if n == nil {
		return nil
	}
	t := &Trace{Expr: n.src, Op: n.op}
	switch n.op {
	case "and":
		t.Value = true
		for _, c := range n.children {
			ct := x.explain(c)
			t.Children = append(t.Children, ct)
			t.Value = t.Value && ct.Value
		}
	case "or":
		for _, c := range n.children {
			ct := x.explain(c)
			t.Children = append(t.Children, ct)
			t.Value = t.Value || ct.Value
		}
	case "not":
		ct := x.explain(n.children[0])
		t.Children = []*Trace{ct}
		t.Value = !ct.Value
	default:
		ok := false
		if n.fast != nil {
			t.Value, ok = runFastBool(n.fast, &x.fe)
		}
		if !ok && n.prog != nil {
			v := vm.VM{MemoryBudget: ExprMemoryBudget}
			out, err := runLeaf(&v, n.prog, x.ruleEnv())
			t.Value = false
			if err == nil {
				t.Value, _ = out.(bool)
			}
		}
		t.Values = make(map[string]any, len(n.reads))
		for _, r := range n.reads {
			if r.get != nil {
				t.Values[r.lbl] = r.get(&x.fe)
			} else {
				t.Values[r.lbl] = readValue(r, x.ruleEnv())
			}
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

// VariantOf returns the variant of m whose condition holds for these answers
// and scores (the first one), or nil: the wording a view uses for a measure
// it names outside a ranking (an adopted measure, say). sc must be Score of st.
func VariantOf(st *State, sc *ScoreResult, m *Measure) *Variant {
	if len(m.Variants) == 0 {
		return nil
	}
	fe := &fastEnv{st: st, sc: sc}
	var env map[string]any
	for j := range m.Variants {
		v := &m.Variants[j]
		holds, ok := false, false
		if v.when != nil {
			holds, ok = runFastBool(v.when, fe)
		}
		if !ok && v.When != nil {
			if env == nil {
				env = RuleEnv(st, sc)
			}
			holds, _ = v.When.Bool(env)
		}
		if holds {
			return v
		}
	}
	return nil
}
