package interview

import (
	"fmt"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// ProvisionalLines is the notice of provisional results in lang, for the
// terminal: the banner, then per section the questions still unanswered or
// answered "don't know" (at most maxIDs ids per kind and section; 0: all).
// It is nil when the results are not provisional.
func ProvisionalLines(q *engine.Questionnaire, p *engine.Policy, r *engine.ScoreResult, lang string, maxIDs int) []string {
	if !r.Provisional {
		return nil
	}
	out := []string{"⚠ " + i18n.T(lang, "pv.banner", r.Coverage*100, p.ProvisionalBelow*100), strings.TrimRight(i18n.T(lang, "pv.missing_title")+i18n.T(lang, "pv.colon"), " ")}
	for _, m := range r.Missing() {
		title := m.Section
		if s := q.Section(m.Section); s != nil {
			title = s.Title.Get(lang)
		}
		var parts []string
		if len(m.Unanswered) > 0 {
			parts = append(parts, i18n.T(lang, "pv.unanswered")+i18n.T(lang, "pv.colon")+idList(m.Unanswered, lang, maxIDs))
		}
		if len(m.DontKnow) > 0 {
			parts = append(parts, i18n.T(lang, "pv.dont_know")+i18n.T(lang, "pv.colon")+idList(m.DontKnow, lang, maxIDs))
		}
		out = append(out, fmt.Sprintf("  %s — %s", title, strings.Join(parts, " · ")))
	}
	return out
}

func idList(ids []string, lang string, maxIDs int) string {
	if maxIDs > 0 && len(ids) > maxIDs {
		return strings.Join(ids[:maxIDs], ", ") + " " + i18n.T(lang, "pv.more", len(ids)-maxIDs)
	}
	return strings.Join(ids, ", ")
}

// OverallTail is what follows the overall score on a line: its band, or,
// when the results are provisional, that they are, with the coverage.
func OverallTail(p *engine.Policy, r *engine.ScoreResult, lang string) string {
	if r.Provisional {
		return i18n.T(lang, "pv.overall", r.Coverage*100, p.ProvisionalBelow*100)
	}
	return p.BandLabel(r.OverallBand, lang)
}

// OverallScore is the overall score in five cells (decimal sign of lang),
// in brackets (greyed) when the results are provisional.
func OverallScore(r *engine.ScoreResult, lang string) string {
	if r.Provisional && r.Overall != nil {
		return fmt.Sprintf("(%3.0f)", *r.Overall)
	}
	return FmtScoreIn(r.Overall, lang)
}

// OverallBar is the overall score's bar, dotted when the results are provisional.
func OverallBar(r *engine.ScoreResult, width int) string {
	if r.Provisional {
		return Bar(nil, width)
	}
	return Bar(r.Overall, width)
}

// PriorityText is a recommendation's priority in plain words: its band and
// the reasons ("High — large gap, the region's own competence, …").
func PriorityText(rec engine.Recommendation, lang string) string {
	s := ""
	if rec.Band != nil {
		s = rec.Band.Label.Get(lang)
	}
	if why := i18n.PriorityReasons(lang, rec.Reasons); why != "" {
		if s != "" {
			s += " — "
		}
		s += why
	}
	return s
}
