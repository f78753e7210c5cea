package main

import (
	"fmt"
	"time"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// planCmd is `indimaj plan adopt|status|show ID ...`: the measures the
// council adopted and their follow-up. The older order `plan ID adopt ...`
// still works.
// planFlags are the flags of the plan subcommands; the parent command shares
// them (hidden) so that the older order still takes them.
type planFlags struct {
	owner, note, by, reason, lang string
	asJSON                        bool
}

func planCmd(g *globals) *cobra.Command {
	f := &planFlags{}
	subs := []*cobra.Command{planAdoptCmd(g, f), planStatusCmd(g, f), planShowCmd(g, f)}
	cmd := &cobra.Command{
		Use:   "plan adopt|status|show ID ...",
		Short: "Track the action plan: the measures the council adopted, their status, owner and dates",
		Long: `Track the action plan. Validation closes the answers, not the plan: measures are
adopted and followed up after validation without --reason, and every plan change is
kept in the audit trail (who, when, status, note; see indimaj history ID).`,
		Example: `  indimaj plan adopt 01J9Z8 m01 m09 m16 --owner "DGS"
  indimaj plan status 01J9Z8 m09 in_progress --note "convention signed with the commune of Oujda"
  indimaj plan show 01J9Z8 --json`,
		// The older order, plan ID adopt|status|show ..., reaches this
		// command and is handed to the subcommand.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			if len(args) < 2 {
				return inputf("%s", i18n.M("cli.msg.unknown_plan_action", args[0]))
			}
			for _, sub := range subs {
				if sub.Name() == args[1] {
					pos := append([]string{args[0]}, args[2:]...)
					if err := sub.Args(sub, pos); err != nil {
						return err
					}
					return sub.RunE(sub, pos)
				}
			}
			return inputf("%s", i18n.M("cli.msg.unknown_plan_action", args[1]))
		},
	}
	planChangeFlags(cmd, f)
	planShowFlags(cmd, f)
	cmd.Flags().VisitAll(func(fl *pflag.Flag) { _ = cmd.Flags().MarkHidden(fl.Name) })
	cmd.AddCommand(subs...)
	return cmd
}

func planAdoptCmd(g *globals, f *planFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "adopt ID MEASURE...",
		Short:   "Adopt measures into the action plan (status planned)",
		Example: `  indimaj plan adopt 01J9Z8 m01 m09 m16 --owner "DGS"`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			items, err := app.PlanAdopt(l, args[1:], f.owner, f.note, time.Now().UTC())
			if err != nil {
				return err
			}
			if _, err := env.Store.Apply(l.A.ID, app.PlanChange(f.by, f.reason, items)); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.plan_count", len(items)))
			return nil
		},
	}
	planChangeFlags(cmd, f)
	return cmd
}

func planStatusCmd(g *globals, f *planFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "status ID MEASURE planned|in_progress|done|dropped",
		Short:   "Move an adopted measure to another status",
		Example: `  indimaj plan status 01J9Z8 m09 in_progress --note "convention signed with the commune of Oujda"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 3 {
				return inputf("%s", i18n.M("cli.msg.plan_status_usage"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			it, err := app.PlanSetStatus(l, args[1], args[2], f.owner, f.note, time.Now().UTC())
			if err != nil {
				return err
			}
			if _, err := env.Store.Apply(l.A.ID, app.PlanChange(f.by, f.reason, []store.PlanItem{it})); err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "%s: %s\n", it.Measure, it.Status)
			return nil
		},
	}
	planChangeFlags(cmd, f)
	return cmd
}

func planChangeFlags(cmd *cobra.Command, f *planFlags) {
	cmd.Flags().StringVar(&f.owner, "owner", "", "who is responsible for the measure")
	cmd.Flags().StringVar(&f.note, "note", "", "a note on the measure's progress")
	cmd.Flags().StringVar(&f.by, "by", currentUser(), "who (audit trail)")
	cmd.Flags().StringVar(&f.reason, "reason", "", "why (optional, kept in the audit trail; plan changes need none, even once validated)")
}

func planShowCmd(g *globals, f *planFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show the adopted measures, their status and owner",
		Example: "  indimaj plan show 01J9Z8\n  indimaj plan show 01J9Z8 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(f.lang); err != nil {
				return err
			}
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang := langFor(f.lang, l.A)
			rows, done, active := app.PlanRows(l)
			if f.asJSON {
				return g.printJSON(map[string]any{"assessment": l.A.ID, "measures": rows, "progress": map[string]int{"done": done, "active": active, "total": len(rows)}})
			}
			if len(rows) == 0 {
				fmt.Fprintln(g.stdout, i18n.M("cli.msg.plan_empty", args[0]))
				return nil
			}
			for _, r := range rows {
				fmt.Fprintf(g.stdout, "%-5s %-11s %s %s\n", r.Measure, r.Status, padW(termsafe.Line(r.Owner), 12), truncate(r.Title.Get(lang), 60))
			}
			fmt.Fprintln(g.stdout, i18n.M("cli.msg.plan_progress", done, active))
			return nil
		},
	}
	planShowFlags(cmd, f)
	return cmd
}

func planShowFlags(cmd *cobra.Command, f *planFlags) {
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&f.lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
}
