package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/internal/i18n"
	bolt "go.etcd.io/bbolt"
)

var binary string

// TestMain builds the real binary once; the tests run it as a user would.
// With CLI_HELPER=hold the test binary instead holds a database open.
func TestMain(m *testing.M) {
	// Messages in English whatever the machine's locale (tests read them).
	os.Setenv("INDIMAJ_LANG", "en")
	if os.Getenv("CLI_HELPER") == "hold" {
		db, err := bolt.Open(os.Getenv("CLI_DB"), 0o600, nil)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		db.Close()
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "indimaj-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "indimaj")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the binary with a private database and HOME.
func cli(t *testing.T, db string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "INDIMAJ_DB="+db, "HOME="+t.TempDir(), "NO_COLOR=1")
	cmd.Stdin = strings.NewReader(stdin)
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

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const sampleAnswers = `respondent_role: Chargée de mission
priorities: [P1, P3]
residents: 12000
plan: partial
unit: full
unit_staff: {value: partial, note: "Décision n° 12/2024"}
desk: dont_know
health: {value: not_applicable, note: "compétence de l'État"}
shelter: false
budget: 2.5
`

const sample = "--content=../../examples/sample"

func TestValidate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	r := cli(t, db, "", "validate")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "ok: embedded content: questionnaire indimaj-regional") {
		t.Fatalf("validate embedded: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, db, "", "validate", "--coverage")
	if r.code != 0 || !strings.Contains(r.stdout, "## Indicators without a measure\nnone") {
		t.Fatalf("validate --coverage: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// A broken copy of the sample: every problem, located, exit 2.
	dir := t.TempDir()
	copyDir(t, "../../examples/sample", dir)
	q := filepath.Join(dir, "questionnaires", "sample.yaml")
	data, _ := os.ReadFile(q)
	broken := strings.Replace(string(data), "relevant: has_unit", "relevant: has_unti", 1)
	broken = strings.Replace(broken, "type: boolean", "type: bool", 1)
	os.WriteFile(q, []byte(broken), 0o600)
	r = cli(t, db, "", "validate", dir)
	if r.code != 2 {
		t.Fatalf("validate broken: exit %d", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "sample.yaml:68:19: question unit_staff: relevant: unknown name has_unti") ||
		!strings.Contains(lines[1], "sample.yaml:111:15: question shelter: unknown type \"bool\"") {
		t.Fatalf("messages:\n%s", r.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("validate created a database")
	}
}

// Issue 13 item 8: an unknown question inside a helper's arguments, in the
// embedded content's relevance, is refused at its line and column (it once
// validated "ok", and the question would never have been shown).
func TestValidateUnknownNameInRelevance(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../questionnaires", filepath.Join(dir, "questionnaires"))
	copyDir(t, "../../rules", filepath.Join(dir, "rules"))
	ctx := filepath.Join(dir, "questionnaires", "ctx.yaml")
	data, err := os.ReadFile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const old = `relevant: 'selected(ctx_institution, "other")'`
	i := strings.Index(string(data), old)
	if i < 0 {
		t.Fatalf("ctx.yaml no longer has %s", old)
	}
	line := strings.Count(string(data[:i]), "\n") + 1
	col := i - strings.LastIndex(string(data[:i]), "\n") + len("relevant: 'selected(")
	os.WriteFile(ctx, []byte(strings.Replace(string(data), old, `relevant: 'selected(no_such_question_zz, "other")'`, 1)), 0o600)
	r := cli(t, filepath.Join(dir, "x.db"), "", "validate", dir)
	want := fmt.Sprintf("ctx.yaml:%d:%d: question ctx_institution_other: relevant: unknown name no_such_question_zz", line, col)
	if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, want) {
		t.Fatalf("validate: exit %d %q, want exit 2 and %q", r.code, r.stderr, want)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAnswerShowAssessmentsJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d", "x.db")
	file := writeFile(t, "a.yaml", sampleAnswers)
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A. Benali", "--answers", file)
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	id := lastLine(r.stdout)
	if len(id) != 26 || !strings.Contains(r.stderr, "kept but ignored") || !strings.Contains(r.stderr, "budget") {
		t.Fatalf("id %q, stderr %q", id, r.stderr)
	}
	r = cli(t, db, "", sample, "show", id, "--json")
	var shown map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil {
		t.Fatalf("show --json: %v\n%s", err, r.stdout)
	}
	answers := shown["answers"].(map[string]any)
	if len(answers) != 10 {
		t.Fatalf("%d answers", len(answers))
	}
	staff := answers["unit_staff"].(map[string]any)
	if staff["value"] != "partial" || staff["note"] != "Décision n° 12/2024" || staff["respondent"] != "A. Benali" || staff["at"] == "" {
		t.Fatalf("unit_staff = %v", staff)
	}
	if v := answers["priorities"].(map[string]any)["value"]; !reflect.DeepEqual(v, []any{"P1", "P3"}) {
		t.Fatalf("priorities = %v", v)
	}
	if v := answers["residents"].(map[string]any)["value"]; v != 12000.0 {
		t.Fatalf("residents = %v", v)
	}
	for _, k := range []string{"id", "region", "round", "questionnaire", "version", "status", "respondents", "created", "updated"} {
		if _, ok := shown[k]; !ok {
			t.Errorf("show --json lacks %q", k)
		}
	}
	if !reflect.DeepEqual(shown["respondents"], []any{"A. Benali"}) {
		t.Fatalf("respondents = %v", shown["respondents"])
	}
	r = cli(t, db, "", sample, "assessments", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("assessments --json: %v %s", err, r.stdout)
	}
	keys := make([]string, 0)
	for k := range list[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"answered", "coverage", "created", "id", "overall", "provisional", "questionnaire", "region", "relevant", "respondents", "round", "status", "updated", "version"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("keys = %v", keys)
	}
	if list[0]["answered"] != 9.0 || list[0]["relevant"] != 9.0 || list[0]["round"] != fmt.Sprintf("%d-baseline", time.Now().Year()) {
		t.Fatalf("row = %v", list[0])
	}
	// Adding to the assessment, as another respondent, by id prefix.
	more := writeFile(t, "b.yaml", "desk: partial\ndesk_languages: [fr, ar]\n")
	r = cli(t, db, "", sample, "answer", "--assessment", id[:10], "--respondent", "K. Idrissi", "--answers", more)
	if r.code != 0 || lastLine(r.stdout) != id {
		t.Fatalf("add: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, db, "", sample, "show", id, "--json")
	json.Unmarshal([]byte(r.stdout), &shown)
	if !reflect.DeepEqual(shown["respondents"], []any{"A. Benali", "K. Idrissi"}) {
		t.Fatalf("respondents = %v", shown["respondents"])
	}
}

func TestAnswerAllOrNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	bad := writeFile(t, "bad.yaml", "plna: full\nplan: maybe\nresidents: -5\npriorities: [P1, P9]\nhealth: not_applicable\nshelter: \"perhaps\"\nunit: full\n")
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "B", "--answers", bad)
	if r.code != 2 {
		t.Fatalf("exit %d", r.code)
	}
	want := []string{
		"bad.yaml:1:1: plna: unknown question (did you mean \"plan\"?)",
		"bad.yaml:2:1: plan: \"maybe\" is not one of the choices",
		"bad.yaml:3:1: residents: A number between 0 and 10 million",
		"bad.yaml:4:1: priorities: \"P9\" is not one of the choices",
		"bad.yaml:5:1: health: \"not_applicable\" needs a note",
		"bad.yaml:6:10: shelter: expected true or false",
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), r.stderr)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a rejected answers file created the database")
	}
	// Into an existing assessment: nothing of the file is written either.
	good := writeFile(t, "good.yaml", "plan: full\n")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "B", "--answers", good).stdout)
	before := cli(t, db, "", sample, "show", id, "--json").stdout
	mixed := writeFile(t, "mixed.yaml", "unit: full\nplan: nope\n")
	if r := cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "B", "--answers", mixed); r.code != 2 {
		t.Fatalf("mixed: exit %d", r.code)
	}
	if after := cli(t, db, "", sample, "show", id, "--json").stdout; after != before {
		t.Fatal("a rejected file changed the assessment")
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"answer", "--region", "atlantis", "--respondent", "B", "--answers", good}, "unknown region \"atlantis\""},
		{[]string{"answer", "--region", "oriental", "--answers", good}, "--respondent NAME is required"},
		{[]string{"answer", "--region", "oriental", "--respondent", "B", "--answers", "/nonexistent.yaml"}, "cannot read the answers file"},
		{[]string{"answer", "--region", "oriental", "--respondent", "B", "--answers", writeFile(t, "e.yaml", "")}, "no answers"},
		{[]string{"answer", "--region", "oriental", "--respondent", "B", "--answers", writeFile(t, "l.yaml", "- a\n- b\n")}, "expected a mapping"},
		{[]string{"answer", "--region", "oriental", "--respondent", "B", "--answers", writeFile(t, "s.yaml", "plan: [\n")}, "s.yaml:"},
		{[]string{"show", "ZZZZZZZZ"}, "no such assessment"},
		{[]string{"score", id, "--lang", "de"}, "unknown language"},
		{[]string{"nonsense"}, "unknown command"},
	} {
		r := cli(t, db, "", append([]string{sample}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line containing %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	db1 := filepath.Join(t.TempDir(), "one.db")
	db2 := filepath.Join(t.TempDir(), "two.db")
	file := writeFile(t, "a.yaml", sampleAnswers)
	id := lastLine(cli(t, db1, "", sample, "answer", "--region", "souss-massa", "--respondent", "A", "--answers", file).stdout)
	bundle := filepath.Join(t.TempDir(), "b.json")
	if r := cli(t, db1, "", sample, "export", id, "-o", bundle); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	// Import with the EMBEDDED content current: the bundle carries its own.
	r := cli(t, db2, "", "import", bundle)
	if r.code != 0 || lastLine(r.stdout) != id {
		t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
	}
	a := cli(t, db1, "", sample, "show", id, "--json").stdout
	b := cli(t, db2, "", "show", id, "--json").stdout
	if a != b {
		t.Fatalf("round trip differs:\n%s\n---\n%s", a, b)
	}
	if r := cli(t, db2, "", "score", id, "--json"); r.code != 0 || !strings.Contains(r.stderr, "evaluated with the content it was started with") {
		t.Fatalf("score of an imported assessment with other current content: %d %s", r.code, r.stderr)
	}
	// Importing it again merges nothing new and changes nothing.
	if r := cli(t, db2, "", "import", bundle); r.code != 0 || !strings.Contains(r.stderr, "0 records changed") {
		t.Fatalf("second import: %d %s", r.code, r.stderr)
	}
	if again := cli(t, db2, "", "show", id, "--json").stdout; again != b {
		t.Fatal("importing the same bundle twice changed the assessment")
	}
	// Damaged bundles: exit 2, nothing written.
	data, _ := os.ReadFile(bundle)
	db3 := filepath.Join(t.TempDir(), "three.db")
	for name, damaged := range map[string]string{
		"truncated": string(data[:len(data)/2]),
		"value":     strings.Replace(string(data), `"value": "partial"`, `"value": "bogus"`, 1),
		"content":   strings.Replace(string(data), "Gouvernance", "Gouvernanse", 1),
		"region":    strings.Replace(string(data), `"region": "souss-massa"`, `"region": "mars"`, 1),
		"format":    strings.Replace(string(data), "indimaj-bundle/1", "indimaj-bundle/9", 1),
		"notjson":   "hello",
	} {
		p := writeFile(t, name+".json", damaged)
		r := cli(t, db3, "", "import", p)
		if r.code != 2 || !strings.Contains(r.stderr, name+".json") {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(db3); err == nil {
		t.Fatal("a damaged bundle created the database")
	}
}

func TestScoreRecommendWhatifJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", sampleAnswers)).stdout)
	var sc struct {
		Assessment    string
		Questionnaire struct{ ID, Version string }
		Overall       struct {
			Score    *float64
			Band     string
			Coverage float64
		}
		Sections []struct {
			ID                 string
			Score              *float64
			Band               string
			Answered, Relevant int
			Coverage           float64
			LowConfidence      bool `json:"low_confidence"`
		}
		Indicators []struct {
			ID, Section, Status string
			Score               *float64
		}
		By map[string]map[string]*float64
	}
	r := cli(t, db, "", sample, "score", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatal(err)
	}
	if sc.Assessment != id || sc.Questionnaire.ID != "sample" || *sc.Overall.Score != 66.7 || sc.Overall.Band != "advanced" {
		t.Fatalf("score = %+v", sc)
	}
	if len(sc.Sections) != 2 || sc.Sections[1].Score != nil || !sc.Sections[1].LowConfidence || sc.By["snia"]["P11"] == nil {
		t.Fatalf("sections = %+v", sc.Sections)
	}
	statuses := map[string]string{}
	for _, i := range sc.Indicators {
		statuses[i.ID] = i.Status
	}
	if statuses["desk"] != "dont_know" || statuses["health"] != "not_applicable" || statuses["plan"] != "answered" {
		t.Fatalf("statuses = %v", statuses)
	}
	var rec struct {
		Recommendations []struct {
			Rank     int
			Measure  string
			Priority float64
			Because  []struct{ Indicator, Condition string }
			Factors  map[string]any
		}
	}
	r = cli(t, db, "", sample, "recommend", id, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Recommendations) != 2 || rec.Recommendations[0].Measure != "adopt_plan" || rec.Recommendations[0].Because[0].Indicator != "plan" {
		t.Fatalf("recommendations = %+v", rec.Recommendations)
	}
	before := cli(t, db, "", sample, "show", id, "--json").stdout
	r = cli(t, db, "", sample, "whatif", id, "--set", "plan=full", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"saved": false`) {
		t.Fatalf("whatif: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if after := cli(t, db, "", sample, "show", id, "--json").stdout; after != before {
		t.Fatal("whatif changed the assessment")
	}
	r = cli(t, db, "", sample, "whatif", id, "--next-band", "gov")
	if r.code != 0 || !strings.Contains(r.stdout, "plan") || !strings.Contains(r.stdout, "83,3") {
		t.Fatalf("next-band: %s %s", r.stdout, r.stderr)
	}
	if r := cli(t, db, "", sample, "whatif", id, "--set", "plan=nope"); r.code != 2 {
		t.Fatalf("whatif bad value: %d", r.code)
	}
}

// TestTextOutputInThreeLanguages: score, recommend --explain and whatif
// print their text in the language asked (content and interface), with no
// English left in French or Arabic; every "cli." string exists in the three.
func TestTextOutputInThreeLanguages(t *testing.T) {
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "cli.") {
			for _, lang := range i18n.Languages {
				if !i18n.Has(lang, k) {
					t.Errorf("%s has no %s text", k, lang)
				}
			}
		}
	}
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", sampleAnswers)).stdout)
	want := map[string][]string{
		"fr": {"SCORE GLOBAL", "couverture", "parce que", "priorité =", "avec gap=", "vrai  ←", "faux  ←", "coût faible", "Simulation (rien n'est enregistré)", "tranche suivante", "changement(s)"},
		"ar": {"النقطة الإجمالية", "التغطية", "لأن", "الأولوية =", "صحيح  ←", "خطأ   ←", "الكلفة", "محاكاة", "الفئة الموالية", "تغيير(ات)"},
		"en": {"OVERALL", "coverage", "because", "priority =", "true", "cost low", "What-if (nothing saved)", "next band", "change(s)"},
	}
	// The formula's inputs keep their names and values (aligned=false): they are
	// what the formula reads. The trace's verdicts are translated.
	english := []string{"OVERALL", "coverage", "because", "priority =", "cost ", "What-if", "next band", "change(s)", "rank", "true  ←", "false ←"}
	for _, lang := range []string{"fr", "ar", "en"} {
		var out strings.Builder
		for _, args := range [][]string{
			{"score", id},
			{"recommend", id, "--explain"},
			{"whatif", id, "--set", "plan=full"},
			{"whatif", id, "--next-band", "gov"},
		} {
			r := cli(t, db, "", append([]string{sample}, append(args, "--lang", lang)...)...)
			if r.code != 0 {
				t.Fatalf("%s %v: exit %d %s", lang, args, r.code, r.stderr)
			}
			out.WriteString(r.stdout)
		}
		for _, w := range want[lang] {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s output lacks %q:\n%s", lang, w, out.String())
			}
		}
		if lang == "en" {
			continue
		}
		// The policy's tie-break keys are code, printed as written (like the
		// formula): they are left out of the check.
		text := strings.ReplaceAll(out.String(), "cost == 'low' ? 3 : cost == 'medium' ? 2 : 1", "")
		for _, w := range english {
			if strings.Contains(text, w) {
				t.Errorf("%s output has English %q:\n%s", lang, w, out.String())
			}
		}
	}
}

// TestMessagesFollowTheLanguage: the command line's messages (refusals,
// confirmations, database errors) follow INDIMAJ_LANG, else the locale; exit
// codes do not change.
func TestMessagesFollowTheLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, c := range []struct {
		env  []string
		args []string
		code int
		want string
	}{
		{[]string{"INDIMAJ_LANG=fr"}, []string{"show", "nope"}, 2, "aucune évaluation de ce nom : \"nope\" (voir `indimaj assessments`)"},
		{[]string{"INDIMAJ_LANG=ar"}, []string{"show", "nope"}, 2, "لا يوجد تقييم بهذا المعرّف"},
		{[]string{"INDIMAJ_LANG=", "LC_ALL=", "LC_MESSAGES=", "LANG=fr_MA.UTF-8"}, []string{sample, "answer", "--region", "oriental", "--answers", "x.yaml"}, 2, "--respondent NAME est obligatoire"},
		{[]string{"INDIMAJ_LANG=", "LC_ALL=", "LC_MESSAGES=", "LANG=ar_MA.UTF-8"}, []string{"score", "nope", "--lang", "fr"}, 2, "لا يوجد تقييم"},
		{[]string{"INDIMAJ_LANG=fr"}, []string{sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: partial\nfoo: 1\n")}, 2, "foo: question inconnue"},
		{[]string{"INDIMAJ_LANG=fr"}, []string{sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "b.yaml", "plan: partial\n")}, 0, "1 réponses enregistrées"},
	} {
		r := cliEnv(t, append([]string{"INDIMAJ_DB=" + db, "HOME=" + t.TempDir()}, c.env...), c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v %v: exit %d (want %d), stderr %q, want %q", c.env, c.args, r.code, c.code, r.stderr, c.want)
		}
	}
	damaged := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(damaged, []byte("not a database at all, just text that is long enough"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := cliEnv(t, []string{"INDIMAJ_DB=" + damaged, "HOME=" + t.TempDir(), "INDIMAJ_LANG=fr"}, "assessments"); r.code != 1 || !strings.Contains(r.stderr, "base de données endommagée") {
		t.Errorf("damaged database in French: exit %d, %q", r.code, r.stderr)
	}
}

func TestBusyAndDamagedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: full\n"))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CLI_HELPER=hold", "CLI_DB="+db)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "holding" {
		t.Fatalf("helper: %q", line)
	}
	start := time.Now()
	r := cli(t, db, "", sample, "assessments")
	elapsed := time.Since(start)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if r.code != 1 || !strings.Contains(r.stderr, "another indimaj process is using") {
		t.Fatalf("busy: exit %d %q", r.code, r.stderr)
	}
	if elapsed > 15*time.Second {
		t.Fatalf("gave up after %v", elapsed)
	}
	if r := cli(t, db, "", sample, "assessments"); r.code != 0 {
		t.Fatalf("after release: %d %s", r.code, r.stderr)
	}
	// A damaged file: exit 1, a clear message, no stack trace, file untouched.
	data, _ := os.ReadFile(db)
	os.WriteFile(db, data[:8192], 0o600)
	r = cli(t, db, "", sample, "assessments")
	if r.code != 1 || !strings.Contains(r.stderr, "damaged") {
		t.Fatalf("damaged: exit %d %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(db); len(after) != 8192 {
		t.Fatal("the damaged file was modified")
	}
}

func TestDeleteNeedsConfirmation(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	id := lastLine(cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", "plan: full\n")).stdout)
	if r := cli(t, db, "", sample, "delete", id); r.code != 2 || !strings.Contains(r.stderr, "--yes") {
		t.Fatalf("delete without --yes: %d %s", r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "delete", id, "--yes"); r.code != 0 {
		t.Fatalf("delete --yes: %d %s", r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "show", id); r.code != 2 {
		t.Fatalf("show after delete: %d", r.code)
	}
}

func TestQuestionnaireJSONAndMarkdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	r := cli(t, db, "", "questionnaire", "--json")
	var q struct {
		ID, Version string
		Languages   []string
		Sections    []struct {
			ID        string
			Title     map[string]string
			Questions []struct {
				ID, Type, Relevant string
				Required           bool
				Label              map[string]string
				Choices            []struct {
					Value string
					Score *float64
					Label map[string]string
				}
				Refs struct {
					MGI, MIPEX, Competence string
					SNIA, SDG              []string
					GCM                    []int
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &q); err != nil {
		t.Fatal(err)
	}
	if q.ID != "indimaj-regional" || len(q.Sections) != 9 || !reflect.DeepEqual(q.Languages, []string{"fr", "ar", "en"}) {
		t.Fatalf("questionnaire = %s %d %v", q.ID, len(q.Sections), q.Languages)
	}
	gov03 := q.Sections[1].Questions[2]
	if gov03.ID != "gov03" || gov03.Refs.MGI != "D2" || len(gov03.Choices) < 4 || gov03.Choices[3].Score != nil || *gov03.Choices[2].Score != 100 {
		t.Fatalf("gov03 = %+v", gov03)
	}
	r = cli(t, db, "", "questionnaire", "--format", "md", "--lang", "ar")
	if r.code != 0 || !strings.Contains(r.stdout, "التقييم الذاتي الجهوي") || !strings.Contains(r.stdout, "`gov03`") {
		t.Fatalf("markdown: %d %.200s", r.code, r.stdout)
	}
	r = cli(t, db, "", "measures", "--json")
	var ms []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &ms); err != nil || len(ms) < 40 {
		t.Fatalf("measures: %v %d", err, len(ms))
	}
	for _, k := range []string{"id", "title", "snia", "sdg", "gcm", "lead", "partners", "horizon", "cost", "kpi", "indicators"} {
		if _, ok := ms[0][k]; !ok {
			t.Errorf("measures --json lacks %q", k)
		}
	}
}
