package engine_test

import (
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// Property tests for the working answer of several respondents.
func TestPropertyConsensusMedian(t *testing.T) {
	q := loadSample(t).Q
	plan := q.Question("plan") // absent 0, partial 50, full 100, dont_know
	levels := []string{"absent", "partial", "full"}
	score := map[string]int{"absent": 0, "partial": 1, "full": 2}
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 2000; i++ {
		n := 1 + rng.Intn(7)
		var answers []engine.RespondentValue
		var ranks []int
		for j := 0; j < n; j++ {
			v := "dont_know"
			if rng.Intn(5) > 0 {
				v = levels[rng.Intn(3)]
				ranks = append(ranks, score[v])
			}
			answers = append(answers, engine.RespondentValue{Respondent: string(rune('a' + j)), Value: v, At: time.Unix(int64(rng.Intn(1000)), 0)})
		}
		got := engine.Consolidate(plan, answers, nil)
		// Divergent iff two levels apart.
		sort.Ints(ranks)
		wantDiv := len(ranks) >= 2 && ranks[len(ranks)-1]-ranks[0] >= 2
		if got.Divergent != wantDiv {
			t.Fatalf("%v: divergent %v, want %v", answers, got.Divergent, wantDiv)
		}
		switch {
		case n == 1:
			if got.Source != engine.SourceSingle || got.Value != answers[0].Value {
				t.Fatalf("single: %+v", got)
			}
		case len(ranks) > 0:
			// The median level, the lower one on ties.
			want := levels[ranks[(len(ranks)-1)/2]]
			if got.Source != engine.SourceMedian || got.Value != want {
				t.Fatalf("%v: got %+v, want median %s", answers, got, want)
			}
		default:
			if got.Value != "dont_know" {
				t.Fatalf("all don't know: %+v", got)
			}
		}
		// Order of respondents does not matter.
		shuffled := append([]engine.RespondentValue(nil), answers...)
		rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		if again := engine.Consolidate(plan, shuffled, nil); again.Value != got.Value || again.Divergent != got.Divergent || again.Source != got.Source {
			t.Fatalf("order changed the result: %+v vs %+v", got, again)
		}
		// A consensus always wins, and keeps the divergence flag.
		c := engine.Consolidate(plan, answers, "partial")
		if c.Value != "partial" || c.Source != engine.SourceConsensus || c.Divergent != wantDiv {
			t.Fatalf("consensus: %+v", c)
		}
	}
}

func TestConsensusTiesAndNumbers(t *testing.T) {
	q := loadSample(t).Q
	two := []engine.RespondentValue{{Respondent: "a", Value: "full"}, {Respondent: "b", Value: "partial"}}
	if got := engine.Consolidate(q.Question("plan"), two, nil); got.Value != "partial" || got.Divergent {
		t.Fatalf("tie partial/full: %+v", got)
	}
	nums := []engine.RespondentValue{{Respondent: "a", Value: 10}, {Respondent: "b", Value: 40}, {Respondent: "c", Value: 20}, {Respondent: "d", Value: 30}}
	if got := engine.Consolidate(q.Question("residents"), nums, nil); got.Value != 20 || got.Source != engine.SourceMedian {
		t.Fatalf("numbers: %+v", got)
	}
	texts := []engine.RespondentValue{{Respondent: "a", Value: "x", At: time.Unix(2, 0)}, {Respondent: "b", Value: "y", At: time.Unix(1, 0)}}
	if got := engine.Consolidate(q.Question("respondent_role"), texts, nil); got.Value != "x" || got.Source != engine.SourceLatest {
		t.Fatalf("texts: %+v", got)
	}
}
