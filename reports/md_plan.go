package reports

import (
	"fmt"
	"strconv"
	"strings"
)

func costText(r *Range, lang string) string {
	if r == nil {
		return "—"
	}
	return madRange(*r, lang)
}

func fundingText(fs []Coded, sep string) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Label)
	}
	return strings.Join(out, sep)
}

// kpiTargetText is an action's KPI in real units: "unit: baseline → target".
func kpiTargetText(a Action, lang string) string {
	if a.KPITarget == nil {
		return kpiText(a.KPI, a.KPIUnit)
	}
	k := a.KPITarget
	return tr(lang, "sp.kpi_value", k.Unit, num(k.Baseline, lang), num(k.Target, lang))
}

// scoreTargetText is the current score of the indicators an action
// addresses, with their target score.
func scoreTargetText(a Action, lang string) string {
	return tr(lang, "sp.score_target", baselineText(a, lang), num(a.Target, lang))
}

func (w *mdw) actionPlan(d *Doc) {
	ap := d.ActionPlan
	for _, p := range ap.Intro {
		w.para(p)
	}
	for _, n := range ap.Notes {
		w.para(n)
	}
	// 1. Context and diagnosis.
	w.h(2, w.t("sp.h.context"))
	for _, l := range ap.Context.Lines {
		w.para(l)
	}
	var rows [][]string
	for _, s := range ap.Context.Sections {
		rows = append(rows, []string{esc(s.Title), w.score(s.Score), esc(bandText(s.Band)), pct(s.Coverage, w.lang)})
	}
	w.table([]string{esc(w.t("col.section")), esc(w.t("col.score")), esc(w.t("col.band")), esc(w.t("col.coverage"))}, rows, 1, 3)
	w.h(3, w.t("sp.participants"))
	var people []string
	for _, p := range ap.Context.Respondents {
		s := p.Name
		if p.Institution != "" {
			s += " — " + p.Institution
		}
		if p.Role != "" {
			s += " (" + p.Role + ")"
		}
		people = append(people, s)
	}
	w.list(people)
	if len(ap.Context.Sessions) > 0 {
		w.para(w.t("sp.sessions") + w.colon() + strings.Join(ap.Context.Sessions, ", "))
	}
	// 2. Priorities, SNIA and PDR.
	w.h(2, w.t("sp.h.priorities"))
	for _, l := range ap.Priorities.Lines {
		w.para(l)
	}
	// 3. Vision and objectives.
	w.h(2, w.t("sp.h.vision"))
	w.line("> **" + esc(w.t("sp.vision")) + "**" + esc(w.colon()) + esc(ap.Vision))
	w.blank()
	rows = nil
	for _, o := range ap.Objectives {
		var secs, refs []string
		for _, s := range o.Sections {
			secs = append(secs, w.t("sp.section_score", s.Title, nump(s.Score, w.lang)))
		}
		for _, a := range o.Actions {
			refs = append(refs, a.Ref)
		}
		rows = append(rows, []string{strconv.Itoa(o.Number), esc(o.Title), esc(strings.Join(secs, w.semi())), strings.Join(refs, ", "), esc(madRange(o.Cost, w.lang))})
	}
	w.table([]string{"#", esc(w.t("sp.col.objective")), esc(w.t("sp.col.sections")), esc(w.t("sp.col.actions")), esc(w.t("sp.col.cost"))}, rows, 0)
	// 4. Actions by objective.
	w.h(2, w.t("sp.h.actions"))
	w.para(w.t("sp.cap_note", ap.Max))
	for _, o := range ap.Objectives {
		w.h(3, w.t("sp.objective_n", o.Number, o.Title))
		if o.Description != "" {
			w.para(o.Description)
		}
		w.para(o.Why)
		for _, a := range o.Actions {
			w.line(fmt.Sprintf("#### %s %s — %s", a.Ref, code(a.Measure), esc(a.Title)))
			w.blank()
			acts := make([]string, len(a.Activities))
			for i, x := range a.Activities {
				acts[i] = fmt.Sprintf("%d) %s", i+1, esc(x))
			}
			fields := [][]string{
				{esc(w.t("col.objective")), esc(a.Objective)},
				{esc(w.t("col.activities")), strings.Join(acts, " ")},
				{esc(w.t("col.lead")), esc(a.Lead)},
				{esc(w.t("col.partners")), esc(strings.Join(a.Partners, w.semi()))},
				{esc(w.t("sp.col.phase")), esc(a.Period)},
				{esc(w.t("sp.col.cost")), esc(costText(a.CostMAD, w.lang))},
				{esc(w.t("sp.col.funding")), esc(fundingText(a.Funding, w.semi()))},
				{esc(w.t("col.kpi")), esc(a.KPI)},
				{esc(w.t("sp.col.kpi_target")), esc(kpiTargetText(a, w.lang))},
				{esc(w.t("sp.col.score_now")), esc(scoreTargetText(a, w.lang))},
				{esc(w.t("col.priority")), fmt.Sprintf("**%s** — %s (%s %d)", esc(a.PriorityBand.Label), esc(a.Why), esc(w.t("rank")), a.Rank)},
				{esc(w.t("col.status")), esc(a.Status)},
			}
			if a.Owner != "" {
				fields = append(fields, []string{esc(w.t("col.owner")), esc(a.Owner)})
			}
			if a.Note != "" {
				fields = append(fields, []string{esc(w.t("col.comment")), esc(a.Note)})
			}
			w.table([]string{esc(w.t("meta.item")), esc(w.t("meta.value"))}, fields)
		}
	}
	// 5. Phasing.
	w.h(2, w.t("sp.h.phases"))
	w.para(ap.CalendarNote)
	rows = nil
	for _, p := range ap.Phases {
		rows = append(rows, []string{esc(p.Label), strings.Join(p.Actions, ", "), esc(madRange(p.Cost, w.lang))})
	}
	w.table([]string{esc(w.t("sp.col.phase")), esc(w.t("sp.col.actions")), esc(w.t("sp.col.cost"))}, rows)
	head := []string{esc(w.t("col.ref")), esc(w.t("col.measure"))}
	for _, y := range ap.Years {
		head = append(head, esc(y))
	}
	rows = nil
	for _, o := range ap.Objectives {
		for _, a := range o.Actions {
			rows = append(rows, append([]string{a.Ref, code(a.Measure)}, spanCells(a.Start, a.End, len(ap.Years))...))
		}
	}
	w.table(head, rows)
	// 6. Budget.
	w.h(2, w.t("sp.h.budget"))
	w.para(ap.Budget.Note)
	w.h(3, w.t("sp.budget_by_year"))
	rows = nil
	for _, b := range ap.Budget.ByYear {
		rows = append(rows, []string{esc(b.Label), esc(madRange(b.Cost, w.lang)), strings.Join(b.Actions, ", ")})
	}
	rows = append(rows, []string{"**" + esc(w.t("sp.col.total")) + "**", "**" + esc(madRange(ap.Budget.Total, w.lang)) + "**", ""})
	w.table([]string{esc(w.t("sp.col.year")), esc(w.t("sp.col.cost")), esc(w.t("sp.col.actions"))}, rows)
	if ap.Budget.EmptyYears != "" {
		w.para(ap.Budget.EmptyYears)
	}
	w.h(3, w.t("sp.budget_by_objective"))
	rows = nil
	for _, b := range ap.Budget.ByObjective {
		rows = append(rows, []string{esc(b.Label), esc(madRange(b.Cost, w.lang)), strings.Join(b.Actions, ", ")})
	}
	w.table([]string{esc(w.t("sp.col.objective")), esc(w.t("sp.col.cost")), esc(w.t("sp.col.actions"))}, rows)
	w.h(3, w.t("sp.budget_by_funding"))
	rows = nil
	for _, b := range ap.Budget.ByFunding {
		rows = append(rows, []string{esc(b.Label), esc(madRange(b.Cost, w.lang)), strings.Join(b.Actions, ", ")})
	}
	w.table([]string{esc(w.t("sp.col.source")), esc(w.t("sp.col.cost")), esc(w.t("sp.col.actions"))}, rows)
	if len(ap.Budget.Uncosted) > 0 {
		w.para(w.t("sp.uncosted", strings.Join(ap.Budget.Uncosted, ", ")))
	}
	// 7. Steering and monitoring.
	w.h(2, w.t("sp.h.steering"))
	for _, s := range ap.Steering {
		w.line("- **" + esc(s.Title) + "**" + esc(w.colon()) + esc(s.Text))
	}
	if len(ap.Steering) > 0 {
		w.blank()
	}
	w.h(3, w.t("sp.h.kpis"))
	w.para(w.t("sp.kpis_intro"))
	rows = nil
	for _, o := range ap.Objectives {
		for _, a := range o.Actions {
			rows = append(rows, []string{a.Ref, code(a.Measure), esc(kpiTargetText(a, w.lang)), esc(scoreTargetText(a, w.lang)), esc(a.Status), esc(a.Owner), "", esc(a.Note)})
		}
	}
	w.table([]string{esc(w.t("col.ref")), esc(w.t("col.measure")), esc(w.t("sp.col.kpi_target")), esc(w.t("sp.col.score_now")), esc(w.t("col.status")), esc(w.t("col.owner")), esc(w.t("col.done")), esc(w.t("col.comment"))}, rows)
	w.progress(ap.Progress)
	if ap.Effects != nil {
		w.effects(ap.Effects)
	}
	// Annexes.
	w.h(2, w.t("sp.h.annex"))
	w.para(w.t("sp.annex_intro", ap.Max))
	rows = nil
	for _, l := range ap.Annex {
		rows = append(rows, []string{strconv.Itoa(l.Rank), code(l.Measure) + " " + esc(l.Title), esc(l.Section), esc(l.Phase), esc(costText(l.Cost, w.lang)), esc(l.Band.Label)})
	}
	w.table([]string{esc(w.t("rank")), esc(w.t("col.measure")), esc(w.t("col.section")), esc(w.t("sp.col.phase")), esc(w.t("sp.col.cost")), esc(w.t("col.priority"))}, rows, 0)
	w.h(2, w.t("sp.h.coverage"))
	w.para(w.t("plan.coverage_intro"))
	w.h(3, w.t("plan.cov_snia"))
	rows = nil
	for _, c := range ap.SNIACoverage {
		ms := "—"
		if len(c.Measures) > 0 {
			ms = codes(c.Measures)
		}
		rows = append(rows, []string{esc(c.Label), ms})
	}
	w.table([]string{esc(w.t("col.programme")), esc(w.t("col.measures"))}, rows)
	w.h(3, w.t("plan.cov_sdg"))
	rows = nil
	for _, c := range ap.SDGCoverage {
		rows = append(rows, []string{esc(c.Label), codes(c.Measures)})
	}
	w.table([]string{esc(w.t("col.target_sdg")), esc(w.t("col.measures"))}, rows)
	w.h(3, w.t("plan.cov_gcm"))
	rows = nil
	for _, c := range ap.GCMCoverage {
		rows = append(rows, []string{esc(c.Code + " — " + c.Label), codes(c.Measures)})
	}
	w.table([]string{esc(w.t("col.objective_gcm")), esc(w.t("col.measures"))}, rows)
}

