package interview

import (
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/i18n"
)

// The results screen of a partial assessment says the results are
// provisional, greys the overall score, lists the questions to complete per
// section and words the measures for the case; in Arabic it isolates codes
// and numbers.
func TestResultsScreenOfAPartialAssessment(t *testing.T) {
	env, _ := testEnv(t, true)
	s := newSession(t, env, "fr")
	for qid, v := range map[string]string{"gov01": "full", "gov03": "full", "gov03_staff": "absent"} {
		if err := s.Commit(s.Q().Question(qid), v, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	l, err := env.Open(s.ID())
	if err != nil {
		t.Fatal(err)
	}
	fr := ResultsText(l, "fr", 100)
	for _, want := range []string{"Résultats provisoires", "provisoire, couverture", "Questions à compléter", "gov02", "Renforcer l'unité migration", "Priorité : Haute — écart important"} {
		if !strings.Contains(fr, want) {
			t.Errorf("results lack %q:\n%s", want, fr)
		}
	}
	if strings.Contains(fr, "Créer une unité") || strings.Contains(fr, i18n.FSI) {
		t.Errorf("results contradict the answers or carry isolates in French:\n%s", fr)
	}
	sum := SummaryText(l, "fr", 100, 5)
	if !strings.Contains(sum, "Questions à compléter") || !strings.Contains(sum, "[Haute] Renforcer l'unité migration") {
		t.Errorf("summary:\n%s", sum)
	}
	ar := ResultsText(l, "ar", 100)
	if !strings.Contains(ar, i18n.FSI+"gov02") || !strings.Contains(ar, "نتائج مؤقتة") {
		t.Errorf("Arabic results do not isolate the ids or lack the notice:\n%s", ar)
	}
}
