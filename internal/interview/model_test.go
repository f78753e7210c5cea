package interview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/store"
)

func sampleDriver(t *testing.T, lang string) (*driver, *Session, string) {
	t.Helper()
	env, db := testEnv(t, false)
	s := newSession(t, env, lang)
	d := newDriver(t, NewInterview(s, Options{Width: 80, Height: 24}))
	return d, s, db
}

// pick moves the cursor of a choice question to code (from the top).
func (d *driver) pick(code string) {
	d.t.Helper()
	d.key("home")
	for i := 0; i < choiceIndex(d.t, d.m.s.Q(), d.current(), code); i++ {
		d.key("down")
	}
}

func TestNavigationForwardBackAndSections(t *testing.T) {
	d, _, _ := sampleDriver(t, "fr")
	d.wantQuestion("respondent_role")
	d.wantView("Votre fonction", "Section 1/2 : Gouvernance", "question 1/5")
	d.key("tab")
	d.wantQuestion("priorities")
	d.key("shift+tab")
	d.wantQuestion("respondent_role")
	d.key("shift+tab") // first question: stays, says so
	d.wantQuestion("respondent_role")
	d.wantView("C'est la première question.")
	d.key("tab", "tab", "tab", "tab")
	d.wantQuestion("unit")
	d.key("tab") // unit_staff is not relevant (unit unanswered): skipped
	d.wantQuestion("intro")
	d.wantView("Cette partie porte sur l'accès aux services.")
	d.key("enter") // a note: enter continues
	d.wantQuestion("desk")
	d.key("shift+tab", "shift+tab")
	d.wantQuestion("unit")

	// the section menu jumps anywhere, to the first unanswered question
	d.key("s")
	d.wantView("Sections — aller à", "1. Gouvernance", "2. Services")
	d.key("down", "enter")
	d.wantQuestion("desk")
	d.key("s", "up", "enter")
	d.wantQuestion("respondent_role")
	d.key("alt+s", "up", "enter") // from the first section, up wraps to the review
	if d.m.scr != scrReview {
		t.Fatalf("not on the review:\n%s", d.view())
	}
	d.key("s", "down", "enter") // and down from the review to the first section
	d.wantQuestion("respondent_role")
	d.key("s", "esc")
	d.wantQuestion("respondent_role")
}

func TestRelevanceAppliesLive(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.key("alt+s", "down", "enter", "shift+tab", "shift+tab")
	d.wantQuestion("unit")
	d.wantView("Section 0/5")
	// a follow-up appears when its parent is answered above absent
	d.pick("partial")
	d.key("enter")
	d.wantQuestion("unit_staff")
	d.wantView("Section 1/6", "question 6/6")
	// and disappears when set back to absent
	d.key("shift+tab")
	d.wantQuestion("unit")
	d.pick("absent")
	d.key("enter")
	d.wantQuestion("intro")
	d.key("shift+tab")
	d.wantQuestion("unit")
	d.wantView("Section 1/5", "question 5/5")
	if s.St().Relevant("unit_staff") {
		t.Fatal("unit_staff still relevant")
	}
	_, ans := stored(t, db, s.ID())
	if ans["unit"].Value != "absent" {
		t.Fatalf("stored unit = %v", ans["unit"].Value)
	}
	// a multiple choice follow-up: desk above absent asks for its languages
	d.key("s", "down", "enter")
	d.wantQuestion("desk")
	d.pick("full")
	d.key("enter")
	d.wantQuestion("desk_languages")
	d.key("space", "down", "down", "space", "enter")
	d.wantQuestion("health")
	_, ans = stored(t, db, s.ID())
	if got := ans["desk_languages"].Value; !equalStrings(got, []string{"fr", "ar"}) {
		t.Fatalf("desk_languages = %#v", got)
	}
}

func equalStrings(v any, want []string) bool {
	var got []string
	switch x := v.(type) {
	case []string:
		got = x
	case []any:
		for _, e := range x {
			s, _ := e.(string)
			got = append(got, s)
		}
	}
	return strings.Join(got, ",") == strings.Join(want, ",")
}

