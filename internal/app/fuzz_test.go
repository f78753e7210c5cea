package app

import (
	"errors"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/store"
)

func sampleContent(t testing.TB) *engine.Content {
	t.Helper()
	c, err := LoadContent("../../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkLocated fails unless err is nil, an InputError, or located problems.
func checkLocated(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var es ydoc.Errors
	var e1 *ydoc.Error
	var ie *InputError
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			if e.File == "" || e.Line < 1 || e.Msg == "" {
				t.Fatalf("unlocated problem %q", e.Error())
			}
		}
	case errors.As(err, &e1):
		if e1.File == "" || e1.Line < 1 {
			t.Fatalf("unlocated problem %q", e1.Error())
		}
	case errors.As(err, &ie):
	default:
		t.Fatalf("unexpected error type %T: %v", err, err)
	}
}

func FuzzParseAnswers(f *testing.F) {
	for _, s := range []string{
		"plan: full\n",
		"priorities: [P1, P3]\nresidents: 12\n",
		"unit_staff: {value: partial, note: x}\n",
		"health: not_applicable\n",
		`{"plan": "full", "budget": 2.5}`,
		"- a\n",
		"plan: [\n",
		"&a x: *a\n",
	} {
		f.Add([]byte(s))
	}
	c := sampleContent(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		st := engine.NewState(c.Q)
		given, err := ParseAnswers("a.yaml", data, st)
		checkLocated(t, err)
		if err == nil {
			for _, g := range given {
				if st.Check(g.Question, g.Value) != nil && c.Q.Question(g.Question).Constraint == nil {
					t.Fatalf("accepted an invalid value %v for %s", g.Value, g.Question)
				}
			}
		}
		if st.Answered("plan") {
			t.Fatal("ParseAnswers changed the state it was given")
		}
	})
}

func FuzzParseBundle(f *testing.F) {
	c := sampleContent(f)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	l := &Loaded{A: &store.Assessment{ID: "01J9Z8Q3ZB6V4M0H2YQ3R8T7KX", Region: "oriental", Round: "r", Questionnaire: c.Q.ID,
		Version: c.Q.Version, ContentHash: c.Hash, Lang: "fr", Status: "draft", Created: now, Updated: now,
		Respondents: []store.Respondent{{Name: "A"}}},
		Answers: []store.Answer{{Question: "plan", Value: "full", Respondent: "A", At: now}}, Content: c}
	good, err := MarshalBundle(l)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := ParseBundle("b.json", good); err != nil {
		f.Fatalf("a bundle just written does not parse: %v", err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"format":"indimaj-bundle/1"}`))
	f.Add([]byte("[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseBundle("b.json", data)
		checkLocated(t, err)
	})
}
