package interview

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func sampleArgs(t *testing.T, db string, args ...string) []string {
	return append([]string{"--db", db, "--content", filepath.Join(repoRoot(t), "examples", "sample")}, args...)
}

// TestAccessiblePipedInput drives the accessible mode with piped input:
// relevance, type and constraint failures re-prompting, back, autosave, and
// the end of the input stopping with everything saved.
func TestAccessiblePipedInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	input := strings.Join([]string{
		"Directrice", // respondent_role
		"1 3",        // priorities
		"abc",        // residents: not a number
		"-5",         // residents: fails the constraint
		"1200",       // residents
		"2",          // plan: partial
		"2",          // unit: partial, so unit_staff is asked
		"<",          // back to unit
		"1",          // unit: absent, so unit_staff is not asked
		"9",          // desk: no such choice
	}, "\n") + "\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, db, "interview", "--accessible", "--region", "oriental",
		"--respondent", "Amina", "--institution", "CR", "--role", "DGS", "--round", "r1", "--lang", "fr")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"✗ Entrez un nombre entier",
		"✗ Un nombre entre 0 et 10 millions",
		"[unit_staff] L'unité a-t-elle du personnel dédié ?",
		"✗ Choisissez un numéro entre 1 et 4.",
		"Arrêt : toutes les réponses données sont enregistrées.",
		"--accessible",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// re-prompted on the same question after each failure
	if n := strings.Count(out, "[residents]"); n != 3 {
		t.Errorf("residents asked %d times, want 3", n)
	}
	// the follow-up was asked once (after partial), not after absent
	if n := strings.Count(out, "[unit_staff]"); n != 1 {
		t.Errorf("unit_staff asked %d times, want 1\n%s", n, out)
	}
	after := out[strings.LastIndex(out, "[unit]"):]
	if !strings.Contains(after, "Cette partie porte sur l'accès aux services.") || !strings.Contains(after, "[desk]") || strings.Contains(after, "[unit_staff]") {
		t.Errorf("after unit=absent the interview should go to the services section:\n%s", after)
	}
	id := onlyAssessment(t, db)
	got := showJSON(t, db, id)
	want := map[string]string{"respondent_role": "Directrice", "priorities": "[P1 P7]", "residents": "1200", "plan": "partial", "unit": "absent"}
	for qid, v := range want {
		if fmt.Sprint(got.Answers[qid].Value) != v {
			t.Errorf("%s = %v, want %s", qid, got.Answers[qid].Value, v)
		}
	}
	if len(got.Answers) != len(want) {
		t.Errorf("answers: %v", got.Answers)
	}

	// resume lands on the question where the input ended; a required note
	input = "4\n5\n\nLa santé relève de l'État\n"
	out, errOut, code = indimaj(t, input, sampleArgs(t, db, "resume", id, "--accessible")...)
	if code != 0 {
		t.Fatalf("resume: exit %d: %s\n%s", code, errOut, out)
	}
	first := strings.Index(out, "[")
	if first < 0 || !strings.HasPrefix(out[first:], "[desk]") {
		t.Fatalf("resume did not start on desk:\n%s", out)
	}
	if !strings.Contains(out, "Ce choix exige une note") {
		t.Errorf("no note prompt:\n%s", out)
	}
	got = showJSON(t, db, id)
	if a := got.Answers["desk"]; a.Value != "dont_know" {
		t.Errorf("desk = %v", a.Value)
	}
	if a := got.Answers["health"]; a.Value != "not_applicable" || a.Note != "La santé relève de l'État" {
		t.Errorf("health = %+v", a)
	}
}

func TestAccessibleNoteRequiredAndReview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	input := strings.Join([]string{
		">", ">", ">", ">", ">", // respondent_role … unit
		"1",                    // desk: absent
		"5",                    // health: not applicable, needs a note
		"",                     // empty note: asked again
		"Compétence de l'État", // the note
		"1",                    // shelter: yes, so budget is asked
		"-1",                   // budget < 0
		"2,5",                  // budget (decimal comma)
		"",                     // review: Enter for the summary
	}, "\n") + "\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, db, "interview", "--accessible", "--region", "oriental",
		"--respondent", "A", "--institution", "I", "--role", "R", "--round", "r1", "--lang", "en")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"This choice needs a note", "✗ The budget cannot be negative", "[budget]",
		"Review before the summary", "unanswered", "OVERALL SCORE", "indimaj report ", "Interview finished"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	if n := strings.Count(out, "This choice needs a note, say why"); n != 2 {
		t.Errorf("note asked %d times, want 2", n)
	}
	id := onlyAssessment(t, db)
	got := showJSON(t, db, id)
	if a := got.Answers["health"]; a.Value != "not_applicable" || a.Note != "Compétence de l'État" {
		t.Errorf("health = %+v", a)
	}
	if a := got.Answers["budget"]; fmt.Sprint(a.Value) != "2.5" {
		t.Errorf("budget = %v", a.Value)
	}
	if a := got.Answers["shelter"]; a.Value != true {
		t.Errorf("shelter = %v", a.Value)
	}
}

