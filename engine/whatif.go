package engine

import "fmt"

// Change is one answer changed in a what-if.
type Change struct {
	Question  string   `json:"question"`
	From      any      `json:"from"`
	To        any      `json:"to"`
	FromScore *float64 `json:"from_score"`
	ToScore   *float64 `json:"to_score"`
}

// BandStep is the answer to "what lifts this section to its next band?".
type BandStep struct {
	Section string   `json:"section"`
	Score   *float64 `json:"score"`
	Band    string   `json:"band"`
	Next    string   `json:"next_band"`
	NextMin float64  `json:"next_min"`
	// Changes is a smallest set of indicator changes (each to its best level)
	// that reaches the next band; NewScore is the section score after them.
	Changes  []Change `json:"changes"`
	NewScore *float64 `json:"new_score"`
	// Exact is true when every smaller set was tried and none was enough.
	Exact bool `json:"exact"`
}

// maxSubsetTrials bounds the exhaustive search; beyond it a greedy search is used.
const maxSubsetTrials = 50_000

// NextBand finds the fewest indicator changes that lift a section to its next
// band. Each change raises one relevant indicator of the section to its best
// level; follow-up questions that a change makes relevant count as
// unanswered. It tries every set of 1, 2, … indicators (exact) while that
// stays under a bound, and otherwise adds, one at a time, the change that
// raises the section most.
func NextBand(st *State, p *Policy, section string) (*BandStep, error) {
	sec := st.Q.sectionByID[section]
	if sec == nil || !sec.Scored {
		return nil, fmt.Errorf("no scored section %q", section)
	}
	base := Score(st, p)
	sr := base.Section(section)
	step := &BandStep{Section: section, Score: sr.Score, Band: sr.Band, Changes: []Change{}}
	if !sr.Asked {
		return nil, fmt.Errorf("section %q is not asked under the current answers", section)
	}
	cur := -1.0
	if sr.Score != nil {
		cur = *sr.Score
	}
	var next *Band
	for i := range p.Bands {
		b := &p.Bands[i]
		if b.Min > roundScore(cur) && (next == nil || b.Min < next.Min) {
			next = b
		}
	}
	if next == nil {
		step.Exact = true
		return step, nil // already in the top band
	}
	step.Next, step.NextMin = next.ID, next.Min

	type cand struct {
		qu   *Question
		best string
	}
	var cands []cand
	for _, qu := range sec.Questions {
		if !qu.Scored || !st.Relevant(qu.ID) {
			continue
		}
		var best *Choice
		for _, c := range qu.Choices {
			if c.Score != nil && (best == nil || *c.Score > *best.Score) {
				best = c
			}
		}
		if v, ok := st.IndicatorScore(qu.ID); ok && v >= *best.Score {
			continue
		}
		cands = append(cands, cand{qu, best.Value})
	}
	trial := st.Clone()
	var res ScoreResult // reused by every trial
	secAt := st.Q.plan().sectionAt[section]
	scoreWith := func(set []int) float64 {
		saved := make([]any, len(set))
		for i, ci := range set {
			c := cands[ci]
			saved[i] = trial.Answer(c.qu.ID)
			_ = trial.Set(c.qu.ID, c.best)
		}
		ScoreInto(trial, p, &res)
		r := &res.Sections[secAt]
		v := -1.0
		if r.Score != nil {
			v = *r.Score
		}
		for i := len(set) - 1; i >= 0; i-- {
			id := cands[set[i]].qu.ID
			if saved[i] == nil {
				trial.Clear(id)
			} else {
				trial.setAnswer(trial.Q.byID[id].Index, saved[i])
				trial.evalAndPropagate(trial.Q.graph.qVal(trial.Q.byID[id].Index))
			}
		}
		return v
	}
	reached := func(v float64) bool { return roundScore(v) >= next.Min }

	var found []int
	trials := 0
	exact := true
search:
	for k := 1; k <= len(cands); k++ {
		idx := make([]int, k)
		for i := range idx {
			idx[i] = i
		}
		for {
			trials++
			if trials > maxSubsetTrials {
				exact = false
				break search
			}
			if reached(scoreWith(idx)) {
				found = append([]int{}, idx...)
				break search
			}
			// next combination
			i := k - 1
			for i >= 0 && idx[i] == len(cands)-k+i {
				i--
			}
			if i < 0 {
				break
			}
			idx[i]++
			for j := i + 1; j < k; j++ {
				idx[j] = idx[j-1] + 1
			}
		}
	}
	if !exact {
		// Greedy: add the change that raises the section most, until reached.
		found = nil
		used := map[int]bool{}
		for len(found) < len(cands) {
			bestI, bestV := -1, -2.0
			for i := range cands {
				if used[i] {
					continue
				}
				if v := scoreWith(append(append([]int{}, found...), i)); v > bestV {
					bestI, bestV = i, v
				}
			}
			used[bestI] = true
			found = append(found, bestI)
			if reached(bestV) {
				break
			}
		}
	}
	step.Exact = exact
	if found == nil {
		return step, nil // even every change is not enough
	}
	for _, ci := range found {
		c := cands[ci]
		ch := Change{Question: c.qu.ID, From: st.Answer(c.qu.ID), To: c.best}
		if v, ok := st.IndicatorScore(c.qu.ID); ok {
			x := v
			ch.FromScore = &x
		}
		best := *c.qu.Choice(c.best).Score
		ch.ToScore = &best
		step.Changes = append(step.Changes, ch)
		_ = trial.Set(c.qu.ID, c.best)
	}
	step.NewScore = Score(trial, p).Section(section).Score
	return step, nil
}

func roundScore(v float64) float64 {
	if v < 0 {
		return v
	}
	return float64(int64(v + 0.5))
}