func TestBackFromInvalidInput(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.key("tab", "tab")
	d.wantQuestion("residents")
	d.typeText("abc")
	d.key("enter")
	d.wantQuestion("residents")
	d.wantView("Entrez un nombre entier")
	// huh#655: going back from an invalid field must work
	d.key("shift+tab")
	d.wantQuestion("priorities")
	d.key("tab")
	d.wantQuestion("residents")
	d.wantView("> abc", "Brouillon non enregistré")
	if _, ans := stored(t, db, s.ID()); ans["residents"].Value != nil {
		t.Fatalf("an invalid value was stored: %v", ans["residents"].Value)
	}
	// forward from an invalid field too, then a constraint failure
	d.key("tab")
	d.wantQuestion("plan")
	d.key("shift+tab", "ctrl+u")
	d.typeText("-5")
	d.key("enter")
	d.wantQuestion("residents")
	d.wantView("Un nombre entre 0 et 10 millions")
	d.key("ctrl+u")
	d.typeText("1200")
	d.key("enter")
	d.wantQuestion("plan")
	if _, ans := stored(t, db, s.ID()); ans["residents"].Value != float64(1200) {
		t.Fatalf("residents = %#v", ans["residents"].Value)
	}
}

func TestValidationInArabic(t *testing.T) {
	d, _, _ := sampleDriver(t, "ar")
	d.key("tab", "tab")
	d.wantQuestion("residents")
	d.typeText("-5")
	d.key("enter")
	d.wantView("عدد بين 0 و10 ملايين", "العدد التقريبي للمقيمين الأجانب", "المحور 1/2")
	d.key("ctrl+u")
	d.typeText("x")
	d.key("enter")
	d.wantView("أدخلوا عددا صحيحا")
}

func TestNotes(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.key("alt+s", "down", "enter", "tab")
	d.wantQuestion("health")
	// a choice with note_required does not move on without its note
	d.pick("not_applicable")
	d.key("enter")
	if d.m.ov != ovNote {
		t.Fatalf("no note editor:\n%s", d.view())
	}
	d.wantView("Ce choix exige une note", "« Sans objet »")
	d.key("enter") // an empty note is refused
	d.wantView("Ce choix exige une note")
	d.key("esc")
	d.wantQuestion("health")
	d.wantView("Ce choix exige une note")
	if _, ans := stored(t, db, s.ID()); ans["health"].Value != nil {
		t.Fatal("the answer was stored without its required note")
	}
	d.key("enter")
	d.typeText("Compétence de l'État")
	d.key("enter")
	d.wantQuestion("shelter")
	_, ans := stored(t, db, s.ID())
	if ans["health"].Value != "not_applicable" || ans["health"].Note != "Compétence de l'État" {
		t.Fatalf("health = %+v", ans["health"])
	}
	// n edits the note of an existing answer, and stays on the question
	d.key("shift+tab")
	d.wantQuestion("health")
	d.wantView("✎ Note : Compétence de l'État")
	d.key("n")
	d.typeText(" (courrier du 3 mars)")
	d.key("enter")
	d.wantQuestion("health")
	d.wantView("Note enregistrée.")
	if _, ans := stored(t, db, s.ID()); ans["health"].Note != "Compétence de l'État (courrier du 3 mars)" {
		t.Fatalf("note = %q", ans["health"].Note)
	}
	// n on an unanswered input: a note never creates an answer; it waits
	// for the answer and is saved with it
	d.key("s", "up", "enter")
	d.wantQuestion("respondent_role")
	d.key("alt+n")
	d.typeText("x")
	d.key("enter")
	d.wantQuestion("respondent_role")
	d.wantView("Note gardée", "✎ Note (enregistrée avec la réponse) : x")
	if _, ans := stored(t, db, s.ID()); ans["respondent_role"].Value != nil {
		t.Fatalf("a note created an answer: %+v", ans["respondent_role"])
	}
	// text typed, then alt+n: the text is not an answer until enter; the
	// note typed before is still there
	d.typeText("Directrice")
	d.key("alt+n")
	d.wantView("┃ x")
	d.key("backspace")
	d.typeText("Organigramme 2024")
	d.key("enter")
	if _, ans := stored(t, db, s.ID()); ans["respondent_role"].Value != nil {
		t.Fatalf("a note created an answer: %+v", ans["respondent_role"])
	}
	d.wantView("Directrice", "Organigramme 2024")
	d.key("enter") // the answer, saved with the waiting note
	if _, ans := stored(t, db, s.ID()); ans["respondent_role"].Value != "Directrice" || ans["respondent_role"].Note != "Organigramme 2024" {
		t.Fatalf("respondent_role = %+v", ans["respondent_role"])
	}
}

