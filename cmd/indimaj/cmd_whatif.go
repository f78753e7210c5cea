package main

import (
	"fmt"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/interview"
	"github.com/spf13/cobra"
)

type whatifSection struct {
	ID     string   `json:"id"`
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	BandB  string   `json:"band_before"`
	BandA  string   `json:"band_after"`
}

type whatifRec struct {
	Measure  string  `json:"measure"`
	Before   *int    `json:"rank_before"`
	After    *int    `json:"rank_after"`
	Priority float64 `json:"priority_after"`
}

func whatifCmd(g *globals) *cobra.Command {
	var sets []string
	var nextBand, lang string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "whatif ID (--set QUESTION=VALUE... | --next-band SECTION)",
		Short: "Re-score with changed answers, without saving; or find what lifts a section to its next band",
		Long: `--set re-scores the assessment with some answers changed (nothing is saved) and prints
how the section and overall scores and the recommendations change. A multiple choice
takes codes separated by commas.

--next-band SECTION lists the fewest indicator changes (each to its best level) that
lift SECTION to its next band.`,
		Example: "  indimaj whatif 01J9Z8 --set gov02=full --set gov07=partial\n  indimaj whatif 01J9Z8 --next-band gov",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			// Arabic output isolates codes and numbers (see i18n.Isolate).
			out := i18n.IsolatingWriter(lang, g.stdout)
			defer out.Flush()
			if (len(sets) == 0) == (nextBand == "") {
				return inputf("%s", i18n.M("cli.msg.whatif_usage"))
			}
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			q := l.Content.Q
			p := l.Content.Rules.Policy
			if nextBand != "" {
				sec := findScoredSection(q, nextBand)
				if sec == nil {
					return inputf("%s", i18n.M("cli.msg.not_scored_section", nextBand, scoredSectionsNamed(q, i18n.MessageLang())))
				}
				nextBand = sec.ID
				step, err := engine.NextBand(l.State, p, nextBand)
				if err != nil {
					return inputf("%s", i18n.M("cli.msg.section_not_asked", nextBand))
				}
				if asJSON {
					return g.printJSON(step)
				}
				title := q.Section(nextBand).Title.Get(lang)
				if step.Next == "" {
					fmt.Fprintln(out, i18n.T(lang, "cli.wi.top_band", title, strings.TrimSpace(interview.FmtScoreIn(step.Score, lang))))
					return nil
				}
				fmt.Fprintln(out, i18n.T(lang, "cli.wi.next_band", title, strings.TrimSpace(interview.FmtScoreIn(step.Score, lang)),
					p.BandLabel(step.Band, lang), p.BandLabel(step.Next, lang), step.NextMin))
				if len(step.Changes) == 0 {
					fmt.Fprintln(out, i18n.T(lang, "cli.wi.unreachable"))
					return nil
				}
				how := "cli.wi.fewest"
				if !step.Exact {
					how = "cli.wi.greedy"
				}
				fmt.Fprintln(out, i18n.T(lang, how, len(step.Changes)))
				for _, c := range step.Changes {
					qu := q.Question(c.Question)
					fmt.Fprintf(out, "  %-12s %s → %s   (%s → %s)  %s\n", c.Question, strings.TrimSpace(interview.FmtScoreIn(c.FromScore, lang)),
						strings.TrimSpace(interview.FmtScoreIn(c.ToScore, lang)), interview.Display(qu, c.From, lang), interview.Display(qu, c.To, lang), truncate(qu.Label.Get(lang), 60))
				}
				fmt.Fprintln(out, i18n.T(lang, "cli.wi.after", strings.TrimSpace(interview.FmtScoreIn(step.NewScore, lang))))
				return nil
			}
			before := engine.Score(l.State, p)
			recsBefore := engine.Recommend(l.State, before, l.Content.Rules)
			trial := l.State.Clone()
			var problems []string
			var changes []engine.Change
			for _, s := range sets {
				id, val, ok := strings.Cut(s, "=")
				if !ok {
					problems = append(problems, i18n.M("cli.msg.set_expected", s))
					continue
				}
				qu := q.Question(strings.TrimSpace(id))
				if qu == nil {
					problems = append(problems, "--set "+i18n.M("cli.msg.unknown_question", id))
					continue
				}
				v, err := engine.ParseValue(qu, strings.TrimSpace(val))
				if err == nil {
					err = trial.Set(qu.ID, v)
				}
				if err != nil {
					problems = append(problems, "--set "+err.Error())
					continue
				}
				changes = append(changes, engine.Change{Question: qu.ID, From: l.State.Answer(qu.ID), To: v})
			}
			if len(problems) > 0 {
				return inputf("%s", strings.Join(problems, "\n"))
			}
			after := engine.Score(trial, p)
			for i := range changes {
				if ib := before.Indicator(changes[i].Question); ib != nil {
					changes[i].FromScore = ib.Score
				}
				if ia := after.Indicator(changes[i].Question); ia != nil {
					changes[i].ToScore = ia.Score
				}
			}
			recsAfter := engine.Recommend(trial, after, l.Content.Rules)
			var secs []whatifSection
			for _, sb := range before.Sections {
				sa := after.Section(sb.ID)
				secs = append(secs, whatifSection{ID: sb.ID, Before: round1p(sb.Score), After: round1p(sa.Score), BandB: sb.Band, BandA: sa.Band})
			}
			rank := map[string]int{}
			for _, r := range recsBefore {
				rank[r.Measure.ID] = r.Rank
			}
			var recs []whatifRec
			seen := map[string]bool{}
			for _, r := range recsAfter {
				wr := whatifRec{Measure: r.Measure.ID, Priority: r.Priority}
				ra := r.Rank
				wr.After = &ra
				if rb, ok := rank[r.Measure.ID]; ok {
					wr.Before = &rb
				}
				seen[r.Measure.ID] = true
				recs = append(recs, wr)
			}
			for _, r := range recsBefore {
				if !seen[r.Measure.ID] {
					rb := r.Rank
					recs = append(recs, whatifRec{Measure: r.Measure.ID, Before: &rb})
				}
			}
			if asJSON {
				return g.printJSON(map[string]any{"assessment": l.A.ID, "saved": false, "changes": changes,
					"overall": map[string]any{"before": round1p(before.Overall), "after": round1p(after.Overall), "band_before": before.OverallBand, "band_after": after.OverallBand,
						"provisional_before": before.Provisional, "provisional_after": after.Provisional},
					"sections": secs, "recommendations": recs})
			}
			fmt.Fprintln(out, i18n.T(lang, "cli.wi.title"))
			for _, s := range secs {
				mark := ""
				if !samePtr(s.Before, s.After) {
					mark = "  *"
				}
				fmt.Fprintf(out, "  %-6s %s → %s%s\n", s.ID, interview.FmtScoreIn(s.Before, lang), interview.FmtScoreIn(s.After, lang), mark)
			}
			if before.Provisional || after.Provisional {
				// Provisional overall scores are shown in brackets, with their coverage.
				fmt.Fprintf(out, "  %-6s %s → %s  (%s → %s)\n", i18n.T(lang, "cli.wi.overall"), interview.OverallScore(before, lang), interview.OverallScore(after, lang),
					interview.OverallTail(p, before, lang), interview.OverallTail(p, after, lang))
			} else {
				fmt.Fprintf(out, "  %-6s %s → %s\n", i18n.T(lang, "cli.wi.overall"), interview.FmtScoreIn(round1p(before.Overall), lang), interview.FmtScoreIn(round1p(after.Overall), lang))
			}
			for _, r := range recs {
				switch {
				case r.Before == nil:
					fmt.Fprintln(out, "  "+i18n.T(lang, "cli.wi.new", r.Measure, *r.After))
				case r.After == nil:
					fmt.Fprintln(out, "  "+i18n.T(lang, "cli.wi.gone", r.Measure, *r.Before))
				case *r.Before != *r.After:
					fmt.Fprintln(out, "  "+i18n.T(lang, "cli.wi.moved", r.Measure, *r.Before, *r.After))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", nil, "QUESTION=VALUE to change (repeatable)")
	cmd.Flags().StringVar(&nextBand, "next-band", "", "section id or title: what lifts it to its next band")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	return cmd
}

func samePtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// findScoredSection finds a scored section by its id or by its title in any
// language (case and surrounding spaces ignored); nil if none matches.
func findScoredSection(q *engine.Questionnaire, arg string) *engine.Section {
	arg = strings.TrimSpace(arg)
	for _, s := range q.Sections {
		if s.Scored && s.ID == arg {
			return s
		}
	}
	for _, s := range q.Sections {
		if !s.Scored {
			continue
		}
		if strings.EqualFold(s.ID, arg) {
			return s
		}
		for _, t := range s.Title {
			if strings.EqualFold(strings.TrimSpace(t), arg) {
				return s
			}
		}
	}
	return nil
}

// scoredSectionsNamed lists the scored sections as "id (title)", for messages
// that say which sections exist.
func scoredSectionsNamed(q *engine.Questionnaire, lang string) string {
	var parts []string
	for _, s := range q.Sections {
		if s.Scored {
			parts = append(parts, s.ID+" ("+s.Title.Get(lang)+")")
		}
	}
	return strings.Join(parts, ", ")
}
