package interview

import (
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// errText is an error's message in the user's language (the store's errors
// are translated at this edge).
func errText(err error) string { return app.ErrorText(err) }

// listed is what the lists of assessments show, read from the summary index
// (no assessment is rebuilt to list it).
func listed(env *app.Env) ([]*store.Summary, error) {
	return env.Summaries(store.Filter{})
}

// headerOf is the part of an assessment's header a summary holds.
func headerOf(s *store.Summary) *store.Assessment {
	a := &store.Assessment{ID: s.ID, Region: s.Region, Round: s.Round, Questionnaire: s.Questionnaire, Version: s.Version,
		ContentHash: s.ContentHash, Lang: s.Lang, Status: s.Status, Created: s.Created, Updated: s.Updated, Baseline: s.Baseline, Demo: s.Demo}
	for _, n := range s.Respondents {
		a.Respondents = append(a.Respondents, store.Respondent{Name: n})
	}
	return a
}
