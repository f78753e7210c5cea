package reports

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// The action plan as a strategy a council can deliberate on: context and
// diagnosis, declared priorities and the link to the PDR, a vision and 3–5
// strategic objectives, a capped set of actions phased over the PDR cycle
// (the rest in an annex), indicative costs and funding, KPIs with baseline
// and target, and the steering arrangements. Everything worded comes from
// the content's plan template (rules/plan.yaml) or the messages.

// PlanContext is the context and diagnosis summary of the plan.
type PlanContext struct {
	Region       string         `json:"region"`
	Round        string         `json:"round"`
	Respondents  []Person       `json:"respondents"`
	Institutions []string       `json:"institutions"`
	Sessions     []string       `json:"sessions"`
	Overall      Overall        `json:"overall"`
	Answered     int            `json:"answered"`
	Relevant     int            `json:"relevant"`
	Sections     []SectionScore `json:"sections"`
	Lines        []string       `json:"lines"`
}

// PlanPriorities are the region's declared SNIA priorities and PDR axes, and
// what the plan says about them.
type PlanPriorities struct {
	SNIA    []Coded  `json:"snia"`
	PDRAxes []string `json:"pdr_axes"`
	Lines   []string `json:"lines"`
}

// PlanObjective is a strategic objective with the actions serving it.
type PlanObjective struct {
	Number      int            `json:"number"`
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Sections    []SectionScore `json:"sections"`
	// Declared is true when the objective serves a SNIA programme the
	// region declared a priority.
	Declared bool     `json:"declared_priority"`
	Why      string   `json:"why"`
	Actions  []Action `json:"actions"`
	Cost     Range    `json:"cost_mad"`
}

// Range is an indicative amount range in dirhams.
type Range struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

func (r *Range) add(o Range) { r.Min += o.Min; r.Max += o.Max }

// PlanPhase is a period of the PDR cycle with the actions it starts.
type PlanPhase struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	From    int      `json:"from_year"`
	To      int      `json:"to_year"`
	Actions []string `json:"actions"`
	Cost    Range    `json:"cost_mad"`
}

// BudgetRow is an indicative amount range with what it sums.
type BudgetRow struct {
	Label   string   `json:"label"`
	Cost    Range    `json:"cost_mad"`
	Actions []string `json:"actions,omitempty"`
}

// PlanBudget sums the actions' indicative costs per year, per objective and
// per possible funding source.
type PlanBudget struct {
	Note        string      `json:"note"`
	ByYear      []BudgetRow `json:"by_year"`
	ByObjective []BudgetRow `json:"by_objective"`
	ByFunding   []BudgetRow `json:"by_funding"`
	Total       Range       `json:"total"`
	// Uncosted lists the actions without a cost in the catalog.
	Uncosted []string `json:"uncosted"`
	// EmptyYears says what the years without any amount are for.
	EmptyYears string `json:"empty_years,omitempty"`
}

// Steer is one element of the steering section.
type Steer struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// AnnexLine is a triggered measure left out of the capped plan.
type AnnexLine struct {
	Rank     int     `json:"rank"`
	Measure  string  `json:"measure"`
	Title    string  `json:"title"`
	Priority float64 `json:"priority"`
	Band     Coded   `json:"priority_band"`
	Phase    string  `json:"phase"`
	Cost     *Range  `json:"cost_mad"`
	Section  string  `json:"section"`
}

// KPITarget is an action's KPI in real units, with its baseline and target.
type KPITarget struct {
	Unit     string  `json:"unit"`
	Baseline float64 `json:"baseline"`
	Target   float64 `json:"target"`
}

// defaultPlan stands in for a content without a plan template (an older
// content snapshot): phases from the horizons, no costs, no steering texts.
func defaultPlan() *engine.PlanTemplate {
	return &engine.PlanTemplate{MaxActions: 15, MinObjectives: 3, MaxObjectives: 5, CycleYears: 6,
		Phases: []engine.Phase{{ID: "year_1", From: 1, To: 1, Horizons: []string{"short"}},
			{ID: "years_2_3", From: 2, To: 3, Horizons: []string{"medium"}},
			{ID: "years_4_6", From: 4, To: 6, Horizons: []string{"long"}}}}
}

