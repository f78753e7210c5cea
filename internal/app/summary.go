package app

import (
	"fmt"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/store"
)

// OpenStore opens the database at path for this Env (creating it when write
// is true), with Summarize keeping the summary index.
func (e *Env) OpenStore(path string, write bool) error {
	var s *store.Store
	var err error
	if write {
		s, err = store.Open(path, store.WithSummarizer(e.Summarize))
	} else {
		s, err = store.OpenExisting(path, store.WithSummarizer(e.Summarize))
	}
	if err != nil {
		return err
	}
	e.Store = s
	return nil
}

// Summarize is the store's Summarizer: it rebuilds the assessment from its
// record, in the transaction that changes it, and keeps what listings and
// the national view show (progress, section scores and coverage, divergence,
// the measures that fire and the adopted ones).
func (e *Env) Summarize(r *store.Record, content func(hash string) (map[string][]byte, error)) (*store.Summary, error) {
	a := r.Assessment
	c, err := e.contentIn(a, content)
	if err != nil {
		return nil, err
	}
	l := &Loaded{A: a, Answers: r.Answers, Consensus: r.Consensus, History: r.History, Plan: r.Plan, Content: WithTargets(c, a.Targets)}
	l.Rebuild()
	return SummaryOf(l), nil
}

// SummaryOf computes the scored part of an assessment's summary.
func SummaryOf(l *Loaded) *store.Summary {
	sc := engine.Score(l.State, l.Content.Rules.Policy)
	p, _ := l.State.Progress()
	sum := &store.Summary{Scored: true, Answered: p.Answered, Relevant: p.Relevant, Overall: sc.Overall, Coverage: sc.Coverage, Provisional: sc.Provisional,
		Divergent: len(l.Divergent)}
	for _, s := range sc.Sections {
		sum.Sections = append(sum.Sections, store.SectionSummary{ID: s.ID, Score: s.Score, Coverage: s.Coverage, Low: s.LowConfidence})
	}
	for _, rec := range engine.Rank(l.State, sc, l.Content.Rules) {
		sum.Recommended = append(sum.Recommended, rec.Measure.ID)
	}
	for _, it := range l.Plan {
		if it.Status != "dropped" {
			sum.Adopted = append(sum.Adopted, it.Measure)
		}
	}
	return sum
}

// contentIn is ContentFor reading a snapshot through the store's transaction.
func (e *Env) contentIn(a *store.Assessment, read func(hash string) (map[string][]byte, error)) (*engine.Content, error) {
	if e.Content != nil && e.Content.Hash == a.ContentHash {
		return e.Content, nil
	}
	if c, ok := e.snapshots[a.ContentHash]; ok {
		return c, nil
	}
	files, err := read(a.ContentHash)
	if err != nil {
		return nil, err
	}
	if files == nil {
		return nil, fmt.Errorf("no content %s stored for %s", shortHash(a.ContentHash), a.ID)
	}
	c, err := engine.LoadFiles(files)
	if err != nil {
		return nil, fmt.Errorf("content %s of %s: %w", shortHash(a.ContentHash), a.ID, err)
	}
	if e.snapshots == nil {
		e.snapshots = map[string]*engine.Content{}
	}
	e.snapshots[a.ContentHash] = c
	return c, nil
}

// Summaries lists the index entries matching f. Entries written without a
// Summarizer (by an older indimaj, or a tool using the store alone) are
// computed here, in memory, from their assessment.
func (e *Env) Summaries(f store.Filter) ([]*store.Summary, error) {
	list, err := e.Store.Summaries(f)
	if err != nil {
		return nil, err
	}
	return e.complete(list), nil
}

// SummariesWhere is Summaries with store.SummariesWhere's selection.
func (e *Env) SummariesWhere(keep func(k *store.SummaryKey) bool) ([]*store.Summary, error) {
	list, err := e.Store.SummariesWhere(keep)
	if err != nil {
		return nil, err
	}
	return e.complete(list), nil
}

func (e *Env) complete(list []*store.Summary) []*store.Summary {
	for i, s := range list {
		if s.Scored {
			continue
		}
		l, err := e.Open(s.ID)
		if err != nil {
			if e.Warn != nil {
				e.Warn("%s: %s", s.ID, ErrorText(err))
			}
			continue
		}
		computed := SummaryOf(l)
		computed.ID, computed.Region, computed.Round, computed.Status = s.ID, s.Region, s.Round, s.Status
		computed.Questionnaire, computed.Version, computed.ContentHash, computed.Lang = s.Questionnaire, s.Version, s.ContentHash, s.Lang
		computed.Created, computed.Updated, computed.Respondents, computed.Baseline, computed.Demo = s.Created, s.Updated, s.Respondents, s.Baseline, s.Demo
		list[i] = computed
	}
	return list
}
