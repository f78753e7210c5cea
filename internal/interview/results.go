package interview

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
)

// ReportKinds are the report kinds `indimaj report` produces.
var ReportKinds = []string{"diagnostic", "recommendations", "action-plan", "pilot"}

// Bar draws a score (0–100) as a bar of width cells; nil draws dots.
func Bar(v *float64, width int) string {
	if v == nil {
		return strings.Repeat("·", width)
	}
	n := int(math.Round(*v / 100 * float64(width)))
	n = max(0, min(width, n))
	return strings.Repeat("█", n) + strings.Repeat("░", width-n)
}

// ProgressBar draws answered/relevant as a bar.
func ProgressBar(c engine.Count, width int) string {
	f := c.Fraction() * 100
	return Bar(&f, width)
}

// FmtScore writes a score in five cells ("—" when there is none).
func FmtScore(v *float64) string {
	if v == nil {
		return "  —  "
	}
	return fmt.Sprintf("%5.1f", *v)
}

// FmtScoreIn is FmtScore with the language's decimal separator (42,3 in
// French and Arabic, 42.3 in English), as the reports write it.
func FmtScoreIn(v *float64, lang string) string { return i18n.Decimal(lang, FmtScore(v)) }

// ViewLine lists a secondary view's scores ("D1 50.0 · D2 66.7"), in natural
// code order; kind is "mgi", "mipex" or "snia"; "" when the view is empty.
func ViewLine(r *engine.ScoreResult, kind, lang string) string {
	codes := engine.SortedCodes(r.By[kind])
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = c + " " + strings.TrimSpace(FmtScoreIn(r.By[kind][c], lang))
	}
	return strings.Join(parts, " · ")
}

// fit truncates s to w cells and pads it to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	if d := w - ansi.StringWidth(s); d > 0 {
		s += strings.Repeat(" ", d)
	}
	return s
}

// scoreLines renders the section scores and the overall score, one line
// each: title, score, bar, band; ⚠ marks low confidence (explained below).
func scoreLines(l *app.Loaded, r *engine.ScoreResult, lang string, width int) []string {
	p := l.Content.Rules.Policy
	q := l.Content.Q
	barW := 20
	if width < 70 {
		barW = 10
	}
	// The titles take the width they need, leaving the band its room (the
	// longest band label, at most 20 cells): a 120-column terminal shows
	// whole titles.
	longest, bandW := ansi.StringWidth(i18n.T(lang, "iv.overall")), 4
	for _, s := range r.Sections {
		longest = max(longest, ansi.StringWidth(q.Section(s.ID).Title.Get(lang)))
		bandW = max(bandW, min(20, ansi.StringWidth(p.BandLabel(s.Band, lang))+2))
	}
	titleW := max(12, min(longest, width-1-5-1-barW-2-bandW))
	restW := max(4, width-titleW-1-5-1-barW-2)
	var out []string
	low := false
	for _, s := range r.Sections {
		tail := p.BandLabel(s.Band, lang)
		switch {
		case !s.Asked:
			tail = i18n.T(lang, "iv.not_asked")
		case s.LowConfidence:
			tail = "⚠ " + tail
			low = true
		}
		out = append(out, fmt.Sprintf("%s %s %s  %s", fit(q.Section(s.ID).Title.Get(lang), titleW), FmtScoreIn(s.Score, lang), Bar(s.Score, barW), ansi.Truncate(tail, restW, "…")))
	}
	out = append(out, "")
	out = append(out, fmt.Sprintf("%s %s %s  %s", fit(i18n.T(lang, "iv.overall"), titleW), fit(OverallScore(r, lang), 5), OverallBar(r, barW),
		ansi.Truncate(OverallTail(p, r, lang), restW, "…")))
	out = append(out, wrapLines(i18n.T(lang, "iv.coverage_line", r.Coverage*100), width)...)
	if low {
		out = append(out, wrapLines("⚠ "+i18n.T(lang, "iv.low_confidence_note", p.LowConfidenceBelow*100), width)...)
	}
	for _, line := range ProvisionalLines(q, p, r, lang, 8) {
		out = append(out, strings.Split(strings.TrimRight(wrapIndent(line, width, "", "    "), "\n"), "\n")...)
	}
	return out
}

