package reports

import (
	"html/template"
	"strconv"
)

// planFuncs are the template functions of the action plan and the summary.
func planFuncs(lang string, rtl bool) template.FuncMap {
	return template.FuncMap{
		"cost":        func(r *Range) string { return costText(r, lang) },
		"costv":       func(r Range) string { return madRange(r, lang) },
		"funding":     func(fs []Coded) string { return fundingText(fs, semi(lang)) },
		"kpiTarget":   func(a Action) string { return kpiTargetText(a, lang) },
		"scoreTarget": func(a Action) string { return scoreTargetText(a, lang) },
		"planGantt": func(ap *ActionPlan) *Chart {
			var rows []ganttRow
			for i, o := range ap.Objectives {
				rows = append(rows, ganttRow{Label: tr(lang, "sp.objective_n", o.Number, o.Title), Group: true})
				for _, a := range o.Actions {
					rows = append(rows, ganttRow{Label: a.Ref + " " + a.Title, Title: a.Title + " — " + a.Period, Start: a.Start, End: a.End, Color: paletteColor(i)})
				}
			}
			return ganttChart(rows, ap.Years, nil, "", rtl, tr(lang, "plan.chronogram"), 300)
		},
		"itoa": strconv.Itoa,
	}
}

// planCSS styles the plan and the summary, and the printed page's running
// header (region and round, set per document) and page numbers.
const planCSS = `
@page { @top-center { font: 8pt sans-serif; color: #52606d; } }
blockquote.vision { margin: 8px 0 12px; padding: 8px 14px; border-inline-start: 5px solid var(--accent); background: #eef6f7; font-size: 11pt; }
table.objectives td { vertical-align: top; }
tr.total th { border-top: 2px solid #9fb3c8; }
section.objective { margin-top: 8px; }
section.objective > h3 { color: var(--accent); font-size: 12pt; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
.card h4 { margin: 2px 0 6px; font-size: 10.5pt; }
.ref.small { font-size: 8pt; min-width: 0; padding: 0 4px; }
.sumgrid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; align-items: start; }
.sumgrid figure.radar { margin: 0; }
ol.priorities li { margin: 6px 0; }
.tag.declared { background: #e6f2f3; border-color: #0b5563; color: #0b5563; }
@media print { blockquote.vision { break-inside: avoid-page; } }
`

