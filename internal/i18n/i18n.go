// Package i18n holds indimaj's interface strings in French (the reference),
// Arabic and English. Content strings (questions, measures) live in the
// content files; these are the words around them.
package i18n

import (
	"fmt"
	"os"
	"strings"
)

// Languages lists the supported interface languages, the reference first.
var Languages = []string{"fr", "ar", "en"}

// T returns the message for key in lang (falling back to French), formatted
// with args when given. An unknown key is returned as is, so a missing
// string shows rather than hides.
func T(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[lang]
	if s == "" {
		s = m["fr"]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Keys returns every message key (for the completeness test).
// MessageLang is the language of the command line's messages (what a
// command confirms, warns or refuses): $INDIMAJ_LANG if it is fr, ar or en,
// else the locale ($LC_ALL, $LC_MESSAGES, $LANG, such as fr_MA.UTF-8), else
// English. Commands that render results take --lang instead.
func MessageLang() string {
	if l := strings.ToLower(strings.TrimSpace(os.Getenv("INDIMAJ_LANG"))); isLang(l) {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if l = strings.ToLower(l); len(l) >= 2 && isLang(l[:2]) && (len(l) == 2 || l[2] == '_' || l[2] == '.' || l[2] == '-') {
				return l[:2]
			}
			return "en" // the first locale variable set decides (C, POSIX, de_DE...)
		}
	}
	return "en"
}

func isLang(l string) bool { return l == "fr" || l == "ar" || l == "en" }

// Colon is the separator between a message and its detail in the command
// line's language (French puts a space before the colon).
func Colon() string {
	if MessageLang() == "fr" {
		return " : "
	}
	return ": "
}

// M is T in the language of the command line's messages (MessageLang).
func M(key string, args ...any) string { return T(MessageLang(), key, args...) }

func Keys() []string {
	out := make([]string, 0, len(messages))
	for k := range messages {
		out = append(out, k)
	}
	return out
}

// Has reports whether key has a text in lang.
func Has(lang, key string) bool { return messages[key][lang] != "" }

// RTL reports whether lang is written right to left.
func RTL(lang string) bool { return lang == "ar" }

type msg map[string]string

// Add registers messages (key → language → text); each front end's strings
// live in their own file and call Add from init. A key defined twice panics
// at start-up, so a clash is found by any test.
func Add(m map[string]map[string]string) {
	for k, v := range m {
		if _, dup := messages[k]; dup {
			panic("i18n: message " + k + " defined twice")
		}
		messages[k] = v
	}
}

var messages = map[string]msg{
	"questionnaire":    {"fr": "Questionnaire", "ar": "الاستبيان", "en": "Questionnaire"},
	"version":          {"fr": "version", "ar": "النسخة", "en": "version"},
	"section":          {"fr": "Section", "ar": "المحور", "en": "Section"},
	"question":         {"fr": "Question", "ar": "السؤال", "en": "Question"},
	"hint":             {"fr": "Aide", "ar": "توضيح", "en": "Hint"},
	"guidance":         {"fr": "Conseils au consultant", "ar": "إرشادات للمستشار", "en": "Consultant guidance"},
	"levels":           {"fr": "Niveaux", "ar": "المستويات", "en": "Levels"},
	"choices":          {"fr": "Choix", "ar": "الاختيارات", "en": "Choices"},
	"references":       {"fr": "Références", "ar": "المراجع", "en": "References"},
	"asked_when":       {"fr": "Posée si", "ar": "يُطرح إذا", "en": "Asked when"},
	"constraint":       {"fr": "Contrainte", "ar": "قيد", "en": "Constraint"},
	"required":         {"fr": "obligatoire", "ar": "إجباري", "en": "required"},
	"weight":           {"fr": "poids", "ar": "الوزن", "en": "weight"},
	"score":            {"fr": "score", "ar": "النقطة", "en": "score"},
	"dont_know":        {"fr": "Ne sais pas", "ar": "لا أعرف", "en": "Don't know"},
	"not_applicable":   {"fr": "Sans objet", "ar": "لا ينطبق", "en": "Not applicable"},
	"competence":       {"fr": "Compétence", "ar": "الاختصاص", "en": "Competence"},
	"type.single":      {"fr": "choix unique", "ar": "اختيار واحد", "en": "single choice"},
	"type.multiple":    {"fr": "choix multiple", "ar": "اختيارات متعددة", "en": "multiple choice"},
	"type.boolean":     {"fr": "oui / non", "ar": "نعم / لا", "en": "yes / no"},
	"type.integer":     {"fr": "nombre entier", "ar": "عدد صحيح", "en": "whole number"},
	"type.decimal":     {"fr": "nombre", "ar": "عدد", "en": "number"},
	"type.text":        {"fr": "texte", "ar": "نص", "en": "text"},
	"type.note":        {"fr": "note d'information", "ar": "ملاحظة إخبارية", "en": "information note"},
	"scored_indicator": {"fr": "indicateur noté", "ar": "مؤشر منقط", "en": "scored indicator"},
	"skip_lowest":      {"fr": "si elle n'est pas posée alors que les réponses dont elle dépend sont connues, elle compte à son niveau le plus bas", "ar": "إذا لم يُطرح السؤال رغم معرفة الإجابات التي يتوقف عليها، يُحتسب في أدنى مستوى له", "en": "when it is not asked although the answers it depends on are known, it counts at its lowest level"},
	"skip_exclude":     {"fr": "si la question n'est pas posée, elle est exclue des moyennes", "ar": "إذا لم يُطرح السؤال يُستثنى من المعدلات", "en": "when not asked, it is left out of the averages"},
	"method_scale":     {"fr": "Échelle : chaque indicateur a trois niveaux (absent = 0, partiel = 50, complet = 100) ; « ne sais pas » et « sans objet » sont exclus des moyennes et comptés comme lacunes de données. Score de section = moyenne des indicateurs ; score global = moyenne des sections (arithmétique MIPEX 2020).", "ar": "السلم: لكل مؤشر ثلاثة مستويات (غير موجود = 0، جزئي = 50، كامل = 100)؛ تُستثنى إجابتا «لا أعرف» و«لا ينطبق» من المعدلات وتُحتسبان نقصا في المعطيات. نقطة المحور = معدل المؤشرات؛ النقطة الإجمالية = معدل المحاور (حساب MIPEX 2020).", "en": "Scale: each indicator has three levels (absent = 0, partial = 50, full = 100); \"don't know\" and \"not applicable\" are left out of averages and counted as data gaps. Section score = mean of its indicators; overall score = mean of the sections (MIPEX 2020 arithmetic)."},
}
