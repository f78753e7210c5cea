package i18n

// Messages of `indimaj xlsform import` and `xlsform submissions` about what
// blocks an import, what is skipped, and workbooks refused before reading.
func init() {
	Add(map[string]map[string]string{
		"xlsform.error":         {"fr": "erreur : %s", "ar": "خطأ: %s", "en": "error: %s"},
		"xlsform.error_skip":    {"fr": "erreur : %s (non pris en charge : --skip-unsupported le laisse de côté)", "ar": "خطأ: %s (غير مدعوم: الخيار --skip-unsupported يستبعده)", "en": "error: %s (unsupported: --skip-unsupported leaves it out)"},
		"xlsform.warn_skipped":  {"fr": "avertissement : laissé de côté : %s", "ar": "تنبيه: مُستبعَد: %s", "en": "warning: skipped: %s"},
		"xlsform.failed_counts": {"fr": "%s : rien n'a été écrit : %d erreur(s) bloquante(s), %d élément(s) laissé(s) de côté", "ar": "%s: لم يُكتب أي شيء: أخطاء مانعة: %d، عناصر مستبعدة: %d", "en": "%s: nothing written: %d blocking error(s), %d skipped item(s)"},
		"xlsform.done_counts":   {"fr": "%s : %d élément(s) laissé(s) de côté (avertissements ci-dessus), %d note(s)", "ar": "%s: عناصر مستبعدة: %d (التنبيهات أعلاه)، ملاحظات: %d", "en": "%s: %d skipped item(s) (warnings above), %d note(s)"},
		"xlsform.not_workbook":  {"fr": "%s : ni un classeur .xlsx ni un .xls lisible (%v) ; ouvrez-le dans un tableur et enregistrez-le au format .xlsx", "ar": "%s: ليس مصنف .xlsx ولا .xls مقروءا (%v)؛ افتحوه في برنامج جداول واحفظوه بصيغة .xlsx", "en": "%s: not a readable .xlsx or .xls workbook (%v); open it in a spreadsheet and save it as .xlsx"},
		"xlsform.too_large":     {"fr": "%s : refusé, trop volumineux (%v) ; limites : fichier de %d Mo, %d Mo décompressés, %d lignes, %d colonnes, %d cellules remplies", "ar": "%s: مرفوض لأنه كبير جدا (%v)؛ الحدود: ملف %d م.ب، %d م.ب بعد فك الضغط، %d سطر، %d عمود، %d خلية مملوءة", "en": "%s: refused, too large (%v); limits: %d MB file, %d MB uncompressed, %d rows, %d columns, %d filled cells"},
		"xlsform.bomb":          {"fr": "%s : refusé : une fois décompressé, le classeur dépasse ce qu'il déclare ou la limite de %d Mo (bombe zip ?) : %v", "ar": "%s: مرفوض: بعد فك الضغط يتجاوز المصنف ما يصرح به أو حد %d م.ب (قنبلة zip؟): %v", "en": "%s: refused: once uncompressed the workbook exceeds what it declares or the %d MB limit (a zip bomb?): %v"},
		"xlsform.dtd":           {"fr": "%s : refusé : une partie du classeur déclare une DTD ou des entités XML (<!DOCTYPE>, <!ENTITY>), ce qu'aucun tableur n'écrit (expansion d'entités, entités externes) : %v", "ar": "%s: مرفوض: جزء من المصنف يصرح بـDTD أو كيانات XML (<!DOCTYPE>، <!ENTITY>)، وهو ما لا يكتبه أي برنامج جداول (توسيع الكيانات، كيانات خارجية): %v", "en": "%s: refused: a part of the workbook declares a DTD or XML entities (<!DOCTYPE>, <!ENTITY>), which no spreadsheet writes (entity expansion, external entities): %v"},
	})
}
