package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// Render writes a report in a format: md, html, json or csv.
func Render(d *Doc, format string) ([]byte, error) {
	switch format {
	case "md":
		return Markdown(d), nil
	case "html":
		return HTML(d)
	case "json":
		return JSON(d)
	case "csv":
		return CSV(d)
	}
	return nil, inputf("%s", i18n.M("rp.err.format", format, strings.Join(Formats, ", ")))
}

// JSON renders a report's full structured content.
func JSON(d *Doc) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// CellSafe neutralizes a spreadsheet cell that a spreadsheet could read as a
// formula (it starts with =, +, -, @, a tab or a carriage return) by putting
// a single quote before it. Plain numbers such as -12.5 are left as they are:
// they are data, not formulas.
func CellSafe(s string) string {
	if s == "" || plainNumber.MatchString(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvNum writes a score for a spreadsheet (a dot, one decimal at most).
func csvNum(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func csvF(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// CSV renders a report as one row per item, UTF-8 (with a byte-order mark so
// spreadsheets read the accents and Arabic) and a header row.
func CSV(d *Doc) ([]byte, error) {
	t := func(k string, args ...any) string { return tr(d.Lang, k, args...) }
	var rows [][]string
	switch {
	case d.Diagnostic != nil:
		rows = append(rows, []string{t("col.section"), t("col.section_title"), t("col.indicator"), t("col.question"), t("col.answer"), t("col.choice"),
			t("col.score"), t("col.status"), t("col.weight"), t("col.note"), t("col.respondent"), t("col.source"), "MGI", "MIPEX", "SNIA", t("sdg"), t("gcm"), t("competence"), t("modality")})
		for _, ind := range d.Diagnostic.Indicators {
			rows = append(rows, []string{ind.Section, ind.SectionTitle, ind.ID, ind.Question, ind.Answer, ind.Choice, csvNum(ind.Score), ind.Status.Label,
				csvF(ind.Weight), ind.Note, ind.Respondent, ind.Source.Label, ind.Refs.MGI, ind.Refs.MIPEX, strings.Join(ind.Refs.SNIA, " "), strings.Join(ind.Refs.SDG, " "),
				strings.Trim(fmt.Sprint(ind.Refs.GCM), "[]"), competenceLabel(d.refs, ind.Refs.Competence, d.Lang), modalityLabel(d.refs, ind.Refs.Modality, d.Lang)})
		}
	case d.Divergence != nil:
		rows = append(rows, []string{t("col.part"), t("col.section"), t("col.section_title"), t("col.question"), t("col.label"), t("col.respondent"),
			t("col.answer"), t("col.choice"), t("col.score"), t("col.note"), t("col.kept"), t("col.kept_score"), t("col.source"), t("col.decision")})
		for _, part := range []struct {
			label string
			items []AgendaItem
		}{{t("div.part.divergent"), d.Divergence.Divergent}, {t("div.part.dont_know"), d.Divergence.DontKnow}} {
			for _, it := range part.items {
				for _, a := range it.Answers {
					rows = append(rows, []string{part.label, it.Section, it.SectionTitle, it.Question, it.Label, a.Respondent, a.Answer, a.Choice,
						csvNum(a.Score), a.Note, it.Working, csvNum(it.WorkingScore), it.Source.Label, ""})
				}
			}
		}
	case d.Recommendations != nil:
		rows = append(rows, []string{t("col.rank"), t("col.measure"), t("col.title"), t("col.priority"), t("col.horizon"), t("col.cost"), "SNIA", t("sdg"), t("gcm"),
			t("col.lead"), t("col.partners"), t("col.kpi"), t("rec.because"), t("rec.how"), t("col.description")})
		for _, r := range d.Recommendations.Items {
			var because []string
			for _, b := range r.Because {
				because = append(because, fmt.Sprintf("%s=%s (%s)", b.Indicator, csvNum(b.Score), orDash(b.Answer, b.Status.Label)))
			}
			rows = append(rows, []string{strconv.Itoa(r.Rank), r.Measure, r.Title, csvF(r.Priority), r.Horizon.Label, r.Cost.Label, sniaCodes(r.Alignment.SNIA),
				strings.Join(r.Alignment.SDG, " "), gcmNums(r.Alignment.GCM), r.Lead, strings.Join(r.Partners, "; "), kpiText(r.KPI, r.KPIUnit),
				strings.Join(because, "; "), factorsText(r.Factors), r.Description})
		}
	case d.ActionPlan != nil:
		rows = append(rows, planCSV(d)...)
	case d.Summary != nil:
		rows = append(rows, summaryCSV(d)...)
	case d.Pilot != nil:
		pl := d.Pilot
		rows = append(rows, []string{t("col.part"), "#", t("col.text"), t("col.detail")})
		add := func(part string, list []string) {
			for i, s := range list {
				rows = append(rows, []string{part, strconv.Itoa(i + 1), s, ""})
			}
		}
		rows = append(rows, []string{t("pilot.title"), "1", pl.Title, pl.Template})
		rows = append(rows, []string{t("pilot.general_objective"), "1", pl.GeneralObjective, pl.Anchor.Measure})
		add(t("pilot.specific_objectives"), pl.SpecificObjectives)
		add(t("pilot.targets"), pl.TargetGroups)
		for _, a := range pl.Activities {
			rows = append(rows, []string{t("pilot.activities"), strconv.Itoa(a.Number), a.Text, t("months_span", a.Start, a.End)})
		}
		add(t("pilot.results"), pl.Results)
		for i, ind := range pl.Indicators {
			rows = append(rows, []string{t("lf.indicators"), strconv.Itoa(i + 1), ind.Label, ind.Source})
		}
		for _, r := range pl.Logframe {
			add(t("lf.assumptions")+" — "+r.Level, r.Assumptions)
		}
		for i, p := range pl.Partners {
			rows = append(rows, []string{t("pilot.partners"), strconv.Itoa(i + 1), p.Name, p.Role})
		}
		add(t("pilot.budget"), pl.BudgetLines)
		for i, r := range pl.Risks {
			rows = append(rows, []string{t("pilot.risks"), strconv.Itoa(i + 1), r.Risk, r.Mitigation})
		}
		for i, ev := range pl.Evidence {
			rows = append(rows, []string{t("pilot.evidence"), strconv.Itoa(i + 1), ev.ID + " " + ev.Question, csvNum(ev.Score) + " " + orDash(ev.Answer, ev.Status.Label) + noteSuffix(ev.Note)})
		}
	case d.Comparison != nil:
		cm := d.Comparison
		head := []string{t("col.kind"), t("col.code"), t("col.label")}
		head = append(head, cm.Labels...)
		if cm.Mode == ModeFollowUp {
			head = append(head, "Δ")
		}
		rows = append(rows, head)
		all := append(append(append([]CompareRow{cm.Overall}, cm.Sections...), cm.Views...), cm.Indicators...)
		for _, r := range all {
			row := []string{r.Kind, r.ID, r.Label}
			for _, v := range r.Values {
				row = append(row, csvNum(v))
			}
			if cm.Mode == ModeFollowUp {
				row = append(row, csvNum(r.Delta))
			}
			rows = append(rows, row)
		}
		for _, m := range cm.Measures {
			row := []string{"measure", m.Measure, m.Title}
			for _, rk := range m.Ranks {
				if rk > 0 {
					row = append(row, strconv.Itoa(rk))
				} else {
					row = append(row, "")
				}
			}
			if cm.Mode == ModeFollowUp {
				row = append(row, "")
			}
			rows = append(rows, row)
		}
		// Follow-up: the baseline's adopted measures (mean score of the
		// indicators they address, first and last round), then the notes
		// and reasons given for each change.
		blank := func(row []string) []string {
			for range cm.Labels {
				row = append(row, "")
			}
			return append(row, "")
		}
		if e := cm.Effects; e != nil {
			for _, m := range e.Measures {
				row := []string{"adopted_measure", m.Measure, m.Title + " — " + m.Status.Label + " — " + m.Line}
				for i := range cm.Labels {
					switch i {
					case 0:
						row = append(row, csvNum(m.MeanFrom))
					case len(cm.Labels) - 1:
						row = append(row, csvNum(m.MeanTo))
					default:
						row = append(row, "")
					}
				}
				rows = append(rows, append(row, csvNum(m.MeanDelta)))
			}
		}
		for _, c := range cm.Changes {
			for _, n := range c.Notes {
				rows = append(rows, blank([]string{"change_note", c.Indicator, n.Who + ": " + n.Text}))
			}
			for _, r := range c.Reasons {
				rows = append(rows, blank([]string{"change_reason", c.Indicator, r.Who + ": " + r.Text}))
			}
		}
	default:
		return nil, fmt.Errorf("reports: empty document")
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, c := range r {
			safe[i] = CellSafe(c)
		}
		if err := w.Write(safe); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func competenceLabel(refs *engine.References, code, lang string) string {
	if refs != nil {
		if s := refs.CompetenceLabel(code, lang); s != "" {
			return s
		}
	}
	return code
}

func modalityLabel(refs *engine.References, code, lang string) string {
	if refs != nil {
		if s := refs.ModalityLabel(code, lang); s != "" {
			return s
		}
	}
	return code
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return " — " + n
}

func updatedText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}