const planTemplate = `
{{define "plan"}}{{$p := .ActionPlan}}
<section id="intro">{{range $p.Intro}}<p>{{.}}</p>{{end}}{{range $p.Notes}}<p class="warnbox">{{.}}</p>{{end}}</section>
<section id="context"><h2>{{t "sp.h.context"}}</h2>
{{range $p.Context.Lines}}<p>{{.}}</p>{{end}}
{{if $p.Context.Sections}}<table class="sections"><thead><tr><th>{{t "col.section"}}</th><th class="num">{{t "col.score"}}</th><th class="barcol">0–100</th><th>{{t "col.band"}}</th><th class="num">{{t "col.coverage"}}</th></tr></thead>
<tbody>{{range $p.Context.Sections}}<tr><td>{{.Title}}</td><td class="num">{{score .Score}}</td><td class="barcol">{{template "minibar" .}}</td><td>{{template "band" .Band}}</td><td class="num"><bdi>{{pct .Coverage}}</bdi></td></tr>{{end}}</tbody></table>{{end}}
<h3>{{t "sp.participants"}}</h3>
{{if $p.Context.Respondents}}<ul class="plain">{{range $p.Context.Respondents}}<li><bdi>{{.Name}}</bdi>{{if .Institution}} — <span dir="auto">{{.Institution}}</span>{{end}}{{if .Role}} <span class="muted">(<span dir="auto">{{.Role}}</span>)</span>{{end}}</li>{{end}}</ul>{{else}}<p class="muted">{{t "none"}}</p>{{end}}
{{if $p.Context.Sessions}}<p><span class="muted">{{t "sp.sessions"}}{{colon}}</span><bdi>{{join $p.Context.Sessions ", "}}</bdi></p>{{end}}
</section>
<section id="priorities"><h2>{{t "sp.h.priorities"}}</h2>{{range $p.Priorities.Lines}}<p>{{.}}</p>{{end}}</section>
<section id="vision"><h2>{{t "sp.h.vision"}}</h2>
<blockquote class="vision"><strong>{{t "sp.vision"}}{{colon}}</strong>{{$p.Vision}}</blockquote>
<table class="objectives"><thead><tr><th class="num">#</th><th>{{t "sp.col.objective"}}</th><th>{{t "sp.col.sections"}}</th><th>{{t "sp.col.actions"}}</th><th class="num">{{t "sp.col.cost"}}</th></tr></thead>
<tbody>{{range $p.Objectives}}<tr><td class="num">{{.Number}}</td><td><strong>{{.Title}}</strong>{{if .Declared}} <span class="tag declared">{{t "sp.declared_tag"}}</span>{{end}}</td><td>{{range $i, $s := .Sections}}{{if $i}}; {{end}}{{$s.Title}} <bdi>({{score $s.Score}})</bdi>{{end}}</td><td>{{range .Actions}}<span class="ref small">{{.Ref}}</span> {{end}}</td><td class="num"><bdi>{{costv .Cost}}</bdi></td></tr>{{end}}</tbody></table>
</section>
<section id="actions"><h2>{{t "sp.h.actions"}}</h2><p class="muted">{{t "sp.cap_note" $p.Max}}</p>
{{range $p.Objectives}}<section class="objective"><h3>{{t "sp.objective_n" .Number .Title}}</h3>{{if .Description}}<p>{{.Description}}</p>{{end}}<p class="muted">{{.Why}}</p>
{{range .Actions}}<article class="card action">
<h4><span class="ref">{{.Ref}}</span> {{.Title}} <code>{{.Measure}}</code></h4>
<p><span class="muted">{{t "col.objective"}}{{colon}}</span>{{.Objective}}</p>
{{if .Activities}}<div class="acts"><span class="muted">{{t "col.activities"}}{{colon}}</span><ol>{{range .Activities}}<li>{{.}}</li>{{end}}</ol></div>{{end}}
<dl class="grid">
<div><dt>{{t "col.lead"}}</dt><dd>{{.Lead}}</dd></div>
<div><dt>{{t "sp.col.phase"}}</dt><dd>{{.Period}}</dd></div>
<div><dt>{{t "sp.col.cost"}}</dt><dd><bdi>{{cost .CostMAD}}</bdi></dd></div>
<div><dt>{{t "col.priority"}}</dt><dd><span class="priority-band {{.PriorityBand.Code}}">{{.PriorityBand.Label}}</span> <span class="small">{{.Why}} ({{t "rank"}} {{.Rank}})</span></dd></div>
<div class="span2"><dt>{{t "sp.col.funding"}}</dt><dd>{{funding .Funding}}</dd></div>
<div class="span2"><dt>{{t "col.status"}}</dt><dd>{{or .Status "—"}}{{if .Owner}} · <span dir="auto">{{.Owner}}</span>{{end}}</dd></div>
<div class="span2"><dt>{{t "sp.col.kpi_target"}}</dt><dd><bdi>{{kpiTarget .}}</bdi></dd></div>
<div class="span2"><dt>{{t "sp.col.score_now"}}</dt><dd><bdi>{{scoreTarget .}}</bdi></dd></div>
{{if .Partners}}<div class="span4"><dt>{{t "col.partners"}}</dt><dd>{{join .Partners (semi)}}</dd></div>{{end}}
{{if .Note}}<div class="span4"><dt>{{t "col.comment"}}</dt><dd dir="auto">{{.Note}}</dd></div>{{end}}
</dl></article>
{{end}}</section>{{end}}</section>
<section id="phases"><h2>{{t "sp.h.phases"}}</h2><p class="muted">{{$p.CalendarNote}}</p>
<table><thead><tr><th>{{t "sp.col.phase"}}</th><th>{{t "sp.col.actions"}}</th><th class="num">{{t "sp.col.cost"}}</th></tr></thead>
<tbody>{{range $p.Phases}}<tr><td>{{.Label}}</td><td>{{range .Actions}}<span class="ref small">{{.}}</span> {{end}}</td><td class="num"><bdi>{{costv .Cost}}</bdi></td></tr>{{end}}</tbody></table>
<figure>{{template "chart" (planGantt $p)}}</figure></section>
<section id="budget"><h2>{{t "sp.h.budget"}}</h2><p class="muted">{{$p.Budget.Note}}</p>
<h3>{{t "sp.budget_by_year"}}</h3>
<table><thead><tr><th>{{t "sp.col.year"}}</th><th class="num">{{t "sp.col.cost"}}</th><th>{{t "sp.col.actions"}}</th></tr></thead>
<tbody>{{range $p.Budget.ByYear}}<tr><td>{{.Label}}</td><td class="num"><bdi>{{costv .Cost}}</bdi></td><td class="small">{{join .Actions ", "}}</td></tr>{{end}}
<tr class="total"><th>{{t "sp.col.total"}}</th><th class="num"><bdi>{{costv $p.Budget.Total}}</bdi></th><th></th></tr></tbody></table>
{{if $p.Budget.EmptyYears}}<p class="muted">{{$p.Budget.EmptyYears}}</p>{{end}}
<h3>{{t "sp.budget_by_objective"}}</h3>
<table><thead><tr><th>{{t "sp.col.objective"}}</th><th class="num">{{t "sp.col.cost"}}</th></tr></thead>
<tbody>{{range $p.Budget.ByObjective}}<tr><td>{{.Label}}</td><td class="num"><bdi>{{costv .Cost}}</bdi></td></tr>{{end}}</tbody></table>
<h3>{{t "sp.budget_by_funding"}}</h3>
<table><thead><tr><th>{{t "sp.col.source"}}</th><th class="num">{{t "sp.col.cost"}}</th><th>{{t "sp.col.actions"}}</th></tr></thead>
<tbody>{{range $p.Budget.ByFunding}}<tr><td>{{.Label}}</td><td class="num"><bdi>{{costv .Cost}}</bdi></td><td class="small">{{join .Actions ", "}}</td></tr>{{end}}</tbody></table>
{{if $p.Budget.Uncosted}}<p class="muted">{{t "sp.uncosted" (join $p.Budget.Uncosted ", ")}}</p>{{end}}</section>
<section id="steering"><h2>{{t "sp.h.steering"}}</h2>
{{if $p.Steering}}<dl class="fields">{{range $p.Steering}}<div><dt>{{.Title}}</dt><dd>{{.Text}}</dd></div>{{end}}</dl>{{end}}
<h3>{{t "sp.h.kpis"}}</h3><p>{{t "sp.kpis_intro"}}</p>
<table class="small"><thead><tr><th>{{t "col.ref"}}</th><th>{{t "col.measure"}}</th><th>{{t "sp.col.kpi_target"}}</th><th>{{t "sp.col.score_now"}}</th><th>{{t "col.status"}}</th><th class="fill">{{t "col.done"}}</th><th class="fill">{{t "col.comment"}}</th></tr></thead>
<tbody>{{range $p.Objectives}}{{range .Actions}}<tr><td>{{.Ref}}</td><td><code>{{.Measure}}</code></td><td><bdi>{{kpiTarget .}}</bdi></td><td><bdi>{{scoreTarget .}}</bdi></td><td>{{.Status}}</td><td class="fill"></td><td class="fill" dir="auto">{{.Note}}</td></tr>{{end}}{{end}}</tbody></table>
{{with $p.Progress}}{{if .Measures}}<h3>{{t "progress.title"}}</h3><p>{{.Summary}}</p>
<table class="small"><thead><tr><th>{{t "col.measure"}}</th><th>{{t "col.status"}}</th><th>{{t "col.owner"}}</th><th>{{t "col.last_note"}}</th><th>{{t "col.updated"}}</th></tr></thead>
<tbody>{{range .Measures}}<tr><td><code>{{.Measure}}</code> {{.Title}}{{if not .Triggered}} <span class="muted small">({{t "progress.not_triggered"}})</span>{{end}}</td><td>{{.Status.Label}}</td><td dir="auto">{{.Owner}}</td><td class="evidence" dir="auto">{{.Note}}</td><td><bdi>{{dateText .Updated}}</bdi></td></tr>{{end}}</tbody></table>{{end}}{{end}}
</section>
{{with $p.Effects}}{{template "effects" .}}{{end}}
<section id="annex" class="annex"><h2>{{t "sp.h.annex"}}</h2><p>{{t "sp.annex_intro" $p.Max}}</p>
{{if $p.Annex}}<table class="small"><thead><tr><th class="num">{{t "rank"}}</th><th>{{t "col.measure"}}</th><th>{{t "col.section"}}</th><th>{{t "sp.col.phase"}}</th><th class="num">{{t "sp.col.cost"}}</th><th>{{t "col.priority"}}</th></tr></thead>
<tbody>{{range $p.Annex}}<tr><td class="num">{{.Rank}}</td><td><code>{{.Measure}}</code> {{.Title}}</td><td>{{.Section}}</td><td>{{.Phase}}</td><td class="num"><bdi>{{cost .Cost}}</bdi></td><td><span class="priority-band {{.Band.Code}}">{{.Band.Label}}</span></td></tr>{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}</section>
<section id="coverage" class="annex"><h2>{{t "sp.h.coverage"}}</h2><p>{{t "plan.coverage_intro"}}</p>
<h3>{{t "plan.cov_snia"}}</h3>
<table class="small"><thead><tr><th>{{t "col.programme"}}</th><th>{{t "col.measures"}}</th></tr></thead>
<tbody>{{range $p.SNIACoverage}}<tr{{if not .Measures}} class="muted"{{end}}><td>{{.Label}}</td><td>{{if .Measures}}{{range .Measures}}<code>{{.}}</code> {{end}}{{else}}—{{end}}</td></tr>{{end}}</tbody></table>
<h3>{{t "plan.cov_sdg"}}</h3>
{{if $p.SDGCoverage}}<table class="small"><thead><tr><th>{{t "col.target_sdg"}}</th><th>{{t "col.measures"}}</th></tr></thead>
<tbody>{{range $p.SDGCoverage}}<tr><td>{{.Label}}</td><td>{{range .Measures}}<code>{{.}}</code> {{end}}</td></tr>{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}
<h3>{{t "plan.cov_gcm"}}</h3>
{{if $p.GCMCoverage}}<table class="small"><thead><tr><th>{{t "col.objective_gcm"}}</th><th>{{t "col.measures"}}</th></tr></thead>
<tbody>{{range $p.GCMCoverage}}<tr><td>{{.Code}} — {{.Label}}</td><td>{{range .Measures}}<code>{{.}}</code> {{end}}</td></tr>{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}</section>
{{end}}

{{define "summary"}}{{$s := .Summary}}
<section id="lead">{{range $s.Lead}}<p class="lead">{{.}}</p>{{end}}</section>
<section id="scores"><h2>{{t "sum.h.scores"}}</h2>
<div class="sumgrid"><div>
<div class="overall"><div class="big" style="border-color: {{bandColor $s.Overall.Band}}"><span class="value">{{score $s.Overall.Score}}</span><span class="unit">/100</span></div>
<div><p class="ovlabel">{{t "overall"}}</p>{{template "band" $s.Overall.Band}}<p class="muted">{{t "col.coverage"}}{{colon}}<bdi>{{pct $s.Overall.Coverage}}</bdi></p></div></div>
<table class="sections small"><thead><tr><th>{{t "col.section"}}</th><th class="num">{{t "col.score"}}</th><th class="barcol">0–100</th></tr></thead>
<tbody>{{range $s.Sections}}<tr><td>{{.Title}}</td><td class="num">{{score .Score}}</td><td class="barcol">{{template "minibar" .}}</td></tr>{{end}}</tbody></table></div>
{{with radar $s.Sections}}<figure class="radar">{{template "chart" .}}</figure>{{else}}<figure>{{template "chart" (sectionBars $s.Sections)}}</figure>{{end}}</div></section>
<section id="priorities"><h2>{{t "sum.h.priorities"}}</h2><p>{{t "sum.priorities_intro"}}</p>
<ol class="priorities">{{range $s.Priorities}}<li><strong>{{.Title}}</strong> <code>{{.Measure}}</code> <span class="priority-band {{.Band.Code}}">{{.Band.Label}}</span><div>{{.Why}}</div><div class="muted small">{{t "sum.when_cost" .When (cost .Cost)}}</div></li>{{end}}</ol></section>
<section id="pilot"><h2>{{t "sum.h.pilot"}}</h2><p>{{$s.Pilot}}</p></section>
<section id="next"><h2>{{t "sum.h.next"}}</h2><ol>{{range $s.NextSteps}}<li>{{.}}</li>{{end}}</ol></section>
{{end}}
`

