package engine_test

// Hand-written baseline: the embedded content's scoring and recommendations
// written as plain Go (arrays of scores, one closure per trigger, the priority
// formula inline), to measure what the engine's generality costs. It computes
// what engine.Score and engine.Rank return: indicator scores and statuses;
// section scores, counts, coverage, low-confidence flags and bands; the
// overall score, band and coverage; the MGI / MIPEX / SNIA views; the fired
// measures with their priorities, ranked.
// TestBaselineHandWrittenMatchesEngine checks that both agree on all of it
// on 200 random answer sets. See BENCHMARKS.md §3 for the figures.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
)

// The policy, hard-coded from rules/policy.yaml (checked against the loaded
// policy in baseModelOf, so an edit there fails loudly).
var (
	baseTarget            = 100.0
	baseCompetenceWeights = map[string]float64{"own": 1.0, "shared": 0.8, "transferred": 0.6}
	baseModalityWeights   = map[string]float64{"direct": 1.0, "convention": 0.6, "advocacy": 0.5}
	baseHorizonWeights    = map[string]float64{"short": 1.1, "medium": 1.0, "long": 0.9}
	baseAlignmentBonus    = 0.25
	baseHorizonRank       = map[string]int{"short": 0, "medium": 1, "long": 2}
	basePriorityFormula   = "gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight"
	// The tie_break keys: the total weight of the indicators with a gap,
	// then the cost (low 3, medium 2, high 1), higher first.
	baseTieBreak  = []string{"weight", "cost == 'low' ? 3 : cost == 'medium' ? 2 : 1"}
	baseCostValue = map[string]float64{"low": 3, "medium": 2, "high": 1}
)

// baseInd is one indicator (scored question), in questionnaire order.
type baseInd struct {
	id      string
	codes   []string
	scores  []float64 // by choice; NaN for don't know / not applicable
	missing []uint8   // by choice: baseAnswered, baseDontKnow or baseNotApplicable
	views   []int     // view slots
	weight  float64
	lowest  float64
	exclude bool // when_skipped: exclude
	parent  int  // -1: always relevant; else relevant iff scores[parent] > 0
	cw      float64
}

type baseSec struct {
	id       string
	from, to int // indicator range
}

// Statuses, as engine.Status* names them.
const (
	baseAnswered uint8 = iota
	baseDontKnow
	baseNotApplicable
	baseSkipped
	baseUnanswered
)

var baseStatusNames = []string{engine.StatusAnswered, engine.StatusDontKnow, engine.StatusNotApplicable, engine.StatusSkipped, engine.StatusUnanswered}

// baseView is a view slot: kind ("mgi", "mipex", "snia") and code.
type baseView struct{ kind, code string }

// baseBand is a score band, hard-coded from rules/policy.yaml.
type baseBand struct {
	id       string
	min, max float64
}

var (
	baseBands         = []baseBand{{"very_weak", 0, 20}, {"weak", 21, 40}, {"halfway", 41, 59}, {"advanced", 60, 79}, {"very_advanced", 80, 100}}
	baseLowConfidence = 0.8
)

// bandOf returns the band index of a score (rounded), or -1.
func bandOf(v float64) int {
	if v != v {
		return -1
	}
	r := math.Round(v)
	for i, b := range baseBands {
		if r >= b.min && r <= b.max {
			return i
		}
	}
	return -1
}

// baseSecResult is a section's score and data quality.
type baseSecResult struct {
	score                                                 float64
	answered, relevant, dontKnow, na, unanswered, skipped int
	coverage                                              float64
	lowConfidence                                         bool
	band                                                  int
}

type baseMeasure struct {
	id    string
	inds  []int
	when  func(s []float64) bool
	snia  []int // bits in baseAnswers.declared
	hw    float64
	hrank int
	cost  float64 // baseCostValue of its cost
}

type baseModel struct {
	inds     []baseInd
	secs     []baseSec
	measures []baseMeasure
	views    []baseView
	prioQ    string
	sniaBit  map[string]int
}

