package xlsform

import (
	"regexp"
	"strings"
	"unicode"
)

// Languages indimaj speaks, in reference order.
var langOrder = []string{"fr", "ar", "en"}

// langHeader is how export names a language in column headers
// (label::French (fr)): the English name and the code, as the XLSForm,
// KoboToolbox and ODK documentation write them.
var langHeader = map[string]string{"fr": "French (fr)", "ar": "Arabic (ar)", "en": "English (en)"}

var langNames = map[string]string{
	"fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr", "française": "fr", "الفرنسية": "fr",
	"ar": "ar", "ara": "ar", "arabic": "ar", "arabe": "ar", "العربية": "ar", "عربي": "ar", "عربية": "ar",
	"en": "en", "eng": "en", "english": "en", "anglais": "en", "الإنجليزية": "en", "الانجليزية": "en",
}

var langCodeInParens = regexp.MustCompile(`\(\s*([^()]+?)\s*\)\s*$`)

// langCode maps an XLSForm language ("French (fr)", "Français (fr)", "fr",
// "English", "ar-MA") to fr, ar or en. ok is false for other languages.
func langCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := langCodeInParens.FindStringSubmatch(s); m != nil {
		code := strings.ToLower(m[1])
		if i := strings.IndexAny(code, "-_"); i > 0 {
			code = code[:i]
		}
		if c, ok := langNames[code]; ok {
			return c, true
		}
		s = strings.TrimSpace(s[:len(s)-len(m[0])])
	}
	name := strings.ToLower(s)
	if c, ok := langNames[name]; ok {
		return c, true
	}
	if i := strings.IndexAny(name, "-_"); i > 0 {
		if c, ok := langNames[name[:i]]; ok && len(name[:i]) <= 3 {
			return c, true
		}
	}
	return "", false
}

// splitHeader splits "label::English (en)" into "label" and "English (en)".
func splitHeader(h string) (base, lang string) {
	h = strings.TrimSpace(h)
	if i := strings.Index(h, "::"); i >= 0 {
		return strings.ToLower(strings.TrimSpace(h[:i])), strings.TrimSpace(h[i+2:])
	}
	return strings.ToLower(h), ""
}

// mostlyArabic mirrors the loader's check: at least half of the letters are Arabic.
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
	return letters == 0 || ar*2 >= letters
}

// Generated texts, in every language indimaj speaks.
var (
	txtNoteLabel = map[string]string{
		"fr": "Note : précisez pourquoi",
		"ar": "ملاحظة: وضحوا السبب",
		"en": "Note: say why",
	}
	txtFilterMsg = map[string]string{
		"fr": "Ce choix n'est pas proposé avec les réponses données plus haut.",
		"ar": "هذا الاختيار غير متاح مع الإجابات السابقة.",
		"en": "This choice is not offered given the earlier answers.",
	}
	txtMissingAr = "ترجمة غير متوفرة"
	txtYes       = map[string]string{"fr": "Oui", "ar": "نعم", "en": "Yes"}
	txtNo        = map[string]string{"fr": "Non", "ar": "لا", "en": "No"}
	txtForm      = map[string]string{"fr": "Questionnaire", "ar": "استبيان", "en": "Questionnaire"}
	// or_other: the choice and the question ODK adds.
	txtOther        = map[string]string{"fr": "Autre", "ar": "أخرى", "en": "Other"}
	txtSpecifyOther = map[string]string{"fr": "Précisez (autre)", "ar": "حددوا (أخرى)", "en": "Specify other"}
)
