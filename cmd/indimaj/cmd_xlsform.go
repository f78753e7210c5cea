package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/safewrite"
	"github.com/indimaj/indimaj/store"
	"github.com/indimaj/indimaj/xlsform"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, xlsformCmd)
}

func xlsformCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "xlsform",
		Short: "Exchange the questionnaire and its answers with ODK, KoboToolbox and SurveyCTO (XLSForm)",
		Long: `XLSForm is the spreadsheet form format of ODK, KoboToolbox and SurveyCTO.

  export       the questionnaire as an XLSForm workbook, to collect answers on phones
  import       an XLSForm workbook as indimaj content (questionnaires/ and rules/)
  submissions  submissions exported from KoboToolbox or ODK Central as assessments`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(xlsformExportCmd(g), xlsformImportCmd(g), xlsformSubmissionsCmd(g))
	return cmd
}

// workbookError explains why a workbook (a form or a data export) could not
// be read at all.
func workbookError(name string, err error) error {
	switch {
	case errors.Is(err, xlsform.ErrDTD):
		return inputf("%s", i18n.M("xlsform.dtd", name, err))
	case errors.Is(err, xlsform.ErrZipBomb):
		return inputf("%s", i18n.M("xlsform.bomb", name, xlsform.MaxUncompressedBytes>>20, err))
	case errors.Is(err, xlsform.ErrTooLarge):
		return inputf("%s", i18n.M("xlsform.too_large", name, err, xlsform.MaxWorkbookBytes>>20, xlsform.MaxUncompressedBytes>>20,
			xlsform.MaxRows, xlsform.MaxColumns, xlsform.MaxCells))
	}
	return inputf("%s", i18n.M("xlsform.not_workbook", name, err))
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a reader never sees half a file (see safewrite.WriteFile).
func writeFileAtomic(path string, data []byte) error {
	return safewrite.WriteFile(path, data, 0o644)
}

func xlsformExportCmd(g *globals) *cobra.Command {
	var out, lang string
	cmd := &cobra.Command{
		Use:   "export [-o FILE.xlsx] [--lang fr|ar|en]",
		Short: "Write the questionnaire as an XLSForm workbook",
		Long: `Write the questionnaire (the embedded content, or --content DIR) as an XLSForm
workbook for ODK, KoboToolbox or SurveyCTO: sheets survey, choices and settings,
plus an "indimaj" sheet those tools ignore. Sections become groups, booleans
select_one yes_no, calculations calculate rows; relevance, constraints and
calculations are translated into XPath (score(q) > 0 becomes the codes whose
score is above 0). Every choice keeps its score in a "score" column.

Anything that cannot be expressed is listed on standard error as
"id: what and why" and left out; the rest is still written.`,
		Example: "  indimaj xlsform export -o indimaj.xlsx\n  indimaj xlsform export --content ./my-content --lang ar -o form-ar.xlsx",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLang(lang); err != nil {
				return err
			}
			c, err := app.LoadContent(g.content)
			if err != nil {
				return err
			}
			if out == "" {
				out = c.Q.ID + ".xlsx"
			}
			if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return inputf("%s", i18n.M("cli.msg.xlsx_ext", out))
			}
			if fi, err := os.Stat(out); err == nil && fi.IsDir() {
				return inputf("%s", i18n.M("cli.msg.xlsx_is_folder", out))
			}
			if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
				return inputf("%s", i18n.M("cli.msg.xlsx_folder_missing", out, filepath.Dir(out)))
			}
			res, err := xlsform.Export(c, xlsform.ExportOptions{Lang: lang})
			if err != nil {
				return inputf("%v", err)
			}
			if err := writeFileAtomic(out, res.XLSX); err != nil {
				return fmt.Errorf("%s: %w", i18n.M("cli.msg.cannot_write", out), err)
			}
			for _, p := range res.Problems {
				fmt.Fprintln(g.stderr, p)
			}
			fmt.Fprint(g.stderr, i18n.M("cli.msg.xlsx_wrote",
				out, c.Q.ID, c.Q.Version, len(c.Q.Sections), len(c.Q.Questions), len(c.Q.Calcs)))
			if len(res.Problems) > 0 {
				fmt.Fprint(g.stderr, i18n.M("cli.msg.xlsx_inexact", len(res.Problems)))
			}
			fmt.Fprintln(g.stderr)
			fmt.Fprintln(g.stdout, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "workbook to write (default: QUESTIONNAIRE_ID.xlsx)")
	cmd.Flags().StringVar(&lang, "lang", "fr", "default language of the form: fr, ar or en")
	return cmd
}

