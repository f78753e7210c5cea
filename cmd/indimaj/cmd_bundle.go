package main

import (
	"fmt"
	"os"

	"github.com/indimaj/indimaj/internal/app"
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
			env, err := g.env(false)
			if err != nil {
				return err
			}
			l, err := env.Open(args[0])
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
			fmt.Fprintf(g.stderr, "exported %s (%d answers) to %s\n", l.A.ID, len(l.Answers), out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func importCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import an assessment bundle written by `indimaj export`",
		Long: `Read a bundle, check all of it (format, content, assessment, every answer) and store
it in one transaction: a damaged bundle changes nothing (exit 2). An assessment that
already exists in this database is refused.`,
		Example: "  indimaj import oriental-2026.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return inputf("cannot read %s: %v", args[0], err)
			}
			b, err := app.ParseBundle(args[0], data)
			if err != nil {
				return err
			}
			env, err := g.env(true)
			if err != nil {
				return err
			}
			if _, err := env.Store.Resolve(b.Assessment.ID); err == nil {
				return inputf("assessment %s already exists in %s; delete it first, or import into another database with --db", b.Assessment.ID, env.Store.Path())
			}
			if err := env.Store.Create(&b.Assessment, b.Content, b.Answers); err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "imported %s (%s, %s, %d answers)\n", b.Assessment.ID, b.Assessment.Region, b.Assessment.Round, len(b.Answers))
			fmt.Fprintln(g.stdout, b.Assessment.ID)
			return nil
		},
	}
	return cmd
}
