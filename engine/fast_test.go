package engine

import (
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/expr-lang/expr/conf"
)

// Triggers over the sample questionnaire (integer, decimal, boolean, text,
// single and multiple choice questions, calculations, a follow-up) that the
// closure compiler must handle...
var fastTriggers = []string{
	`score(plan) < 100`,
	`score(unit) <= 50 && !(score(desk) == 100)`,
	`not (score(health) > 0) or section(srv) < 60`,
	`section(gov) >= 50 and overall < 70`,
	`overall != overall`,
	`score(unit_staff) < 100`,
	`score(plan) + score(unit) > 100`,
	`score(plan) - score(desk) >= 0 || score(health) * 2 == 100`,
	`residents > 1000`,
	`residents * 2 + 1 >= 3001`,
	`residents - 5 < 0`,
	`residents / 0 > 5`,
	`-residents < -10`,
	`+residents > 3`,
	`budget > 2.5`,
	`budget * residents > 100`,
	`budget / residents < 0.001`,
	`-budget <= -1.5`,
	`shelter`,
	`shelter == false`,
	`shelter != has_unit`,
	`has_unit && gov_known >= 2`,
	`gov_known == 1.0`,
	`gov_known != 2`,
	`selected(priorities, "P3")`,
	`selected(desk_languages, "ar") || count_selected(desk_languages) > 1`,
	`count_selected(plan) == 1`,
	`selected(plan, "partial")`,
	`status(health) == "not_applicable"`,
	`status(unit_staff) != "skipped"`,
	`answered(budget)`,
	`respondent_role == "maire"`,
	`(shelter ? residents : 0) > 10`,
	`(shelter ? 1 : 0.5) * budget > 1`,
	`(score(plan) > 50 ? 1.5 : 2) > 1.6`,
	`(shelter ? "a" : "b") == "a"`,
	`(has_unit ? shelter : answered(plan))`,
	`(shelter ? 2.5 : 1.5) == (has_unit ? 2.5 : 0.5)`,
	`1 < 2 && 2.5 >= 2`,
}

// ...and triggers it must leave to the VM.
var slowTriggers = []string{
	`len(respondent_role) > 3`,
	`"P1" in priorities`,
	`respondent_role startsWith "m"`,
	`residents % 7 == 3`,
	`(shelter ? 1 : 0.5) + residents > 3`,
	`residents ** 2 > 100`,
	`respondent_role < "m"`,
	`abs(budget) > 1`,
}

// Priority formulas over the factors; the first ones compile to closures.
var fastPriorities = []string{
	`gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight`,
	`gap`,
	`max_gap * 2 - weight / 3`,
	`indicators * 10 + gap`,
	`indicators * 10`,
	`(horizon == "short" ? 2 : 1) * gap`,
	`cost == "low" ? gap * 1.5 : gap`,
	`gap / indicators`,
	`-gap`,
}

var slowPriorities = []string{
	`len(horizon) * gap`,
	`max(gap, 10)`,
	`indicators % 3`,
}

// fastContent loads the sample content with extra measures (one per trigger)
// and the given priority formula.
func fastContent(t testing.TB, triggers []string, priority string) *Content {
	t.Helper()
	files := sampleFiles(t)
	measures := string(files["rules/measures.yaml"])
	start := strings.Index(measures, "  - id: adopt_plan")
	end := strings.Index(measures, "  - id: create_unit")
	if start < 0 || end < 0 {
		t.Fatal("the sample's measures changed: adopt_plan and create_unit are needed as a template")
	}
	tmpl := measures[start:end]
	var b strings.Builder
	b.WriteString(measures)
	for i, tr := range triggers {
		m := strings.Replace(tmpl, "id: adopt_plan", fmt.Sprintf("id: extra_%d", i), 1)
		m = strings.Replace(m, "when: score(plan) < 100", "when: "+strconv.Quote(tr), 1)
		b.WriteString(m)
	}
	files["rules/measures.yaml"] = []byte(b.String())
	policy := string(files["rules/policy.yaml"])
	i := strings.Index(policy, "  priority: ")
	if i < 0 {
		t.Fatal("the sample's policy has no priority line")
	}
	files["rules/policy.yaml"] = []byte(policy[:i] + "  priority: " + strconv.Quote(priority) + "\n")
	c, err := LoadFiles(files)
	if err != nil {
		t.Fatalf("content with extra triggers: %v", err)
	}
	return c
}