// dirIsEmptyOrMissing reports whether dir can receive the import.
func dirIsEmptyOrMissing(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "not a directory") {
			return false, nil
		}
		return false, err
	}
	return len(entries) == 0, nil
}

// writeDirAtomic writes files (slash-separated names) into dir: first into a
// temporary folder beside it, then renamed into place.
func writeDirAtomic(dir string, files map[string][]byte) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dir))+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for name, data := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if ok, err := dirIsEmptyOrMissing(dir); err != nil || !ok {
		if err != nil {
			return err
		}
		return inputf("%s", i18n.M("cli.msg.dir_not_empty", dir))
	}
	// An empty folder gives way (os.Rename does not replace folders).
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(tmp, dir)
}

func xlsformImportCmd(g *globals) *cobra.Command {
	var out string
	var skip bool
	cmd := &cobra.Command{
		Use:   "import FORM.xlsx|FORM.xls [-o DIR] [--skip-unsupported]",
		Short: "Turn an XLSForm workbook into indimaj content",
		Long: `Turn an XLSForm workbook (.xlsx, or .xls from Excel 97–2003; from ODK, KoboToolbox,
SurveyCTO or indimaj itself) into indimaj content: DIR/questionnaires/FORM_ID.yaml and a
minimal DIR/rules/policy.yaml, which pass "indimaj validate DIR" and can be answered with
--content DIR.

Top-level groups become sections (questions outside any group go into a section
named after the form); labels, hints and constraint messages in French, Arabic
and English are kept (label::French (fr), label::Français (fr), label::fr, or an
unqualified label read as the default language); relevance, constraints and
calculations are translated from XPath. The spellings pyxform accepts are read
(select one from LIST, select all that apply from LIST, phone number, percentage,
or_other, typographic quotes…). A "score" column in choices makes the question a
scored indicator.

What indimaj cannot represent (repeats, media, location and date questions,
select_one_external, pulldata(), …) makes the import fail (exit 2, nothing
written) unless --skip-unsupported leaves it out. Blockers are printed first as
"error: SHEET!ROW: column: what and why", skipped parts as "warning: skipped: …",
then a count of each. Workbooks past the size limits (50 MB, 32 MB uncompressed)
or declaring XML entities are refused, saying why. DIR must not exist or be
empty; the files are written to a temporary folder, then moved into place.`,
		Example: "  indimaj xlsform import survey.xlsx -o ./content\n  indimaj validate ./content\n  indimaj xlsform import kobo-form.xlsx -o ./kobo --skip-unsupported",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			data, err := os.ReadFile(name)
			if err != nil {
				return inputf("%s", i18n.M("cli.msg.cannot_read", name, errors.Unwrap(err)))
			}
			if out != "" {
				if ok, err := dirIsEmptyOrMissing(out); err != nil || !ok {
					if err != nil {
						return inputf("-o %s: %v", out, err)
					}
					return inputf("%s", i18n.M("cli.msg.out_not_empty", out))
				}
			}
			res, err := xlsform.Import(bytes.NewReader(data), xlsform.ImportOptions{Name: name, SkipUnsupported: skip})
			if err != nil {
				return workbookError(name, err)
			}
			// Blockers first, as errors; then what is skipped, as warnings.
			var errs, unsup, warns, notes []string
			for _, p := range res.Problems {
				switch {
				case p.Severity == xlsform.Invalid:
					errs = append(errs, i18n.M("xlsform.error", p.String()))
				case p.Severity == xlsform.Unsupported && !skip:
					unsup = append(unsup, i18n.M("xlsform.error_skip", p.String()))
				case p.Severity == xlsform.Unsupported:
					warns = append(warns, i18n.M("xlsform.warn_skipped", p.String()))
				default:
					notes = append(notes, i18n.M("cli.msg.note", p.String()))
				}
			}
			errs = append(errs, unsup...)
			if res.Failed(skip) {
				lines := append(errs, warns...)
				lines = append(lines, i18n.M("xlsform.failed_counts", name, len(errs), len(warns)))
				return inputf("%s", strings.Join(lines, "\n"))
			}
			for _, l := range append(warns, notes...) {
				fmt.Fprintln(g.stderr, l)
			}
			if len(warns)+len(notes) > 0 {
				fmt.Fprintln(g.stderr, i18n.M("xlsform.done_counts", name, len(warns), len(notes)))
			}
			if out == "" {
				out = res.ID
			}
			if err := writeDirAtomic(out, res.Files); err != nil {
				if _, ok := err.(*exitError); ok {
					return err
				}
				return fmt.Errorf("%s: %w", i18n.M("cli.msg.cannot_write", out), err)
			}
			c, err := app.LoadContent(out)
			if err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, summary(out, c))
			fmt.Fprintln(g.stdout, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "content folder to create (default: the form id); must not exist or be empty")
	cmd.Flags().BoolVar(&skip, "skip-unsupported", false, "leave out what indimaj cannot represent (and list it) instead of failing")
	return cmd
}

