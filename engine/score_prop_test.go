package engine_test

import (
	"math"
	"math/rand"
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// loadEmbedded loads the repository's default content (the folders the
// binary embeds).
func loadEmbedded(t testing.TB) *engine.Content {
	t.Helper()
	c, err := engine.Load(os.DirFS(".."))
	if err != nil {
		t.Fatalf("embedded content: %v", err)
	}
	return c
}

// randomAnswers gives a random answer (or none) to every question, in order,
// so that follow-ups are answered only when they are relevant at that point.
func randomAnswers(c *engine.Content, rng *rand.Rand) *engine.State {
	st := engine.NewState(c.Q)
	for _, qu := range c.Q.Questions {
		if !st.Relevant(qu.ID) || qu.Type == engine.Note || rng.Intn(10) == 0 {
			continue
		}
		_ = st.Set(qu.ID, randomValue(qu, rng))
	}
	return st
}

func randomValue(qu *engine.Question, rng *rand.Rand) any {
	switch qu.Type {
	case engine.Single:
		return qu.Choices[rng.Intn(len(qu.Choices))].Value
	case engine.Multiple:
		var out []string
		for _, c := range qu.Choices {
			if rng.Intn(3) == 0 {
				out = append(out, c.Value)
			}
		}
		if out == nil {
			out = []string{}
		}
		return out
	case engine.Boolean:
		return rng.Intn(2) == 0
	case engine.Integer:
		return rng.Intn(100000)
	case engine.Decimal:
		return rng.Float64() * 100
	default:
		return "texte libre"
	}
}

func inRange(v *float64) bool { return v == nil || (*v >= 0 && *v <= 100) }

func TestPropertyScoresInRange(t *testing.T) {
	c := loadEmbedded(t)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		st := randomAnswers(c, rng)
		r := engine.Score(st, c.Rules.Policy)
		if !inRange(r.Overall) {
			t.Fatalf("overall %v out of range", *r.Overall)
		}
		for _, s := range r.Sections {
			if !inRange(s.Score) || s.Coverage < 0 || s.Coverage > 1 {
				t.Fatalf("section %s: score %v coverage %v", s.ID, s.Score, s.Coverage)
			}
		}
		for _, ind := range r.Indicators {
			if !inRange(ind.Score) {
				t.Fatalf("indicator %s: %v", ind.ID, *ind.Score)
			}
		}
		for kind, m := range r.By {
			for code, v := range m {
				if !inRange(v) {
					t.Fatalf("view %s %s: %v", kind, code, *v)
				}
			}
		}
		recs := engine.Recommend(st, r, c.Rules)
		for j := 1; j < len(recs); j++ {
			if recs[j].Priority > recs[j-1].Priority || recs[j].Rank != j+1 {
				t.Fatalf("ranking not ordered at %d: %v then %v", j, recs[j-1].Priority, recs[j].Priority)
			}
		}
		if len(st.Problems) > 0 {
			t.Fatalf("run-time expression problems: %v", st.Problems)
		}
	}
}

// allAt answers every relevant scored question at its best (or lowest) level.
func allAt(c *engine.Content, best bool) *engine.State {
	st := engine.NewState(c.Q)
	for _, qu := range c.Q.Questions {
		if !qu.Scored || !st.Relevant(qu.ID) {
			continue
		}
		var pick *engine.Choice
		for _, ch := range qu.Choices {
			if ch.Score == nil {
				continue
			}
			if pick == nil || (best && *ch.Score > *pick.Score) || (!best && *ch.Score < *pick.Score) {
				pick = ch
			}
		}
		if err := st.Set(qu.ID, pick.Value); err != nil {
			panic(err)
		}
	}
	return st
}

func TestPropertyAllBestAndAllLowest(t *testing.T) {
	c := loadEmbedded(t)
	best := allAt(c, true)
	r := engine.Score(best, c.Rules.Policy)
	if r.Overall == nil || *r.Overall != 100 {
		t.Fatalf("all best: overall %v, want 100", r.Overall)
	}
	if recs := engine.Recommend(best, r, c.Rules); len(recs) != 0 {
		t.Fatalf("all best: %d recommendations, first %s", len(recs), recs[0].Measure.ID)
	}
	low := allAt(c, false)
	r = engine.Score(low, c.Rules.Policy)
	if r.Overall == nil || *r.Overall != 0 {
		t.Fatalf("all lowest: overall %v, want 0", r.Overall)
	}
	recs := engine.Recommend(low, r, c.Rules)
	programmes := map[string]bool{}
	for _, rec := range recs {
		for _, p := range rec.Measure.SNIA {
			programmes[p] = true
		}
	}
	if len(programmes) < 6 {
		t.Fatalf("all lowest: recommendations span %d SNIA programmes, want ≥ 6", len(programmes))
	}
	if len(recs) != len(c.Rules.Measures) {
		t.Errorf("all lowest: %d of %d measures fired", len(recs), len(c.Rules.Measures))
	}
}

