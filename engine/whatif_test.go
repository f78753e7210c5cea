package engine_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// nextBandCands lists what NextBand may change in a section: its relevant
// indicators below their best level, with that best level.
func nextBandCands(st *engine.State, sec *engine.Section) (ids, best []string) {
	for _, qu := range sec.Questions {
		if !qu.Scored || !st.Relevant(qu.ID) {
			continue
		}
		var top *engine.Choice
		for _, c := range qu.Choices {
			if c.Score != nil && (top == nil || *c.Score > *top.Score) {
				top = c
			}
		}
		if v, ok := st.IndicatorScore(qu.ID); ok && v >= *top.Score {
			continue
		}
		ids, best = append(ids, qu.ID), append(best, top.Value)
	}
	return ids, best
}

// TestNextBandIsSmallest: on random answer sets of the embedded content, the
// changes NextBand proposes lift the section to its next band (NewScore is
// that score), and when it says the set is exact no smaller set of changes
// does.
func TestNextBandIsSmallest(t *testing.T) {
	c, _ := baseEmbedded(t)
	p := c.Rules.Policy
	rng := rand.New(rand.NewPCG(5, 6))
	checked, smaller := 0, 0
	for k := 0; k < 25; k++ {
		st, _ := baseRandomAnswers(t, c, rng, 0.2)
		for _, sec := range c.Q.Sections {
			if !sec.Scored {
				continue
			}
			step, err := engine.NextBand(st, p, sec.ID)
			if err != nil {
				t.Fatalf("%s: %v", sec.ID, err)
			}
			if step.Next == "" || len(step.Changes) == 0 {
				continue
			}
			trial := st.Clone()
			for _, ch := range step.Changes {
				if err := trial.Set(ch.Question, ch.To); err != nil {
					t.Fatalf("%s: change %s: %v", sec.ID, ch.Question, err)
				}
			}
			got := engine.Score(trial, p).Section(sec.ID).Score
			if got == nil || math.Round(*got) < step.NextMin {
				t.Fatalf("answer set %d, %s: %d changes give %v, below the next band (%v)", k, sec.ID, len(step.Changes), got, step.NextMin)
			}
			if step.NewScore == nil || *step.NewScore != *got {
				t.Fatalf("answer set %d, %s: NewScore %v, rescored %v", k, sec.ID, step.NewScore, *got)
			}
			checked++
			if !step.Exact || len(step.Changes) < 2 {
				continue
			}
			// No set of one change fewer reaches the band.
			ids, best := nextBandCands(st, sec)
			n := len(step.Changes) - 1
			var try func(from int, set []int)
			try = func(from int, set []int) {
				if len(set) == n {
					tr := st.Clone()
					for _, i := range set {
						_ = tr.Set(ids[i], best[i])
					}
					if s := engine.Score(tr, p).Section(sec.ID).Score; s != nil && math.Round(*s) >= step.NextMin {
						t.Fatalf("answer set %d, %s: %d changes proposed, but %v (%d) reach the next band", k, sec.ID, n+1, set, n)
					}
					smaller++
					return
				}
				for i := from; i < len(ids); i++ {
					try(i+1, append(set, i))
				}
			}
			try(0, nil)
		}
	}
	if checked == 0 || smaller == 0 {
		t.Fatalf("weak test: %d proposals checked, %d smaller sets tried", checked, smaller)
	}
	t.Logf("%d proposals checked, %d smaller sets tried", checked, smaller)
}

// BenchmarkNextBandWorstCase: every indicator of the largest section at its
// lowest level, so the search tries sets of 1, 2, … changes until one lifts
// the section out of its band.
func BenchmarkNextBandWorstCase(b *testing.B) {
	c, _ := baseEmbedded(b)
	st := engine.NewState(c.Q)
	var largest *engine.Section
	for _, s := range c.Q.Sections {
		if s.Scored && (largest == nil || len(s.Questions) > len(largest.Questions)) {
			largest = s
		}
	}
	for _, qu := range largest.Questions {
		if qu.Scored && st.Relevant(qu.ID) {
			low := qu.Choices[0]
			for _, ch := range qu.Choices {
				if ch.Score != nil && (low.Score == nil || *ch.Score < *low.Score) {
					low = ch
				}
			}
			if err := st.Set(qu.ID, low.Value); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step, err := engine.NextBand(st, c.Rules.Policy, largest.ID)
		if err != nil || len(step.Changes) == 0 {
			b.Fatalf("%v %+v", err, step)
		}
	}
}
