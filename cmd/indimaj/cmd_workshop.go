package main

import (
	"fmt"
	"os"
	"os/user"
	"slices"
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
				line := fmt.Sprintf("%s  %s %s %s → %s", e.At.Local().Format("2006-01-02 15:04:05"), padW(termsafe.Line(e.By), 14), padW(what, 34), termsafe.Line(fmtAny(e.Old)), termsafe.Line(fmtAny(e.New)))
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
