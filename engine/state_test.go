package engine_test

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

func loadSample(t testing.TB) *engine.Content {
	t.Helper()
	c, err := engine.Load(os.DirFS("../examples/sample"))
	if err != nil {
		t.Fatalf("sample content: %v", err)
	}
	return c
}

func mustSet(t *testing.T, st *engine.State, id string, v any) {
	t.Helper()
	if err := st.Set(id, v); err != nil {
		t.Fatalf("Set(%s, %v): %v", id, v, err)
	}
}

func TestRelevanceFollowsAnswers(t *testing.T) {
	st := engine.NewState(loadSample(t).Q)
	// unit_staff is asked only when has_unit (score(unit) > 0).
	if st.Relevant("unit_staff") {
		t.Fatal("unit_staff relevant before unit is answered")
	}
	mustSet(t, st, "unit", "partial")
	if !st.Relevant("unit_staff") {
		t.Fatal("unit_staff not relevant after unit=partial")
	}
	mustSet(t, st, "unit_staff", "full")
	if !st.Answered("unit_staff") {
		t.Fatal("unit_staff should be answered")
	}
	mustSet(t, st, "unit", "absent")
	if st.Relevant("unit_staff") {
		t.Fatal("unit_staff still relevant after unit=absent")
	}
	// The answer is kept but ignored (ODK semantics).
	if st.Answer("unit_staff") != "full" || st.Answered("unit_staff") || st.Status("unit_staff") != engine.StatusSkipped {
		t.Fatalf("ignored answer: answer=%v answered=%v status=%s", st.Answer("unit_staff"), st.Answered("unit_staff"), st.Status("unit_staff"))
	}
	if got := st.IgnoredAnswers(); len(got) != 1 || got[0] != "unit_staff" {
		t.Fatalf("IgnoredAnswers = %v", got)
	}
	// Skipped counts at its lowest level by default.
	if v, ok := st.IndicatorScore("unit_staff"); !ok || v != 0 {
		t.Fatalf("skipped indicator score = %v, %v; want 0, true", v, ok)
	}
	// "Don't know" on the parent: score(unit) is NaN, so the follow-up stays hidden.
	mustSet(t, st, "unit", "dont_know")
	if st.Relevant("unit_staff") {
		t.Fatal("unit_staff relevant after unit=dont_know")
	}
	if st.Status("unit") != engine.StatusDontKnow {
		t.Fatalf("status = %s", st.Status("unit"))
	}
	// A multiple choice follow-up on a boolean.
	if st.Relevant("budget") {
		t.Fatal("budget relevant before shelter")
	}
	mustSet(t, st, "shelter", true)
	if !st.Relevant("budget") {
		t.Fatal("budget not relevant after shelter=true")
	}
}

func TestConstraint(t *testing.T) {
	st := engine.NewState(loadSample(t).Q)
	err := st.Set("residents", -3)
	ve, ok := err.(*engine.ValueError)
	if !ok {
		t.Fatalf("Set(-3) = %v, want a ValueError", err)
	}
	if ve.Message("ar") != "عدد بين 0 و10 ملايين" || ve.Message("fr") != "Un nombre entre 0 et 10 millions" {
		t.Fatalf("messages: %q / %q", ve.Message("ar"), ve.Message("fr"))
	}
	if st.Answered("residents") {
		t.Fatal("a rejected value was stored")
	}
	mustSet(t, st, "residents", 4200)
	if st.Value("residents") != 4200 {
		t.Fatalf("value = %v", st.Value("residents"))
	}
	// Type and choice checks.
	for _, c := range []struct {
		id   string
		v    any
		want string
	}{
		{"plan", "maybe", "not one of the choices"},
		{"priorities", []string{"P1", "P1"}, "chosen twice"},
		{"priorities", []string{"P42"}, "not one of the choices"},
		{"shelter", "yes", "expected true or false"},
		{"residents", 2.5, "whole number"},
		{"intro", "x", "a note takes no answer"},
		{"nope", "x", "unknown question"},
	} {
		err := st.Set(c.id, c.v)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Set(%s, %v) = %v, want %q", c.id, c.v, err, c.want)
		}
	}
}

