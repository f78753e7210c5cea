package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// embeddedFiles reads the repository's default content as LoadFiles input.
func embeddedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{"questionnaires", "rules"} {
		names, _ := filepath.Glob(filepath.Join("..", dir, "*.yaml"))
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[dir+"/"+filepath.Base(name)] = data
		}
	}
	return files
}

func replaceIn(t *testing.T, files map[string][]byte, name, old, new string) {
	t.Helper()
	s := string(files[name])
	if !strings.Contains(s, old) {
		t.Fatalf("%s: %q not found", name, old)
	}
	files[name] = []byte(strings.Replace(s, old, new, 1))
}

// TestModalityApartFromCompetence: "by convention" is how the council acts,
// not a competence of organic law 111-14. It weighs the priority through
// modality_weights, and content written before the split (competence:
// convention, a convention competence weight) still loads with the same
// meaning and the same ranking.
func TestModalityApartFromCompetence(t *testing.T) {
	c := loadEmbedded(t)
	qu := c.Q.Question("pro01")
	if qu.Refs.Competence != "" || qu.Refs.Modality != "convention" {
		t.Fatalf("pro01 refs = %+v, want no competence and the convention modality", qu.Refs)
	}
	if c.Refs.IsCompetence("convention") {
		t.Fatal("convention is listed as a competence")
	}
	if w := c.Rules.Policy.ModalityWeights["convention"]; w != 0.6 {
		t.Fatalf("convention modality weight = %v", w)
	}

	// The same content written the old way.
	files := embeddedFiles(t)
	replaceIn(t, files, "questionnaires/pro.yaml", "gcm: [10], modality: convention}", "gcm: [10], competence: convention}")
	replaceIn(t, files, "rules/policy.yaml", "competence_weights: {own: 1.0, shared: 0.8, transferred: 0.6}", "competence_weights: {own: 1.0, shared: 0.8, transferred: 0.6, convention: 0.6}")
	replaceIn(t, files, "rules/policy.yaml", "  modality_weights: {direct: 1.0, convention: 0.6, advocacy: 0.5}\n", "")
	old, err := engine.LoadFiles(files)
	if err != nil {
		t.Fatalf("content with competence: convention: %v", err)
	}
	if r := old.Q.Question("pro01").Refs; r.Competence != "" || r.Modality != "convention" {
		t.Fatalf("old-style pro01 refs = %+v", r)
	}
	if w := old.Rules.Policy.ModalityWeights["convention"]; w != 0.6 {
		t.Fatalf("old-style policy: convention weight = %v", w)
	}

	// Same answers, same priorities: every indicator at its lowest level.
	rank := func(c *engine.Content) []string {
		st := engine.NewState(c.Q)
		for _, q := range c.Q.Indicators() {
			if st.Relevant(q.ID) {
				if err := st.Set(q.ID, q.Choices[0].Value); err != nil {
					t.Fatal(err)
				}
			}
		}
		var out []string
		for _, r := range engine.Recommend(st, engine.Score(st, c.Rules.Policy), c.Rules) {
			out = append(out, fmt.Sprintf("%s=%.6f", r.Measure.ID, r.Priority))
		}
		return out
	}
	ra := rank(c)
	if len(ra) < 40 {
		t.Fatalf("only %d measures fire with every indicator at its lowest level", len(ra))
	}
	if a, b := strings.Join(ra, " "), strings.Join(rank(old), " "); a != b {
		t.Errorf("rankings differ:\nnew %s\nold %s", a, b)
	}
}

// TestModalityAndSourceCodesChecked: an unknown modality or source is
// refused with its file, line and column.
func TestModalityAndSourceCodesChecked(t *testing.T) {
	files := embeddedFiles(t)
	replaceIn(t, files, "questionnaires/pro.yaml", "gcm: [10], modality: convention}", "gcm: [10], modality: lobbying}")
	replaceIn(t, files, "rules/measures.yaml", "sources: [indimaj_oriental_study]", "sources: [indimaj_study]")
	_, err := engine.LoadFiles(files)
	if err == nil {
		t.Fatal("unknown modality and source accepted")
	}
	msg := err.Error()
	for _, want := range []string{`unknown modality "lobbying" (direct, convention, advocacy)`, `unknown source "indimaj_study" (icmd_guide, indimaj_oriental_study)`, "questionnaires/pro.yaml:", "rules/measures.yaml:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}
