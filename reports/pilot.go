package reports

import (
	"math"
	"sort"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// SelectPilot picks the pilot template of a report and its anchor measure.
// With a measure id, it is the first template whose family holds that
// measure. Without, it is the template holding the highest-ranked triggered
// measure that any template holds.
func SelectPilot(r *engine.Rules, recs []engine.Recommendation, measure string) (*engine.Pilot, string, error) {
	if len(r.Pilots) == 0 {
		return nil, "", inputf("%s", i18n.M("rp.err.no_pilots"))
	}
	inFamily := func(id string) *engine.Pilot {
		for _, p := range r.Pilots {
			for _, m := range p.Measures {
				if m == id {
					return p
				}
			}
		}
		return nil
	}
	if measure != "" {
		if r.Measure(measure) == nil {
			return nil, "", inputf("%s", i18n.M("rp.err.unknown_measure", measure, strings.Join(PilotMeasures(r), ", ")))
		}
		p := inFamily(measure)
		if p == nil {
			return nil, "", inputf("%s", i18n.M("rp.err.no_template", measure, strings.Join(PilotMeasures(r), ", ")))
		}
		return p, measure, nil
	}
	for _, rec := range recs {
		if p := inFamily(rec.Measure.ID); p != nil {
			return p, rec.Measure.ID, nil
		}
	}
	return nil, "", inputf("%s", i18n.M("rp.err.none_triggered", strings.Join(PilotMeasures(r), ", ")))
}

// PilotMeasures lists the measures that pilot templates hold, in template order.
func PilotMeasures(r *engine.Rules) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range r.Pilots {
		for _, m := range p.Measures {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// isolate keeps a run of codes left to right inside Arabic text (Unicode
// left-to-right isolate), so "(eco01, eco02)" does not get reordered.
func isolate(lang, s string) string {
	if lang == "ar" {
		return "\u2066" + s + "\u2069"
	}
	return s
}

// activityMonths spreads a template's activities over the project's months,
// indicatively: the first (setting up) opens the project, the last
// (evaluation) closes it, the others start one after another and run until
// the evaluation.
func activityMonths(i, n, d int) (int, int) {
	if d < 1 {
		d = 12
	}
	if n <= 1 {
		return 1, d
	}
	edge := max(1, int(math.Round(float64(d)/6)))
	switch i {
	case 0:
		return 1, min(edge, d)
	case n - 1:
		return max(1, d-edge+1), d
	}
	start := 1 + int(math.Round(float64(i)*float64(d)/2/float64(n-1)))
	end := max(1, d-edge)
	start = max(1, min(start, end))
	return start, end
}

func (c *ctx) familyMeasure(id string) FamilyMeasure {
	fm := FamilyMeasure{Measure: id}
	if m := c.src.Content.Rules.Measure(id); m != nil {
		fm.Title = recTitle(c.src.Recs, m, c.lang)
	}
	for _, r := range c.src.Recs {
		if r.Measure.ID == id {
			fm.Rank, fm.Priority = r.Rank, r.Priority
		}
	}
	return fm
}

func (c *ctx) pilot(measure string) (*Pilot, error) {
	rules := c.src.Content.Rules
	tpl, anchor, err := SelectPilot(rules, c.src.Recs, measure)
	if err != nil {
		return nil, err
	}
	lang := c.lang
	pl := &Pilot{Template: tpl.ID, Title: tpl.Title.Get(lang), Summary: tpl.SummaryFor(c.src.Assessment.Region, lang), Anchor: c.familyMeasure(anchor),
		Family: []FamilyMeasure{}, BestFit: []Coded{}, DurationMonths: tpl.DurationMonths, Sections: []SectionScore{}, Evidence: []Indicator{},
		SpecificObjectives: texts(tpl.SpecificObjectives, lang), TargetGroups: texts(tpl.TargetGroups, lang), Activities: []PilotActivity{},
		Results: texts(tpl.Results, lang), BudgetLines: texts(tpl.BudgetLines, lang), Risks: []RiskLine{}, Partners: []Partner{},
		Indicators: []LogIndicator{}, Sustainability: tpl.SustainabilityFor(c.src.Assessment.Region, lang)}
	if pl.DurationMonths == 0 {
		pl.DurationMonths = 12
	}
	region := c.src.Assessment.Region
	bestFit := false
	var fitNames []string
	for _, r := range tpl.BestFit {
		pl.BestFit = append(pl.BestFit, Coded{r, c.regionLabel(r)})
		fitNames = append(fitNames, c.regionLabel(r))
		if r == region {
			bestFit = true
		}
	}
	// The family's measures, their indicators and the sections they sit in.
	var measures []*engine.Measure
	for _, id := range tpl.Measures {
		pl.Family = append(pl.Family, c.familyMeasure(id))
		if m := rules.Measure(id); m != nil {
			measures = append(measures, m)
		}
	}
	indicators := map[string]bool{}
	for _, m := range measures {
		for _, id := range m.Indicators {
			indicators[id] = true
		}
	}
	sections := map[string]bool{}
	gaps := 0
	for _, ir := range c.src.Score.Indicators {
		if !indicators[ir.ID] {
			continue
		}
		pl.Evidence = append(pl.Evidence, c.indicator(ir))
		sections[ir.Section] = true
		if ir.Score != nil && *ir.Score < c.p.TargetFor(ir.Section) {
			gaps++
		}
	}
	for _, sr := range c.src.Score.Sections {
		if sections[sr.ID] {
			pl.Sections = append(pl.Sections, c.sectionScore(sr))
		}
	}
	// Context and justification, from the region's own results.
	reg := c.regionLabel(region)
	ov := c.overall()
	if ov.Score != nil && ov.Band != nil {
		pl.Context = append(pl.Context, c.t("pilot.ctx.scores", reg, c.src.Assessment.Round, num(*ov.Score, lang), ov.Band.Label, pct(ov.Coverage, lang)))
	} else {
		pl.Context = append(pl.Context, c.t("pilot.ctx.noscore", reg, c.src.Assessment.Round))
	}
	if pl.Anchor.Rank > 0 {
		pl.Context = append(pl.Context, c.t("pilot.ctx.anchor", pl.Anchor.Measure, pl.Anchor.Title, pl.Anchor.Rank, len(c.src.Recs), numExact(pl.Anchor.Priority, lang)))
	} else {
		pl.Context = append(pl.Context, c.t("pilot.ctx.chosen", pl.Anchor.Measure, pl.Anchor.Title))
	}
	pl.Context = append(pl.Context, c.t("pilot.ctx.gaps", len(pl.Evidence), gaps))
	if len(fitNames) > 0 {
		if bestFit {
			pl.Context = append(pl.Context, c.t("pilot.ctx.bestfit_yes", strings.Join(fitNames, ", ")))
		} else {
			// Another region is not named in this region's document (its
			// facts belong to that region's proposal): the template is only
			// said to come from elsewhere.
			pl.Context = append(pl.Context, i18n.T(lang, "pv.pilot_elsewhere"))
		}
	}
	// Objectives: the general objective is the template's first measure's
	// (the family's anchor), whichever measure picked the template.
	am := rules.Measure(tpl.Measures[0])
	if am == nil {
		am = rules.Measure(anchor)
	}
	pl.GeneralObjective = am.Objective.Get(lang)
	if pl.GeneralObjective == "" {
		pl.GeneralObjective = am.Description.Get(lang)
	}
	for i, a := range tpl.Activities {
		s, e := activityMonths(i, len(tpl.Activities), pl.DurationMonths)
		pl.Activities = append(pl.Activities, PilotActivity{Number: i + 1, Text: a.Get(lang), Start: s, End: e})
	}
	for _, ind := range tpl.Indicators {
		pl.Indicators = append(pl.Indicators, LogIndicator{Label: ind.Label.Get(lang), Source: ind.Source.Get(lang)})
	}
	for _, r := range tpl.Risks {
		pl.Risks = append(pl.Risks, RiskLine{Risk: r.Risk.Get(lang), Mitigation: r.Mitigation.Get(lang)})
	}
	// Logical framework.
	goal := LogRow{Level: c.t("lf.goal"), Items: []string{pl.GeneralObjective}, Indicators: []string{}, Sources: []string{c.t("lf.src_selfassessment")},
		Assumptions: []string{c.t("lf.assume_commitment")}}
	var ids []string
	var sum, target float64
	for _, ev := range pl.Evidence {
		if ev.Score != nil {
			ids = append(ids, ev.ID)
			sum += *ev.Score
			target = max(target, c.p.TargetFor(ev.Section))
		}
	}
	if len(ids) > 0 {
		goal.Indicators = append(goal.Indicators, c.t("lf.ind_score", isolate(lang, strings.Join(ids, ", ")), num(sum/float64(len(ids)), lang), num(target, lang)))
	}
	spec := LogRow{Level: c.t("lf.specific"), Items: pl.SpecificObjectives, Indicators: []string{}, Sources: []string{}, Assumptions: texts(tpl.Assumptions, lang)}
	for _, ind := range pl.Indicators {
		spec.Indicators = append(spec.Indicators, ind.Label)
		spec.Sources = append(spec.Sources, ind.Source)
	}
	res := LogRow{Level: c.t("lf.results"), Items: pl.Results, Indicators: []string{}, Sources: []string{c.t("lf.src_reports")}, Assumptions: []string{}}
	for _, m := range measures {
		k := m.KPI.Get(lang)
		if k == "" {
			continue
		}
		if u := m.KPIUnit.Get(lang); u != "" {
			k += " (" + u + ")"
		}
		res.Indicators = append(res.Indicators, k)
	}
	act := LogRow{Level: c.t("lf.activities"), Items: []string{}, Indicators: []string{c.t("lf.means")}, Sources: []string{c.t("lf.src_finance")},
		Assumptions: []string{c.t("lf.precondition")}}
	for _, a := range pl.Activities {
		act.Items = append(act.Items, a.Text)
	}
	pl.Logframe = []LogRow{goal, spec, res, act}
	// Partners and roles.
	type entry struct {
		name  string
		roles []string
	}
	var order []string
	byKey := map[string]*entry{}
	add := func(t engine.Text, role string) {
		name := t.Get(lang)
		if name == "" {
			return
		}
		key := strings.ToLower(t.Get("fr"))
		e := byKey[key]
		if e == nil {
			e = &entry{name: name}
			byKey[key] = e
			order = append(order, key)
		}
		for _, r := range e.roles {
			if r == role {
				return
			}
		}
		e.roles = append(e.roles, role)
	}
	add(am.Lead, c.t("role.lead"))
	for _, m := range measures {
		if m.ID != am.ID {
			add(m.Lead, c.t("role.lead_component", m.ID))
		}
	}
	for _, m := range measures {
		for _, p := range m.Partners {
			add(p, c.t("role.partner", m.ID))
		}
	}
	for _, k := range order {
		e := byKey[k]
		pl.Partners = append(pl.Partners, Partner{Name: e.name, Role: strings.Join(e.roles, semi(lang))})
	}
	pl.BudgetNote = c.t("pilot.budget_note")
	pl.Monitoring = []string{c.t("pilot.me.steering"), c.t("pilot.me.indicators"), c.t("pilot.me.followup"), c.t("pilot.me.final")}
	pl.CalendarNote = c.t("pilot.calendar", pl.DurationMonths)
	// Alignment: the union over the family.
	var sn, sd []string
	var gc []int
	seen := map[string]bool{}
	for _, m := range measures {
		for _, s := range m.SNIA {
			if !seen["s"+s] {
				seen["s"+s] = true
				sn = append(sn, s)
			}
		}
		for _, s := range m.SDG {
			if !seen["d"+s] {
				seen["d"+s] = true
				sd = append(sd, s)
			}
		}
		for _, g := range m.GCM {
			k := "g" + string(rune('a'+g))
			if !seen[k] {
				seen[k] = true
				gc = append(gc, g)
			}
		}
	}
	sort.SliceStable(sn, func(i, j int) bool { return c.sniaRank(sn[i]) < c.sniaRank(sn[j]) })
	sort.Slice(sd, func(i, j int) bool { return sdgLess(sd[i], sd[j]) })
	sort.Ints(gc)
	pl.Alignment = Alignment{SNIA: c.snia(sn), SDG: nonNilS(sd), GCM: c.gcm(gc)}
	return pl, nil
}
