package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

type shownJSON struct {
	Status      string
	Respondents []string
	Divergent   []string
	Baseline    string
	Answers     map[string]struct {
		Value       any
		Respondent  string
		Source      string
		Unconfirmed bool
	}
	ByRespondent map[string]map[string]struct{ Value any } `json:"by_respondent"`
}

func show(t *testing.T, db, id string) shownJSON {
	t.Helper()
	r := cli(t, db, "", sample, "show", id, "--json")
	var s shownJSON
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("show %s: %v\n%s\n%s", id, err, r.stdout, r.stderr)
	}
	return s
}

func TestWorkshopRespondentsConsensusAndDivergence(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "Council", "--answers",
		writeFile(t, "a.yaml", "plan: absent\nunit: partial\nresidents: 100\n")).stdout)
	cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "NGO", "--answers", writeFile(t, "b.yaml", "plan: full\nunit: partial\nresidents: 300\n"))
	s := show(t, db, id)
	// Two respondents, absent vs full: the median is the lower one, and it is divergent.
	if s.Answers["plan"].Value != "absent" || s.Answers["plan"].Source != "median" || !reflect.DeepEqual(s.Divergent, []string{"plan"}) {
		t.Fatalf("plan = %+v, divergent %v", s.Answers["plan"], s.Divergent)
	}
	if s.Answers["residents"].Value != 100.0 || s.Answers["residents"].Source != "median" {
		t.Fatalf("residents = %+v", s.Answers["residents"])
	}
	if !reflect.DeepEqual(s.Respondents, []string{"Council", "NGO"}) || s.ByRespondent["NGO"]["plan"].Value != "full" {
		t.Fatalf("respondents %v by_respondent %v", s.Respondents, s.ByRespondent)
	}
	// A third respondent moves the median.
	cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "Wilaya", "--answers", writeFile(t, "c.yaml", "plan: partial\n"))
	if s := show(t, db, id); s.Answers["plan"].Value != "partial" {
		t.Fatalf("median of absent, partial, full = %v", s.Answers["plan"].Value)
	}
	// The facilitator's consensus wins.
	if r := cli(t, db, "", sample, "consensus", id, "plan", "full", "--note", "délibération 2025/14", "--by", "Facilitator"); r.code != 0 {
		t.Fatalf("consensus: %s", r.stderr)
	}
	s = show(t, db, id)
	if s.Answers["plan"].Value != "full" || s.Answers["plan"].Source != "consensus" {
		t.Fatalf("after consensus: %+v", s.Answers["plan"])
	}
	if r := cli(t, db, "", sample, "consensus", id, "plan", "bogus"); r.code != 2 {
		t.Fatalf("bad consensus value: exit %d", r.code)
	}
	if r := cli(t, db, "", sample, "consensus", id, "plan", "--clear"); r.code != 0 {
		t.Fatalf("clear: %s", r.stderr)
	}
	if s := show(t, db, id); s.Answers["plan"].Source != "median" {
		t.Fatalf("after clear: %+v", s.Answers["plan"])
	}
}

func TestWorkshopValidationNeedsReasonAndHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: partial\n")).stdout)
	for _, st := range []string{"in_review", "validated"} {
		if r := cli(t, db, "", sample, "status", id, st, "--by", "Chair"); r.code != 0 {
			t.Fatalf("status %s: %s", st, r.stderr)
		}
	}
	before := cli(t, db, "", sample, "show", id, "--json").stdout
	more := writeFile(t, "m.yaml", "plan: full\n")
	for _, args := range [][]string{
		{"answer", "--assessment", id, "--respondent", "A", "--answers", more},
		{"consensus", id, "plan", "full"},
		{"status", id, "draft"},
	} {
		r := cli(t, db, "", append([]string{sample}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "--reason") {
			t.Errorf("%v on a validated assessment: exit %d %q", args, r.code, r.stderr)
		}
	}
	if after := cli(t, db, "", sample, "show", id, "--json").stdout; after != before {
		t.Fatal("a change without reason was written")
	}
	if r := cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "A", "--answers", more, "--reason", "deliberation adopted on 3 March"); r.code != 0 {
		t.Fatalf("with reason: %s", r.stderr)
	}
	var h struct {
		History []struct {
			By, Kind, Question, Reason string
			Old, New                   any
			At                         time.Time
		}
	}
	r := cli(t, db, "", sample, "history", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range h.History {
		kinds = append(kinds, e.Kind)
	}
	if !reflect.DeepEqual(kinds, []string{"status", "status", "answer"}) {
		t.Fatalf("history kinds = %v", kinds)
	}
	last := h.History[2]
	if last.Question != "plan" || last.Old != "partial" || last.New != "full" || last.Reason != "deliberation adopted on 3 March" || last.By != "A" {
		t.Fatalf("last entry = %+v", last)
	}
	if h.History[1].Old != "in_review" || h.History[1].New != "validated" || h.History[1].By != "Chair" {
		t.Fatalf("status entry = %+v", h.History[1])
	}
}

