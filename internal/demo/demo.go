// Package demo holds indimaj's built-in example: a fictitious answer set for
// the embedded questionnaire (answers-oriental.yaml), and the demonstration
// assessments `indimaj demo` builds from it in a temporary database.
package demo

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// AnswersOriental is the example answer set, a YAML answers file.
//
//go:embed answers-oriental.yaml
var AnswersOriental []byte

// The demo assessments' identity.
const (
	FileName      = "answers-oriental.yaml"
	Region        = "oriental"
	Round         = "demo"
	FollowUpRound = "demo-suivi"
	// FollowUpMeasures is how many of the baseline's top measures the
	// simulated follow-up round shows progress on.
	FollowUpMeasures = 3
)

// Unanswered lists the questions the example leaves out on purpose: figures
// that would have to be invented.
var Unanswered = []string{"ctx_foreign_residents", "ctx_main_origins", "ctx_regularised"}

// Parse reads the example answer set against a content's questionnaire.
func Parse(c *engine.Content) ([]app.GivenAnswer, error) {
	given, err := app.ParseAnswers(FileName, AnswersOriental, engine.NewState(c.Q))
	if err != nil {
		return nil, fmt.Errorf("the demo answers (internal/demo/%s) do not fit questionnaire %s %s: %w", FileName, c.Q.ID, c.Q.Version, err)
	}
	return given, nil
}

// Check reports whether the example fits a content exactly: every answer is
// valid, every answered question is asked, and every question that is asked
// is answered (except Unanswered). It lists every mismatch, so a change to
// the questionnaire shows at once what the example needs.
func Check(c *engine.Content) error {
	given, err := Parse(c)
	if err != nil {
		return err
	}
	st := engine.NewState(c.Q)
	values := map[string]any{}
	for _, ga := range given {
		values[ga.Question] = ga.Value
	}
	st.Load(values)
	skip := map[string]bool{}
	for _, id := range Unanswered {
		skip[id] = true
	}
	var problems []string
	for _, qu := range c.Q.Questions {
		_, answered := values[qu.ID]
		switch {
		case qu.Type == engine.Note:
		case answered && !st.Relevant(qu.ID):
			problems = append(problems, qu.ID+": answered but not asked under the other answers")
		case !answered && st.Relevant(qu.ID) && !skip[qu.ID]:
			problems = append(problems, qu.ID+": asked but not answered")
		}
	}
	for _, id := range Unanswered {
		if c.Q.Question(id) == nil {
			problems = append(problems, id+": listed in demo.Unanswered but not in the questionnaire")
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("the demo answers (internal/demo/%s) do not match questionnaire %s %s:\n  %s", FileName, c.Q.ID, c.Q.Version, strings.Join(problems, "\n  "))
	}
	return nil
}

// Assessments are the demonstration assessments: a baseline and a simulated
// follow-up round linked to it.
type Assessments struct {
	Baseline *app.Loaded
	FollowUp *app.Loaded
}

// Create stores the demonstration assessments in s (which should be a
// temporary database): the example answers as a baseline (round "demo"), and
// a follow-up round where the indicators addressed by the baseline's top
// measures are one level higher. Both are marked Demo.
func Create(s *store.Store, c *engine.Content, lang string, now time.Time) (*Assessments, error) {
	given, err := Parse(c)
	if err != nil {
		return nil, err
	}
	now = now.UTC()
	who := store.Respondent{Name: i18n.T(lang, "rp.demo.respondent"), Institution: i18n.T(lang, "rp.demo.institution")}
	var answers []store.Answer
	for _, ga := range given {
		answers = append(answers, store.Answer{Question: ga.Question, Value: ga.Value, Note: ga.Note, Respondent: who.Name, At: now})
	}
	base := &store.Assessment{ID: app.NewID(), Region: Region, Round: Round, Questionnaire: c.Q.ID, Version: c.Q.Version, ContentHash: c.Hash,
		Lang: lang, Status: "draft", Created: now, Updated: now, Respondents: []store.Respondent{who}, Demo: true}
	if err := s.Create(base, c.Files, answers); err != nil {
		return nil, err
	}
	bl := &app.Loaded{A: base, Answers: answers, Content: c}
	bl.Rebuild()

	// The follow-up: progress on what the top measures address.
	sc := engine.Score(bl.State, c.Rules.Policy)
	recs := engine.Recommend(bl.State, sc, c.Rules)
	raise := map[string]bool{}
	for i, r := range recs {
		if i == FollowUpMeasures {
			break
		}
		for _, id := range r.Measure.Indicators {
			raise[id] = true
		}
	}
	later := now.Add(time.Second)
	note := i18n.T(lang, "rp.demo.progress")
	var fanswers []store.Answer
	for _, an := range answers {
		an.At = later
		if qu := c.Q.Question(an.Question); qu != nil && raise[qu.ID] {
			if next := nextLevel(qu, an.Value); next != "" {
				an.Value, an.Note = next, note
			}
		}
		fanswers = append(fanswers, an)
	}
	follow := &store.Assessment{ID: app.NewID(), Region: Region, Round: FollowUpRound, Questionnaire: c.Q.ID, Version: c.Q.Version, ContentHash: c.Hash,
		Lang: lang, Status: "draft", Created: later, Updated: later, Respondents: []store.Respondent{who}, Baseline: base.ID, Demo: true}
	if err := s.Create(follow, c.Files, fanswers); err != nil {
		return nil, err
	}
	fl := &app.Loaded{A: follow, Answers: fanswers, Content: c}
	fl.Rebuild()
	return &Assessments{Baseline: bl, FollowUp: fl}, nil
}

// nextLevel returns the code of the next higher scored level of a single
// choice, or "" (already at the top, don't know, not a level).
func nextLevel(qu *engine.Question, v any) string {
	code, ok := v.(string)
	if !ok || qu.Type != engine.Single {
		return ""
	}
	cur := qu.Choice(code)
	if cur == nil || cur.Score == nil {
		return ""
	}
	var best *engine.Choice
	for _, ch := range qu.Choices {
		if ch.Score != nil && *ch.Score > *cur.Score && (best == nil || *ch.Score < *best.Score) {
			best = ch
		}
	}
	if best == nil {
		return ""
	}
	return best.Value
}
