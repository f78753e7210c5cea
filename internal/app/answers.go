package app

import (
	"errors"
	"sort"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/i18n"
)

// GivenAnswer is one answer read from an answers file.
type GivenAnswer struct {
	Question string
	Raw      any
	Value    any // typed, once checked
	Note     string
	Pos      ydoc.Pos
}

// valueMessage is a refused value's message, with the content's own
// message in the command line's language when the content gives one.
func valueMessage(err error) string {
	var ve *engine.ValueError
	if errors.As(err, &ve) && ve.MsgText != nil {
		return ve.Question + ": " + ve.Message(i18n.MessageLang())
	}
	return err.Error()
}

// maxSuggestions is how many unknown question ids get a "did you mean"
// (each costs a comparison with every id): far more than are ever printed.
const maxSuggestions = 100

// ParseAnswers reads a YAML or JSON answers file: a mapping question_id → value,
// where a value is a choice code, a number, text, a list of codes, or
// {value: …, note: …}. It checks everything against the questionnaire and the
// answers already in state, without changing state, and reports every problem
// as FILE:line: question_id: message.
func ParseAnswers(name string, data []byte, st *engine.State) ([]GivenAnswer, error) {
	root, err := ydoc.Parse(name, data)
	if err != nil {
		return nil, err
	}
	var errs ydoc.Errors
	if root.Kind == ydoc.Null {
		return nil, &InputError{Err: errors.New(i18n.M("app.answers.empty", name))}
	}
	if root.Kind != ydoc.Map {
		errs.Add(root.Pos, "%s", i18n.M("app.answers.not_mapping", root.Kind))
		return nil, errs.Err()
	}
	q := st.Q
	var given []GivenAnswer
	var ids []string
	unknown := 0
	for i, k := range root.Keys {
		v := root.Vals[i]
		ga := GivenAnswer{Question: k.Value, Pos: k.Pos}
		qu := q.Question(k.Value)
		if qu == nil {
			msg := i18n.M("app.answers.unknown_question")
			if ids == nil {
				ids = make([]string, 0, len(q.Questions))
				for _, x := range q.Questions {
					ids = append(ids, x.ID)
				}
			}
			unknown++
			if unknown <= maxSuggestions {
				if s := ydoc.Closest(k.Value, ids); s != "" {
					msg += " " + i18n.M("app.did_you_mean", s)
				}
			}
			errs.Add(k.Pos, "%s: %s", k.Value, msg)
			continue
		}
		val := v
		if v.Kind == ydoc.Map {
			var wrapped struct {
				Value *ydoc.Node `yaml:"value"`
				Note  string     `yaml:"note"`
			}
			var werrs ydoc.Errors
			ydoc.Decode(v, &wrapped, &werrs)
			for _, e := range werrs {
				errs.Add(e.Pos, "%s: %s", k.Value, e.Msg)
			}
			if len(werrs) > 0 {
				continue
			}
			if wrapped.Value == nil {
				errs.Add(v.Pos, "%s: %s", k.Value, i18n.M("app.answers.missing_value"))
				continue
			}
			val = wrapped.Value
			ga.Note = wrapped.Note
		}
		if val.Kind == ydoc.Null {
			errs.Add(val.Pos, "%s: %s", k.Value, i18n.M("app.answers.null"))
			continue
		}
		ga.Raw = ydoc.Plain(val)
		typed, err := engine.ParseValue(qu, ga.Raw)
		if err != nil {
			errs.Add(val.Pos, "%s", err.Error())
			continue
		}
		ga.Value = typed
		given = append(given, ga)
	}
	// Apply in questionnaire order on a copy, so constraints that read other
	// answers see the final values.
	sort.SliceStable(given, func(i, j int) bool {
		return q.Question(given[i].Question).Index < q.Question(given[j].Question).Index
	})
	trial := st.Clone()
	for _, ga := range given {
		if err := trial.Set(ga.Question, ga.Value); err != nil {
			errs.Add(ga.Pos, "%s", valueMessage(err))
			continue
		}
		if c := choiceOf(q.Question(ga.Question), ga.Value); c != nil && c.NoteRequired && ga.Note == "" {
			errs.Add(ga.Pos, "%s: %s", ga.Question, i18n.M("app.answers.note_required", c.Value, c.Value))
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return given, nil
}

func choiceOf(qu *engine.Question, v any) *engine.Choice {
	if code, ok := v.(string); ok && qu.Type == engine.Single {
		return qu.Choice(code)
	}
	return nil
}
