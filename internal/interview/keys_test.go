package interview

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
)

// TestDontKnowOneRule: d (and alt+d) records "don't know" on a question that
// offers it; on a question without one (text, number, yes/no) it records
// nothing, says so and stays — the same in the full-screen and accessible modes.
func TestDontKnowOneRule(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.wantQuestion("respondent_role")
	d.key("alt+d")
	d.wantQuestion("respondent_role")
	d.wantView("Cette question n'a pas de réponse « ne sais pas » : rien n'est enregistré.")
	d.key("tab", "tab")
	d.wantQuestion("residents")
	d.key("alt+d")
	d.wantQuestion("residents")
	if _, ans := stored(t, db, s.ID()); len(ans) != 0 {
		t.Fatalf("d on a number question recorded %+v", ans)
	}
	d.key("tab")
	d.wantQuestion("plan")
	d.key("d")
	d.wantQuestion("unit")
	d.key("alt+d")
	d.wantQuestion("intro")
	_, ans := stored(t, db, s.ID())
	if ans["plan"].Value != "dont_know" || ans["unit"].Value != "dont_know" {
		t.Fatalf("plan %v unit %v, want dont_know", ans["plan"].Value, ans["unit"].Value)
	}

	// accessible mode: d is "don't know" there too
	adb := filepath.Join(t.TempDir(), "a.db")
	input := strings.Join([]string{"d", ">", ">", "d", ">", "d", "d"}, "\n") + "\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, adb, "interview", "--accessible", "--region", "oriental",
		"--respondent", "Amina", "--institution", "CR", "--role", "DGS", "--round", "r1", "--lang", "fr")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if n := strings.Count(out, "✗ Cette question n'a pas de réponse « ne sais pas »"); n != 2 {
		t.Errorf("d refused %d times (respondent_role, residents), want 2:\n%s", n, out)
	}
	if strings.Contains(out, "Choisissez un numéro") {
		t.Errorf("d was taken for a number:\n%s", out)
	}
	got := showJSON(t, adb, onlyAssessment(t, adb))
	if len(got.Answers) != 2 || got.Answers["plan"].Value != "dont_know" || got.Answers["unit"].Value != "dont_know" {
		t.Fatalf("accessible answers = %+v", got.Answers)
	}
}

// TestInputQuestionsTakeLettersAsText: on a text or number question, s, q, d,
// n, r, p, c are typed into the answer; the footer and the help say that
// the shortcuts need alt there.
func TestInputQuestionsTakeLettersAsText(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.wantQuestion("respondent_role")
	d.typeText("Algérie sqdnrpcl?")
	d.wantQuestion("respondent_role")
	if d.quit || d.m.ov != ovNone {
		t.Fatalf("a letter acted as a shortcut (quit %v, overlay %d)", d.quit, d.m.ov)
	}
	d.wantView("lettres = saisie, raccourcis avec alt", "alt+d ne sais pas")
	d.key("f1")
	wantFlat(t, d.view(), "les lettres s'écrivent dans la réponse : les raccourcis demandent alt")
	d.key("esc")
	d.key("enter")
	if _, ans := stored(t, db, s.ID()); ans["respondent_role"].Value != "Algérie sqdnrpcl?" {
		t.Fatalf("respondent_role = %v", ans["respondent_role"].Value)
	}
	// on a choice question, the help gives the plain letters
	d.key("tab", "tab")
	d.wantQuestion("plan")
	d.key("?")
	if d.m.ov != ovHelp {
		t.Fatalf("? did not open the help on a choice question")
	}
	wantFlat(t, d.m.helpText(), "d (alt+d pendant la saisie) répond « ne sais pas »")
}

