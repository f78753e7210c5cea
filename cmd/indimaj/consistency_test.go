package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/app"
)

// TestCommandsFollowTheAssessmentLanguage: without --lang, the commands that
// print results speak the assessment's language (here Arabic), as results and
// report do; --lang still overrides.
func TestCommandsFollowTheAssessmentLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--lang", "ar", "--answers", writeFile(t, "a.yaml", sampleAnswers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	id := lastLine(r.stdout)
	if r := cli(t, db, "", sample, "plan", "adopt", id, "adopt_plan"); r.code != 0 {
		t.Fatalf("plan adopt: %d %s", r.code, r.stderr)
	}
	for _, c := range []struct {
		args []string
		ar   string // Arabic the output must hold
		fr   string // French it must not hold
	}{
		{[]string{"score", id}, "الحكامة", "Gouvernance"},
		{[]string{"show", id}, "الحكامة", "Gouvernance"},
		{[]string{"recommend", id}, "لأن", "parce que"},
		{[]string{"whatif", id, "--set", "plan=full"}, "محاكاة", "Simulation"},
		{[]string{"whatif", id, "--next-band", "gov"}, "الحكامة", "Gouvernance"},
		{[]string{"targets", id}, "الحكامة", "Gouvernance"},
		{[]string{"plan", "show", id}, "المصادقة", "Adopter"},
	} {
		r := cli(t, db, "", append([]string{sample}, c.args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d %s", c.args, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, c.ar) || strings.Contains(r.stdout, c.fr) {
			t.Errorf("%v without --lang on an Arabic assessment: want %q, not %q:\n%s", c.args, c.ar, c.fr, r.stdout)
		}
		r = cli(t, db, "", append([]string{sample}, append(c.args, "--lang", "fr")...)...)
		if r.code != 0 || !strings.Contains(r.stdout, c.fr) {
			t.Errorf("%v --lang fr: want %q:\n%s%s", c.args, c.fr, r.stdout, r.stderr)
		}
	}
}