func xlsformSubmissionsCmd(g *globals) *cobra.Command {
	var region, respondentCol, round, lang string
	var merge bool
	cmd := &cobra.Command{
		Use:   "submissions FILE.csv|FILE.xlsx|FILE.json --region CODE [--respondent-column COL] [--merge]",
		Short: "Turn submissions exported from KoboToolbox or ODK Central into assessments",
		Long: `Read the submissions to a form written by "indimaj xlsform export" (a CSV or XLSX
export, with headers such as gov/gov03 or gov-gov03 and multiple choices as space-separated
codes or as KoboToolbox's one column per choice, 1 or 0, or a JSON list of objects with
the same keys) and record them.

By default each submission becomes its own assessment, answered by the respondent
in --respondent-column (else the _submitted_by, SubmitterName or username column,
else "submission N"). With --merge all submissions go into one assessment for the
region, each submission a respondent (a name that repeats gets "(submission N)"),
and indimaj's rule for several respondents decides which answer counts (the
facilitator's consensus, else the median level).

All or nothing, like "answer": every problem is listed as FILE:ROW: question:
message and nothing is written (exit 2). The ids created are printed, one per line.`,
		Example: "  indimaj xlsform submissions export.csv --region oriental\n  indimaj xlsform submissions data.json --region souss-massa --merge --respondent-column enumerator",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			if region == "" {
				return inputf("%s", i18n.M("cli.msg.region_required"))
			}
			if err := g.checkRegion(region); err != nil {
				return err
			}
			// The same round-label rule as interview, answer and followup.
			if cmd.Flags().Changed("round") {
				if err := app.CheckRound(round); err != nil {
					return err
				}
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			data, err := os.ReadFile(file)
			if err != nil {
				return inputf("%s", i18n.M("cli.msg.cannot_read", file, errors.Unwrap(err)))
			}
			env, err := g.env(false)
			if err != nil {
				return err
			}
			c := env.Content
			subs, err := xlsform.ReadSubmissions(file, data, c.Q, xlsform.SubmissionOptions{RespondentColumn: respondentCol})
			if err != nil {
				for _, e := range []error{xlsform.ErrDTD, xlsform.ErrZipBomb, xlsform.ErrTooLarge, xlsform.ErrNotWorkbook} {
					if errors.Is(err, e) {
						if inner := errors.Unwrap(err); inner != nil {
							err = inner
						}
						return workbookError(file, err)
					}
				}
				return inputf("%v", err)
			}
			for _, w := range subs.Warnings {
				g.warn("%s", i18n.M("cli.msg.note", w))
			}
			checked, err := checkSubmissions(file, c, subs.List)
			if err != nil {
				return err
			}
			for _, s := range checked {
				if len(s.ignored) > 0 {
					g.warn("%s", i18n.M("cli.msg.submission_ignored", file, s.row, strings.Join(s.ignored, ", ")))
				}
			}
			// Respondents: named, or numbered; unique within a merged assessment.
			now := time.Now().UTC()
			used := map[string]bool{}
			for i := range checked {
				s := &checked[i]
				if s.name == "" {
					s.name = fmt.Sprintf("submission %d", i+1)
				}
				if merge && used[s.name] {
					s.name = fmt.Sprintf("%s (submission %d)", s.name, i+1)
				}
				used[s.name] = true
				if s.at.IsZero() {
					// Keep the file's order: a later row is a later answer.
					s.at = now.Add(time.Duration(i-len(checked)) * time.Millisecond)
				}
			}
			if round == "" {
				round = app.DefaultRound()
			}
			newAssessment := func(respondents []store.Respondent) *store.Assessment {
				return &store.Assessment{ID: app.NewID(), Region: region, Round: round, Questionnaire: c.Q.ID, Version: c.Q.Version,
					ContentHash: c.Hash, Lang: lang, Status: "draft", Created: now, Updated: now, Respondents: respondents}
			}
			type pending struct {
				a       *store.Assessment
				answers []store.Answer
			}
			var todo []pending
			if merge {
				p := pending{a: newAssessment(nil)}
				for _, s := range checked {
					p.a.Respondents = append(p.a.Respondents, store.Respondent{Name: s.name})
					p.answers = append(p.answers, s.answers(s.name)...)
				}
				todo = append(todo, p)
			} else {
				for _, s := range checked {
					todo = append(todo, pending{a: newAssessment([]store.Respondent{{Name: s.name}}), answers: s.answers(s.name)})
				}
			}
			p, err := g.dbPath()
			if err != nil {
				return err
			}
			if err := env.OpenStore(p, true); err != nil {
				return err
			}
			total := 0
			for _, t := range todo {
				if err := env.Store.Create(t.a, c.Files, t.answers); err != nil {
					return err
				}
				total += len(t.answers)
				fmt.Fprintln(g.stdout, t.a.ID)
			}
			what := i18n.M("cli.msg.one_per_submission")
			if merge {
				what = i18n.M("cli.msg.one_merged")
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.submissions_saved", len(checked), total, region, what))
			return nil
		},
	}
	cmd.Flags().StringVar(&region, "region", "", "region code (e.g. oriental, souss-massa)")
	cmd.Flags().StringVar(&respondentCol, "respondent-column", "", "column that names the respondent (default: _submitted_by, SubmitterName or username)")
	cmd.Flags().BoolVar(&merge, "merge", false, "one assessment for the region, each submission a respondent")
	cmd.Flags().StringVar(&round, "round", "", "round label (default: YEAR-baseline)")
	cmd.Flags().StringVar(&lang, "lang", "fr", "language of the assessments: fr, ar or en")
	return cmd
}

// checkedSubmission is a submission whose answers passed every check.
type checkedSubmission struct {
	name    string
	at      time.Time
	row     int
	ignored []string // answered, but not asked under the other answers
	values  []struct {
		id   string
		v    any
		note string
	}
}

func sortedNoteIDs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *checkedSubmission) answers(respondent string) []store.Answer {
	out := make([]store.Answer, len(s.values))
	for i, v := range s.values {
		out[i] = store.Answer{Question: v.id, Value: v.v, Note: v.note, Respondent: respondent, At: s.at}
	}
	return out
}