// TestNoteNeverCreatesAnAnswer: n on an unanswered choice question (the
// cursor always highlights an option) records nothing; the note is saved
// with the answer once it is chosen.
func TestNoteNeverCreatesAnAnswer(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.key("tab", "tab", "tab")
	d.wantQuestion("plan")
	d.pick("partial")
	d.key("n")
	d.typeText("délibération en préparation")
	d.key("enter")
	d.wantQuestion("plan")
	if _, ans := stored(t, db, s.ID()); len(ans) != 0 {
		t.Fatalf("a note created answers: %+v", ans)
	}
	d.wantView("Total 0/8", "Note gardée")
	d.key("enter")
	d.wantQuestion("unit")
	if _, ans := stored(t, db, s.ID()); ans["plan"].Value != "partial" || ans["plan"].Note != "délibération en préparation" {
		t.Fatalf("plan = %+v", ans["plan"])
	}
}

func TestAutosaveEveryAnswerAndPosition(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.typeText("Chargé de mission")
	d.key("enter")
	// the file holds the answer right after the key that gave it
	a, ans := stored(t, db, s.ID())
	if ans["respondent_role"].Value != "Chargé de mission" || ans["respondent_role"].Respondent != "Test" {
		t.Fatalf("after enter: %+v", ans["respondent_role"])
	}
	if a.Current != "priorities" {
		t.Fatalf("current = %q, want priorities", a.Current)
	}
	d.wantView("✓ enregistré")
	d.key("tab", "tab")
	d.wantQuestion("plan")
	if a, _ := stored(t, db, s.ID()); a.Current != "plan" {
		t.Fatalf("navigation did not record the position: %q", a.Current)
	}
	d.key("d") // don't know
	d.wantQuestion("unit")
	if _, ans := stored(t, db, s.ID()); ans["plan"].Value != "dont_know" {
		t.Fatalf("plan = %v", ans["plan"].Value)
	}
	d.pick("full")
	d.key("enter")
	d.wantQuestion("unit_staff")
	d.key("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
	// resume: same question, every answer
	s2, err := Open(s.Env, s.ID(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	d2 := newDriver(t, NewInterview(s2, Options{Width: 80, Height: 24}))
	d2.wantQuestion("unit_staff")
	for _, id := range []string{"respondent_role", "plan", "unit"} {
		if s2.St().Answer(id) == nil {
			t.Fatalf("%s lost on resume", id)
		}
	}
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "esc", "ctrl+c"} {
		d, _, _ := sampleDriver(t, "fr")
		d.key("tab") // a choice question: q is not typing
		d.key(k)
		if !d.quit {
			t.Fatalf("%s did not quit", k)
		}
	}
	// in a text input, q is a letter
	d, _, _ := sampleDriver(t, "fr")
	d.key("q")
	if d.quit {
		t.Fatal("q quit while typing")
	}
	d.wantView("> q")
}

func TestReviewSummaryAndResults(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.key("tab", "tab", "tab")
	d.wantQuestion("plan")
	d.key("d")
	d.pick("partial")
	d.key("enter", "tab")
	for d.current() != "" {
		d.key("tab")
	}
	if d.m.scr != scrReview {
		t.Fatalf("not on the review:\n%s", d.view())
	}
	d.wantView("Revue avant la synthèse", "plan", "ne sais pas", "sans réponse", "Voir la synthèse")
	if a, _ := stored(t, db, s.ID()); a.Current != "" {
		t.Fatalf("current = %q on the review", a.Current)
	}
	items := d.m.ReviewItems()
	idx := -1
	for i, it := range items {
		if it.Q.ID == "plan" {
			idx = i
		}
	}
	if idx < 0 || items[idx].Status != engine.StatusDontKnow {
		t.Fatalf("review items: %+v", items)
	}
	for i := 0; i < idx; i++ {
		d.key("down")
	}
	d.key("enter")
	d.wantQuestion("plan")
	d.pick("full")
	d.key("enter") // back to the review
	if d.m.scr != scrReview {
		t.Fatalf("not back on the review:\n%s", d.view())
	}
	for _, it := range d.m.ReviewItems() {
		if it.Q.ID == "plan" {
			t.Fatal("plan still listed")
		}
	}
	d.key("c")
	d.wantView("Synthèse", "Scores par section", "SCORE GLOBAL", "provisoire", "Questions à compléter", "Services — sans réponse : desk, health")
	d.key("pgdown") // a provisional synthesis lists the questions to complete: the rest is below
	d.wantView("recommandations prioritaires", "indimaj report "+s.ID()+" --kind diagnostic --format html")
	d.key("r")
	if d.m.scr != scrReview {
		t.Fatal("r does not go back to the review")
	}
	// the results view of the same assessment
	l, err := s.Env.Open(s.ID())
	if err != nil {
		t.Fatal(err)
	}
	txt := ResultsText(l, "en", 100)
	for _, want := range []string{"Results", "OVERALL SCORE", "Recommendations (", "because", "priority = "} {
		if !strings.Contains(txt, want) {
			t.Fatalf("results lack %q:\n%s", want, txt)
		}
	}
}

func TestScreensFitTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}, {120, 40}} {
		for _, lang := range []string{"fr", "ar", "en"} {
			env, _ := testEnv(t, true)
			s := newSession(t, env, lang)
			d := newDriver(t, NewInterview(s, Options{Width: 100, Height: 30}))
			d.send(teaSize(size[0], size[1]))
			check := func(what string) {
				t.Helper()
				v := d.view()
				lines := strings.Split(v, "\n")
				if len(lines) > size[1] {
					t.Fatalf("%s %v %s: %d lines", what, size, lang, len(lines))
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Fatalf("%s %v %s: line of %d cells: %q", what, size, lang, w, l)
					}
				}
			}
			check("question")
			d.key("s")
			check("sections")
			d.key("down", "enter", "f1")
			check("help")
			d.key("esc", "n")
			check("note")
			d.key("esc", "r")
			check("review")
			d.key("c")
			check("summary")
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	d, _, _ := sampleDriver(t, "fr")
	d.key("tab", "tab", "tab")
	d.wantView("Existe-t-il un plan d'action régional migration ?")
	d.key("l")
	d.wantView("هل توجد خطة عمل جهوية للهجرة؟", "المحور 1/2")
	d.key("l")
	d.wantView("Is there a regional migration action plan?", "Section 1/2: Governance")
	d.key("l")
	d.wantView("Existe-t-il un plan")
}