// baseAnswers is an answer set in the hand-written form.
type baseAnswers struct {
	choice   []int  // by indicator: choice index, -1 for none
	declared uint64 // priority SNIA programmes, as bits
}

// baseRanked is one fired measure.
type baseRanked struct {
	m        int
	priority float64
	gap      float64 // rounded to one decimal, as the engine's tie-break uses it
	weight   float64 // total weight of its indicators with a gap (first tie_break key)
}

// baseResult is what one run computes; its buffers are reused between runs.
type baseResult struct {
	scores      []float64 // by indicator; NaN: none
	status      []uint8   // by indicator
	sections    []baseSecResult
	overall     float64
	overallBand int
	coverage    float64
	views       []float64 // by view slot; NaN: none
	vsum, vw    []float64
	ranked      []baseRanked
}

var baseRelevant = regexp.MustCompile(`^score\(([a-z][a-z0-9_]*)\) > 0$`)

// baseModelOf compiles the content into the hand-written form, refusing
// anything the hand-written code does not handle.
func baseModelOf(c *engine.Content) (*baseModel, error) {
	p := c.Rules.Policy
	if len(p.Bands) != len(baseBands) || p.LowConfidenceBelow != baseLowConfidence {
		return nil, fmt.Errorf("policy bands or low-confidence threshold differ from the hard-coded ones")
	}
	for i, b := range p.Bands {
		if b.ID != baseBands[i].id || b.Min != baseBands[i].min || b.Max != baseBands[i].max {
			return nil, fmt.Errorf("band %d: %s %v-%v, hard-coded %v", i, b.ID, b.Min, b.Max, baseBands[i])
		}
	}
	if p.Target != baseTarget || len(p.SectionTargets) != 0 || p.AlignmentBonus != baseAlignmentBonus ||
		p.Priority == nil || p.Priority.Src != basePriorityFormula {
		return nil, fmt.Errorf("policy differs from the hard-coded one (target %v, section targets %v, alignment bonus %v, priority %q)",
			p.Target, p.SectionTargets, p.AlignmentBonus, p.Priority.Src)
	}
	if len(p.TieBreak) != len(baseTieBreak) {
		return nil, fmt.Errorf("policy tie_break has %d keys, hard-coded %d", len(p.TieBreak), len(baseTieBreak))
	}
	for i, e := range p.TieBreak {
		if e.Src != baseTieBreak[i] {
			return nil, fmt.Errorf("policy tie_break[%d] = %q, hard-coded %q", i, e.Src, baseTieBreak[i])
		}
	}
	for k, v := range baseCompetenceWeights {
		if p.CompetenceWeights[k] != v {
			return nil, fmt.Errorf("policy competence weight %s = %v, hard-coded %v", k, p.CompetenceWeights[k], v)
		}
	}
	for k, v := range baseModalityWeights {
		if p.ModalityWeights[k] != v {
			return nil, fmt.Errorf("policy modality weight %s = %v, hard-coded %v", k, p.ModalityWeights[k], v)
		}
	}
	for k, v := range baseHorizonWeights {
		if p.HorizonWeights[k] != v {
			return nil, fmt.Errorf("policy horizon weight %s = %v, hard-coded %v", k, p.HorizonWeights[k], v)
		}
	}
	m := &baseModel{prioQ: p.PrioritiesQuestion, sniaBit: map[string]int{}}
	index := map[string]int{}
	slot := map[baseView]int{}
	view := func(kind, code string) int {
		v := baseView{kind, code}
		if i, ok := slot[v]; ok {
			return i
		}
		slot[v] = len(m.views)
		m.views = append(m.views, v)
		return len(m.views) - 1
	}
	for _, s := range c.Q.Sections {
		if s.Relevant != nil {
			return nil, fmt.Errorf("section %s has a relevance", s.ID)
		}
		if !s.Scored {
			continue
		}
		sec := baseSec{id: s.ID, from: len(m.inds)}
		for _, qu := range s.Questions {
			if !qu.Scored {
				continue
			}
			in := baseInd{id: qu.ID, weight: qu.Weight, lowest: qu.Lowest(), exclude: qu.SkipExcluded, parent: -1, cw: 1}
			for _, ch := range qu.Choices {
				in.codes = append(in.codes, ch.Value)
				if ch.Score != nil {
					in.scores = append(in.scores, *ch.Score)
				} else {
					in.scores = append(in.scores, math.NaN())
				}
				switch ch.Missing {
				case engine.DontKnow:
					in.missing = append(in.missing, baseDontKnow)
				case engine.NotApplicable:
					in.missing = append(in.missing, baseNotApplicable)
				default:
					in.missing = append(in.missing, baseAnswered)
				}
			}
			if qu.Refs.MGI != "" {
				in.views = append(in.views, view("mgi", qu.Refs.MGI))
			}
			if qu.Refs.MIPEX != "" {
				in.views = append(in.views, view("mipex", qu.Refs.MIPEX))
			}
			for _, c := range qu.Refs.SNIA {
				in.views = append(in.views, view("snia", c))
			}
			if qu.Refs.Competence != "" {
				w, ok := baseCompetenceWeights[qu.Refs.Competence]
				if !ok {
					return nil, fmt.Errorf("%s: competence %q", qu.ID, qu.Refs.Competence)
				}
				in.cw = w
			}
			if qu.Refs.Modality != "" {
				w, ok := baseModalityWeights[qu.Refs.Modality]
				if !ok {
					return nil, fmt.Errorf("%s: modality %q", qu.ID, qu.Refs.Modality)
				}
				in.cw *= w
			}
			if qu.Relevant != nil {
				mm := baseRelevant.FindStringSubmatch(qu.Relevant.Src)
				if mm == nil {
					return nil, fmt.Errorf("%s: relevance %q is not score(x) > 0", qu.ID, qu.Relevant.Src)
				}
				pi, ok := index[mm[1]]
				if !ok {
					return nil, fmt.Errorf("%s: relevance reads %s, not an earlier indicator", qu.ID, mm[1])
				}
				in.parent = pi
			}
			index[qu.ID] = len(m.inds)
			m.inds = append(m.inds, in)
		}
		sec.to = len(m.inds)
		m.secs = append(m.secs, sec)
	}
	if m.prioQ != "" {
		qu := c.Q.Question(m.prioQ)
		if qu.Relevant != nil {
			return nil, fmt.Errorf("priorities question %s has a relevance", m.prioQ)
		}
		for i, ch := range qu.Choices {
			m.sniaBit[ch.Value] = i
		}
	}
	for _, me := range c.Rules.Measures {
		bm := baseMeasure{id: me.ID, hw: baseHorizonWeights[me.Horizon], hrank: baseHorizonRank[me.Horizon], cost: baseCostValue[me.Cost]}
		var conds []string
		for _, id := range me.Indicators {
			i, ok := index[id]
			if !ok {
				return nil, fmt.Errorf("measure %s: indicator %s not found", me.ID, id)
			}
			bm.inds = append(bm.inds, i)
			conds = append(conds, "score("+id+") < 100")
		}
		// The trigger, by hand: score(a) < 100 || score(b) < 100 ...
		if want := strings.Join(conds, " || "); me.When.Src != want {
			return nil, fmt.Errorf("measure %s: trigger %q is not %q", me.ID, me.When.Src, want)
		}
		bm.when = baseTrigger(bm.inds)
		for _, s := range me.SNIA {
			if bit, ok := m.sniaBit[s]; ok {
				bm.snia = append(bm.snia, bit)
			} else {
				bm.snia = append(bm.snia, 63) // a programme no answer can declare
			}
		}
		m.measures = append(m.measures, bm)
	}
	return m, nil
}

