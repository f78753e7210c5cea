package reports

import (
	"sort"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
)

// PlanQuarters is the number of quarters the action plan's calendar shows
// (three years); a long-horizon measure continues beyond it.
const PlanQuarters = 12

// Calendar turns a measure's horizon into an indicative span of quarters
// (1 = first quarter of year 1): short = Q1–Q4 of year 1, medium = year 1 Q2
// to the end of year 3, long = year 2 to year 3 and beyond.
func Calendar(horizon string) (start, end int, beyond bool) {
	switch horizon {
	case "short":
		return 1, 4, false
	case "medium":
		return 2, 12, false
	case "long":
		return 5, 12, true
	}
	return 1, 12, false
}

func (c *ctx) quarter(n int) string {
	return c.t("quarter", (n-1)/4+1, (n-1)%4+1)
}

func (c *ctx) period(start, end int, beyond bool) string {
	s := c.t("period", c.quarter(start), c.quarter(end))
	if beyond {
		s = c.t("period_beyond", c.quarter(start))
	}
	return s
}

// primarySNIA is the axis a measure belongs to: its first SNIA code.
func primarySNIA(m *engine.Measure) string {
	if len(m.SNIA) > 0 {
		return m.SNIA[0]
	}
	return ""
}

func (c *ctx) sniaRank(code string) int {
	order := c.refs.SNIACodes()
	for i, s := range order {
		if s == code {
			return i
		}
	}
	return len(order)
}

func (c *ctx) action(r engine.Recommendation) Action {
	m := r.Measure
	start, end, beyond := Calendar(m.Horizon)
	a := Action{Measure: m.ID, Rank: r.Rank, Priority: r.Priority, Title: r.Title().Get(c.lang), Objective: m.Objective.Get(c.lang),
		Activities: texts(m.Activities, c.lang), Lead: m.Lead.Get(c.lang), Partners: texts(m.Partners, c.lang),
		Horizon: c.coded("horizon", m.Horizon), Start: start, End: end, Beyond: beyond, Period: c.period(start, end, beyond),
		Cost: c.coded("cost", m.Cost), KPI: m.KPI.Get(c.lang), KPIUnit: m.KPIUnit.Get(c.lang), Baseline: []Baseline{},
		SDG: nonNilS(m.SDG), GCM: c.gcm(m.GCM), AlsoSNIA: []Coded{}}
	a.PriorityBand, a.Why = c.priorityOf(r)
	// A measure the council has not adopted is only proposed; an adopted
	// one shows its follow-up status, owner and last note.
	st := c.planStatus("proposed")
	for _, it := range c.src.Plan {
		if it.Measure == m.ID {
			st, a.Owner, a.Note = c.planStatus(it.Status), it.Owner, it.Note
			if !it.Updated.IsZero() {
				u := it.Updated.UTC()
				a.Updated = &u
			}
		}
	}
	a.Status, a.StatusCode = st.Label, st.Code
	if a.Objective == "" {
		a.Objective = r.Description().Get(c.lang)
	}
	if len(m.SNIA) > 1 {
		a.AlsoSNIA = c.snia(m.SNIA[1:])
	}
	var sum float64
	var n int
	var target float64
	for _, id := range m.Indicators {
		ir := c.src.Score.Indicator(id)
		if ir == nil {
			continue
		}
		qu := c.q.Question(id)
		b := Baseline{Indicator: id, Score: round1(ir.Score), Status: c.indicatorStatus(ir.Status), Target: c.p.TargetFor(ir.Section)}
		if qu != nil {
			b.Question = qu.Label.Get(c.lang)
		}
		if ir.Score != nil {
			sum += *ir.Score
			n++
		}
		if b.Target > target {
			target = b.Target
		}
		a.Baseline = append(a.Baseline, b)
	}
	if n > 0 {
		v := sum / float64(n)
		a.BaseMean = round1(&v)
	}
	a.Target = target
	return a
}

// sdgLess orders SDG targets by goal, then target ("3.8" < "10.2" < "10.c").
func sdgLess(a, b string) bool {
	ga, gb := engine.SDGGoal(a), engine.SDGGoal(b)
	if ga != gb {
		return ga < gb
	}
	ta := a[strings.Index(a, ".")+1:]
	tb := b[strings.Index(b, ".")+1:]
	na, ea := strconv.Atoi(ta)
	nb, eb := strconv.Atoi(tb)
	switch {
	case ea == nil && eb == nil:
		return na < nb
	case ea == nil:
		return true
	case eb == nil:
		return false
	}
	return ta < tb
}

// progress sums up the council's plan: how many measures it adopted, how
// many are at each status, the share done (of the measures not dropped), and
// each adopted measure with its owner and last note.
func (c *ctx) progress() Progress {
	triggered := map[string]bool{}
	for _, r := range c.src.Recs {
		triggered[r.Measure.ID] = true
	}
	p := Progress{ByStatus: []StatusCount{}, Measures: []PlanLine{}}
	counts := map[string]int{}
	adopted := map[string]bool{}
	for _, it := range c.src.Plan {
		adopted[it.Measure] = true
		counts[it.Status]++
		l := PlanLine{Measure: it.Measure, Title: it.Measure, Status: c.planStatus(it.Status), Owner: it.Owner, Note: it.Note,
			Adopted: it.Adopted.UTC(), Updated: it.Updated.UTC(), Triggered: triggered[it.Measure]}
		if m := c.src.Content.Rules.Measure(it.Measure); m != nil {
			l.Title = recTitle(c.src.Recs, m, c.lang)
		}
		p.Measures = append(p.Measures, l)
	}
	sort.SliceStable(p.Measures, func(i, j int) bool { return p.Measures[i].Measure < p.Measures[j].Measure })
	p.Adopted = len(p.Measures)
	for id := range triggered {
		if !adopted[id] {
			p.Proposed++
		}
	}
	for _, s := range PlanStatuses {
		p.ByStatus = append(p.ByStatus, StatusCount{Status: c.planStatus(s), Count: counts[s]})
	}
	p.Done = counts["done"]
	p.Active = p.Adopted - counts["dropped"]
	if p.Active > 0 {
		p.ShareDone = float64(p.Done) / float64(p.Active)
	}
	if p.Adopted == 0 {
		p.Summary = c.t("progress.none", p.Proposed, c.src.Assessment.ID)
		return p
	}
	var parts []string
	for _, sc := range p.ByStatus {
		if sc.Count > 0 {
			parts = append(parts, c.t("progress.count", sc.Status.Label, sc.Count))
		}
	}
	p.Summary = c.t("progress.summary", p.Adopted, strings.Join(parts, semi(c.lang)), pct(p.ShareDone, c.lang), p.Done, p.Active, p.Proposed)
	return p
}
