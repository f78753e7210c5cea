package xlsform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// TestMain removes the binary the end-to-end tests built.
func TestMain(m *testing.M) {
	// Command-line messages in English whatever the machine's locale.
	os.Setenv("INDIMAJ_LANG", "en")
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// indimaj builds the real binary once; the end-to-end tests run it as a
// user would.
func indimaj(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "indimaj-xlsform")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "indimaj")
		buildOut, buildErr = exec.Command("go", "build", "-o", binPath, "../cmd/indimaj").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

type run struct {
	code           int
	stdout, stderr string
}

// cli runs the binary in dir with a private database.
func cli(t *testing.T, dir, db string, args ...string) run {
	t.Helper()
	cmd := exec.Command(indimaj(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "INDIMAJ_DB="+db, "HOME="+t.TempDir(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "panic") || strings.Contains(errb.String(), "goroutine ") {
		t.Fatalf("stack trace:\n%s", errb.String())
	}
	return run{code, out.String(), errb.String()}
}

func sampleDir(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestCLIExportImportAnswer(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	// Export the embedded content.
	r := cli(t, dir, db, "xlsform", "export", "-o", "indimaj.xlsx")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "indimaj.xlsx" || !strings.HasPrefix(r.stderr, "wrote indimaj.xlsx: indimaj-regional") {
		t.Fatalf("export: %d %q %q", r.code, r.stdout, r.stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "indimaj.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "survey,choices,settings,indimaj" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("settings")
	if len(rows) != 2 || rows[1][1] != "indimaj-regional" || rows[1][3] != "French (fr)" {
		t.Errorf("settings %v", rows)
	}
	f.Close()
	// Import it back, validate it, answer it.
	r = cli(t, dir, db, "xlsform", "import", "indimaj.xlsx", "-o", "content")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "content" || !strings.Contains(r.stderr, "ok: content: questionnaire indimaj-regional 1.0.0 (fr/ar/en): 9 sections, 106 questions") {
		t.Fatalf("import: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if got := strings.Join(listDir(t, filepath.Join(dir, "content")), " "); got != "questionnaires questionnaires/indimaj-regional.yaml rules rules/policy.yaml rules/references.yaml" {
		t.Errorf("files: %s", got)
	}
	if r := cli(t, dir, db, "validate", "content"); r.code != 0 {
		t.Fatalf("validate: %d %s", r.code, r.stderr)
	}
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("gov01: partial\ngov03: full\ngov03_staff: partial\nctx_foreign_residents: 1200\n"), 0o600)
	r = cli(t, dir, db, "--content", "content", "answer", "--region", "oriental", "--respondent", "A. Benali", "--answers", answers)
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	// The language flag sets the default language.
	r = cli(t, dir, db, "--content", sampleDir(t), "xlsform", "export", "--lang", "ar", "-o", "sample-ar.xlsx")
	if r.code != 0 {
		t.Fatalf("export --lang ar: %d %s", r.code, r.stderr)
	}
	f, _ = excelize.OpenFile(filepath.Join(dir, "sample-ar.xlsx"))
	rows, _ = f.GetRows("settings")
	f.Close()
	if rows[1][0] != "استبيان نموذجي" || rows[1][3] != "Arabic (ar)" {
		t.Errorf("settings with --lang ar: %v", rows)
	}
	// ... and its label column comes first, as Kobo and ODK name it.
	f, _ = excelize.OpenFile(filepath.Join(dir, "sample-ar.xlsx"))
	rows, _ = f.GetRows("survey")
	f.Close()
	if got := strings.Join(rows[0][2:5], ","); got != "label::Arabic (ar),label::French (fr),label::English (en)" {
		t.Errorf("survey header with --lang ar: %s", got)
	}
	// Bad input: one line, exit 2, nothing written.
	for _, args := range [][]string{
		{"xlsform", "export", "--lang", "de", "-o", "y.xlsx"},
		{"xlsform", "export", "-o", "y.csv"},
		{"xlsform", "export", "-o", "no/such/dir/y.xlsx"},
		{"xlsform", "import", "missing.xlsx", "-o", "z"},
		{"xlsform", "import", "answers.yaml", "-o", "z"},
		{"xlsform", "import", "indimaj.xlsx", "-o", "content"},
	} {
		before := listDir(t, dir)
		r := cli(t, dir, db, args...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.HasPrefix(r.stderr, "indimaj: ") {
			t.Errorf("%v: %d %q", args, r.code, r.stderr)
		}
		if after := listDir(t, dir); strings.Join(before, " ") != strings.Join(after, " ") {
			t.Errorf("%v wrote something: %v", args, after)
		}
	}
}

func TestCLIExportReportsWhatCannotBeExpressed(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "c")
	os.MkdirAll(filepath.Join(content, "questionnaires"), 0o755)
	os.MkdirAll(filepath.Join(content, "rules"), 0o755)
	os.WriteFile(filepath.Join(content, "rules", "policy.yaml"), policyYAML([]string{"fr"}), 0o644)
	os.WriteFile(filepath.Join(content, "rules", "references.yaml"), builtinReferences(t), 0o644)
	os.WriteFile(filepath.Join(content, "questionnaires", "q.yaml"), []byte(`id: q
version: 1.0.0
languages: [fr]
title: {fr: Q}
sections:
  - id: s
    title: {fr: S}
    questions:
      - id: k
        type: single
        label: {fr: K}
        choices: [{value: lo, score: 0, label: {fr: Bas}}, {value: hi, score: 100, label: {fr: Haut}}, {value: dk, score: null, label: {fr: NSP}}]
      - {id: x, type: text, label: {fr: X}, relevant: "status(k) == \"dont_know\""}
      - {id: y, type: text, label: {fr: Y}, relevant: "score(k) + 1 > 50"}
      - {id: z, type: text, label: {fr: Z}, relevant: "score(k) >= 50"}
`), 0o644)
	r := cli(t, dir, filepath.Join(dir, "x.db"), "--content", content, "xlsform", "export", "-o", "q.xlsx")
	if r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"x: relevant: status() has no XPath equivalent (it depends on indimaj's scoring): left blank, so the XLSForm always asks this question",
		"y: relevant: score(k) is only exported when compared with a number: left blank",
		"2 things could not be expressed exactly",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "q.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("survey")
	f.Close()
	var z []string
	for _, row := range rows {
		if len(row) > 1 && row[1] == "z" {
			z = row
		}
	}
	if z == nil || !strings.Contains(strings.Join(z, "|"), "${k} = 'hi'") {
		t.Errorf("z is not written with its relevance: %v", z)
	}
}

func TestCLIImportUnsupportedAndSkip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	f := fixture{
		"survey": {
			{"type", "name", "label::French (fr)", "label::English (en)", "relevant"},
			{"begin_group", "g", "Groupe", "Group"},
			{"geopoint", "gps", "Position", "Location"},
			{"select_one yn", "ok", "D'accord ?", "Agree?"},
			{"text", "why", "Pourquoi ?", "Why?", "${ok} = 'no'"},
			{"end_group"},
		},
		"choices": {{"list_name", "name", "label::French (fr)", "label::English (en)"}, {"yn", "yes", "Oui", "Yes"}, {"yn", "no", "Non", "No"}},
	}
	os.WriteFile(filepath.Join(dir, "form.xlsx"), f.xlsx(t), 0o644)
	r := cli(t, dir, db, "xlsform", "import", "form.xlsx", "-o", "out")
	if r.code != 2 || !strings.Contains(r.stderr, "indimaj: error: survey!3: type: geopoint: indimaj has no location questions (unsupported: --skip-unsupported leaves it out)\n") ||
		!strings.Contains(r.stderr, "indimaj: form.xlsx: nothing written: 1 blocking error(s), 0 skipped item(s)") {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Fatal("something was written")
	}
	r = cli(t, dir, db, "xlsform", "import", "form.xlsx", "-o", "out", "--skip-unsupported")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: skipped: survey!3: type: geopoint") ||
		!strings.Contains(r.stderr, "form.xlsx: 1 skipped item(s) (warnings above), ") {
		t.Fatalf("--skip-unsupported: %d %s", r.code, r.stderr)
	}
	// The default folder is the form id; an empty folder is fine.
	os.Mkdir(filepath.Join(dir, "form"), 0o755)
	r = cli(t, dir, db, "xlsform", "import", "form.xlsx", "--skip-unsupported")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "form" {
		t.Fatalf("default folder: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := cli(t, dir, db, "validate", "out", "form"); r.code != 0 {
		t.Fatalf("validate: %s", r.stderr)
	}
	// No temporary folder is left behind.
	for _, e := range listDir(t, dir) {
		if strings.Contains(e, ".tmp-") {
			t.Errorf("left behind: %s", e)
		}
	}
}

const sampleCSV = "start,gov/respondent_role,gov/priorities,gov/residents,gov/plan,gov/unit,gov/unit_staff,srv/desk,srv/desk_languages,srv/health,srv/health_note,srv/shelter,srv/budget,_submission_time,_submitted_by\n" +
	"2024-03-01T10:00:00.000+01:00,Chargée,P1 P3,12000,partial,full,partial,dont_know,,not_applicable,compétence de l'État,no,,2024-03-01T09:21:00,amina\n" +
	"2024-03-02T10:00:00.000+01:00,Directeur,P7,500,full,absent,,full,fr ar,full,,yes,2.5,2024-03-02T09:21:00,\n"

type shown struct {
	ID          string   `json:"id"`
	Region      string   `json:"region"`
	Respondents []string `json:"respondents"`
	Answers     map[string]struct {
		Value      any    `json:"value"`
		Note       string `json:"note"`
		Respondent string `json:"respondent"`
	} `json:"answers"`
}

func show(t *testing.T, dir, db, content, id string) shown {
	t.Helper()
	r := cli(t, dir, db, "--content", content, "show", id, "--json")
	if r.code != 0 {
		t.Fatalf("show %s: %s", id, r.stderr)
	}
	var s shown
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCLISubmissions(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	sample := sampleDir(t)
	os.WriteFile(filepath.Join(dir, "subs.csv"), []byte(sampleCSV), 0o644)
	// One assessment per submission.
	r := cli(t, dir, db, "--content", sample, "xlsform", "submissions", "subs.csv", "--region", "oriental")
	ids := strings.Fields(r.stdout)
	if r.code != 0 || len(ids) != 2 {
		t.Fatalf("submissions: %d %q %s", r.code, r.stdout, r.stderr)
	}
	a := show(t, dir, db, sample, ids[0])
	if a.Region != "oriental" || strings.Join(a.Respondents, ",") != "amina" || a.Answers["health"].Note != "compétence de l'État" ||
		a.Answers["residents"].Value != 12000.0 || a.Answers["shelter"].Value != false {
		t.Errorf("first assessment: %+v", a)
	}
	if b := show(t, dir, db, sample, ids[1]); strings.Join(b.Respondents, ",") != "submission 2" || b.Answers["budget"].Value != 2.5 {
		t.Errorf("second assessment: %+v", b)
	}
	// --merge: one assessment, each submission a respondent; the latest answer counts.
	r = cli(t, dir, db, "--content", sample, "xlsform", "submissions", "subs.csv", "--region", "souss-massa", "--merge")
	ids = strings.Fields(r.stdout)
	if r.code != 0 || len(ids) != 1 {
		t.Fatalf("--merge: %d %q %s", r.code, r.stdout, r.stderr)
	}
	m := show(t, dir, db, sample, ids[0])
	if strings.Join(m.Respondents, ",") != "amina,submission 2" {
		t.Errorf("merged: %+v", m)
	}
	// Each respondent keeps their own answers (the bundle lists them all).
	r = cli(t, dir, db, "--content", sample, "export", ids[0])
	var bundle struct {
		Answers []struct {
			Question   string `json:"question"`
			Value      any    `json:"value"`
			Respondent string `json:"respondent"`
		} `json:"answers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &bundle); err != nil {
		t.Fatalf("bundle: %v %s", err, r.stderr)
	}
	var plans []string
	for _, an := range bundle.Answers {
		if an.Question == "plan" {
			plans = append(plans, fmt.Sprintf("%s=%v", an.Respondent, an.Value))
		}
	}
	if strings.Join(plans, " ") != "amina=partial submission 2=full" {
		t.Errorf("plan answers of the merged assessment: %v", plans)
	}
	// JSON, with the respondent in a column of its own.
	os.WriteFile(filepath.Join(dir, "subs.json"), []byte(`[{"gov": {"plan": "absent", "unit": "full"}, "who": "Karim"}, {"gov/plan": "partial", "who": "Salma"}]`), 0o644)
	r = cli(t, dir, db, "--content", sample, "xlsform", "submissions", "subs.json", "--region", "oriental", "--merge", "--respondent-column", "who")
	if r.code != 0 || len(strings.Fields(r.stdout)) != 1 {
		t.Fatalf("json: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if j := show(t, dir, db, sample, strings.TrimSpace(r.stdout)); strings.Join(j.Respondents, ",") != "Karim,Salma" {
		t.Errorf("json respondents %v", j.Respondents)
	}
	count := func() int {
		r := cli(t, dir, db, "--content", sample, "assessments", "--json")
		var list []any
		json.Unmarshal([]byte(r.stdout), &list)
		return len(list)
	}
	if n := count(); n != 4 {
		t.Fatalf("%d assessments, want 4", n)
	}
	// All or nothing: every problem, placed, and nothing written.
	bad := strings.Replace(sampleCSV, ",12000,", ",-5,", 1)
	bad = strings.Replace(bad, ",fr ar,", ",fr de,", 1)
	bad = strings.Replace(bad, ",compétence de l'État,", ",,", 1)
	bad = strings.Replace(bad, ",P7,", ",P9,", 1)
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte(bad), 0o644)
	r = cli(t, dir, db, "--content", sample, "xlsform", "submissions", "bad.csv", "--region", "oriental")
	want := []string{
		"indimaj: bad.csv:2: residents: A number between 0 and 10 million",
		`indimaj: bad.csv:2: health: "not_applicable" needs a note that says why (the health_note column is empty)`,
		`indimaj: bad.csv:3: priorities: "P9" is not one of the choices (P1, P3, P7)`,
		`indimaj: bad.csv:3: desk_languages: "de" is not one of the choices (fr, en, ar)`,
		"indimaj: bad.csv: nothing written",
	}
	if r.code != 2 || strings.TrimSpace(r.stderr) != strings.Join(want, "\n") || r.stdout != "" {
		t.Errorf("bad submissions: %d\n%s\nwant\n%s", r.code, r.stderr, strings.Join(want, "\n"))
	}
	if n := count(); n != 4 {
		t.Errorf("%d assessments after a failed import, want 4", n)
	}
	for _, args := range [][]string{
		{"xlsform", "submissions", "subs.csv", "--region", "atlantis"},
		{"xlsform", "submissions", "subs.csv"},
		{"xlsform", "submissions", "none.csv", "--region", "oriental"},
		{"xlsform", "submissions", "subs.csv", "--region", "oriental", "--respondent-column", "who"},
	} {
		r := cli(t, dir, db, append([]string{"--content", sample}, args...)...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	if n := count(); n != 4 {
		t.Errorf("%d assessments after bad input, want 4", n)
	}
}

// A round trip through the tools a region would use: export, collect, import
// the submissions into an imported copy of the content.
func TestCLISubmissionsToImportedContent(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if r := cli(t, dir, db, "--content", sampleDir(t), "xlsform", "export", "-o", "s.xlsx"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := cli(t, dir, db, "xlsform", "import", "s.xlsx", "-o", "sample"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "subs.csv"), []byte(sampleCSV), 0o644)
	r := cli(t, dir, db, "--content", "sample", "xlsform", "submissions", "subs.csv", "--region", "oriental")
	if r.code != 0 || len(strings.Fields(r.stdout)) != 2 {
		t.Fatalf("%d %s", r.code, r.stderr)
	}
	if r := cli(t, dir, db, "--content", "sample", "score", strings.Fields(r.stdout)[0]); r.code != 0 {
		t.Fatalf("score: %s", r.stderr)
	}
}

// Kobo's other export shapes through the binary: an XLSX data export and a
// CSV with only the one-column-per-choice copy of a multiple choice; every
// answer is stored. A workbook bomb is refused with its reason.
func TestCLISubmissionsXLSXAndSplitColumns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	sample := sampleDir(t)
	data := fixture{"data": {
		{"gov/priorities/P1", "gov/priorities/P3", "gov/priorities/P7", "gov/plan", "gov/residents", "_submitted_by"},
		{"#n:1", "#n:0", "#n:1", "partial", "#n:12000", "amina"},
		{"#n:0", "#n:1", "#n:0", "full", "#n:500", "karim"},
	}}
	os.WriteFile(filepath.Join(dir, "kobo.xlsx"), data.xlsx(t), 0o644)
	r := cli(t, dir, db, "--content", sample, "xlsform", "submissions", "kobo.xlsx", "--region", "oriental")
	ids := strings.Fields(r.stdout)
	if r.code != 0 || len(ids) != 2 {
		t.Fatalf("xlsx: %d %q %s", r.code, r.stdout, r.stderr)
	}
	a, b := show(t, dir, db, sample, ids[0]), show(t, dir, db, sample, ids[1])
	if fmt.Sprint(a.Answers["priorities"].Value) != "[P1 P7]" || a.Answers["residents"].Value != 12000.0 || fmt.Sprint(b.Answers["priorities"].Value) != "[P3]" {
		t.Errorf("answers %+v / %+v", a.Answers, b.Answers)
	}
	if len(a.Answers) != 3 || len(b.Answers) != 3 {
		t.Errorf("%d and %d answers stored, want 3 and 3", len(a.Answers), len(b.Answers))
	}
	// The same as CSV, a label spanning lines: a bad cell names its row.
	csv := "gov/respondent_role,gov/priorities/P1,gov/priorities/P3,gov/plan\n\"Chargée\nde mission\",1,0,partial\nDirecteur,1,oui,full\n"
	os.WriteFile(filepath.Join(dir, "split.csv"), []byte(csv), 0o644)
	before := listDir(t, dir)
	r = cli(t, dir, db, "--content", sample, "xlsform", "submissions", "split.csv", "--region", "oriental")
	if r.code != 2 || !strings.Contains(r.stderr, `split.csv:3 (line 4): gov/priorities/P3: "oui" is neither 1 nor 0`) {
		t.Fatalf("bad split cell: %d %s", r.code, r.stderr)
	}
	if after := listDir(t, dir); strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("files changed: %v", after)
	}
	// A zip bomb and a billion-laughs workbook: refused, saying why.
	bomb := rezip(t, smallForm(t), nil, rawPart{"xl/sharedStrings.xml", make([]byte, 1024), 1 << 30})
	os.WriteFile(filepath.Join(dir, "bomb.xlsx"), bomb, 0o644)
	laughs := rezip(t, smallForm(t), func(name string, body []byte) []byte {
		if name == "xl/workbook.xml" {
			return append([]byte(`<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>`), body[bytes.Index(body, []byte("<workbook")):]...)
		}
		return nil
	})
	os.WriteFile(filepath.Join(dir, "laughs.xlsx"), laughs, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"xlsform", "import", "bomb.xlsx", "-o", "out"}, "bomb.xlsx: refused: once uncompressed the workbook exceeds what it declares or the 32 MB limit (a zip bomb?)"},
		{[]string{"xlsform", "import", "laughs.xlsx", "-o", "out"}, "laughs.xlsx: refused: a part of the workbook declares a DTD or XML entities"},
		{[]string{"--content", sample, "xlsform", "submissions", "bomb.xlsx", "--region", "oriental"}, "bomb.xlsx: refused: once uncompressed"},
		{[]string{"--content", sample, "xlsform", "submissions", "laughs.xlsx", "--region", "oriental"}, "xl/workbook.xml"},
	} {
		r := cli(t, dir, db, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) || strings.Contains(r.stderr, "no survey sheet") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: %d %s", c.args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}
