package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/interview"
)

// printProvisional writes, when the results are provisional, the banner
// and the questions to complete per section.
func printProvisional(w io.Writer, l *app.Loaded, r *engine.ScoreResult, lang string) {
	lines := interview.ProvisionalLines(l.Content.Q, l.Content.Rules.Policy, r, lang, 0)
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, line := range lines {
		fmt.Fprintln(w, line)
	}
}

// annexText is the priority annex: the formula, the bands and the tie-break keys.
func annexText(p *engine.Policy, lang string) string {
	bands := make([]string, len(p.PriorityBands))
	for i, b := range p.PriorityBands {
		bands[i] = i18n.T(lang, "pr.band_from", b.Label.Get(lang), b.Min)
	}
	ties := make([]string, len(p.TieBreak))
	for i, e := range p.TieBreak {
		ties[i] = e.Src
	}
	sep := ", "
	if lang == "ar" {
		sep = "، "
	}
	return i18n.T(lang, "pr.annex_title") + "\n" + i18n.T(lang, "pr.annex_formula", p.Priority.Src, strings.Join(bands, sep), strings.Join(ties, " · "))
}

func nonNilMissing(m []engine.MissingAnswers) []engine.MissingAnswers {
	if m == nil {
		return []engine.MissingAnswers{}
	}
	return m
}
