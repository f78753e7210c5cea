package xlsform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/rules"
)

// roundTrip exports c, imports the workbook and loads the result.
func roundTrip(t *testing.T, c *engine.Content) (*engine.Content, *ExportResult, *ImportResult) {
	t.Helper()
	ex, err := Export(c, ExportOptions{})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	im, err := Import(bytes.NewReader(ex.XLSX), ImportOptions{Name: c.Q.ID + ".xlsx"})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if im.Failed(false) {
		for _, p := range im.Problems {
			t.Log(p)
		}
		t.Fatalf("the exported workbook does not import")
	}
	back, err := engine.LoadFiles(im.Files)
	if err != nil {
		t.Fatalf("the imported content does not load: %v", err)
	}
	return back, ex, im
}

// randomAnswers gives each question an answer (of its type) or none. An
// empty text and an empty multiple choice are left unanswered: ODK stores
// them as ” and cannot tell them from no answer (indimaj's answered() can).
func randomAnswers(r *rand.Rand, q *engine.Questionnaire) map[string]any {
	out := map[string]any{}
	for _, qu := range q.Questions {
		if qu.Type == engine.Note || r.IntN(10) < 4 {
			continue
		}
		switch qu.Type {
		case engine.Single:
			out[qu.ID] = qu.Choices[r.IntN(len(qu.Choices))].Value
		case engine.Multiple:
			var codes []string
			for _, c := range qu.Choices {
				if r.IntN(3) == 0 {
					codes = append(codes, c.Value)
				}
			}
			if len(codes) > 0 {
				out[qu.ID] = codes
			}
		case engine.Boolean:
			out[qu.ID] = r.IntN(2) == 0
		case engine.Integer:
			out[qu.ID] = r.IntN(16) - 3
		case engine.Decimal:
			out[qu.ID] = []float64{-1, 0, 0.5, 1, 2.5, 7, 100}[r.IntN(7)]
		case engine.TextQ:
			out[qu.ID] = []string{"a", "abc", "x y", "نعم"}[r.IntN(4)]
		}
	}
	return out
}

// candidates are values to try against a constraint.
func candidates(r *rand.Rand, qu *engine.Question, n int) []any {
	var out []any
	for i := 0; i < n; i++ {
		a := randomAnswers(r, &engine.Questionnaire{Questions: []*engine.Question{qu}})
		if v, ok := a[qu.ID]; ok {
			out = append(out, v)
		}
	}
	switch qu.Type {
	case engine.Integer:
		out = append(out, 0, -1, 10, 100, 10000001)
	case engine.Decimal:
		out = append(out, 0.0, -0.5)
	}
	return out
}

