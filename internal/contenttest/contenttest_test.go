package contenttest

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/tests"
)

func embedded(t *testing.T) (*engine.Content, map[string][]byte) {
	t.Helper()
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = fs.WalkDir(tests.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(tests.FS, p)
		files[path.Join(Dir, p)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, files
}

func sample(t *testing.T) *engine.Content {
	t.Helper()
	c, err := app.LoadContent("../../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The embedded content's golden cases all pass, and each states at least one
// expectation reasoned by hand (an assert block), not only a snapshot.
func TestEmbeddedCases(t *testing.T) {
	c, files := embedded(t)
	cases, err := Parse(files, c)
	if err != nil {
		t.Fatalf("the embedded cases are malformed:\n%v", err)
	}
	if len(cases) < 15 {
		t.Errorf("%d embedded cases, want at least 15", len(cases))
	}
	for _, cs := range cases {
		if len(cs.assert) == 0 {
			t.Errorf("%s: no assert block (no expectation reasoned by hand)", cs.File)
		}
		r := cs.Run(c)
		if r.Checked == 0 {
			t.Errorf("%s: checks nothing", cs.File)
		}
		for _, f := range r.Failures {
			t.Errorf("%s", f)
		}
	}
}

const planCase = `# a comment that must stay
description: plan adopted
region: oriental
fill: absent
answers:
  plan: full   # the plan is adopted
assert:
  sections:
    gov: {score: 33.3, band: weak}
expect:
  overall: 99
  fires: [adopt_plan]
# trailing comment of the next key
others: []
`

// A failing expectation names its line and column, what was expected and
// what the engine gave; the hand-computed one passes.
func TestFailuresAreLocated(t *testing.T) {
	c := sample(t)
	cases, err := Parse(map[string][]byte{"tests/plan.yaml": []byte(planCase)}, c)
	if err != nil {
		t.Fatal(err)
	}
	r := cases[0].Run(c)
	var got []string
	for _, f := range r.Failures {
		got = append(got, f.String())
	}
	want := []string{
		"tests/plan.yaml:11:12: expect.overall.score: expected 99, got 16.7",
		"tests/plan.yaml:12:11: expect.fires: adopt_plan: expected fired, got not fired",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || r.Checked != 4 {
		t.Errorf("failures (%d checked):\n%s\nwant:\n%s", r.Checked, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// --update rewrites the expect block only: the comments, answers, assert and
// what follows stay as written, and the updated case passes.
func TestUpdateKeepsTheRest(t *testing.T) {
	c := sample(t)
	cases, err := ParseForUpdate(map[string][]byte{"tests/plan.yaml": []byte(planCase)}, c)
	if err != nil {
		t.Fatal(err)
	}
	cs := cases[0]
	out := string(cs.Update([]byte(planCase), c, cs.Evaluate(c)))
	i := strings.Index(planCase, "expect:")
	if !strings.HasPrefix(out, planCase[:i]) {
		t.Errorf("the text before expect changed:\n%s", out)
	}
	if !strings.HasSuffix(out, "# trailing comment of the next key\nothers: []\n") {
		t.Errorf("the text after expect changed:\n%s", out)
	}
	for _, line := range []string{"  overall: {score: 16.7, band: very_weak}", "  fires: [create_unit, health_convention, reception]", "  not_fires: [adopt_plan]", "  pilot: sample_desk"} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("updated case lacks %q:\n%s", line, out)
		}
	}
	again, err := Parse(map[string][]byte{"tests/plan.yaml": []byte(out)}, c)
	if err != nil {
		t.Fatal(err)
	}
	if r := again[0].Run(c); len(r.Failures) > 0 || r.Checked < 10 {
		t.Errorf("the updated case: %d checked, failures %v", r.Checked, r.Failures)
	}
	// A case without expect gets one at its end.
	bare := "region: oriental\nfill: full\n"
	cases, err = ParseForUpdate(map[string][]byte{"t.yaml": []byte(bare)}, c)
	if err != nil {
		t.Fatal(err)
	}
	if out := string(cases[0].Update([]byte(bare), c, cases[0].Evaluate(c))); !strings.HasPrefix(out, bare+"expect:\n  overall: {score: 100, band: very_advanced}\n") {
		t.Errorf("appended expect:\n%s", out)
	}
	if _, err := Parse(map[string][]byte{"t.yaml": []byte(bare)}, c); err == nil || !strings.Contains(err.Error(), `t.yaml:1:1: a case needs "expect" or "assert"`) {
		t.Errorf("a case without expectations: %v", err)
	}
}

// A malformed case is refused with every problem at its line and column.
func TestMalformedCases(t *testing.T) {
	c := sample(t)
	for _, tc := range []struct {
		text string
		want string
	}{
		{"region: nowhere\nassert: {overall: 0}\n", `t.yaml:1:9: unknown region "nowhere"`},
		{"assert: {overall: 0}\n", `t.yaml:1:1: missing "region"`},
		{"region: oriental\nfil: absent\nassert: {overall: 0}\n", `t.yaml:2:1: unknown key "fil" (did you mean "fill"?)`},
		{"region: oriental\nfill: most\nassert: {overall: 0}\n", `t.yaml:2:7: fill must be one of absent, partial, full, dont_know, got "most"`},
		{"region: oriental\nanswers: {plann: full}\nassert: {overall: 0}\n", `t.yaml:2:11: answers: unknown question "plann" (did you mean "plan"?)`},
		{"region: oriental\nanswers: {plan: adopted}\nassert: {overall: 0}\n", `t.yaml:2:17: answers: plan: unknown choice "adopted"`},
		{"region: oriental\nanswers: {residents: -4}\nassert: {overall: 0}\n", `t.yaml:2:11: residents:`},
		{"region: oriental\npriorities: [P42]\nassert: {overall: 0}\n", `t.yaml:2:14: priorities: "P42" is not a choice of priorities`},
		{"region: oriental\nassert: {sections: {srvv: 0}}\n", `t.yaml:2:21: assert.sections: "srvv" is not a scored section`},
		{"region: oriental\nassert: {overall: {score: 0, band: awful}}\n", `t.yaml:2:36: assert.overall.band: unknown band "awful"`},
		{"region: oriental\nassert: {overall: high}\n", `t.yaml:2:19: assert.overall: expected a score`},
		{"region: oriental\nexpect: {top: [adopt_plann]}\n", `t.yaml:2:16: expect.top: unknown measure "adopt_plann" (did you mean "adopt_plan"?)`},
		{"region: oriental\nexpect: {ranked_before: [[reception]]}\n", `t.yaml:2:26: expect.ranked_before: expected a pair`},
		{"region: oriental\nexpect: {pilot: desk}\n", `t.yaml:2:17: expect.pilot: unknown pilot template "desk"`},
		{"region: oriental\nfill_sections: {gov: some}\nexpect: {overall: 0}\n", `t.yaml:2:22: fill_sections: gov: the level must be one of`},
		{"- a list\n", `t.yaml:1:1: expected a case`},
		{"region: 'oriental\n", `t.yaml:1:`},
	} {
		_, err := Parse(map[string][]byte{"t.yaml": []byte(tc.text)}, c)
		var es ydoc.Errors
		if err == nil || !asErrors(err, &es) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.text, err, tc.want)
			continue
		}
		for _, e := range es {
			if e.Line < 1 {
				t.Errorf("%q: an error without a line: %v", tc.text, e)
			}
		}
	}
}

func asErrors(err error, es *ydoc.Errors) bool {
	x, ok := err.(ydoc.Errors)
	*es = x
	return ok
}

// Several respondents: the median level counts, and a consensus wins.
func TestRespondentsAndConsensus(t *testing.T) {
	c := sample(t)
	for _, tc := range []struct {
		extra string
		gov   string
	}{
		// plan absent, unit full (so unit_staff asked, absent by fill).
		{"", "33.3"},
		// Two respondents say plan is full, one absent: the median is full.
		{"others: [{plan: full}, {plan: full}]\n", "66.7"},
		// A consensus (partial) wins over the respondents.
		{"others: [{plan: full}, {plan: full}]\nconsensus: {plan: partial}\n", "50"},
	} {
		text := "region: oriental\nfill: absent\nanswers: {unit: full}\n" + tc.extra + "assert: {sections: {gov: " + tc.gov + "}}\n"
		cases, err := Parse(map[string][]byte{"t.yaml": []byte(text)}, c)
		if err != nil {
			t.Fatal(err)
		}
		if r := cases[0].Run(c); len(r.Failures) > 0 {
			t.Errorf("%s: %v", tc.extra, r.Failures)
		}
	}
}

// Declared priorities raise the measures serving them by the policy's
// alignment bonus (priority × (1 + alignment_bonus)).
func TestDeclaredPriorities(t *testing.T) {
	c := sample(t)
	priority := func(prio string) map[string]float64 {
		text := fmt.Sprintf("region: oriental\nfill: absent\n%sassert: {overall: 0}\n", prio)
		cases, err := Parse(map[string][]byte{"t.yaml": []byte(text)}, c)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, r := range cases[0].Evaluate(c).Recs {
			out[r.Measure.ID] = r.Priority
		}
		return out
	}
	before := priority("")
	pq := c.Q.Question(c.Rules.Policy.PrioritiesQuestion)
	bonus := 1 + c.Rules.Policy.AlignmentBonus
	if bonus <= 1 {
		t.Fatal("the sample's policy has no alignment bonus")
	}
	checked := 0
	for _, m := range c.Rules.Measures {
		if before[m.ID] == 0 || pq.Choice(m.SNIA[0]) == nil {
			continue
		}
		after := priority("priorities: [" + m.SNIA[0] + "]\n")
		if d := after[m.ID] - before[m.ID]*bonus; d > 1e-9 || d < -1e-9 {
			t.Errorf("declaring %s: %s's priority %v, want %v × %v", m.SNIA[0], m.ID, after[m.ID], before[m.ID], bonus)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no fired measure serves a programme of the priorities question")
	}
}
