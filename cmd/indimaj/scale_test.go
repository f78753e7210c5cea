package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newAssessmentCLI records answers as a new assessment and returns its id.
func newAssessmentCLI(t *testing.T, db, region, round, answers string) string {
	t.Helper()
	r := cli(t, db, "", sample, "answer", "--region", region, "--round", round, "--respondent", "A", "--answers", writeFile(t, "a.yaml", answers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	return lastLine(r.stdout)
}

func listIDs(t *testing.T, db string, args ...string) []map[string]any {
	t.Helper()
	r := cli(t, db, "", append([]string{sample, "assessments", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("assessments %v: %d %s", args, r.code, r.stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func ids(rows []map[string]any) string {
	var out []string
	for _, r := range rows {
		out = append(out, r["id"].(string))
	}
	return strings.Join(out, ",")
}

// flipInValue changes one byte inside a stored value (found by a marker;
// every copy, as freed pages may hold older ones), keeping it valid JSON:
// only the value's checksum can tell.
func flipInValue(t *testing.T, path, marker string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(marker)) {
		t.Fatalf("%q not in %s", marker, path)
	}
	for i := bytes.Index(data, []byte(marker)); i >= 0; i = bytes.Index(data, []byte(marker)) {
		data[i+len(marker)-1] ^= 1
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return data
}

func noInternals(t *testing.T, what, stderr string) {
	t.Helper()
	for _, bad := range []string{"runtime error", "panic", "assertion", "nil pointer", "checksum mismatch"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("%s: the message exposes internals (%q): %s", what, bad, stderr)
		}
	}
}

func TestIndexFiltersDoctorAndCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	a := newAssessmentCLI(t, db, "oriental", "2026-baseline", "plan: full\nunit: {value: partial, note: NOTEMARKA}\n")
	b := newAssessmentCLI(t, db, "souss-massa", "2026-baseline", "plan: partial\nunit: {value: absent, note: NOTEMARKB}\n")
	c := newAssessmentCLI(t, db, "oriental", "2027-review", "plan: absent\n")
	if r := cli(t, db, "", sample, "status", b, "validated"); r.code != 0 {
		t.Fatalf("status: %s", r.stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, a + "," + b + "," + c},
		{[]string{"--region", "oriental"}, a + "," + c},
		{[]string{"--round", "2026-baseline"}, a + "," + b},
		{[]string{"--status", "validated"}, b},
		{[]string{"--region", "oriental", "--round", "2027-review"}, c},
	} {
		if got := ids(listIDs(t, db, tc.args...)); got != tc.want {
			t.Errorf("assessments %v = %s, want %s", tc.args, got, tc.want)
		}
	}
	// The index holds what score computes.
	rows := listIDs(t, db, "--region", "souss-massa")
	r := cli(t, db, "", sample, "score", b, "--json")
	var sc struct{ Overall map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatalf("score --json: %v", err)
	}
	if fmt.Sprintf("%.1f", rows[0]["overall"]) != fmt.Sprint(sc.Overall["score"]) || rows[0]["coverage"] != sc.Overall["coverage"] || rows[0]["status"] != "validated" {
		t.Fatalf("index row %v, score %v", rows[0], sc.Overall)
	}
	if r := cli(t, db, "", sample, "assessments", "--status", "closed"); r.code != 2 || !strings.Contains(r.stderr, "unknown status") {
		t.Errorf("unknown status: %d %s", r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "assessments", "--region", "atlantis"); r.code != 2 {
		t.Errorf("unknown region: %d %s", r.code, r.stderr)
	}

	// doctor on a sound file.
	if r := cli(t, db, "", "doctor"); r.code != 0 || !strings.Contains(r.stdout, "No problem found") || !strings.Contains(r.stdout, "3 assessments") {
		t.Fatalf("doctor: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// One changed byte in an answer of a: what reads a is refused with the
	// clear sentence; b is still readable; doctor and --check find it.
	before := flipInValue(t, db, "NOTEMARKA")
	r = cli(t, db, "", sample, "show", a)
	if r.code != 1 || !strings.Contains(r.stderr, "is damaged or is not an indimaj database") {
		t.Fatalf("show of a damaged assessment: %d %s", r.code, r.stderr)
	}
	noInternals(t, "show", r.stderr)
	if r := cli(t, db, "", sample, "show", b); r.code != 0 {
		t.Fatalf("show of a sound assessment in a damaged file: %d %s", r.code, r.stderr)
	}
	r = cli(t, db, "", "doctor")
	if r.code != 1 || !strings.Contains(r.stdout, "1 problem(s) found") || !strings.Contains(r.stdout, "checksum") {
		t.Fatalf("doctor on a damaged file: %d %s", r.code, r.stdout)
	}
	r = cli(t, db, "", "doctor", "--json")
	var rep struct {
		Problems []struct{ Where, What string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Where, a) {
		t.Fatalf("doctor --json: %d %v %s", r.code, err, r.stdout)
	}
	r = cli(t, db, "", sample, "--check", "show", b)
	if r.code != 1 || !strings.Contains(r.stderr, "failed the full check") || r.stdout != "" {
		t.Fatalf("--check on a damaged file: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the damaged file was modified")
	}
	// In French, the same sentence, translated.
	r = cliEnv(t, []string{"INDIMAJ_DB=" + db, "HOME=" + t.TempDir(), "INDIMAJ_LANG=fr"}, sample, "score", a)
	if r.code != 1 || !strings.Contains(r.stderr, "est endommagée ou n'est pas une base indimaj") {
		t.Fatalf("damage in French: %d %s", r.code, r.stderr)
	}
}

func TestImportDatabase(t *testing.T) {
	dir := t.TempDir()
	region := filepath.Join(dir, "region.db")
	a := newAssessmentCLI(t, region, "oriental", "2026-baseline", "plan: full\nunit: {value: partial, note: NOTEMARKA}\n")
	b := newAssessmentCLI(t, region, "souss-massa", "2026-baseline", "plan: partial\n")
	if r := cli(t, region, "", sample, "plan", a, "adopt", "adopt_plan"); r.code != 0 {
		t.Fatalf("plan adopt: %d %s", r.code, r.stderr)
	}
	national := filepath.Join(dir, "national.db")
	r := cli(t, national, "", sample, "import", region)
	if r.code != 0 || strings.TrimSpace(r.stdout) != a+"\n"+b || !strings.Contains(r.stderr, "2 assessment(s) imported") {
		t.Fatalf("import of a database: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if got := ids(listIDs(t, national)); got != a+","+b {
		t.Fatalf("after the import: %s", got)
	}
	src := cli(t, region, "", sample, "show", a, "--json")
	dst := cli(t, national, "", sample, "show", a, "--json")
	// The same, but for the time of the import's last change.
	noUpdated := func(s string) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "updated")
		out, _ := json.Marshal(m)
		return string(out)
	}
	if noUpdated(src.stdout) != noUpdated(dst.stdout) {
		t.Fatalf("the imported assessment differs:\n%s\n%s", src.stdout, dst.stdout)
	}
	// Again: merged, nothing duplicated.
	r = cli(t, national, "", sample, "import", region)
	if r.code != 0 || !strings.Contains(r.stderr, "(0 new, 2 merged)") {
		t.Fatalf("second import: %d %s", r.code, r.stderr)
	}
	if got := ids(listIDs(t, national)); got != a+","+b {
		t.Fatalf("after the second import: %s", got)
	}
	// A damaged region file is refused whole, the national one untouched.
	flipInValue(t, region, "NOTEMARKA")
	before, _ := os.ReadFile(national)
	r = cli(t, national, "", sample, "import", region)
	if r.code != 1 || !strings.Contains(r.stderr, "damaged indimaj database") || r.stdout != "" {
		t.Fatalf("import of a damaged database: %d %q %s", r.code, r.stdout, r.stderr)
	}
	noInternals(t, "import", strings.ReplaceAll(r.stderr, "checksum mismatch", ""))
	if after, _ := os.ReadFile(national); !bytes.Equal(before, after) {
		t.Fatal("the national database changed")
	}
	if r := cli(t, national, "", sample, "import", national); r.code != 2 {
		t.Fatalf("importing the database into itself: %d %s", r.code, r.stderr)
	}
}

func TestNationalView(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	if r := cli(t, db, "", "national"); r.code != 2 || !strings.Contains(r.stderr, "import the regions") {
		t.Fatalf("national on an empty database: %d %s", r.code, r.stderr)
	}
	a := newAssessmentCLI(t, db, "oriental", "2026-baseline", "plan: full\nunit: partial\n")
	newAssessmentCLI(t, db, "souss-massa", "2026-baseline", "plan: absent\n")
	r := cli(t, db, "", sample, "national", "--json")
	if r.code != 0 {
		t.Fatalf("national --json: %d %s", r.code, r.stderr)
	}
	var v struct {
		Round   string
		Regions []struct {
			Code, Assessment string
			Overall          *float64
			Coverage         float64
			Provisional      bool
		}
		Totals struct{ Assessed, Regions int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatal(err)
	}
	if v.Round != "2026-baseline" || v.Totals.Assessed != 2 || v.Totals.Regions != len(v.Regions) || len(v.Regions) < 12 {
		t.Fatalf("view: %+v", v)
	}
	sc := cli(t, db, "", sample, "score", a, "--json")
	var s struct{ Overall map[string]any }
	if err := json.Unmarshal([]byte(sc.stdout), &s); err != nil {
		t.Fatal(err)
	}
	for _, row := range v.Regions {
		if row.Code == "oriental" {
			if row.Assessment != a || fmt.Sprint(*row.Overall) != fmt.Sprint(s.Overall["score"]) || !row.Provisional {
				t.Fatalf("oriental: %+v, score %v", row, s.Overall)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "n.html")
	if r := cliEnv(t, []string{"INDIMAJ_DB=" + db, "HOME=" + t.TempDir()}, sample, "national", "--lang", "ar", "-o", out); r.code != 0 {
		t.Fatalf("national -o html: %d %s", r.code, r.stderr)
	}
	page, _ := os.ReadFile(out)
	if !bytes.Contains(page, []byte(`dir="rtl"`)) || !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("the HTML page: %.200s", page)
	}
	r = cli(t, db, "", sample, "national", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "round,region,") || !strings.Contains(r.stdout, "2026-baseline,oriental,") {
		t.Fatalf("csv: %d %s", r.code, r.stdout)
	}
	r = cli(t, db, "", sample, "national")
	if r.code != 0 || !strings.Contains(r.stdout, "2 of ") {
		t.Fatalf("table: %d %s", r.code, r.stdout)
	}
	for _, bad := range [][]string{{"--round", "1999"}, {"--format", "pdf"}, {"--lang", "de"}} {
		if r := cli(t, db, "", append([]string{sample, "national"}, bad...)...); r.code != 2 {
			t.Errorf("national %v: %d %s", bad, r.code, r.stderr)
		}
	}
}