func TestSetupAsksOnlyWhatIsMissing(t *testing.T) {
	env, db := testEnv(t, false)
	m := NewSetup(env, Setup{Lang: "fr", Round: "2025-baseline"}, Options{Width: 80, Height: 24})
	if got := strings.Join(m.SetupSteps(), ","); got != "region,respondent,institution,role" {
		t.Fatalf("steps = %s", got)
	}
	d := newDriver(t, m)
	d.wantView("Quelle région s'auto-évalue ?", "★ L'Oriental — région pilote", "★ Souss-Massa", "★ Tanger-Tétouan-Al Hoceïma")
	// the pilot regions come first
	v := d.view()
	if strings.Index(v, "Tanger") > strings.Index(v, "Fès-Meknès") {
		t.Fatal("pilot regions are not first")
	}
	d.key("down", "enter")
	d.key("enter") // empty name refused
	d.wantView("Le nom du répondant est obligatoire.")
	d.typeText("Fatima Zahra")
	d.key("enter")
	d.typeText("Conseil régional")
	d.key("shift+tab") // back to the name, kept
	d.wantView("> Fatima Zahra")
	d.key("enter", "enter", "enter")
	d.wantQuestion("respondent_role")
	st, err := store.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("assessments: %v %v", list, err)
	}
	a := list[0]
	if a.Region != "souss-massa" || a.Round != "2025-baseline" || a.Lang != "fr" || len(a.Respondents) != 1 ||
		a.Respondents[0] != (store.Respondent{Name: "Fatima Zahra", Institution: "Conseil régional"}) {
		t.Fatalf("created %+v", a)
	}
}