// TestShortIDPrefix: fewer than 4 characters is a usage mistake with its own
// message, not "no such assessment".
func TestShortIDPrefix(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := newSampleAssessment(t, db, "oriental")
	r := cli(t, db, "", sample, "score", id[:3])
	if r.code != 2 || !strings.Contains(r.stderr, "an id prefix needs at least 4 characters") || strings.Contains(r.stderr, "no such assessment") {
		t.Fatalf("score %s: exit %d %q", id[:3], r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "score", id[:4]); r.code != 0 {
		t.Fatalf("score %s (4 characters): exit %d %s", id[:4], r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "score", "ZZZZZZ"); r.code != 2 || !strings.Contains(r.stderr, "no such assessment") {
		t.Fatalf("score ZZZZZZ: exit %d %q", r.code, r.stderr)
	}
}

// TestWhatifJSONChangeScores: each change carries the indicator's score
// before and after.
func TestWhatifJSONChangeScores(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := newSampleAssessment(t, db, "oriental")
	r := cli(t, db, "", sample, "whatif", id, "--set", "plan=full", "--set", "unit=absent", "--json")
	var out struct {
		Changes []struct {
			Question  string
			FromScore *float64 `json:"from_score"`
			ToScore   *float64 `json:"to_score"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	want := map[string][2]float64{"plan": {50, 100}, "unit": {100, 0}}
	if len(out.Changes) != 2 {
		t.Fatalf("changes = %+v", out.Changes)
	}
	for _, c := range out.Changes {
		w := want[c.Question]
		if c.FromScore == nil || c.ToScore == nil || *c.FromScore != w[0] || *c.ToScore != w[1] {
			t.Errorf("%s: from_score %v to_score %v, want %v", c.Question, c.FromScore, c.ToScore, w)
		}
	}
}

// TestNextBandSectionByTitleOrID: a section title in any language is taken,
// and an unknown section lists the valid ids with their titles.
func TestNextBandSectionByTitleOrID(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := newSampleAssessment(t, db, "oriental")
	byID := cli(t, db, "", sample, "whatif", id, "--next-band", "gov", "--json")
	for _, name := range []string{"Gouvernance", "governance", " الحكامة "} {
		r := cli(t, db, "", sample, "whatif", id, "--next-band", name, "--json")
		if r.code != 0 || r.stdout != byID.stdout {
			t.Errorf("--next-band %q: exit %d %s\n%s", name, r.code, r.stderr, r.stdout)
		}
	}
	r := cli(t, db, "", sample, "whatif", id, "--next-band", "Gouv")
	if r.code != 2 || !strings.Contains(r.stderr, "gov (Governance), srv (") {
		t.Fatalf("--next-band Gouv: exit %d %q", r.code, r.stderr)
	}
}

// TestPlanAfterValidation: validation closes the answers, not the plan —
// plan adopt and plan status need no --reason on a validated assessment,
// each change has its audit entry (who, when, note); answers still need one.
// The subcommand order (plan adopt ID) and the older one (plan ID adopt) both work.
func TestPlanAfterValidation(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := newSampleAssessment(t, db, "oriental")
	if r := cli(t, db, "", sample, "status", id, "validated", "--by", "Chair"); r.code != 0 {
		t.Fatalf("validate: %s", r.stderr)
	}
	for _, args := range [][]string{
		{"plan", "adopt", id, "adopt_plan", "--owner", "DGS", "--by", "Officer"},
		{"plan", id, "status", "adopt_plan", "in_progress", "--note", "convention signée", "--by", "Officer"},
		{"plan", "status", id, "adopt_plan", "done", "--by", "DGS"},
	} {
		if r := cli(t, db, "", append([]string{sample}, args...)...); r.code != 0 {
			t.Fatalf("%v on a validated assessment: exit %d %s", args, r.code, r.stderr)
		}
	}
	if r := cli(t, db, "", sample, "consensus", id, "plan", "full"); r.code != 2 || !strings.Contains(r.stderr, "--reason") {
		t.Fatalf("a consensus on a validated assessment without --reason: exit %d %s", r.code, r.stderr)
	}
	var h struct {
		History []struct {
			By, Kind, Measure, Note string
			At                      string
			New                     any
		}
	}
	r := cli(t, db, "", sample, "history", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil {
		t.Fatal(err)
	}
	var plan []string
	for _, e := range h.History {
		if e.Kind == "plan" {
			if e.At == "" || e.Measure != "adopt_plan" {
				t.Errorf("plan entry without a date or measure: %+v", e)
			}
			plan = append(plan, e.By+":"+e.New.(string)+":"+e.Note)
		}
	}
	if strings.Join(plan, " | ") != "Officer:planned: | Officer:in_progress:convention signée | DGS:done:convention signée" {
		t.Fatalf("plan entries = %q", plan)
	}
	if r := cli(t, db, "", sample, "history", id); !strings.Contains(r.stdout, "[convention signée]") {
		t.Errorf("history does not show the plan note:\n%s", r.stdout)
	}
	var shown struct {
		Measures []struct{ Measure, Status, Owner string }
	}
	r = cli(t, db, "", sample, "plan", "show", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil || len(shown.Measures) != 1 || shown.Measures[0].Status != "done" || shown.Measures[0].Owner != "DGS" {
		t.Fatalf("plan show: %v %+v %s", err, shown, r.stderr)
	}
	for _, bad := range [][]string{{"plan", "status", id, "adopt_plan"}, {"plan", id, "bogus"}, {"plan", "adopt", id, "nope"}, {"plan", "status", id, "adopt_plan", "finished"}} {
		if r := cli(t, db, "", append([]string{sample}, bad...)...); r.code != 2 {
			t.Errorf("%v: exit %d %s", bad, r.code, r.stderr)
		}
	}
}

// TestFollowUpRealAnswerSupersedesCarriedOver: an answer carried over by
// followup --prefill stands in until a participant answers the question in
// the new round; it does not outvote that answer in the median, so the
// score moves and compare shows the change.
func TestFollowUpRealAnswerSupersedesCarriedOver(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	base := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "b.yaml", "plan: partial\nunit: absent\n")).stdout)
	r := cli(t, db, "", sample, "followup", base, "--round", "2027-review", "--prefill")
	if r.code != 0 {
		t.Fatalf("followup: %s", r.stderr)
	}
	fu := lastLine(r.stdout)
	if r := cli(t, db, "", sample, "answer", "--assessment", fu, "--respondent", "par01", "--answers", writeFile(t, "f.yaml", "plan: full\n")); r.code != 0 {
		t.Fatalf("answer: %s", r.stderr)
	}
	s := show(t, db, fu)
	if s.Answers["plan"].Value != "full" || s.Answers["plan"].Respondent != "par01" || s.Answers["plan"].Unconfirmed {
		t.Fatalf("plan = %+v (the carried-over partial outvoted par01's full)", s.Answers["plan"])
	}
	// the question nobody answered again still counts its carried-over answer
	if s.Answers["unit"].Value != "absent" || !s.Answers["unit"].Unconfirmed {
		t.Fatalf("unit = %+v", s.Answers["unit"])
	}
	r = cli(t, db, "", sample, "compare", base, fu, "--format", "md", "--lang", "en")
	if r.code != 0 || !strings.Contains(r.stdout, "| `plan` Is there a regional migration action plan? | 50 | 100 | +50 |") {
		t.Fatalf("compare does not show plan 50 → 100:\n%s%s", r.stdout, r.stderr)
	}
}

// TestNumbersFollowTheLanguage: the CLI writes 66,7 in French and Arabic and
// 66.7 in English, as the reports do.
func TestNumbersFollowTheLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := newSampleAssessment(t, db, "oriental")
	for lang, want := range map[string]string{"fr": "66,7", "ar": "66,7", "en": "66.7"} {
		other := map[string]string{"fr": "66.7", "ar": "66.7", "en": "66,7"}[lang]
		for _, args := range [][]string{{"score", id}, {"whatif", id, "--set", "plan=full"}, {"report", id, "--format", "html"}} {
			r := cli(t, db, "", append([]string{sample}, append(args, "--lang", lang)...)...)
			out := r.stdout
			if args[0] == "report" {
				// the HTML's numbers are in its cells (in Arabic isolated in <bdi>);
				// CSS widths keep their point
				out = strings.Join(regexp.MustCompile(`class="num">(?:<bdi[^>]*>)?[^<]*`).FindAllString(out, -1), " ")
			}
			if r.code != 0 || !strings.Contains(out, want) || strings.Contains(out, other) {
				t.Errorf("%v --lang %s: want %s, not %s:\n%s%s", args, lang, want, other, r.stdout, r.stderr)
			}
		}
	}
}

// TestAssessmentsListInWords: the text list names regions and statuses in
// the message language, not codes.
func TestAssessmentsListInWords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	newSampleAssessment(t, db, "oriental")
	for lang, want := range map[string][]string{
		"fr": {"RÉGION", "CYCLE", "L'Oriental", "brouillon"},
		"ar": {"الدورة", "جهة الشرق", "مسودة"},
		"en": {"Oriental", "draft"},
	} {
		r := cliEnv(t, []string{"INDIMAJ_DB=" + db, "INDIMAJ_LANG=" + lang}, sample, "assessments")
		for _, w := range want {
			if r.code != 0 || !strings.Contains(r.stdout, w) {
				t.Errorf("assessments (%s) lacks %q:\n%s%s", lang, w, r.stdout, r.stderr)
			}
		}
		if lang != "en" && (strings.Contains(r.stdout, " draft ") || strings.Contains(r.stdout, " oriental ")) {
			t.Errorf("assessments (%s) shows codes:\n%s", lang, r.stdout)
		}
	}
	// JSON keeps the codes
	if r := cli(t, db, "", sample, "assessments", "--json"); !strings.Contains(r.stdout, `"status": "draft"`) || !strings.Contains(r.stdout, `"region": "oriental"`) {
		t.Errorf("assessments --json:\n%s", r.stdout)
	}
}

// TestReadmeListsSectionsAndKeys: the README's section table matches the
// embedded questionnaire, and it has the key cheat-sheet, the tmux
// requirement, the default database and what to do after the interview.
func TestReadmeListsSectionsAndKeys(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Q.Sections {
		row := fmt.Sprintf("| `%s` | %s | %s |", s.ID, s.Title.Get("fr"), s.Title.Get("en"))
		if !strings.Contains(readme, row) {
			t.Errorf("README lacks the section row %q", row)
		}
	}
	for _, want := range []string{"The tests need tmux", "### The interview: keys", "| don't know | `d` | `alt+d` (F5) | `d` |",
		"### After the interview", "without `--db` every command uses that default file", "plan adopt ID"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README lacks %q", want)
		}
	}
}

// TestPlanSubcommandsHaveTheirHelp: adopt, status and show are commands of
// their own, each with its help and flags.
func TestPlanSubcommandsHaveTheirHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for sub, want := range map[string]string{"adopt": "--owner", "status": "planned|in_progress|done|dropped", "show": "--json"} {
		r := cli(t, db, "", "plan", sub, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "indimaj plan "+sub+" ID") || !strings.Contains(r.stdout, want) {
			t.Errorf("plan %s --help: exit %d\n%s%s", sub, r.code, r.stdout, r.stderr)
		}
	}
}
