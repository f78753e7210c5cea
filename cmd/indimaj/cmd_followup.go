package main

import (
	"fmt"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

// The follow-up rounds: followup starts the next round of an assessment,
// confirm keeps the answers it carried over.

func followupCmd(g *globals) *cobra.Command {
	var round, respondent string
	var prefill bool
	cmd := &cobra.Command{
		Use:   "followup ID --round LABEL",
		Short: "Start a follow-up round for the same region, linked to its baseline",
		Long: `Create a new assessment for the same region, linked to ID as its baseline, with the
current questionnaire; print its id as the last line of standard output. With
--prefill, the baseline's working answers are carried over, each marked unconfirmed
until someone answers the question again or confirms it (indimaj confirm).
indimaj compare BASELINE FOLLOWUP then shows the deltas.`,
		Example: "  indimaj followup 01J9Z8 --round 2027-review --prefill",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if round == "" {
				return inputf("%s", i18n.M("cli.msg.round_required"))
			}
			if err := app.CheckRound(round); err != nil {
				return err
			}
			env, base, err := g.open(args[0])
			if err != nil {
				return err
			}
			c := env.Content
			now := time.Now().UTC()
			a := &store.Assessment{ID: app.NewID(), Region: base.A.Region, Round: round, Questionnaire: c.Q.ID, Version: c.Q.Version,
				ContentHash: c.Hash, Lang: base.A.Lang, Status: "draft", Created: now, Updated: now, Baseline: base.A.ID}
			var answers []store.Answer
			if prefill {
				a.Respondents = []store.Respondent{{Name: respondent}}
				for _, qid := range app.SortedAnswerIDs(base.Content.Q, base.Working) {
					qu := c.Q.Question(qid)
					if qu == nil || qu.Type == engine.Note {
						continue // the question no longer exists
					}
					v, err := engine.ParseValue(qu, base.Working[qid].Value)
					if err != nil || engine.NewState(c.Q).Check(qid, v) != nil {
						continue // its choices changed: to be answered again
					}
					w := base.Working[qid]
					answers = append(answers, store.Answer{Question: qid, Value: v, Note: w.Note, Respondent: respondent, At: now, Unconfirmed: true})
				}
			}
			p, err := g.dbPath()
			if err != nil {
				return err
			}
			if err := env.OpenStore(p, true); err != nil {
				return err
			}
			if err := env.Store.Create(a, c.Files, answers); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.followup_created", termsafe.Line(round), a.Region, base.A.ID, termsafe.Line(base.A.Round), len(answers)))
			fmt.Fprintln(g.stdout, a.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "round label (e.g. 2027-review)")
	cmd.Flags().BoolVar(&prefill, "prefill", false, "carry the baseline's answers over, marked unconfirmed")
	cmd.Flags().StringVar(&respondent, "respondent", "baseline", "respondent name for carried-over answers")
	return cmd
}

func confirmCmd(g *globals) *cobra.Command {
	var by, reason string
	var all bool
	cmd := &cobra.Command{
		Use:     "confirm ID [QUESTION...]",
		Short:   "Confirm answers carried over from a baseline round (all with --all)",
		Example: "  indimaj confirm 01J9Z8 gov01 gov02\n  indimaj confirm 01J9Z8 --all",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if all == (len(args) > 1) {
				return inputf("%s", i18n.M("cli.msg.confirm_usage"))
			}
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			want := map[string]bool{}
			for _, q := range args[1:] {
				if l.Content.Q.Question(q) == nil {
					return inputf("%s", i18n.M("cli.msg.unknown_question", q))
				}
				want[q] = true
			}
			var list []store.Answer
			for _, an := range l.Answers {
				if an.Unconfirmed && (all || want[an.Question]) {
					an.Unconfirmed = false
					list = append(list, an)
				}
			}
			if _, err := env.Store.Apply(l.A.ID, store.Change{By: by, Reason: reason, Answers: list}); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.confirmed", len(list)))
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "confirm every carried-over answer")
	cmd.Flags().StringVar(&by, "by", currentUser(), "who (audit trail)")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required once the assessment is validated)")
	return cmd
}