func TestAccessibleArabicAndSetupPrompts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	// setup asks what the flags did not give: language, region, name, institution, role, round
	input := "2\n2\nفاطمة\n\n\n\n>\n>\n-5\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, db, "interview", "--accessible")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"Langue · اللغة · Language", "ما هي الجهة التي تقوم بالتقييم الذاتي؟", "جهة سوس ماسة (جهة نموذجية)",
		"العدد التقريبي للمقيمين الأجانب", "✗ عدد بين 0 و10 ملايين", "الإجابات محفوظة"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	id := onlyAssessment(t, db)
	out, _, code = indimaj(t, "", "--db", db, "show", id)
	// show speaks the assessment's language (Arabic here).
	if code != 0 || !strings.Contains(out, "جهة سوس ماسة") || !strings.Contains(out, "فاطمة") {
		t.Errorf("show: %s", out)
	}
}

func TestAccessibleSetupEndsEarly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	out, errOut, code := indimaj(t, "1\n", sampleArgs(t, db, "interview", "--accessible")...)
	if code != 2 || !strings.Contains(errOut, "setup not completed") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	if out, _, _ := indimaj(t, "", "--db", db, "assessments", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("an assessment was created: %s", out)
	}
}

// TestNoTerminal: without a terminal and without --accessible, one line says
// what to do, exit 2; results print as text.
func TestNoTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, args := range [][]string{{"interview", "--region", "oriental"}, {"resume", "NOPE"}} {
		_, errOut, code := indimaj(t, "", sampleArgs(t, db, args...)...)
		if args[0] == "resume" {
			// an unknown id is reported first
			if code != 2 {
				t.Fatalf("%v: exit %d: %s", args, code, errOut)
			}
			continue
		}
		if code != 2 || !strings.Contains(errOut, "--accessible") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	_, errOut, code := indimaj(t, "", sampleArgs(t, db, "interview", "--region", "atlantis")...)
	if code != 2 || !strings.Contains(errOut, "unknown region") {
		t.Fatalf("bad region: exit %d %q", code, errOut)
	}
	_, errOut, code = indimaj(t, "", sampleArgs(t, db, "interview", "--lang", "de")...)
	if code != 2 || !strings.Contains(errOut, "unknown language") {
		t.Fatalf("bad language: exit %d %q", code, errOut)
	}
	// make one assessment, then resume and results without a terminal
	if _, e, c := indimaj(t, "2\n", sampleArgs(t, db, "interview", "--accessible", "--region", "oriental", "--respondent", "A",
		"--institution", "I", "--role", "R", "--round", "r", "--lang", "fr")...); c != 0 {
		t.Fatal(e)
	}
	id := onlyAssessment(t, db)
	_, errOut, code = indimaj(t, "", sampleArgs(t, db, "resume", id)...)
	if code != 2 || !strings.Contains(errOut, "--accessible") {
		t.Fatalf("resume without a terminal: exit %d %q", code, errOut)
	}
	out, errOut, code := indimaj(t, "", sampleArgs(t, db, "results", id, "--lang", "fr")...)
	if code != 0 || !strings.Contains(out, "SCORE GLOBAL") || !strings.Contains(out, "Recommandations (") {
		t.Fatalf("results: exit %d %q\n%s", code, errOut, out)
	}
}

// TestValidatedNeedsReason: a validated assessment is resumed only with a
// reason, which the audit trail keeps with the change.
func TestValidatedNeedsReason(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if _, e, c := indimaj(t, "Directrice\n", sampleArgs(t, db, "interview", "--accessible", "--region", "oriental", "--respondent", "A",
		"--institution", "I", "--role", "R", "--round", "r", "--lang", "fr")...); c != 0 {
		t.Fatal(e)
	}
	id := onlyAssessment(t, db)
	if _, e, c := indimaj(t, "", sampleArgs(t, db, "status", id, "validated", "--by", "M")...); c != 0 {
		t.Fatalf("status: %s", e)
	}
	_, errOut, code := indimaj(t, "<\nDirecteur\n", sampleArgs(t, db, "resume", id, "--accessible")...)
	if code != 2 || !strings.Contains(errOut, "--reason") {
		t.Fatalf("resume of a validated assessment without a reason: exit %d %q", code, errOut)
	}
	out, errOut, code := indimaj(t, "<\nDirecteur\n", sampleArgs(t, db, "resume", id, "--accessible", "--reason", "erreur de saisie")...)
	if code != 0 || !strings.Contains(out, "✓ Enregistré.") {
		t.Fatalf("resume with a reason: exit %d %q\n%s", code, errOut, out)
	}
	if got := showJSON(t, db, id); got.Answers["respondent_role"].Value != "Directeur" {
		t.Fatalf("respondent_role = %v", got.Answers["respondent_role"].Value)
	}
	hist, _, _ := indimaj(t, "", sampleArgs(t, db, "history", id)...)
	if !strings.Contains(hist, "erreur de saisie") {
		t.Fatalf("the reason is not in the audit trail:\n%s", hist)
	}
}
