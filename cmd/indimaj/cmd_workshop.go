package main

import (
	"fmt"
	"math"
	"os"
	"os/user"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/interview"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, consensusCmd, statusCmd, historyCmd, followupCmd, confirmCmd, planCmd, targetsCmd)
}

// currentUser names who makes a change when --by is not given.
func currentUser() string {
	if u := os.Getenv("INDIMAJ_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

func consensusCmd(g *globals) *cobra.Command {
	var note, by, reason string
	var clear bool
	cmd := &cobra.Command{
		Use:   "consensus ID QUESTION [VALUE]",
		Short: "Set (or --clear) the workshop's consensus answer to a question",
		Long: `With several respondents, the answer that counts for a question is the consensus set by
the facilitator or, until then, the median level across respondents (the lower one on
ties). Questions where respondents are two levels or more apart are flagged divergent
(see show --json and the divergence report).`,
		Example: "  indimaj consensus 01J9Z8 gov03 partial --note \"focal point named, no decision yet\"\n  indimaj consensus 01J9Z8 gov03 --clear",
		Args:    cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			if clear == (len(args) == 3) {
				return inputf("%s", i18n.M("cli.msg.consensus_usage"))
			}
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			qu := l.Content.Q.Question(args[1])
			if qu == nil || qu.Type == engine.Note {
				return inputf("%s", i18n.M("cli.msg.not_a_question", args[1], l.Content.Q.ID, l.Content.Q.Version))
			}
			an := store.Answer{Question: qu.ID, Respondent: by, Note: note, At: time.Now().UTC()}
			if !clear {
				v, err := engine.ParseValue(qu, args[2])
				if err == nil {
					err = l.State.Check(qu.ID, v)
				}
				if err != nil {
					return inputf("%s", err.Error())
				}
				if c := qu.Choice(fmt.Sprint(v)); c != nil && c.NoteRequired && note == "" {
					return inputf("%s", i18n.M("cli.msg.note_required", qu.ID, c.Value))
				}
				an.Value = v
			}
			if _, err := env.Store.Apply(l.A.ID, store.Change{By: by, Reason: reason, Consensus: []store.Answer{an}}); err != nil {
				return err
			}
			if clear {
				fmt.Fprintln(g.stderr, i18n.M("cli.msg.consensus_removed", qu.ID))
			} else {
				fmt.Fprintln(g.stderr, i18n.M("cli.msg.consensus_set", qu.ID, interview.Display(qu, an.Value, i18n.MessageLang())))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "note or evidence for the consensus")
	cmd.Flags().StringVar(&by, "by", currentUser(), "facilitator's name (audit trail)")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required once the assessment is validated)")
	cmd.Flags().BoolVar(&clear, "clear", false, "remove the consensus (the median counts again)")
	return cmd
}

func statusCmd(g *globals) *cobra.Command {
	var by, reason string
	cmd := &cobra.Command{
		Use:   "status ID draft|in_review|validated",
		Short: "Move an assessment through the MGI process: draft → in review → validated",
		Long: `Set an assessment's status. Once it is validated, every change (answers, consensus,
status, plan, merges) needs --reason, and every change is kept in the audit trail
(indimaj history ID).`,
		Example: "  indimaj status 01J9Z8 in_review\n  indimaj status 01J9Z8 validated --by \"M. Alaoui\"",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(app.Statuses, args[1]) {
				return inputf("%s", i18n.M("cli.msg.unknown_status", args[1]))
			}
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			res, err := env.Store.Apply(l.A.ID, store.Change{By: by, Reason: reason, Status: args[1]})
			if err != nil {
				return err
			}
			if res.Changed == 0 {
				fmt.Fprintln(g.stderr, i18n.M("cli.msg.already_status", l.A.ID, args[1]))
			} else {
				fmt.Fprintf(g.stderr, "%s: %s → %s\n", l.A.ID, l.A.Status, args[1])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&by, "by", currentUser(), "who (audit trail)")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required once the assessment is validated)")
	return cmd
}

func historyCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "history ID",
		Short:   "Show an assessment's audit trail: who changed what, when, old → new, why",
		Example: "  indimaj history 01J9Z8\n  indimaj history 01J9Z8 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			h := l.History
			if h == nil {
				h = []store.HistoryEntry{}
			}
			if asJSON {
				return g.printJSON(map[string]any{"assessment": l.A.ID, "history": h})
			}
			for _, e := range h {
				what := e.Kind
				switch {
				case e.Question != "" && e.Respondent != "":
					what += " " + e.Question + " (" + termsafe.Line(e.Respondent) + ")"
				case e.Question != "":
					what += " " + e.Question
				case e.Measure != "":
					what += " " + e.Measure
				}
				line := fmt.Sprintf("%s  %-14s %-34s %s → %s", e.At.Local().Format("2006-01-02 15:04:05"), termsafe.Line(e.By), what, termsafe.Line(fmtAny(e.Old)), termsafe.Line(fmtAny(e.New)))
				if e.Note != "" && e.Kind == "plan" {
					line += "  [" + termsafe.Line(e.Note) + "]"
				}
				if e.Reason != "" {
					line += "  — " + termsafe.Line(e.Reason)
				}
				fmt.Fprintln(g.stdout, line)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

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
					fmt.Fprintf(g.stdout, "%-6s %5g  %-44s  %s\n", s.ID, p.TargetFor(s.ID), truncate(s.Title.Get(lang), 44), mark)
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
