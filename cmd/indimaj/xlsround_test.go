package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// xlsform submissions --round follows the round-label rule of interview,
// answer and followup: a bad label is refused (exit 2, one line naming the
// label) before anything is written; a good one names the assessments.
func TestSubmissionsRoundLabelRule(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	subs := filepath.Join(dir, "subs.json")
	if err := os.WriteFile(subs, []byte(`[{"gov/plan": "partial", "who": "Amina"}, {"gov/plan": "full", "who": "Karim"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"2026 baseline", "", "-2026", "2026-", "a\x1b[2Jb", "r\u202e1", "2026;drop", "x12345678901234567890123456789012345678901"} {
		r := cli(t, db, "", sample, "xlsform", "submissions", subs, "--region", "oriental", "--respondent-column", "who", "--round", bad)
		refused(t, "submissions --round "+bad, r, "invalid round label")
		if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 {
			t.Errorf("--round %q: %d lines on stderr, want one:\n%s", bad, n+1, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("--round %q: printed %q", bad, r.stdout)
		}
		if _, err := os.Stat(db); err == nil {
			if n := countAssessments(t, db); n != 0 {
				t.Fatalf("--round %q: %d assessments written", bad, n)
			}
		}
	}
	for _, merge := range []string{"--merge=false", "--merge"} {
		r := cli(t, db, "", sample, "xlsform", "submissions", subs, "--region", "oriental", "--respondent-column", "who", "--round", "2026-suivi/T1", merge)
		if r.code != 0 {
			t.Fatalf("--round 2026-suivi/T1 %s: %d %s", merge, r.code, r.stderr)
		}
		var shown struct {
			Round string `json:"round"`
		}
		s := cli(t, db, "", sample, "show", lastLine(r.stdout), "--json")
		if err := json.Unmarshal([]byte(s.stdout), &shown); err != nil || shown.Round != "2026-suivi/T1" {
			t.Errorf("show %s: round %q (%v)", lastLine(r.stdout), shown.Round, err)
		}
	}
}
