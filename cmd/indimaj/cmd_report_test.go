package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"github.com/indimaj/indimaj/internal/pdf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// newSampleAssessment records sampleAnswers with the sample content and returns its id.
func newSampleAssessment(t *testing.T, db, region string) string {
	t.Helper()
	r := cli(t, db, "", sample, "answer", "--region", region, "--respondent", "A. Benali", "--answers", writeFile(t, "a.yaml", sampleAnswers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	return lastLine(r.stdout)
}

func TestReportEveryKindAndFormat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	id := newSampleAssessment(t, db, "oriental")
	dir := t.TempDir()
	for _, kind := range []string{"diagnostic", "recommendations", "action-plan", "pilot"} {
		for _, format := range []string{"md", "html", "json", "csv"} {
			out := filepath.Join(dir, kind+"."+format)
			r := cli(t, db, "", sample, "report", id, "--kind", kind, "--format", format, "--lang", "ar", "-o", out)
			if r.code != 0 {
				t.Fatalf("report %s %s: exit %d: %s", kind, format, r.code, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil || len(data) < 200 {
				t.Fatalf("report %s %s: %v (%d bytes)", kind, format, err, len(data))
			}
		}
	}
	// The format follows the file's extension; without -o, standard output.
	out := filepath.Join(dir, "plan.html")
	if r := cli(t, db, "", sample, "report", id, "--kind", "action-plan", "-o", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if data, _ := os.ReadFile(out); !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Errorf("-o plan.html did not give HTML")
	}
	r := cli(t, db, "", sample, "report", id, "--kind", "recommendations")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# ") {
		t.Errorf("Markdown to standard output: exit %d, %q", r.code, r.stdout[:min(80, len(r.stdout))])
	}
	r = cli(t, db, "", sample, "report", id, "--kind", "pilot", "--measure", "health_convention", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"measure": "health_convention"`) {
		t.Errorf("--measure: exit %d %s", r.code, r.stderr)
	}
}

func TestReportBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	id := newSampleAssessment(t, db, "oriental")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", id, "--kind", "briefing"}, "unknown --kind"},
		{[]string{"report", id, "--format", "docx"}, "unknown --format"},
		{[]string{"report", id, "--kind", "diagnostic", "--max", "3"}, "--max"},
		{[]string{"report", id, "--kind", "action-plan", "--max", "-1"}, "--max"},
		{[]string{"report", id, "--lang", "de"}, "unknown language"},
		{[]string{"report", id, "--kind", "diagnostic", "--measure", "reception"}, "--measure only applies"},
		{[]string{"report", id, "--kind", "pilot", "--measure", "nope"}, "unknown measure"},
		{[]string{"report", id, "--kind", "pilot", "--measure", "adopt_plan"}, "no pilot template includes"},
		{[]string{"report", id, "-o", filepath.Join(t.TempDir(), "missing", "x.md")}, "does not exist"},
		{[]string{"report", "01NOSUCHID"}, "no such assessment"},
		{[]string{"report"}, "accepts 1 arg"},
		{[]string{"compare", id}, "requires at least 2"},
		{[]string{"compare", id, id}, "given twice"},
		{[]string{"compare", id, id, "--format", "xls"}, "unknown --format"},
		{[]string{"demo", "-o", writeFile(t, "f.txt", "x")}, "not a folder"},
	} {
		r := cli(t, db, "", append([]string{sample}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 with %q", tc.args, r.code, r.stderr, tc.want)
		}
		if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n > 0 {
			t.Errorf("%v: the error takes %d lines, want one: %q", tc.args, n+1, r.stderr)
		}
	}
}

func TestCompareFollowUpAndRegions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	base := newSampleAssessment(t, db, "oriental")
	r := cli(t, db, "", sample, "followup", base, "--round", "2027-review")
	if r.code != 0 {
		t.Fatalf("followup: %s", r.stderr)
	}
	follow := lastLine(r.stdout)
	r = cli(t, db, "", sample, "answer", "--assessment", follow, "--respondent", "A. Benali", "--answers",
		writeFile(t, "f.yaml", "plan: full\nunit: full\nunit_staff: full\ndesk: partial\nhealth: partial\n"))
	if r.code != 0 {
		t.Fatalf("answer: %s", r.stderr)
	}
	// Given follow-up first, the baseline still comes first.
	r = cli(t, db, "", sample, "compare", follow, base, "--format", "csv", "--lang", "en")
	if r.code != 0 {
		t.Fatalf("compare: %d %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Δ") || !strings.Contains(r.stdout, "indicator,plan,") {
		t.Errorf("follow-up comparison CSV lacks deltas:\n%s", r.stdout)
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "indicator,plan,") && !strings.HasSuffix(strings.TrimSpace(line), ",50,100,50") {
			t.Errorf("plan should go 50 → 100 (+50): %s", line)
		}
	}
	r = cli(t, db, "", sample, "compare", base, follow, "--format", "md")
	if r.code != 0 || !strings.Contains(r.stdout, "adopt_plan") {
		t.Errorf("follow-up comparison: exit %d; adopt_plan should be listed as no longer triggered", r.code)
	}
	other := newSampleAssessment(t, db, "souss-massa")
	out := filepath.Join(t.TempDir(), "regions.html")
	if r := cli(t, db, "", sample, "compare", base, other, "-o", out); r.code != 0 {
		t.Fatalf("compare regions: %s", r.stderr)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "Souss-Massa") || strings.Contains(string(data), "<th class=\"num\">Δ</th>") {
		t.Errorf("regions side by side should name both regions and show no delta")
	}
}

// The demo runs end to end in a temporary database: the user's database is
// never created, nothing is left in the temporary folder, and every report
// is written.
func TestDemoEndToEnd(t *testing.T) {
	home := t.TempDir()
	userDB := filepath.Join(home, "user", "indimaj.db")
	tmp := t.TempDir()
	out := filepath.Join(t.TempDir(), "tour")
	r := cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home, "TMPDIR=" + tmp, "INDIMAJ_LANG=fr"}, "demo", "-o", out)
	if r.code != 0 {
		t.Fatalf("demo: exit %d\n%s", r.code, r.stderr)
	}
	paths := strings.Split(strings.TrimSpace(r.stdout), "\n")
	_, noBrowser := pdf.Find()
	banner := map[string]string{"fr": "démonstration", "ar": "تجريبي", "en": "Demonstration"}
	type want struct{ kind, lang, ext string }
	var wants []want
	for _, kind := range []string{"summary", "action-plan", "pilot"} {
		for _, l := range []string{"fr", "ar", "en"} {
			wants = append(wants, want{kind, l, "html"}, want{kind, l, "md"})
			if noBrowser == nil {
				wants = append(wants, want{kind, l, "pdf"})
			}
		}
	}
	for _, kind := range []string{"diagnostic", "recommendations", "compare"} {
		wants = append(wants, want{kind, "fr", "html"}, want{kind, "fr", "md"})
	}
	for _, w := range wants {
		p := filepath.Join(out, w.kind+"."+w.lang+"."+w.ext)
		found := false
		for _, q := range paths {
			found = found || q == p
		}
		data, err := os.ReadFile(p)
		if !found || err != nil {
			t.Errorf("%s: printed %v, read error %v", p, found, err)
			continue
		}
		if w.ext == "pdf" {
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", p)
			}
		} else if !strings.Contains(string(data), banner[w.lang]) {
			t.Errorf("%s is not labelled as a demonstration", p)
		}
	}
	if len(paths) != len(wants)+1 {
		t.Errorf("%d paths printed, want %d documents and the answers file", len(paths), len(wants))
	}
	if noBrowser != nil && !strings.Contains(r.stderr, "apt-get install chromium") {
		t.Errorf("no browser and no word on how to get the PDFs: %s", r.stderr)
	}
	if !strings.Contains(r.stderr, "Démonstration d'indimaj") || !strings.Contains(r.stderr, filepath.Join(out, "summary.fr.html")) {
		t.Errorf("the demo's messages are not in French or do not name the summary: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "answers-oriental.yaml")); err != nil {
		t.Errorf("the example answers file is not written: %v", err)
	}
	if _, err := os.Stat(userDB); !os.IsNotExist(err) {
		t.Errorf("the demo touched the user's database %s (stat: %v)", userDB, err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the temporary database was left behind: %v", left)
	}
	// The user's (empty) database still lists nothing.
	if r := cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home}, "assessments", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("the user's database holds assessments after the demo: %s", r.stdout)
	}
	// Arabic tour, messages in the language chosen by --lang; without
	// --lang, the message language decides.
	out = filepath.Join(t.TempDir(), "tour-ar")
	r = cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home, "TMPDIR=" + tmp, "INDIMAJ_LANG=fr"}, "demo", "-o", out, "--lang", "ar")
	if r.code != 0 {
		t.Fatalf("demo --lang ar: %s", r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "action-plan.ar.html"))
	if !strings.Contains(string(data), `dir="rtl"`) {
		t.Errorf("the Arabic demo is not right to left")
	}
	if _, err := os.Stat(filepath.Join(out, "diagnostic.ar.html")); err != nil || !strings.Contains(r.stderr, "عرض تجريبي") || !strings.Contains(r.stderr, "summary.ar.html") {
		t.Errorf("demo --lang ar: diagnostic %v, messages %q", err, r.stderr)
	}
	out = filepath.Join(t.TempDir(), "tour-en")
	r = cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home, "TMPDIR=" + tmp, "INDIMAJ_LANG=en", "PATH=" + t.TempDir()}, "demo", "-o", out)
	if r.code != 0 {
		t.Fatalf("demo in English: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "diagnostic.en.html")); err != nil || !strings.Contains(r.stderr, "indimaj demo: a fictitious") {
		t.Errorf("INDIMAJ_LANG=en: diagnostic %v, messages %q", err, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "summary.ar.pdf")); !os.IsNotExist(err) || !strings.Contains(r.stderr, "apt-get install chromium") {
		t.Errorf("without a browser: a PDF was written (%v) or the message is missing: %q", err, r.stderr)
	}
}

// cliEnv runs the binary with extra environment variables (later ones win).
func cliEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "goroutine ") || strings.Contains(errb.String(), "panic:") {
		t.Fatalf("stack trace on stderr:\n%s", errb.String())
	}
	return result{code, out.String(), errb.String()}
}

// Two participants who disagree: the divergence report is the agenda of the
// validation workshop, in every format; with one respondent there is nothing
// to arbitrate.
func TestReportDivergence(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "Council", "--answers",
		writeFile(t, "a.yaml", "plan: {value: absent, note: \"<b>no deliberation</b> found\"}\nunit: partial\ndesk: dont_know\n"))
	if r.code != 0 {
		t.Fatalf("answer: %s", r.stderr)
	}
	id := lastLine(r.stdout)
	if r := cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "NGO", "--answers",
		writeFile(t, "b.yaml", "plan: {value: full, note: \"=voted in October\"}\nunit: partial\ndesk: partial\n")); r.code != 0 {
		t.Fatalf("answer: %s", r.stderr)
	}
	r = cli(t, db, "", sample, "report", id, "--kind", "divergence", "--lang", "en")
	if r.code != 0 {
		t.Fatalf("report --kind divergence: exit %d %s", r.code, r.stderr)
	}
	for _, want := range []string{"# Disagreements to settle", "Decision of the validation workshop", "| `plan` Is there a regional migration action plan?",
		`\<b\>no deliberation\</b\> found`, "| NGO | Adopted | 100 |", "None (0) — respondents' median", "| `desk` ", "Don't know"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the divergence report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "| `unit` ") {
		t.Errorf("unit (both partial) is on the agenda")
	}
	// JSON: the structured agenda.
	r = cli(t, db, "", sample, "report", id, "--kind", "divergence", "--format", "json")
	var doc struct {
		Kind       string
		Divergence struct {
			Arbitrate bool
			Divergent []struct {
				Question string
				Working  string
				Source   struct{ Code string }
				Answers  []struct {
					Respondent string
					Score      *float64
					Note       string
				}
			}
			DontKnow []struct{ Question string } `json:"dont_know_vs_level"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	dv := doc.Divergence
	if doc.Kind != "divergence" || !dv.Arbitrate || len(dv.Divergent) != 1 || dv.Divergent[0].Question != "plan" || dv.Divergent[0].Source.Code != "median" ||
		len(dv.Divergent[0].Answers) != 2 || len(dv.DontKnow) != 1 || dv.DontKnow[0].Question != "desk" {
		t.Fatalf("divergence JSON = %+v", doc)
	}
	// CSV: one row per (question, respondent), formulas neutralized.
	r = cli(t, db, "", sample, "report", id, "--kind", "divergence", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 5 {
		t.Fatalf("CSV: %v, %d rows, want a header and 4:\n%s", err, len(rows), r.stdout)
	}
	if !strings.Contains(r.stdout, "'=voted in October") {
		t.Errorf("the =… note is not neutralized in the CSV")
	}
	// HTML: escaped notes, a file written.
	out := filepath.Join(t.TempDir(), "atelier.html")
	if r := cli(t, db, "", sample, "report", id, "--kind", "divergence", "--lang", "ar", "-o", out); r.code != 0 {
		t.Fatalf("html: %s", r.stderr)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), `dir="rtl"`) || !strings.Contains(string(data), "&lt;b&gt;no deliberation&lt;/b&gt;") || strings.Contains(string(data), "<b>no") {
		t.Errorf("the Arabic HTML agenda is not right to left or does not escape the note")
	}
	// One respondent: nothing to arbitrate.
	single := newSampleAssessment(t, db, "souss-massa")
	r = cli(t, db, "", sample, "report", single, "--kind", "divergence", "--lang", "en")
	if r.code != 0 || !strings.Contains(r.stdout, "there is nothing to arbitrate") {
		t.Errorf("one respondent: exit %d\n%s", r.code, r.stdout)
	}
}

// A measure adopted at the baseline whose indicator improved in the
// follow-up round: the comparison and the follow-up's action plan say so,
// with the reasons recorded for the change.
func TestFollowUpAdoptedMeasureEffects(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: absent\nunit: absent\ndesk: partial\n"))
	base := lastLine(r.stdout)
	for _, args := range [][]string{
		{"plan", base, "adopt", "adopt_plan", "reception", "--owner", "DGS"},
		{"plan", base, "status", "adopt_plan", "done", "--note", "deliberation 31/2025"},
	} {
		if r := cli(t, db, "", append([]string{sample}, args...)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	// The baseline's plan: progress at the top, measures not adopted are proposed.
	r = cli(t, db, "", sample, "report", base, "--kind", "action-plan", "--format", "json")
	var plan struct {
		ActionPlan struct {
			Progress struct {
				Adopted, Done, Active int
				ShareDone             float64 `json:"share_done"`
			}
			Objectives []struct {
				Actions []struct {
					Measure, Owner, Note string
					StatusCode           string `json:"status_code"`
				}
			}
		} `json:"action_plan"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &plan); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	p := plan.ActionPlan.Progress
	if p.Adopted != 2 || p.Done != 1 || p.Active != 2 || p.ShareDone != 0.5 {
		t.Errorf("progress = %+v", p)
	}
	codes := map[string]string{}
	for _, ax := range plan.ActionPlan.Objectives {
		for _, a := range ax.Actions {
			codes[a.Measure] = a.StatusCode
			if a.Measure == "adopt_plan" && (a.Owner != "DGS" || a.Note != "deliberation 31/2025") {
				t.Errorf("adopt_plan owner %q note %q", a.Owner, a.Note)
			}
		}
	}
	if codes["adopt_plan"] != "done" || codes["reception"] != "planned" || codes["create_unit"] != "proposed" {
		t.Errorf("statuses = %v", codes)
	}
	// The follow-up round: the plan is now adopted, with a reason.
	r = cli(t, db, "", sample, "followup", base, "--round", "2027-review")
	fu := lastLine(r.stdout)
	if r := cli(t, db, "", sample, "answer", "--assessment", fu, "--respondent", "A", "--reason", "plan voted in session", "--answers",
		writeFile(t, "f.yaml", "plan: {value: full, note: \"adopted in October\"}\nunit: absent\ndesk: partial\n")); r.code != 0 {
		t.Fatalf("answer: %s", r.stderr)
	}
	r = cli(t, db, "", sample, "compare", base, fu, "--format", "md", "--lang", "en")
	if r.code != 0 {
		t.Fatalf("compare: %s", r.stderr)
	}
	var row string
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "| `adopt_plan`") {
			row = line
		}
	}
	if !strings.Contains(row, "done") || !strings.Contains(row, "plan 0 → 100 (+100)") || !strings.Contains(row, "**improved**") {
		t.Errorf("compare: the adopt_plan row = %q\n%s", row, r.stdout)
	}
	if !strings.Contains(r.stdout, "A: adopted in October") || !strings.Contains(r.stdout, "A: plan voted in session") {
		t.Errorf("compare: the note and the reason for plan's change are missing\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "| `reception` Open a reception desk | planned · DGS | desk 50 → 50 (0) | **unchanged**") {
		t.Errorf("compare: reception should be unchanged\n%s", r.stdout)
	}
	// The follow-up's action plan carries the same table (it loads the baseline).
	r = cli(t, db, "", sample, "report", fu, "--kind", "action-plan", "--format", "json")
	var fuPlan struct {
		ActionPlan struct {
			Effects *struct {
				Baseline string
				Measures []struct {
					Measure string
					Verdict struct{ Code string }
				}
			} `json:"baseline_effects"`
		} `json:"action_plan"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &fuPlan); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	e := fuPlan.ActionPlan.Effects
	if e == nil || len(e.Measures) != 2 || e.Measures[0].Measure != "adopt_plan" || e.Measures[0].Verdict.Code != "improved" {
		t.Fatalf("follow-up plan effects = %+v", e)
	}
	// The baseline's own plan has no baseline: no such table.
	if r := cli(t, db, "", sample, "report", base, "--kind", "action-plan", "--format", "md"); strings.Contains(r.stdout, "Adopted measures and") || strings.Contains(r.stdout, "Mesures adoptées et") {
		t.Errorf("a baseline's plan shows the follow-up table")
	}
}
