package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// TestOneWordForRound: a round is a "cycle" in French and a "دورة" in
// Arabic in every message (interview, lists, reports); never "tour" or "جولة".
func TestOneWordForRound(t *testing.T) {
	tour := regexp.MustCompile(`(?i)\btours?\b`)
	for _, k := range Keys() {
		if fr := T("fr", k); tour.MatchString(fr) {
			t.Errorf("%s (fr) says %q: %s", k, tour.FindString(fr), fr)
		}
		if ar := T("ar", k); strings.Contains(ar, "جول") {
			t.Errorf("%s (ar) says جولة: %s", k, ar)
		}
	}
	for lang, want := range map[string]string{"fr": "cycle", "ar": "الدورة", "en": "round"} {
		for _, k := range []string{"iv.list.round", "cli.msg.col.round", "rp.meta.round"} {
			if !strings.Contains(strings.ToLower(T(lang, k)), want) {
				t.Errorf("%s (%s) = %q, want the word %q", k, lang, T(lang, k), want)
			}
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"fr", "42.3", "42,3"}, {"ar", " 42.3", " 42,3"}, {"en", "42.3", "42.3"}, {"fr", "100", "100"},
	} {
		if got := Decimal(c.lang, c.in); got != c.want {
			t.Errorf("Decimal(%s, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}
