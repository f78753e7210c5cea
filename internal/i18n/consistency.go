package i18n

// Messages added for one consistent tool (issue 16): id prefixes, sections
// named by title, plan subcommands, the interview's keys.
func init() {
	Add(map[string]map[string]string{
		"app.id_prefix_short":       {"fr": "%q : un préfixe d'identifiant doit avoir au moins 4 caractères (voir `indimaj assessments`)", "ar": "%q: يجب أن تكون بادئة المعرّف 4 أحرف على الأقل (انظر `indimaj assessments`)", "en": "%q: an id prefix needs at least 4 characters (see `indimaj assessments`)"},
		"cli.msg.section_not_asked": {"fr": "la section %q n'est pas posée avec les réponses actuelles", "ar": "المحور %q غير مطروح بالنظر إلى الإجابات الحالية", "en": "section %q is not asked under the current answers"},
	})
}
