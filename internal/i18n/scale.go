package i18n

// Messages of `indimaj doctor`, `--check`, the import of a database and the
// national view. Keys start with "scale.".
func init() {
	Add(map[string]map[string]string{
		"scale.doctor.head":       {"fr": "Contrôle complet de %s", "ar": "فحص كامل لـ %s", "en": "Full check of %s"},
		"scale.doctor.facts":      {"fr": "%s, schéma %s, %d évaluations, %d valeurs vérifiées", "ar": "%s، المخطط %s، %d تقييمات، %d قيمة مفحوصة", "en": "%s, schema %s, %d assessments, %d values checked"},
		"scale.doctor.ok":         {"fr": "Aucun problème trouvé : les pages, les sommes de contrôle et l'index sont cohérents.", "ar": "لم يُعثر على أي مشكل: الصفحات ومجاميع التحقق والفهرس متسقة.", "en": "No problem found: pages, checksums and index are consistent."},
		"scale.doctor.problems":   {"fr": "%d problème(s) trouvé(s) ; le fichier n'a pas été modifié :", "ar": "عُثر على %d مشكل(ات)؛ لم يُعدَّل الملف:", "en": "%d problem(s) found; the file was left untouched:"},
		"scale.doctor.more":       {"fr": "… et d'autres (liste limitée à %d)", "ar": "… وغيرها (القائمة محدودة في %d)", "en": "… and more (list capped at %d)"},
		"scale.doctor.advice":     {"fr": "Restaurez la base depuis une sauvegarde, ou mettez-la de côté et réimportez les paquets exportés (`indimaj import`).", "ar": "استرجع قاعدة البيانات من نسخة احتياطية، أو انقلها جانبا وأعد استيراد الحزم المصدَّرة (`indimaj import`).", "en": "Restore the database from a backup, or move it aside and import the exported bundles again (`indimaj import`)."},
		"scale.doctor.old":        {"fr": "Format ancien (schéma 1) : il sera converti à la prochaine ouverture.", "ar": "صيغة قديمة (المخطط 1): ستُحوَّل عند الفتح القادم.", "en": "Older format (schema 1): it will be converted on the next open."},
		"scale.doctor.missing":    {"fr": "%s n'existe pas : rien à contrôler", "ar": "%s غير موجود: لا شيء للفحص", "en": "%s does not exist: nothing to check"},
		"scale.check.failed":      {"fr": "%s n'a pas passé le contrôle complet (%d problème(s)) ; rien n'a été fait : lancez `indimaj doctor` pour le détail", "ar": "%s لم يجتز الفحص الكامل (%d مشكل(ات))؛ لم يُنفَّذ شيء: شغّل `indimaj doctor` للتفاصيل", "en": "%s failed the full check (%d problem(s)); nothing was done: run `indimaj doctor` for the details"},
		"scale.import.damaged_db": {"fr": "%s est une base indimaj endommagée (%d problème(s)) ; rien n'a été importé : lancez `indimaj doctor --db %s`", "ar": "%s قاعدة بيانات indimaj تالفة (%d مشكل(ات))؛ لم يُستورد شيء: شغّل `indimaj doctor --db %s`", "en": "%s is a damaged indimaj database (%d problem(s)); nothing was imported: run `indimaj doctor --db %s`"},
		"scale.import.same_db":    {"fr": "%s est la base de données en cours : rien à importer", "ar": "%s هي قاعدة البيانات الحالية: لا شيء للاستيراد", "en": "%s is the database in use: nothing to import"},
		"scale.import.db_done":    {"fr": "%d évaluation(s) importée(s) de %s (%d nouvelle(s), %d fusionnée(s))", "ar": "استُورد %d تقييم(ات) من %s (%d جديد(ة)، %d مدمج(ة))", "en": "%d assessment(s) imported from %s (%d new, %d merged)"},
	})
}
