package app

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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
		// hostile input (issue 17): non-finite numbers, broken constraints,
		// nesting, invalid UTF-8, NUL and control characters
		"residents: -.inf\n", "residents: .nan\n", "budget: .inf\n", "budget: -.INF\n", "residents: -5\n",
		"budget: \"NaN\"\n", "residents: 1e400\n", "residents: 0x7fffffffffffffff\n",
		"residents: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
		strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100),
		"respondent_role: \"\xff\xfe\"\n", "respondent_role: \"a\x00b\"\n", "respondent_role: \"\\e[2J\\u202e\"\n",
		"unit_staff: {value: partial, note: \"\\r\\a\"}\n",
	} {
		f.Add([]byte(s))
	}
	c := sampleContent(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		st := engine.NewState(c.Q)
		given, err := ParseAnswers("a.yaml", data, st)
		checkLocated(t, err)
		if err == nil {
			if lerr := ydoc.CheckLimits("a.yaml", data); lerr != nil {
				t.Fatalf("accepted a file over the limits: %v", lerr)
			}
			trial := st.Clone()
			for _, g := range given {
				if f, ok := g.Value.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
					t.Fatalf("accepted a non-finite number for %s", g.Question)
				}
				if err := trial.Set(g.Question, g.Value); err != nil {
					t.Fatalf("accepted an invalid value %v for %s: %v", g.Value, g.Question, err)
				}
				if !utf8.ValidString(g.Note) {
					t.Fatalf("accepted a note that is not UTF-8 for %s", g.Question)
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
	// hostile bundles (issue 17): each must be refused
	hostile := map[string]string{
		"constraint": `"value": -5`, "nan": `"value": .nan`, "inf": `"value": -.inf`,
		"name": `"name": "A\u001b[2J"`, "deep": `"value": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100),
	}
	for name, repl := range hostile {
		from := `"value": "full"`
		if name == "name" {
			from = `"name": "A"`
		}
		bad := []byte(strings.Replace(string(good), from, repl, 1))
		if string(bad) == string(good) {
			f.Fatalf("seed %s: %s not found in the bundle", name, from)
		}
		if name == "constraint" || name == "nan" || name == "inf" {
			// residents has the constraint; plan is a choice
			bad = []byte(strings.Replace(string(good), `"question": "plan",
      "value": "full"`, `"question": "residents",
      "value": `+strings.TrimPrefix(repl, `"value": `), 1))
			if string(bad) == string(good) {
				f.Fatalf("seed %s: the plan answer was not found", name)
			}
		}
		if _, err := ParseBundle("b.json", bad); err == nil {
			f.Fatalf("hostile bundle %s accepted", name)
		}
		f.Add(bad)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle("b.json", data)
		checkLocated(t, err)
		if err != nil {
			return
		}
		if err := b.Assessment.CheckNames(); err != nil {
			t.Fatalf("accepted a bundle with a bad name: %v", err)
		}
		bc, err := engine.LoadFiles(b.Content)
		if err != nil {
			t.Fatalf("accepted content that does not load: %v", err)
		}
		byResp := map[string]*engine.State{}
		for _, an := range b.Answers {
			if f, ok := an.Value.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				t.Fatalf("accepted a non-finite number for %s", an.Question)
			}
			if byResp[an.Respondent] == nil {
				byResp[an.Respondent] = engine.NewState(bc.Q)
			}
			if err := byResp[an.Respondent].Check(an.Question, an.Value); err != nil {
				var ve *engine.ValueError
				if !errors.As(err, &ve) || ve.MsgText == nil { // cross-answer constraints depend on order
					t.Fatalf("accepted %v for %s: %v", an.Value, an.Question, err)
				}
			}
		}
	})
}
