package reports

import (
	"fmt"
	"github.com/indimaj/indimaj/internal/i18n"
	"math"
	"strconv"
	"strings"
)

// mdw writes Markdown that stays readable as plain text.
type mdw struct {
	b    strings.Builder
	lang string
}

func (w *mdw) t(key string, args ...any) string { return tr(w.lang, key, args...) }

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`,
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// esc makes user or content text inert in Markdown (no markup, no HTML, no
// table breaks), on one line.
func esc(s string) string {
	s = mdEscaper.Replace(s)
	// A line that starts like a heading, list or quote would change the layout.
	if s != "" && strings.ContainsRune("#+-=>", rune(s[0])) {
		s = `\` + s
	}
	return s
}

func code(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return esc(s)
	}
	return "`" + s + "`"
}

func (w *mdw) colon() string { return colon(w.lang) }
func (w *mdw) semi() string  { return semi(w.lang) }

func colon(lang string) string {
	if lang == "fr" {
		return "\u00a0: "
	}
	return ": "
}

func semi(lang string) string {
	if lang == "fr" {
		return "\u00a0; "
	}
	return "; "
}

func codes(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = code(id)
	}
	return strings.Join(out, ", ")
}

func (w *mdw) line(s string) { w.b.WriteString(s + "\n") }
func (w *mdw) blank()        { w.b.WriteString("\n") }
func (w *mdw) para(s string) { w.line(esc(s)); w.blank() }
func (w *mdw) h(n int, s string) {
	w.line(strings.Repeat("#", n) + " " + esc(s))
	w.blank()
}

func (w *mdw) list(items []string) {
	if len(items) == 0 {
		w.para(w.t("none"))
		return
	}
	for _, it := range items {
		w.line("- " + esc(it))
	}
	w.blank()
}

func (w *mdw) numbered(items []string) {
	if len(items) == 0 {
		w.para(w.t("none"))
		return
	}
	for i, it := range items {
		w.line(fmt.Sprintf("%d. %s", i+1, esc(it)))
	}
	w.blank()
}

// table writes a table; cells are raw Markdown (escape them first). right
// marks the columns aligned to the end.
func (w *mdw) table(head []string, rows [][]string, right ...int) {
	if len(rows) == 0 {
		w.para(w.t("none"))
		return
	}
	isRight := map[int]bool{}
	for _, r := range right {
		isRight[r] = true
	}
	w.line("| " + strings.Join(head, " | ") + " |")
	seps := make([]string, len(head))
	for i := range head {
		seps[i] = "---"
		if isRight[i] {
			seps[i] = "--:"
		}
	}
	w.line("|" + strings.Join(seps, "|") + "|")
	for _, r := range rows {
		cells := make([]string, len(head))
		copy(cells, r)
		for i, c := range cells {
			if c == "" {
				cells[i] = " "
			}
		}
		w.line("| " + strings.Join(cells, " | ") + " |")
	}
	w.blank()
}

// textBar is a score as a ten-cell bar, for plain text.
func textBar(v *float64) string {
	if v == nil {
		return "··········"
	}
	n := int(math.Round(*v / 10))
	n = max(0, min(10, n))
	return strings.Repeat("█", n) + strings.Repeat("░", 10-n)
}

func bandText(b *Band) string {
	if b == nil {
		return ""
	}
	return esc(b.Label)
}

func (w *mdw) score(v *float64) string { return nump(v, w.lang) }

func (w *mdw) header(d *Doc) {
	w.h(1, d.Title)
	if d.Subtitle != "" {
		w.line("**" + esc(d.Subtitle) + "**")
		w.blank()
	}
	if d.Demo {
		w.line("> **" + esc(w.t("demo_banner")) + "**")
		w.blank()
	}
	var rows [][]string
	if a := d.Assessment; a != nil {
		rows = append(rows,
			[]string{esc(w.t("meta.region")), esc(a.Region.Label)},
			[]string{esc(w.t("meta.round")), esc(a.Round)},
			[]string{esc(w.t("meta.assessment")), code(a.ID)},
			[]string{esc(w.t("meta.status")), esc(a.Status.Label)},
			[]string{esc(w.t("meta.questionnaire")), esc(a.Questionnaire.Label) + " (" + code(a.Questionnaire.Code) + " " + esc(a.Version) + ")"},
			[]string{esc(w.t("meta.dates")), a.Created.Format("2006-01-02") + " / " + a.Updated.Format("2006-01-02")},
		)
		if a.Baseline != "" {
			rows = append(rows, []string{esc(w.t("meta.baseline")), code(a.Baseline)})
		}
	}
	rows = append(rows,
		[]string{esc(w.t("meta.generated")), d.Generated.Format("2006-01-02 15:04") + " UTC"},
		[]string{esc(w.t("meta.reference")), code(d.Reference)},
	)
	w.table([]string{esc(w.t("meta.item")), esc(w.t("meta.value"))}, rows)
	w.b.WriteString(ProvisionalMarkdown(d.Provisional, w.lang))
}

func (w *mdw) footer(d *Doc) {
	w.line("---")
	w.blank()
	w.para(w.t("footer", d.Generated.Format("2006-01-02")))
}

func refsText(r Refs, lang string) string {
	var parts []string
	if r.MGI != "" {
		parts = append(parts, "MGI "+r.MGI)
	}
	if r.MIPEX != "" {
		parts = append(parts, "MIPEX "+r.MIPEX)
	}
	if len(r.SNIA) > 0 {
		parts = append(parts, "SNIA "+strings.Join(r.SNIA, ", "))
	}
	if len(r.SDG) > 0 {
		parts = append(parts, tr(lang, "sdg")+" "+strings.Join(r.SDG, ", "))
	}
	if len(r.GCM) > 0 {
		parts = append(parts, tr(lang, "gcm")+" "+joinInts(r.GCM))
	}
	return strings.Join(parts, " · ")
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

func gcmNums(g []GCMRef) string {
	s := make([]string, len(g))
	for i, x := range g {
		s[i] = strconv.Itoa(x.Number)
	}
	return strings.Join(s, ", ")
}

func sniaCodes(s []Coded) string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.Code
	}
	return strings.Join(out, ", ")
}

func (w *mdw) indicatorTable(list []Indicator, withScore bool) {
	var rows [][]string
	for _, ind := range list {
		r := []string{code(ind.ID), esc(ind.SectionTitle), esc(ind.Question), esc(ind.Answer)}
		if withScore {
			r = append(r, w.score(ind.Score))
		}
		rows = append(rows, r)
	}
	head := []string{esc(w.t("col.indicator")), esc(w.t("col.section")), esc(w.t("col.question")), esc(w.t("col.answer"))}
	if withScore {
		head = append(head, esc(w.t("col.score")))
		w.table(head, rows, 4)
		return
	}
	w.table(head, rows)
}

func (w *mdw) sectionTable(secs []SectionScore) {
	var rows [][]string
	for _, s := range secs {
		conf := ""
		if s.LowConfidence {
			conf = esc(w.t("low_confidence"))
		}
		if !s.Asked {
			conf = esc(w.t("not_asked"))
		}
		rows = append(rows, []string{esc(s.Title), w.score(s.Score), textBar(s.Score), bandText(s.Band), pct(s.Coverage, w.lang) + " (" + strconv.Itoa(s.Answered) + "/" + strconv.Itoa(s.Relevant) + ")", conf})
	}
	w.table([]string{esc(w.t("col.section")), esc(w.t("col.score")), "0–100", esc(w.t("col.band")), esc(w.t("col.coverage")), esc(w.t("col.confidence"))}, rows, 1)
}

func (w *mdw) diagnostic(d *Doc) {
	dg := d.Diagnostic
	a := d.Assessment
	w.h(2, w.t("diag.participants"))
	var people [][]string
	for _, p := range a.Respondents {
		people = append(people, []string{esc(p.Name), esc(p.Institution), esc(p.Role), strconv.Itoa(p.Answers), strconv.Itoa(p.Consensus)})
	}
	w.table([]string{esc(w.t("col.name")), esc(w.t("col.institution")), esc(w.t("col.role")), esc(w.t("col.answers")), esc(w.t("col.consensus"))}, people, 3, 4)
	w.para(w.t("diag.progress", a.Progress.Answered, a.Progress.Relevant))

	w.h(2, w.t("diag.method"))
	for _, m := range dg.Method {
		w.para(m)
	}
	var bands []string
	for _, b := range dg.Bands {
		bands = append(bands, fmt.Sprintf("%s %s–%s", b.Label, num(b.Min, w.lang), num(b.Max, w.lang)))
	}
	w.para(w.t("bands") + w.colon() + strings.Join(bands, " · "))

	w.h(2, w.t("diag.scores"))
	ov := dg.Overall
	line := "**" + esc(w.t("overall")) + w.colon() + w.score(ov.Score) + "/100"
	if ov.Band != nil {
		line += " — " + esc(ov.Band.Label)
	}
	line += "** (" + esc(w.t("col.coverage")) + " " + pct(ov.Coverage, w.lang) + ")"
	if pv := d.Provisional; pv != nil {
		// Greyed: not in bold, in brackets, said to be provisional.
		line = esc(w.t("overall")) + w.colon() + "(" + w.score(ov.Score) + "/100) — *" + esc(i18n.T(w.lang, "pv.overall", pv.Coverage*100, pv.Threshold*100)) + "*"
	}
	w.line(line)
	w.blank()
	w.sectionTable(dg.Sections)

	w.h(2, w.t("diag.strengths"))
	w.para(w.t("diag.strengths_intro", len(dg.Strengths)))
	w.indicatorTable(dg.Strengths, false)

	w.h(2, w.t("diag.gaps"))
	w.para(w.t("diag.gaps_intro", len(dg.GapsAbsent), len(dg.GapsPartial)))
	w.h(3, w.t("diag.gaps_absent"))
	w.indicatorTable(dg.GapsAbsent, true)
	w.h(3, w.t("diag.gaps_partial"))
	w.indicatorTable(dg.GapsPartial, true)

	w.h(2, w.t("diag.datagaps"))
	w.para(w.t("diag.datagaps_intro"))
	w.h(3, w.t("diag.dont_know"))
	w.indicatorTable(dg.DontKnow, false)
	w.h(3, w.t("diag.unanswered"))
	w.indicatorTable(dg.Unanswered, false)
	w.h(3, w.t("diag.not_applicable"))
	var na [][]string
	for _, ind := range dg.NotApplicable {
		na = append(na, []string{code(ind.ID), esc(ind.Question), esc(ind.Note)})
	}
	w.table([]string{esc(w.t("col.indicator")), esc(w.t("col.question")), esc(w.t("col.note"))}, na)
	if len(dg.Unconfirmed) > 0 {
		w.h(3, w.t("diag.unconfirmed"))
		w.indicatorTable(dg.Unconfirmed, true)
	}
	if len(dg.Divergent) > 0 {
		w.h(3, w.t("diag.divergent"))
		w.para(w.t("diag.divergent_intro"))
		var rows [][]string
		for _, dv := range dg.Divergent {
			rows = append(rows, []string{code(dv.Question), esc(dv.Label), esc(strings.Join(dv.Answers, w.semi())), esc(dv.Working)})
		}
		w.table([]string{esc(w.t("col.question")), esc(w.t("col.label")), esc(w.t("col.answers")), esc(w.t("col.kept"))}, rows)
	}
	w.h(3, w.t("diag.low_coverage"))
	if len(dg.LowCoverage) == 0 {
		w.para(w.t("diag.low_coverage_none"))
	} else {
		w.sectionTable(dg.LowCoverage)
	}

	w.h(2, w.t("diag.notes"))
	w.para(w.t("diag.notes_intro", len(dg.Notes)))
	var notes [][]string
	for _, n := range dg.Notes {
		who := esc(n.Respondent)
		if !n.Counts {
			who += " (" + esc(w.t("superseded")) + ")"
		}
		notes = append(notes, []string{code(n.Question), esc(n.Answer), esc(n.Note), who})
	}
	w.table([]string{esc(w.t("col.question")), esc(w.t("col.answer")), esc(w.t("col.note")), esc(w.t("col.respondent"))}, notes)

	w.h(2, w.t("diag.views"))
	w.para(w.t("diag.views_intro"))
	for _, v := range dg.Views {
		if len(v.Rows) == 0 {
			continue
		}
		w.h(3, v.Title)
		var rows [][]string
		for _, r := range v.Rows {
			rows = append(rows, []string{esc(r.Label), w.score(r.Score), textBar(r.Score), bandText(r.Band), strconv.Itoa(r.Indicators)})
		}
		w.table([]string{esc(w.t("col.code")), esc(w.t("col.score")), "0–100", esc(w.t("col.band")), esc(w.t("col.indicators"))}, rows, 1, 4)
	}

	if len(dg.Context) > 0 {
		w.h(2, w.t("diag.context"))
		var rows [][]string
		for _, c := range dg.Context {
			rows = append(rows, []string{code(c.Question), esc(c.Label), esc(c.Answer)})
		}
		w.table([]string{esc(w.t("col.question")), esc(w.t("col.label")), esc(w.t("col.answer"))}, rows)
	}

	w.h(2, w.t("diag.annex"))
	var rows [][]string
	for _, ind := range dg.Indicators {
		rows = append(rows, []string{code(ind.ID), esc(ind.Answer), w.score(ind.Score), esc(ind.Status.Label), esc(ind.Source.Label), esc(refsText(ind.Refs, w.lang))})
	}
	w.table([]string{esc(w.t("col.indicator")), esc(w.t("col.answer")), esc(w.t("col.score")), esc(w.t("col.status")), esc(w.t("col.source")), esc(w.t("col.refs"))}, rows, 2)
}

func alignText(a Alignment, lang string) string {
	var parts []string
	if len(a.SNIA) > 0 {
		var s []string
		for _, x := range a.SNIA {
			s = append(s, x.Label)
		}
		parts = append(parts, "SNIA "+strings.Join(s, semi(lang)))
	}
	if len(a.SDG) > 0 {
		parts = append(parts, tr(lang, "sdg")+" "+strings.Join(a.SDG, ", "))
	}
	if len(a.GCM) > 0 {
		parts = append(parts, tr(lang, "gcm")+" "+gcmNums(a.GCM))
	}
	return strings.Join(parts, " · ")
}

func factorsText(fs []Factor) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.Label+" = "+f.Text)
	}
	return strings.Join(parts, " · ")
}

func (w *mdw) recommendations(d *Doc) {
	r := d.Recommendations
	for _, p := range r.Intro {
		w.para(p)
	}
	var rows [][]string
	for _, it := range r.Items {
		rows = append(rows, []string{strconv.Itoa(it.Rank), code(it.Measure) + " " + esc(it.Title), "**" + esc(it.PriorityBand.Label) + "** — " + esc(it.Why), esc(it.Horizon.Label), esc(it.Cost.Label), esc(sniaCodes(it.Alignment.SNIA))})
	}
	if len(rows) > 0 {
		w.table([]string{"#", esc(w.t("col.measure")), esc(w.t("col.priority")), esc(w.t("col.horizon")), esc(w.t("col.cost")), "SNIA"}, rows, 0)
	}
	for _, it := range r.Items {
		w.line(fmt.Sprintf("## %d. %s — %s", it.Rank, code(it.Measure), esc(it.Title)))
		w.blank()
		if it.Description != "" {
			w.para(it.Description)
		}
		w.line(fmt.Sprintf("- **%s**%s%s — %s · **%s**%s%s · **%s**%s%s", esc(w.t("col.priority")), w.colon(), esc(it.PriorityBand.Label), esc(it.Why), esc(w.t("col.horizon")), w.colon(), esc(it.Horizon.Label), esc(w.t("col.cost")), w.colon(), esc(it.Cost.Label)))
		w.line("- **" + esc(w.t("rec.because")) + "**" + strings.TrimRight(w.colon(), " "))
		for _, b := range it.Because {
			s := "  - " + code(b.Indicator) + " " + esc(b.Question) + " → **" + esc(orDash(b.Answer, b.Status.Label)) + "** (" + w.score(b.Score) + ")"
			if b.Condition != "" {
				s += " — " + esc(w.t("rec.condition")) + " " + code(b.Condition)
			}
			w.line(s)
		}
		w.line("- **" + esc(w.t("alignment")) + "**" + w.colon() + esc(alignText(it.Alignment, w.lang)))
		w.line("- **" + esc(w.t("col.lead")) + "**" + w.colon() + esc(it.Lead))
		if len(it.Partners) > 0 {
			w.line("- **" + esc(w.t("col.partners")) + "**" + w.colon() + esc(strings.Join(it.Partners, w.semi())))
		}
		if it.KPI != "" {
			w.line("- **" + esc(w.t("col.kpi")) + "**" + w.colon() + esc(kpiText(it.KPI, it.KPIUnit)))
		}
		if len(it.Sources) > 0 {
			var names []string
			for _, s := range it.Sources {
				names = append(names, s.Label)
			}
			w.line("- **" + esc(w.t("sources")) + "**" + w.colon() + esc(strings.Join(names, w.semi())))
		}
		w.blank()
	}
	if r.Annex != nil && len(r.Items) > 0 {
		w.h(2, r.Annex.Title)
		w.para(r.Annex.Text)
		w.line("- " + esc(r.Annex.FormulaLabel) + w.colon() + code(r.Annex.Formula))
		for _, k := range r.Annex.TieBreak {
			w.line("- " + esc(r.Annex.TieLabel) + w.colon() + code(k))
		}
		w.blank()
		var rows [][]string
		for _, it := range r.Items {
			rows = append(rows, []string{strconv.Itoa(it.Rank), code(it.Measure), numExact(it.Priority, w.lang), esc(factorsText(it.Factors))})
		}
		w.table([]string{"#", esc(w.t("col.measure")), esc(w.t("col.priority")), esc(w.t("rec.how"))}, rows, 0, 2)
	}
}

func orDash(s, alt string) string {
	if s != "" {
		return s
	}
	if alt != "" {
		return alt
	}
	return "—"
}

func kpiText(kpi, unit string) string {
	if unit == "" {
		return kpi
	}
	return kpi + " (" + unit + ")"
}

func baselineText(a Action, lang string) string {
	var parts []string
	for _, b := range a.Baseline {
		parts = append(parts, b.Indicator+" = "+nump(b.Score, lang))
	}
	s := strings.Join(parts, ", ")
	if a.BaseMean != nil && len(a.Baseline) > 1 {
		s += " (" + tr(lang, "mean") + " " + nump(a.BaseMean, lang) + ")"
	}
	return s
}

func (w *mdw) pilot(d *Doc) {
	pl := d.Pilot
	w.h(2, pl.Title)
	w.para(pl.Summary)
	w.line(fmt.Sprintf("- **%s**%s%s", esc(w.t("pilot.duration")), w.colon(), esc(w.t("months", pl.DurationMonths))))
	var fam []string
	for _, f := range pl.Family {
		s := code(f.Measure) + " " + esc(f.Title)
		if f.Rank > 0 {
			s += " (" + esc(w.t("rank")) + " " + strconv.Itoa(f.Rank) + ")"
		} else {
			s += " (" + esc(w.t("not_triggered")) + ")"
		}
		fam = append(fam, s)
	}
	w.line("- **" + esc(w.t("pilot.family")) + "**" + w.colon() + strings.Join(fam, w.semi()))
	w.blank()

	w.h(2, w.t("pilot.context"))
	for _, p := range pl.Context {
		w.para(p)
	}
	w.sectionTable(pl.Sections)
	w.h(3, w.t("pilot.evidence"))
	var rows [][]string
	for _, ev := range pl.Evidence {
		rows = append(rows, []string{code(ev.ID), esc(ev.Question), esc(orDash(ev.Answer, ev.Status.Label)), w.score(ev.Score), esc(ev.Note)})
	}
	w.table([]string{esc(w.t("col.indicator")), esc(w.t("col.question")), esc(w.t("col.answer")), esc(w.t("col.score")), esc(w.t("col.evidence"))}, rows, 3)

	w.h(2, w.t("pilot.objectives"))
	w.line("**" + esc(w.t("pilot.general_objective")) + "**" + w.colon() + esc(pl.GeneralObjective))
	w.blank()
	w.line("**" + esc(w.t("pilot.specific_objectives")) + "**" + strings.TrimRight(w.colon(), " "))
	w.blank()
	w.numbered(pl.SpecificObjectives)

	w.h(2, w.t("pilot.targets"))
	w.list(pl.TargetGroups)

	w.h(2, w.t("pilot.activities"))
	var acts []string
	for _, a := range pl.Activities {
		acts = append(acts, a.Text+" — "+w.t("months_span", a.Start, a.End))
	}
	w.numbered(acts)

	w.h(2, w.t("pilot.results"))
	w.numbered(pl.Results)

	w.h(2, w.t("pilot.logframe"))
	rows = nil
	join := func(s []string) string {
		if len(s) == 0 {
			return "—"
		}
		e := make([]string, len(s))
		for i, x := range s {
			e[i] = "• " + esc(x)
		}
		return strings.Join(e, " ")
	}
	for _, r := range pl.Logframe {
		rows = append(rows, []string{"**" + esc(r.Level) + "**", join(r.Items), join(r.Indicators), join(r.Sources), join(r.Assumptions)})
	}
	w.table([]string{esc(w.t("lf.level")), esc(w.t("lf.logic")), esc(w.t("lf.indicators")), esc(w.t("lf.sources")), esc(w.t("lf.assumptions"))}, rows)

	w.h(2, w.t("pilot.chronogram"))
	w.para(pl.CalendarNote)
	head := []string{"#"}
	for m := 1; m <= pl.DurationMonths; m++ {
		head = append(head, w.t("month_short", m))
	}
	rows = nil
	for _, a := range pl.Activities {
		rows = append(rows, append([]string{strconv.Itoa(a.Number)}, spanCells(a.Start, a.End, pl.DurationMonths)...))
	}
	w.table(head, rows)

	w.h(2, w.t("pilot.partners"))
	rows = nil
	for _, p := range pl.Partners {
		rows = append(rows, []string{esc(p.Name), esc(p.Role)})
	}
	w.table([]string{esc(w.t("col.partner")), esc(w.t("col.role"))}, rows)

	w.h(2, w.t("pilot.budget"))
	w.para(pl.BudgetNote)
	rows = nil
	for i, b := range pl.BudgetLines {
		rows = append(rows, []string{strconv.Itoa(i + 1), esc(b), "", ""})
	}
	w.table([]string{"#", esc(w.t("col.budget_line")), esc(w.t("col.amount")), esc(w.t("col.funding"))}, rows)

	w.h(2, w.t("pilot.risks"))
	rows = nil
	for _, r := range pl.Risks {
		rows = append(rows, []string{esc(r.Risk), esc(r.Mitigation)})
	}
	w.table([]string{esc(w.t("col.risk")), esc(w.t("col.mitigation"))}, rows)

	w.h(2, w.t("pilot.monitoring"))
	for _, p := range pl.Monitoring {
		w.para(p)
	}
	rows = nil
	for _, ind := range pl.Indicators {
		rows = append(rows, []string{esc(ind.Label), esc(ind.Source)})
	}
	w.table([]string{esc(w.t("lf.indicators")), esc(w.t("lf.sources"))}, rows)
	if pl.Sustainability != "" {
		w.h(3, w.t("pilot.sustainability"))
		w.para(pl.Sustainability)
	}

	w.h(2, w.t("alignment"))
	rows = nil
	for _, s := range pl.Alignment.SNIA {
		rows = append(rows, []string{"SNIA", esc(s.Label)})
	}
	for _, s := range pl.Alignment.SDG {
		rows = append(rows, []string{esc(w.t("sdg")), esc(w.t("sdg_target", s))})
	}
	for _, g := range pl.Alignment.GCM {
		rows = append(rows, []string{esc(w.t("gcm")), esc(strconv.Itoa(g.Number) + " — " + g.Label)})
	}
	w.table([]string{esc(w.t("col.framework")), esc(w.t("col.reference"))}, rows)
}

func (w *mdw) comparison(d *Doc) {
	cm := d.Comparison
	for _, p := range cm.Intro {
		w.para(p)
	}
	for _, warn := range cm.Warnings {
		w.line("> " + esc(warn))
		w.blank()
	}
	w.h(2, w.t("cmp.assessments"))
	var rows [][]string
	for i, c := range cm.Columns {
		demo := ""
		if c.Demo {
			demo = " (" + esc(w.t("demo")) + ")"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), code(c.ID), esc(c.Region.Label), esc(c.Round) + demo, esc(c.Status.Label), esc(c.Questionnaire.Code + " " + c.Version), pct(cm.Coverage[i], w.lang)})
	}
	w.table([]string{"#", esc(w.t("meta.assessment")), esc(w.t("meta.region")), esc(w.t("meta.round")), esc(w.t("meta.status")), esc(w.t("meta.questionnaire")), esc(w.t("col.coverage"))}, rows, 6)
	withDelta := cm.Mode == ModeFollowUp
	scoreRows := func(list []CompareRow, useCode bool) {
		head := []string{esc(w.t("col.label"))}
		var right []int
		for i := range cm.Columns {
			head = append(head, strconv.Itoa(i+1))
			right = append(right, i+1)
		}
		if withDelta {
			head = append(head, "Δ")
			right = append(right, len(cm.Columns)+1)
		}
		var rows [][]string
		for _, r := range list {
			label := esc(r.Label)
			if useCode {
				label = code(r.ID) + " " + label
			}
			row := []string{label}
			for _, v := range r.Values {
				row = append(row, w.score(v))
			}
			if withDelta {
				row = append(row, signed(r.Delta, w.lang))
			}
			rows = append(rows, row)
		}
		w.table(head, rows, right...)
	}
	w.h(2, w.t("cmp.scores"))
	scoreRows(append([]CompareRow{cm.Overall}, cm.Sections...), false)
	w.h(2, w.t("cmp.views"))
	scoreRows(cm.Views, false)
	w.h(2, w.t("cmp.indicators"))
	scoreRows(cm.Indicators, true)
	w.h(2, w.t("cmp.measures"))
	w.para(w.t("cmp.measures_intro"))
	head := []string{esc(w.t("col.measure"))}
	for i := range cm.Columns {
		head = append(head, strconv.Itoa(i+1))
	}
	rows = nil
	for _, m := range cm.Measures {
		r := []string{code(m.Measure) + " " + esc(m.Title)}
		for _, rk := range m.Ranks {
			if rk > 0 {
				r = append(r, strconv.Itoa(rk))
			} else {
				r = append(r, "—")
			}
		}
		rows = append(rows, r)
	}
	w.table(head, rows)
	if withDelta {
		w.h(2, w.t("cmp.resolved"))
		var items []string
		for _, m := range cm.Resolved {
			items = append(items, m.Measure+" — "+m.Title)
		}
		w.list(items)
		w.h(2, w.t("cmp.new"))
		items = nil
		for _, m := range cm.New {
			items = append(items, m.Measure+" — "+m.Title)
		}
		w.list(items)
		w.changes(cm.Changes)
		if cm.Effects != nil {
			w.effects(cm.Effects)
		}
	}
}

// saidText joins notes or reasons as "who: text; who: text".
func saidText(list []Said, lang string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = s.Who + colon(lang) + s.Text
	}
	return strings.Join(parts, semi(lang))
}

// changeText is "before → after (Δ)".
func changeText(before, after string, from, to, delta *float64, lang string) string {
	return fmt.Sprintf("%s (%s) → %s (%s), Δ %s", before, nump(from, lang), after, nump(to, lang), signed(delta, lang))
}

func (w *mdw) changes(list []ChangeReason) {
	w.h(2, w.t("cmp.changes"))
	w.para(w.t("cmp.changes_intro"))
	var rows [][]string
	for _, c := range list {
		notes, reasons := esc(saidText(c.Notes, w.lang)), esc(saidText(c.Reasons, w.lang))
		if notes == "" && reasons == "" {
			notes = esc(w.t("cmp.no_reason"))
		}
		rows = append(rows, []string{code(c.Indicator) + " " + esc(c.Label), esc(changeText(c.Before, c.After, c.From, c.To, c.Delta, w.lang)), notes, reasons})
	}
	w.table([]string{esc(w.t("col.indicator")), esc(w.t("col.change")), esc(w.t("col.notes")), esc(w.t("col.reasons"))}, rows)
}

// indicatorDeltas is "ind from → to (Δ); …".
func indicatorDeltas(list []IndicatorDelta, lang string) string {
	parts := make([]string, len(list))
	for i, d := range list {
		parts[i] = fmt.Sprintf("%s %s → %s (%s)", d.Indicator, nump(d.From, lang), nump(d.To, lang), signed(d.Delta, lang))
	}
	return strings.Join(parts, semi(lang))
}

func (w *mdw) effects(e *Effects) {
	w.h(2, w.t("eff.title"))
	w.para(e.Intro)
	if len(e.Measures) == 0 {
		w.para(w.t("eff.none"))
		return
	}
	var rows [][]string
	for _, m := range e.Measures {
		status := esc(m.Status.Label)
		if m.Owner != "" {
			status += " · " + esc(m.Owner)
		}
		rows = append(rows, []string{code(m.Measure) + " " + esc(m.Title), status, esc(indicatorDeltas(m.Indicators, w.lang)), "**" + esc(m.Verdict.Label) + "** — " + esc(m.Line)})
	}
	w.table([]string{esc(w.t("col.measure")), esc(w.t("col.status")), esc(w.t("col.indicators") + " (" + e.Baseline + " → " + e.FollowUp + ")"), esc(w.t("col.verdict"))}, rows)
}

func (w *mdw) progress(p Progress) {
	w.h(2, w.t("progress.title"))
	w.para(p.Summary)
	if len(p.Measures) == 0 {
		return
	}
	var rows [][]string
	for _, l := range p.Measures {
		m := code(l.Measure) + " " + esc(l.Title)
		if !l.Triggered {
			m += " (" + esc(w.t("progress.not_triggered")) + ")"
		}
		rows = append(rows, []string{m, esc(l.Status.Label), esc(l.Owner), esc(l.Note), dateText(l.Updated)})
	}
	w.table([]string{esc(w.t("col.measure")), esc(w.t("col.status")), esc(w.t("col.owner")), esc(w.t("col.last_note")), esc(w.t("col.updated"))}, rows)
}

// dateText is a day, or empty for the zero time.
func dateText(t interface {
	IsZero() bool
	Format(string) string
}) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// agendaTable lays out the questions the workshop settles: one row per
// respondent, the question, its section, the answer kept and the blank
// decision cell on the first row of each question.
func (w *mdw) agendaTable(items []AgendaItem) {
	var rows [][]string
	for _, it := range items {
		for i, a := range it.Answers {
			r := make([]string, 8)
			if i == 0 {
				r[0] = code(it.Question) + " " + esc(it.Label)
				r[1] = esc(it.SectionTitle)
				kept := esc(orDash(it.Working, "")) + " (" + w.score(it.WorkingScore) + ")"
				if it.Source.Label != "" {
					kept += " — " + esc(it.Source.Label)
				}
				if it.WorkingNote != "" {
					kept += w.colon() + esc(it.WorkingNote)
				}
				r[6] = kept
			}
			r[2] = esc(a.Respondent)
			r[3] = esc(a.Answer)
			r[4] = w.score(a.Score)
			r[5] = esc(a.Note)
			rows = append(rows, r)
		}
	}
	w.table([]string{esc(w.t("col.question")), esc(w.t("col.section")), esc(w.t("col.respondent")), esc(w.t("col.answer")), esc(w.t("col.score")),
		esc(w.t("col.note")), esc(w.t("col.kept")), esc(w.t("col.decision"))}, rows, 4)
}

func (w *mdw) divergence(d *Doc) {
	ag := d.Divergence
	for _, p := range ag.Intro {
		w.para(p)
	}
	if !ag.Arbitrate {
		return
	}
	w.h(2, w.t("div.divergent"))
	w.para(w.t("div.divergent_intro"))
	if len(ag.Divergent) == 0 {
		w.para(w.t("div.divergent_none"))
	} else {
		w.agendaTable(ag.Divergent)
	}
	w.h(2, w.t("div.dont_know"))
	w.para(w.t("div.dont_know_intro"))
	if len(ag.DontKnow) == 0 {
		w.para(w.t("div.dont_know_none"))
	} else {
		w.agendaTable(ag.DontKnow)
	}
}

// Markdown renders a report as Markdown.
func Markdown(d *Doc) []byte {
	w := &mdw{lang: d.Lang}
	w.header(d)
	switch {
	case d.Diagnostic != nil:
		w.diagnostic(d)
	case d.Divergence != nil:
		w.divergence(d)
	case d.Recommendations != nil:
		w.recommendations(d)
	case d.ActionPlan != nil:
		w.actionPlan(d)
	case d.Summary != nil:
		w.summary(d)
	case d.Pilot != nil:
		w.pilot(d)
	case d.Comparison != nil:
		w.comparison(d)
	}
	w.footer(d)
	if i18n.RTL(d.Lang) {
		return IsolateMarkdown([]byte(w.b.String()))
	}
	return []byte(w.b.String())
}

// spanCells draws one row of a timeline in Markdown: n cells, ■ from the
// period start to end (both counted from 1), · elsewhere.
func spanCells(start, end, n int) []string {
	cells := make([]string, n)
	for i := range cells {
		if i+1 >= start && i+1 <= end {
			cells[i] = "■"
		} else {
			cells[i] = "·"
		}
	}
	return cells
}
