package i18n

// Messages of the database layer (package store). Keys start with "store.".
func init() {
	Add(map[string]map[string]string{
		"store.busy":                   {"fr": "base de données occupée", "ar": "قاعدة البيانات مشغولة", "en": "database busy"},
		"store.corrupt":                {"fr": "base de données endommagée", "ar": "قاعدة البيانات تالفة", "en": "database damaged"},
		"store.not_found":              {"fr": "aucune évaluation de ce nom", "ar": "لا يوجد تقييم بهذا المعرّف", "en": "no such assessment"},
		"store.exists":                 {"fr": "l'évaluation existe déjà", "ar": "التقييم موجود مسبقا", "en": "assessment already exists"},
		"store.needs_reason":           {"fr": "l'évaluation est validée : donnez la raison de ce changement (--reason)", "ar": "التقييم مصادق عليه: اذكر سبب هذا التغيير (--reason)", "en": "the assessment is validated: give a reason for this change (--reason)"},
		"store.no_home":                {"fr": "impossible de trouver où placer la base de données (pas de $HOME) : utilisez --db CHEMIN ou $INDIMAJ_DB", "ar": "تعذر تحديد مكان قاعدة البيانات (لا يوجد $HOME): استعمل --db PATH أو $INDIMAJ_DB", "en": "cannot find a place for the database (no $HOME): use --db PATH or $INDIMAJ_DB"},
		"store.is_folder":              {"fr": "%s est un dossier, pas un fichier de base de données", "ar": "%s مجلد وليس ملف قاعدة بيانات", "en": "%s is a folder, not a database file"},
		"store.empty":                  {"fr": "%s est vide (0 octet) ; une base indimaj n'est jamais vide : restaurez-la depuis une sauvegarde ou mettez-la de côté", "ar": "%s فارغ (0 بايت)؛ قاعدة بيانات indimaj لا تكون فارغة أبدا: استرجعها من نسخة احتياطية أو انقلها جانبا", "en": "%s is empty (0 bytes); an indimaj database is never empty: restore it from a backup or move it aside"},
		"store.mkdir":                  {"fr": "impossible de créer le dossier de la base de données", "ar": "تعذر إنشاء مجلد قاعدة البيانات", "en": "cannot create the database folder"},
		"store.cannot_read":            {"fr": "impossible de lire %s", "ar": "تعذرت قراءة %s", "en": "cannot read %s"},
		"store.busy_detail":            {"fr": "un autre processus indimaj utilise %s ; réessayez quand il aura fini", "ar": "عملية indimaj أخرى تستعمل %s؛ أعد المحاولة بعد انتهائها", "en": "another indimaj process is using %s; try again when it is done"},
		"store.not_indimaj_or_damaged": {"fr": "%s n'est pas une base indimaj, ou elle est endommagée (%v)", "ar": "%s ليس قاعدة بيانات indimaj أو أنه تالف (%v)", "en": "%s is not an indimaj database, or it is damaged (%v)"},
		"store.permission":             {"fr": "impossible d'ouvrir %s : permission refusée", "ar": "تعذر فتح %s: الإذن مرفوض", "en": "cannot open %s: permission denied"},
		"store.cannot_open":            {"fr": "impossible d'ouvrir %s", "ar": "تعذر فتح %s", "en": "cannot open %s"},
		"store.damaged":                {"fr": "%s est endommagée (%v) ; restaurez-la depuis une sauvegarde ou mettez-la de côté", "ar": "%s تالف (%v)؛ استرجعه من نسخة احتياطية أو انقله جانبا", "en": "%s is damaged (%v); restore it from a backup or move it aside"},
		"store.closing":                {"fr": "fermeture de %s", "ar": "إغلاق %s", "en": "closing %s"},
		"store.init":                   {"fr": "impossible d'initialiser %s", "ar": "تعذرت تهيئة %s", "en": "cannot initialise %s"},
		"store.foreign":                {"fr": "%s est un fichier bbolt mais pas une base indimaj", "ar": "%s ملف bbolt لكنه ليس قاعدة بيانات indimaj", "en": "%s is a bbolt file but not an indimaj database"},
		"store.schema":                 {"fr": "%s a la version de schéma %s, mais cet indimaj lit la version %s : utilisez un indimaj correspondant", "ar": "%s بنسخة المخطط %s، لكن indimaj هذا يقرأ النسخة %s: استعمل indimaj موافقا", "en": "%s has schema version %s, but this indimaj reads version %s: use a matching indimaj"},
		"store.check":                  {"fr": "%s n'a pas passé son contrôle de cohérence (%v) ; restaurez-la depuis une sauvegarde", "ar": "%s لم يجتز فحص الاتساق (%v)؛ استرجعه من نسخة احتياطية", "en": "%s failed its consistency check (%v); restore it from a backup"},
		"store.not_found_id":           {"fr": "%q (voir `indimaj assessments`)", "ar": "%q (انظر `indimaj assessments`)", "en": "%q (see `indimaj assessments`)"},
		"store.ambiguous":              {"fr": "%q correspond à %d évaluations ; donnez plus de caractères", "ar": "%q يطابق %d تقييمات؛ أضف مزيدا من الأحرف", "en": "%q matches %d assessments; give more characters"},
		"store.unreadable":             {"fr": "l'évaluation %s est illisible : %v", "ar": "تعذرت قراءة التقييم %s: %v", "en": "assessment %s cannot be read: %v"},
		"store.answer_unreadable":      {"fr": "une réponse de %s est illisible : %v", "ar": "تعذرت قراءة إحدى إجابات %s: %v", "en": "an answer of %s cannot be read: %v"},
	})
}
