package app

import (
	"time"

	"github.com/indimaj/indimaj/internal/national"
	"github.com/indimaj/indimaj/store"
)

// DefaultTopRecommended is how many of each region's ranked measures the
// national view counts as recommended.
const DefaultTopRecommended = 10

// National builds the national view of a round (the most recent when round
// is empty) from the summary index alone: no assessment is rebuilt. Demo
// assessments are left out.
func (e *Env) National(round, lang string, top int) (*national.View, error) {
	// Count every round from the entries' key part; decode in full only the
	// shown round's entries.
	var rounds national.CountRounds
	if round == "" {
		if _, err := e.Store.SummariesWhere(func(k *store.SummaryKey) bool {
			if !k.Demo {
				rounds.Add(k.Round, k.Region, k.Created)
			}
			return false
		}); err != nil {
			return nil, err
		}
		if stats := rounds.Stats(); len(stats) > 0 {
			round = stats[0].Round
		}
		rounds = national.CountRounds{}
	}
	list, err := e.SummariesWhere(func(k *store.SummaryKey) bool {
		if k.Demo {
			return false
		}
		rounds.Add(k.Round, k.Region, k.Created)
		return k.Round == round
	})
	if err != nil {
		return nil, err
	}
	in := national.Input{Content: e.Content, Round: round, Lang: lang, TopRecommended: top, Generated: time.Now(),
		ProvisionalBelow: e.Content.Rules.Policy.ProvisionalBelow, LowBelow: e.Content.Rules.Policy.LowConfidenceBelow,
		Rounds: rounds.Stats()}
	if in.Rounds == nil {
		in.Rounds = []national.RoundStat{}
	}
	for _, s := range list {
		en := national.Entry{ID: s.ID, Region: s.Region, Round: s.Round, Status: s.Status, Created: s.Created, Updated: s.Updated,
			Overall: s.Overall, Coverage: s.Coverage, Divergent: s.Divergent, Recommended: s.Recommended, Adopted: s.Adopted}
		for _, sec := range s.Sections {
			en.Sections = append(en.Sections, national.SectionEntry{ID: sec.ID, Score: sec.Score, Coverage: sec.Coverage})
		}
		in.Entries = append(in.Entries, en)
	}
	return national.Build(in)
}