func (c *ctx) planTemplate() *engine.PlanTemplate {
	if p := c.src.Content.Rules.Plan; p != nil {
		return p
	}
	return defaultPlan()
}

func (c *ctx) phaseLabel(ph *engine.Phase) string {
	if s := ph.Label.Get(c.lang); s != "" {
		return s
	}
	if ph.From == ph.To {
		return c.t("sp.year", ph.From)
	}
	return c.t("sp.years", ph.From, ph.To)
}

// measureSection is the scored section a measure belongs to: that of its
// first indicator.
func (c *ctx) measureSection(m *engine.Measure) string {
	for _, id := range m.Indicators {
		if qu := c.q.Question(id); qu != nil && qu.Section != nil {
			return qu.Section.ID
		}
	}
	return ""
}

// declaredSNIA returns the SNIA programmes the region declared priorities.
func (c *ctx) declaredSNIA() []string {
	if c.p.PrioritiesQuestion == "" {
		return nil
	}
	v, _ := c.src.State.Value(c.p.PrioritiesQuestion).([]string)
	var out []string
	for _, code := range v {
		if c.refs.SNIALabel(code, c.lang) != "" {
			out = append(out, code)
		}
	}
	return out
}

type objectiveKey struct {
	id       string
	obj      *engine.Objective
	sections []string
	score    float64
	declared bool
}

// objectiveOf returns the objective a section belongs to: the template's,
// or a generic one named after the section.
func objectiveOf(t *engine.PlanTemplate, section string) (string, *engine.Objective) {
	if o := t.ObjectiveFor(section); o != nil {
		return o.ID, o
	}
	return "section:" + section, nil
}

