package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/national"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, nationalCmd) }

func nationalCmd(g *globals) *cobra.Command {
	var round, format, lang, out string
	var asJSON bool
	var top int
	cmd := &cobra.Command{
		Use:   "national [--round LABEL] [--format table|json|csv|html] [-o FILE]",
		Short: "The 12 regions side by side for a round: scores, coverage, provisional results, measures",
		Long: `The national view: for one round (the most recent by default), each of the 12
regions with its section and overall scores, coverage, a provisional flag when
the coverage is below the policy's threshold (provisional_below in
rules/policy.yaml; sections below low_confidence_below are marked), its divergences between respondents, and the measures most
often recommended (among each region's first --top) and adopted.

It is built from the database's summary index, so it costs the same whatever the
assessments hold. Import every region's bundles or databases first
(` + "`indimaj import FILE`" + `). When a region has several assessments in the round, the
one with the most advanced status (validated, in review, draft), then the latest,
is shown.

--format html writes a self-contained page (a map-like grid of the regions,
charts, tables; no external resource), right to left in Arabic.`,
		Example: `  indimaj national
  indimaj national --round 2026-baseline --format html --lang ar -o national-ar.html
  indimaj national --format csv -o national.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON {
				format = "json"
			}
			if format == "" {
				format = formatFromName(out)
			}
			if !strings.Contains(" table json csv html ", " "+format+" ") {
				return inputf("%s", i18n.M("nat.bad_format", format))
			}
			if lang == "" {
				lang = i18n.MessageLang()
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			if top < 1 {
				return inputf("--top: %d < 1", top)
			}
			if err := checkOutput(out); err != nil {
				return err
			}
			env, err := g.env(false)
			if err != nil {
				return err
			}
			v, err := env.National(round, lang, top)
			switch {
			case errors.Is(err, national.ErrNoData):
				return inputf("%s", i18n.M("nat.no_data"))
			case errors.Is(err, national.ErrNoRound):
				var rounds []string
				for _, r := range v.Rounds {
					rounds = append(rounds, r.Round)
				}
				return inputf("%s", i18n.M("nat.no_round", round, strings.Join(rounds, ", ")))
			case err != nil:
				return err
			}
			var buf bytes.Buffer
			switch format {
			case "json":
				err = v.JSON(&buf)
			case "csv":
				err = v.CSV(&buf)
			case "html":
				err = v.HTML(&buf)
			default:
				err = v.Table(&buf)
			}
			if err != nil {
				return err
			}
			if out != "" && out != "-" {
				if err := app.WriteFileAtomic(out, buf.Bytes(), 0o644); err != nil {
					return err
				}
				fmt.Fprintln(g.stderr, i18n.M("nat.written", out))
				return nil
			}
			_, err = g.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "round label (default: the most recent round)")
	cmd.Flags().StringVar(&format, "format", "", "table, json, csv or html (default: from -o's extension, else table)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "same as --format json")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the labels: fr, ar or en (default: the messages' language)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	cmd.Flags().IntVar(&top, "top", app.DefaultTopRecommended, "how many of each region's ranked measures count as recommended")
	return cmd
}

func formatFromName(out string) string {
	switch {
	case strings.HasSuffix(strings.ToLower(out), ".html"), strings.HasSuffix(strings.ToLower(out), ".htm"):
		return "html"
	case strings.HasSuffix(strings.ToLower(out), ".json"):
		return "json"
	case strings.HasSuffix(strings.ToLower(out), ".csv"):
		return "csv"
	}
	return "table"
}
