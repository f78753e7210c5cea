package i18n

import "strings"

// DecimalSeparator is the decimal separator of a language as indimaj writes
// it: a comma in French and in Arabic (Latin digits and a decimal comma, as
// numbers are written in Moroccan administration), a point in English. The
// CLI, the interview and the reports all follow it.
func DecimalSeparator(lang string) string {
	if lang == "en" {
		return "."
	}
	return ","
}

// Decimal rewrites a number formatted by Go (with a point) with the
// language's decimal separator: 42.3 → 42,3 in French and Arabic.
func Decimal(lang, s string) string {
	if sep := DecimalSeparator(lang); sep != "." {
		return strings.Replace(s, ".", sep, 1)
	}
	return s
}
