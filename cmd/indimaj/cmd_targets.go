package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

// The region's own section targets (targets ID [SECTION=SCORE...]).

func targetsCmd(g *globals) *cobra.Command {
	var by, reason, lang string
	var clear bool
	cmd := &cobra.Command{
		Use:   "targets ID [SECTION=SCORE...]",
		Short: "Show or set the region's own section targets (the gap of a measure is target − score)",
		Long: `By default every section's target is the policy's (100). A region may set its own
targets for this assessment: the gaps, the priorities of the recommendations and the
reports use them. Without SECTION=SCORE, prints the targets in force.`,
		Example: "  indimaj targets 01J9Z8 gov=80 dat=60\n  indimaj targets 01J9Z8 --clear",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			q := l.Content.Q
			if len(args) == 1 && !clear {
				p := l.Content.Rules.Policy
				for _, s := range q.Sections {
					if !s.Scored {
						continue
					}
					mark := i18n.T(lang, "cli.target.policy")
					if _, own := l.A.Targets[s.ID]; own {
						mark = i18n.T(lang, "cli.target.own")
					}
					fmt.Fprintf(g.stdout, "%-6s %5g  %s  %s\n", s.ID, p.TargetFor(s.ID), fitW(s.Title.Get(lang), 44), mark)
				}
				return nil
			}
			targets := map[string]float64{}
			if !clear {
				for k, v := range l.A.Targets {
					targets[k] = v
				}
				for _, a := range args[1:] {
					sec, val, ok := strings.Cut(a, "=")
					if !ok {
						return inputf("%s", i18n.M("cli.msg.target_expected", a))
					}
					if s := q.Section(sec); s == nil || !s.Scored {
						return inputf("%s", i18n.M("cli.msg.not_scored_section", sec, scoredSections(q)))
					}
					v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
					if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
						return inputf("%s", i18n.M("cli.msg.target_range", sec, val))
					}
					targets[sec] = v
				}
			} else if len(args) > 1 {
				return inputf("%s", i18n.M("cli.msg.clear_no_args"))
			}
			old := l.A.Targets
			_, err = env.Store.Apply(l.A.ID, store.Change{By: by, Reason: reason,
				History: []store.HistoryEntry{{By: by, Kind: "targets", Old: old, New: targets, Reason: reason}},
				Update: func(a *store.Assessment) error {
					if len(targets) == 0 {
						a.Targets = nil
					} else {
						a.Targets = targets
					}
					return nil
				}})
			if err != nil {
				return err
			}
			if len(targets) == 0 {
				fmt.Fprintln(g.stderr, i18n.T(lang, "cli.target.cleared", l.A.ID))
				return nil
			}
			ids := make([]string, 0, len(targets))
			for k := range targets {
				ids = append(ids, k)
			}
			sort.Strings(ids)
			parts := make([]string, len(ids))
			for i, k := range ids {
				parts[i] = fmt.Sprintf("%s=%g", k, targets[k])
			}
			fmt.Fprintln(g.stderr, i18n.T(lang, "cli.target.set", l.A.ID, strings.Join(parts, " ")))
			return nil
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	cmd.Flags().BoolVar(&clear, "clear", false, "back to the policy's targets")
	cmd.Flags().StringVar(&by, "by", currentUser(), "who (audit trail)")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required once the assessment is validated)")
	return cmd
}

func scoredSections(q *engine.Questionnaire) string {
	var ids []string
	for _, s := range q.Sections {
		if s.Scored {
			ids = append(ids, s.ID)
		}
	}
	return strings.Join(ids, ", ")
}