func TestParseValue(t *testing.T) {
	q := loadSample(t).Q
	cases := []struct {
		id   string
		raw  any
		want any
		err  bool
	}{
		{"residents", int64(12), 12, false},
		{"residents", 12.0, 12, false},
		{"residents", " 12 ", 12, false},
		{"residents", 12.5, nil, true},
		{"budget", "2,5", 2.5, false},
		{"budget", int64(3), 3.0, false},
		{"budget", "NaN", nil, true},
		{"shelter", "oui", true, false},
		{"shelter", "لا", false, false},
		{"priorities", []any{"P1", "P3"}, []string{"P1", "P3"}, false},
		{"priorities", "P1, P3", []string{"P1", "P3"}, false},
		{"priorities", map[string]any{}, nil, true},
		{"plan", "full", "full", false},
		{"plan", []any{"full"}, nil, true},
	}
	for _, c := range cases {
		got, err := engine.ParseValue(q.Question(c.id), c.raw)
		if (err != nil) != c.err {
			t.Errorf("ParseValue(%s, %#v) error = %v, want error %v", c.id, c.raw, err, c.err)
			continue
		}
		if !c.err && !equalValue(got, c.want) {
			t.Errorf("ParseValue(%s, %#v) = %#v, want %#v", c.id, c.raw, got, c.want)
		}
	}
}

func equalValue(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok || bok {
		if len(as) != len(bs) {
			return false
		}
		for i := range as {
			if as[i] != bs[i] {
				return false
			}
		}
		return true
	}
	return a == b
}

func TestCalculate(t *testing.T) {
	st := engine.NewState(loadSample(t).Q)
	if st.Calc("gov_known") != 0 || st.Calc("has_unit") != false {
		t.Fatalf("initial calcs: %v %v", st.Calc("gov_known"), st.Calc("has_unit"))
	}
	mustSet(t, st, "priorities", []string{"P1", "P7"})
	mustSet(t, st, "residents", 10)
	if st.Calc("gov_known") != 3 {
		t.Fatalf("gov_known = %v, want 3", st.Calc("gov_known"))
	}
	mustSet(t, st, "unit", "full")
	if st.Calc("has_unit") != true {
		t.Fatal("has_unit should be true")
	}
	st.Clear("residents")
	if st.Calc("gov_known") != 2 {
		t.Fatalf("after Clear, gov_known = %v, want 2", st.Calc("gov_known"))
	}
}

func TestNavigationAndProgress(t *testing.T) {
	st := engine.NewState(loadSample(t).Q)
	var order []string
	for qu := st.Next(-1); qu != nil; qu = st.Next(qu.Index) {
		order = append(order, qu.ID)
	}
	want := "respondent_role priorities residents plan unit intro desk health shelter"
	if strings.Join(order, " ") != want {
		t.Fatalf("walk = %v\nwant   %v", order, want)
	}
	if p := st.Prev(st.Q.Question("desk").Index); p.ID != "intro" {
		t.Fatalf("Prev(desk) = %s", p.ID)
	}
	all, by := st.Progress()
	if all.Answered != 0 || all.Relevant != 8 || by["srv"].Relevant != 3 {
		t.Fatalf("progress = %+v %+v", all, by)
	}
	mustSet(t, st, "respondent_role", "x")
	mustSet(t, st, "desk", "partial") // makes desk_languages relevant
	all, by = st.Progress()
	if all.Answered != 2 || all.Relevant != 9 || by["srv"] != (engine.Count{Answered: 1, Relevant: 4}) {
		t.Fatalf("progress = %+v %+v", all, by)
	}
	if n := st.NextUnanswered(-1); n.ID != "priorities" {
		t.Fatalf("NextUnanswered = %s", n.ID)
	}
	if n := st.NextUnanswered(st.Q.Question("desk").Index); n.ID != "desk_languages" {
		t.Fatalf("NextUnanswered after desk = %s", n.ID)
	}
	if f := st.FirstInSection("srv"); f.ID != "intro" {
		t.Fatalf("FirstInSection = %s", f.ID)
	}
}

func TestCloneIsIndependent(t *testing.T) {
	st := engine.NewState(loadSample(t).Q)
	mustSet(t, st, "unit", "full")
	c := st.Clone()
	mustSet(t, c, "unit", "absent")
	if !st.Relevant("unit_staff") || c.Relevant("unit_staff") {
		t.Fatal("clone shares state with the original")
	}
}

