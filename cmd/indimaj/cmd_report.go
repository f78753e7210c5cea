package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/glamour"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/demo"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/safewrite"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/reports"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func init() {
	extraCommands = append(extraCommands, reportCmd, compareCmd, demoCmd)
}

func oneOf(flag, v string, allowed []string) error {
	for _, a := range allowed {
		if a == v {
			return nil
		}
	}
	return inputf("%s", i18n.M("cli.msg.unknown_value", flag, v, strings.Join(allowed, ", ")))
}

// reportFormat is --format, else the output file's extension, else Markdown.
func reportFormat(format, out string) (string, error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".html", ".htm":
			format = "html"
		case ".json":
			format = "json"
		case ".csv":
			format = "csv"
		default:
			format = "md"
		}
	}
	if err := oneOf("--format", format, reports.Formats); err != nil {
		return "", err
	}
	return format, nil
}

// checkOutput refuses an output path whose folder does not exist (exit 2).
func checkOutput(out string) error {
	if out == "" || out == "-" {
		return nil
	}
	// Devices, pipes, folders and symbolic links are refused before any work
	// (safewrite.WriteFile checks again when it writes).
	if _, _, _, err := safewrite.Target(out); err != nil {
		var te *safewrite.TargetError
		if errors.As(err, &te) {
			return te
		}
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return inputf("%s", i18n.M("cli.msg.output_is_folder", out))
	}
	dir := filepath.Dir(out)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return inputf("%s", i18n.M("cli.msg.folder_missing", out, dir))
	}
	return nil
}

// writeReport writes a rendered report to -o, or to standard output (Markdown
// on a terminal is rendered for it).
func (g *globals) writeReport(data []byte, format, out string) error {
	if out != "" && out != "-" {
		if err := app.WriteFileAtomic(out, data, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(g.stderr, out)
		return nil
	}
	if f, ok := termsafe.Unwrap(g.stdout).(*os.File); ok && format == "md" && term.IsTerminal(int(f.Fd())) {
		width := 100
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
			width = min(w-2, 120)
		}
		if r, err := glamour.NewTermRenderer(glamour.WithAutoStyle(), glamour.WithWordWrap(width)); err == nil {
			if s, err := r.Render(string(data)); err == nil {
				_, err = fmt.Fprint(g.stdout, s)
				return err
			}
		}
	}
	_, err := g.stdout.Write(data)
	return err
}

