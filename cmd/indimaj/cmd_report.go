package main

import (
	"context"
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
	"github.com/indimaj/indimaj/internal/pdf"
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
		case ".pdf":
			format = "pdf"
		default:
			format = "md"
		}
	}
	if err := oneOf("--format", format, append(append([]string{}, reports.Formats...), "pdf")); err != nil {
		return "", err
	}
	if format == "pdf" {
		// Said before anything is opened or written.
		if _, err := pdf.Find(); err != nil {
			return "", noBrowser(err)
		}
	}
	return format, nil
}

// causeError is a message in the user's language that keeps its cause in
// the chain without repeating it.
type causeError struct {
	msg string
	err error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.err }

// noBrowser says how to get a browser that prints PDF (exit 1).
func noBrowser(err error) error {
	return &causeError{msg: i18n.M("rp.pdf.no_browser", strings.Join(pdf.Browsers, ", ")), err: err}
}

// render renders a report; PDF is the HTML printed by a headless Chromium.
func render(doc *reports.Doc, format string) ([]byte, error) {
	if format != "pdf" {
		return reports.Render(doc, format)
	}
	html, err := reports.Render(doc, "html")
	if err != nil {
		return nil, err
	}
	browser, err := pdf.Find()
	if err != nil {
		return nil, noBrowser(err)
	}
	out, err := pdf.Print(context.Background(), browser, html)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", i18n.M("rp.pdf.failed"), err)
	}
	return out, nil
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
	var max int
	cmd := &cobra.Command{
		Use:   "report ID --kind summary|diagnostic|divergence|recommendations|action-plan|pilot [--format md|html|json|csv|pdf] [-o FILE]",
		Short: "Write a report: executive summary, diagnostic, disagreements, recommendations, regional action plan or pilot-project proposal",
		Long: `Write one of the assessment's reports:

  summary          the executive summary (2–4 printed pages): overall and section scores
                   with the radar, the five priority measures with one line each on why,
                   the pilot in one paragraph, the next steps
  diagnostic       scores by section with bands, strengths, gaps, data gaps, notes and
                   evidence, views by MGI dimension and SNIA programme, the method
  divergence       the agenda of the validation workshop: the questions where participants
                   are two levels or more apart, then those answered "don't know" by some
                   and a level by others, with each one's answer, score and note, the answer
                   kept for now (median or consensus) and a blank column for the decision
  recommendations  the triggered measures ranked by priority, with why and how
  action-plan      the regional action plan a council can deliberate on: context and
                   diagnosis (who was consulted, when, coverage), declared SNIA priorities
                   and the link to the PDR, a vision and 3–5 strategic objectives (the
                   weakest areas first), at most --max actions (default from
                   rules/plan.yaml) phased over the six-year PDR cycle, indicative costs in
                   dirhams summed per year, objective and funding source, KPIs in real
                   units with baseline and target next to the indicator score, steering
                   (adoption, steering, review, re-assessment with indimaj followup); the
                   other triggered measures in an annex; on a follow-up round, what the
                   measures adopted at the baseline moved
  pilot            a pilot-project proposal built from a template: context drawn from the
                   region's answers, objectives, logical framework, timeline, partners,
                   indicative budget lines, risks, monitoring, alignment

Formats: md (Markdown, rendered on a terminal), html (one self-contained file, prints
to A4 PDF from a browser), json (the full structured content), csv (one row per
indicator or measure, safe to open in a spreadsheet), pdf (A4, page numbers, running
header with region and round; printed by a headless Chromium found on PATH:
chromium, chromium-browser or google-chrome; install it with apt-get install chromium). Without --format, the -o file's
extension decides, else Markdown. Without -o the report goes to standard output.

The pilot is built around the template that holds the highest-ranked triggered measure;
--measure MID picks another measure (and its template).`,
		Example: `  indimaj report 01J9Z8 --kind diagnostic -o diagnostic.html
  indimaj report 01J9Z8 --kind divergence -o atelier-validation.html
  indimaj report 01J9Z8 --kind summary -o resume.html
  indimaj report 01J9Z8 --kind action-plan --lang ar -o plan-ar.html
  indimaj report 01J9Z8 --kind action-plan --max 12 -o plan.pdf
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
			if max < 0 || (max > 0 && kind != reports.KindActionPlan && kind != reports.KindSummary) {
				return inputf("%s", i18n.M("rp.cli.max_plan_only"))
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
			doc, err := reports.Build(kind, src, reports.Options{Lang: lang, Generated: time.Now(), Measure: measure, Max: max})
			if err != nil {
				return err
			}
			data, err := render(doc, f)
			if err != nil {
				return err
			}
			return g.writeReport(data, f, out)
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "diagnostic", "summary, diagnostic, divergence, recommendations, action-plan or pilot")
	cmd.Flags().IntVar(&max, "max", 0, "action plan (and summary): the most actions the plan holds, the rest going to its annex (default: rules/plan.yaml)")
	cmd.Flags().StringVar(&format, "format", "", "md, html, json, csv or pdf (default: from the -o extension, else md); pdf needs chromium on PATH")
	cmd.Flags().StringVar(&lang, "lang", "", "fr, ar or en (default: the assessment's language)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	cmd.Flags().StringVar(&measure, "measure", "", "pilot only: the measure the pilot is built around")
	return cmd
}

func compareCmd(g *globals) *cobra.Command {
	var format, lang, out string
	cmd := &cobra.Command{
		Use:   "compare ID ID... [--format md|html|json|csv|pdf] [-o FILE]",
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
			data, err := render(doc, f)
			if err != nil {
				return err
			}
			return g.writeReport(data, f, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "md, html, json, csv or pdf (default: from the -o extension, else md); pdf needs chromium on PATH")
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
deleted afterwards (your database is never opened), then write every report into DIR,
with the example answers file. The paths are printed, one per line.

The documents a council adopts — executive summary, action plan and pilot proposal —
are written in French, Arabic and English (summary.fr.html, action-plan.ar.html…), as
HTML, Markdown and, when a headless Chromium is on PATH, PDF. The diagnostic, the
recommendations and the follow-up comparison are written in --lang (default: the
message language), which is also the language of the demo's messages.`,
		Example: "  indimaj demo\n  indimaj demo -o /tmp/tour --lang ar",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			if lang == "" {
				lang = i18n.MessageLang()
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
			msg := lang // the demo's own messages: --lang, else the message language
			fmt.Fprintln(g.stderr, i18n.T(msg, "rp.cli.demo_intro"))
			base := set.Baseline.ReportSource()
			follow := set.FollowUp.ReportSource()
			browser, noPDF := pdf.Find()
			type job struct {
				doc     *reports.Doc
				formats []string
			}
			var jobs []job
			// The documents a council adopts, in the three languages (and in
			// PDF when a browser can print them); the others in --lang.
			for _, kind := range reports.Kinds {
				if kind == reports.KindDivergence {
					continue // one fictitious respondent: nothing to arbitrate
				}
				langs := []string{lang}
				formats := []string{"html", "md"}
				if kind == reports.KindSummary || kind == reports.KindActionPlan || kind == reports.KindPilot {
					langs = reports.Languages
					if noPDF == nil {
						formats = append(formats, "pdf")
					}
				}
				for _, l := range langs {
					d, err := reports.Build(kind, base, reports.Options{Lang: l, Generated: now})
					if err != nil {
						return fmt.Errorf("%s: %w", i18n.T(msg, "cli.msg.demo_report", kind), err)
					}
					jobs = append(jobs, job{d, formats})
				}
			}
			cmp, err := reports.BuildCompare([]*reports.Source{base, follow}, reports.Options{Lang: lang, Generated: now})
			if err != nil {
				return fmt.Errorf("%s: %w", i18n.T(msg, "cli.msg.demo_comparison"), err)
			}
			jobs = append(jobs, job{cmp, []string{"html", "md"}})
			var first string
			for _, j := range jobs {
				for _, f := range j.formats {
					var data []byte
					var err error
					if f == "pdf" {
						var html []byte
						if html, err = reports.Render(j.doc, "html"); err == nil {
							data, err = pdf.Print(context.Background(), browser, html)
						}
					} else {
						data, err = reports.Render(j.doc, f)
					}
					if err != nil {
						return err
					}
					p := filepath.Join(dir, j.doc.Kind+"."+j.doc.Lang+"."+f)
					if err := app.WriteFileAtomic(p, data, 0o644); err != nil {
						return err
					}
					if first == "" && f == "html" && j.doc.Lang == lang {
						first = p
					}
					fmt.Fprintln(g.stdout, p)
				}
			}
			if noPDF != nil {
				fmt.Fprintln(g.stderr, i18n.T(msg, "demo.no_pdf", strings.Join(pdf.Browsers, ", ")))
			}
			answers := filepath.Join(dir, demo.FileName)
			if err := app.WriteFileAtomic(answers, demo.AnswersOriental, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(g.stdout, answers)
			if err := os.RemoveAll(tmp); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.T(msg, "rp.cli.demo_done", first))
			fmt.Fprintln(g.stderr, i18n.T(msg, "rp.cli.demo_replay", answers))
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "indimaj-demo", "folder to write the reports into")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the demo assessment, of its other reports and of the demo's messages: fr, ar or en (default: the message language, INDIMAJ_LANG); the summary, action plan and pilot are always written in all three")
	return cmd
}