func TestScoreSample(t *testing.T) {
	c := loadSample(t)
	st := engine.NewState(c.Q)
	p := c.Rules.Policy
	r := engine.Score(st, p)
	if r.Overall != nil {
		t.Fatalf("empty assessment has overall %v", *r.Overall)
	}
	mustSet(t, st, "plan", "partial")      // 50
	mustSet(t, st, "unit", "full")         // 100
	mustSet(t, st, "unit_staff", "absent") // 0
	mustSet(t, st, "desk", "dont_know")
	mustSet(t, st, "health", "full") // 100, weight 2
	r = engine.Score(st, p)
	gov, srv := r.Section("gov"), r.Section("srv")
	if *gov.Score != 50 || gov.Answered != 3 || gov.Relevant != 3 || gov.Coverage != 1 || gov.LowConfidence {
		t.Fatalf("gov = %+v (score %v)", gov, *gov.Score)
	}
	if *srv.Score != 100 || srv.DontKnow != 1 || srv.Relevant != 2 || srv.Coverage != 0.5 || !srv.LowConfidence {
		t.Fatalf("srv = %+v", srv)
	}
	if *r.Overall != 75 || r.OverallBand != "advanced" {
		t.Fatalf("overall = %v %s", *r.Overall, r.OverallBand)
	}
	// The weight counts: health (2) at 0 and desk at 100 → (0*2+100)/3.
	mustSet(t, st, "health", "absent")
	mustSet(t, st, "desk", "full")
	r = engine.Score(st, p)
	if got := *r.Section("srv").Score; math.Abs(got-100.0/3) > 1e-9 {
		t.Fatalf("weighted srv = %v", got)
	}
	// Not applicable is left out of the denominator of coverage.
	mustSet(t, st, "health", "not_applicable")
	r = engine.Score(st, p)
	if s := r.Section("srv"); s.NotApplicable != 1 || s.Relevant != 1 || *s.Score != 100 {
		t.Fatalf("srv with n/a = %+v", s)
	}
	if got := r.By["snia"]["P11"]; got == nil || *got != 50 {
		t.Fatalf("SNIA P11 view = %v", got)
	}
}

// MIPEX's last aggregation step (overall = plain mean of the area scores, then
// rounded) checked on the published 2015-edition rows of DOMAIN.md §3.3.
func TestMIPEXOverallArithmetic(t *testing.T) {
	rows := []struct {
		name      string
		areas     []float64
		published float64
	}{
		{"France 2014", []float64{54, 51, 36, 50, 53, 48, 61, 77}, 54},
		{"Sweden 2014", []float64{98, 78, 77, 62, 71, 79, 73, 85}, 78},
	}
	for _, row := range rows {
		files := map[string][]byte{"rules/policy.yaml": samplePolicy(t), engine.ReferencesFile: sampleReferences(t)}
		var b strings.Builder
		b.WriteString("id: mipex\nversion: 1.0.0\nlanguages: [fr, ar, en]\ntitle: {fr: M, ar: م, en: M}\nsections:\n")
		for i, a := range row.areas {
			b.WriteString("  - id: a" + itoa(i) + "\n    title: {fr: A, ar: م, en: A}\n    questions:\n")
			b.WriteString("      - id: q" + itoa(i) + "\n        type: single\n        label: {fr: Q, ar: س, en: Q}\n        choices:\n")
			b.WriteString("          - {value: low, score: 0, label: {fr: L, ar: ل, en: L}}\n")
			b.WriteString("          - {value: area, score: " + ftoa(a) + ", label: {fr: A, ar: م, en: A}}\n")
		}
		files["questionnaires/q.yaml"] = []byte(b.String())
		c, err := engine.LoadFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		st := engine.NewState(c.Q)
		for i := range row.areas {
			mustSet(t, st, "q"+itoa(i), "area")
		}
		r := engine.Score(st, c.Rules.Policy)
		if math.Round(*r.Overall) != row.published {
			t.Errorf("%s: overall %v rounds to %v, published %v", row.name, *r.Overall, math.Round(*r.Overall), row.published)
		}
	}
}

func samplePolicy(t testing.TB) []byte {
	data, err := os.ReadFile("../examples/sample/rules/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.Replace(string(data), "  priorities_question: priorities\n", "", 1))
}

// sampleReferences is examples/sample's reference tables.
func sampleReferences(t testing.TB) []byte {
	data, err := os.ReadFile("../examples/sample/" + engine.ReferencesFile)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func itoa(i int) string { return strconv.Itoa(i) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
