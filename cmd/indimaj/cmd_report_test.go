package main

import (
	"bytes"
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
		{[]string{"report", id, "--kind", "summary"}, "unknown --kind"},
		{[]string{"report", id, "--format", "pdf"}, "unknown --format"},
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
	r := cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home, "TMPDIR=" + tmp}, "demo", "-o", out)
	if r.code != 0 {
		t.Fatalf("demo: exit %d\n%s", r.code, r.stderr)
	}
	var paths []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		paths = append(paths, line)
	}
	for _, kind := range []string{"diagnostic", "recommendations", "action-plan", "pilot", "compare"} {
		for _, ext := range []string{"html", "md"} {
			want := filepath.Join(out, kind+".fr."+ext)
			found := false
			for _, p := range paths {
				found = found || p == want
			}
			data, err := os.ReadFile(want)
			if !found || err != nil {
				t.Errorf("%s: printed %v, read error %v", want, found, err)
				continue
			}
			if !strings.Contains(string(data), "démonstration") {
				t.Errorf("%s is not labelled as a demonstration", want)
			}
		}
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
	// Arabic tour.
	out = filepath.Join(t.TempDir(), "tour-ar")
	if r := cliEnv(t, []string{"INDIMAJ_DB=" + userDB, "HOME=" + home, "TMPDIR=" + tmp}, "demo", "-o", out, "--lang", "ar"); r.code != 0 {
		t.Fatalf("demo --lang ar: %s", r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "action-plan.ar.html"))
	if !strings.Contains(string(data), `dir="rtl"`) {
		t.Errorf("the Arabic demo is not right to left")
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