// reason is a recommendation's one-line reason: the indicators with a gap.
func reason(l *app.Loaded, rec engine.Recommendation, lang string) string {
	var parts []string
	for i, b := range rec.Because {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		qu := l.Content.Q.Question(b.Indicator)
		ans := i18n.T(lang, "iv.status."+b.Status)
		if b.Answer != nil && qu != nil {
			ans = Display(qu, b.Answer, lang)
		}
		sc := ""
		if b.Score != nil {
			sc = " (" + i18n.Decimal(lang, fmt.Sprintf("%g", engine.Round1(*b.Score))) + ")"
		}
		parts = append(parts, fmt.Sprintf("%s = %s%s", b.Indicator, ans, sc))
	}
	if len(parts) == 0 {
		return i18n.T(lang, "iv.because_context")
	}
	return i18n.T(lang, "iv.because") + " " + strings.Join(parts, " · ")
}

// reportCommands lists the commands that write the reports.
func reportCommands(id string) []string {
	out := make([]string, len(ReportKinds))
	for i, k := range ReportKinds {
		out[i] = fmt.Sprintf("indimaj report %s --kind %s --format html -o %s.html", id, k, k)
	}
	return out
}

// SummaryText is the end-of-interview summary: section scores as bars, the
// overall score, the top recommendations with one-line reasons, and the
// report commands.
func SummaryText(l *app.Loaded, lang string, width, top int) string {
	r := engine.Score(l.State, l.Content.Rules.Policy)
	recs := engine.Recommend(l.State, r, l.Content.Rules)
	var b strings.Builder
	b.WriteString(i18n.T(lang, "iv.scores") + "\n")
	for _, line := range scoreLines(l, r, lang, width) {
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + i18n.T(lang, "iv.top_recs", min(top, len(recs))) + "\n")
	if len(recs) == 0 {
		b.WriteString("  " + i18n.T(lang, "iv.no_recs") + "\n")
	}
	for i, rec := range recs {
		if i == top {
			break
		}
		title := rec.Title().Get(lang)
		if rec.Band != nil {
			title = "[" + rec.Band.Label.Get(lang) + "] " + title
		}
		b.WriteString(wrapIndent(fmt.Sprintf("%d. %s", rec.Rank, title), width, "", "   "))
		b.WriteString(wrapIndent(reason(l, rec, lang), width, "   ", "   "))
	}
	writeCommands(&b, l.A.ID, lang, width)
	// In Arabic, codes, numbers and formulas are isolated so that the
	// terminal's bidi display keeps them in order (5.c, not c.5).
	return i18n.IsolateFor(lang, b.String())
}

func writeCommands(b *strings.Builder, id, lang string, width int) {
	b.WriteString("\n" + i18n.T(lang, "iv.reports") + "\n")
	for _, c := range reportCommands(id) {
		b.WriteString(wrapIndent(c, width, "  ", "      "))
	}
}

