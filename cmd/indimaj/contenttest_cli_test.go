package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `indimaj test`: the embedded cases pass; a content folder's cases pass,
// fail (exit 1, each expectation located with the actual value) or are
// malformed (exit 2, nothing written); --update rewrites expect only.
func TestContentTestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	r := cli(t, db, "", "test")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "ok: ") || !strings.Contains(r.stdout, " cases, ") {
		t.Fatalf("test (embedded): %d %q %q", r.code, r.stdout, r.stderr)
	}
	dir := t.TempDir()
	copyDir(t, "../../examples/sample", dir)
	r = cli(t, db, "", "test", dir)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "ok: "+dir+": 2 cases, ") {
		t.Fatalf("test sample: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// A wrong expectation: exit 1, located, with the actual value.
	plan := filepath.Join(dir, "tests", "plan-adopted.yaml")
	orig, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(orig), "    gov: {score: 33.3, band: weak}\n  fires", "    gov: {score: 40, band: weak}\n  fires", 1)
	if broken == string(orig) {
		t.Fatal("the sample case changed: update this test")
	}
	os.WriteFile(plan, []byte(broken), 0o600)
	r = cli(t, db, "", "test", dir)
	want := plan + ":12:18: assert.sections.gov.score: expected 40, got 33.3\n"
	if r.code != 1 || !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "FAIL: "+dir+": 1 of 2 cases failed, 1 expectations not met") {
		t.Fatalf("failing case: %d\n%s\n%s\nwant first line %q", r.code, r.stdout, r.stderr, want)
	}
	// --update rewrites a stale expect block back to the actual outputs.
	os.WriteFile(plan, []byte(strings.Replace(string(orig), "fired_count: 3", "fired_count: 9", 1)), 0o600)
	r = cli(t, db, "", "test", "--update", dir)
	data, _ := os.ReadFile(plan)
	if r.code != 0 || string(data) != string(orig) || !strings.Contains(r.stderr, "updated: "+plan) {
		t.Fatalf("--update: %d %q %q\n%s", r.code, r.stdout, r.stderr, data)
	}
	// A malformed case: exit 2, one located line per problem, nothing written.
	bad := strings.Replace(string(orig), "  plan: full", "  plann: full", 1)
	os.WriteFile(plan, []byte(bad), 0o600)
	r = cli(t, db, "", "test", "--update", dir)
	data, _ = os.ReadFile(plan)
	if r.code != 2 || strings.TrimSpace(r.stderr) != "indimaj: "+plan+`:6:3: answers: unknown question "plann" (did you mean "plan"?)` || string(data) != bad {
		t.Fatalf("malformed case: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// --update needs a folder; a folder without cases is refused.
	if r := cli(t, db, "", "test", "--update"); r.code != 2 || !strings.Contains(r.stderr, "--update") {
		t.Errorf("--update without a folder: %d %q", r.code, r.stderr)
	}
	os.RemoveAll(filepath.Join(dir, "tests"))
	if r := cli(t, db, "", "test", dir); r.code != 2 || !strings.Contains(r.stderr, "no test cases") {
		t.Errorf("no cases: %d %q", r.code, r.stderr)
	}
}
