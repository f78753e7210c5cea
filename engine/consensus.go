package engine

import (
	"sort"
	"time"
)

// Sources of an assessment's working answer to a question.
const (
	SourceConsensus = "consensus" // set by the facilitator
	SourceMedian    = "median"    // the median level (or number) across respondents
	SourceSingle    = "single"    // only one respondent answered
	SourceLatest    = "latest"    // several respondents, no order among the answers (text, lists): the most recent
)

// RespondentValue is one respondent's typed answer to a question.
type RespondentValue struct {
	Respondent string
	Value      any
	At         time.Time
}

// Consolidated is the working answer to one question.
type Consolidated struct {
	Value any
	// From is the index (in the answers given) of the respondent whose answer
	// is the working one, or -1 for a consensus.
	From      int
	Source    string
	Divergent bool
}

// Consolidate gives the answer that counts for a question answered by several
// respondents: the facilitator's consensus when there is one; otherwise the
// median level across the respondents who chose a level (the lower one on
// ties), or the median number for numbers and yes/no; otherwise the most
// recent answer. A scored question is divergent when two respondents' levels
// are two levels or more apart (absent vs full).
func Consolidate(qu *Question, answers []RespondentValue, consensus any) Consolidated {
	out := Consolidated{From: -1}
	out.Divergent = divergent(qu, answers)
	if consensus != nil {
		out.Value, out.Source = consensus, SourceConsensus
		return out
	}
	if len(answers) == 0 {
		return out
	}
	if len(answers) == 1 {
		out.Value, out.From, out.Source = answers[0].Value, 0, SourceSingle
		return out
	}
	type keyed struct {
		key float64
		i   int
	}
	var ks []keyed
	for i, a := range answers {
		if k, ok := orderKey(qu, a.Value); ok {
			ks = append(ks, keyed{k, i})
		}
	}
	if len(ks) > 0 {
		sort.SliceStable(ks, func(i, j int) bool {
			if ks[i].key != ks[j].key {
				return ks[i].key < ks[j].key
			}
			return answers[ks[i].i].Respondent < answers[ks[j].i].Respondent
		})
		m := ks[(len(ks)-1)/2] // the lower middle on ties
		out.Value, out.From, out.Source = answers[m.i].Value, m.i, SourceMedian
		return out
	}
	latest := 0
	for i, a := range answers {
		if a.At.After(answers[latest].At) || (a.At.Equal(answers[latest].At) && a.Respondent > answers[latest].Respondent) {
			latest = i
		}
	}
	out.Value, out.From, out.Source = answers[latest].Value, latest, SourceLatest
	return out
}

// orderKey places an answer on an ordered scale, when its question has one.
func orderKey(qu *Question, v any) (float64, bool) {
	switch qu.Type {
	case Single:
		if !qu.Scored {
			return 0, false
		}
		code, _ := v.(string)
		if c := qu.Choice(code); c != nil && c.Score != nil {
			return *c.Score, true
		}
	case Integer:
		if i, ok := v.(int); ok {
			return float64(i), true
		}
	case Decimal:
		if f, ok := v.(float64); ok {
			return f, true
		}
	case Boolean:
		if b, ok := v.(bool); ok {
			if b {
				return 1, true
			}
			return 0, true
		}
	}
	return 0, false
}

// levelIndex is the rank of a score among the question's distinct levels.
func levelIndex(qu *Question, score float64) int {
	var levels []float64
	seen := map[float64]bool{}
	for _, c := range qu.Choices {
		if c.Score != nil && !seen[*c.Score] {
			seen[*c.Score] = true
			levels = append(levels, *c.Score)
		}
	}
	sort.Float64s(levels)
	for i, l := range levels {
		if l == score {
			return i
		}
	}
	return -1
}

func divergent(qu *Question, answers []RespondentValue) bool {
	if !qu.Scored || len(answers) < 2 {
		return false
	}
	lo, hi := -1, -1
	for _, a := range answers {
		k, ok := orderKey(qu, a.Value)
		if !ok {
			continue
		}
		li := levelIndex(qu, k)
		if lo < 0 || li < lo {
			lo = li
		}
		if li > hi {
			hi = li
		}
	}
	return lo >= 0 && hi-lo >= 2
}
