package main

import (
	"errors"
	"fmt"

	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

func exportCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export ID",
		Short: "Export an assessment as a self-describing JSON bundle",
		Long: `Write an assessment — header, every respondent's answers and the exact content it
was started with — as one JSON bundle that ` + "`indimaj import`" + ` reads on another machine.`,
		Example: "  indimaj export 01J9Z8 -o oriental-2026.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			data, err := app.MarshalBundle(l)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = g.stdout.Write(data)
				return err
			}
			if err := app.WriteFileAtomic(out, data, 0o600); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.exported", l.A.ID, len(l.Answers), out))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func importCmd(g *globals) *cobra.Command {
	var reason, by string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import an assessment bundle written by `indimaj export`, or merge it into the same assessment",
		Long: `Read a bundle, check all of it (format, content, assessment, every answer) and store
it in one transaction: a damaged bundle changes nothing (exit 2).

When the assessment already exists here (a consultant collected answers on another
laptop), the bundle is merged: respondents are united; when the same respondent
answered the same question on both machines, the later answer is kept and the
conflict is reported; nothing is duplicated, and importing the same bundle twice
changes nothing.

FILE may also be another indimaj database (a region's file, for a national
view): it is checked in full first (as ` + "`indimaj doctor`" + ` does; a damaged
one is refused, exit 1, nothing imported), then each of its assessments is
imported or merged as a bundle would be.`,
		Example: "  indimaj import oriental-2026.json\n  indimaj import laptop2.json --reason \"answers from the Nador workshop\"\n  indimaj import souss-massa.db",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if isDatabaseFile(args[0]) {
				return importDatabase(g, args[0], by, reason)
			}
			data, err := ydoc.ReadFile(args[0])
			var le *ydoc.Error
			if errors.As(err, &le) {
				return le // over the size limit
			} else if err != nil {
				return inputf("%s", i18n.M("cli.msg.cannot_read", args[0], err))
			}
			b, err := app.ParseBundle(args[0], data)
			if err != nil {
				return err
			}
			env, err := g.env(false)
			if err != nil {
				return err
			}
			_, err = importBundle(g, env, b, by, reason)
			return err
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why (required when the assessment is validated and the merge changes it)")
	cmd.Flags().StringVar(&by, "by", currentUser(), "who imports (for the audit trail)")
	return cmd
}

// importBundle stores a checked bundle: a new assessment, or a merge into the
// same one. It reports whether the assessment was new.
func importBundle(g *globals, env *app.Env, b *app.Bundle, by, reason string) (created bool, err error) {
	if _, err := env.Store.Resolve(b.Assessment.ID); err != nil {
		// A new assessment here.
		p, err := g.dbPath()
		if err != nil {
			return false, err
		}
		if err := env.OpenStore(p, true); err != nil {
			return false, err
		}
		if err := env.Store.Create(&b.Assessment, b.Content, b.Answers); err != nil {
			return false, err
		}
		if _, err := env.Store.Apply(b.Assessment.ID, store.Change{By: by, Consensus: b.Consensus, Plan: b.Plan,
			History: b.History, Merge: true, AllowWithoutReason: true}); err != nil {
			return false, err
		}
		fmt.Fprintln(g.stderr, i18n.M("cli.msg.imported", b.Assessment.ID, b.Assessment.Region, termsafe.Line(b.Assessment.Round), len(b.Answers)))
		fmt.Fprintln(g.stdout, b.Assessment.ID)
		return true, nil
	}
	l, err := env.Open(b.Assessment.ID)
	if err != nil {
		return false, err
	}
	if l.A.ContentHash != b.Assessment.ContentHash {
		return false, inputf("%s", i18n.M("cli.msg.cannot_merge", l.A.ID, l.A.Questionnaire, l.A.Version, b.Assessment.Questionnaire, b.Assessment.Version))
	}
	merge := app.MergeBundle(l, b)
	for _, c := range merge.Conflicts {
		g.warn("%s", i18n.M("cli.msg.conflict", c))
	}
	res, err := env.Store.Apply(l.A.ID, store.Change{By: by, Reason: reason, Answers: merge.Answers, Consensus: merge.Consensus,
		Plan: merge.Plan, History: b.History, Merge: true, Update: merge.Update})
	if err != nil {
		return false, err
	}
	fmt.Fprintln(g.stderr, i18n.M("cli.msg.merged", l.A.ID, res.Changed, res.Unchanged+merge.KeptLocal, len(merge.Conflicts)))
	fmt.Fprintln(g.stdout, l.A.ID)
	return false, nil
}