// actionPlan builds the plan; max caps its actions (0: the template's default).
func (c *ctx) actionPlan(max int) *ActionPlan {
	t := c.planTemplate()
	if max <= 0 {
		max = t.MaxActions
	}
	ap := &ActionPlan{Objectives: []PlanObjective{}, Phases: []PlanPhase{}, Annex: []AnnexLine{}, Steering: []Steer{},
		SNIACoverage: []CoverRow{}, SDGCoverage: []CoverRow{}, GCMCoverage: []CoverRow{}, Max: max, Triggered: len(c.src.Recs)}
	reg := c.regionLabel(c.src.Assessment.Region)
	ap.Context = c.planContext()
	ap.Priorities = c.planPriorities(t)
	declared := map[string]bool{}
	for _, s := range ap.Priorities.SNIA {
		declared[s.Code] = true
	}
	if v := t.Vision.Get(c.lang); v != "" {
		ap.Vision = strings.ReplaceAll(v, "{region}", reg)
	} else {
		ap.Vision = c.t("sp.vision_default", reg)
	}

	// Objectives: those of the best-ranked measures (the priority already
	// weighs the gap, the competence and the declared priorities), up to the
	// template's maximum; shown the weakest first, a declared priority
	// counting its score lower by the policy's alignment bonus.
	keys := map[string]*objectiveKey{}
	var chosen []*objectiveKey
	for _, r := range c.src.Recs {
		if len(chosen) >= min(t.MaxObjectives, max) {
			break
		}
		sec := c.measureSection(r.Measure)
		id, o := objectiveOf(t, sec)
		if keys[id] != nil {
			continue
		}
		k := &objectiveKey{id: id, obj: o, score: math.Inf(1)}
		if o != nil {
			k.sections = o.Sections
			for _, s := range o.SNIA {
				if declared[s] {
					k.declared = true
				}
			}
		} else {
			k.sections = []string{sec}
		}
		for _, s := range k.sections {
			if sr := c.src.Score.Section(s); sr != nil && sr.Score != nil && *sr.Score < k.score {
				k.score = *sr.Score
			}
		}
		if math.IsInf(k.score, 1) {
			k.score = 100
		}
		keys[id] = k
		chosen = append(chosen, k)
	}
	eff := func(k *objectiveKey) float64 {
		if k.declared {
			return k.score * (1 - math.Min(1, c.p.AlignmentBonus))
		}
		return k.score
	}
	sort.SliceStable(chosen, func(i, j int) bool { return eff(chosen[i]) < eff(chosen[j]) })
	in := map[string]int{}
	for i, k := range chosen {
		in[k.id] = i
	}
	// Actions: by rank, those serving a chosen objective, up to max.
	picked := map[string]bool{}
	var sel []engine.Recommendation
	for _, r := range c.src.Recs {
		if len(sel) >= max {
			break
		}
		id, _ := objectiveOf(t, c.measureSection(r.Measure))
		if _, ok := in[id]; ok {
			picked[r.Measure.ID] = true
			sel = append(sel, r)
		}
	}
	byObj := make([][]engine.Recommendation, len(chosen))
	for _, r := range sel {
		id, _ := objectiveOf(t, c.measureSection(r.Measure))
		byObj[in[id]] = append(byObj[in[id]], r)
	}
	phaseIndex := func(h string) int {
		for i := range t.Phases {
			for _, x := range t.Phases[i].Horizons {
				if x == h {
					return i
				}
			}
		}
		return len(t.Phases)
	}
	for i, k := range chosen {
		po := PlanObjective{Number: i + 1, ID: k.id, Declared: k.declared, Actions: []Action{}, Sections: []SectionScore{}}
		for _, s := range k.sections {
			if sr := c.src.Score.Section(s); sr != nil {
				po.Sections = append(po.Sections, c.sectionScore(*sr))
			}
		}
		if k.obj != nil {
			po.Title, po.Description = k.obj.Title.Get(c.lang), k.obj.Description.Get(c.lang)
		} else if len(po.Sections) > 0 {
			po.Title = c.t("sp.objective_default", po.Sections[0].Title)
		}
		var secs []string
		for _, s := range po.Sections {
			secs = append(secs, c.t("sp.section_score", s.Title, nump(s.Score, c.lang)))
		}
		po.Why = c.t("sp.why_weak", strings.Join(secs, semi(c.lang)))
		if k.declared {
			po.Why += " " + c.t("sp.why_declared")
		}
		recs := byObj[i]
		sort.SliceStable(recs, func(a, b int) bool {
			pa, pb := phaseIndex(recs[a].Measure.Horizon), phaseIndex(recs[b].Measure.Horizon)
			if pa != pb {
				return pa < pb
			}
			return recs[a].Rank < recs[b].Rank
		})
		for j, r := range recs {
			a := c.action(r)
			a.Ref = fmt.Sprintf("%d.%d", i+1, j+1)
			c.planAction(&a, r.Measure, t)
			if a.CostMAD != nil {
				po.Cost.add(*a.CostMAD)
			}
			po.Actions = append(po.Actions, a)
		}
		ap.Objectives = append(ap.Objectives, po)
	}
	if len(ap.Objectives) < t.MinObjectives && len(c.src.Recs) > 0 {
		ap.Notes = append(ap.Notes, c.t("sp.few_objectives", len(ap.Objectives), t.MinObjectives))
	}

	// Phases and budget.
	years := make([]Range, t.CycleYears+1)
	yearActs := make([][]string, t.CycleYears+1)
	fund := map[string]*BudgetRow{}
	var uncosted []string
	for i := range t.Phases {
		ph := &t.Phases[i]
		pp := PlanPhase{ID: ph.ID, Label: c.phaseLabel(ph), From: ph.From, To: ph.To, Actions: []string{}}
		for _, o := range ap.Objectives {
			for _, a := range o.Actions {
				if a.Phase.Code != ph.ID {
					continue
				}
				pp.Actions = append(pp.Actions, a.Ref)
				if a.CostMAD == nil {
					continue
				}
				pp.Cost.add(*a.CostMAD)
				n := float64(ph.To - ph.From + 1)
				for y := ph.From; y <= ph.To && y < len(years); y++ {
					years[y].add(Range{a.CostMAD.Min / n, a.CostMAD.Max / n})
					yearActs[y] = append(yearActs[y], a.Ref)
				}
			}
		}
		ap.Phases = append(ap.Phases, pp)
	}
	b := PlanBudget{Note: t.CostNote.Get(c.lang), ByYear: []BudgetRow{}, ByObjective: []BudgetRow{}, ByFunding: []BudgetRow{}, Uncosted: []string{}}
	var empty []string
	for y := 1; y <= t.CycleYears; y++ {
		b.ByYear = append(b.ByYear, BudgetRow{Label: c.t("sp.year", y), Cost: years[y], Actions: nonNilS(yearActs[y])})
		if len(yearActs[y]) == 0 {
			empty = append(empty, fmt.Sprint(y))
		}
	}
	if len(empty) > 0 && len(sel) > 0 {
		b.EmptyYears = c.t("sp.empty_years", strings.Join(empty, ", "))
	}
	for _, o := range ap.Objectives {
		var refs []string
		for _, a := range o.Actions {
			refs = append(refs, a.Ref)
			if a.CostMAD == nil {
				uncosted = append(uncosted, a.Ref)
			}
			for _, f := range a.Funding {
				r := fund[f.Code]
				if r == nil {
					r = &BudgetRow{Label: f.Label}
					fund[f.Code] = r
				}
				r.Actions = append(r.Actions, a.Ref)
				if a.CostMAD != nil {
					r.Cost.add(*a.CostMAD)
				}
			}
		}
		b.ByObjective = append(b.ByObjective, BudgetRow{Label: c.t("sp.objective_n", o.Number, o.Title), Cost: o.Cost, Actions: nonNilS(refs)})
		b.Total.add(o.Cost)
	}
	for _, f := range t.Funding {
		if r := fund[f.ID]; r != nil {
			b.ByFunding = append(b.ByFunding, *r)
		}
	}
	b.Uncosted = nonNilS(uncosted)
	ap.Budget = b

	// Steering.
	st := t.Steering
	for _, s := range []struct {
		key  string
		text engine.Text
	}{{"adoption", st.Adoption}, {"steering", st.Steering}, {"review", st.Review}, {"reassessment", st.Reassessment}} {
		if v := s.text.Get(c.lang); v != "" {
			ap.Steering = append(ap.Steering, Steer{Title: c.t("sp.steer." + s.key), Text: v})
		}
	}

	// Annex: every other triggered measure, by rank.
	for _, r := range c.src.Recs {
		if picked[r.Measure.ID] {
			continue
		}
		m := r.Measure
		al := AnnexLine{Rank: r.Rank, Measure: m.ID, Title: m.Title.Get(c.lang), Priority: r.Priority}
		al.Band, _ = c.priorityOf(r)
		if ph := t.Phase(m.Horizon); ph != nil {
			al.Phase = c.phaseLabel(ph)
		}
		if m.Plan != nil {
			al.Cost = &Range{m.Plan.CostMin, m.Plan.CostMax}
		}
		if sec := c.q.Section(c.measureSection(m)); sec != nil {
			al.Section = sec.Title.Get(c.lang)
		}
		ap.Annex = append(ap.Annex, al)
	}

	// Coverage of the reference frameworks by the plan's actions.
	var acts []*engine.Measure
	for _, r := range sel {
		acts = append(acts, r.Measure)
	}
	c.coverage(ap, acts)
	ap.Progress = c.progress()
	if c.src.Baseline != nil {
		ap.Effects = effects(c.src.Baseline, c.src, c.lang)
	}
	ap.Intro = []string{c.t("sp.intro", reg, c.src.Assessment.Round, len(sel), len(ap.Objectives), t.CycleYears, len(ap.Annex)), c.t("plan.draft")}
	if len(c.src.Recs) == 0 {
		ap.Intro = append(ap.Intro, c.t("rec.none"))
	}
	ap.CalendarNote = c.t("sp.calendar", t.CycleYears)
	for y := 1; y <= t.CycleYears; y++ {
		ap.Years = append(ap.Years, c.t("sp.year_short", y))
	}
	return ap
}

