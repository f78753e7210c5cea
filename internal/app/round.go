package app

import (
	"unicode"
	"unicode/utf8"

	"github.com/indimaj/indimaj/internal/i18n"
)

// MaxRoundLen is the longest round label, in characters.
const MaxRoundLen = 40

// CheckRound is the one rule for a round label, wherever it is given
// (interview setup, full-screen or accessible, --round flags, follow-ups):
// 1 to 40 letters, digits, and - _ . / between them, no spaces
// ("2025-baseline", "2027-review"). The label names the round in lists,
// reports and file names, so "2 3" or "" is refused.
func CheckRound(label string) error {
	n := utf8.RuneCountInString(label)
	if n == 0 || n > MaxRoundLen {
		return Inputf("%s", i18n.M("app.round_invalid", label, MaxRoundLen))
	}
	for i, r := range label {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
		case (r == '-' || r == '_' || r == '.' || r == '/') && i > 0 && i+1 < len(label):
		default:
			return Inputf("%s", i18n.M("app.round_invalid", label, MaxRoundLen))
		}
	}
	return nil
}
