package main

import (
	"bufio"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/interview"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

// checkRegion refuses a region the content's reference tables do not list.
func (g *globals) checkRegion(code string) error {
	c, err := g.loadContent()
	if err != nil {
		return err
	}
	if c.Refs.Region(code) == nil {
		return inputf("%s", i18n.M("cli.msg.unknown_region", code, strings.Join(c.Refs.RegionCodes(), ", ")))
	}
	return nil
}

func answerCmd(g *globals) *cobra.Command {
	var region, respondent, answersFile, assessment, round, lang, reason string
	cmd := &cobra.Command{
		Use:   "answer --region CODE --respondent NAME --answers FILE",
		Short: "Record answers from a YAML or JSON file (creates an assessment, or adds to one)",
		Long: `Record answers non-interactively from a YAML or JSON file mapping question ids to
values: a choice code, a number, text, a list of codes for a multiple choice, or
{value: ..., note: ...} to add a note or evidence.

All or nothing: an unknown question, a value that is not a choice, a failed
constraint or a wrong type stops everything (exit 2, every problem listed,
nothing written). Without --assessment a new assessment is created and its id
is printed as the last line of standard output.`,
		Example: `  indimaj answer --region oriental --respondent "A. Benali" --answers answers.yaml
  indimaj answer --assessment 01J9Z... --respondent "A. Benali" --answers more.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if respondent == "" {
				return inputf("%s", i18n.M("cli.msg.respondent_required"))
			}
			if answersFile == "" {
				return inputf("%s", i18n.M("cli.msg.answers_required"))
			}
			if assessment == "" && region == "" {
				return inputf("%s", i18n.M("cli.msg.region_required_new"))
			}
			if region != "" {
				if err := g.checkRegion(region); err != nil {
					return err
				}
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			data, err := ydoc.ReadFile(answersFile)
			var le *ydoc.Error
			if errors.As(err, &le) {
				return le // over the size limit
			} else if err != nil {
				return inputf("%s", i18n.M("cli.msg.cannot_read_answers", err))
			}
			// Nothing is written (not even a new database file) before every
			// answer has been checked.
			env, err := g.env(false)
			if err != nil {
				return err
			}
			var l *app.Loaded
			if assessment != "" {
				l, err = env.Open(assessment)
				if err != nil {
					return err
				}
				if region != "" && region != l.A.Region {
					return inputf("%s", i18n.M("cli.msg.wrong_region", l.A.ID, l.A.Region, region))
				}
			} else {
				c := env.Content
				now := app.Now()
				if round == "" {
					round = app.DefaultRound()
				}
				if err := app.CheckRound(round); err != nil {
					return err
				}
				a := &store.Assessment{ID: app.NewID(), Region: region, Round: round, Questionnaire: c.Q.ID, Version: c.Q.Version,
					ContentHash: c.Hash, Lang: lang, Status: "draft", Created: now, Updated: now}
				l = &app.Loaded{A: a, Content: c}
				l.Rebuild()
			}
			given, err := app.ParseAnswers(answersFile, data, l.State)
			if err != nil {
				return err
			}
			now := app.Now()
			answers := make([]store.Answer, len(given))
			for i, ga := range given {
				answers[i] = store.Answer{Question: ga.Question, Value: ga.Value, Note: ga.Note, Respondent: respondent, At: now}
			}
			if assessment == "" {
				l.A.Respondents = []store.Respondent{{Name: respondent}}
				p, err := g.dbPath()
				if err != nil {
					return err
				}
				if err := env.OpenStore(p, true); err != nil {
					return err
				}
				if err := env.Store.Create(l.A, l.Content.Files, answers); err != nil {
					return err
				}
			} else if _, err := env.Store.Apply(l.A.ID, store.Change{By: respondent, Reason: reason, Answers: answers}); err != nil {
				return err
			}
			l.Answers = append(l.Answers, answers...)
			l.Rebuild()
			var ignored []string
			for _, ga := range given {
				if !l.State.Relevant(ga.Question) {
					ignored = append(ignored, ga.Question)
				}
			}
			if len(ignored) > 0 {
				g.warn("%s", i18n.M("cli.msg.ignored_answers", strings.Join(ignored, ", ")))
			}
			p, _ := l.State.Progress()
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.saved_answers", len(answers), p.Answered, p.Relevant))
			fmt.Fprintln(g.stdout, l.A.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&region, "region", "", "region code (e.g. oriental, souss-massa, tanger-tetouan-al-hoceima)")
	cmd.Flags().StringVar(&respondent, "respondent", "", "name of the person answering")
	cmd.Flags().StringVar(&answersFile, "answers", "", "YAML or JSON file of answers")
	cmd.Flags().StringVar(&assessment, "assessment", "", "add to this assessment instead of creating one")
	cmd.Flags().StringVar(&round, "round", "", "round label for a new assessment (default: YEAR-baseline)")
	cmd.Flags().StringVar(&lang, "lang", "fr", "language of a new assessment: fr, ar or en")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required when the assessment is validated)")
	return cmd
}

type assessmentRow struct {
	ID            string    `json:"id"`
	Region        string    `json:"region"`
	Round         string    `json:"round"`
	Questionnaire string    `json:"questionnaire"`
	Version       string    `json:"version"`
	Status        string    `json:"status"`
	Respondents   []string  `json:"respondents"`
	Answered      int       `json:"answered"`
	Relevant      int       `json:"relevant"`
	Overall       *float64  `json:"overall"`
	Coverage      float64   `json:"coverage"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
	Demo          bool      `json:"demo,omitempty"`
	// Provisional when the coverage is below the policy's provisional_below
	// (the results are then provisional).
	Provisional bool `json:"provisional"`
}

func respondentNames(a *store.Assessment) []string {
	out := []string{}
	for _, r := range a.Respondents {
		out = append(out, r.Name)
	}
	return out
}

func assessmentsCmd(g *globals) *cobra.Command {
	var asJSON bool
	var region, round, status string
	cmd := &cobra.Command{
		Use:     "assessments",
		Aliases: []string{"list", "ls"},
		Short:   "List assessments",
		Long: `List assessments, oldest first, from the database's summary index (kept up to
date with every change, so listing costs the same whatever the assessments hold).
--region, --round and --status keep the matching ones.`,
		Example: "  indimaj assessments\n  indimaj assessments --json\n  indimaj assessments --round 2026-baseline --status validated",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := g.env(false)
			if err != nil {
				return err
			}
			if region != "" {
				if err := g.checkRegion(region); err != nil {
					return err
				}
			}
			if status != "" && !slices.Contains(app.Statuses, status) {
				return inputf("%s", i18n.M("cli.msg.unknown_status", status))
			}
			// The summary index answers without rebuilding any assessment.
			list, err := env.Summaries(store.Filter{Region: region, Round: round, Status: status})
			if err != nil {
				return err
			}
			rows := []assessmentRow{}
			for _, a := range list {
				rows = append(rows, assessmentRow{ID: a.ID, Region: a.Region, Round: a.Round, Questionnaire: a.Questionnaire, Version: a.Version,
					Status: a.Status, Respondents: a.Respondents, Answered: a.Answered, Relevant: a.Relevant, Overall: a.Overall,
					Coverage: a.Coverage, Provisional: a.Provisional, Created: a.Created, Updated: a.Updated, Demo: a.Demo})
			}
			if asJSON {
				return g.printJSON(rows)
			}
			if len(rows) == 0 {
				fmt.Fprintln(g.stdout, i18n.M("cli.msg.no_assessments"))
				return nil
			}
			// The headers are in the message language; a column widens to
			// its header when the header is longer.
			head := []string{i18n.M("cli.msg.col.id"), i18n.M("cli.msg.col.region"), i18n.M("cli.msg.col.round"),
				i18n.M("cli.msg.col.status"), i18n.M("cli.msg.col.progress"), i18n.M("cli.msg.col.updated")}
			w := []int{26, 26, 14, 9, 9}
			for i := range w {
				w[i] = max(w[i], ansi.StringWidth(head[i]))
			}
			// Regions by name and statuses in words, in the message language.
			ml := i18n.MessageLang()
			regionName := func(code string) string {
				if reg := env.Content.Refs.Region(code); reg != nil {
					if n := reg.Name.Get(ml); n != "" {
						return n
					}
				}
				return code
			}
			statusName := func(st string) string {
				if k := "rp.status." + st; i18n.Has(ml, k) {
					return i18n.T(ml, k)
				}
				return st
			}
			for i := range rows {
				rows[i].Region, rows[i].Status = regionName(rows[i].Region), statusName(rows[i].Status)
				w[1] = max(w[1], ansi.StringWidth(rows[i].Region))
				w[2] = max(w[2], ansi.StringWidth(termsafe.Line(rows[i].Round)))
				w[3] = max(w[3], ansi.StringWidth(rows[i].Status))
			}
			fmt.Fprintf(g.stdout, "%s  %s  %s  %s  %s  %s\n", padW(head[0], w[0]), padW(head[1], w[1]), padW(head[2], w[2]), padW(head[3], w[3]), padW(head[4], w[4]), head[5])
			for _, r := range rows {
				mark := ""
				if r.Provisional {
					mark = "  " + i18n.M("pv.provisional")
				}
				fmt.Fprintf(g.stdout, "%s  %s  %s  %s  %s  %s%s\n", padW(r.ID, w[0]), padW(r.Region, w[1]), padW(termsafe.Line(r.Round), w[2]), padW(r.Status, w[3]),
					padW(fmt.Sprintf("%4d/%-4d", r.Answered, r.Relevant), w[4]), r.Updated.Local().Format("2006-01-02 15:04"), mark)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&region, "region", "", "only this region (code)")
	cmd.Flags().StringVar(&round, "round", "", "only this round label")
	cmd.Flags().StringVar(&status, "status", "", "only this status: draft, in_review or validated")
	return cmd
}

type shownAnswer struct {
	Value       any       `json:"value"`
	Note        string    `json:"note,omitempty"`
	Respondent  string    `json:"respondent"`
	At          time.Time `json:"at"`
	Relevant    bool      `json:"relevant"`
	Status      string    `json:"status"`
	Source      string    `json:"source"`
	Unconfirmed bool      `json:"unconfirmed,omitempty"`
}

type respondentAnswer struct {
	Value       any       `json:"value"`
	Note        string    `json:"note,omitempty"`
	At          time.Time `json:"at"`
	Unconfirmed bool      `json:"unconfirmed,omitempty"`
}

type shownAssessment struct {
	ID            string                                 `json:"id"`
	Region        string                                 `json:"region"`
	Round         string                                 `json:"round"`
	Questionnaire string                                 `json:"questionnaire"`
	Version       string                                 `json:"version"`
	ContentHash   string                                 `json:"content_hash"`
	Lang          string                                 `json:"lang"`
	Status        string                                 `json:"status"`
	Created       time.Time                              `json:"created"`
	Updated       time.Time                              `json:"updated"`
	Respondents   []string                               `json:"respondents"`
	People        []store.Respondent                     `json:"respondent_details"`
	Baseline      string                                 `json:"baseline,omitempty"`
	Demo          bool                                   `json:"demo,omitempty"`
	Progress      engine.Count                           `json:"progress"`
	Answers       map[string]shownAnswer                 `json:"answers"`
	ByRespondent  map[string]map[string]respondentAnswer `json:"by_respondent"`
	Divergent     []string                               `json:"divergent"`
	Consensus     map[string]respondentAnswer            `json:"consensus"`
	// Provisional: the coverage is below the policy's provisional_below;
	// Missing lists the questions to complete per section.
	Provisional bool                    `json:"provisional"`
	Coverage    float64                 `json:"coverage"`
	Missing     []engine.MissingAnswers `json:"missing"`
}

func showCmd(g *globals) *cobra.Command {
	var asJSON bool
	var lang string
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show an assessment and its answers",
		Example: "  indimaj show 01J9Z8\n  indimaj show 01J9Z8QK4M --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLangFlag(lang); err != nil {
				return err
			}
			_, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			lang = langFor(lang, l.A)
			a := l.A
			p, _ := l.State.Progress()
			out := shownAssessment{ID: a.ID, Region: a.Region, Round: a.Round, Questionnaire: a.Questionnaire, Version: a.Version,
				ContentHash: a.ContentHash, Lang: a.Lang, Status: a.Status, Created: a.Created, Updated: a.Updated,
				Respondents: respondentNames(a), People: a.Respondents, Baseline: a.Baseline, Demo: a.Demo, Progress: p, Answers: map[string]shownAnswer{}}
			if out.People == nil {
				out.People = []store.Respondent{}
			}
			q := l.Content.Q
			for _, qid := range app.SortedAnswerIDs(q, l.Working) {
				an := l.Working[qid]
				v := an.Value
				if qu := q.Question(qid); qu != nil {
					if tv, err := engine.ParseValue(qu, an.Value); err == nil {
						v = tv
					}
				}
				out.Answers[qid] = shownAnswer{Value: v, Note: an.Note, Respondent: an.Respondent, At: an.At,
					Relevant: l.State.Relevant(qid), Status: l.State.Status(qid), Source: l.Sources[qid], Unconfirmed: an.Unconfirmed}
			}
			typed := func(qid string, raw any) any {
				if qu := q.Question(qid); qu != nil {
					if tv, err := engine.ParseValue(qu, raw); err == nil {
						return tv
					}
				}
				return raw
			}
			out.ByRespondent = map[string]map[string]respondentAnswer{}
			for name, m := range l.ByRespondent() {
				out.ByRespondent[name] = map[string]respondentAnswer{}
				for qid, an := range m {
					out.ByRespondent[name][qid] = respondentAnswer{Value: typed(qid, an.Value), Note: an.Note, At: an.At, Unconfirmed: an.Unconfirmed}
				}
			}
			out.Divergent = append([]string{}, l.Divergent...)
			out.Consensus = map[string]respondentAnswer{}
			for _, an := range l.Consensus {
				out.Consensus[an.Question] = respondentAnswer{Value: typed(an.Question, an.Value), Note: an.Note, At: an.At}
			}
			sc := engine.Score(l.State, l.Content.Rules.Policy)
			out.Provisional, out.Coverage, out.Missing = sc.Provisional, round3(sc.Coverage), nonNilMissing(sc.Missing())
			if asJSON {
				return g.printJSON(out)
			}
			w := i18n.IsolatingWriter(lang, g.stdout)
			defer w.Flush()
			fmt.Fprintf(w, "%s — %s, %s (%s)\n%s\n", a.ID, l.Content.Refs.RegionName(a.Region, lang), termsafe.Line(a.Round), a.Status,
				i18n.M("cli.msg.show_line", a.Questionnaire, a.Version, termsafe.Line(strings.Join(respondentNames(a), ", ")),
					p.Answered, p.Relevant, a.Updated.Local().Format("2006-01-02 15:04")))
			defer printProvisional(w, l, sc, lang)
			for _, sec := range q.Sections {
				printed := false
				for _, qu := range sec.Questions {
					an, ok := out.Answers[qu.ID]
					if !ok {
						continue
					}
					if !printed {
						fmt.Fprintf(w, "\n%s\n", sec.Title.Get(lang))
						printed = true
					}
					mark := ""
					if !an.Relevant {
						mark = "  " + i18n.M("cli.msg.mark_not_asked")
					}
					if len(a.Respondents) > 1 && an.Source != "" {
						mark += "  [" + an.Source + "]"
					}
					if an.Unconfirmed {
						mark += "  " + i18n.M("cli.msg.mark_unconfirmed")
					}
					if slices.Contains(out.Divergent, qu.ID) {
						mark += "  " + i18n.M("cli.msg.mark_divergent")
					}
					fmt.Fprintf(w, "  %-18s %s%s\n", qu.ID, termsafe.Line(interview.Display(qu, an.Value, lang)), mark)
					if an.Note != "" {
						fmt.Fprintf(w, "  %-18s %s\n", "", i18n.M("cli.msg.note", termsafe.Line(an.Note)))
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	return cmd
}

func deleteCmd(g *globals) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete an assessment and its answers",
		Example: "  indimaj delete 01J9Z8\n  indimaj delete 01J9Z8 --yes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, l, err := g.open(args[0])
			if err != nil {
				return err
			}
			if !yes {
				if !isTerminal(g.stdin) {
					return inputf("%s", i18n.M("cli.msg.not_deleting", l.A.ID))
				}
				fmt.Fprint(g.stderr, i18n.M("cli.msg.delete_prompt", l.A.ID, l.A.Region, termsafe.Line(l.A.Round), len(l.Answers)))
				line, _ := bufio.NewReader(g.stdin).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != "o" && a != "oui" && a != "نعم" {
					fmt.Fprintln(g.stderr, i18n.M("cli.msg.not_deleted"))
					return nil
				}
			}
			if err := env.Store.Delete(l.A.ID); err != nil {
				return err
			}
			fmt.Fprintln(g.stderr, i18n.M("cli.msg.deleted", l.A.ID))
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}
