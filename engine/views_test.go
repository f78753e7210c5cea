package engine_test

import (
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// Tests of what the views rely on: provisional results, measure variants,
// priority bands and reasons, the declared tie-break, region-specific pilot
// sentences.

func recOf(recs []engine.Recommendation, id string) *engine.Recommendation {
	for i := range recs {
		if recs[i].Measure.ID == id {
			return &recs[i]
		}
	}
	return nil
}

func setAll(t *testing.T, st *engine.State, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		if err := st.Set(kv[i], kv[i+1]); err != nil {
			t.Fatalf("set %s=%s: %v", kv[i], kv[i+1], err)
		}
	}
}

func TestVariantWordsTheFollowUpCase(t *testing.T) {
	c := loadEmbedded(t)
	m03 := c.Rules.Measure("m03")
	cases := []struct {
		gov03, staff string
		want         string // expected French title prefix
	}{
		{"full", "absent", "Renforcer l'unité migration"},
		{"partial", "absent", "Formaliser le point focal"},
		{"absent", "", "Créer une unité"},
	}
	for _, tc := range cases {
		st := engine.NewState(c.Q)
		setAll(t, st, "gov03", tc.gov03)
		if tc.staff != "" {
			setAll(t, st, "gov03_staff", tc.staff)
		}
		sc := engine.Score(st, c.Rules.Policy)
		for _, recs := range [][]engine.Recommendation{engine.Recommend(st, sc, c.Rules), engine.Rank(st, sc, c.Rules)} {
			r := recOf(recs, "m03")
			if r == nil {
				t.Fatalf("gov03=%s gov03_staff=%s: m03 not recommended", tc.gov03, tc.staff)
			}
			if got := r.Title().Get("fr"); !strings.HasPrefix(got, tc.want) {
				t.Errorf("gov03=%s gov03_staff=%s: title %q, want it to start with %q", tc.gov03, tc.staff, got, tc.want)
			}
			if v := engine.VariantOf(st, sc, m03); v != r.Variant {
				t.Errorf("gov03=%s: VariantOf %p, recommended variant %p", tc.gov03, v, r.Variant)
			}
			for _, lang := range []string{"ar", "en"} {
				if (r.Variant != nil) != (r.Title().Get(lang) != m03.Title.Get(lang)) {
					t.Errorf("gov03=%s: the %s title does not follow the variant", tc.gov03, lang)
				}
			}
		}
	}
}

// A plan already adopted, a PDR axis already there: m01 and m02 are worded
// for it.
func TestVariantsOfExistingPlans(t *testing.T) {
	c := loadEmbedded(t)
	for _, tc := range []struct{ set, measure, want string }{
		{"gov02", "m01", "Financer et mettre en œuvre"},
		{"gov01", "m02", "Étendre la dimension migration du PDR"},
		{"par05", "m23", "Faire entrer les migrants dans les trois instances"},
		{"par01", "m23", "Créer un groupe de travail migration"},
	} {
		st := engine.NewState(c.Q)
		setAll(t, st, tc.set, "full", "gov07", "absent", "gov08", "absent")
		if tc.measure == "m23" {
			other := map[string]string{"par05": "par01", "par01": "par05"}[tc.set]
			setAll(t, st, other, "absent")
		}
		sc := engine.Score(st, c.Rules.Policy)
		r := recOf(engine.Recommend(st, sc, c.Rules), tc.measure)
		if r == nil || !strings.HasPrefix(r.Title().Get("fr"), tc.want) {
			t.Errorf("%s full: %s not worded %q (%v)", tc.set, tc.measure, tc.want, r)
		}
	}
}

