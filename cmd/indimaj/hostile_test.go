package main

// The hostile-input suite (issue 17): every input is generated here, fed to
// the real binary through each entry point, and the refusal checked — exit
// code, a located one-line message, nothing written, nothing raw on the
// terminal or in the files.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// hostileText holds everything a terminal would act on: a screen clear, a
// window title (OSC), a bell, a carriage return, a right-to-left override,
// an isolate and a C1 control.
const hostileText = "X\x1b[2J\x1b]0;pwned\aY\r\u202eZ\u2066W\u0085"

// noRawControls fails when out holds any character of hostileText raw.
func noRawControls(t *testing.T, where, out string) {
	t.Helper()
	for _, bad := range []string{"\x1b[2J", "\x1b]", "\a", "\r", "\u202e", "\u2066", "\u0085"} {
		if strings.Contains(out, bad) {
			t.Errorf("%s: raw %q in the output:\n%q", where, bad, out)
		}
	}
}

// newSample creates an assessment of the sample content and returns its id.
func newSample(t *testing.T, db string) string {
	t.Helper()
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "Amina", "--answers", writeFile(t, "a.yaml", sampleAnswers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	return lastLine(r.stdout)
}

func countAssessments(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	r := cli(t, db, "", sample, "assessments", "--json")
	var list []any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("assessments --json: %v %q", err, r.stdout)
	}
	return len(list)
}