func TestSetupCancelCreatesNothing(t *testing.T) {
	env, db := testEnv(t, false)
	d := newDriver(t, NewSetup(env, Setup{}, Options{Width: 80, Height: 24}))
	d.wantView("Langue · اللغة · Language", "العربية")
	d.key("down", "enter") // Arabic
	d.wantView("ما هي الجهة التي تقوم بالتقييم الذاتي؟")
	d.key("esc")
	if !d.quit {
		t.Fatal("esc did not cancel")
	}
	st, _ := store.OpenExisting(db)
	if list, _ := st.List(); len(list) != 0 {
		t.Fatalf("created %d assessments", len(list))
	}
}

func TestHomeResumeAndResults(t *testing.T) {
	env, _ := testEnv(t, false)
	s := newSession(t, env, "fr")
	if err := s.Commit(s.Q().Question("plan"), "partial", "", nil); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, NewHome(env, Options{Width: 80, Height: 24}))
	d.wantView("Nouvelle évaluation", "Reprendre une évaluation", "Voir les résultats", "Quitter")
	d.key("l")
	d.wantView("تقييم جديد")
	d.key("l", "l")
	d.key("down", "enter")
	d.wantView("L'Oriental", "r1", "1/8")
	d.key("enter")
	d.wantQuestion("unit")
	d2 := newDriver(t, NewHome(env, Options{Width: 80, Height: 24}))
	d2.key("3")
	d2.key("enter")
	d2.wantView("Résultats", "SCORE GLOBAL")
	d2.key("esc")
	d2.wantView("L'Oriental")
}

// TestSeveralRespondentsAndCarriedOver: the interview edits this
// respondent's own answers while its state stays what the file rebuilds
// (consensus or median), and answers carried over from a baseline round are
// listed until confirmed.
func TestSeveralRespondentsAndCarriedOver(t *testing.T) {
	env, db := testEnv(t, false)
	a := newSession(t, env, "fr")
	if err := a.Commit(a.Q().Question("plan"), "full", "", nil); err != nil {
		t.Fatal(err)
	}
	// a second respondent carries over an unconfirmed answer (as a follow-up round does)
	if err := env.Store.PutAnswers(a.ID(), []store.Answer{{Question: "unit", Value: "partial", Respondent: "B", Unconfirmed: true}}, nil); err != nil {
		t.Fatal(err)
	}
	b, err := Open(env, a.ID(), "B", "fr")
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, NewInterview(b, Options{Width: 80, Height: 24}))
	d.key("alt+s", "enter", "tab", "tab", "tab")
	d.wantQuestion("plan")
	d.wantView("Réponse enregistrée : Adopté") // A's answer, shown to B
	d.pick("absent")
	d.key("enter")
	d.wantQuestion("unit")
	d.wantView("à confirmer : Point focal informel")
	fresh, err := env.Open(a.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(b.St().Answer("plan")), fmt.Sprint(fresh.State.Answer("plan")); got != want {
		t.Fatalf("session state %s, file %s", got, want)
	}
	d.key("shift+tab")
	d.wantView("Réponse enregistrée : Aucun") // B's own answer
	d.key("r")
	var listed bool
	for _, it := range d.m.ReviewItems() {
		if it.Q.ID == "unit" && it.Status == StatusUnconfirmed {
			listed = true
		}
	}
	if !listed {
		t.Fatalf("unit not listed as to confirm: %+v", d.m.ReviewItems())
	}
	d.wantView("à confirmer")
	// confirming: go to it from the review, enter
	for i, it := range d.m.ReviewItems() {
		if it.Q.ID == "unit" {
			for j := 0; j < i; j++ {
				d.key("down")
			}
		}
	}
	d.key("enter")
	d.wantQuestion("unit")
	d.key("enter")
	if d.m.scr != scrReview {
		t.Fatalf("not back on the review:\n%s", d.view())
	}
	_, ans := storedBy(t, db, a.ID(), "B")
	if an := ans["unit"]; an.Value != "partial" || an.Unconfirmed {
		t.Fatalf("unit after confirming: %+v", an)
	}
	for _, it := range d.m.ReviewItems() {
		if it.Q.ID == "unit" {
			t.Fatal("unit still listed after confirming")
		}
	}
}

func storedBy(t *testing.T, db, id, respondent string) (*store.Assessment, map[string]store.Answer) {
	t.Helper()
	s, err := store.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	a, answers, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Answer{}
	for _, an := range answers {
		if an.Respondent == respondent {
			out[an.Question] = an
		}
	}
	return a, out
}
