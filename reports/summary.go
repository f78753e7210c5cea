package reports

import (
	"strings"
)

// KindSummary is the executive summary: the page an elected official reads.
const KindSummary = "summary"

// SummaryMeasure is one of the priority measures of the executive summary.
type SummaryMeasure struct {
	Rank    int     `json:"rank"`
	Measure string  `json:"measure"`
	Title   string  `json:"title"`
	Band    Coded   `json:"priority_band"`
	Why     string  `json:"why"`
	When    string  `json:"when"`
	Cost    *Range  `json:"cost_mad"`
	Score   float64 `json:"priority"`
}

// Summary is the executive summary: overall and section scores, the five
// priority measures with one line each on why, the pilot in one paragraph,
// and the next steps.
type Summary struct {
	Lead       []string         `json:"lead"`
	Overall    Overall          `json:"overall"`
	Sections   []SectionScore   `json:"sections"`
	Priorities []SummaryMeasure `json:"priorities"`
	Pilot      string           `json:"pilot"`
	PilotTitle string           `json:"pilot_title,omitempty"`
	NextSteps  []string         `json:"next_steps"`
}

// summaryCount is how many priority measures the summary shows.
const summaryCount = 5

func (c *ctx) summary(max int) *Summary {
	s := &Summary{Overall: c.overall(), Sections: []SectionScore{}, Priorities: []SummaryMeasure{}, NextSteps: []string{}}
	for _, sr := range c.src.Score.Sections {
		if sr.Asked || sr.Score != nil {
			s.Sections = append(s.Sections, c.sectionScore(sr))
		}
	}
	info := c.assessmentInfo(c.src)
	reg := c.regionLabel(c.src.Assessment.Region)
	s.Lead = append(s.Lead, c.t("sum.lead", reg, c.src.Assessment.Round, len(info.Respondents), pct(c.src.Score.Coverage, c.lang)))
	if s.Overall.Score != nil && s.Overall.Band != nil {
		var scored []SectionScore
		for _, x := range s.Sections {
			if x.Score != nil {
				scored = append(scored, x)
			}
		}
		best, worst := c.t("sum.none"), c.t("sum.none")
		if len(scored) > 0 {
			hi, lo := scored[0], scored[0]
			for _, x := range scored {
				if *x.Score > *hi.Score {
					hi = x
				}
				if *x.Score < *lo.Score {
					lo = x
				}
			}
			best = c.t("sp.section_score", hi.Title, nump(hi.Score, c.lang))
			worst = c.t("sp.section_score", lo.Title, nump(lo.Score, c.lang))
		}
		s.Lead = append(s.Lead, c.t("sum.overall", nump(s.Overall.Score, c.lang), s.Overall.Band.Label, best, worst))
	} else {
		s.Lead = append(s.Lead, c.t("sum.overall_none"))
	}
	t := c.planTemplate()
	declared := map[string]bool{}
	for _, code := range c.declaredSNIA() {
		declared[code] = true
	}
	for i, r := range c.src.Recs {
		if i >= summaryCount {
			break
		}
		rec := c.rec(r)
		var why []string
		for _, b := range rec.Because {
			if len(why) == 2 {
				break
			}
			why = append(why, c.t("sum.why_item", b.Question, orDash(b.Answer, b.Status.Label)))
		}
		for _, code := range r.Measure.SNIA {
			if declared[code] {
				why = append(why, c.t("sum.declared")+" ("+code+")")
				break
			}
		}
		sm := SummaryMeasure{Rank: r.Rank, Measure: r.Measure.ID, Title: rec.Title, Why: c.t("sum.why", strings.Join(why, semi(c.lang))), Score: r.Priority}
		sm.Band, _ = c.priorityOf(r)
		if ph := t.Phase(r.Measure.Horizon); ph != nil {
			sm.When = c.phaseLabel(ph)
		}
		if p := r.Measure.Plan; p != nil {
			sm.Cost = &Range{p.CostMin, p.CostMax}
		}
		s.Priorities = append(s.Priorities, sm)
	}
	if pl, err := c.pilot(""); err == nil && pl != nil {
		s.PilotTitle = pl.Title
		s.Pilot = c.t("sum.pilot", pl.Title, pl.Summary, pl.DurationMonths, pl.Anchor.Title)
	} else {
		s.Pilot = c.t("sum.no_pilot")
	}
	ap := c.actionPlan(max)
	n := 0
	for _, o := range ap.Objectives {
		n += len(o.Actions)
	}
	s.NextSteps = []string{c.t("sum.next1"), c.t("sum.next2", n, c.t("sum.cost_total", madRange(ap.Budget.Total, c.lang))), c.t("sum.next3"), c.t("sum.next4")}
	return s
}