// planAction adds the plan data of the measure to an action: phase, years,
// indicative cost, funding sources and the KPI target.
func (c *ctx) planAction(a *Action, m *engine.Measure, t *engine.PlanTemplate) {
	if ph := t.Phase(m.Horizon); ph != nil {
		a.Phase = Coded{ph.ID, c.phaseLabel(ph)}
		a.Start, a.End, a.Beyond = ph.From, ph.To, false
		a.Period = c.phaseLabel(ph)
	}
	a.Funding = []Coded{}
	if m.Plan == nil {
		return
	}
	a.CostMAD = &Range{m.Plan.CostMin, m.Plan.CostMax}
	for _, f := range m.Plan.Funding {
		a.Funding = append(a.Funding, Coded{f, t.FundingLabel(f, c.lang)})
	}
	a.KPITarget = &KPITarget{Unit: m.Plan.KPIUnit.Get(c.lang), Baseline: m.Plan.Baseline, Target: m.Plan.Target}
}

func (c *ctx) planContext() PlanContext {
	a := c.src.Assessment
	info := c.assessmentInfo(c.src)
	prog, _ := c.src.State.Progress()
	pc := PlanContext{Region: c.regionLabel(a.Region), Round: a.Round, Respondents: info.Respondents, Institutions: []string{}, Sessions: []string{},
		Overall: c.overall(), Answered: prog.Answered, Relevant: prog.Relevant, Sections: []SectionScore{}}
	seen := map[string]bool{}
	for _, p := range info.Respondents {
		if p.Institution != "" && !seen[p.Institution] {
			seen[p.Institution] = true
			pc.Institutions = append(pc.Institutions, p.Institution)
		}
	}
	days := map[string]bool{}
	for _, list := range [][]Answer{c.src.Answers, c.src.Consensus} {
		for _, an := range list {
			if !an.At.IsZero() && !an.Unconfirmed {
				days[an.At.UTC().Format(time.DateOnly)] = true
			}
		}
	}
	for d := range days {
		pc.Sessions = append(pc.Sessions, d)
	}
	sort.Strings(pc.Sessions)
	for _, sr := range c.src.Score.Sections {
		if sr.Score != nil {
			pc.Sections = append(pc.Sections, c.sectionScore(sr))
		}
	}
	sort.SliceStable(pc.Sections, func(i, j int) bool { return *pc.Sections[i].Score < *pc.Sections[j].Score })
	people := len(info.Respondents)
	sessions := c.t("sp.no_dates")
	switch n := len(pc.Sessions); {
	case n == 1:
		sessions = c.t("sp.on_date", pc.Sessions[0])
	case n > 1 && n <= 4:
		sessions = c.t("sp.on_dates", strings.Join(pc.Sessions, ", "))
	case n > 4:
		sessions = c.t("sp.between_dates", n, pc.Sessions[0], pc.Sessions[n-1])
	}
	pc.Lines = append(pc.Lines, c.t("sp.ctx_who", pc.Region, a.Round, people, len(pc.Institutions), sessions))
	pc.Lines = append(pc.Lines, c.t("sp.ctx_coverage", pc.Answered, pc.Relevant, pct(c.src.Score.Coverage, c.lang)))
	if pc.Overall.Score != nil && pc.Overall.Band != nil {
		pc.Lines = append(pc.Lines, c.t("sp.ctx_overall", nump(pc.Overall.Score, c.lang), pc.Overall.Band.Label))
	}
	if len(pc.Sections) > 0 {
		var weak []string
		for _, s := range pc.Sections[:min(3, len(pc.Sections))] {
			weak = append(weak, c.t("sp.section_score", s.Title, nump(s.Score, c.lang)))
		}
		pc.Lines = append(pc.Lines, c.t("sp.ctx_weakest", strings.Join(weak, semi(c.lang))))
	}
	return pc
}