// sampleFiles reads the sample content's files (questionnaires/ and rules/;
// not its golden cases in tests/).
func sampleFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	root := os.DirFS("../examples/sample")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(p, "questionnaires/") && !strings.HasPrefix(p, "rules/") {
			return err
		}
		data, err := fs.ReadFile(root, p)
		files[path.Clean(p)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestAnswerOfZeroValueUpdatesDependents: answering 0 (the value an
// unanswered integer stands for) changes answered(); the calculation that
// reads it is updated at once, not only when the answers are reloaded. The
// same holds for a calculation reading a skipped follow-up's score, which
// changes when the skip becomes known (parent "don't know" → "absent") while
// the follow-up stays skipped.
func TestAnswerOfZeroValueUpdatesDependents(t *testing.T) {
	files := sampleFiles(t)
	q := string(files["questionnaires/sample.yaml"])
	q = strings.Replace(q, "calculate:\n", "calculate:\n  - id: staff_known\n    expr: \"score(unit_staff) == score(unit_staff)\"\n", 1)
	files["questionnaires/sample.yaml"] = []byte(q)
	c, err := LoadFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	st := NewState(c.Q)
	if got := st.Calc("gov_known"); got != 0 {
		t.Fatalf("gov_known with no answers = %v, want 0", got)
	}
	if err := st.Set("residents", 0); err != nil {
		t.Fatal(err)
	}
	if got := st.Calc("gov_known"); got != 1 {
		t.Errorf("gov_known after residents = 0: %v, want 1 (answered(residents) is true)", got)
	}
	st.Clear("residents")
	if got := st.Calc("gov_known"); got != 0 {
		t.Errorf("gov_known after clearing residents: %v, want 0", got)
	}
	if err := st.Set("unit", "dont_know"); err != nil {
		t.Fatal(err)
	}
	if got := st.Calc("staff_known"); got != false {
		t.Fatalf("staff_known with unit = dont_know: %v, want false (pending)", got)
	}
	if err := st.Set("unit", "absent"); err != nil {
		t.Fatal(err)
	}
	if got := st.Calc("staff_known"); got != true {
		t.Errorf("staff_known with unit = absent: %v, want true (skipped at its lowest level)", got)
	}
	// The same answers loaded at once agree.
	st2 := NewState(c.Q)
	st2.Load(st.answersByID())
	for _, id := range []string{"gov_known", "staff_known", "has_unit"} {
		if a, b := st.Calc(id), st2.Calc(id); a != b {
			t.Errorf("%s: %v answered one by one, %v loaded at once", id, a, b)
		}
	}
}

// randomSampleState answers the sample questionnaire at random (some
// questions left out, "don't know" and "not applicable" included).
func randomSampleState(t testing.TB, q *Questionnaire, rng *rand.Rand) *State {
	t.Helper()
	st := NewState(q)
	for _, qu := range q.Questions {
		if qu.Type == Note || rng.IntN(5) == 0 {
			continue
		}
		var v any
		switch qu.Type {
		case Single:
			v = qu.Choices[rng.IntN(len(qu.Choices))].Value
		case Multiple:
			codes := []string{}
			for _, ch := range qu.Choices {
				if rng.IntN(2) == 0 {
					codes = append(codes, ch.Value)
				}
			}
			v = codes
		case Boolean:
			v = rng.IntN(2) == 0
		case Integer:
			v = []int{0, 1, 3, 500, 1500, 2000}[rng.IntN(6)]
		case Decimal:
			v = []float64{0, 0.5, 1.5, 2.5, 3.75}[rng.IntN(5)]
		case TextQ:
			v = []string{"maire", "dgs", ""}[rng.IntN(3)]
		}
		if err := st.Set(qu.ID, v); err != nil {
			continue // refused by a constraint: left unanswered
		}
	}
	return st
}

// TestFastMatchesVM: every trigger and priority formula compiled to closures
// gives exactly the VM's result, on 300 random answer sets; the expressions
// outside the compiled subset are left to the VM; and ranking with closures
// gives the same list as ranking with the VM alone.
func TestFastMatchesVM(t *testing.T) {
	all := append(append([]string{}, fastTriggers...), slowTriggers...)
	for pi, formula := range append(append([]string{}, fastPriorities...), slowPriorities...) {
		c := fastContent(t, all, formula)
		vmOnly := fastContent(t, all, formula)
		for _, m := range vmOnly.Rules.Measures {
			m.when = nil
			stripFast(m.explain())
		}
		vmOnly.Rules.Policy.priority = nil
		wantFast := pi < len(fastPriorities)
		if got := c.Rules.Policy.priority != nil; got != wantFast {
			t.Fatalf("priority %q: compiled to closures = %v, want %v", formula, got, wantFast)
		}
		extra := c.Rules.Measures[len(c.Rules.Measures)-len(all):]
		for i, m := range extra {
			if got, want := m.when != nil, i < len(fastTriggers); got != want {
				t.Fatalf("trigger %q: compiled to closures = %v, want %v", all[i], got, want)
			}
		}
		rng := rand.New(rand.NewPCG(uint64(pi), 9))
		fired := map[string]int{}
		for k := 0; k < 300; k++ {
			seed := rng.Uint64()
			st := randomSampleState(t, c.Q, rand.New(rand.NewPCG(seed, 1)))
			sc := Score(st, c.Rules.Policy)
			env := RuleEnv(st, sc)
			fe := &fastEnv{st: st, sc: sc}
			for i, m := range extra[:len(fastTriggers)] {
				got, ok := runFastBool(m.when, fe)
				want, err := m.When.Bool(env)
				if !ok || err != nil || got != want {
					t.Fatalf("answer set %d, trigger %q: closures %v (ok %v), VM %v (%v)", k, all[i], got, ok, want, err)
				}
				if got {
					fired[all[i]]++
				}
			}
			if pf := c.Rules.Policy.priority; pf != nil {
				penv := map[string]any{}
				for mi, m := range c.Rules.Measures {
					f := factors{gap: float64(rng.IntN(101)), maxGap: float64(rng.IntN(101)), weight: float64(1 + rng.IntN(4)),
						comp: []float64{0.6, 0.8, 1}[rng.IntN(3)], bonus: 0.25, horizonWeight: 1.1, n: rng.IntN(3), aligned: rng.IntN(2) == 0}
					fe.f, fe.m = &f, m
					got, ok := runFastNumber(pf, fe)
					env := priorityEnvSample()
					for k := range env {
						delete(penv, k)
					}
					want := priorityOnVM(st, c.Rules.Policy, m, &f, penv)
					if !ok || !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
						t.Fatalf("priority %q, measure %d, factors %+v: closures %v (ok %v), VM %v", formula, mi, f, got, ok, want)
					}
				}
			}
			// The same answers on the VM-only content rank the same.
			st2 := NewState(vmOnly.Q)
			st2.Load(st.answersByID())
			sc2 := Score(st2, vmOnly.Rules.Policy)
			a, b := Recommend(st, sc, c.Rules), Recommend(st2, sc2, vmOnly.Rules)
			if sa, sb := recSummary(a), recSummary(b); sa != sb {
				t.Fatalf("priority %q, answer set %d: ranking with closures\n%s\nwith the VM\n%s", formula, k, sa, sb)
			}
			if len(st.Problems) != len(st2.Problems) {
				t.Fatalf("problems differ: %v vs %v", st.Problems, st2.Problems)
			}
		}
		// The comparison must have seen each compiled trigger both ways.
		if pi == 0 {
			for _, tr := range fastTriggers {
				if n := fired[tr]; (n == 0 || n == 300) && tr != `1 < 2 && 2.5 >= 2` && tr != `overall != overall` && tr != `residents / 0 > 5` {
					t.Errorf("weak test: trigger %q was true %d times out of 300", tr, n)
				}
			}
		}
	}
}

// stripFast makes an explanation tree run on the VM only.
func stripFast(n *explainNode) {
	if n == nil {
		return
	}
	n.fast = nil
	for i := range n.reads {
		n.reads[i].get = nil
	}
	for _, c := range n.children {
		stripFast(c)
	}
}

func (s *State) answersByID() map[string]any {
	out := map[string]any{}
	for i, v := range s.answers {
		if v != nil {
			out[s.Q.Questions[i].ID] = v
		}
	}
	return out
}

func recSummary(recs []Recommendation) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%d %s %v %v %v\n", r.Rank, r.Measure.ID, r.Priority, r.Factors, r.Gaps)
		traceSummary(&b, r.Trace, "  ")
		for _, x := range r.Because {
			fmt.Fprintf(&b, "  %s %v %s %v %s\n", x.Indicator, fmtScore(x.Score), x.Status, x.Answer, x.Condition)
		}
	}
	return b.String()
}

