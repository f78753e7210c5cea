package engine_test

// The hand-written baseline's explanations: what engine.Recommend adds to
// Rank — the trigger's trace (an "or" tree over score(x) < 100 leaves, each
// with the value it read), the reasons (indicators with a gap or named by a
// true condition), the factor map and the gaps — built directly in Go from
// the hand-written results. TestBaselineExplanationsMatchEngine checks they
// equal the engine's, field by field, on 100 random answer sets.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// baseExplainModel holds what the explanations need beyond baseModel: the
// measures' catalog entries and each leaf's text, worked out once.
type baseExplainModel struct {
	*baseModel
	measures []*engine.Measure
	leafSrc  [][]string // by measure, by indicator: score("x") < 100
	label    []string   // by indicator: score(x)
	orSrc    [][]string // by measure: the text of each "or" node, innermost first
}

func baseExplainOf(c *engine.Content, m *baseModel) *baseExplainModel {
	x := &baseExplainModel{baseModel: m, measures: c.Rules.Measures}
	for _, in := range m.inds {
		x.label = append(x.label, "score("+in.id+")")
	}
	for _, me := range m.measures {
		var leaves, ors []string
		for k, i := range me.inds {
			leaves = append(leaves, fmt.Sprintf("score(%q) < 100", m.inds[i].id))
			if k == 1 {
				ors = append(ors, leaves[0]+" || "+leaves[1])
			} else if k > 1 {
				ors = append(ors, ors[len(ors)-1]+" || "+leaves[k])
			}
		}
		x.leafSrc = append(x.leafSrc, leaves)
		x.orSrc = append(x.orSrc, ors)
	}
	return x
}

// explain fills the explanations of the ranked measures, as engine.Recommend does.
func (x *baseExplainModel) explain(a *baseAnswers, r *baseResult, recs []engine.Recommendation) []engine.Recommendation {
	recs = recs[:0]
	for rank, rk := range r.ranked {
		me := &x.baseModel.measures[rk.m]
		cat := x.measures[rk.m]
		// The trace: leaves, then "or" nodes folding them from the left.
		var trace *engine.Trace
		for k, i := range me.inds {
			v := r.scores[i]
			leaf := &engine.Trace{Expr: x.leafSrc[rk.m][k], Value: v < 100, Values: map[string]any{x.label[i]: jsonNum(v)}}
			if k == 0 {
				trace = leaf
				continue
			}
			trace = &engine.Trace{Expr: x.orSrc[rk.m][k-1], Op: "or", Value: trace.Value || leaf.Value, Children: []*engine.Trace{trace, leaf}}
		}
		// Gaps and factors.
		gaps := map[string]float64{}
		var gapSum, wSum, compSum, maxGap float64
		n := 0
		for _, i := range me.inds {
			v := r.scores[i]
			if v != v || baseTarget-v <= 0 {
				continue
			}
			g := baseTarget - v
			gaps[x.inds[i].id] = g
			gapSum += g * x.inds[i].weight
			wSum += x.inds[i].weight
			compSum += x.inds[i].cw
			maxGap = math.Max(maxGap, g)
			n++
		}
		gap, comp := 0.0, 1.0
		if wSum > 0 {
			gap, comp = gapSum/wSum, compSum/float64(n)
		}
		aligned := false
		for _, bit := range me.snia {
			aligned = aligned || a.declared&(1<<bit) != 0
		}
		factors := map[string]any{
			"gap": math.Round(gap*10) / 10, "max_gap": maxGap, "weight": wSum, "indicators": n,
			"competence_weight": math.Round(comp*1000) / 1000, "aligned": aligned, "alignment_bonus": baseAlignmentBonus,
			"horizon": cat.Horizon, "horizon_weight": me.hw, "cost": cat.Cost,
		}
		// Reasons: indicators with a gap, or named by a true condition.
		var because []engine.Because
		for k, i := range me.inds {
			id := x.inds[i].id
			_, hasGap := gaps[id]
			named := r.scores[i] < 100
			if !hasGap && !named {
				continue
			}
			b := engine.Because{Indicator: id, Status: baseStatusNames[r.status[i]]}
			if named {
				b.Condition = x.leafSrc[rk.m][k]
			}
			if v := r.scores[i]; v == v {
				b.Score = &r.scores[i]
			}
			if ch := a.choice[i]; ch >= 0 && r.status[i] != baseSkipped {
				b.Answer = x.inds[i].codes[ch]
			}
			because = append(because, b)
		}
		recs = append(recs, engine.Recommendation{Rank: rank + 1, Measure: cat, Priority: rk.priority,
			Because: because, Trace: trace, Factors: factors, Gaps: gaps})
	}
	return recs
}

func jsonNum(v float64) any {
	if v != v {
		return nil
	}
	return v
}

// TestBaselineExplanationsMatchEngine: the hand-written explanations equal
// engine.Recommend's (traces, reasons, factors, gaps) on 100 random answer sets.
func TestBaselineExplanationsMatchEngine(t *testing.T) {
	c, m := baseEmbedded(t)
	x := baseExplainOf(c, m)
	rng := rand.New(rand.NewPCG(3, 8))
	r := m.newResult()
	var hand []engine.Recommendation
	n := 0
	for k := 0; k < 100; k++ {
		st, ans := baseRandomAnswers(t, c, rng, 0.1)
		sc := engine.Score(st, c.Rules.Policy)
		eng := engine.Recommend(st, sc, c.Rules)
		a := m.answersOf(ans)
		m.run(a, r)
		hand = x.explain(a, r, hand)
		if len(eng) != len(hand) {
			t.Fatalf("answer set %d: %d recommendations from the engine, %d hand-written", k, len(eng), len(hand))
		}
		for i := range eng {
			e, h := eng[i], hand[i]
			if e.Rank != h.Rank || e.Measure != h.Measure || e.Priority != h.Priority || !reflect.DeepEqual(e.Because, h.Because) ||
				!reflect.DeepEqual(e.Trace, h.Trace) || !reflect.DeepEqual(e.Factors, h.Factors) || !reflect.DeepEqual(e.Gaps, h.Gaps) {
				t.Fatalf("answer set %d, %s:\nengine       %+v\nhand-written %+v\ntraces:\n%s\n%s", k, eng[i].Measure.ID, e, h, traceString(e.Trace), traceString(h.Trace))
			}
			n++
		}
	}
	t.Logf("%d explained recommendations identical", n)
}

func traceString(t *engine.Trace) string {
	if t == nil {
		return "<nil>"
	}
	s := fmt.Sprintf("{%s %q %v %v", t.Op, t.Expr, t.Value, t.Values)
	for _, c := range t.Children {
		s += " " + traceString(c)
	}
	return s + "}"
}

// BenchmarkScoreRecommendHandWritten is the hand-written baseline
// with the explanations engine.Recommend adds (fresh maps and traces each
// run, as the engine's).
func BenchmarkScoreRecommendHandWritten(b *testing.B) {
	c, m, _, ans := baseFixed(b)
	x := baseExplainOf(c, m)
	a := m.answersOf(ans)
	r := m.newResult()
	var recs []engine.Recommendation
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.run(a, r)
		recs = x.explain(a, r, recs)
	}
}