func (c *ctx) planPriorities(t *engine.PlanTemplate) PlanPriorities {
	pp := PlanPriorities{SNIA: c.snia(c.declaredSNIA()), PDRAxes: []string{}}
	if t.PDRQuestion != "" {
		if qu := c.q.Question(t.PDRQuestion); qu != nil {
			switch v := c.src.State.Value(t.PDRQuestion).(type) {
			case []string:
				for _, x := range v {
					if ch := qu.Choice(x); ch != nil && ch.Missing == engine.NotMissing {
						pp.PDRAxes = append(pp.PDRAxes, ch.Label.Get(c.lang))
					}
				}
			case string:
				if s := c.value(qu, v); s != "" {
					pp.PDRAxes = append(pp.PDRAxes, s)
				}
			}
		}
	}
	if len(pp.SNIA) > 0 {
		var names []string
		for _, s := range pp.SNIA {
			names = append(names, s.Label)
		}
		pp.Lines = append(pp.Lines, c.t("sp.snia_declared", strings.Join(names, semi(c.lang)), pct(c.p.AlignmentBonus, c.lang)))
	} else {
		pp.Lines = append(pp.Lines, c.t("sp.snia_none"))
	}
	if len(pp.PDRAxes) > 0 {
		pp.Lines = append(pp.Lines, c.t("sp.pdr_axes", strings.Join(pp.PDRAxes, semi(c.lang)), t.CycleYears))
	} else {
		pp.Lines = append(pp.Lines, c.t("sp.pdr_none", t.CycleYears))
	}
	return pp
}