// checkSubmissions validates every submission as "answer" does (types,
// choices, constraints, notes), each on its own, and reports every problem.
func checkSubmissions(file string, c *engine.Content, subs []xlsform.Submission) ([]checkedSubmission, error) {
	q := c.Q
	var problems []string
	var out []checkedSubmission
	for _, s := range subs {
		where := file + ":" + s.Place()
		if len(s.Answers) == 0 {
			problems = append(problems, i18n.M("cli.msg.no_answer_any", where, q.ID))
			continue
		}
		ids := make([]string, 0, len(s.Answers))
		for id := range s.Answers {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return q.Question(ids[i]).Index < q.Question(ids[j]).Index })
		st := engine.NewState(q)
		cs := checkedSubmission{name: s.Respondent, at: s.At, row: s.Row}
		bad := false
		for _, id := range ids {
			qu := q.Question(id)
			v, err := engine.ParseValue(qu, s.Answers[id])
			if err == nil {
				err = st.Set(id, v)
			}
			if err != nil {
				problems = append(problems, where+": "+err.Error())
				bad = true
				continue
			}
			note := s.Notes[id]
			if code, ok := v.(string); ok && qu.Type == engine.Single {
				if ch := qu.Choice(code); ch != nil && ch.NoteRequired && note == "" {
					problems = append(problems, i18n.M("cli.msg.note_column_empty", where, id, code, id))
					bad = true
				}
			}
			cs.values = append(cs.values, struct {
				id   string
				v    any
				note string
			}{id, v, note})
		}
		for _, id := range sortedNoteIDs(s.Notes) {
			if _, ok := s.Answers[id]; !ok {
				problems = append(problems, i18n.M("cli.msg.note_without_answer", where, id))
				bad = true
			}
		}
		var ignored []string
		for _, v := range cs.values {
			if !st.Relevant(v.id) {
				ignored = append(ignored, v.id)
			}
		}
		cs.ignored = ignored
		if !bad {
			out = append(out, cs)
		}
	}
	if len(problems) > 0 {
		problems = append(problems, i18n.M("cli.msg.nothing_written", file))
		return nil, inputf("%s", strings.Join(problems, "\n"))
	}
	return out, nil
}
