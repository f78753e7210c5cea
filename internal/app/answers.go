package app

import (
	"fmt"
	"sort"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
)

// GivenAnswer is one answer read from an answers file.
type GivenAnswer struct {
	Question string
	Raw      any
	Value    any // typed, once checked
	Note     string
	Pos      ydoc.Pos
}

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
		return nil, &InputError{Err: fmt.Errorf("%s: no answers (the file is empty)", name)}
	}
	if root.Kind != ydoc.Map {
		errs.Add(root.Pos, "expected a mapping of question ids to answers, got %s", root.Kind)
		return nil, errs.Err()
	}
	q := st.Q
	var given []GivenAnswer
	for i, k := range root.Keys {
		v := root.Vals[i]
		ga := GivenAnswer{Question: k.Value, Pos: k.Pos}
		qu := q.Question(k.Value)
		if qu == nil {
			msg := "unknown question"
			ids := make([]string, 0, len(q.Questions))
			for _, x := range q.Questions {
				ids = append(ids, x.ID)
			}
			if s := ydoc.Closest(k.Value, ids); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
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
				errs.Add(v.Pos, "%s: missing \"value\"", k.Value)
				continue
			}
			val = wrapped.Value
			ga.Note = wrapped.Note
		}
		if val.Kind == ydoc.Null {
			errs.Add(val.Pos, "%s: no value (to leave a question unanswered, leave it out)", k.Value)
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
			errs.Add(ga.Pos, "%s", err.Error())
			continue
		}
		if c := choiceOf(q.Question(ga.Question), ga.Value); c != nil && c.NoteRequired && ga.Note == "" {
			errs.Add(ga.Pos, "%s: %q needs a note that says why (write {value: %s, note: \"…\"})", ga.Question, c.Value, c.Value)
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