// ResultsText is the results view of an assessment: progress, section scores
// with coverage, the MGI / MIPEX / SNIA views, and every recommendation with
// its explanation (indicators, priority formula and factors).
func ResultsText(l *app.Loaded, lang string, width int) string {
	a := l.A
	r := engine.Score(l.State, l.Content.Rules.Policy)
	recs := engine.Recommend(l.State, r, l.Content.Rules)
	p, _ := l.State.Progress()
	region := l.Content.Refs.RegionName(a.Region, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s, %s\n", i18n.T(lang, "iv.results"), region, termsafe.Line(a.Round))
	fmt.Fprintf(&b, "%s · %s · %s\n\n", a.ID, i18n.T(lang, "iv.progress_short", p.Answered, p.Relevant), a.Updated.Local().Format("2006-01-02 15:04"))
	b.WriteString(i18n.T(lang, "iv.scores") + "\n")
	for _, line := range scoreLines(l, r, lang, width) {
		b.WriteString(line + "\n")
	}
	for _, kind := range []string{"mgi", "mipex", "snia"} {
		if line := ViewLine(r, kind, lang); line != "" {
			b.WriteString(wrapIndent(strings.ToUpper(kind)+"  "+line, width, "", "       "))
		}
	}
	if len(l.Divergent) > 0 {
		b.WriteString("\n" + i18n.T(lang, "iv.cs.divergent_title", len(l.Divergent)) + "\n")
		for _, line := range divergentLines(l, lang) {
			b.WriteString(wrapIndent(line, width, "  ", "    "))
		}
	}
	b.WriteString("\n" + i18n.T(lang, "iv.recs", len(recs)) + "\n")
	if len(recs) == 0 {
		b.WriteString("  " + i18n.T(lang, "iv.no_recs") + "\n")
	}
	for _, rec := range recs {
		m := rec.Measure
		b.WriteString("\n")
		b.WriteString(wrapIndent(fmt.Sprintf("%d. [%s] %s", rec.Rank, i18n.Decimal(lang, fmt.Sprintf("%.2f", rec.Priority)), rec.Title().Get(lang)), width, "", "   "))
		b.WriteString(wrapIndent(i18n.T(lang, "pr.priority")+i18n.T(lang, "pv.colon")+PriorityText(rec, lang), width, "   ", "   "))
		meta := fmt.Sprintf("SNIA %s · %s %s · %s %s · %s · %s", strings.Join(m.SNIA, ","), odd(lang), strings.Join(m.SDG, ","),
			gcm(lang), joinInts(m.GCM), i18n.T(lang, "iv.horizon."+m.Horizon), i18n.T(lang, "iv.cost", i18n.T(lang, "iv.costc."+m.Cost)))
		b.WriteString(wrapIndent(meta, width, "   ", "   "))
		for _, be := range rec.Because {
			qu := l.Content.Q.Question(be.Indicator)
			ans := i18n.T(lang, "iv.status."+be.Status)
			if be.Answer != nil && qu != nil {
				ans = Display(qu, be.Answer, lang)
			}
			line := fmt.Sprintf("%s %s %s (%s)", i18n.T(lang, "iv.because"), be.Indicator, strings.TrimSpace(FmtScoreIn(be.Score, lang)), ans)
			if be.Condition != "" {
				line += "  ← " + be.Condition
			}
			b.WriteString(wrapIndent(line, width, "   ", "     "))
		}
		keys := []string{}
		for _, k := range engine.PriorityFactorNames {
			if v, ok := rec.Factors[k]; ok {
				keys = append(keys, fmt.Sprintf("%s=%v", k, v))
			}
		}
		extra := []string{}
		for k := range rec.Factors {
			if !slices.Contains(engine.PriorityFactorNames, k) {
				extra = append(extra, fmt.Sprintf("%s=%v", k, rec.Factors[k]))
			}
		}
		sort.Strings(extra)
		keys = append(keys, extra...)
		b.WriteString(wrapIndent(i18n.T(lang, "iv.priority")+" = "+l.Content.Rules.Policy.Priority.Src, width, "   ", "     "))
		b.WriteString(wrapIndent(i18n.T(lang, "iv.with")+" "+strings.Join(keys, " "), width, "   ", "     "))
	}
	writeCommands(&b, a.ID, lang, width)
	return i18n.IsolateFor(lang, b.String())
}

// divergentLines lists the divergent questions with their consensus (or
// that they have none).
func divergentLines(l *app.Loaded, lang string) []string {
	cons := map[string]any{}
	for _, c := range l.Consensus {
		if c.Value != nil {
			cons[c.Question] = c.Value
		}
	}
	var out []string
	for _, id := range l.Divergent {
		qu := l.Content.Q.Question(id)
		if qu == nil {
			continue
		}
		state := i18n.T(lang, "iv.cs.no_consensus")
		if v, ok := cons[id]; ok {
			if x, err := engine.ParseValue(qu, v); err == nil {
				v = x
			}
			state = i18n.T(lang, "iv.cs.current", Display(qu, v, lang))
		}
		out = append(out, i18n.T(lang, "iv.cs.results_line", id, qu.Label.Get(lang), state))
	}
	return out
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ",")
}

func odd(lang string) string { return i18n.T(lang, "iv.sdg") }

func gcm(lang string) string { return i18n.T(lang, "iv.gcm") }

// wrapIndent word-wraps s to width with a first-line and a continuation
// indent, and ends it with a newline.
func wrapIndent(s string, width int, first, rest string) string {
	if width <= 0 {
		width = 80
	}
	lines := wrapLines(s, width-ansi.StringWidth(rest))
	var b strings.Builder
	for i, line := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// wrapLines word-wraps s to width cells (hard-wrapping words that are too
// long) and returns its lines; existing newlines are kept.
func wrapLines(s string, width int) []string {
	if width < 8 {
		width = 8
	}
	w := ansi.Wrap(s, width, "")
	return strings.Split(strings.TrimRight(w, "\n"), "\n")
}
