package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/indimaj/indimaj/engine"
)

// Tests of the embedded content itself (the regional questionnaire and the
// measures catalog): the coverage rules, the three languages, the codes.

func TestContentShape(t *testing.T) {
	c := loadEmbedded(t)
	q := c.Q
	if q.Sections[0].ID != "ctx" || q.Sections[0].Scored {
		t.Fatal("the first section must be the unscored context section")
	}
	for _, qu := range q.Sections[0].Questions {
		if qu.Required || qu.Scored {
			t.Errorf("context question %s must be optional and unscored", qu.ID)
		}
	}
	want := []string{"gov", "dat", "drt", "eco", "coh", "par", "ptn", "pro"}
	var scored []string
	for _, s := range q.Sections {
		if s.Scored {
			scored = append(scored, s.ID)
		}
	}
	if strings.Join(scored, " ") != strings.Join(want, " ") {
		t.Fatalf("scored sections = %v", scored)
	}
	if n := len(q.Indicators()); n < 75 {
		t.Fatalf("%d indicators, want at least 75", n)
	}
	for _, qu := range q.Indicators() {
		var levels []float64
		hasDK := false
		for _, ch := range qu.Choices {
			if ch.Score != nil {
				levels = append(levels, *ch.Score)
				if len(ch.Description.Get("fr")) < 20 {
					t.Errorf("%s level %s: the description must say what evidence counts", qu.ID, ch.Value)
				}
			}
			if ch.Missing == engine.DontKnow {
				hasDK = true
			}
			if ch.Missing == engine.NotApplicable && !ch.NoteRequired {
				t.Errorf("%s: not applicable must ask for a note", qu.ID)
			}
		}
		if len(levels) != 3 || levels[0] != 0 || levels[1] != 50 || levels[2] != 100 {
			t.Errorf("%s: levels %v, want 0/50/100", qu.ID, levels)
		}
		if !hasDK {
			t.Errorf("%s: no \"don't know\"", qu.ID)
		}
		if qu.Hint.Get("fr") == "" || qu.Guidance.Get("fr") == "" {
			t.Errorf("%s: needs a hint and consultant guidance", qu.ID)
		}
		r := qu.Refs
		if r.MGI == "" || len(r.SNIA) == 0 || len(r.SDG) == 0 || len(r.GCM) == 0 {
			t.Errorf("%s: incomplete refs %+v", qu.ID, r)
		}
		// Organic law 111-14 knows own, shared and transferred competences;
		// a matter that is none of them says how the council acts instead.
		if r.Competence == "" && r.Modality != "convention" && r.Modality != "advocacy" {
			t.Errorf("%s: neither a competence of organic law 111-14 nor a convention or advocacy modality: %+v", qu.ID, r)
		}
		if r.Competence == "convention" {
			t.Errorf("%s: \"convention\" is a modality of action, not a competence", qu.ID)
		}
		if qu.Relevant != nil && qu.SkipExcluded {
			t.Errorf("%s: a follow-up must count at its lowest level when skipped", qu.ID)
		}
	}
}

func TestContentCoverage(t *testing.T) {
	c := loadEmbedded(t)
	q, r := c.Q, c.Rules
	if len(r.Measures) < 40 {
		t.Fatalf("%d measures, want at least 40", len(r.Measures))
	}
	addressed := map[string]bool{}
	perSection := map[string]map[string]bool{}
	programmes := map[string]bool{}
	for _, m := range r.Measures {
		for _, p := range m.SNIA {
			programmes[p] = true
		}
		for _, id := range m.Indicators {
			addressed[id] = true
			s := q.Question(id).Section.ID
			if perSection[s] == nil {
				perSection[s] = map[string]bool{}
			}
			perSection[s][m.ID] = true
		}
		if m.Objective.Get("fr") == "" || len(m.Activities) == 0 || len(m.Risks) == 0 || m.KPIUnit.Get("fr") == "" || len(m.Partners) == 0 {
			t.Errorf("measure %s lacks what the action plan needs (objective, activities, risks, KPI unit, partners)", m.ID)
		}
	}
	for _, p := range c.Refs.SNIACodes() {
		if p == "SNMRE" {
			continue // the strategy for Moroccans abroad, not a SNIA programme
		}
		if !programmes[p] {
			t.Errorf("SNIA programme %s has no measure", p)
		}
	}
	for _, qu := range q.Indicators() {
		if !addressed[qu.ID] {
			t.Errorf("indicator %s has no measure (a gap without a remedy)", qu.ID)
		}
	}
	for _, s := range q.Sections {
		if s.Scored && len(perSection[s.ID]) < 3 {
			t.Errorf("section %s has %d measures, want at least 3", s.ID, len(perSection[s.ID]))
		}
	}
	if len(r.Pilots) < 3 {
		t.Fatalf("%d pilot templates, want at least 3", len(r.Pilots))
	}
	for _, p := range r.Pilots {
		if len(p.Measures) == 0 || len(p.Indicators) == 0 || len(p.Risks) == 0 || len(p.BudgetLines) == 0 {
			t.Errorf("pilot %s is incomplete", p.ID)
		}
	}
}