// baseTrigger returns score(a) < 100 || score(b) < 100 ... as a closure
// (NaN < 100 is false, as in the engine).
func baseTrigger(idx []int) func(s []float64) bool {
	switch len(idx) {
	case 1:
		a := idx[0]
		return func(s []float64) bool { return s[a] < 100 }
	case 2:
		a, b := idx[0], idx[1]
		return func(s []float64) bool { return s[a] < 100 || s[b] < 100 }
	case 3:
		a, b, c := idx[0], idx[1], idx[2]
		return func(s []float64) bool { return s[a] < 100 || s[b] < 100 || s[c] < 100 }
	}
	return func(s []float64) bool {
		for _, i := range idx {
			if s[i] < 100 {
				return true
			}
		}
		return false
	}
}

func (m *baseModel) newResult() *baseResult {
	return &baseResult{
		scores:   make([]float64, len(m.inds)),
		status:   make([]uint8, len(m.inds)),
		sections: make([]baseSecResult, len(m.secs)),
		views:    make([]float64, len(m.views)),
		vsum:     make([]float64, len(m.views)),
		vw:       make([]float64, len(m.views)),
		ranked:   make([]baseRanked, 0, len(m.measures)),
	}
}

// run computes indicator, section and overall scores, then the fired measures
// ranked by priority, exactly as engine.Score and engine.Recommend do.
func (m *baseModel) run(a *baseAnswers, r *baseResult) {
	s, status := r.scores, r.status
	for i := range m.inds {
		in := &m.inds[i]
		if in.parent >= 0 && !(s[in.parent] > 0) {
			// Skipped: its lowest level, unless excluded or what decided the
			// skip is not known (the parent is not answered with a level).
			status[i] = baseSkipped
			if in.exclude || status[in.parent] != baseAnswered {
				s[i] = math.NaN()
			} else {
				s[i] = in.lowest
			}
			continue
		}
		s[i] = math.NaN()
		status[i] = baseUnanswered
		if k := a.choice[i]; k >= 0 {
			s[i] = in.scores[k]
			status[i] = in.missing[k]
		}
	}
	for k := range m.views {
		r.vsum[k], r.vw[k] = 0, 0
	}
	var osum, on float64
	var totAnswered, totRelevant int
	for j, sec := range m.secs {
		sr := &r.sections[j]
		*sr = baseSecResult{}
		var sum, w float64
		for i := sec.from; i < sec.to; i++ {
			in := &m.inds[i]
			if v := s[i]; v == v {
				sum += v * in.weight
				w += in.weight
				for _, k := range in.views {
					r.vsum[k] += v * in.weight
					r.vw[k] += in.weight
				}
			}
			switch status[i] {
			case baseAnswered:
				sr.answered++
				sr.relevant++
			case baseDontKnow:
				sr.dontKnow++
				sr.relevant++
			case baseUnanswered:
				sr.unanswered++
				sr.relevant++
			case baseNotApplicable:
				sr.na++
			case baseSkipped:
				sr.skipped++
			}
		}
		sr.score = math.NaN()
		if w != 0 {
			sr.score = sum / w
			osum += sr.score
			on++
		}
		if sr.relevant > 0 {
			sr.coverage = float64(sr.answered) / float64(sr.relevant)
		} else if w != 0 {
			sr.coverage = 1
		}
		sr.lowConfidence = sr.coverage < baseLowConfidence
		sr.band = bandOf(sr.score)
		totAnswered += sr.answered
		totRelevant += sr.relevant
	}
	r.overall = math.NaN()
	if on > 0 {
		r.overall = osum / on
	}
	r.overallBand = bandOf(r.overall)
	r.coverage = 0
	if totRelevant > 0 {
		r.coverage = float64(totAnswered) / float64(totRelevant)
	}
	for k := range m.views {
		r.views[k] = math.NaN()
		if r.vw[k] != 0 {
			r.views[k] = r.vsum[k] / r.vw[k]
		}
	}
	r.ranked = r.ranked[:0]
	for k := range m.measures {
		me := &m.measures[k]
		if !me.when(s) {
			continue
		}
		var gapSum, wSum, compSum float64
		n := 0
		for _, i := range me.inds {
			v := s[i]
			if v != v {
				continue
			}
			g := baseTarget - v
			if g <= 0 {
				continue
			}
			w := m.inds[i].weight
			gapSum += g * w
			wSum += w
			compSum += m.inds[i].cw
			n++
		}
		gap, comp := 0.0, 1.0
		if wSum > 0 {
			gap = gapSum / wSum
			comp = compSum / float64(n)
		}
		align := 1.0
		for _, bit := range me.snia {
			if a.declared&(1<<bit) != 0 {
				align = 1 + baseAlignmentBonus
				break
			}
		}
		p := gap * comp * align * me.hw
		if math.IsNaN(p) || math.IsInf(p, 0) {
			p = 0
		}
		r.ranked = append(r.ranked, baseRanked{m: k, priority: math.Round(p*100) / 100, gap: math.Round(gap*10) / 10, weight: wSum})
	}
	slices.SortStableFunc(r.ranked, func(x, y baseRanked) int {
		switch {
		case x.priority != y.priority:
			if x.priority > y.priority {
				return -1
			}
			return 1
		case x.weight != y.weight:
			if x.weight > y.weight {
				return -1
			}
			return 1
		case m.measures[x.m].cost != m.measures[y.m].cost:
			if m.measures[x.m].cost > m.measures[y.m].cost {
				return -1
			}
			return 1
		case x.gap != y.gap:
			if x.gap > y.gap {
				return -1
			}
			return 1
		case m.measures[x.m].hrank != m.measures[y.m].hrank:
			return m.measures[x.m].hrank - m.measures[y.m].hrank
		}
		return x.m - y.m
	})
}

