package reports

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"
)

// HTML renders a report as one self-contained HTML file: inline CSS and SVG,
// no script, no external resource, an A4 print stylesheet, and a
// right-to-left layout in Arabic. Every text is escaped by html/template.
func HTML(d *Doc) ([]byte, error) {
	var buf bytes.Buffer
	if err := htmlTemplate(d).ExecuteTemplate(&buf, "page", d); err != nil {
		return nil, err
	}
	if d.Dir == "rtl" {
		return IsolateHTML(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

// ink picks a text color readable on a background color.
func ink(hex string) string {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return "#ffffff"
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return "#ffffff"
	}
	r, g, b := float64(v>>16&255), float64(v>>8&255), float64(v&255)
	if 0.299*r+0.587*g+0.114*b > 150 {
		return "#1f2933"
	}
	return "#ffffff"
}

type cmpTableData struct {
	Labels   []string
	FollowUp bool
	Rows     []cmpRowData
}

type cmpRowData struct {
	Row  CompareRow
	Code bool
}

func htmlTemplate(d *Doc) *template.Template {
	lang := d.Lang
	rtl := d.Dir == "rtl"
	bandColor := func(b *Band) string {
		if b == nil {
			return neutral
		}
		return b.Color
	}
	funcs := template.FuncMap{
		"t":         func(key string, args ...any) string { return tr(lang, key, args...) },
		"num":       func(v float64) string { return num(v, lang) },
		"exact":     func(v float64) string { return numExact(v, lang) },
		"score":     func(v *float64) string { return nump(v, lang) },
		"pct":       func(v float64) string { return pct(v, lang) },
		"signed":    func(v *float64) string { return signed(v, lang) },
		"colon":     func() string { return colon(lang) },
		"semi":      func() string { return semi(lang) },
		"ink":       ink,
		"bandColor": bandColor,
		"width": func(v *float64) string {
			if v == nil {
				return "0"
			}
			return f1(max(0, min(100, *v)))
		},
		"inc":      func(i int) int { return i + 1 },
		"join":     strings.Join,
		"gcmNums":  gcmNums,
		"kpi":      kpiText,
		"baseline": func(a Action) string { return baselineText(a, lang) },
		"date":     func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
		"orDash":   orDash,
		"dateText": func(t time.Time) string { return dateText(t) },
		"share":    func(v float64) string { return f1(max(0, min(100, v*100))) },
		"deltaClass": func(v *float64) string {
			switch {
			case v == nil:
				return ""
			case *v > 0:
				return "up"
			case *v < 0:
				return "down"
			}
			return ""
		},
		"isPos":   func(v *float64) bool { return v != nil && *v > 0 },
		"inRange": func(q, s, e int) bool { return q >= s && q <= e },
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"sectionBars": func(secs []SectionScore) *Chart {
			var rows []barRow
			for _, s := range secs {
				rows = append(rows, barRow{Label: s.Title, Score: s.Score, Color: bandColor(s.Band), Target: s.Target})
			}
			return barChart(rows, rtl, lang, tr(lang, "chart.sections"), 48)
		},
		"radar": func(secs []SectionScore) *Chart {
			var rows []barRow
			for _, s := range secs {
				rows = append(rows, barRow{Label: s.Title, Score: s.Score, Color: bandColor(s.Band)})
			}
			if len(rows) < 3 {
				return nil
			}
			return radarChart(rows, rtl, lang, tr(lang, "chart.radar"))
		},
		"viewBars": func(v View) *Chart {
			var rows []barRow
			for _, r := range v.Rows {
				rows = append(rows, barRow{Label: r.Label, Score: r.Score, Color: bandColor(r.Band)})
			}
			return barChart(rows, rtl, lang, v.Title, 48)
		},
		"pilotGantt": func(pl *Pilot) *Chart {
			var rows []ganttRow
			for _, a := range pl.Activities {
				rows = append(rows, ganttRow{Label: tr(lang, "activity_n", a.Number), Title: a.Text + " — " + tr(lang, "months_span", a.Start, a.End), Start: a.Start, End: a.End, Color: palette[0]})
			}
			var months []string
			for m := 1; m <= pl.DurationMonths; m++ {
				months = append(months, strconv.Itoa(m))
			}
			return ganttChart(rows, months, nil, "", rtl, tr(lang, "pilot.chronogram"), 90)
		},
		"compareBars": func(cm *Comparison) *Chart {
			rows := append([]CompareRow{cm.Overall}, cm.Sections...)
			return compareChart(rows, cm.Labels, rtl, lang, tr(lang, "cmp.scores"))
		},
		"cmpTable": func(labels []string, fu, code bool, rows []CompareRow) cmpTableData {
			d := cmpTableData{Labels: labels, FollowUp: fu}
			for _, r := range rows {
				d.Rows = append(d.Rows, cmpRowData{Row: r, Code: code})
			}
			return d
		},
		"prepend": func(r CompareRow, rest []CompareRow) []CompareRow { return append([]CompareRow{r}, rest...) },
		"compareViews": func(cm *Comparison, kind string) []CompareRow {
			var out []CompareRow
			for _, r := range cm.Views {
				if r.Kind == kind {
					out = append(out, r)
				}
			}
			return out
		},
	}
	funcs["mul100"] = func(v float64) float64 { return v * 100 }
	for k, v := range planFuncs(lang, rtl) {
		funcs[k] = v
	}
	t := addProvisionalTemplates(template.New("page").Funcs(funcs), lang)
	return template.Must(t.Parse(pageTemplate + planTemplate))
}

const pageTemplate = `{{define "page"}}<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{.Generator}}">
<title>{{.Title}} — {{.Subtitle}}</title>
<style>` + css + provisionalCSS + planCSS + `{{with .Assessment}}
@page { @top-center { content: "{{.Region.Label}} · {{.Round}}"; } }{{end}}</style>
</head>
<body class="kind-{{.Kind}}">
<div class="page">
<header class="cover">
<p class="kicker">indimaj · {{t "kicker"}}</p>
<h1>{{.Title}}</h1>
{{with .Pilot}}<p class="project">{{.Title}}</p>{{end}}
<p class="subtitle">{{.Subtitle}}</p>
{{if .Demo}}<p class="demo" role="note">{{t "demo_banner"}}</p>{{end}}
{{template "provisional" .Provisional}}
<dl class="meta">
{{with .Assessment}}<div><dt>{{t "meta.region"}}</dt><dd>{{.Region.Label}}</dd></div>
<div><dt>{{t "meta.round"}}</dt><dd><bdi>{{.Round}}</bdi></dd></div>
<div><dt>{{t "meta.assessment"}}</dt><dd><code>{{.ID}}</code></dd></div>
<div><dt>{{t "meta.status"}}</dt><dd>{{.Status.Label}}</dd></div>
<div><dt>{{t "meta.questionnaire"}}</dt><dd>{{.Questionnaire.Label}} <bdi dir="ltr" class="nowrap">(<code>{{.Questionnaire.Code}}</code> {{.Version}})</bdi></dd></div>
<div><dt>{{t "meta.dates"}}</dt><dd><bdi>{{date .Created}} / {{date .Updated}}</bdi></dd></div>
{{if .Baseline}}<div><dt>{{t "meta.baseline"}}</dt><dd><code>{{.Baseline}}</code></dd></div>{{end}}{{end}}
<div><dt>{{t "meta.generated"}}</dt><dd><bdi>{{.Generated.Format "2006-01-02 15:04"}} UTC</bdi></dd></div>
<div><dt>{{t "meta.reference"}}</dt><dd><code>{{.Reference}}</code></dd></div>
</dl>
</header>
<main>
{{if .Diagnostic}}{{template "diagnostic" .}}{{end}}
{{if .Divergence}}{{template "divergence" .}}{{end}}
{{if .Recommendations}}{{template "recommendations" .}}{{end}}
{{if .ActionPlan}}{{template "plan" .}}{{end}}
{{if .Summary}}{{template "summary" .}}{{end}}
{{if .Pilot}}{{template "pilot" .}}{{end}}
{{if .Comparison}}{{template "compare" .}}{{end}}
</main>
<footer><p>{{t "footer" (.Generated.Format "2006-01-02")}}</p></footer>
</div>
</body>
</html>
{{end}}

{{define "chart"}}{{if .}}<svg class="chart" viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="{{.Label}}" direction="{{.Dir}}">
{{range .Lines}}<line x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}" class="{{.Class}}"/>
{{end}}{{range .Rects}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"{{if .Fill}} fill="{{.Fill}}"{{end}}{{if .Class}} class="{{.Class}}"{{end}}>{{if .Title}}<title>{{.Title}}</title>{{end}}</rect>
{{end}}{{range .Marks}}<line x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}" class="{{.Class}}"/>
{{end}}{{range .Polys}}<polygon points="{{.Points}}" class="{{.Class}}"{{if .Fill}} fill="{{.Fill}}"{{end}}/>
{{end}}{{range .Circles}}<circle cx="{{.X}}" cy="{{.Y}}" r="{{.R}}" fill="{{.Fill}}"/>
{{end}}{{range .Texts}}<text x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}" class="{{.Class}}">{{if .Title}}<title>{{.Title}}</title>{{end}}{{.Text}}</text>
{{end}}</svg>{{end}}{{end}}

{{define "band"}}{{if .}}<span class="band" style="background-color: {{.Color}}; color: {{ink .Color}}">{{.Label}}</span>{{end}}{{end}}

{{define "minibar"}}<span class="minibar" aria-hidden="true"><span style="width: {{width .Score}}%; background-color: {{bandColor .Band}}"></span></span>{{end}}

{{define "indicators"}}{{if .}}<table class="ind">
<thead><tr><th>{{t "col.indicator"}}</th><th>{{t "col.question"}}</th><th>{{t "col.answer"}}</th><th class="num">{{t "col.score"}}</th></tr></thead>
<tbody>{{$prev := ""}}{{range .}}{{if ne .Section $prev}}<tr class="group"><th colspan="4">{{.SectionTitle}}</th></tr>{{$prev = .Section}}{{end}}<tr><td><code>{{.ID}}</code></td><td>{{.Question}}{{if .Note}}<div class="note">{{t "col.evidence"}}{{colon}}<span dir="auto">{{.Note}}</span></div>{{end}}</td><td>{{orDash .Answer .Status.Label}}</td><td class="num">{{score .Score}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}{{end}}

{{define "sections"}}<table class="sections">
<thead><tr><th>{{t "col.section"}}</th><th class="num">{{t "col.score"}}</th><th class="barcol">0–100</th><th>{{t "col.band"}}</th><th class="num">{{t "col.coverage"}}</th><th>{{t "col.confidence"}}</th></tr></thead>
<tbody>{{range .}}<tr><td>{{.Title}}</td><td class="num">{{score .Score}}</td><td class="barcol">{{template "minibar" .}}</td><td>{{template "band" .Band}}</td><td class="num"><bdi>{{pct .Coverage}}</bdi> <span class="muted small"><bdi>({{.Answered}}/{{.Relevant}})</bdi></span></td><td>{{if not .Asked}}<span class="muted">{{t "not_asked"}}</span>{{else if .LowConfidence}}<span class="warn">{{t "low_confidence"}}</span>{{end}}</td></tr>
{{end}}</tbody></table>{{end}}

{{define "diagnostic"}}{{$d := .Diagnostic}}{{$a := .Assessment}}
<section id="participants"><h2>{{t "diag.participants"}}</h2>
{{if $a.Respondents}}<table><thead><tr><th>{{t "col.name"}}</th><th>{{t "col.institution"}}</th><th>{{t "col.role"}}</th><th class="num">{{t "col.answers"}}</th><th class="num">{{t "col.consensus"}}</th></tr></thead>
<tbody>{{range $a.Respondents}}<tr><td><bdi>{{.Name}}</bdi></td><td dir="auto">{{.Institution}}</td><td dir="auto">{{.Role}}</td><td class="num">{{.Answers}}</td><td class="num">{{.Consensus}}</td></tr>{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}
<p>{{t "diag.progress" $a.Progress.Answered $a.Progress.Relevant}}</p></section>

<section id="method"><h2>{{t "diag.method"}}</h2>
{{range $d.Method}}<p>{{.}}</p>{{end}}
<p class="bands">{{t "bands"}}{{colon}}{{range $d.Bands}}<span class="band" style="background-color: {{.Color}}; color: {{ink .Color}}">{{.Label}} <bdi>{{num .Min}}–{{num .Max}}</bdi></span> {{end}}</p></section>

<section id="scores"><h2>{{t "diag.scores"}}</h2>
<div class="overall{{if $.Provisional}} provisional-score{{end}}"><div class="big" style="border-color: {{bandColor $d.Overall.Band}}"><span class="value">{{score $d.Overall.Score}}</span><span class="unit">/100</span></div>
<div><p class="ovlabel">{{t "overall"}}</p>{{if $.Provisional}}<p class="prov-tag">{{t_pv "pv.overall" (mul100 $.Provisional.Coverage) (mul100 $.Provisional.Threshold)}}</p>{{else}}{{template "band" $d.Overall.Band}}{{end}}<p class="muted">{{t "col.coverage"}}{{colon}}<bdi>{{pct $d.Overall.Coverage}}</bdi></p></div></div>
<figure>{{template "chart" (sectionBars $d.Sections)}}<figcaption>{{t "chart.sections_caption"}}</figcaption></figure>
{{template "sections" $d.Sections}}
{{with radar $d.Sections}}<figure class="radar">{{template "chart" .}}<figcaption>{{t "chart.radar"}}</figcaption></figure>{{end}}
</section>

<section id="strengths"><h2>{{t "diag.strengths"}}</h2><p>{{t "diag.strengths_intro" (len $d.Strengths)}}</p>{{template "indicators" $d.Strengths}}</section>

<section id="gaps"><h2>{{t "diag.gaps"}}</h2><p>{{t "diag.gaps_intro" (len $d.GapsAbsent) (len $d.GapsPartial)}}</p>
<h3>{{t "diag.gaps_absent"}}</h3>{{template "indicators" $d.GapsAbsent}}
<h3>{{t "diag.gaps_partial"}}</h3>{{template "indicators" $d.GapsPartial}}</section>

<section id="data-gaps"><h2>{{t "diag.datagaps"}}</h2><p>{{t "diag.datagaps_intro"}}</p>
<h3>{{t "diag.dont_know"}}</h3>{{template "indicators" $d.DontKnow}}
<h3>{{t "diag.unanswered"}}</h3>{{template "indicators" $d.Unanswered}}
<h3>{{t "diag.not_applicable"}}</h3>{{template "indicators" $d.NotApplicable}}
{{if $d.Unconfirmed}}<h3>{{t "diag.unconfirmed"}}</h3>{{template "indicators" $d.Unconfirmed}}{{end}}
{{if $d.Divergent}}<h3>{{t "diag.divergent"}}</h3><p>{{t "diag.divergent_intro"}}</p>
<table><thead><tr><th>{{t "col.question"}}</th><th>{{t "col.answers"}}</th><th>{{t "col.kept"}}</th></tr></thead>
<tbody>{{range $d.Divergent}}<tr><td><code>{{.Question}}</code> {{.Label}}</td><td><ul class="plain">{{range .Answers}}<li><bdi>{{.}}</bdi></li>{{end}}</ul></td><td>{{.Working}}</td></tr>{{end}}</tbody></table>{{end}}
<h3>{{t "diag.low_coverage"}}</h3>{{if $d.LowCoverage}}{{template "sections" $d.LowCoverage}}{{else}}<p class="muted">{{t "diag.low_coverage_none"}}</p>{{end}}</section>

<section id="notes"><h2>{{t "diag.notes"}}</h2><p>{{t "diag.notes_intro" (len $d.Notes)}}</p>
{{if $d.Notes}}<table class="notes"><thead><tr><th>{{t "col.question"}}</th><th>{{t "col.answer"}}</th><th>{{t "col.note"}}</th><th>{{t "col.respondent"}}</th></tr></thead>
<tbody>{{range $d.Notes}}<tr><td><code>{{.Question}}</code><div class="muted small">{{.Label}}</div></td><td>{{.Answer}}</td><td class="evidence" dir="auto">{{.Note}}</td><td><bdi>{{.Respondent}}</bdi>{{if not .Counts}} <span class="muted small">({{t "superseded"}})</span>{{end}}</td></tr>
{{end}}</tbody></table>{{end}}</section>

<section id="views"><h2>{{t "diag.views"}}</h2><p>{{t "diag.views_intro"}}</p>
{{range $d.Views}}{{if .Rows}}<h3>{{.Title}}</h3>
<figure>{{template "chart" (viewBars .)}}</figure>
<table><thead><tr><th>{{t "col.code"}}</th><th class="num">{{t "col.score"}}</th><th>{{t "col.band"}}</th><th class="num">{{t "col.indicators"}}</th></tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Label}}</td><td class="num">{{score .Score}}</td><td>{{template "band" .Band}}</td><td class="num">{{.Indicators}}</td></tr>{{end}}</tbody></table>{{end}}{{end}}</section>

{{if $d.Context}}<section id="context"><h2>{{t "diag.context"}}</h2>
<table><thead><tr><th>{{t "col.question"}}</th><th>{{t "col.answer"}}</th></tr></thead>
<tbody>{{range $d.Context}}<tr><td>{{.Label}} <span class="muted small"><code>{{.Question}}</code></span></td><td dir="auto">{{.Answer}}</td></tr>{{end}}</tbody></table></section>{{end}}

<section id="annex" class="annex"><h2>{{t "diag.annex"}}</h2>
<table class="small"><thead><tr><th>{{t "col.indicator"}}</th><th>{{t "col.question"}}</th><th>{{t "col.answer"}}</th><th class="num">{{t "col.score"}}</th><th>{{t "col.refs"}}</th></tr></thead>
<tbody>{{range $d.Indicators}}<tr><td><code>{{.ID}}</code></td><td>{{.Question}}</td><td>{{orDash .Answer .Status.Label}}{{if .Source.Label}}<div class="muted small">{{.Source.Label}}</div>{{end}}</td><td class="num">{{score .Score}}</td><td class="refs">{{if .Refs.MGI}}MGI {{.Refs.MGI}} {{end}}{{if .Refs.MIPEX}}· MIPEX {{.Refs.MIPEX}} {{end}}{{if .Refs.SNIA}}· SNIA {{join .Refs.SNIA ", "}} {{end}}{{if .Refs.SDG}}· {{t "sdg"}} {{join .Refs.SDG ", "}}{{end}}</td></tr>
{{end}}</tbody></table></section>
{{end}}

{{define "alignment"}}<span class="align">{{range .SNIA}}<span class="tag snia" title="{{.Label}}">{{.Code}}</span>{{end}}{{range .SDG}}<span class="tag sdg">{{t "sdg_short"}} {{.}}</span>{{end}}{{range .GCM}}<span class="tag gcm" title="{{.Label}}">{{t "gcm_short"}} {{.Number}}</span>{{end}}</span>{{end}}

{{define "recommendations"}}{{$r := .Recommendations}}
<section id="intro">{{range $r.Intro}}<p>{{.}}</p>{{end}}</section>
{{if $r.Items}}<section id="summary"><h2>{{t "rec.summary"}}</h2>
<table><thead><tr><th class="num">#</th><th>{{t "col.measure"}}</th><th class="num">{{t "col.priority"}}</th><th>{{t "col.horizon"}}</th><th>{{t "col.cost"}}</th><th>{{t "alignment"}}</th></tr></thead>
<tbody>{{range $r.Items}}<tr><td class="num">{{.Rank}}</td><td><code>{{.Measure}}</code> {{.Title}}</td><td><span class="priority-band {{.PriorityBand.Code}}">{{.PriorityBand.Label}}</span> <span class="small">{{.Why}}</span></td><td>{{t (print "horizon_short." .Horizon.Code)}}</td><td>{{.Cost.Label}}</td><td>{{template "alignment" .Alignment}}</td></tr>
{{end}}</tbody></table></section>{{end}}
{{range $r.Items}}<article class="card rec">
<h2><span class="rank">{{.Rank}}</span> {{.Title}} <code>{{.Measure}}</code></h2>
{{if .Description}}<p>{{.Description}}</p>{{end}}
<dl class="grid">
<div><dt>{{t "col.priority"}}</dt><dd><span class="priority-band {{.PriorityBand.Code}}">{{.PriorityBand.Label}}</span> <span class="small">{{.Why}}</span></dd></div>
<div><dt>{{t "col.horizon"}}</dt><dd>{{.Horizon.Label}}</dd></div>
<div><dt>{{t "col.cost"}}</dt><dd>{{.Cost.Label}}</dd></div>
<div><dt>{{t "col.lead"}}</dt><dd>{{.Lead}}</dd></div>
</dl>
<h3>{{t "rec.because"}}</h3>
<ul class="because">{{range .Because}}<li><code>{{.Indicator}}</code> {{.Question}} → <strong>{{orDash .Answer .Status.Label}}</strong> (<bdi>{{score .Score}}</bdi>){{if .Condition}} <span class="muted small">{{t "rec.condition"}} <code>{{.Condition}}</code></span>{{end}}</li>{{end}}</ul>
<h3>{{t "alignment"}}</h3>
<ul class="plain">{{range .Alignment.SNIA}}<li>SNIA {{.Label}}</li>{{end}}{{if .Alignment.SDG}}<li>{{t "sdg"}} {{join .Alignment.SDG ", "}}</li>{{end}}{{range .Alignment.GCM}}<li>{{t "gcm"}} {{.Number}} — {{.Label}}</li>{{end}}</ul>
{{if .Partners}}<p><span class="muted">{{t "col.partners"}}{{colon}}</span>{{join .Partners (semi)}}</p>{{end}}
{{if .KPI}}<p><span class="muted">{{t "col.kpi"}}{{colon}}</span>{{kpi .KPI .KPIUnit}}</p>{{end}}{{if .Sources}}
<p class="sources"><span class="muted" title="{{t "sources.h"}}">{{t "sources"}}{{colon}}</span>{{range $i, $s := .Sources}}{{if $i}}{{semi}}{{end}}<cite dir="auto">{{$s.Label}}</cite>{{end}}</p>{{end}}
</article>
{{end}}{{with $r.Annex}}{{if $r.Items}}<section id="annex-priority"><h2>{{.Title}}</h2><p>{{.Text}}</p>
<p>{{.FormulaLabel}}{{colon}}</p><p class="formula" dir="ltr"><code>{{.Formula}}</code></p>
<p>{{.TieLabel}}{{colon}}</p><ol class="formula" dir="ltr">{{range .TieBreak}}<li><code>{{.}}</code></li>{{end}}</ol>
<table class="small"><thead><tr><th class="num">#</th><th>{{t "col.measure"}}</th><th class="num">{{t "col.priority"}}</th><th>{{t "rec.how"}}</th></tr></thead>
<tbody>{{range $r.Items}}<tr><td class="num">{{.Rank}}</td><td><code>{{.Measure}}</code></td><td class="num">{{exact .Priority}}</td><td><ul class="factors">{{range .Factors}}<li><span class="muted">{{.Label}}</span> <strong><bdi>{{.Text}}</bdi></strong></li>{{end}}</ul></td></tr>
{{end}}</tbody></table></section>{{end}}{{end}}{{end}}

{{define "list"}}{{if .}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{else}}<p class="muted">{{t "none"}}</p>{{end}}{{end}}
{{define "cell"}}{{if .}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{else}}<span class="muted">—</span>{{end}}{{end}}
{{define "olist"}}{{if .}}<ol>{{range .}}<li>{{.}}</li>{{end}}</ol>{{else}}<p class="muted">{{t "none"}}</p>{{end}}{{end}}

{{define "pilot"}}{{$p := .Pilot}}
<section id="summary"><h2>{{t "pilot.summary"}}</h2><p class="lead">{{$p.Summary}}</p>
<dl class="grid">
<div><dt>{{t "pilot.duration"}}</dt><dd>{{t "months" $p.DurationMonths}}</dd></div>
<div class="span3"><dt>{{t "pilot.anchor"}}</dt><dd><code>{{$p.Anchor.Measure}}</code> {{$p.Anchor.Title}}</dd></div>
</dl>
<h3>{{t "pilot.family"}}</h3>
<ul>{{range $p.Family}}<li><code>{{.Measure}}</code> {{.Title}} <span class="muted small">({{if .Rank}}{{t "rank"}} {{.Rank}}{{else}}{{t "not_triggered"}}{{end}})</span></li>{{end}}</ul></section>
<section id="context"><h2>{{t "pilot.context"}}</h2>{{range $p.Context}}<p>{{.}}</p>{{end}}
{{template "sections" $p.Sections}}
<h3>{{t "pilot.evidence"}}</h3>{{template "indicators" $p.Evidence}}</section>
<section id="objectives"><h2>{{t "pilot.objectives"}}</h2>
<h3>{{t "pilot.general_objective"}}</h3><p>{{$p.GeneralObjective}}</p>
<h3>{{t "pilot.specific_objectives"}}</h3>{{template "olist" $p.SpecificObjectives}}</section>
<section id="targets"><h2>{{t "pilot.targets"}}</h2>{{template "list" $p.TargetGroups}}</section>
<section id="activities"><h2>{{t "pilot.activities"}}</h2>
<table><thead><tr><th class="num">#</th><th>{{t "col.activity"}}</th><th>{{t "col.calendar"}}</th></tr></thead>
<tbody>{{range $p.Activities}}<tr><td class="num">{{.Number}}</td><td>{{.Text}}</td><td><bdi>{{t "months_span" .Start .End}}</bdi></td></tr>{{end}}</tbody></table></section>
<section id="results"><h2>{{t "pilot.results"}}</h2>{{template "olist" $p.Results}}</section>
<section id="logframe" class="wide"><h2>{{t "pilot.logframe"}}</h2>
<table class="logframe small"><thead><tr><th>{{t "lf.level"}}</th><th>{{t "lf.logic"}}</th><th>{{t "lf.indicators"}}</th><th>{{t "lf.sources"}}</th><th>{{t "lf.assumptions"}}</th></tr></thead>
<tbody>{{range $p.Logframe}}<tr><th scope="row">{{.Level}}</th><td>{{template "cell" .Items}}</td><td>{{template "cell" .Indicators}}</td><td>{{template "cell" .Sources}}</td><td>{{template "cell" .Assumptions}}</td></tr>{{end}}</tbody></table></section>
<section id="chronogram"><h2>{{t "pilot.chronogram"}}</h2><p class="muted">{{$p.CalendarNote}}</p>
<figure>{{template "chart" (pilotGantt $p)}}</figure></section>
<section id="partners"><h2>{{t "pilot.partners"}}</h2>
<table><thead><tr><th>{{t "col.partner"}}</th><th>{{t "col.role"}}</th></tr></thead>
<tbody>{{range $p.Partners}}<tr><td>{{.Name}}</td><td>{{.Role}}</td></tr>{{end}}</tbody></table></section>
<section id="budget"><h2>{{t "pilot.budget"}}</h2><p class="muted">{{$p.BudgetNote}}</p>
<table><thead><tr><th class="num">#</th><th>{{t "col.budget_line"}}</th><th class="fill">{{t "col.amount"}}</th><th class="fill">{{t "col.funding"}}</th></tr></thead>
<tbody>{{range $i, $b := $p.BudgetLines}}<tr><td class="num">{{inc $i}}</td><td>{{$b}}</td><td class="fill"></td><td class="fill"></td></tr>{{end}}</tbody></table></section>
<section id="risks"><h2>{{t "pilot.risks"}}</h2>
<table><thead><tr><th>{{t "col.risk"}}</th><th>{{t "col.mitigation"}}</th></tr></thead>
<tbody>{{range $p.Risks}}<tr><td>{{.Risk}}</td><td>{{.Mitigation}}</td></tr>{{end}}</tbody></table></section>
<section id="monitoring"><h2>{{t "pilot.monitoring"}}</h2>{{range $p.Monitoring}}<p>{{.}}</p>{{end}}
{{if $p.Indicators}}<table><thead><tr><th>{{t "lf.indicators"}}</th><th>{{t "lf.sources"}}</th></tr></thead>
<tbody>{{range $p.Indicators}}<tr><td>{{.Label}}</td><td>{{.Source}}</td></tr>{{end}}</tbody></table>{{end}}
{{if $p.Sustainability}}<h3>{{t "pilot.sustainability"}}</h3><p>{{$p.Sustainability}}</p>{{end}}</section>
<section id="alignment"><h2>{{t "alignment"}}</h2>
<table><thead><tr><th>{{t "col.framework"}}</th><th>{{t "col.reference"}}</th></tr></thead>
<tbody>{{range $p.Alignment.SNIA}}<tr><td>SNIA</td><td>{{.Label}}</td></tr>{{end}}{{range $p.Alignment.SDG}}<tr><td>{{t "sdg"}}</td><td>{{t "sdg_target" .}}</td></tr>{{end}}{{range $p.Alignment.GCM}}<tr><td>{{t "gcm"}}</td><td>{{.Number}} — {{.Label}}</td></tr>{{end}}</tbody></table></section>
{{end}}

{{define "cmprows"}}{{$fu := .FollowUp}}<table class="cmp"><thead><tr><th>{{t "col.label"}}</th>{{range $i, $x := .Labels}}<th class="num" title="{{$x}}">{{inc $i}}</th>{{end}}{{if $fu}}<th class="num">Δ</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr><td>{{if .Code}}<code>{{.Row.ID}}</code> {{end}}{{.Row.Label}}</td>{{range .Row.Values}}<td class="num">{{score .}}</td>{{end}}{{if $fu}}<td class="num {{deltaClass .Row.Delta}}"><bdi>{{signed .Row.Delta}}</bdi></td>{{end}}</tr>
{{end}}</tbody></table>{{end}}

{{define "compare"}}{{$c := .Comparison}}{{$fu := eq $c.Mode "follow_up"}}
<section id="intro">{{range $c.Intro}}<p>{{.}}</p>{{end}}{{range $c.Warnings}}<p class="warnbox">{{.}}</p>{{end}}</section>
<section id="assessments"><h2>{{t "cmp.assessments"}}</h2>
<table><thead><tr><th class="num">#</th><th>{{t "meta.assessment"}}</th><th>{{t "meta.region"}}</th><th>{{t "meta.round"}}</th><th>{{t "meta.status"}}</th><th>{{t "meta.questionnaire"}}</th><th class="num">{{t "col.coverage"}}</th></tr></thead>
<tbody>{{range $i, $a := $c.Columns}}<tr><td class="num">{{inc $i}}</td><td><code>{{$a.ID}}</code></td><td>{{$a.Region.Label}}</td><td><bdi>{{$a.Round}}</bdi>{{if $a.Demo}} <span class="muted small">({{t "demo"}})</span>{{end}}</td><td>{{$a.Status.Label}}</td><td><bdi dir="ltr"><code>{{$a.Questionnaire.Code}}</code> {{$a.Version}}</bdi></td><td class="num">{{pct (index $c.Coverage $i)}}</td></tr>{{end}}</tbody></table></section>
<section id="scores"><h2>{{t "cmp.scores"}}</h2>
<figure>{{template "chart" (compareBars $c)}}</figure>
{{template "cmprows" (cmpTable $c.Labels $fu false (prepend $c.Overall $c.Sections))}}</section>
<section id="views"><h2>{{t "cmp.views"}}</h2>{{template "cmprows" (cmpTable $c.Labels $fu false $c.Views)}}</section>
<section id="indicators"><h2>{{t "cmp.indicators"}}</h2>{{template "cmprows" (cmpTable $c.Labels $fu true $c.Indicators)}}</section>
<section id="measures"><h2>{{t "cmp.measures"}}</h2><p>{{t "cmp.measures_intro"}}</p>
{{if $c.Measures}}<table><thead><tr><th>{{t "col.measure"}}</th>{{range $i, $x := $c.Labels}}<th class="num" title="{{$x}}">{{inc $i}}</th>{{end}}</tr></thead>
<tbody>{{range $c.Measures}}<tr><td><code>{{.Measure}}</code> {{.Title}}</td>{{range .Ranks}}<td class="num">{{if .}}{{.}}{{else}}—{{end}}</td>{{end}}</tr>{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}</section>
{{if $fu}}<section id="resolved"><h2>{{t "cmp.resolved"}}</h2>{{if $c.Resolved}}<ul>{{range $c.Resolved}}<li><code>{{.Measure}}</code> {{.Title}}</li>{{end}}</ul>{{else}}<p class="muted">{{t "none"}}</p>{{end}}
<h2>{{t "cmp.new"}}</h2>{{if $c.New}}<ul>{{range $c.New}}<li><code>{{.Measure}}</code> {{.Title}}</li>{{end}}</ul>{{else}}<p class="muted">{{t "none"}}</p>{{end}}</section>
<section id="changes"><h2>{{t "cmp.changes"}}</h2><p>{{t "cmp.changes_intro"}}</p>
{{if $c.Changes}}<table class="small"><thead><tr><th>{{t "col.indicator"}}</th><th>{{t "col.change"}}</th><th>{{t "col.notes"}}</th><th>{{t "col.reasons"}}</th></tr></thead>
<tbody>{{range $c.Changes}}<tr><td><code>{{.Indicator}}</code> {{.Label}}</td><td>{{.Before}} (<bdi>{{score .From}}</bdi>) → {{.After}} (<bdi>{{score .To}}</bdi>) <span class="{{deltaClass .Delta}}"><bdi>{{signed .Delta}}</bdi></span></td><td>{{if or .Notes .Reasons}}{{template "said" .Notes}}{{else}}<span class="muted">{{t "cmp.no_reason"}}</span>{{end}}</td><td>{{template "said" .Reasons}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="muted">{{t "none"}}</p>{{end}}</section>
{{with $c.Effects}}{{template "effects" .}}{{end}}{{end}}
{{end}}

{{define "said"}}{{if .}}<ul class="plain">{{range .}}<li><bdi>{{.Who}}</bdi>{{colon}}<span dir="auto">{{.Text}}</span></li>{{end}}</ul>{{else}}<span class="muted">—</span>{{end}}{{end}}

{{define "effects"}}<section id="effects"><h2>{{t "eff.title"}}</h2><p>{{.Intro}}</p>
{{if .Measures}}<table><thead><tr><th>{{t "col.measure"}}</th><th>{{t "col.status"}}</th><th>{{t "col.indicators"}} <bdi>({{.Baseline}} → {{.FollowUp}})</bdi></th><th>{{t "col.verdict"}}</th></tr></thead>
<tbody>{{range .Measures}}<tr><td><code>{{.Measure}}</code> {{.Title}}</td><td>{{.Status.Label}}{{if .Owner}}<div class="muted small">{{.Owner}}</div>{{end}}{{if .Note}}<div class="note" dir="auto">{{.Note}}</div>{{end}}</td><td>{{if .Indicators}}<ul class="plain">{{range .Indicators}}<li title="{{.Label}}"><code>{{.Indicator}}</code> <bdi>{{score .From}} → {{score .To}}</bdi> <span class="{{deltaClass .Delta}}"><bdi>({{signed .Delta}})</bdi></span></li>{{end}}</ul>{{else}}<span class="muted">—</span>{{end}}</td><td><strong class="verdict {{.Verdict.Code}}">{{.Verdict.Label}}</strong><div class="small">{{.Line}}</div></td></tr>
{{end}}</tbody></table>{{else}}<p class="muted">{{t "eff.none"}}</p>{{end}}</section>{{end}}

{{define "agenda"}}<table class="agenda small">
<thead><tr><th>{{t "col.question"}}</th><th>{{t "col.respondent"}}</th><th>{{t "col.answer"}}</th><th class="num">{{t "col.score"}}</th><th>{{t "col.note"}}</th><th>{{t "col.kept"}}</th><th class="decision">{{t "col.decision"}}</th></tr></thead>
<tbody>{{range .}}{{$it := .}}{{$n := len .Answers}}{{range $i, $a := .Answers}}<tr{{if eq $i 0}} class="first"{{end}}>{{if eq $i 0}}<td rowspan="{{$n}}"><code>{{$it.Question}}</code> {{$it.Label}}<div class="muted small">{{t "col.section"}}{{colon}}{{$it.SectionTitle}}</div></td>{{end}}<td><bdi>{{$a.Respondent}}</bdi></td><td>{{$a.Answer}}</td><td class="num">{{score $a.Score}}</td><td class="evidence" dir="auto">{{$a.Note}}</td>{{if eq $i 0}}<td rowspan="{{$n}}">{{orDash $it.Working ""}} (<bdi>{{score $it.WorkingScore}}</bdi>){{if $it.Source.Label}}<div class="muted small">{{$it.Source.Label}}</div>{{end}}{{if $it.WorkingNote}}<div class="note" dir="auto">{{$it.WorkingNote}}</div>{{end}}</td><td rowspan="{{$n}}" class="decision"></td>{{end}}</tr>
{{end}}{{end}}</tbody></table>{{end}}

{{define "divergence"}}{{$g := .Divergence}}
<section id="intro">{{range $g.Intro}}<p>{{.}}</p>{{end}}</section>
{{if $g.Arbitrate}}<section id="divergent" class="wide"><h2>{{t "div.divergent"}}</h2><p>{{t "div.divergent_intro"}}</p>
{{if $g.Divergent}}{{template "agenda" $g.Divergent}}{{else}}<p class="muted">{{t "div.divergent_none"}}</p>{{end}}</section>
<section id="dont-know" class="wide"><h2>{{t "div.dont_know"}}</h2><p>{{t "div.dont_know_intro"}}</p>
{{if $g.DontKnow}}{{template "agenda" $g.DontKnow}}{{else}}<p class="muted">{{t "div.dont_know_none"}}</p>{{end}}</section>{{end}}
{{end}}`

const css = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #52606d; } }
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --soft: #f1f4f8; --accent: #0b5563; }
* { box-sizing: border-box; }
html { background: #e9edf2; }
body { margin: 0; color: var(--ink); font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; }
html[dir="rtl"] body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11pt; line-height: 1.6; }
.page { max-width: 210mm; margin: 0 auto; background: #fff; padding: 14mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 13.5pt; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 11pt; margin: 14px 0 6px; }
p { margin: 6px 0; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .86em; background: var(--soft); padding: 0 3px; border-radius: 3px; unicode-bidi: isolate; direction: ltr; }
bdi { unicode-bidi: isolate; }
.nowrap { white-space: nowrap; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--muted); margin: 0 0 6px; }
html[dir="rtl"] .kicker { letter-spacing: 0; }
.subtitle { font-size: 12pt; margin: 0 0 10px; }
.project { font-size: 15pt; font-weight: bold; margin: 2px 0 6px; }
.cover { border-bottom: 1px solid var(--line); padding-bottom: 10px; margin-bottom: 6px; }
.meta { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 2px 18px; margin: 8px 0 0; font-size: 9pt; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); min-width: 34%; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.demo { border: 2px dashed #b2182b; background: #fdf0f0; color: #7f1d1d; padding: 6px 10px; font-weight: bold; border-radius: 4px; }
.warnbox { border-inline-start: 4px solid #c49a00; background: #fdf8e6; padding: 6px 10px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 9.5pt; }
th, td { text-align: start; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-weight: 600; border-bottom: 1px solid #bcccdc; }
tbody th { font-weight: 600; }
.num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.small, table.small { font-size: 8.5pt; }
.muted { color: var(--muted); }
.warn { color: #b2182b; font-weight: 600; }
.up { color: #1b7f3b; font-weight: 600; }
.down { color: #b2182b; font-weight: 600; }
.band { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 8.5pt; white-space: nowrap; margin: 1px 0; }
.bands .band { margin-inline-end: 4px; }
.minibar { display: inline-block; width: 90px; height: 9px; background: var(--soft); border-radius: 2px; vertical-align: middle; overflow: hidden; }
.minibar > span { display: block; height: 100%; }
.barcol { width: 96px; }
.overall { display: flex; align-items: center; gap: 16px; margin: 8px 0 4px; }
.overall .big { border: 6px solid var(--accent); border-radius: 50%; width: 96px; height: 96px; display: flex; align-items: center; justify-content: center; flex-direction: column; direction: ltr; }
.overall .value { font-size: 22pt; font-weight: bold; line-height: 1; }
.overall .unit { font-size: 9pt; color: var(--muted); }
.ovlabel { font-weight: 600; margin: 0 0 4px; }
figure { margin: 8px 0 12px; }
figcaption { font-size: 8.5pt; color: var(--muted); text-align: center; }
svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
svg .grid { stroke: #d9e2ec; stroke-width: 1; }
svg .grid.strong { stroke: #9fb3c8; }
svg .target { stroke: #1f2933; stroke-width: 1.5; stroke-dasharray: 3 2; }
svg .ring { fill: none; stroke: #d9e2ec; }
svg .area { fill: rgba(11, 85, 99, .18); stroke: #0b5563; stroke-width: 2; }
svg .bar.beyond { opacity: .45; }
svg text { font-size: 11px; fill: #1f2933; }
svg text.tick { font-size: 9.5px; fill: #52606d; }
svg text.strong { font-weight: 600; fill: #1f2933; }
svg text.val { font-weight: 600; }
figure.radar { max-width: 150mm; margin-inline: auto; }
.note { font-size: 8.5pt; color: var(--muted); margin-top: 2px; border-inline-start: 2px solid var(--line); padding-inline-start: 6px; }
td.evidence { white-space: pre-wrap; overflow-wrap: anywhere; }
.refs { font-size: 8pt; color: var(--muted); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; background: #fff; }
.card h2 { border: 0; margin: 2px 0 6px; font-size: 12.5pt; }
.card h3 { margin: 6px 0 6px; font-size: 10.5pt; }
.rank, .ref { display: inline-block; min-width: 1.9em; padding: 0 6px; margin-inline-end: 4px; border-radius: 4px; background: var(--accent); color: #fff; text-align: center; }
dl.grid { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 4px 12px; margin: 6px 0; }
dl.grid dt, dl.fields dt { font-size: 8.5pt; color: var(--muted); }
dl.grid dd { margin: 0; }
dl.grid .span2 { grid-column: span 2; }
dl.grid .span3 { grid-column: span 3; }
dl.grid .span4 { grid-column: span 4; }
.acts ol { margin: 2px 0 4px; padding-inline-start: 20px; }
.card.action p { margin: 3px 0; }
dl.fields { display: grid; grid-template-columns: 30% 1fr; margin: 0; }
dl.fields div { display: contents; }
dl.fields dt, dl.fields dd { padding: 3px 4px; border-bottom: 1px solid var(--soft); margin: 0; }
dl.fields ol { margin: 0; padding-inline-start: 18px; }
ul.because, ul.factors, ul.plain { margin: 4px 0; padding-inline-start: 18px; }
ul.factors { display: flex; flex-wrap: wrap; gap: 2px 14px; list-style: none; padding: 0; font-size: 9pt; }
.formula { margin: 2px 0; }
.tag { display: inline-block; font-size: 8pt; padding: 0 5px; margin: 1px 2px; border-radius: 3px; background: var(--soft); border: 1px solid var(--line); white-space: nowrap; }
.tag.snia { background: #e6f2f3; }
td.fill { min-width: 22mm; }
.agenda tr.first td { border-top: 2px solid #bcccdc; }
.agenda .decision { width: 28%; min-width: 40mm; background: #fcfcfd; }
.minibar.wide { width: 60%; }
.verdict.improved { color: #1b7f3b; }
.verdict.worse { color: #b2182b; }
.verdict.not_measured, .verdict.unchanged { color: var(--muted); }
tr.group th { background: #fff; color: var(--accent); font-size: 9pt; padding-top: 8px; border-bottom: 1px solid #bcccdc; }
.logframe th[scope=row] { width: 13%; background: var(--soft); }
.logframe td:nth-child(2) { width: 31%; }
.logframe td:nth-child(3) { width: 24%; }
.logframe td:nth-child(4), .logframe td:nth-child(5) { width: 16%; }
.logframe ul { margin: 0; padding-inline-start: 14px; }
.lead { font-size: 11pt; }
footer { margin-top: 24px; padding-top: 6px; border-top: 1px solid var(--line); font-size: 8.5pt; color: var(--muted); }
@media print {
  html, body { background: #fff; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  body { font-size: 9.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, .card, figure, .overall { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  section.axis { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`
