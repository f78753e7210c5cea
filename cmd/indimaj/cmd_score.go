package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/interview"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/spf13/cobra"
)

type scoreOverallJSON struct {
	Score    *float64 `json:"score"`
	Band     string   `json:"band"`
	Coverage float64  `json:"coverage"`
	// Provisional: the coverage is below the policy's provisional_below; the
	// score must then not be published nor compared with a complete assessment.
	Provisional      bool    `json:"provisional"`
	ProvisionalBelow float64 `json:"provisional_below"`
}

type scoreSectionJSON struct {
	ID            string   `json:"id"`
	Score         *float64 `json:"score"`
	Band          string   `json:"band"`
	Answered      int      `json:"answered"`
	Relevant      int      `json:"relevant"`
	Coverage      float64  `json:"coverage"`
	LowConfidence bool     `json:"low_confidence"`
	DontKnow      int      `json:"dont_know"`
	NotApplicable int      `json:"not_applicable"`
	Target        float64  `json:"target"`
}

type scoreIndicatorJSON struct {
	ID      string   `json:"id"`
	Section string   `json:"section"`
	Score   *float64 `json:"score"`
	Status  string   `json:"status"`
}

type scoreJSON struct {
	Assessment    string                         `json:"assessment"`
	Questionnaire qnrRef                         `json:"questionnaire"`
	Overall       scoreOverallJSON               `json:"overall"`
	Missing       []engine.MissingAnswers        `json:"missing"`
	Sections      []scoreSectionJSON             `json:"sections"`
	Indicators    []scoreIndicatorJSON           `json:"indicators"`
	By            map[string]map[string]*float64 `json:"by"`
}

type qnrRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