// TestContentLanguages walks every text of the content: each must exist in
// French, Arabic and English, and the Arabic must be in Arabic script.
func TestContentLanguages(t *testing.T) {
	c := loadEmbedded(t)
	n := 0
	check := func(where string, tx engine.Text, required bool) {
		if tx == nil && !required {
			return
		}
		n++
		for _, l := range []string{"fr", "ar", "en"} {
			if strings.TrimSpace(tx[l]) == "" {
				t.Errorf("%s: no %s text", where, l)
			}
		}
		if !mostlyArabic(tx["ar"]) {
			t.Errorf("%s: the Arabic text is not in Arabic script: %q", where, tx["ar"])
		}
		if tx["fr"] != "" && tx["fr"] == tx["en"] && len(tx["fr"]) > 40 {
			t.Errorf("%s: the English text is the French one", where)
		}
	}
	q := c.Q
	check("title", q.Title, true)
	for _, s := range q.Sections {
		check(s.ID+" title", s.Title, true)
		check(s.ID+" description", s.Description, false)
		for _, qu := range s.Questions {
			check(qu.ID+" label", qu.Label, true)
			check(qu.ID+" hint", qu.Hint, false)
			check(qu.ID+" guidance", qu.Guidance, false)
			check(qu.ID+" constraint_message", qu.ConstraintMsg, false)
			for _, ch := range qu.Choices {
				check(qu.ID+"/"+ch.Value+" label", ch.Label, true)
				check(qu.ID+"/"+ch.Value+" description", ch.Description, false)
			}
		}
	}
	for _, m := range c.Rules.Measures {
		for name, tx := range map[string]engine.Text{"title": m.Title, "description": m.Description, "lead": m.Lead, "kpi": m.KPI, "kpi_unit": m.KPIUnit, "objective": m.Objective} {
			check(m.ID+" "+name, tx, true)
		}
		for i, tx := range append(append(append([]engine.Text{}, m.Partners...), m.Activities...), m.Risks...) {
			check(m.ID+" list item "+itoa(i), tx, true)
		}
	}
	for _, p := range c.Rules.Pilots {
		check(p.ID+" title", p.Title, true)
		check(p.ID+" summary", p.Summary, true)
		for _, list := range [][]engine.Text{p.TargetGroups, p.SpecificObjectives, p.Activities, p.Results, p.BudgetLines, p.Assumptions} {
			for i, tx := range list {
				check(p.ID+" item "+itoa(i), tx, true)
			}
		}
	}
	for _, b := range c.Rules.Policy.Bands {
		check("band "+b.ID, b.Label, true)
	}
	if n < 1000 {
		t.Fatalf("only %d texts checked", n)
	}
}

func mostlyArabic(s string) bool {
	var ar, letters int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				ar++
			}
		}
	}
	return letters > 0 && ar*2 >= letters
}

// TestContentAvoidsUnverifiedFacts keeps out of the content the items that
// DOMAIN.md marks unverified (❌): the titles of SNIA programmes P9–P11, the
// article numbers of the competences in organic law 111-14, and the names of
// the networks of indicator PTN06.
func TestContentAvoidsUnverifiedFacts(t *testing.T) {
	banned := []string{
		"Coopération et partenariats internationaux", "Cadre réglementaire et conventionnel", "Gouvernance et communication",
		"art. 82", "article 82", "art. 91", "article 91", "art. 94", "article 94", "art. 117", "article 117",
		"MC2CM", "UCLG", "CGLU", "Association des Régions du Maroc",
	}
	files, _ := filepath.Glob("../questionnaires/*.yaml")
	more, _ := filepath.Glob("../rules/*.yaml")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(string(data))
		for _, b := range banned {
			if strings.Contains(low, strings.ToLower(b)) {
				t.Errorf("%s mentions %q, which DOMAIN.md marks unverified", f, b)
			}
		}
	}
}

// TestContentLevelsLeaveNoGap keeps the rule of docs/REVIEW-CHECKLIST.md that
// makes each real situation fit exactly one level: the middle level takes
// every situation above level 0 that does not meet all of level 100's
// conditions, and says so in the three languages.
func TestContentLevelsLeaveNoGap(t *testing.T) {
	c := loadEmbedded(t)
	clause := engine.Text{
		"fr": "Relève aussi de ce niveau toute situation qui dépasse le niveau 0 sans remplir toutes les conditions du niveau 100.",
		"ar": "ويندرج في هذا المستوى أيضا كل وضع يتجاوز المستوى 0 دون أن يستوفي جميع شروط المستوى 100.",
		"en": "Any situation beyond level 0 that does not meet every condition of level 100 also belongs here.",
	}
	n := 0
	for _, qu := range c.Q.Indicators() {
		for _, ch := range qu.Choices {
			if ch.Score == nil || *ch.Score != 50 {
				continue
			}
			n++
			for _, l := range []string{"fr", "ar", "en"} {
				if !strings.Contains(ch.Description[l], clause[l]) {
					t.Errorf("%s (%s): the middle level does not say it takes the in-between situations", qu.ID, l)
				}
			}
		}
	}
	if n < 75 {
		t.Fatalf("only %d middle levels checked", n)
	}
}