func traceSummary(b *strings.Builder, t *Trace, indent string) {
	if t == nil {
		return
	}
	fmt.Fprintf(b, "%s%s %s %v %v\n", indent, t.Op, t.Expr, t.Value, t.Values)
	for _, c := range t.Children {
		traceSummary(b, c, indent+"  ")
	}
}

func fmtScore(p *float64) string {
	if p == nil {
		return "none"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// TestFastGivesUpOnUnexpectedTypes: answers loaded without validation may
// hold a value of another type than the question's (a float for an
// integer); the closures then give up and the VM decides, as before.
func TestFastGivesUpOnUnexpectedTypes(t *testing.T) {
	c := fastContent(t, []string{`residents > 1000`, `shelter`}, `gap`)
	extra := c.Rules.Measures[len(c.Rules.Measures)-2:]
	st := NewState(c.Q)
	st.Load(map[string]any{"residents": 1500.0, "shelter": "yes"})
	sc := Score(st, c.Rules.Policy)
	fe := &fastEnv{st: st, sc: sc}
	for _, m := range extra {
		if m.when == nil {
			t.Fatalf("%s: not compiled to closures", m.When.Src)
		}
		if _, ok := runFastBool(m.when, fe); ok {
			t.Fatalf("%s: closures accepted a value of the wrong type", m.When.Src)
		}
	}
	recs := Rank(st, sc, c.Rules)
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.Measure.ID] = true
	}
	// The VM compares 1500.0 > 1000 as numbers; "yes" is not a bool, so the
	// second trigger fails on the VM and is reported.
	if !ids[extra[0].ID] {
		t.Errorf("residents = 1500.0: %s did not fire (the VM should have decided)", extra[0].ID)
	}
	if ids[extra[1].ID] {
		t.Errorf("shelter = \"yes\": %s fired", extra[1].ID)
	}
	if len(st.Problems) == 0 {
		t.Errorf("the VM's failure on shelter = \"yes\" was not reported")
	}
}