// answersOf converts an answer set (question id → typed value) to the hand-written form.
func (m *baseModel) answersOf(ans map[string]any) *baseAnswers {
	a := &baseAnswers{choice: make([]int, len(m.inds))}
	for i, in := range m.inds {
		a.choice[i] = -1
		if code, ok := ans[in.id].(string); ok {
			a.choice[i] = slices.Index(in.codes, code)
		}
	}
	if codes, ok := ans[m.prioQ].([]string); ok {
		for _, c := range codes {
			if bit, ok := m.sniaBit[c]; ok {
				a.declared |= 1 << bit
			}
		}
	}
	return a
}

// baseRandomAnswers draws an answer set for every question (skip is the
// chance of leaving a question unanswered) and sets it on a fresh state.
func baseRandomAnswers(tb testing.TB, c *engine.Content, rng *rand.Rand, skip float64) (*engine.State, map[string]any) {
	tb.Helper()
	st := engine.NewState(c.Q)
	ans := map[string]any{}
	for _, qu := range c.Q.Questions {
		if qu.Type == engine.Note || rng.Float64() < skip {
			continue
		}
		var v any
		switch qu.Type {
		case engine.Single:
			v = qu.Choices[rng.IntN(len(qu.Choices))].Value
		case engine.Multiple:
			var codes []string
			for _, ch := range qu.Choices {
				if rng.IntN(3) == 0 {
					codes = append(codes, ch.Value)
				}
			}
			if codes == nil {
				codes = []string{}
			}
			v = codes
		case engine.Boolean:
			v = rng.IntN(2) == 0
		case engine.Integer:
			v = rng.IntN(100000)
		case engine.Decimal:
			v = rng.Float64() * 100
		case engine.TextQ:
			v = "texte"
		}
		if err := st.Set(qu.ID, v); err != nil {
			if qu.Type != engine.Multiple {
				tb.Fatalf("set %s: %v", qu.ID, err)
			}
			// A constraint refused the mix (such as "don't know" with others): one choice.
			v = []string{qu.Choices[rng.IntN(len(qu.Choices))].Value}
			if err := st.Set(qu.ID, v); err != nil {
				tb.Fatalf("set %s: %v", qu.ID, err)
			}
		}
		ans[qu.ID] = v
	}
	return st, ans
}