// refused checks a refusal: exit 2, every stderr line starting "indimaj: ",
// want in it, no raw control character.
func refused(t *testing.T, what string, r result, want string) {
	t.Helper()
	if r.code != 2 {
		t.Errorf("%s: exit %d, want 2\nstdout %q\nstderr %q", what, r.code, r.stdout, r.stderr)
		return
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("%s: stderr lacks %q:\n%s", what, want, r.stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(l, "indimaj: ") {
			t.Errorf("%s: stray line %q", what, l)
		}
	}
	noRawControls(t, what, r.stderr)
}

// Item 1: nesting, size, value count and encoding are refused before any
// parser runs, through every reader (content folders, answers, bundles).
func TestHostileParsersAreBounded(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	deep := "policy: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
	deepContent := filepath.Join(dir, "deep")
	copyDir(t, "../../examples/sample", deepContent)
	os.WriteFile(filepath.Join(deepContent, "rules", "deep.yaml"), []byte(deep), 0o600)
	atDepth := fmt.Sprintf("deep.yaml:1:%d: ", 8+ydoc.MaxDepth)
	refused(t, "validate", cli(t, db, "", "validate", deepContent), atDepth+"values are nested more than 64 levels deep here")
	refused(t, "--content", cli(t, db, "", "--content", deepContent, "questionnaire"), atDepth)

	block := ""
	for i := range 200 {
		block += strings.Repeat(" ", i) + "k:\n"
	}
	os.WriteFile(filepath.Join(deepContent, "rules", "deep.yaml"), []byte(block), 0o600)
	refused(t, "validate block nesting", cli(t, db, "", "validate", deepContent), "deep.yaml:65:65: values are nested")

	// Many files, each under the limits, that add up past them.
	os.Remove(filepath.Join(deepContent, "rules", "deep.yaml"))
	pad := "# " + strings.Repeat("x", 1<<20) + "\n"
	for i := range 9 {
		os.WriteFile(filepath.Join(deepContent, "rules", fmt.Sprintf("pad%d.yaml", i)), []byte(strings.Repeat(pad, 1)), 0o600)
	}
	refused(t, "content set too large", cli(t, db, "", "validate", deepContent), "more than the limit of 8388608 bytes")

	// Invalid UTF-8 in content: located, never turned into U+FFFD.
	utfContent := filepath.Join(dir, "utf")
	copyDir(t, "../../examples/sample", utfContent)
	q := filepath.Join(utfContent, "questionnaires", "sample.yaml")
	data, _ := os.ReadFile(q)
	os.WriteFile(q, []byte(strings.Replace(string(data), "Nombre approximatif", "Nombre \xffapproximatif", 1)), 0o600)
	refused(t, "validate invalid UTF-8", cli(t, db, "", "validate", utfContent), "sample.yaml:44:")

	// Answers files, YAML and JSON.
	answers := map[string]string{
		"deep.yaml":  "residents: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000),
		"deep.json":  strings.Repeat(`{"a":`, 30000) + "1" + strings.Repeat("}", 30000),
		"many.json":  "[" + strings.Repeat("1,", ydoc.MaxNodes) + "1]",
		"utf8.yaml":  "respondent_role: \"Dir\xe9ctrice\"\n",
		"large.yaml": "respondent_role: \"" + strings.Repeat("x", ydoc.MaxFileSize) + "\"\n",
	}
	for name, doc := range answers {
		r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, name, doc))
		want := map[string]string{"deep.yaml": name + ":1:", "deep.json": name + ":1:", "many.json": fmt.Sprintf("more than %d values", ydoc.MaxNodes),
			"utf8.yaml": name + ":1:22: this is not valid UTF-8", "large.yaml": "more than the limit of 8388608 bytes"}[name]
		refused(t, "answer "+name, r, want)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		refused(t, "answer /dev/zero", cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", "/dev/zero"),
			"/dev/zero:1:1: the file is 8388609 bytes long, more than the limit of 8388608 bytes")
	}
	if n := countAssessments(t, db); n != 0 {
		t.Fatalf("%d assessments written by refused answers", n)
	}

	// A piped interview line without end is refused, not held in memory.
	in := strings.Repeat("x", 200000) + "\n"
	refused(t, "interview long line", cli(t, filepath.Join(dir, "iv.db"), in, sample, "interview", "--accessible", "--region", "oriental", "--respondent", "K",
		"--institution", "CR", "--role", "DGS", "--round", "r1", "--lang", "en"), "a line longer than 65536 bytes: refused")

	// Bundles.
	for name, doc := range map[string]string{
		"deep.json":  `{"format": "indimaj-bundle/1", "assessment": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}",
		"large.json": `{"format": "indimaj-bundle/1", "content": {"x": "` + strings.Repeat("y", ydoc.MaxFileSize) + `"}}`,
	} {
		refused(t, "import "+name, cli(t, db, "", sample, "import", writeFile(t, name, doc)), name+":1:")
	}
	if n := countAssessments(t, db); n != 0 {
		t.Fatalf("%d assessments written by refused imports", n)
	}
}

// Item 2: NaN, ±Inf and values that break a constraint are refused by every
// path that writes an answer.
func TestHostileValuesRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	id := newSample(t, db)

	// answer: residents is an integer (0 to 10 million), budget a decimal (≥ 0).
	for _, bad := range []string{"residents: -.inf", "residents: .inf", "residents: .nan", "residents: -5", "residents: .NaN",
		"budget: .nan", "budget: -.inf", "budget: +.inf", "budget: -1.5", `budget: "NaN"`, `budget: "1e999"`} {
		r := cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "Amina", "--answers", writeFile(t, "bad.yaml", bad+"\n"))
		refused(t, "answer "+bad, r, "bad.yaml:1:")
	}
	// consensus (typed values)
	for _, v := range [][2]string{{"residents", "-5"}, {"residents", "-.inf"}, {"residents", "NaN"}, {"budget", "NaN"}, {"budget", "Inf"},
		{"budget", "-Infinity"}, {"budget", "1e999"}, {"budget", "-3"}} {
		r := cli(t, db, "", sample, "consensus", "--by", "Facilitator", "--", id, v[0], v[1])
		refused(t, "consensus "+v[0]+"="+v[1], r, v[0])
	}
	// import: a bundle whose values break the question's constraint or type.
	bundle := filepath.Join(dir, "b.json")
	if r := cli(t, db, "", sample, "export", id, "-o", bundle); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	good, _ := os.ReadFile(bundle)
	if !strings.Contains(string(good), `"value": 12000`) {
		t.Fatalf("bundle without residents 12000:\n%s", good)
	}
	for _, bad := range []string{`"value": -5`, `"value": .nan`, `"value": -.inf`} {
		p := writeFile(t, "bad.json", strings.Replace(string(good), `"value": 12000`, bad, 1))
		r := cli(t, filepath.Join(dir, "other.db"), "", sample, "import", p)
		refused(t, "import "+bad, r, "bad.json:")
	}
	if n := countAssessments(t, filepath.Join(dir, "other.db")); n != 0 {
		t.Fatalf("%d assessments imported from bad bundles", n)
	}
	// interview (accessible mode, piped): every bad value is asked again.
	in := strings.Join([]string{"Directrice", "1 3", "-.inf", "NaN", "-5", "Infinity", "q"}, "\n") + "\n"
	r := cli(t, db, in, sample, "interview", "--accessible", "--region", "oriental", "--respondent", "Karim", "--institution", "CR",
		"--role", "DGS", "--round", "r1", "--lang", "en")
	if r.code != 0 || strings.Count(r.stdout, "[residents]") != 5 {
		t.Errorf("interview: exit %d, residents asked %d times, want 5\n%s\n%s", r.code, strings.Count(r.stdout, "[residents]"), r.stdout, r.stderr)
	}
	// xlsform submissions (CSV and JSON).
	for name, doc := range map[string]string{
		"subs.csv":  "gov/residents,gov/budget\n-inf,1\n",
		"subs2.csv": "gov/residents,gov/budget\n5,NaN\n",
		"subs.json": `[{"gov/residents": -5}]`,
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(doc), 0o600)
		refused(t, "submissions "+name, cli(t, db, "", sample, "xlsform", "submissions", p, "--region", "oriental"), name)
	}
	// Nothing bad was stored by any path.
	r = cli(t, db, "", sample, "show", id, "--json")
	if r.code != 0 || strings.Contains(r.stdout, "NaN") || strings.Contains(r.stdout, "Inf") || !strings.Contains(r.stdout, `"value": 12000`) {
		t.Errorf("show after the refusals: %d\n%s", r.code, r.stdout)
	}
	if n := countAssessments(t, db); n != 2 { // the sample, and the interview's
		t.Errorf("%d assessments, want 2", n)
	}
}

// Item 3: names that would act on a terminal are refused everywhere they
// enter; free text (notes, text answers) is kept but never printed raw, on
// the terminal or in reports.
func TestHostileTerminalInjection(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	id := newSample(t, db)

	ans := writeFile(t, "a.yaml", "plan: partial\n")
	// Round labels have a syntax of their own (letters, digits, - _ . /);
	// respondents' names are free but for control and direction characters.
	for _, c := range []struct {
		want string
		args []string
	}{
		{"not allowed in a name", []string{"answer", "--region", "oriental", "--respondent", hostileText, "--answers", ans}},
		{`invalid round label "r\u202e1"`, []string{"answer", "--region", "oriental", "--respondent", "A", "--round", "r\u202e1", "--answers", ans}},
		{"not allowed in a name", []string{"answer", "--assessment", id, "--respondent", "B\x1b]0;t\a", "--answers", ans}},
		{"not allowed in a name", []string{"interview", "--accessible", "--region", "oriental", "--respondent", "C\rD", "--institution", "CR", "--role", "DGS", "--round", "r1", "--lang", "en"}},
		{"not allowed in a name", []string{"interview", "--accessible", "--region", "oriental", "--respondent", "C", "--institution", "CR\u202e", "--role", "DGS", "--round", "r1", "--lang", "en"}},
		{`invalid round label "2027\x1b[2J"`, []string{"followup", id, "--round", "2027\x1b[2J"}},
		{"not allowed in a name", []string{"consensus", id, "plan", "full", "--by", "F\x1b[2J"}},
	} {
		r := cli(t, db, "q\n", append([]string{sample}, c.args...)...)
		refused(t, strings.Join(c.args[:1], " "), r, c.want)
	}
	// A submission's respondent column and a bundle's respondents.
	subs := filepath.Join(dir, "subs.json")
	os.WriteFile(subs, []byte(`[{"gov/plan": "partial", "who": "K\u001b[2J"}]`), 0o600)
	refused(t, "submissions", cli(t, db, "", sample, "xlsform", "submissions", subs, "--region", "oriental", "--respondent-column", "who"), "not allowed in a name")
	bundle := filepath.Join(dir, "b.json")
	cli(t, db, "", sample, "export", id, "-o", bundle)
	data, _ := os.ReadFile(bundle)
	bad := strings.ReplaceAll(string(data), `"Amina"`, `"Amina\u001b[2J"`)
	refused(t, "import", cli(t, filepath.Join(dir, "o.db"), "", sample, "import", writeFile(t, "b.json", bad)), "not allowed in a name")
	if n := countAssessments(t, db); n != 1 {
		t.Fatalf("%d assessments, want 1: a refused name was stored", n)
	}

	// Free text keeps its characters in the database but is escaped wherever it is shown.
	note := strings.NewReplacer("\x1b", `\e`, "\a", `\a`, "\r", `\r`, "\u202e", `\u202E`, "\u2066", `\u2066`, "\u0085", `\x85`).Replace(hostileText)
	text := writeFile(t, "t.yaml", fmt.Sprintf("respondent_role: \"%s\"\nunit_staff: {value: partial, note: \"%s\"}\nunit: partial\n", note, note))
	if r := cli(t, db, "", sample, "answer", "--assessment", id, "--respondent", "Amina", "--answers", text); r.code != 0 {
		t.Fatalf("answer with hostile text: %d %s", r.code, r.stderr)
	}
	if r := cli(t, db, "", sample, "consensus", id, "plan", "full", "--note", hostileText, "--by", "Amina"); r.code != 0 {
		t.Fatalf("consensus with a hostile note: %d %s", r.code, r.stderr)
	}
	r := cli(t, db, "", sample, "show", id, "--json")
	if !strings.Contains(r.stdout, `\u001b[2J`) {
		t.Fatalf("the note was not stored as given:\n%s", r.stdout)
	}
	for _, args := range [][]string{{"show", id}, {"history", id}, {"assessments"}, {"score", id}, {"results", id}, {"recommend", id},
		{"report", id, "--kind", "diagnostic", "--format", "md"}, {"report", id, "--kind", "diagnostic", "--format", "html"},
		{"report", id, "--kind", "diagnostic", "--format", "csv"}, {"report", id, "--kind", "divergence", "--format", "md"},
		{"report", id, "--kind", "action-plan", "--format", "html"}} {
		r := cli(t, db, "", append([]string{sample}, args...)...)
		if r.code != 0 {
			t.Errorf("%v: exit %d %s", args, r.code, r.stderr)
		}
		noRawControls(t, strings.Join(args, " "), r.stdout+r.stderr)
	}
	r = cli(t, db, "", sample, "show", id)
	if !strings.Contains(r.stdout, `X\x1b[2J\x1b]0;pwned\x07Y\rZ`) && !strings.Contains(r.stdout, `X\x1b[2J\x1b]0;pwned\x07Y\r\u202eZ`) {
		t.Errorf("show does not print the note visibly escaped:\n%s", r.stdout)
	}
	// Files written with -o are clean too.
	out := filepath.Join(dir, "r.md")
	cli(t, db, "", sample, "report", id, "--kind", "diagnostic", "--format", "md", "-o", out)
	written, _ := os.ReadFile(out)
	if len(written) == 0 {
		t.Fatal("report -o wrote nothing")
	}
	noRawControls(t, "report -o", string(written))

	// Content text with control characters (written as YAML escapes) is refused by validate.
	content := filepath.Join(dir, "content")
	copyDir(t, "../../examples/sample", content)
	q := filepath.Join(content, "questionnaires", "sample.yaml")
	qdata, _ := os.ReadFile(q)
	os.WriteFile(q, []byte(strings.Replace(string(qdata), "en: Approximate number of foreign residents", `en: "Approximate \e[2J number"`, 1)), 0o600)
	refused(t, "validate content with ESC", cli(t, db, "", "validate", content), "sample.yaml:44:")
	refused(t, "validate content with ESC", cli(t, db, "", "validate", content), "control or direction character U+001B")

	// A note that is not UTF-8 is refused, not turned into U+FFFD.
	refused(t, "consensus invalid UTF-8", cli(t, db, "", sample, "consensus", id, "plan", "full", "--note", "abc\xff", "--by", "Amina"), "not valid UTF-8")
}

// Item 5: -o never replaces a device, a FIFO, a folder or a symbolic link,
// and keeps the mode of a file it replaces; --follow-symlink writes through a
// link. Every command with -o goes through the same writer.
func TestHostileOutputTargets(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	id := newSample(t, db)
	r := cli(t, db, "", sample, "answer", "--region", "souss-massa", "--respondent", "Amina", "--answers", writeFile(t, "a.yaml", sampleAnswers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	id2 := lastLine(r.stdout)
	// The names end in .xlsx: xlsform export wants it.
	fifo := filepath.Join(dir, "fifo.xlsx")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.txt")
	os.WriteFile(target, []byte("keep"), 0o640)
	link := filepath.Join(dir, "link.xlsx")
	os.Symlink(target, link)
	sub := filepath.Join(dir, "sub.xlsx")
	os.Mkdir(sub, 0o700)

	commands := map[string][]string{
		"report":   {"report", id, "--kind", "diagnostic", "--format", "md", "-o"},
		"export":   {"export", id, "-o"},
		"compare":  {"compare", id, id2, "--format", "md", "-o"},
		"xlsform":  {"xlsform", "export", "-o"},
		"national": {"national", "--format", "csv", "-o"},
	}
	for name, args := range commands {
		for _, c := range []struct{ path, want string }{
			{fifo, "is not a regular file (a named pipe)"},
			{link, "is a symbolic link"},
			{sub, "is a folder"},
			{"/dev/null", "is not a regular file (a device)"},
		} {
			if name == "xlsform" && c.path == "/dev/null" {
				continue // refused earlier: not an .xlsx name
			}
			r := cli(t, db, "", append(append([]string{sample}, args...), c.path)...)
			refused(t, name+" -o "+c.path, r, c.want)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Error("/dev/null is no longer a device")
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was written: %q", b)
	}
	// --follow-symlink writes the target, keeps the link and the target's mode.
	r = cli(t, db, "", sample, "--follow-symlink", "report", id, "--kind", "diagnostic", "--format", "md", "-o", link)
	if r.code != 0 {
		t.Fatalf("--follow-symlink: %d %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "#") {
		t.Errorf("--follow-symlink did not write the target: %q", b)
	}
	fi, _ := os.Lstat(link)
	if fi.Mode()&os.ModeSymlink == 0 {
		t.Error("--follow-symlink replaced the link")
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640 kept", fi.Mode().Perm())
	}
	// Replacing a regular file keeps its mode, for every command.
	for name, args := range commands {
		p := filepath.Join(dir, name+".out.xlsx")
		os.WriteFile(p, []byte("old"), 0o604)
		os.Chmod(p, 0o604)
		if r := cli(t, db, "", append(append([]string{sample}, args...), p)...); r.code != 0 {
			t.Fatalf("%s -o FILE: %d %s", name, r.code, r.stderr)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o604 {
			t.Errorf("%s replaced a 0604 file with mode %v", name, fi.Mode().Perm())
		}
	}
	// demo -o DIR: a report name taken by a symbolic link is refused.
	before, _ := os.ReadFile(target)
	demo := filepath.Join(dir, "demo")
	os.Mkdir(demo, 0o700)
	os.Symlink(target, filepath.Join(demo, "summary.fr.md")) // written whatever the language
	r = cli(t, filepath.Join(dir, "demo.db"), "", "demo", "-o", demo)
	if r.code != 2 || !strings.Contains(r.stderr, "is a symbolic link") {
		t.Errorf("demo -o over a link: %d %s", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(target); string(after) != string(before) {
		t.Error("demo wrote through a link")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

// Item 7: a file with thousands of problems prints the first few and counts
// the rest.
func TestHostileRepeatedErrorsCapped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "unknown_%d: 1\n", i)
	}
	r := cli(t, db, "", sample, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", b.String()))
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 2 || len(lines) != maxErrorsShown+1 || lines[len(lines)-1] != "indimaj: … and 4980 more problems" ||
		!strings.HasPrefix(lines[0], "indimaj: ") || !strings.Contains(lines[0], "a.yaml:1:1: unknown_0: unknown question") {
		t.Fatalf("exit %d, %d lines:\n%s", r.code, len(lines), strings.Join(lines[:min(len(lines), 25)], "\n"))
	}
}