// TestScoreIntoReuses: scoring into a used result gives the same result as
// a fresh Score, including the views (codes appear and disappear).
func TestScoreIntoReuses(t *testing.T) {
	c := fastContent(t, nil, `gap`)
	rng := rand.New(rand.NewPCG(3, 4))
	var reused ScoreResult
	var recs []Recommendation
	for k := 0; k < 200; k++ {
		st := randomSampleState(t, c.Q, rng)
		ScoreInto(st, c.Rules.Policy, &reused)
		fresh := Score(st, c.Rules.Policy)
		if a, b := scoreSummary(&reused), scoreSummary(fresh); a != b {
			t.Fatalf("answer set %d: reused result\n%s\nfresh\n%s", k, a, b)
		}
		recs = RankInto(st, &reused, c.Rules, recs)
		if a, b := recSummary(recs), recSummary(Rank(st, fresh, c.Rules)); a != b {
			t.Fatalf("answer set %d: RankInto\n%s\nRank\n%s", k, a, b)
		}
	}
}

func scoreSummary(r *ScoreResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "overall %s %s %v\n", fmtScore(r.Overall), r.OverallBand, r.Coverage)
	for _, s := range r.Sections {
		x := s
		x.Score = nil
		fmt.Fprintf(&b, "%s %+v\n", fmtScore(s.Score), x)
	}
	for _, in := range r.Indicators {
		x := in
		x.Score = nil
		fmt.Fprintf(&b, "%s %+v\n", fmtScore(in.Score), x)
	}
	for _, kind := range viewKinds {
		for _, code := range SortedCodes(r.By[kind]) {
			fmt.Fprintf(&b, "%s %s %s\n", kind, code, fmtScore(r.By[kind][code]))
		}
	}
	if len(r.By) != len(viewKinds) {
		fmt.Fprintf(&b, "views %v\n", reflect.ValueOf(r.By).MapKeys())
	}
	return b.String()
}