func reportCmd(g *globals) *cobra.Command {
	var kind, format, lang, out, measure string
	cmd := &cobra.Command{
		Use:   "report ID --kind diagnostic|divergence|recommendations|action-plan|pilot [--format md|html|json|csv] [-o FILE]",
		Short: "Write a report: diagnostic, disagreements, recommendations, regional action plan or pilot-project proposal",
		Long: `Write one of the assessment's reports:

  diagnostic       scores by section with bands, strengths, gaps, data gaps, notes and
                   evidence, views by MGI dimension and SNIA programme, the method
  divergence       the agenda of the validation workshop: the questions where participants
                   are two levels or more apart, then those answered "don't know" by some
                   and a level by others, with each one's answer, score and note, the answer
                   kept for now (median or consensus) and a blank column for the decision
  recommendations  the triggered measures ranked by priority, with why and how
  action-plan      the regional action plan on the protection and integration of migrants:
                   measures by strategic axis (SNIA programme), indicative calendar over
                   three years, baseline and target, progress of the measures adopted
                   (indimaj plan), follow-up table, SNIA/SDG/GCM coverage; on a follow-up
                   round, what the measures adopted at the baseline moved
  pilot            a pilot-project proposal built from a template: context drawn from the
                   region's answers, objectives, logical framework, timeline, partners,
                   indicative budget lines, risks, monitoring, alignment

Formats: md (Markdown, rendered on a terminal), html (one self-contained file, prints
to A4 PDF from a browser), json (the full structured content), csv (one row per
indicator or measure, safe to open in a spreadsheet). Without --format, the -o file's
extension decides, else Markdown. Without -o the report goes to standard output.

The pilot is built around the template that holds the highest-ranked triggered measure;
--measure MID picks another measure (and its template).`,
		Example: `  indimaj report 01J9Z8 --kind diagnostic -o diagnostic.html
  indimaj report 01J9Z8 --kind divergence -o atelier-validation.html
  indimaj report 01J9Z8 --kind action-plan --lang ar -o plan-ar.html
  indimaj report 01J9Z8 --kind pilot --measure m16 --format md
  indimaj report 01J9Z8 --kind recommendations --format csv -o mesures.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("--kind", kind, reports.Kinds); err != nil {
				return err
			}
			f, err := reportFormat(format, out)
			if err != nil {
				return err
			}
			if lang != "" {
				if err := checkLang(lang); err != nil {
					return err
				}
			}
			if measure != "" && kind != reports.KindPilot {
				return inputf("%s", i18n.M("cli.msg.measure_pilot_only"))
			}
			if err := checkOutput(out); err != nil {
				return err
			}
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			src := l.ReportSource()
			for _, pr := range l.State.Problems {
				g.warn("%s", i18n.M("cli.msg.warning", pr))
			}
			if kind == reports.KindActionPlan && l.A.Baseline != "" {
				// A follow-up round's plan shows what the measures adopted at
				// the baseline moved.
				base, err := env.Open(l.A.Baseline)
				if err != nil {
					g.warn("%s", i18n.T(lang, "rp.cli.no_baseline", l.A.Baseline, err))
				} else {
					src.Baseline = base.ReportSource()
				}
			}
			doc, err := reports.Build(kind, src, reports.Options{Lang: lang, Generated: time.Now(), Measure: measure})
			if err != nil {
				return err
			}
			data, err := reports.Render(doc, f)
			if err != nil {
				return err
			}
			return g.writeReport(data, f, out)
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "diagnostic", "diagnostic, divergence, recommendations, action-plan or pilot")
	cmd.Flags().StringVar(&format, "format", "", "md, html, json or csv (default: from the -o extension, else md)")
	cmd.Flags().StringVar(&lang, "lang", "", "fr, ar or en (default: the assessment's language)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	cmd.Flags().StringVar(&measure, "measure", "", "pilot only: the measure the pilot is built around")
	return cmd
}

func compareCmd(g *globals) *cobra.Command {
	var format, lang, out string
	cmd := &cobra.Command{
		Use:   "compare ID ID... [--format md|html|json|csv] [-o FILE]",
		Short: "Compare assessments: regions side by side, or a follow-up round against its baseline",
		Long: `Compare two or more assessments. When they are rounds of one follow-up chain (each
one's baseline is the previous one, as ` + "`indimaj followup`" + ` links them), they are put in
order and the report gives the change (Δ) per section and indicator, the measures
no longer triggered or newly triggered, the notes and reasons recorded for each
indicator that changed, and, for each measure adopted at the baseline (indimaj plan),
its status and how the indicators it addresses moved. Otherwise the regions are shown side by side,
with each measure's rank in each.`,
		Example: `  indimaj compare 01J9Z8 01JB2K -o suivi.html
  indimaj compare 01J9Z8 01JA77 01JC03 --format csv -o regions.csv`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := reportFormat(format, out)
			if err != nil {
				return err
			}
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			if err := checkOutput(out); err != nil {
				return err
			}
			env, err := g.env(false)
			if err != nil {
				return err
			}
			var srcs []*reports.Source
			for _, id := range args {
				l, err := env.Open(id)
				if err != nil {
					return err
				}
				srcs = append(srcs, l.ReportSource())
				if len(srcs) == 1 {
					lang = langFor(lang, l.A)
				}
			}
			doc, err := reports.BuildCompare(srcs, reports.Options{Lang: lang, Generated: time.Now()})
			if err != nil {
				return err
			}
			data, err := reports.Render(doc, f)
			if err != nil {
				return err
			}
			return g.writeReport(data, f, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "md, html, json or csv (default: from the -o extension, else md)")
	cmd.Flags().StringVar(&lang, "lang", "", "fr, ar or en (default: the first assessment's language)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func demoCmd(g *globals) *cobra.Command {
	var dir, lang string
	cmd := &cobra.Command{
		Use:   "demo [-o DIR]",
		Short: "A guided tour: build a fictitious demo assessment and write every report into DIR",
		Long: `Build a clearly labelled demonstration assessment of the Oriental (round "demo",
fictitious answers) and a simulated follow-up round, in a temporary database that is
deleted afterwards (your database is never opened), then write every report — diagnostic,
recommendations, action plan, pilot proposal and the follow-up comparison — as HTML and
Markdown into DIR, with the example answers file. The paths are printed, one per line.`,
		Example: "  indimaj demo\n  indimaj demo -o /tmp/tour --lang ar",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			if dir == "" {
				return inputf("%s", i18n.M("cli.msg.demo_dir_empty"))
			}
			if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
				return inputf("%s", i18n.M("cli.msg.demo_dir_is_file", dir))
			}
			if g.content != "" {
				g.warn("%s", i18n.M("cli.msg.demo_content_ignored"))
			}
			c, err := app.LoadContent("")
			if err != nil {
				return err
			}
			tmp, err := os.MkdirTemp("", "indimaj-demo-db-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			s, err := store.Open(filepath.Join(tmp, "demo.db"))
			if err != nil {
				return err
			}
			now := time.Now()
			set, err := demo.Create(s, c, lang, now)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return inputf("%s", i18n.M("cli.msg.cannot_create", dir, err))
			}
			fmt.Fprintln(g.stderr, i18n.T(lang, "rp.cli.demo_intro"))
			base := set.Baseline.ReportSource()
			follow := set.FollowUp.ReportSource()
			opt := reports.Options{Lang: lang, Generated: now}
			var docs []*reports.Doc
			for _, kind := range reports.Kinds {
				if kind == reports.KindDivergence {
					continue // one fictitious respondent: nothing to arbitrate
				}
				d, err := reports.Build(kind, base, opt)
				if err != nil {
					return fmt.Errorf("%s: %w", i18n.M("cli.msg.demo_report", kind), err)
				}
				docs = append(docs, d)
			}
			cmp, err := reports.BuildCompare([]*reports.Source{base, follow}, opt)
			if err != nil {
				return fmt.Errorf("%s: %w", i18n.M("cli.msg.demo_comparison"), err)
			}
			docs = append(docs, cmp)
			var first string
			for _, d := range docs {
				for _, f := range []string{"html", "md"} {
					data, err := reports.Render(d, f)
					if err != nil {
						return err
					}
					p := filepath.Join(dir, d.Kind+"."+lang+"."+f)
					if err := app.WriteFileAtomic(p, data, 0o644); err != nil {
						return err
					}
					if first == "" {
						first = p
					}
					fmt.Fprintln(g.stdout, p)
				}
			}
			answers := filepath.Join(dir, demo.FileName)
			if err := app.WriteFileAtomic(answers, demo.AnswersOriental, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(g.stdout, answers)
			if err := os.RemoveAll(tmp); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.T(lang, "rp.cli.demo_done", first))
			fmt.Fprintln(g.stderr, i18n.T(lang, "rp.cli.demo_replay", answers))
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "indimaj-demo", "folder to write the reports into")
	cmd.Flags().StringVar(&lang, "lang", "fr", "language of the reports: fr, ar or en")
	return cmd
}
