package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/i18n"
)

// A partial assessment is marked provisional in every command that shows
// results; a measure whose parent indicator exists is worded for that case;
// priorities are shown in words; Arabic output isolates codes and numbers.
func TestPartialAssessmentIsProvisionalEverywhere(t *testing.T) {
	db := t.TempDir() + "/p.db"
	file := writeFile(t, "partial.yaml", "gov01: full\ngov03: full\ngov03_staff: absent\ngov02: dont_know\n")
	r := cli(t, db, "", "answer", "--region", "oriental", "--respondent", "A", "--answers", file)
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	id := lastLine(r.stdout)

	r = cli(t, db, "", "score", id, "--lang", "fr")
	for _, want := range []string{"provisoire, couverture", "Résultats provisoires", "Questions à compléter", "ne sait pas : gov02", "gov04"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("score lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Avancé  (couverture") || !strings.Contains(r.stdout, "( 67) ····") {
		t.Errorf("score shows the band of a provisional overall score as final:\n%s", r.stdout)
	}
	r = cli(t, db, "", "score", id, "--json")
	var sc struct {
		Overall struct {
			Provisional      bool    `json:"provisional"`
			ProvisionalBelow float64 `json:"provisional_below"`
		} `json:"overall"`
		Missing []struct {
			Section    string   `json:"section"`
			Unanswered []string `json:"unanswered"`
			DontKnow   []string `json:"dont_know"`
		} `json:"missing"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatal(err)
	}
	if !sc.Overall.Provisional || sc.Overall.ProvisionalBelow != 0.8 || len(sc.Missing) != 8 || sc.Missing[0].Section != "gov" || sc.Missing[0].DontKnow[0] != "gov02" {
		t.Fatalf("score --json: %+v", sc)
	}

	r = cli(t, db, "", "recommend", id, "--lang", "fr")
	for _, want := range []string{"Résultats provisoires", "m03 — Renforcer l'unité migration", "[Haute]", "pourquoi : écart important"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("recommend lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Créer une unité") || strings.Contains(r.stdout, "gap * competence_weight") {
		t.Errorf("recommend contradicts the answers or shows the formula without --explain:\n%s", r.stdout)
	}
	r = cli(t, db, "", "recommend", id, "--explain", "--lang", "en")
	for _, want := range []string{"gap * competence_weight", "Annex: how priorities are computed", "tie-break: weight = "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("recommend --explain lacks %q", want)
		}
	}
	r = cli(t, db, "", "recommend", id, "--json")
	var recs struct {
		Provisional bool `json:"provisional"`
		Recs        []struct {
			Measure string            `json:"measure"`
			Title   map[string]string `json:"title"`
			Variant bool              `json:"variant"`
			Band    string            `json:"band"`
			Reasons []string          `json:"reasons"`
		} `json:"recommendations"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &recs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rc := range recs.Recs {
		if rc.Band == "" || len(rc.Reasons) == 0 {
			t.Errorf("%s: no band or reasons", rc.Measure)
		}
		if rc.Measure == "m03" {
			found = rc.Variant && strings.HasPrefix(rc.Title["ar"], "تعزيز وحدة الهجرة")
		}
	}
	if !recs.Provisional || !found {
		t.Fatalf("recommend --json: provisional %v, m03 variant found %v", recs.Provisional, found)
	}

	r = cli(t, db, "", "show", id, "--lang", "en")
	if !strings.Contains(r.stdout, "Provisional results") || !strings.Contains(r.stdout, "unanswered: ") {
		t.Errorf("show:\n%s", r.stdout)
	}
	r = cli(t, db, "", "assessments")
	if !strings.Contains(r.stdout, "provisional") {
		t.Errorf("assessments:\n%s", r.stdout)
	}
	r = cli(t, db, "", "whatif", id, "--set", "gov04=full", "--lang", "en")
	if !strings.Contains(r.stdout, "provisional, coverage") {
		t.Errorf("whatif:\n%s", r.stdout)
	}

	// An adopted measure is shown with the same wording as recommended.
	if r = cli(t, db, "", "plan", "adopt", id, "m03"); r.code != 0 {
		t.Fatalf("plan adopt: %s", r.stderr)
	}
	if r = cli(t, db, "", "plan", "show", id, "--lang", "fr"); !strings.Contains(r.stdout, "Renforcer l'unité migration") {
		t.Errorf("plan show does not use the variant title:\n%s", r.stdout)
	}

	// Arabic: codes and numbers are isolated, French stays untouched.
	r = cli(t, db, "", "recommend", id, "--lang", "ar", "--top", "3")
	if !strings.Contains(r.stdout, i18n.FSI+"m03"+i18n.PDI) && !strings.Contains(r.stdout, i18n.FSI+"m") {
		t.Errorf("recommend --lang ar does not isolate the measure ids:\n%s", r.stdout)
	}
	r = cli(t, db, "", "score", id, "--lang", "ar")
	if !strings.Contains(r.stdout, i18n.FSI+"gov02"+i18n.PDI) {
		t.Errorf("score --lang ar does not isolate the question ids:\n%s", r.stdout)
	}
	if r = cli(t, db, "", "score", id, "--lang", "fr"); strings.Contains(r.stdout, i18n.FSI) {
		t.Error("French output carries isolates")
	}
}