func TestPropertyRaisingNeverLowers(t *testing.T) {
	c := loadEmbedded(t)
	p := c.Rules.Policy
	rng := rand.New(rand.NewSource(2))
	checked := 0
	for i := 0; i < 400; i++ {
		st := randomAnswers(c, rng)
		// Pick a relevant indicator answered with a level that is not the best.
		var cands []*engine.Question
		for _, qu := range c.Q.Indicators() {
			if v, ok := st.IndicatorScore(qu.ID); ok && st.Answered(qu.ID) && v < qu.Highest() {
				cands = append(cands, qu)
			}
		}
		if len(cands) == 0 {
			continue
		}
		qu := cands[rng.Intn(len(cands))]
		cur, _ := st.IndicatorScore(qu.ID)
		var higher []string
		for _, ch := range qu.Choices {
			if ch.Score != nil && *ch.Score > cur {
				higher = append(higher, ch.Value)
			}
		}
		before := engine.Score(st, p)
		raised := st.Clone()
		if err := raised.Set(qu.ID, higher[rng.Intn(len(higher))]); err != nil {
			t.Fatal(err)
		}
		after := engine.Score(raised, p)
		sb, sa := before.Section(qu.Section.ID), after.Section(qu.Section.ID)
		if sa.Score == nil || *sa.Score < *sb.Score-1e-9 {
			t.Fatalf("raising %s from %v lowered section %s: %v → %v", qu.ID, cur, qu.Section.ID, *sb.Score, sa.Score)
		}
		if after.Overall == nil || *after.Overall < *before.Overall-1e-9 {
			t.Fatalf("raising %s lowered overall: %v → %v", qu.ID, *before.Overall, after.Overall)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d raises checked", checked)
	}
}

func TestPropertyDeterministic(t *testing.T) {
	c := loadEmbedded(t)
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 100; i++ {
		st := randomAnswers(c, rng)
		// Rebuild the same answers through Load (map order) instead of Set.
		values := map[string]any{}
		for _, qu := range c.Q.Questions {
			if v := st.Answer(qu.ID); v != nil {
				values[qu.ID] = v
			}
		}
		st2 := engine.NewState(c.Q)
		st2.Load(values)
		r1, r2 := engine.Score(st, c.Rules.Policy), engine.Score(st2, c.Rules.Policy)
		if !reflect.DeepEqual(r1, r2) {
			t.Fatalf("scores differ for the same answers")
		}
		ids := func(recs []engine.Recommendation) []string {
			out := make([]string, len(recs))
			for i, r := range recs {
				out[i] = r.Measure.ID
			}
			return out
		}
		a, b := ids(engine.Recommend(st, r1, c.Rules)), ids(engine.Recommend(st2, r2, c.Rules))
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("ranked lists differ:\n%v\n%v", a, b)
		}
	}
}

func TestRecommendationExplains(t *testing.T) {
	c := loadEmbedded(t)
	st := engine.NewState(c.Q)
	mustSet(t, st, "gov02", "partial")
	mustSet(t, st, "gov07", "full")
	mustSet(t, st, "ctx_snia_priorities", []string{"P11"})
	r := engine.Score(st, c.Rules.Policy)
	recs := engine.Recommend(st, r, c.Rules)
	var m01 *engine.Recommendation
	for i := range recs {
		if recs[i].Measure.ID == "m01" {
			m01 = &recs[i]
		}
	}
	if m01 == nil {
		t.Fatal("m01 (action plan) not recommended with gov02 partial")
	}
	if len(m01.Because) != 1 || m01.Because[0].Indicator != "gov02" || *m01.Because[0].Score != 50 || m01.Because[0].Condition == "" {
		t.Fatalf("because = %+v", m01.Because)
	}
	if m01.Factors["aligned"] != true || m01.Factors["gap"] != 50.0 {
		t.Fatalf("factors = %v", m01.Factors)
	}
	// gap 50 × competence 1 (own) × alignment 1.25 × short horizon 1.1
	if want := 50 * 1.0 * 1.25 * 1.1; math.Abs(m01.Priority-want) > 0.01 {
		t.Fatalf("priority = %v, want %v", m01.Priority, want)
	}
	// The trace shows which sub-condition was true, with its value.
	var leaves []string
	var walk func(tr *engine.Trace)
	walk = func(tr *engine.Trace) {
		if tr.Op == "" && tr.Value {
			for k, v := range tr.Values {
				leaves = append(leaves, k+"="+fmtV(v))
			}
		}
		for _, ch := range tr.Children {
			walk(ch)
		}
	}
	walk(m01.Trace)
	sort.Strings(leaves)
	if !reflect.DeepEqual(leaves, []string{"score(gov02)=50"}) {
		t.Fatalf("true leaves = %v", leaves)
	}
}

func fmtV(v any) string {
	if f, ok := v.(float64); ok {
		return ftoa(f)
	}
	return "?"
}