func baseEmbedded(tb testing.TB) (*engine.Content, *baseModel) {
	tb.Helper()
	files, err := app.EmbeddedFiles()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := engine.LoadFiles(files)
	if err != nil {
		tb.Fatalf("embedded content: %v", err)
	}
	m, err := baseModelOf(c)
	if err != nil {
		tb.Fatalf("the hand-written baseline does not cover the embedded content: %v", err)
	}
	return c, m
}

// baseCompare lists the differences between the engine's results and the hand-written ones.
func baseCompare(m *baseModel, sc *engine.ScoreResult, recs []engine.Recommendation, r *baseResult) []string {
	var bad []string
	same := func(p *float64, v float64) bool {
		if p == nil {
			return v != v
		}
		return *p == v
	}
	show := func(p *float64) string {
		if p == nil {
			return "none"
		}
		return fmt.Sprint(*p)
	}
	for i, in := range m.inds {
		ir := sc.Indicator(in.id)
		if ir == nil {
			bad = append(bad, fmt.Sprintf("indicator %s: missing from the engine's result", in.id))
			continue
		}
		if !same(ir.Score, r.scores[i]) {
			bad = append(bad, fmt.Sprintf("indicator %s: engine %v, hand-written %v", in.id, show(ir.Score), r.scores[i]))
		}
		if ir.Status != baseStatusNames[r.status[i]] {
			bad = append(bad, fmt.Sprintf("indicator %s: status %s in the engine, %s hand-written", in.id, ir.Status, baseStatusNames[r.status[i]]))
		}
	}
	band := func(i int) string {
		if i < 0 {
			return ""
		}
		return baseBands[i].id
	}
	if len(sc.Sections) != len(m.secs) {
		bad = append(bad, fmt.Sprintf("%d scored sections in the engine, %d hand-written", len(sc.Sections), len(m.secs)))
	}
	for j, sec := range m.secs {
		sr := sc.Section(sec.id)
		if sr == nil {
			bad = append(bad, fmt.Sprintf("section %s: missing from the engine's result", sec.id))
		} else {
			h := r.sections[j]
			eng := fmt.Sprintf("%s %d/%d dk %d na %d un %d sk %d cov %v low %v band %s", show(sr.Score), sr.Answered, sr.Relevant,
				sr.DontKnow, sr.NotApplicable, sr.Unanswered, sr.Skipped, sr.Coverage, sr.LowConfidence, sr.Band)
			hand := fmt.Sprintf("%s %d/%d dk %d na %d un %d sk %d cov %v low %v band %s", showNaN(h.score), h.answered, h.relevant,
				h.dontKnow, h.na, h.unanswered, h.skipped, h.coverage, h.lowConfidence, band(h.band))
			if eng != hand {
				bad = append(bad, fmt.Sprintf("section %s: engine %s, hand-written %s", sec.id, eng, hand))
			}
		}
	}
	if !same(sc.Overall, r.overall) || sc.OverallBand != band(r.overallBand) || sc.Coverage != r.coverage {
		bad = append(bad, fmt.Sprintf("overall: engine %v %s %v, hand-written %v %s %v", show(sc.Overall), sc.OverallBand, sc.Coverage,
			r.overall, band(r.overallBand), r.coverage))
	}
	for k, v := range m.views {
		got, ok := sc.By[v.kind][v.code]
		if want := r.views[k]; ok != (want == want) || ok && !same(got, want) {
			bad = append(bad, fmt.Sprintf("view %s %s: engine %v (present %v), hand-written %v", v.kind, v.code, show(got), ok, want))
		}
	}
	for _, kind := range []string{"mgi", "mipex", "snia"} {
		for code := range sc.By[kind] {
			if !slices.Contains(m.views, baseView{kind, code}) {
				bad = append(bad, fmt.Sprintf("view %s %s: in the engine's result only", kind, code))
			}
		}
	}
	var eng, hand []string
	for _, rec := range recs {
		eng = append(eng, fmt.Sprintf("%s:%v", rec.Measure.ID, rec.Priority))
	}
	for _, x := range r.ranked {
		hand = append(hand, fmt.Sprintf("%s:%v", m.measures[x.m].id, x.priority))
	}
	if strings.Join(eng, " ") != strings.Join(hand, " ") {
		bad = append(bad, fmt.Sprintf("ranked measures (id:priority):\n  engine       %s\n  hand-written %s", strings.Join(eng, " "), strings.Join(hand, " ")))
	}
	return bad
}

