package app

import (
	"fmt"

	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// Merge is what merging a bundle into an existing assessment changes.
type Merge struct {
	Answers   []store.Answer
	Consensus []store.Answer
	Plan      []store.PlanItem
	// Conflicts describes each answer both sides gave differently.
	Conflicts []string
	// KeptLocal counts conflicts where the local answer was later and kept.
	KeptLocal int
	// Update unites the respondents' details.
	Update func(a *store.Assessment) error
}

// MergeBundle works out how a bundle merges into l: respondents are united;
// for the same respondent and question, the later answer wins and a
// difference is reported as a conflict; identical records change nothing.
func MergeBundle(l *Loaded, b *Bundle) *Merge {
	m := &Merge{}
	local := map[string]store.Answer{}
	for _, an := range l.Answers {
		local[an.Respondent+"\x00"+an.Question] = an
	}
	for _, an := range b.Answers {
		old, ok := local[an.Respondent+"\x00"+an.Question]
		if !ok || sameValue(old, an) {
			m.Answers = append(m.Answers, an) // new, or identical (a no-op in the store)
			continue
		}
		if an.At.After(old.At) {
			m.Conflicts = append(m.Conflicts, i18n.M("app.merge.kept_bundle",
				an.Question, an.Respondent, old.Value, old.At.Format("2006-01-02 15:04"), an.Value, an.At.Format("2006-01-02 15:04")))
			m.Answers = append(m.Answers, an)
		} else {
			m.Conflicts = append(m.Conflicts, i18n.M("app.merge.kept_local",
				an.Question, an.Respondent, old.Value, old.At.Format("2006-01-02 15:04"), an.Value, an.At.Format("2006-01-02 15:04")))
			m.KeptLocal++
		}
	}
	cons := map[string]store.Answer{}
	for _, an := range l.Consensus {
		cons[an.Question] = an
	}
	for _, an := range b.Consensus {
		old, ok := cons[an.Question]
		if ok && !sameValue(old, an) {
			if !an.At.After(old.At) {
				m.Conflicts = append(m.Conflicts, i18n.M("app.merge.consensus_local", an.Question))
				m.KeptLocal++
				continue
			}
			m.Conflicts = append(m.Conflicts, i18n.M("app.merge.consensus_bundle", an.Question))
		}
		m.Consensus = append(m.Consensus, an)
	}
	plan := map[string]store.PlanItem{}
	for _, it := range l.Plan {
		plan[it.Measure] = it
	}
	for _, it := range b.Plan {
		if old, ok := plan[it.Measure]; ok && !it.Updated.After(old.Updated) {
			continue
		}
		m.Plan = append(m.Plan, it)
	}
	people := b.Assessment.Respondents
	m.Update = func(a *store.Assessment) error {
		for _, r := range people {
			found := false
			for i := range a.Respondents {
				if a.Respondents[i].Name == r.Name {
					found = true
					if a.Respondents[i].Institution == "" {
						a.Respondents[i].Institution = r.Institution
					}
					if a.Respondents[i].Role == "" {
						a.Respondents[i].Role = r.Role
					}
				}
			}
			if !found {
				a.Respondents = append(a.Respondents, r)
			}
		}
		return nil
	}
	return m
}

func sameValue(a, b store.Answer) bool {
	return fmt.Sprint(a.Value) == fmt.Sprint(b.Value) && a.Note == b.Note
}
