package reports

import (
	"html/template"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// Provisional is the notice every kind of report carries when the
// assessment's coverage is below the policy's provisional_below: the overall
// score is then greyed (or withheld in comparisons), and the questions still
// to answer are listed per section.
type Provisional struct {
	Coverage  float64          `json:"coverage"`
	Threshold float64          `json:"threshold"`
	Text      string           `json:"text"`
	Title     string           `json:"title"`
	Missing   []MissingSection `json:"missing"`
}

// MissingSection lists a section's indicators without a known level.
type MissingSection struct {
	Section    Coded   `json:"section"`
	Unanswered []Coded `json:"unanswered"`
	DontKnow   []Coded `json:"dont_know"`
}

// ProvisionalOf builds the provisional notice of a scored assessment in
// lang, or returns nil when its results are not provisional. Every kind of
// report (and the summary and action plan) puts it at its top.
func ProvisionalOf(q *engine.Questionnaire, p *engine.Policy, sc *engine.ScoreResult, lang string) *Provisional {
	if sc == nil || !sc.Provisional {
		return nil
	}
	pv := &Provisional{Coverage: sc.Coverage, Threshold: p.ProvisionalBelow, Title: i18n.T(lang, "pv.missing_title"),
		Text: i18n.T(lang, "pv.banner", sc.Coverage*100, p.ProvisionalBelow*100), Missing: []MissingSection{}}
	label := func(id string) Coded {
		if qu := q.Question(id); qu != nil {
			return Coded{id, qu.Label.Get(lang)}
		}
		return Coded{id, id}
	}
	for _, m := range sc.Missing() {
		ms := MissingSection{Section: Coded{m.Section, m.Section}, Unanswered: []Coded{}, DontKnow: []Coded{}}
		if s := q.Section(m.Section); s != nil {
			ms.Section.Label = s.Title.Get(lang)
		}
		for _, id := range m.Unanswered {
			ms.Unanswered = append(ms.Unanswered, label(id))
		}
		for _, id := range m.DontKnow {
			ms.DontKnow = append(ms.DontKnow, label(id))
		}
		pv.Missing = append(pv.Missing, ms)
	}
	return pv
}

func (c *ctx) provisional() *Provisional {
	return ProvisionalOf(c.q, c.p, c.src.Score, c.lang)
}

// ProvisionalMarkdown is the provisional notice as Markdown (a quoted
// warning, then the questions to complete per section), "" for nil.
func ProvisionalMarkdown(pv *Provisional, lang string) string {
	if pv == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("> ⚠ **" + esc(pv.Text) + "**\n\n")
	b.WriteString("**" + esc(pv.Title) + "**\n\n")
	ids := func(list []Coded) string {
		out := make([]string, len(list))
		for i, c := range list {
			out[i] = code(c.Code)
		}
		return strings.Join(out, ", ")
	}
	for _, m := range pv.Missing {
		var parts []string
		if len(m.Unanswered) > 0 {
			parts = append(parts, esc(i18n.T(lang, "pv.unanswered"))+colon(lang)+ids(m.Unanswered))
		}
		if len(m.DontKnow) > 0 {
			parts = append(parts, esc(i18n.T(lang, "pv.dont_know"))+colon(lang)+ids(m.DontKnow))
		}
		b.WriteString("- " + esc(m.Section.Label) + " — " + strings.Join(parts, semi(lang)) + "\n")
	}
	b.WriteString("\n")
	return b.String()
}

// provisionalHTML is the provisional notice in HTML (template "provisional",
// called with the Doc's Provisional); each question id carries its label as
// a tooltip.
const provisionalHTML = `{{define "provisional"}}{{if .}}<section class="provisional" id="provisional"><p class="warnbox"><strong>⚠ {{.Text}}</strong></p>
<details open><summary>{{.Title}}</summary><ul>{{range .Missing}}<li><strong>{{.Section.Label}}</strong> — {{if .Unanswered}}{{t_pv "pv.unanswered"}}{{colon}}{{range $i, $q := .Unanswered}}{{if $i}}, {{end}}<code title="{{$q.Label}}">{{$q.Code}}</code>{{end}}{{end}}{{if and .Unanswered .DontKnow}}{{semi}}{{end}}{{if .DontKnow}}{{t_pv "pv.dont_know"}}{{colon}}{{range $i, $q := .DontKnow}}{{if $i}}, {{end}}<code title="{{$q.Label}}">{{$q.Code}}</code>{{end}}{{end}}</li>
{{end}}</ul></details></section>{{end}}{{end}}`

// provisionalCSS greys a provisional overall score.
const provisionalCSS = `
.provisional .warnbox { border-inline-start: 6px solid #b7791f; }
.provisional ul { margin: 4px 0 12px; padding-inline-start: 20px; font-size: 9.5pt; }
.overall.provisional-score .big { border-color: #c3c8ce !important; color: #9aa5b1; border-style: dashed; }
.overall.provisional-score .value { color: #9aa5b1; }
.prov-tag { color: #b7791f; font-weight: bold; }
.priority-band { display: inline-block; padding: 0 6px; border-radius: 3px; font-weight: bold; background: #eef2f7; }
.priority-band.high { background: #b2182b; color: #fff; }
.priority-band.medium { background: #e6c229; color: #1f2933; }
.priority-band.low { background: #d9e2ec; color: #1f2933; }
`

// addProvisionalTemplates adds the provisional notice's template and
// functions to a report's template set.
func addProvisionalTemplates(t *template.Template, lang string) *template.Template {
	t.Funcs(template.FuncMap{"t_pv": func(key string, args ...any) string { return i18n.T(lang, key, args...) }})
	return template.Must(t.Parse(provisionalHTML))
}

// priorityOf is a recommendation's priority in words: its band and why.
func (c *ctx) priorityOf(r engine.Recommendation) (Coded, string) {
	var band Coded
	if r.Band != nil {
		band = Coded{r.Band.ID, r.Band.Label.Get(c.lang)}
	}
	return band, i18n.PriorityReasons(c.lang, r.Reasons)
}

// PriorityAnnex describes how priorities are computed (the formula, the
// bands, the tie-break keys), for the annex of a report.
type PriorityAnnex struct {
	Title        string   `json:"title"`
	Text         string   `json:"text"`
	FormulaLabel string   `json:"formula_label"`
	Formula      string   `json:"formula"`
	TieLabel     string   `json:"tie_label"`
	TieBreak     []string `json:"tie_break"`
}

func (c *ctx) priorityAnnex() *PriorityAnnex {
	p := c.p
	bands := make([]string, len(p.PriorityBands))
	for i, b := range p.PriorityBands {
		bands[i] = i18n.T(c.lang, "pr.band_from", b.Label.Get(c.lang), b.Min)
	}
	a := &PriorityAnnex{Title: i18n.T(c.lang, "pr.annex_title"), Formula: p.Priority.Src, TieBreak: []string{},
		FormulaLabel: i18n.T(c.lang, "pr.formula_label"), TieLabel: i18n.T(c.lang, "pr.tie_label")}
	for _, e := range p.TieBreak {
		a.TieBreak = append(a.TieBreak, e.Src)
	}
	sep := ", "
	if c.lang == "ar" {
		sep = "، "
	}
	a.Text = i18n.T(c.lang, "pr.annex_bands", strings.Join(bands, sep))
	return a
}

// recTitle is a measure's title as recommended in recs (its variant's
// wording when one applies), else its own title.
func recTitle(recs []engine.Recommendation, m *engine.Measure, lang string) string {
	for i := range recs {
		if recs[i].Measure == m || recs[i].Measure.ID == m.ID {
			return recs[i].Title().Get(lang)
		}
	}
	return m.Title.Get(lang)
}