// Every measure that addresses a follow-up (a question asked only when its
// parent indicator exists) declares a wording for the case where the parent
// fully exists, and on random answer sets a recommended measure whose parent
// indicator is at its best level never shows its main title.
func TestVariantsCoverEveryFollowUpMeasure(t *testing.T) {
	c := loadEmbedded(t)
	parentOf := map[string]string{}
	for _, m := range c.Rules.Measures {
		for _, id := range m.Indicators {
			qu := c.Q.Question(id)
			if qu.Relevant == nil {
				continue
			}
			if len(m.Variants) == 0 {
				t.Errorf("measure %s addresses the follow-up %s but declares no variant", m.ID, id)
			}
			// The parent is the indicator the follow-up's relevance reads: score(parent) > 0.
			src := qu.Relevant.Src
			i, j := strings.Index(src, "("), strings.Index(src, ")")
			if i < 0 || j < i {
				t.Fatalf("%s: relevance %q does not name its parent", id, src)
			}
			parentOf[m.ID] = strings.Trim(src[i+1:j], `"' `)
		}
	}
	if len(parentOf) < 10 {
		t.Fatalf("only %d measures address a follow-up; the content changed?", len(parentOf))
	}
	rng := rand.New(rand.NewSource(12))
	checked := 0
	for k := 0; k < 300; k++ {
		st := randomAnswers(c, rng)
		sc := engine.Score(st, c.Rules.Policy)
		for _, r := range engine.Recommend(st, sc, c.Rules) {
			parent, ok := parentOf[r.Measure.ID]
			if !ok {
				continue
			}
			ir := sc.Indicator(parent)
			if ir.Score != nil && *ir.Score == 100 {
				checked++
				if r.Variant == nil {
					t.Fatalf("answer set %d: %s recommended with its main title %q although %s is at its best level",
						k, r.Measure.ID, r.Measure.Title.Get("fr"), parent)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no answer set exercised a variant")
	}
}

func TestPriorityBandsReasonsAndTieBreak(t *testing.T) {
	c := loadEmbedded(t)
	p := c.Rules.Policy
	if len(p.PriorityBands) != 3 || len(p.TieBreak) == 0 {
		t.Fatalf("policy: %d priority bands, %d tie_break keys", len(p.PriorityBands), len(p.TieBreak))
	}
	rng := rand.New(rand.NewSource(7))
	ties := 0
	for k := 0; k < 200; k++ {
		st := randomAnswers(c, rng)
		sc := engine.Score(st, p)
		recs := engine.Recommend(st, sc, c.Rules)
		for i, r := range recs {
			if r.Band == nil || r.Priority < r.Band.Min {
				t.Fatalf("%s: priority %v in band %+v", r.Measure.ID, r.Priority, r.Band)
			}
			for _, b := range p.PriorityBands {
				if b.Min > r.Band.Min && r.Priority >= b.Min {
					t.Fatalf("%s: priority %v belongs to band %s, got %s", r.Measure.ID, r.Priority, b.ID, r.Band.ID)
				}
			}
			gap := r.Factors["gap"].(float64)
			wantGap := "gap.small"
			if gap >= p.GapWords.Large {
				wantGap = "gap.large"
			} else if gap >= p.GapWords.Moderate {
				wantGap = "gap.moderate"
			}
			if len(r.Reasons) == 0 || r.Reasons[0] != wantGap {
				t.Fatalf("%s: gap %v, reasons %v, want %s first", r.Measure.ID, gap, r.Reasons, wantGap)
			}
			if r.Factors["aligned"].(bool) != slices.Contains(r.Reasons, "aligned") {
				t.Fatalf("%s: aligned %v but reasons %v", r.Measure.ID, r.Factors["aligned"], r.Reasons)
			}
			if i == 0 || recs[i-1].Priority != r.Priority {
				continue
			}
			ties++
			// Equal priorities: the tie_break keys never increase.
			if slices.Compare(recs[i-1].TieKeys, r.TieKeys) < 0 {
				t.Fatalf("%s (%v) ranked after %s (%v) at equal priority", r.Measure.ID, r.TieKeys, recs[i-1].Measure.ID, recs[i-1].TieKeys)
			}
			if w := r.Factors["weight"].(float64); w != r.TieKeys[0] {
				t.Fatalf("%s: first tie key %v, weight %v", r.Measure.ID, r.TieKeys[0], w)
			}
		}
	}
	if ties == 0 {
		t.Fatal("no tie met")
	}
}

func TestProvisionalAndMissing(t *testing.T) {
	c := loadEmbedded(t)
	p := c.Rules.Policy
	if p.ProvisionalBelow != 0.8 {
		t.Fatalf("provisional_below = %v, want the declared 0.8", p.ProvisionalBelow)
	}
	st := engine.NewState(c.Q)
	setAll(t, st, "gov01", "full", "gov02", "dont_know")
	sc := engine.Score(st, p)
	if !sc.Provisional || sc.Overall == nil {
		t.Fatalf("one answer: provisional %v, overall %v", sc.Provisional, sc.Overall)
	}
	miss := sc.Missing()
	if len(miss) == 0 || miss[0].Section != "gov" || slices.Contains(miss[0].Unanswered, "gov01") ||
		!slices.Contains(miss[0].Unanswered, "gov03") || !slices.Equal(miss[0].DontKnow, []string{"gov02"}) {
		t.Fatalf("missing: %+v", miss)
	}
	full := allAt(c, false)
	sc = engine.Score(full, p)
	if sc.Provisional || len(sc.Missing()) != 0 {
		t.Fatalf("complete assessment: provisional %v, missing %v", sc.Provisional, sc.Missing())
	}
}

func TestPolicyViewsDeclarationsValidated(t *testing.T) {
	base := map[string][]byte{}
	for _, dir := range []string{"questionnaires", "rules"} {
		ents, err := os.ReadDir("../" + dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".yaml") {
				b, err := os.ReadFile("../" + dir + "/" + e.Name())
				if err != nil {
					t.Fatal(err)
				}
				base[dir+"/"+e.Name()] = b
			}
		}
	}
	cases := []struct {
		file, old, new, want string
	}{
		{"rules/policy.yaml", "provisional_below: 0.8", "provisional_below: 80", "rules/policy.yaml:"},
		{"rules/policy.yaml", "    - id: low\n      min: 0", "    - id: low\n      min: 10", "the lowest band must start at 0"},
		{"rules/policy.yaml", `    - "weight"`, `    - "horizon"`, "tie_break[0]"},
		{"rules/measures.yaml", `    variants:
      - when: "score(gov03) == 100"`, `    variants:
      - when: "score(gov033) == 100"`, "variant 1: when"},
		{"rules/measures.yaml", `          fr: "Renforcer l'unité migration : personnel dédié, programme de travail et budget"
`, "", "variant 1: title: missing French text"},
		{"rules/pilots.yaml", "      - regions: [oriental]", "      - regions: [orient]", `unknown region "orient"`},
	}
	for _, tc := range cases {
		files := map[string][]byte{}
		for k, v := range base {
			files[k] = v
		}
		src := string(files[tc.file])
		if !strings.Contains(src, tc.old) {
			t.Fatalf("%s no longer contains %q", tc.file, tc.old)
		}
		files[tc.file] = []byte(strings.Replace(src, tc.old, tc.new, 1))
		_, err := engine.LoadFiles(files)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q → %q: error %v, want one containing %q", tc.old, tc.new, err, tc.want)
		}
	}
}

// placeNames are the names that must appear only in the texts of their own
// region: the region's names in the three languages and its main places.
func placeNames(c *engine.Content) map[string][]string {
	out := map[string][]string{}
	for _, r := range c.Refs.Regions {
		for _, n := range r.Name {
			n = strings.TrimPrefix(strings.TrimPrefix(n, "L'"), "جهة ")
			out[r.Code] = append(out[r.Code], n)
		}
	}
	out["oriental"] = append(out["oriental"], "Oriental", "الشرق", "Oujda", "وجدة", "Nador", "الناظور", "Berkane", "Figuig")
	out["souss-massa"] = append(out["souss-massa"], "Souss", "سوس", "Agadir", "أكادير")
	out["tanger-tetouan-al-hoceima"] = append(out["tanger-tetouan-al-hoceima"], "Tanger", "Tangier", "طنجة", "Tétouan", "Hoceïma", "الحسيمة")
	return out
}

func TestPilotTextsNameOnlyTheirRegion(t *testing.T) {
	c := loadEmbedded(t)
	names := placeNames(c)
	for _, p := range c.Rules.Pilots {
		for _, reg := range c.Refs.Regions {
			for _, lang := range []string{"fr", "ar", "en"} {
				text := p.SummaryFor(reg.Code, lang) + "\n" + p.SustainabilityFor(reg.Code, lang)
				for other, list := range names {
					if other == reg.Code {
						continue
					}
					for _, n := range list {
						if strings.Contains(text, n) {
							t.Errorf("pilot %s for %s (%s) names %q, a place of %s", p.ID, reg.Code, lang, n, other)
						}
					}
				}
			}
		}
		for _, rt := range p.Regional {
			for _, reg := range rt.Regions {
				for _, lang := range []string{"fr", "ar", "en"} {
					if !strings.Contains(p.SummaryFor(reg, lang), rt.Summary.Get(lang)) ||
						!strings.Contains(p.SustainabilityFor(reg, lang), rt.Sustainability.Get(lang)) {
						t.Errorf("pilot %s: the %s sentence (%s) is missing from its own region's text", p.ID, reg, lang)
					}
				}
			}
		}
	}
}