func showNaN(v float64) string {
	if v != v {
		return "none"
	}
	return fmt.Sprint(v)
}

// TestBaselineHandWrittenMatchesEngine: on 200 random answer sets (10% of the
// questions left unanswered), the hand-written code gives exactly the engine's
// indicator scores and statuses, section scores, counts, coverage and bands,
// overall score, band and coverage, views, and the same ranked measures and
// priorities.
func TestBaselineHandWrittenMatchesEngine(t *testing.T) {
	c, m := baseEmbedded(t)
	rng := rand.New(rand.NewPCG(1, 2))
	r := m.newResult()
	fired, aligned := 0, 0
	for k := 0; k < 200; k++ {
		st, ans := baseRandomAnswers(t, c, rng, 0.1)
		sc := engine.Score(st, c.Rules.Policy)
		recs := engine.Recommend(st, sc, c.Rules)
		a := m.answersOf(ans)
		m.run(a, r)
		if bad := baseCompare(m, sc, recs, r); len(bad) > 0 {
			t.Fatalf("answer set %d: %d differences:\n%s", k, len(bad), strings.Join(bad, "\n"))
		}
		if len(st.Problems) > 0 {
			t.Fatalf("answer set %d: expression problems: %v", k, st.Problems)
		}
		fired += len(recs)
		for _, rec := range recs {
			if rec.Factors["aligned"] == true {
				aligned++
			}
		}
	}
	// The comparison must have exercised the ranking and the alignment bonus.
	if fired == 0 || aligned == 0 {
		t.Fatalf("weak test: %d measures fired, %d aligned over 200 answer sets", fired, aligned)
	}
	t.Logf("200 answer sets: %d indicators, %d sections, %d measures; %d fired in all (%d aligned)",
		len(m.inds), len(m.secs), len(m.measures), fired, aligned)
}

