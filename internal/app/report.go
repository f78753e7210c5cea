package app

import (
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/reports"
	"github.com/indimaj/indimaj/store"
)

// ReportSource scores the loaded assessment, ranks its measures and copies
// what a report needs into the reports package's own input type.
func (l *Loaded) ReportSource() *reports.Source {
	sc := engine.Score(l.State, l.Content.Rules.Policy)
	recs := engine.Recommend(l.State, sc, l.Content.Rules)
	src := &reports.Source{Assessment: reportAssessment(l.A), Answers: reportAnswers(l.Answers), Consensus: reportAnswers(l.Consensus),
		Sources: l.Sources, Divergent: l.Divergent, Content: l.Content, State: l.State, Score: sc, Recs: recs}
	if l.Working != nil {
		src.Working = make(map[string]reports.Answer, len(l.Working))
		for q, an := range l.Working {
			src.Working[q] = reportAnswer(an)
		}
	}
	for _, p := range l.Plan {
		src.Plan = append(src.Plan, reports.PlanItem{Measure: p.Measure, Status: p.Status, Owner: p.Owner, Note: p.Note, Adopted: p.Adopted, Updated: p.Updated})
	}
	for _, h := range l.History {
		src.History = append(src.History, reports.HistoryEntry{ID: h.ID, At: h.At, By: h.By, Kind: h.Kind, Question: h.Question, Respondent: h.Respondent,
			Measure: h.Measure, Old: h.Old, New: h.New, Note: h.Note, Reason: h.Reason})
	}
	return src
}

func reportAssessment(a *store.Assessment) *reports.Assessment {
	if a == nil {
		return nil
	}
	out := &reports.Assessment{ID: a.ID, Region: a.Region, Round: a.Round, Status: a.Status, Created: a.Created, Updated: a.Updated,
		Baseline: a.Baseline, Demo: a.Demo}
	for _, r := range a.Respondents {
		out.Respondents = append(out.Respondents, reports.Respondent{Name: r.Name, Institution: r.Institution, Role: r.Role})
	}
	return out
}

func reportAnswer(an store.Answer) reports.Answer {
	return reports.Answer{Question: an.Question, Value: an.Value, Note: an.Note, Respondent: an.Respondent, At: an.At, Unconfirmed: an.Unconfirmed}
}

func reportAnswers(list []store.Answer) []reports.Answer {
	if list == nil {
		return nil
	}
	out := make([]reports.Answer, len(list))
	for i, an := range list {
		out[i] = reportAnswer(an)
	}
	return out
}
