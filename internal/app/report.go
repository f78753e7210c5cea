package app

import (
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/termsafe"
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
		src.Plan = append(src.Plan, reports.PlanItem{Measure: p.Measure, Status: p.Status, Owner: termsafe.Line(p.Owner), Note: termsafe.Text(p.Note), Adopted: p.Adopted, Updated: p.Updated})
	}
	for _, h := range l.History {
		src.History = append(src.History, reports.HistoryEntry{ID: h.ID, At: h.At, By: termsafe.Line(h.By), Kind: h.Kind, Question: h.Question,
			Respondent: termsafe.Line(h.Respondent), Measure: h.Measure, Old: safeValue(h.Old), New: safeValue(h.New),
			Note: termsafe.Text(h.Note), Reason: termsafe.Text(h.Reason)})
	}
	return src
}

func reportAssessment(a *store.Assessment) *reports.Assessment {
	if a == nil {
		return nil
	}
	out := &reports.Assessment{ID: a.ID, Region: a.Region, Round: termsafe.Line(a.Round), Status: a.Status, Created: a.Created, Updated: a.Updated,
		Baseline: a.Baseline, Demo: a.Demo}
	for _, r := range a.Respondents {
		out.Respondents = append(out.Respondents, reports.Respondent{Name: termsafe.Line(r.Name), Institution: termsafe.Line(r.Institution), Role: termsafe.Line(r.Role)})
	}
	return out
}

// reportAnswer copies an answer for the reports. Here, at the one door into
// every report (HTML, Markdown, CSV, JSON), the text people typed is made
// safe (internal/termsafe): control characters, escape sequences and
// direction overrides come out as visible escapes, in files as on screens.
func reportAnswer(an store.Answer) reports.Answer {
	v := safeValue(an.Value)
	return reports.Answer{Question: an.Question, Value: v, Note: termsafe.Text(an.Note), Respondent: termsafe.Line(an.Respondent), At: an.At, Unconfirmed: an.Unconfirmed}
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

// safeValue is termsafe.Text for a value that is text.
func safeValue(v any) any {
	if s, ok := v.(string); ok {
		return termsafe.Text(s)
	}
	return v
}