func round1p(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := engine.Round1(*v)
	return &r
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func scoreToJSON(l *app.Loaded, r *engine.ScoreResult) scoreJSON {
	out := scoreJSON{Assessment: l.A.ID, Questionnaire: qnrRef{l.Content.Q.ID, l.Content.Q.Version},
		Overall: scoreOverallJSON{Score: round1p(r.Overall), Band: r.OverallBand, Coverage: round3(r.Coverage),
			Provisional: r.Provisional, ProvisionalBelow: l.Content.Rules.Policy.ProvisionalBelow},
		Missing:  nonNilMissing(r.Missing()),
		Sections: []scoreSectionJSON{}, Indicators: []scoreIndicatorJSON{}, By: map[string]map[string]*float64{}}
	for _, s := range r.Sections {
		out.Sections = append(out.Sections, scoreSectionJSON{ID: s.ID, Score: round1p(s.Score), Band: s.Band, Answered: s.Answered,
			Relevant: s.Relevant, Coverage: round3(s.Coverage), LowConfidence: s.LowConfidence, DontKnow: s.DontKnow,
			NotApplicable: s.NotApplicable, Target: s.Target})
	}
	for _, i := range r.Indicators {
		out.Indicators = append(out.Indicators, scoreIndicatorJSON{ID: i.ID, Section: i.Section, Score: i.Score, Status: i.Status})
	}
	for kind, m := range r.By {
		out.By[kind] = map[string]*float64{}
		for code, v := range m {
			out.By[kind][code] = round1p(v)
		}
	}
	return out
}

func scoreCmd(g *globals) *cobra.Command {
	var asJSON bool
	var lang string
	cmd := &cobra.Command{
		Use:   "score ID",
		Short: "Score an assessment: indicators → sections → overall (MIPEX arithmetic)",
		Long: `Score an assessment. Indicator score = the chosen level (0/50/100); "don't know" and
"not applicable" are left out and counted as data gaps; an indicator skipped by
relevance counts at its skip score (its lowest level by default). Section score =
(weighted) mean of its indicators; overall = mean of the section scores.
Coverage = indicators with a known level / relevant indicators; below the policy's
threshold (80 %) a section is flagged low confidence. A partial assessment can be scored.`,
		Example: "  indimaj score 01J9Z8\n  indimaj score 01J9Z8 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			p := l.Content.Rules.Policy
			r := engine.Score(l.State, p)
			if asJSON {
				return g.printJSON(scoreToJSON(l, r))
			}
			q := l.Content.Q
			out := i18n.IsolatingWriter(lang, g.stdout)
			defer out.Flush()
			fmt.Fprintf(out, "%s — %s, %s\n\n", l.A.ID, l.Content.Refs.RegionName(l.A.Region, lang), termsafe.Line(l.A.Round))
			for _, s := range r.Sections {
				flag := ""
				if s.LowConfidence {
					flag = "  " + i18n.T(lang, "cli.low_confidence", s.Coverage*100)
				}
				fmt.Fprintf(out, "%s %s %s  %s%s\n", fitW(q.Section(s.ID).Title.Get(lang), 48), interview.FmtScoreIn(s.Score, lang), interview.Bar(s.Score, 20), p.BandLabel(s.Band, lang), flag)
			}
			if r.Provisional {
				fmt.Fprintf(out, "\n%s %s %s  %s\n", fitW(i18n.T(lang, "cli.overall"), 48), interview.OverallScore(r, lang), interview.OverallBar(r, 20), interview.OverallTail(p, r, lang))
			} else {
				fmt.Fprintf(out, "\n%s %s %s  %s  (%s)\n", fitW(i18n.T(lang, "cli.overall"), 48), interview.FmtScoreIn(r.Overall, lang), interview.Bar(r.Overall, 20), p.BandLabel(r.OverallBand, lang), i18n.T(lang, "cli.coverage", r.Coverage*100))
			}
			for _, kind := range []string{"mgi", "mipex", "snia"} {
				if line := interview.ViewLine(r, kind, lang); line != "" {
					fmt.Fprintf(out, "%-6s %s\n", strings.ToUpper(kind), line)
				}
			}
			printProvisional(out, l, r, lang)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	return cmd
}

type recJSON struct {
	Rank    int         `json:"rank"`
	Measure string      `json:"measure"`
	Title   engine.Text `json:"title"`
	// Variant is true when the title is the measure's wording for this case.
	Variant  bool               `json:"variant,omitempty"`
	Priority float64            `json:"priority"`
	Band     string             `json:"band,omitempty"`
	Reasons  []string           `json:"reasons"`
	TieKeys  []float64          `json:"tie_keys,omitempty"`
	SNIA     []string           `json:"snia"`
	SDG      []string           `json:"sdg"`
	GCM      []int              `json:"gcm"`
	Horizon  string             `json:"horizon"`
	Cost     string             `json:"cost"`
	Because  []engine.Because   `json:"because"`
	Factors  map[string]any     `json:"factors"`
	Formula  string             `json:"formula"`
	Trigger  *engine.Trace      `json:"trigger"`
	Gaps     map[string]float64 `json:"gaps"`
}

func recsToJSON(l *app.Loaded, recs []engine.Recommendation) []recJSON {
	out := []recJSON{}
	for _, r := range recs {
		m := r.Measure
		b := r.Because
		if b == nil {
			b = []engine.Because{}
		}
		band := ""
		if r.Band != nil {
			band = r.Band.ID
		}
		out = append(out, recJSON{Rank: r.Rank, Measure: m.ID, Title: r.Title(), Variant: r.Variant != nil, Priority: r.Priority,
			Band: band, Reasons: nonNil(r.Reasons), TieKeys: r.TieKeys, SNIA: nonNil(m.SNIA),
			SDG: nonNil(m.SDG), GCM: nonNilInt(m.GCM), Horizon: m.Horizon, Cost: m.Cost, Because: b, Factors: r.Factors,
			Formula: l.Content.Rules.Policy.Priority.Src, Trigger: r.Trace, Gaps: r.Gaps})
	}
	return out
}

func recommendCmd(g *globals) *cobra.Command {
	var asJSON, explain bool
	var top int
	var lang string
	cmd := &cobra.Command{
		Use:   "recommend ID",
		Short: "Rank the SNIA-aligned measures the assessment's gaps call for, with their reasons",
		Long: `Evaluate every measure's trigger over the scores, answers and context, and rank the
measures that fire by the priority formula of the policy (rules/policy.yaml). Each
recommendation says which conditions were true with the values that made them true,
which indicators it addresses, and how its priority was computed.`,
		Example: "  indimaj recommend 01J9Z8 --top 5\n  indimaj recommend 01J9Z8 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			if top < 0 {
				return inputf("%s", i18n.M("cli.msg.top_negative"))
			}
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			r := engine.Score(l.State, l.Content.Rules.Policy)
			recs := engine.Recommend(l.State, r, l.Content.Rules)
			for _, pr := range l.State.Problems {
				g.warn("%s", i18n.M("cli.msg.warning", pr))
			}
			if top > 0 && len(recs) > top {
				recs = recs[:top]
			}
			if asJSON {
				return g.printJSON(map[string]any{"assessment": l.A.ID, "provisional": r.Provisional, "coverage": round3(r.Coverage),
					"recommendations": recsToJSON(l, recs)})
			}
			out := i18n.IsolatingWriter(lang, g.stdout)
			defer out.Flush()
			if r.Provisional {
				fmt.Fprintf(out, "⚠ %s\n\n", i18n.T(lang, "pv.banner", r.Coverage*100, l.Content.Rules.Policy.ProvisionalBelow*100))
			}
			if len(recs) == 0 {
				fmt.Fprintln(out, i18n.T(lang, "cli.no_measure"))
				return nil
			}
			for _, rec := range recs {
				printRecommendation(out, l, rec, lang, explain)
			}
			if explain {
				fmt.Fprintln(out, annexText(l.Content.Rules.Policy, lang))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&explain, "explain", false, "print the full trigger evaluation")
	cmd.Flags().IntVar(&top, "top", 0, "show only the N highest priorities (0: all)")
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	return cmd
}

func printRecommendation(w io.Writer, l *app.Loaded, rec engine.Recommendation, lang string, full bool) {
	m := rec.Measure
	band := ""
	if rec.Band != nil {
		band = "[" + rec.Band.Label.Get(lang) + "] "
	}
	fmt.Fprintf(w, "%2d. %s%s — %s\n", rec.Rank, band, m.ID, rec.Title().Get(lang))
	fmt.Fprintf(w, "    %s%s%s\n", i18n.T(lang, "pr.why"), i18n.T(lang, "pv.colon"), i18n.PriorityReasons(lang, rec.Reasons))
	fmt.Fprintf(w, "    SNIA %s · %s %s · %s %s · %s · %s %s\n", strings.Join(m.SNIA, ","), i18n.T(lang, "rp.sdg"), strings.Join(m.SDG, ","),
		i18n.T(lang, "rp.gcm"), joinInts(m.GCM), i18n.T(lang, "rp.horizon_short."+m.Horizon), i18n.T(lang, "cli.cost"), i18n.T(lang, "rp.cost."+m.Cost))
	for _, b := range rec.Because {
		qu := l.Content.Q.Question(b.Indicator)
		ans := i18n.T(lang, "iv.status."+b.Status)
		if b.Answer != nil && qu != nil {
			ans = interview.Display(qu, b.Answer, lang)
		}
		fmt.Fprintf(w, "    %s %-14s %s (%s)", i18n.T(lang, "cli.because"), b.Indicator, strings.TrimSpace(interview.FmtScoreIn(b.Score, lang)), ans)
		if b.Condition != "" {
			fmt.Fprintf(w, "  ← %s", b.Condition)
		}
		fmt.Fprintln(w)
	}
	if !full {
		fmt.Fprintln(w)
		return
	}
	keys := make([]string, 0, len(rec.Factors))
	for k := range rec.Factors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{}
	for _, k := range engine.PriorityFactorNames {
		if v, ok := rec.Factors[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	fmt.Fprintf(w, "    %s = %s\n", i18n.T(lang, "pr.number"), i18n.Decimal(lang, fmt.Sprintf("%.2f", rec.Priority)))
	fmt.Fprintf(w, "    %s\n      %s\n", i18n.T(lang, "cli.priority", l.Content.Rules.Policy.Priority.Src), i18n.T(lang, "cli.with", strings.Join(parts, " ")))
	if len(rec.TieKeys) > 0 {
		tk := make([]string, len(rec.TieKeys))
		for i, v := range rec.TieKeys {
			tk[i] = fmt.Sprintf("%s = %g", l.Content.Rules.Policy.TieBreak[i].Src, v)
		}
		fmt.Fprintf(w, "    %s%s%s\n", i18n.T(lang, "pr.tie_keys"), i18n.T(lang, "pv.colon"), strings.Join(tk, " · "))
	}
	if rec.Trace != nil {
		printTrace(w, rec.Trace, "    ", lang)
	}
	fmt.Fprintln(w)
}

func printTrace(w io.Writer, t *engine.Trace, indent, lang string) {
	label := t.Op
	if label == "" {
		label = t.Expr
	}
	vals := ""
	if len(t.Values) > 0 {
		keys := make([]string, 0, len(t.Values))
		for k := range t.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s=%v", k, fmtAny(t.Values[k]))
		}
		vals = "   [" + strings.Join(parts, " ") + "]"
	}
	value := i18n.T(lang, "cli.false")
	if t.Value {
		value = i18n.T(lang, "cli.true")
	}
	fmt.Fprintf(w, "%s%-5s ← %s%s\n", indent, value, label, vals)
	for _, c := range t.Children {
		printTrace(w, c, indent+"  ", lang)
	}
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", x)
	case []string:
		return "[" + strings.Join(x, ",") + "]"
	}
	return fmt.Sprint(v)
}
