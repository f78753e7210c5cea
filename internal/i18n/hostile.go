package i18n

// Messages about hostile input and unsafe output: safe writes (-o), the
// limits on the files read, characters refused in names, and the cap on
// repeated errors.
func init() {
	Add(map[string]map[string]string{
		"safewrite.cannot_write": {"fr": "impossible d'écrire %s", "ar": "تتعذر كتابة %s", "en": "cannot write %s"},
		"safewrite.symlink": {"fr": "%s est un lien symbolique : rien n'a été écrit (ajoutez --follow-symlink pour écrire dans le fichier qu'il désigne)",
			"ar": "%s رابط رمزي: لم يُكتب أي شيء (أضيفوا --follow-symlink للكتابة في الملف الذي يشير إليه)",
			"en": "%s is a symbolic link: nothing written (add --follow-symlink to write to the file it points to)"},
		"safewrite.directory": {"fr": "%s est un dossier : donnez un nom de fichier", "ar": "%s مجلد: أعطوا اسم ملف", "en": "%s is a folder: give a file name"},
		"safewrite.not_regular": {"fr": "%s n'est pas un fichier ordinaire (%s) : rien n'a été écrit",
			"ar": "%s ليس ملفا عاديا (%s): لم يُكتب أي شيء",
			"en": "%s is not a regular file (%s): nothing written"},
		"safewrite.kind.device": {"fr": "un périphérique", "ar": "جهاز طرفي", "en": "a device"},
		"safewrite.kind.fifo":   {"fr": "un tube nommé", "ar": "أنبوب مسمّى", "en": "a named pipe"},
		"safewrite.kind.socket": {"fr": "une socket", "ar": "مقبس", "en": "a socket"},
		"safewrite.kind.other":  {"fr": "un fichier spécial", "ar": "ملف خاص", "en": "a special file"},

		"ydoc.too_large": {"fr": "le fichier fait %d octets, plus que la limite de %d octets",
			"ar": "حجم الملف %d بايت، أكثر من الحد المسموح به (%d بايت)",
			"en": "the file is %d bytes long, more than the limit of %d bytes"},
		"ydoc.too_deep": {"fr": "les valeurs sont imbriquées sur plus de %d niveaux ici",
			"ar": "القيم متداخلة هنا في أكثر من %d مستوى",
			"en": "values are nested more than %d levels deep here"},
		"ydoc.too_many": {"fr": "le fichier contient plus de %d valeurs (celle-ci est la première au-delà de la limite)",
			"ar": "يحتوي الملف على أكثر من %d قيمة (هذه أول قيمة تتجاوز الحد)",
			"en": "the file holds more than %d values (this one is the first over the limit)"},
		"ydoc.too_many_set": {"fr": "les fichiers lus ensemble contiennent plus de %d valeurs",
			"ar": "تحتوي الملفات المقروءة معا على أكثر من %d قيمة",
			"en": "the files read together hold more than %d values"},
		"ydoc.too_many_files": {"fr": "plus de %d fichiers sont lus ensemble", "ar": "تُقرأ معا أكثر من %d ملف", "en": "more than %d files are read together"},
		"ydoc.invalid_utf8": {"fr": "ce texte n'est pas de l'UTF-8 valide : enregistrez le fichier en UTF-8",
			"ar": "هذا النص ليس UTF-8 صالحا: احفظوا الملف بترميز UTF-8",
			"en": "this is not valid UTF-8 text: save the file as UTF-8"},

		"hostile.bad_char": {"fr": "%s : le caractère %d est un caractère de contrôle ou de direction (%s), refusé dans un nom",
			"ar": "%s: الحرف رقم %d حرف تحكم أو اتجاه (%s)، وهو مرفوض في الأسماء",
			"en": "%s: character %d is a control or direction character (%s), not allowed in a name"},
		"hostile.bad_utf8": {"fr": "%s : le caractère %d n'est pas de l'UTF-8 valide (octet %s)",
			"ar": "%s: الحرف رقم %d ليس UTF-8 صالحا (البايت %s)",
			"en": "%s: character %d is not valid UTF-8 (byte %s)"},
		"hostile.line_too_long": {"fr": "ligne de plus de %d octets : refusée", "ar": "سطر يتجاوز %d بايت: مرفوض", "en": "a line longer than %d bytes: refused"},
		"hostile.more_errors":   {"fr": "… et %d autres problèmes", "ar": "… و%d مشكلة أخرى", "en": "… and %d more problems"},
		"hostile.not_finite":    {"fr": "%s : %s n'est pas un nombre fini", "ar": "%s: %s ليس عددا منتهيا", "en": "%s: %s is not a finite number"},
	})
}