// TestSetupPrefillsInstitutionAndRole: the institution and role given in the
// setup pre-fill ctx_institution (matched to its choice) and ctx_role;
// nothing is stored until confirmed.
func TestSetupPrefillsInstitutionAndRole(t *testing.T) {
	env, db := testEnv(t, true)
	s, err := Create(env, Setup{Region: "oriental", Respondent: "Amina", Institution: "Wilaya de la région de l'Oriental", Role: "Chargée de mission", Round: "r1", Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	q := s.Q()
	if v := s.Suggested(q.Question("ctx_institution")); v != "wilaya" {
		t.Errorf("ctx_institution pre-filled with %v, want wilaya", v)
	}
	if v := s.Suggested(q.Question("ctx_role")); v != "Chargée de mission" {
		t.Errorf("ctx_role pre-filled with %v", v)
	}
	if v := s.Suggested(q.Question("gov01")); v != nil {
		t.Errorf("gov01 pre-filled with %v", v)
	}
	d := newDriver(t, NewInterview(s, Options{Width: 100, Height: 30}))
	d.wantQuestion("ctx_institution")
	d.wantView("> 2. Wilaya", "Prérempli depuis la configuration : Wilaya")
	if _, ans := stored(t, db, s.ID()); len(ans) != 0 {
		t.Fatalf("pre-filling stored %+v", ans)
	}
	d.key("enter")
	d.wantQuestion("ctx_role")
	d.wantView("Chargée de mission")
	d.key("enter")
	_, ans := stored(t, db, s.ID())
	if ans["ctx_institution"].Value != "wilaya" || ans["ctx_role"].Value != "Chargée de mission" {
		t.Fatalf("answers = %+v", ans)
	}
	if v := s.Suggested(q.Question("ctx_role")); v != nil {
		t.Errorf("an answered question is still pre-filled: %v", v)
	}
	// an institution naming no choice pre-fills nothing
	s2, err := Create(env, Setup{Region: "oriental", Respondent: "B", Institution: "Cabinet X", Round: "r1", Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if v := s2.Suggested(q.Question("ctx_institution")); v != nil {
		t.Errorf("Cabinet X pre-filled ctx_institution with %v", v)
	}
}

// TestAccessibleRoundLabelValidated: the accessible setup refuses a round
// label like "2 3" (the rule of every other place) and asks again.
func TestAccessibleRoundLabelValidated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	input := "2 3\n2025-r2\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, db, "interview", "--accessible", "--region", "oriental",
		"--respondent", "Amina", "--institution", "CR", "--role", "DGS", "--lang", "fr")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if !strings.Contains(out, `✗ libellé de cycle "2 3" invalide`) {
		t.Errorf("no refusal of \"2 3\":\n%s", out)
	}
	id := onlyAssessment(t, db)
	out, _, _ = indimaj(t, "", "--db", db, "assessments")
	if !strings.Contains(out, "2025-r2") || strings.Contains(out, "2 3") {
		t.Errorf("assessments (%s):\n%s", id, out)
	}
	// the same rule on the command line
	_, errOut, code = indimaj(t, "", sampleArgs(t, db, "interview", "--accessible", "--region", "oriental",
		"--respondent", "Amina", "--institution", "CR", "--role", "DGS", "--lang", "fr", "--round", "2 3")...)
	if code != 2 || !strings.Contains(errOut, "invalid round label") {
		t.Errorf("--round \"2 3\": exit %d %q", code, errOut)
	}
}

// wantFlat checks text that the screen may wrap: spaces and line breaks
// count as one space.
func wantFlat(t *testing.T, view string, parts ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(view), " ")
	for _, p := range parts {
		if !strings.Contains(flat, p) {
			t.Fatalf("screen lacks %q:\n%s", p, view)
		}
	}
}

// TestSectionTitlesUseTheWidth: a 120-column results screen shows whole
// section titles (the longest is 48 characters); a narrow one still fits.
func TestSectionTitlesUseTheWidth(t *testing.T) {
	env, _ := testEnv(t, true)
	s, err := Create(env, Setup{Region: "oriental", Respondent: "A", Round: "r1", Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	long := "Cohésion sociale, culture et non-discrimination"
	wide := ResultsText(s.L, "fr", 120)
	if !strings.Contains(wide, long) {
		t.Fatalf("120 columns cut %q:\n%s", long, wide)
	}
	narrow := ResultsText(s.L, "fr", 60)
	for _, line := range strings.Split(narrow, "\n") {
		if strings.Contains(line, "·····") && ansi.StringWidth(line) > 60 { // the score lines (empty bars)
			t.Errorf("line wider than 60: %q", line)
		}
	}
	d := newDriver(t, NewResults(env, s.L, Options{Width: 120, Height: 40}))
	d.wantView(long)
}

// TestParseErrorsKeepTheirCause: the interview's message for a refused
// value keeps the engine's error in the chain.
func TestParseErrorsKeepTheirCause(t *testing.T) {
	env, _ := testEnv(t, false)
	s := newSession(t, env, "fr")
	for qid, raw := range map[string]any{"plan": "nope", "priorities": []string{"P99"}} {
		_, err := Parse(s.St(), s.Q().Question(qid), raw, "fr")
		var ve *engine.ValueError
		if err == nil || !errors.As(err, &ve) {
			t.Errorf("%s: %v does not wrap the engine's ValueError", qid, err)
		}
	}
}

// TestAccessibleNoteWaitsForTheAnswer: n on an unanswered question in the
// accessible mode records no answer; the note is saved with the answer.
func TestAccessibleNoteWaitsForTheAnswer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	input := "n\nOrganigramme 2024\n>\n>\n>\n<\n<\n<\nDirectrice\n"
	out, errOut, code := indimaj(t, input, sampleArgs(t, db, "interview", "--accessible", "--region", "oriental",
		"--respondent", "Amina", "--institution", "CR", "--role", "DGS", "--round", "r1", "--lang", "fr")...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if !strings.Contains(out, "Note gardée") {
		t.Errorf("no notice that the note waits:\n%s", out)
	}
	got := showJSON(t, db, onlyAssessment(t, db))
	if len(got.Answers) != 1 || got.Answers["respondent_role"].Value != "Directrice" || got.Answers["respondent_role"].Note != "Organigramme 2024" {
		t.Fatalf("answers = %+v", got.Answers)
	}
}
