package i18n

// Messages of the database layer: package store returns errors with a code
// (store.Error, and its sentinel kinds); the front ends show "store."+code
// through app.ErrorText. Keys start with "store.".
func init() {
	Add(map[string]map[string]string{
		"store.busy":         {"fr": "base de données occupée", "ar": "قاعدة البيانات مشغولة", "en": "database busy"},
		"store.corrupt":      {"fr": "base de données endommagée", "ar": "قاعدة البيانات تالفة", "en": "database damaged"},
		"store.not_found":    {"fr": "aucune évaluation de ce nom", "ar": "لا يوجد تقييم بهذا المعرّف", "en": "no such assessment"},
		"store.exists":       {"fr": "l'évaluation existe déjà", "ar": "التقييم موجود مسبقا", "en": "assessment already exists"},
		"store.needs_reason": {"fr": "l'évaluation est validée : donnez la raison de ce changement (--reason)", "ar": "التقييم مصادق عليه: اذكر سبب هذا التغيير (--reason)", "en": "the assessment is validated: give a reason for this change (--reason)"},
		"store.no_home":      {"fr": "impossible de trouver où placer la base de données (pas de $HOME) : utilisez --db CHEMIN ou $INDIMAJ_DB", "ar": "تعذر تحديد مكان قاعدة البيانات (لا يوجد $HOME): استعمل --db PATH أو $INDIMAJ_DB", "en": "cannot find a place for the database (no $HOME): use --db PATH or $INDIMAJ_DB"},
		"store.is_folder":    {"fr": "%s est un dossier, pas un fichier de base de données", "ar": "%s مجلد وليس ملف قاعدة بيانات", "en": "%s is a folder, not a database file"},
		"store.empty":        {"fr": "%s est vide (0 octet) ; une base indimaj n'est jamais vide : restaurez-la depuis une sauvegarde ou mettez-la de côté", "ar": "%s فارغ (0 بايت)؛ قاعدة بيانات indimaj لا تكون فارغة أبدا: استرجعها من نسخة احتياطية أو انقلها جانبا", "en": "%s is empty (0 bytes); an indimaj database is never empty: restore it from a backup or move it aside"},
		"store.mkdir":        {"fr": "impossible de créer le dossier de la base de données", "ar": "تعذر إنشاء مجلد قاعدة البيانات", "en": "cannot create the database folder"},
		"store.cannot_read":  {"fr": "impossible de lire %s", "ar": "تعذرت قراءة %s", "en": "cannot read %s"},
		"store.busy_detail":  {"fr": "un autre processus indimaj utilise %s ; réessayez quand il aura fini", "ar": "عملية indimaj أخرى تستعمل %s؛ أعد المحاولة بعد انتهائها", "en": "another indimaj process is using %s; try again when it is done"},
		"store.permission":   {"fr": "impossible d'ouvrir %s : permission refusée", "ar": "تعذر فتح %s: الإذن مرفوض", "en": "cannot open %s: permission denied"},
		"store.cannot_open":  {"fr": "impossible d'ouvrir %s", "ar": "تعذر فتح %s", "en": "cannot open %s"},
		"store.closing":      {"fr": "fermeture de %s", "ar": "إغلاق %s", "en": "closing %s"},
		"store.init":         {"fr": "impossible d'initialiser %s", "ar": "تعذرت تهيئة %s", "en": "cannot initialise %s"},
		"store.foreign":      {"fr": "%s est un fichier bbolt mais pas une base indimaj", "ar": "%s ملف bbolt لكنه ليس قاعدة بيانات indimaj", "en": "%s is a bbolt file but not an indimaj database"},
		"store.schema":       {"fr": "%s a la version de schéma %s, mais cet indimaj lit la version %s : utilisez un indimaj correspondant", "ar": "%s بنسخة المخطط %s، لكن indimaj هذا يقرأ النسخة %s: استعمل indimaj موافقا", "en": "%s has schema version %s, but this indimaj reads version %s: use a matching indimaj"},
		"store.not_found_id": {"fr": "%q (voir `indimaj assessments`)", "ar": "%q (انظر `indimaj assessments`)", "en": "%q (see `indimaj assessments`)"},
		"store.ambiguous":    {"fr": "%q correspond à %d évaluations ; donnez plus de caractères", "ar": "%q يطابق %d تقييمات؛ أضف مزيدا من الأحرف", "en": "%q matches %d assessments; give more characters"},
		"store.id":           {"fr": "%s", "ar": "%s", "en": "%s"},
		"store.damaged":      {"fr": "%s est endommagée ou n'est pas une base indimaj ; elle n'a pas été modifiée : restaurez-la depuis une sauvegarde ou mettez-la de côté (`indimaj doctor` décrit les dégâts)", "ar": "%s تالف أو ليس قاعدة بيانات indimaj؛ لم يُعدَّل: استرجعه من نسخة احتياطية أو انقله جانبا (`indimaj doctor` يصف الضرر)", "en": "%s is damaged or is not an indimaj database; it was left untouched: restore it from a backup or move it aside (`indimaj doctor` describes the damage)"},
		"store.migrate":      {"fr": "impossible de convertir %s au format actuel", "ar": "تعذر تحويل %s إلى الصيغة الحالية", "en": "cannot bring %s to the current format"},
	})
}
