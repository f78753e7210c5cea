package main

import (
	"fmt"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/spf13/cobra"
)

func validateCmd(g *globals) *cobra.Command {
	var coverage bool
	cmd := &cobra.Command{
		Use:   "validate [CONTENT_DIR...]",
		Short: "Check content (questionnaire and rules) and report every problem",
		Long: `Parse, validate and compile a content set — the questionnaire and the rules —
and print every problem at once as file:line:column: message, sorted by file and line.
Without a folder, checks the --content folder or the embedded content.
Exit code 2 when there is any problem.`,
		Example: "  indimaj validate\n  indimaj validate ./my-content\n  indimaj validate --coverage",
		RunE: func(cmd *cobra.Command, args []string) error {
			dirs := args
			if len(dirs) == 0 {
				dirs = []string{g.content}
			}
			var all ydoc.Errors
			failed := false
			for _, dir := range dirs {
				c, err := app.LoadContent(dir)
				if err != nil {
					if es, ok := err.(ydoc.Errors); ok {
						all = append(all, es...)
						continue
					}
					return err
				}
				name := dir
				if name == "" {
					name = i18n.M("cli.msg.embedded_content")
				}
				fmt.Fprintln(g.stdout, summary(name, c))
				if coverage {
					if !printCoverage(g, c) {
						failed = true
					}
				}
			}
			if len(all) > 0 {
				return all.Err()
			}
			if failed {
				return &exitError{code: exitInput, msg: i18n.M("cli.msg.coverage_failed")}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&coverage, "coverage", false, "also print coverage matrices (SNIA × measures, indicators without a measure, SDG/GCM, MGI)")
	return cmd
}

func summary(name string, c *engine.Content) string {
	q := c.Q
	return i18n.M("cli.msg.content_summary",
		name, q.ID, q.Version, strings.Join(q.Languages, "/"), len(q.Sections), len(q.Questions), len(q.Indicators()), len(q.Calcs),
		len(c.Rules.Measures), len(c.Rules.Pilots))
}

func questionnaireCmd(g *globals) *cobra.Command {
	var asJSON bool
	var format, lang string
	cmd := &cobra.Command{
		Use:     "questionnaire",
		Short:   "Print the loaded questionnaire (JSON for tools, Markdown for reviewers)",
		Example: "  indimaj questionnaire --json\n  indimaj questionnaire --format md --lang ar > questionnaire-ar.md",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := app.LoadContent(g.content)
			if err != nil {
				return err
			}
			if asJSON {
				format = "json"
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			switch format {
			case "json":
				return g.printJSON(questionnaireJSON(c.Q))
			case "md", "markdown":
				_, err := fmt.Fprint(g.stdout, questionnaireMarkdown(c, lang))
				return err
			case "", "text":
				_, err := fmt.Fprint(g.stdout, questionnaireMarkdown(c, lang))
				return err
			}
			return inputf("%s", i18n.M("cli.msg.unknown_format", format))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&format, "format", "", "json or md")
	cmd.Flags().StringVar(&lang, "lang", "fr", "language of the Markdown document: fr, ar or en")
	return cmd
}

func checkLang(lang string) error {
	switch lang {
	case "fr", "ar", "en":
		return nil
	}
	return inputf("%s", i18n.M("cli.msg.unknown_language", lang))
}

type jsonChoice struct {
	Value        string      `json:"value"`
	Score        *float64    `json:"score"`
	Missing      string      `json:"missing,omitempty"`
	NoteRequired bool        `json:"note_required,omitempty"`
	Label        engine.Text `json:"label"`
	Description  engine.Text `json:"description,omitempty"`
}

type jsonQuestion struct {
	ID                string       `json:"id"`
	Type              string       `json:"type"`
	Required          bool         `json:"required"`
	Relevant          string       `json:"relevant"`
	Constraint        string       `json:"constraint,omitempty"`
	ConstraintMessage engine.Text  `json:"constraint_message,omitempty"`
	Label             engine.Text  `json:"label"`
	Hint              engine.Text  `json:"hint,omitempty"`
	Guidance          engine.Text  `json:"guidance,omitempty"`
	Scored            bool         `json:"scored"`
	Weight            float64      `json:"weight,omitempty"`
	WhenSkipped       string       `json:"when_skipped,omitempty"`
	Choices           []jsonChoice `json:"choices"`
	Refs              engine.Refs  `json:"refs"`
}

type jsonSection struct {
	ID          string         `json:"id"`
	Title       engine.Text    `json:"title"`
	Description engine.Text    `json:"description,omitempty"`
	Relevant    string         `json:"relevant"`
	Scored      bool           `json:"scored"`
	Questions   []jsonQuestion `json:"questions"`
}

type jsonQuestionnaire struct {
	ID          string        `json:"id"`
	Version     string        `json:"version"`
	Languages   []string      `json:"languages"`
	Title       engine.Text   `json:"title"`
	Description engine.Text   `json:"description,omitempty"`
	Sections    []jsonSection `json:"sections"`
}

func exprText(e *engine.Expr) string {
	if e == nil {
		return ""
	}
	return e.Src
}

func questionnaireJSON(q *engine.Questionnaire) jsonQuestionnaire {
	out := jsonQuestionnaire{ID: q.ID, Version: q.Version, Languages: q.Languages, Title: q.Title, Description: q.Description, Sections: []jsonSection{}}
	for _, s := range q.Sections {
		js := jsonSection{ID: s.ID, Title: s.Title, Description: s.Description, Relevant: exprText(s.Relevant), Scored: s.Scored, Questions: []jsonQuestion{}}
		for _, qu := range s.Questions {
			jq := jsonQuestion{ID: qu.ID, Type: string(qu.Type), Required: qu.Required, Relevant: exprText(qu.Relevant),
				Constraint: exprText(qu.Constraint), ConstraintMessage: qu.ConstraintMsg,
				Label: qu.Label, Hint: qu.Hint, Guidance: qu.Guidance, Scored: qu.Scored, Choices: []jsonChoice{}, Refs: qu.Refs}
			if jq.Refs.SNIA == nil {
				jq.Refs.SNIA = []string{}
			}
			if jq.Refs.SDG == nil {
				jq.Refs.SDG = []string{}
			}
			if jq.Refs.GCM == nil {
				jq.Refs.GCM = []int{}
			}
			if qu.Scored {
				jq.Weight = qu.Weight
				jq.WhenSkipped = "lowest"
				if qu.SkipExcluded {
					jq.WhenSkipped = "exclude"
				}
			}
			for _, c := range qu.Choices {
				jq.Choices = append(jq.Choices, jsonChoice{Value: c.Value, Score: c.Score, Missing: string(c.Missing), NoteRequired: c.NoteRequired, Label: c.Label, Description: c.Description})
			}
			js.Questions = append(js.Questions, jq)
		}
		out.Sections = append(out.Sections, js)
	}
	return out
}

func measuresCmd(g *globals) *cobra.Command {
	var asJSON bool
	var lang string
	cmd := &cobra.Command{
		Use:     "measures",
		Short:   "List the measures catalog",
		Example: "  indimaj measures\n  indimaj measures --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := app.LoadContent(g.content)
			if err != nil {
				return err
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			if asJSON {
				type jm struct {
					ID          string        `json:"id"`
					Title       engine.Text   `json:"title"`
					Description engine.Text   `json:"description"`
					SNIA        []string      `json:"snia"`
					SDG         []string      `json:"sdg"`
					GCM         []int         `json:"gcm"`
					Lead        engine.Text   `json:"lead"`
					Partners    []engine.Text `json:"partners"`
					Horizon     string        `json:"horizon"`
					Cost        string        `json:"cost"`
					KPI         engine.Text   `json:"kpi"`
					KPIUnit     engine.Text   `json:"kpi_unit,omitempty"`
					Indicators  []string      `json:"indicators"`
					When        string        `json:"when"`
				}
				out := []jm{}
				for _, m := range c.Rules.Measures {
					out = append(out, jm{m.ID, m.Title, m.Description, nonNil(m.SNIA), nonNil(m.SDG), nonNilInt(m.GCM), m.Lead,
						nonNilText(m.Partners), m.Horizon, m.Cost, m.KPI, m.KPIUnit, nonNil(m.Indicators), exprText(m.When)})
				}
				return g.printJSON(out)
			}
			for _, m := range c.Rules.Measures {
				fmt.Fprintf(g.stdout, "%-6s %s\n       SNIA %s · ODD %s · PMM %s · %s · %s\n       %s\n",
					m.ID, m.Title.Get(lang), strings.Join(m.SNIA, ","), strings.Join(m.SDG, ","), joinInts(m.GCM), m.Horizon, m.Cost,
					i18n.M("cli.msg.measure_indicators", strings.Join(m.Indicators, ", ")))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&lang, "lang", "fr", "language: fr, ar or en")
	return cmd
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilInt(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func nonNilText(s []engine.Text) []engine.Text {
	if s == nil {
		return []engine.Text{}
	}
	return s
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ",")
}
