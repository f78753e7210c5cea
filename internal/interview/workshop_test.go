package interview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// goToQ moves the driver's interview to a question.
func (d *driver) goToQ(qid string) {
	d.t.Helper()
	d.run(d.m.goTo(d.m.s.Q().Question(qid)))
	d.wantQuestion(qid)
}

func fullRecord(t *testing.T, db, id string) *store.Record {
	t.Helper()
	s, err := store.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Full(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRespondentSwitch: p opens the participants; a new one (with an
// institution) answers under their own name, and switching back works.
func TestRespondentSwitch(t *testing.T) {
	d, s, db := sampleDriver(t, "fr")
	d.goToQ("plan")
	d.wantView("· Test")
	d.key("p")
	d.wantView("Participant qui répond", "Test — 0 réponse(s)", "Nouveau participant…")
	d.key("down", "enter")
	d.typeText("Karim")
	d.key("enter")
	d.typeText("CR Oriental")
	d.key("enter", "enter") // role skipped
	if d.m.ov != ovNone || d.m.s.Respondent != "Karim" {
		t.Fatalf("not switched: overlay %d, respondent %q\n%s", d.m.ov, d.m.s.Respondent, d.view())
	}
	d.wantQuestion("plan")
	d.wantView("· Karim", "Les réponses suivantes sont celles de Karim.")
	d.pick("partial")
	d.key("enter")
	d.wantQuestion("unit")

	a, karim := storedBy(t, db, s.ID(), "Karim")
	if karim["plan"].Value != "partial" {
		t.Fatalf("Karim's plan = %+v", karim["plan"])
	}
	if _, test := storedBy(t, db, s.ID(), "Test"); len(test) != 0 {
		t.Fatalf("Test's answers: %+v", test)
	}
	var found bool
	for _, r := range a.Respondents {
		if r.Name == "Karim" && r.Institution == "CR Oriental" {
			found = true
		}
	}
	if !found {
		t.Fatalf("respondents: %+v", a.Respondents)
	}
	// adding Karim is an audit entry of its own, by the one who added him
	var added int
	for _, e := range fullRecord(t, db, s.ID()).History {
		if e.Kind == "respondent" {
			added++
			if e.New != "Karim (CR Oriental)" || e.By != "Test" {
				t.Fatalf("respondent entry: %+v", e)
			}
		}
	}
	if added != 1 {
		t.Fatalf("%d respondent entries in the history, want 1", added)
	}
	// the working answer is rebuilt as the file would be
	if got := fmt.Sprint(d.m.s.St().Answer("plan")); got != "partial" {
		t.Fatalf("working plan = %s", got)
	}

	// back to Test, from the list: the next answer is Test's
	d.key("p")
	d.wantView("Karim (CR Oriental) — 1 réponse(s)")
	d.key("up") // the cursor starts on the current respondent, Karim
	d.key("enter")
	if d.m.s.Respondent != "Test" {
		t.Fatalf("respondent %q\n%s", d.m.s.Respondent, d.view())
	}
	d.pick("absent")
	d.key("enter")
	if _, test := storedBy(t, db, s.ID(), "Test"); test["unit"].Value != "absent" {
		t.Fatalf("Test's unit = %+v", test["unit"])
	}
}

// TestConsensusFromInterview: two respondents disagree (absent vs full);
// the question is marked divergent, c sets the consensus (stored, and the
// working answer), backspace clears it; the review and the results view
// list the divergent question.
func TestConsensusFromInterview(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	plan := s.Q().Question("plan")
	if err := s.Commit(plan, "full", "", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SwitchRespondent("B", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(plan, "absent", "", nil); err != nil {
		t.Fatal(err)
	}
	if !s.Divergent("plan") {
		t.Fatalf("plan not divergent: %v", s.L.Divergent)
	}
	d := newDriver(t, NewInterview(s, Options{Width: 100, Height: 30}))
	d.key("r")
	var listed bool
	for _, it := range d.m.ReviewItems() {
		listed = listed || (it.Q.ID == "plan" && it.Status == StatusDivergent)
	}
	if !listed {
		t.Fatalf("plan not in the review as divergent: %+v", d.m.ReviewItems())
	}
	d.goToQ("plan")
	d.wantView("⚠ divergente", "Test : Adopté", "B : Aucun")

	d.key("c")
	if d.m.ov != ovConsensus {
		t.Fatalf("consensus editor not open:\n%s", d.view())
	}
	d.wantView("Consensus de l'atelier — plan")
	d.key("home")
	for i := 0; i < choiceIndex(t, s.Q(), "plan", "partial"); i++ {
		d.key("down")
	}
	d.key("enter")
	d.typeText("accord en atelier")
	d.key("enter")
	if d.m.ov != ovNone {
		t.Fatalf("editor still open:\n%s", d.view())
	}
	d.wantView("Consensus enregistré : Projet", "✓ enregistré", "consensus : Projet")
	rec := fullRecord(t, db, s.ID())
	if len(rec.Consensus) != 1 || rec.Consensus[0].Question != "plan" || rec.Consensus[0].Value != "partial" ||
		rec.Consensus[0].Note != "accord en atelier" || rec.Consensus[0].Respondent != "B" {
		t.Fatalf("stored consensus: %+v", rec.Consensus)
	}
	if got := fmt.Sprint(d.m.s.St().Answer("plan")); got != "partial" || d.m.s.L.Sources["plan"] != "consensus" {
		t.Fatalf("working plan = %s (%s)", got, d.m.s.L.Sources["plan"])
	}
	fresh, err := env.Open(s.ID())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(fresh.State.Answer("plan")) != "partial" {
		t.Fatalf("file's working plan = %v", fresh.State.Answer("plan"))
	}
	// B's own answer is untouched
	if _, b := storedBy(t, db, s.ID(), "B"); b["plan"].Value != "absent" {
		t.Fatalf("B's plan = %+v", b["plan"])
	}

	// clearing: the median (the lower level on ties) counts again
	d.key("c", "backspace")
	if rec := fullRecord(t, db, s.ID()); len(rec.Consensus) != 0 {
		t.Fatalf("consensus not cleared: %+v", rec.Consensus)
	}
	if got := fmt.Sprint(d.m.s.St().Answer("plan")); got != "absent" {
		t.Fatalf("working plan after clearing = %s", got)
	}

	// a question with one answer only: no consensus editor
	d.goToQ("unit")
	d.key("c")
	if d.m.ov == ovConsensus || !d.m.msgErr {
		t.Fatalf("consensus editor opened on a question with no answers:\n%s", d.view())
	}

	// the results view lists the divergent question and opens its consensus
	l, err := env.Open(s.ID())
	if err != nil {
		t.Fatal(err)
	}
	if txt := ResultsText(l, "fr", 100); !strings.Contains(txt, "Questions divergentes (1)") || !strings.Contains(txt, "plan — ") {
		t.Fatalf("results text lacks the divergent questions:\n%s", txt)
	}
	r := newDriver(t, NewResults(env, l, Options{Width: 100, Height: 30}))
	r.key("c")
	r.wantView("Questions divergentes (1)", "plan")
	r.key("enter")
	r.wantQuestion("plan")
	if r.m.ov != ovConsensus {
		t.Fatalf("consensus editor not open from the results:\n%s", r.view())
	}
	r.key("enter", "enter") // keeps the cursor's level (the working answer), no note
	if rec := fullRecord(t, db, s.ID()); len(rec.Consensus) != 1 || rec.Consensus[0].Value != "absent" {
		t.Fatalf("consensus from the results: %+v", rec.Consensus)
	}
}

// TestValidatedConsensusCarriesReason: on a validated assessment the
// session's reason goes into Apply and the audit trail.
func TestValidatedConsensusCarriesReason(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	plan := s.Q().Question("plan")
	if err := s.Commit(plan, "full", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.Apply(s.ID(), store.Change{By: "M", Answers: []store.Answer{{Question: "plan", Value: "absent", Respondent: "B"}}, Status: "validated"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(env, s.ID(), "F", "fr"); err == nil {
		t.Fatal("opened a validated assessment without a reason")
	}
	v, err := Open(env, s.ID(), "F", "fr", "atelier du 12 mai")
	if err != nil {
		t.Fatal(err)
	}
	if err := v.SetConsensus(plan, "partial", ""); err != nil {
		t.Fatal(err)
	}
	if err := v.SwitchRespondent("Nouveau", "", ""); err != nil {
		t.Fatal(err)
	}
	rec := fullRecord(t, db, s.ID())
	if len(rec.Consensus) != 1 || rec.Consensus[0].Value != "partial" {
		t.Fatalf("consensus: %+v", rec.Consensus)
	}
	var ok bool
	for _, e := range rec.History {
		ok = ok || (e.Kind == "consensus" && e.Reason == "atelier du 12 mai" && e.By == "F")
	}
	if !ok {
		t.Fatalf("no consensus entry with the reason: %+v", rec.History)
	}
}

// TestAccessibleRespondentAndConsensus: in accessible mode, p then a new
// name answers under that name, and c sets the consensus.
func TestAccessibleRespondentAndConsensus(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	if err := s.SetCurrent("plan"); err != nil {
		t.Fatal(err)
	}
	input := strings.Join([]string{
		"3",       // plan: full, by Test
		"<",       // back to plan
		"p",       // switch
		"Salma",   // a new participant
		"ONG",     // institution
		"",        // role
		"1",       // plan: absent, by Salma
		"<",       // back to plan
		"c",       // consensus
		"2",       // partial
		"atelier", // note
		"q",
	}, "\n") + "\n"
	var out strings.Builder
	r := newLineRunner(Config{Env: env, In: strings.NewReader(input), Out: &out}, "fr")
	r.s = s
	if err := r.interview(); err != nil {
		t.Fatal(err)
	}
	txt := out.String()
	for _, want := range []string{"Les réponses suivantes sont celles de Salma.", "⚠ divergente", "Salma : Aucun", "Consensus enregistré : Projet"} {
		if !strings.Contains(txt, want) {
			t.Errorf("output lacks %q:\n%s", want, txt)
		}
	}
	if _, salma := storedBy(t, db, s.ID(), "Salma"); salma["plan"].Value != "absent" {
		t.Fatalf("Salma's plan = %+v", salma["plan"])
	}
	if _, test := storedBy(t, db, s.ID(), "Test"); test["plan"].Value != "full" {
		t.Fatalf("Test's plan = %+v", test["plan"])
	}
	rec := fullRecord(t, db, s.ID())
	if len(rec.Consensus) != 1 || rec.Consensus[0].Value != "partial" || rec.Consensus[0].Note != "atelier" || rec.Consensus[0].Respondent != "Salma" {
		t.Fatalf("consensus: %+v", rec.Consensus)
	}
	if !rec.Assessment.HasRespondent("Salma") {
		t.Fatalf("respondents: %+v", rec.Assessment.Respondents)
	}
}

// TestHomeResumeValidatedAsksReason: resuming a validated assessment from
// the home screen asks why (an empty reason is refused, esc goes back to the
// list), and the reason is recorded with the changes made.
func TestHomeResumeValidatedAsksReason(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	if err := s.Commit(s.Q().Question("plan"), "partial", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.Apply(s.ID(), store.Change{By: "M", Status: "validated"}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, NewHome(env, Options{Width: 80, Height: 24}))
	d.key("2")
	d.wantView("L'Oriental")
	d.key("enter")
	d.wantView("Reprendre une évaluation validée", "Pourquoi les réponses changent-elles ?")
	d.key("enter")
	d.wantView("Une raison est obligatoire")
	d.key("esc")
	d.wantView("L'Oriental", "r1")
	d.key("enter")
	d.typeText("atelier de validation")
	d.key("enter")
	d.wantQuestion("unit")
	d.pick("full")
	d.key("enter")
	rec := fullRecord(t, db, s.ID())
	var ok bool
	for _, e := range rec.History {
		ok = ok || e.Reason == "atelier de validation"
	}
	if !ok {
		t.Fatalf("no history entry with the reason: %+v", rec.History)
	}
	if a := rec.Assessment; a.Status != "validated" {
		t.Fatalf("status = %s", a.Status)
	}
}

// TestAccessibleHomeResumeValidatedAsksReason: the same in accessible mode.
func TestAccessibleHomeResumeValidatedAsksReason(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	if _, err := env.Store.Apply(s.ID(), store.Change{By: "M", Status: "validated"}); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	c := Config{Env: env, In: strings.NewReader("2\n1\n\ncorrection du rôle\nDirectrice\n"), Out: &out, Err: &out, Accessible: true, Lang: "fr"}
	if err := c.Home(); err != nil {
		t.Fatalf("home: %v\n%s", err, out.String())
	}
	for _, want := range []string{"Pourquoi les réponses changent-elles ?", "Une raison est obligatoire", "✓ Enregistré."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	rec := fullRecord(t, db, s.ID())
	var ok bool
	for _, e := range rec.History {
		ok = ok || e.Reason == "correction du rôle"
	}
	if !ok {
		t.Fatalf("no history entry with the reason: %+v", rec.History)
	}
}

// TestConsensusOnNumbersFromInterview: on a number question two
// participants answered differently, alt+c opens a field holding the
// working answer; a value the question refuses is reported and
// nothing is saved; a valid one becomes the consensus; an empty field clears it.
func TestConsensusOnNumbersFromInterview(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	residents := s.Q().Question("residents")
	if err := s.Commit(residents, 1000, "", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SwitchRespondent("B", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(residents, 3000, "", nil); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, NewInterview(s, Options{Width: 100, Height: 30}))
	d.goToQ("residents")
	d.key("alt+c")
	if d.m.ov != ovConsensus {
		t.Fatalf("consensus editor not open:\n%s", d.view())
	}
	d.wantView("Consensus de l'atelier — residents", "Valeur retenue par l'atelier", fmt.Sprintf("> %v", s.St().Answer("residents")))
	d.key("ctrl+u")
	d.typeText("-5")
	d.key("enter")
	d.wantView("✗ Un nombre entre 0 et 10 millions")
	if rec := fullRecord(t, db, s.ID()); len(rec.Consensus) != 0 {
		t.Fatalf("a refused value was saved: %+v", rec.Consensus)
	}
	d.key("ctrl+u")
	d.typeText("1500")
	d.key("enter")
	d.typeText("chiffre de la préfecture")
	d.key("enter")
	d.wantView("Consensus enregistré : 1500")
	rec := fullRecord(t, db, s.ID())
	if len(rec.Consensus) != 1 || fmt.Sprint(rec.Consensus[0].Value) != "1500" || rec.Consensus[0].Note != "chiffre de la préfecture" {
		t.Fatalf("stored consensus: %+v", rec.Consensus)
	}
	if got := d.m.s.St().Answer("residents"); got != 1500 {
		t.Fatalf("working residents = %v (%T)", got, got)
	}
	d.key("alt+c")
	d.wantView("1500")
	d.key("ctrl+u", "enter")
	d.wantView("Consensus effacé")
	if rec := fullRecord(t, db, s.ID()); len(rec.Consensus) != 0 {
		t.Fatalf("consensus not cleared: %+v", rec.Consensus)
	}
}

// TestAccessibleConsensusOnText: in accessible mode, c on a text question
// two participants answered takes the value typed.
func TestAccessibleConsensusOnText(t *testing.T) {
	env, db := testEnv(t, false)
	s := newSession(t, env, "fr")
	role := s.Q().Question("respondent_role")
	if err := s.Commit(role, "DGS", "", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SwitchRespondent("B", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(role, "Chargée de mission", "", nil); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	c := Config{Env: env, In: strings.NewReader("<\nc\nDirectrice des affaires sociales\n\n"), Out: &out, Err: &out, Accessible: true, Lang: "fr"}
	if err := c.Resume(s.ID(), "B"); err != nil {
		t.Fatalf("resume: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Consensus (la valeur") {
		t.Fatalf("no value prompt:\n%s", out.String())
	}
	rec := fullRecord(t, db, s.ID())
	if len(rec.Consensus) != 1 || rec.Consensus[0].Value != "Directrice des affaires sociales" {
		t.Fatalf("stored consensus: %+v\n%s", rec.Consensus, out.String())
	}
}

// TestOtherTerminalsAnswersComeIn: two interviews of one assessment on one
// database (two terminals): what one commits appears in the other's state at
// its next commit, without reopening.
func TestOtherTerminalsAnswersComeIn(t *testing.T) {
	env, _ := testEnv(t, false)
	a := newSession(t, env, "fr")
	b, err := Open(env, a.ID(), "B", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SwitchRespondent("B", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(a.Q().Question("plan"), "full", "", nil); err != nil {
		t.Fatal(err)
	}
	if got := b.St().Answer("plan"); got != nil {
		t.Fatalf("B sees plan = %v before committing anything", got)
	}
	if err := b.Commit(b.Q().Question("unit"), "partial", "", nil); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(b.St().Answer("plan")); got != "full" {
		t.Fatalf("after B's commit, B's working plan = %s, want A's full", got)
	}
	if len(b.AnswersTo("plan")) != 1 || len(b.AnswersTo("unit")) != 1 {
		t.Fatalf("B's view of the answers: plan %v, unit %v", b.AnswersTo("plan"), b.AnswersTo("unit"))
	}
}

// TestReadBackKeepsSnapshotContent: an assessment started with other content
// (its stored snapshot) keeps one loaded content across the read-backs that
// follow each answer, and the "older content" note is given once.
func TestReadBackKeepsSnapshotContent(t *testing.T) {
	env, _ := testEnv(t, false) // the sample content
	s := newSession(t, env, "fr")
	embedded, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	var notes int
	other := &app.Env{Content: embedded, Store: env.Store, Warn: func(string, ...any) { notes++ }}
	o, err := Open(other, s.ID(), "Test", "fr")
	if err != nil {
		t.Fatal(err)
	}
	c := o.L.Content
	for _, v := range []string{"full", "partial", "absent"} {
		if err := o.Commit(o.Q().Question("plan"), v, "", nil); err != nil {
			t.Fatal(err)
		}
		if o.L.Content.Q != c.Q {
			t.Fatalf("the content changed after a commit (a new load of the snapshot)")
		}
	}
	if fmt.Sprint(o.St().Answer("plan")) != "absent" || notes != 1 {
		t.Fatalf("plan = %v, %d notes about the older content (want 1)", o.St().Answer("plan"), notes)
	}
}