func TestWorkshopMergeTwoLaptops(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "laptop1.db"), filepath.Join(dir, "laptop2.db")
	id := lastLine(cli(t, db1, "", sample, "answer", "--region", "souss-massa", "--respondent", "Council", "--answers", writeFile(t, "a.yaml", "plan: partial\nunit: full\n")).stdout)
	b1 := filepath.Join(dir, "b1.json")
	cli(t, db1, "", sample, "export", id, "-o", b1)
	if r := cli(t, db2, "", "import", b1); r.code != 0 {
		t.Fatalf("import to laptop 2: %s", r.stderr)
	}
	// On laptop 2: a new respondent, and the same respondent changes an answer
	// later (an injected clock orders the answers, no waiting).
	later := func(db string, d time.Duration, args ...string) {
		t.Helper()
		env := []string{"INDIMAJ_DB=" + db, "HOME=" + t.TempDir(), "INDIMAJ_NOW=" + time.Now().Add(d).UTC().Format(time.RFC3339Nano)}
		if r := cliEnv(t, env, append([]string{sample}, args...)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	later(db2, time.Hour, "answer", "--assessment", id, "--respondent", "NGO", "--answers", writeFile(t, "n.yaml", "plan: absent\n"))
	later(db2, time.Hour, "answer", "--assessment", id, "--respondent", "Council", "--answers", writeFile(t, "c.yaml", "unit: partial\n"))
	b2 := filepath.Join(dir, "b2.json")
	cli(t, db2, "", sample, "export", id, "-o", b2)
	r := cli(t, db1, "", "import", b2)
	if r.code != 0 || !strings.Contains(r.stderr, "conflict: unit / Council") || !strings.Contains(r.stderr, "kept the bundle's, which is later") {
		t.Fatalf("merge: %d %s", r.code, r.stderr)
	}
	s := show(t, db1, id)
	if !reflect.DeepEqual(s.Respondents, []string{"Council", "NGO"}) || s.ByRespondent["Council"]["unit"].Value != "partial" || s.ByRespondent["NGO"]["plan"].Value != "absent" {
		t.Fatalf("after merge: %+v", s)
	}
	once := cli(t, db1, "", "show", id, "--json").stdout
	histOnce := cli(t, db1, "", "history", id, "--json").stdout
	if r := cli(t, db1, "", "import", b2); r.code != 0 || !strings.Contains(r.stderr, "0 records changed") {
		t.Fatalf("second merge: %s", r.stderr)
	}
	if twice := cli(t, db1, "", "show", id, "--json").stdout; twice != once {
		t.Fatal("merging the same bundle twice changed the answers")
	}
	if h := cli(t, db1, "", "history", id, "--json").stdout; h != histOnce {
		t.Fatal("merging the same bundle twice changed the history")
	}
	// An older local answer loses; an older bundle answer is kept out.
	later(db1, 2*time.Hour, "answer", "--assessment", id, "--respondent", "NGO", "--answers", writeFile(t, "n2.yaml", "plan: full\n"))
	r = cli(t, db1, "", "import", b2)
	if !strings.Contains(r.stderr, "kept the local one, which is later") {
		t.Fatalf("older bundle: %s", r.stderr)
	}
	if s := show(t, db1, id); s.ByRespondent["NGO"]["plan"].Value != "full" {
		t.Fatal("an older bundle answer overwrote a later local one")
	}
}

func TestFollowupRoundAndPlan(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	base := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: partial\nunit: absent\nresidents: 50\n")).stdout)
	if r := cli(t, db, "", sample, "plan", base, "adopt", "adopt_plan", "create_unit", "--owner", "DGS"); r.code != 0 {
		t.Fatalf("adopt: %s", r.stderr)
	}
	if r := cli(t, db, "", sample, "plan", base, "adopt", "m99"); r.code != 2 {
		t.Fatalf("adopt unknown: %d", r.code)
	}
	if r := cli(t, db, "", sample, "plan", base, "status", "adopt_plan", "done", "--note", "adopted 2026-10"); r.code != 0 {
		t.Fatalf("status: %s", r.stderr)
	}
	if r := cli(t, db, "", sample, "plan", base, "status", "reception", "done"); r.code != 2 {
		t.Fatalf("status of a measure not adopted: %d", r.code)
	}
	var plan struct {
		Measures []struct{ Measure, Status, Owner, Note string }
		Progress map[string]int
	}
	json.Unmarshal([]byte(cli(t, db, "", sample, "plan", base, "show", "--json").stdout), &plan)
	if len(plan.Measures) != 2 || plan.Measures[0].Measure != "adopt_plan" || plan.Measures[0].Status != "done" || plan.Measures[1].Owner != "DGS" || plan.Progress["done"] != 1 {
		t.Fatalf("plan = %+v", plan)
	}
	r := cli(t, db, "", sample, "followup", base, "--round", "2027-review", "--prefill")
	if r.code != 0 {
		t.Fatalf("followup: %s", r.stderr)
	}
	fu := lastLine(r.stdout)
	s := show(t, db, fu)
	if s.Baseline != base || s.Answers["plan"].Value != "partial" || !s.Answers["plan"].Unconfirmed || len(s.Answers) != 3 {
		t.Fatalf("follow-up = %+v", s)
	}
	// Answering again confirms; confirm --all confirms the rest.
	cli(t, db, "", sample, "answer", "--assessment", fu, "--respondent", "baseline", "--answers", writeFile(t, "f.yaml", "plan: full\n"))
	s = show(t, db, fu)
	if s.Answers["plan"].Unconfirmed || s.Answers["plan"].Value != "full" || !s.Answers["unit"].Unconfirmed {
		t.Fatalf("after re-answer: %+v", s.Answers)
	}
	cli(t, db, "", sample, "confirm", fu, "--all")
	for q, a := range show(t, db, fu).Answers {
		if a.Unconfirmed {
			t.Errorf("%s still unconfirmed", q)
		}
	}
	if r := cli(t, db, "", sample, "followup", base); r.code != 2 {
		t.Fatalf("followup without --round: %d", r.code)
	}
}

func TestRegionTargets(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: partial\nunit: full\nunit_staff: full\n")).stdout)
	rec := func() (float64, bool) {
		var out struct {
			Recommendations []struct {
				Measure  string
				Priority float64
			}
		}
		json.Unmarshal([]byte(cli(t, db, "", sample, "recommend", id, "--json").stdout), &out)
		for _, r := range out.Recommendations {
			if r.Measure == "adopt_plan" {
				return r.Priority, true
			}
		}
		return 0, false
	}
	before, ok := rec()
	if !ok || before != 55 { // gap 50 × 1 × 1.1
		t.Fatalf("priority before targets = %v (%v)", before, ok)
	}
	if r := cli(t, db, "", sample, "targets", id, "gov=80"); r.code != 0 {
		t.Fatalf("targets: %s", r.stderr)
	}
	after, ok := rec()
	if !ok || after != 33 { // gap (80 − 50) × 1.1
		t.Fatalf("priority with a target of 80 = %v (%v)", after, ok)
	}
	var sc struct {
		Sections []struct {
			ID     string
			Target float64
		}
	}
	json.Unmarshal([]byte(cli(t, db, "", sample, "score", id, "--json").stdout), &sc)
	if sc.Sections[0].Target != 80 || sc.Sections[1].Target != 100 {
		t.Fatalf("targets in score = %+v", sc.Sections)
	}
	if r := cli(t, db, "", sample, "targets", id, "--lang", "en"); !strings.Contains(r.stdout, "gov       80") || !strings.Contains(r.stdout, "the region's own target") || !strings.Contains(r.stdout, "policy target") {
		t.Fatalf("targets listing:\n%s", r.stdout)
	}
	for _, bad := range []string{"ctx=50", "gov=120", "gov", "gov=80abc", "gov=NaN", "gov=-1"} {
		if r := cli(t, db, "", sample, "targets", id, bad); r.code != 2 {
			t.Errorf("targets %s: exit %d", bad, r.code)
		}
	}
	cli(t, db, "", sample, "status", id, "validated")
	if r := cli(t, db, "", sample, "targets", id, "--clear"); r.code != 2 {
		t.Fatalf("clearing targets of a validated assessment without a reason: exit %d", r.code)
	}
	if r := cli(t, db, "", sample, "targets", id, "--clear", "--reason", "new council"); r.code != 0 {
		t.Fatalf("clear with reason: %s", r.stderr)
	}
	if p, _ := rec(); p != 55 {
		t.Fatalf("after clear: %v", p)
	}
}
