package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestFormatVerbsAgree: every message has the same format verbs, in the
// same order, in French, Arabic and English (a translation that drops or
// swaps one would print %!s(MISSING) or the wrong value). A translation that
// must reorder uses explicit indexes (%[2]s); then the sets must agree.
func TestFormatVerbsAgree(t *testing.T) {
	for _, k := range Keys() {
		ref := verb.FindAllString(messages[k]["fr"], -1)
		for _, lang := range Languages[1:] {
			s, ok := messages[k][lang]
			if !ok {
				continue // the languages' presence is checked by each front end's test
			}
			got := verb.FindAllString(s, -1)
			if strings.Contains(strings.Join(got, ""), "[") {
				a, b := slices.Clone(ref), slices.Clone(got)
				slices.Sort(a)
				slices.Sort(b)
				got, ref = b, a
			}
			if !slices.Equal(got, ref) {
				t.Errorf("%s: %s has verbs %v, fr has %v", k, lang, got, ref)
			}
		}
	}
}

func TestMessageLang(t *testing.T) {
	for _, c := range []struct{ indimaj, lcAll, lang, want string }{
		{"", "", "", "en"},
		{"ar", "", "fr_MA.UTF-8", "ar"},
		{"de", "", "fr_MA.UTF-8", "fr"},
		{"", "", "fr_FR.UTF-8", "fr"},
		{"", "", "ar_MA", "ar"},
		{"", "", "C.UTF-8", "en"},
		{"", "en_US.UTF-8", "fr_FR.UTF-8", "en"},
		{"", "", "french", "en"},
	} {
		t.Setenv("INDIMAJ_LANG", c.indimaj)
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		if got := MessageLang(); got != c.want {
			t.Errorf("INDIMAJ_LANG=%q LC_ALL=%q LANG=%q: %s, want %s", c.indimaj, c.lcAll, c.lang, got, c.want)
		}
	}
}