// TestExprConfigMatchesCreateNew: the configuration compileSafely starts
// from is expr's own default (should a new expr version change it, this
// fails rather than content compiling differently).
func TestExprConfigMatchesCreateNew(t *testing.T) {
	if got, want := newExprConfig(), conf.CreateNew(); !reflect.DeepEqual(got, want) {
		t.Fatalf("newExprConfig differs from conf.CreateNew:\n%+v\n%+v", got, want)
	}
}

// TestDiamondCalculationsLoadFast: 30 levels of calculations that each read
// the two of the level below (2^30 paths from top to bottom) load and answer
// in linear time. The dependency walk of a follow-up's relevance once
// enumerated every path: exponential time, a hang on hostile content.
func TestDiamondCalculationsLoadFast(t *testing.T) {
	files := sampleFiles(t)
	var calcs strings.Builder
	calcs.WriteString("calculate:\n  - id: a0\n    expr: \"score(plan) + 0.0\"\n  - id: b0\n    expr: \"score(desk) + 0.0\"\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&calcs, "  - id: a%d\n    expr: \"a%d + b%d\"\n  - id: b%d\n    expr: \"a%d - b%d\"\n", i, i-1, i-1, i, i-1, i-1)
	}
	q := string(files["questionnaires/sample.yaml"])
	q = strings.Replace(q, "calculate:\n", calcs.String(), 1)
	q = strings.Replace(q, "expr: score(unit) > 0", "expr: score(unit) > 0 && a30 == a30", 1)
	files["questionnaires/sample.yaml"] = []byte(q)
	done := make(chan error, 1)
	go func() {
		c, err := LoadFiles(files)
		if err == nil {
			st := NewState(c.Q)
			for _, kv := range [][2]string{{"plan", "full"}, {"desk", "partial"}, {"unit", "absent"}} {
				if err = st.Set(kv[0], kv[1]); err != nil {
					break
				}
			}
			if err == nil {
				if v, ok := st.IndicatorScore("unit_staff"); !ok || v != 0 {
					err = fmt.Errorf("unit_staff skipped with its deps known: %v %v, want 0", v, ok)
				}
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loading 30 levels of diamond calculations did not finish in 20 s")
	}
}
