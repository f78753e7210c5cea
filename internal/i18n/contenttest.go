package i18n

// Operational messages of `indimaj test` (content authors' golden cases).
// The failing expectations themselves are content messages, in English like
// validate's.
func init() {
	Add(map[string]map[string]string{
		"cli.msg.ct.ok":         {"fr": "ok : %s : %d cas, %d attentes vérifiées", "ar": "ok: %s: %d حالة، %d توقعا تم التحقق منه", "en": "ok: %s: %d cases, %d expectations checked"},
		"cli.msg.ct.fail":       {"fr": "ÉCHEC : %s : %d cas sur %d en échec, %d attentes non remplies", "ar": "فشل: %s: %d حالة من أصل %d فشلت، %d توقعا لم يتحقق", "en": "FAIL: %s: %d of %d cases failed, %d expectations not met"},
		"cli.msg.ct.failed":     {"fr": "des cas de test du contenu ont échoué (%d attentes non remplies)", "ar": "فشلت حالات اختبار المحتوى (%d توقعا لم يتحقق)", "en": "content test cases failed (%d expectations not met)"},
		"cli.msg.ct.no_cases":   {"fr": "%s : aucun cas de test (aucun fichier .yaml dans %s)", "ar": "%s: لا توجد حالات اختبار (لا يوجد ملف .yaml في %s)", "en": "%s: no test cases (no .yaml file in %s)"},
		"cli.msg.ct.update_dir": {"fr": "--update réécrit les fichiers des cas : donnez le dossier du contenu (indimaj test --update DIR)", "ar": "الخيار --update يعيد كتابة ملفات الحالات: حددوا مجلد المحتوى (indimaj test --update DIR)", "en": "--update rewrites the case files: give the content folder (indimaj test --update DIR)"},
		"cli.msg.ct.updated":    {"fr": "mis à jour : %s", "ar": "تم التحديث: %s", "en": "updated: %s"},
		"cli.msg.ct.unchanged":  {"fr": "inchangé : %s", "ar": "دون تغيير: %s", "en": "unchanged: %s"},
		"cli.msg.ct.embedded":   {"fr": "contenu intégré", "ar": "المحتوى المدمج", "en": "embedded content"},
	})
}