func textsEqual(a, b engine.Text) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// assertEquivalent checks that back is q after a round trip: the same ids,
// types, texts, choices and scores, and the same relevance, constraints and
// calculations on random answer sets.
func assertEquivalent(t *testing.T, q, back *engine.Questionnaire, seed uint64, sets int) {
	t.Helper()
	if q.ID != back.ID || q.Version != back.Version || !reflect.DeepEqual(q.Languages, back.Languages) || !textsEqual(q.Title, back.Title) || !textsEqual(q.Description, back.Description) {
		t.Errorf("header: %s %s %v %v, got %s %s %v %v", q.ID, q.Version, q.Languages, q.Title, back.ID, back.Version, back.Languages, back.Title)
	}
	if len(q.Sections) != len(back.Sections) {
		t.Fatalf("%d sections, got %d", len(q.Sections), len(back.Sections))
	}
	for i, s := range q.Sections {
		b := back.Sections[i]
		if s.ID != b.ID || !textsEqual(s.Title, b.Title) || !textsEqual(s.Description, b.Description) || s.Scored != b.Scored || (s.Relevant == nil) != (b.Relevant == nil) {
			t.Errorf("section %s differs: got %s", s.ID, b.ID)
		}
	}
	if len(q.Questions) != len(back.Questions) {
		t.Fatalf("%d questions, got %d", len(q.Questions), len(back.Questions))
	}
	for i, qu := range q.Questions {
		b := back.Questions[i]
		where := qu.ID
		switch {
		case qu.ID != b.ID:
			t.Errorf("question %d: %s, got %s", i, qu.ID, b.ID)
			continue
		case qu.Type != b.Type:
			t.Errorf("%s: type %s, got %s", where, qu.Type, b.Type)
		case qu.Section.ID != b.Section.ID:
			t.Errorf("%s: section %s, got %s", where, qu.Section.ID, b.Section.ID)
		case !textsEqual(qu.Label, b.Label) || !textsEqual(qu.Hint, b.Hint) || !textsEqual(qu.Guidance, b.Guidance) || !textsEqual(qu.ConstraintMsg, b.ConstraintMsg):
			t.Errorf("%s: texts differ", where)
		case qu.Required != b.Required || qu.Scored != b.Scored || qu.Weight != b.Weight || qu.SkipExcluded != b.SkipExcluded:
			t.Errorf("%s: required/scored/weight/when_skipped differ", where)
		case !reflect.DeepEqual(refsJSON(qu.Refs), refsJSON(b.Refs)):
			t.Errorf("%s: refs %v, got %v", where, qu.Refs, b.Refs)
		case (qu.Relevant == nil) != (b.Relevant == nil) || (qu.Constraint == nil) != (b.Constraint == nil):
			t.Errorf("%s: relevance or constraint lost", where)
		}
		ca, _ := json.Marshal(qu.Choices)
		cb, _ := json.Marshal(b.Choices)
		if string(ca) != string(cb) {
			t.Errorf("%s: choices differ:\n%s\n%s", where, ca, cb)
		}
	}
	if len(q.Calcs) != len(back.Calcs) {
		t.Fatalf("%d calculations, got %d", len(q.Calcs), len(back.Calcs))
	}
	for i, c := range q.Calcs {
		if c.ID != back.Calcs[i].ID {
			t.Errorf("calculation %s, got %s", c.ID, back.Calcs[i].ID)
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	for n := 0; n < sets; n++ {
		ans := randomAnswers(r, q)
		s1, s2 := engine.NewState(q), engine.NewState(back)
		s1.Load(ans)
		s2.Load(ans)
		for _, s := range q.Sections {
			if s1.SectionRelevant(s.ID) != s2.SectionRelevant(s.ID) {
				t.Fatalf("section %s: relevant %v, got %v, with %v\noriginal: %s\nback: %s", s.ID, s1.SectionRelevant(s.ID), s2.SectionRelevant(s.ID), ans, exprSrc(s.Relevant), exprSrc(back.Section(s.ID).Relevant))
			}
		}
		for _, qu := range q.Questions {
			if s1.Relevant(qu.ID) != s2.Relevant(qu.ID) {
				t.Fatalf("%s: relevant %v, got %v, with %v\noriginal: %s\nback: %s", qu.ID, s1.Relevant(qu.ID), s2.Relevant(qu.ID), ans, exprSrc(qu.Relevant), exprSrc(back.Question(qu.ID).Relevant))
			}
		}
		for _, c := range q.Calcs {
			v1, v2 := s1.Calc(c.ID), s2.Calc(c.ID)
			f1, ok1 := toFloat(v1)
			f2, ok2 := toFloat(v2)
			if ok1 && ok2 && f1 == f2 || math.IsNaN(f1) && math.IsNaN(f2) {
				continue
			}
			if fmt.Sprint(v1) != fmt.Sprint(v2) {
				t.Fatalf("calculation %s: %v, got %v, with %v\noriginal: %s\nback: %s", c.ID, v1, v2, ans, c.Expr.Src, back.Calcs[0].Expr.Src)
			}
		}
		for _, qu := range q.Questions {
			if qu.Constraint == nil {
				continue
			}
			for _, v := range candidates(r, qu, 3) {
				e1, e2 := s1.Check(qu.ID, v), s2.Check(qu.ID, v)
				if (e1 == nil) != (e2 == nil) {
					t.Fatalf("%s: constraint on %v: %v, got %v\noriginal: %s\nback: %s", qu.ID, v, e1, e2, qu.Constraint.Src, back.Question(qu.ID).Constraint.Src)
				}
			}
		}
		if len(s1.Problems)+len(s2.Problems) > 0 {
			t.Fatalf("evaluation problems: %v %v", s1.Problems, s2.Problems)
		}
	}
}

func exprSrc(e *engine.Expr) string {
	if e == nil {
		return "(none)"
	}
	return e.Src
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func TestRoundTripEmbeddedAndSample(t *testing.T) {
	for _, dir := range []string{"", "../examples/sample"} {
		c, err := app.LoadContent(dir)
		if err != nil {
			t.Fatal(err)
		}
		back, ex, im := roundTrip(t, c)
		if len(ex.Problems) > 0 {
			t.Errorf("%s: export reports problems: %v", c.Q.ID, ex.Problems)
		}
		for _, p := range im.Problems {
			if p.Severity != Note {
				t.Errorf("%s: import: %v", c.Q.ID, p)
			}
		}
		assertEquivalent(t, c.Q, back.Q, 1, 300)
		// The round trip is a fixed point: exporting again gives the same workbook sheets.
		ex2, err := Export(&engine.Content{Q: back.Q, Rules: back.Rules, Files: back.Files}, ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s1, _, _ := readWorkbook(bytes.NewReader(ex.XLSX))
		s2, _, _ := readWorkbook(bytes.NewReader(ex2.XLSX))
		for _, name := range []string{"survey", "choices", "settings", "indimaj"} {
			if !reflect.DeepEqual(s1[name].rows, s2[name].rows) {
				t.Errorf("%s: sheet %s changes on a second round trip", c.Q.ID, name)
			}
		}
	}
}

// synthetic writes a random questionnaire whose relevance expressions are
// random combinations of every kind of condition, over earlier questions.
func synthetic(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("id: synth\nversion: 1.2.3\nlanguages: [fr, en]\ntitle: {fr: Synthèse, en: Synthetic}\n")
	type q struct {
		id, typ string
		scored  bool
		hasRel  bool
	}
	base := []q{{"s1", "single", true, false}, {"s2", "single", false, false}, {"m1", "multiple", false, false},
		{"b1", "boolean", false, false}, {"n1", "integer", false, false}, {"d1", "decimal", false, false}, {"t1", "text", false, false}}
	pool := append([]q{}, base...)
	atom := func(avail []q) string {
		for {
			x := avail[r.IntN(len(avail))]
			switch x.typ {
			case "calc_bool":
				return []string{x.id, "!" + x.id, x.id + " == false"}[r.IntN(3)]
			case "calc_num":
				return fmt.Sprintf([]string{"%s > %d", "%s == %d", "%s <= %d"}[r.IntN(3)], x.id, r.IntN(4))
			case "single":
				if x.scored && !x.hasRel {
					op := []string{">", ">=", "<", "<=", "==", "!="}[r.IntN(6)]
					return fmt.Sprintf("score(%s) %s %d", x.id, op, []int{0, 50, 100}[r.IntN(3)])
				}
				code := []string{"lo", "mid", "hi", "1", "2", "x"}[r.IntN(6)]
				if x.scored {
					code = []string{"lo", "mid", "hi", "dk"}[r.IntN(4)]
				}
				return fmt.Sprintf([]string{`%s == "%s"`, `%s != "%s"`, `selected(%s, "%s")`, `answered(%[1]s)`, `%[1]s == ""`}[r.IntN(5)], x.id, code)
			case "multiple":
				code := []string{"a", "b", "c"}[r.IntN(3)]
				return fmt.Sprintf([]string{`selected(%s, "%s")`, `count_selected(%[1]s) >= 2`, `len(%[1]s) == 0`, `"%[2]s" in %[1]s`, `!selected(%s, "%s")`}[r.IntN(5)], x.id, code)
			case "boolean":
				return fmt.Sprintf([]string{"%s", "!%s", "%s == false", "answered(%s)", "%s == true"}[r.IntN(5)], x.id)
			case "integer":
				k := r.IntN(8) - 2
				return fmt.Sprintf([]string{"%s > %d", "%s <= %d", "%s == %d", "%s != %d", "%s + 1 > %d", "coalesce(%s, 3) > %d", "(answered(%s) ? %[1]s : 5) > %d", "%s * 2 - 1 >= %d", "%s %% 2 == %d"}[r.IntN(9)], x.id, k)
			case "decimal":
				return fmt.Sprintf([]string{"%s >= 2.5", "%s < 1", "%s == 0", "%s != 0.5", "%s / 2 > 1"}[r.IntN(5)], x.id)
			case "text":
				return fmt.Sprintf([]string{`%s == "a"`, `len(%s) > 1`, `%s != ""`, `answered(%s)`, `%s + "!" == "a!"`}[r.IntN(5)], x.id)
			}
		}
	}
	var cond func(avail []q, depth int) string
	cond = func(avail []q, depth int) string {
		if depth == 0 || r.IntN(3) == 0 {
			return atom(avail)
		}
		switch r.IntN(3) {
		case 0:
			return "(" + cond(avail, depth-1) + " && " + cond(avail, depth-1) + ")"
		case 1:
			return "(" + cond(avail, depth-1) + " || " + cond(avail, depth-1) + ")"
		}
		return "!(" + cond(avail, depth-1) + ")"
	}
	b.WriteString("calculate:\n")
	fmt.Fprintf(&b, "  - {id: cb, expr: %s}\n", yamlQuote(cond(base, 2)))
	b.WriteString("  - {id: cn, expr: \"n1 + count_selected(m1)\"}\n")
	pool = append(pool, q{"cb", "calc_bool", false, false}, q{"cn", "calc_num", false, false})
	scored := "[{value: lo, score: 0, label: {fr: Bas, en: Low}}, {value: mid, score: 50, label: {fr: Moyen, en: Mid}}, {value: hi, score: 100, label: {fr: Haut, en: High}}, {value: dk, score: null, label: {fr: NSP, en: DK}}]"
	plain := `[{value: lo, label: {fr: Bas, en: Low}}, {value: mid, label: {fr: Moyen, en: Mid}}, {value: hi, label: {fr: Haut, en: High}}, {value: "1", label: {fr: Un, en: One}}, {value: "2", label: {fr: Deux, en: Two}}, {value: x, label: {fr: X, en: X}}]`
	abc := "[{value: a, label: {fr: A, en: A}}, {value: b, label: {fr: B, en: B}}, {value: c, label: {fr: C, en: C}}]"
	question := func(id, typ, rel string, extra string) {
		fmt.Fprintf(&b, "      - id: %s\n        type: %s\n        label: {fr: \"Question %s\", en: \"Question %s\"}\n", id, typ, id, id)
		if rel != "" {
			fmt.Fprintf(&b, "        relevant: %s\n", yamlQuote(rel))
		}
		switch typ {
		case "single":
			if strings.HasPrefix(id, "s1") || strings.HasPrefix(id, "k") {
				fmt.Fprintf(&b, "        choices: %s\n", scored)
			} else {
				fmt.Fprintf(&b, "        choices: %s\n", plain)
			}
		case "multiple":
			fmt.Fprintf(&b, "        choices: %s\n", abc)
		}
		b.WriteString(extra)
	}
	b.WriteString("sections:\n  - id: one\n    title: {fr: Un, en: One}\n    questions:\n")
	for _, x := range base {
		extra := ""
		switch x.typ {
		case "integer":
			extra = "        constraint: \". >= -2 && . <= 10\"\n        constraint_message: {fr: De -2 à 10, en: From -2 to 10}\n"
		case "multiple":
			extra = "        constraint: '!(selected(., \"a\") && count_selected(.) > 1)'\n        constraint_message: {fr: a seul, en: a alone}\n"
		case "text":
			extra = "        constraint: \"len(.) <= 3\"\n        constraint_message: {fr: Court, en: Short}\n"
		}
		question(x.id, x.typ, "", extra)
	}
	fmt.Fprintf(&b, "  - id: two\n    title: {fr: Deux, en: Two}\n    relevant: %s\n    questions:\n", yamlQuote(cond(pool, 1)))
	types := []string{"single", "multiple", "boolean", "integer", "decimal", "text", "note"}
	for i := 0; i < 14; i++ {
		typ := types[r.IntN(len(types))]
		id := fmt.Sprintf("q%02d", i)
		if typ == "single" && r.IntN(2) == 0 {
			id = fmt.Sprintf("k%02d", i) // a scored follow-up
		}
		rel := cond(pool, 2)
		question(id, typ, rel, "")
		if typ != "note" {
			pool = append(pool, q{id, typ, strings.HasPrefix(id, "k"), true})
		}
	}
	return b.String()
}

func TestRoundTripSyntheticRelevance(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		src := synthetic(r)
		c, err := engine.LoadFiles(withRules(t, []string{"fr", "en"}, "questionnaires/synth.yaml", []byte(src)))
		if err != nil {
			t.Fatalf("seed %d: the synthetic questionnaire does not load: %v\n%s", seed, err, src)
		}
		back, ex, _ := roundTrip(t, c)
		// score(k) of a follow-up with relevance can differ when it is
		// skipped: export says so; every other difference is a failure.
		for _, p := range ex.Problems {
			if !strings.Contains(p, "when k") {
				t.Errorf("seed %d: export problem %s", seed, p)
			}
		}
		if len(ex.Problems) > 0 {
			continue
		}
		t.Run(fmt.Sprint(seed), func(t *testing.T) { assertEquivalent(t, c.Q, back.Q, seed, 400) })
	}
}

func TestExportWarnsAboutSkippedScores(t *testing.T) {
	src := `id: w
version: 1.0.0
languages: [fr]
title: {fr: W}
sections:
  - id: s
    title: {fr: S}
    questions:
      - {id: a, type: boolean, label: {fr: A}}
      - id: k
        type: single
        label: {fr: K}
        relevant: a
        choices: [{value: lo, score: 0, label: {fr: Bas}}, {value: hi, score: 100, label: {fr: Haut}}]
      - {id: x, type: text, label: {fr: X}, relevant: "score(k) < 100"}
      - {id: y, type: text, label: {fr: Y}, relevant: "score(k) > 0"}
`
	c, err := engine.LoadFiles(withRules(t, []string{"fr"}, "questionnaires/w.yaml", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Export(c, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Problems) != 1 || !strings.HasPrefix(ex.Problems[0], "x: relevant: score(k) < 100: when k is skipped") {
		t.Fatalf("problems: %q", ex.Problems)
	}
}

// builtinReferences is the built-in reference tables (rules/references.yaml).
func builtinReferences(t testing.TB) []byte {
	t.Helper()
	data, err := fs.ReadFile(rules.FS, path.Base(engine.ReferencesFile))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withRules is a content set: the questionnaire file given, the minimal policy
// an import writes for langs, and the built-in reference tables.
func withRules(t testing.TB, langs []string, name string, data []byte) map[string][]byte {
	return map[string][]byte{name: data, "rules/policy.yaml": policyYAML(langs), engine.ReferencesFile: builtinReferences(t)}
}