// coverage says which SNIA programmes, SDG targets and GCM objectives the
// plan's actions serve.
func (c *ctx) coverage(ap *ActionPlan, measures []*engine.Measure) {
	snia := map[string][]string{}
	sdg := map[string][]string{}
	gcm := map[int][]string{}
	for _, m := range measures {
		for _, s := range m.SNIA {
			snia[s] = append(snia[s], m.ID)
		}
		for _, s := range m.SDG {
			sdg[s] = append(sdg[s], m.ID)
		}
		for _, g := range m.GCM {
			gcm[g] = append(gcm[g], m.ID)
		}
	}
	for _, code := range c.refs.SNIACodes() {
		ap.SNIACoverage = append(ap.SNIACoverage, CoverRow{Code: code, Label: c.codeLabel("snia", code), Measures: nonNilS(snia[code])})
	}
	var targets []string
	for t := range sdg {
		targets = append(targets, t)
	}
	sort.Slice(targets, func(i, j int) bool { return sdgLess(targets[i], targets[j]) })
	for _, t := range targets {
		ap.SDGCoverage = append(ap.SDGCoverage, CoverRow{Code: t, Label: c.t("sdg_target", t), Measures: sdg[t]})
	}
	var objs []int
	for g := range gcm {
		objs = append(objs, g)
	}
	sort.Ints(objs)
	for _, g := range objs {
		ap.GCMCoverage = append(ap.GCMCoverage, CoverRow{Code: fmt.Sprint(g), Label: c.gcmLabel(g), Measures: gcm[g]})
	}
}

// mad formats an amount in dirhams, rounded to thousands, with the
// language's digit grouping.
func mad(v float64, lang string) string {
	n := int64(math.Round(v/1000) * 1000)
	s := fmt.Sprint(n)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	parts = append([]string{s}, parts...)
	sep := ","
	if lang == "fr" {
		sep = "\u202f"
	}
	return strings.Join(parts, sep)
}

// madRange formats a cost range: "150 000 – 400 000 MAD".
func madRange(r Range, lang string) string {
	return tr(lang, "sp.mad_range", mad(r.Min, lang), mad(r.Max, lang))
}
