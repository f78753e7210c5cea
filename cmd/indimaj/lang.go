package main

import "github.com/indimaj/indimaj/store"

// checkLangFlag accepts an empty --lang (meaning "the assessment's language")
// or one of fr, ar, en.
func checkLangFlag(lang string) error {
	if lang == "" {
		return nil
	}
	return checkLang(lang)
}

// langFor is the language of a command's output about an assessment: --lang
// when given, else the language the assessment was started in, else French.
func langFor(flag string, a *store.Assessment) string {
	if flag != "" {
		return flag
	}
	if a != nil && checkLang(a.Lang) == nil {
		return a.Lang
	}
	return "fr"
}