func planCSV(d *Doc) [][]string {
	t := func(k string, args ...any) string { return tr(d.Lang, k, args...) }
	rows := [][]string{{t("sp.col.objective"), t("col.ref"), t("col.measure"), t("col.title"), t("col.objective"), t("col.activities"),
		t("col.lead"), t("col.partners"), t("sp.col.phase"), "cost_mad_min", "cost_mad_max", t("sp.col.funding"), t("col.kpi"), t("sp.col.kpi_target"),
		"kpi_baseline", "kpi_target", t("col.baseline"), t("col.target"), t("col.priority"), t("col.rank"), t("col.status"), t("col.owner"), t("col.last_note"), t("col.updated")}}
	for _, o := range d.ActionPlan.Objectives {
		for _, a := range o.Actions {
			var lo, hi, kb, kt, unit string
			if a.CostMAD != nil {
				lo, hi = csvF(a.CostMAD.Min), csvF(a.CostMAD.Max)
			}
			if a.KPITarget != nil {
				unit, kb, kt = a.KPITarget.Unit, csvF(a.KPITarget.Baseline), csvF(a.KPITarget.Target)
			}
			rows = append(rows, []string{t("sp.objective_n", o.Number, o.Title), a.Ref, a.Measure, a.Title, a.Objective, joinSemi(a.Activities),
				a.Lead, joinSemi(a.Partners), a.Period, lo, hi, fundingText(a.Funding, "; "), a.KPI, unit, kb, kt, baselineText(a, "en"),
				csvF(a.Target), csvF(a.Priority), strconv.Itoa(a.Rank), a.Status, a.Owner, a.Note, updatedText(a.Updated)})
		}
	}
	for _, l := range d.ActionPlan.Annex {
		var lo, hi string
		if l.Cost != nil {
			lo, hi = csvF(l.Cost.Min), csvF(l.Cost.Max)
		}
		rows = append(rows, []string{t("sp.h.annex"), "", l.Measure, l.Title, "", "", "", "", l.Phase, lo, hi, "", "", "", "", "", "", "", csvF(l.Priority), strconv.Itoa(l.Rank), "", "", "", ""})
	}
	return rows
}

func summaryCSV(d *Doc) [][]string {
	t := func(k string, args ...any) string { return tr(d.Lang, k, args...) }
	rows := [][]string{{t("col.part"), "#", t("col.label"), t("col.score"), t("col.detail")}}
	rows = append(rows, []string{t("sum.h.scores"), "0", t("overall"), csvNum(d.Summary.Overall.Score), ""})
	for i, s := range d.Summary.Sections {
		rows = append(rows, []string{t("sum.h.scores"), strconv.Itoa(i + 1), s.Title, csvNum(s.Score), ""})
	}
	for i, p := range d.Summary.Priorities {
		rows = append(rows, []string{t("sum.h.priorities"), strconv.Itoa(i + 1), p.Measure + " " + p.Title, csvF(p.Score), p.Why})
	}
	rows = append(rows, []string{t("sum.h.pilot"), "1", d.Summary.PilotTitle, "", d.Summary.Pilot})
	for i, s := range d.Summary.NextSteps {
		rows = append(rows, []string{t("sum.h.next"), strconv.Itoa(i + 1), s, "", ""})
	}
	return rows
}

func joinSemi(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}