func (w *mdw) summary(d *Doc) {
	s := d.Summary
	for _, l := range s.Lead {
		w.para(l)
	}
	w.h(2, w.t("sum.h.scores"))
	var rows [][]string
	for _, x := range s.Sections {
		rows = append(rows, []string{esc(x.Title), w.score(x.Score), textBar(x.Score), esc(bandText(x.Band))})
	}
	rows = append(rows, []string{"**" + esc(w.t("overall")) + "**", "**" + w.score(s.Overall.Score) + "**", textBar(s.Overall.Score), esc(bandText(s.Overall.Band))})
	w.table([]string{esc(w.t("col.section")), esc(w.t("col.score")), "0–100", esc(w.t("col.band"))}, rows, 1)
	w.h(2, w.t("sum.h.priorities"))
	w.para(w.t("sum.priorities_intro"))
	for i, p := range s.Priorities {
		w.line(fmt.Sprintf("%d. **%s** %s — %s: %s %s", i+1, esc(p.Title), code(p.Measure), esc(p.Band.Label), esc(p.Why), esc(w.t("sum.when_cost", p.When, costText(p.Cost, w.lang)))))
	}
	w.blank()
	w.h(2, w.t("sum.h.pilot"))
	w.para(s.Pilot)
	w.h(2, w.t("sum.h.next"))
	w.numbered(s.NextSteps)
}
