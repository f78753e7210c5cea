package interview

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// TestStringsInEveryLanguage: every interview string exists in French,
// Arabic and English, and every key the code names exists.
func TestStringsInEveryLanguage(t *testing.T) {
	n := 0
	for _, k := range i18n.Keys() {
		if !strings.HasPrefix(k, "iv.") {
			continue
		}
		n++
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, k) {
				t.Errorf("%s has no %s text", k, lang)
			}
		}
		if ar := i18n.T("ar", k); k != "iv.lang_name" && ar == i18n.T("fr", k) && ar == i18n.T("en", k) && regexp.MustCompile(`\p{L}{3}`).MatchString(ar) {
			t.Errorf("%s is not translated: %q", k, ar)
		}
	}
	if n < 100 {
		t.Fatalf("only %d interview strings", n)
	}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"(iv\.[a-z0-9_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if strings.HasSuffix(key, ".") {
				continue // a prefix completed at run time, checked below
			}
			if !i18n.Has("fr", key) {
				t.Errorf("%s names %s, which does not exist", f, key)
			}
		}
	}
	// the keys completed at run time
	var dynamic []string
	for _, s := range []string{engine.StatusAnswered, engine.StatusDontKnow, engine.StatusNotApplicable, engine.StatusSkipped, engine.StatusUnanswered, StatusUnconfirmed, StatusDivergent} {
		dynamic = append(dynamic, "iv.status."+s)
	}
	for _, h := range engine.Horizons {
		dynamic = append(dynamic, "iv.horizon."+h)
	}
	for _, c := range engine.CostClasses {
		dynamic = append(dynamic, "iv.costc."+c)
	}
	for _, ty := range []engine.QType{engine.Integer, engine.Decimal, engine.TextQ} {
		dynamic = append(dynamic, "iv.ph."+string(ty))
	}
	for _, st := range []string{"region", "respondent", "institution", "role", "round"} {
		dynamic = append(dynamic, "iv.setup."+st)
	}
	for _, k := range dynamic {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, k) {
				t.Errorf("%s has no %s text", k, lang)
			}
		}
	}
}