// baseFixed is the benchmarks' fixed random full answer set.
func baseFixed(b *testing.B) (*engine.Content, *baseModel, *engine.State, map[string]any) {
	c, m := baseEmbedded(b)
	st, ans := baseRandomAnswers(b, c, rand.New(rand.NewPCG(7, 7)), 0)
	return c, m, st, ans
}

func BenchmarkScoreRecommendEngine(b *testing.B) {
	c, _, st, _ := baseFixed(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := engine.Score(st, c.Rules.Policy)
		engine.Recommend(st, sc, c.Rules)
	}
}

// BenchmarkScoreRankEngine is the same work as the hand-written baseline:
// scores, triggers, priorities and the ranking, without the explanations.
func BenchmarkScoreRankEngine(b *testing.B) {
	c, _, st, _ := baseFixed(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := engine.Score(st, c.Rules.Policy)
		engine.Rank(st, sc, c.Rules)
	}
}

func BenchmarkScoreRankHandWritten(b *testing.B) {
	c, m, st, ans := baseFixed(b)
	a := m.answersOf(ans)
	r := m.newResult()
	// Same answers, same results (checked once, untimed).
	sc := engine.Score(st, c.Rules.Policy)
	m.run(a, r)
	if bad := baseCompare(m, sc, engine.Recommend(st, sc, c.Rules), r); len(bad) > 0 {
		b.Fatalf("hand-written differs from the engine:\n%s", strings.Join(bad, "\n"))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.run(a, r)
	}
}

// BenchmarkScoreRankEngineReuse is BenchmarkScoreRankEngine with the result
// memory reused from one run to the next (ScoreInto, RankInto), as the
// hand-written baseline reuses its buffers.
func BenchmarkScoreRankEngineReuse(b *testing.B) {
	c, _, st, _ := baseFixed(b)
	var sc engine.ScoreResult
	var recs []engine.Recommendation
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		engine.ScoreInto(st, c.Rules.Policy, &sc)
		recs = engine.RankInto(st, &sc, c.Rules, recs)
	}
}
