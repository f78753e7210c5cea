package i18n

// Operational messages of the command line (cmd/indimaj): what a command
// confirms, notes, warns or refuses, and the human table headers of
// `indimaj assessments` and `indimaj show`. They are printed in the message
// language (MessageLang, through M). Command names, flags, ids, file names and
// placeholders (--reason, QUESTION=VALUE...) are literal syntax and stay as
// they are in every language. Keys start with "cli.msg.".
func init() {
	Add(map[string]map[string]string{
		// General
		"cli.msg.internal_error":   {"fr": "erreur interne : %v (merci de la signaler)", "ar": "خطأ داخلي: %v (يرجى الإبلاغ عنه)", "en": "internal error: %v (please report it)"},
		"cli.msg.see_help":         {"fr": " (voir `%s --help`)", "ar": " (انظروا `%s --help`)", "en": " (see `%s --help`)"},
		"cli.msg.note":             {"fr": "note : %s", "ar": "ملاحظة: %s", "en": "note: %s"},
		"cli.msg.warning":          {"fr": "avertissement : %s", "ar": "تنبيه: %s", "en": "warning: %s"},
		"cli.msg.skipped":          {"fr": "laissé de côté : %s", "ar": "مُستبعَد: %s", "en": "skipped: %s"},
		"cli.msg.conflict":         {"fr": "conflit : %s", "ar": "تعارض: %s", "en": "conflict: %s"},
		"cli.msg.cannot_read":      {"fr": "impossible de lire %s : %v", "ar": "تتعذر قراءة %s: %v", "en": "cannot read %s: %v"},
		"cli.msg.cannot_write":     {"fr": "impossible d'écrire %s", "ar": "تتعذر كتابة %s", "en": "cannot write %s"},
		"cli.msg.cannot_create":    {"fr": "impossible de créer %s : %v", "ar": "يتعذر إنشاء %s: %v", "en": "cannot create %s: %v"},
		"cli.msg.nothing_written":  {"fr": "%s : rien n'a été écrit", "ar": "%s: لم يُكتب أي شيء", "en": "%s: nothing written"},
		"cli.msg.unknown_value":    {"fr": "%s : valeur inconnue %q (%s)", "ar": "%s: قيمة غير معروفة %q (%s)", "en": "unknown %s %q (%s)"},
		"cli.msg.unknown_language": {"fr": "langue inconnue %q (fr, ar ou en)", "ar": "لغة غير معروفة %q (fr أو ar أو en)", "en": "unknown language %q (fr, ar or en)"},
		"cli.msg.unknown_region":   {"fr": "région inconnue %q ; les codes des 12 régions sont : %s", "ar": "جهة غير معروفة %q؛ رموز الجهات الاثنتي عشرة هي: %s", "en": "unknown region %q; the 12 region codes are: %s"},
		"cli.msg.unknown_question": {"fr": "%s : question inconnue", "ar": "%s: سؤال غير معروف", "en": "%s: unknown question"},
		"cli.msg.region_required":  {"fr": "--region CODE est obligatoire", "ar": "الخيار --region CODE إجباري", "en": "--region CODE is required"},

		// answer
		"cli.msg.respondent_required": {"fr": "--respondent NAME est obligatoire", "ar": "الخيار --respondent NAME إجباري", "en": "--respondent NAME is required"},
		"cli.msg.answers_required":    {"fr": "--answers FILE est obligatoire", "ar": "الخيار --answers FILE إجباري", "en": "--answers FILE is required"},
		"cli.msg.region_required_new": {"fr": "--region CODE est obligatoire pour une nouvelle évaluation (ou indiquez --assessment ID)", "ar": "الخيار --region CODE إجباري لتقييم جديد (أو حددوا --assessment ID)", "en": "--region CODE is required for a new assessment (or give --assessment ID)"},
		"cli.msg.cannot_read_answers": {"fr": "impossible de lire le fichier de réponses : %v", "ar": "تتعذر قراءة ملف الإجابات: %v", "en": "cannot read the answers file: %v"},
		"cli.msg.wrong_region":        {"fr": "l'évaluation %s porte sur la région %s, pas sur %s", "ar": "التقييم %s يخص جهة %s وليس %s", "en": "assessment %s is for region %s, not %s"},
		"cli.msg.ignored_answers":     {"fr": "note : réponses conservées mais ignorées, car leurs questions ne sont pas posées avec les réponses actuelles : %s", "ar": "ملاحظة: إجابات محفوظة لكنها لا تُحتسب، لأن أسئلتها غير مطروحة وفق الإجابات الحالية: %s", "en": "note: kept but ignored, as their questions are not asked under the current answers: %s"},
		"cli.msg.saved_answers":       {"fr": "%d réponses enregistrées (%d/%d questions posées ont une réponse)", "ar": "حُفظت الإجابات: %d (أُجيب عن %d/%d من الأسئلة المطروحة)", "en": "saved %d answers (%d/%d relevant questions answered)"},

		// assessments, show
		"cli.msg.no_assessments":   {"fr": "aucune évaluation pour l'instant : commencez-en une avec `indimaj interview` ou `indimaj answer`", "ar": "لا يوجد أي تقييم حاليا: ابدأوا تقييما بالأمر `indimaj interview` أو `indimaj answer`", "en": "no assessments yet: start one with `indimaj interview` or `indimaj answer`"},
		"cli.msg.col.id":           {"fr": "ID", "ar": "المعرف", "en": "ID"},
		"cli.msg.col.region":       {"fr": "RÉGION", "ar": "الجهة", "en": "REGION"},
		"cli.msg.col.round":        {"fr": "CYCLE", "ar": "الدورة", "en": "ROUND"},
		"cli.msg.col.status":       {"fr": "STATUT", "ar": "الحالة", "en": "STATUS"},
		"cli.msg.col.progress":     {"fr": "AVANCEMENT", "ar": "التقدم", "en": "PROGRESS"},
		"cli.msg.col.updated":      {"fr": "MODIFIÉE LE", "ar": "آخر تحديث", "en": "UPDATED"},
		"cli.msg.show_line":        {"fr": "%s %s · %s · %d/%d questions répondues · modifiée le %s", "ar": "%s %s · %s · أُجيب عن %d/%d · آخر تحديث %s", "en": "%s %s · %s · %d/%d answered · updated %s"},
		"cli.msg.mark_not_asked":   {"fr": "(non posée : réponse conservée, ignorée)", "ar": "(غير مطروح: الإجابة محفوظة ولا تُحتسب)", "en": "(not asked: kept, ignored)"},
		"cli.msg.mark_unconfirmed": {"fr": "(reprise du cycle précédent, à confirmer)", "ar": "(منقولة من الدورة السابقة، للتأكيد)", "en": "(carried over, unconfirmed)"},
		"cli.msg.mark_divergent":   {"fr": "(divergente)", "ar": "(متباينة)", "en": "(divergent)"},

		// delete
		"cli.msg.not_deleting":  {"fr": "%s n'est pas supprimée sans confirmation : ajoutez --yes", "ar": "لن يُحذف %s دون تأكيد: أضيفوا --yes", "en": "not deleting %s without confirmation: add --yes"},
		"cli.msg.delete_prompt": {"fr": "Supprimer l'évaluation %s (%s, %s, %d réponses) ? [o/N] ", "ar": "هل تريدون حذف التقييم %s (%s، %s، عدد الإجابات: %d)؟ [y/N] ", "en": "Delete assessment %s (%s, %s, %d answers)? [y/N] "},
		"cli.msg.not_deleted":   {"fr": "non supprimée", "ar": "لم يُحذف", "en": "not deleted"},
		"cli.msg.deleted":       {"fr": "%s supprimée", "ar": "حُذف %s", "en": "deleted %s"},

		// export, import
		"cli.msg.exported":     {"fr": "%s exportée (%d réponses) dans %s", "ar": "صُدِّر %s (عدد الإجابات: %d) إلى %s", "en": "exported %s (%d answers) to %s"},
		"cli.msg.imported":     {"fr": "%s importée (%s, %s, %d réponses)", "ar": "استُورد %s (%s، %s، عدد الإجابات: %d)", "en": "imported %s (%s, %s, %d answers)"},
		"cli.msg.cannot_merge": {"fr": "fusion impossible : ici, l'évaluation %s utilise %s %s ; le lot d'export utilise %s %s", "ar": "يتعذر الدمج: التقييم %s هنا يستعمل %s %s، بينما تستعمل الحزمة %s %s", "en": "cannot merge: assessment %s here uses %s %s, the bundle uses %s %s"},
		"cli.msg.merged":       {"fr": "fusionné dans %s : %d enregistrements modifiés, %d déjà identiques, %d conflits", "ar": "دُمج في %s: السجلات المعدلة: %d، المتطابقة أصلا: %d، التعارضات: %d", "en": "merged into %s: %d records changed, %d already identical, %d conflicts"},

		// validate, questionnaire, measures
		"cli.msg.embedded_content":   {"fr": "contenu intégré", "ar": "المحتوى المدمج", "en": "embedded content"},
		"cli.msg.content_summary":    {"fr": "ok : %s : questionnaire %s %s (%s) : %d sections, %d questions, %d indicateurs notés, %d calculs ; %d mesures, %d modèles de projet pilote", "ar": "سليم: %s: الاستبيان %s %s (%s): المحاور: %d، الأسئلة: %d، المؤشرات المنقطة: %d، الحسابات: %d؛ التدابير: %d، نماذج المشاريع النموذجية: %d", "en": "ok: %s: questionnaire %s %s (%s): %d sections, %d questions, %d scored indicators, %d calculations; %d measures, %d pilot templates"},
		"cli.msg.coverage_failed":    {"fr": "couverture : des indicateurs n'ont aucune mesure, ou des textes ne sont pas traduits (voir ci-dessus)", "ar": "التغطية: بعض المؤشرات بلا تدبير، أو بعض النصوص تنقصها ترجمة (انظروا أعلاه)", "en": "coverage: some indicators have no measure, or some texts lack a translation (see above)"},
		"cli.msg.unknown_format":     {"fr": "--format %q inconnu (json ou md)", "ar": "قيمة --format غير معروفة %q (json أو md)", "en": "unknown --format %q (json or md)"},
		"cli.msg.measure_indicators": {"fr": "indicateurs : %s", "ar": "المؤشرات: %s", "en": "indicators: %s"},

		// validate --coverage
		"cli.msg.cov.snia":           {"fr": "## Programmes de la SNIA × mesures", "ar": "## برامج الاستراتيجية الوطنية للهجرة واللجوء × التدابير", "en": "## SNIA programmes × measures"},
		"cli.msg.cov.no_measure":     {"fr": "<- aucune mesure", "ar": "<- لا يوجد أي تدبير", "en": "<- no measure"},
		"cli.msg.cov.sections":       {"fr": "## Sections × mesures", "ar": "## المحاور × التدابير", "en": "## Sections × measures"},
		"cli.msg.cov.measures_n":     {"fr": "%2d mesures", "ar": "التدابير: %2d", "en": "%2d measures"},
		"cli.msg.cov.without":        {"fr": "## Indicateurs sans mesure", "ar": "## مؤشرات بلا تدبير", "en": "## Indicators without a measure"},
		"cli.msg.cov.none":           {"fr": "aucun", "ar": "لا شيء", "en": "none"},
		"cli.msg.cov.sdg":            {"fr": "## Cibles ODD couvertes (indicateurs / mesures)", "ar": "## غايات أهداف التنمية المستدامة المشمولة (المؤشرات / التدابير)", "en": "## SDG targets covered (indicators / measures)"},
		"cli.msg.cov.gcm":            {"fr": "## Objectifs du PMM couverts (indicateurs / mesures)", "ar": "## أهداف الميثاق العالمي للهجرة المشمولة (المؤشرات / التدابير)", "en": "## GCM objectives covered (indicators / measures)"},
		"cli.msg.cov.mgi":            {"fr": "## Dimensions MGI × indicateurs", "ar": "## أبعاد مؤشرات حكامة الهجرة × المؤشرات", "en": "## MGI dimensions × indicators"},
		"cli.msg.cov.translations":   {"fr": "## Traductions", "ar": "## الترجمات", "en": "## Translations"},
		"cli.msg.cov.all_translated": {"fr": "chaque texte existe en %s", "ar": "كل نص متوفر باللغات: %s", "en": "every text has %s"},
		"cli.msg.cov.no_text":        {"fr": "%s : pas de texte en %s", "ar": "%s: لا يوجد نص باللغة %s", "en": "%s: no %s text"},
		"cli.msg.cov.q_title":        {"fr": "titre du questionnaire", "ar": "عنوان الاستبيان", "en": "questionnaire title"},
		"cli.msg.cov.section_title":  {"fr": "titre de la section %s", "ar": "عنوان المحور %s", "en": "section %s title"},
		"cli.msg.cov.label":          {"fr": "libellé de %s", "ar": "نص السؤال %s", "en": "%s label"},
		"cli.msg.cov.hint":           {"fr": "aide de %s", "ar": "توضيح السؤال %s", "en": "%s hint"},
		"cli.msg.cov.guidance":       {"fr": "conseils de %s", "ar": "إرشادات السؤال %s", "en": "%s guidance"},
		"cli.msg.cov.choice":         {"fr": "%s, choix %s", "ar": "%s، الاختيار %s", "en": "%s choice %s"},
		"cli.msg.cov.measure_title":  {"fr": "titre de la mesure %s", "ar": "عنوان التدبير %s", "en": "measure %s title"},
		"cli.msg.cov.measure_desc":   {"fr": "description de la mesure %s", "ar": "وصف التدبير %s", "en": "measure %s description"},

		// report, compare, demo
		"cli.msg.output_is_folder":     {"fr": "-o %s est un dossier : indiquez un nom de fichier", "ar": "-o %s مجلد: حددوا اسم ملف", "en": "-o %s is a folder: give a file name"},
		"cli.msg.folder_missing":       {"fr": "impossible d'écrire %s : le dossier %s n'existe pas", "ar": "تتعذر كتابة %s: المجلد %s غير موجود", "en": "cannot write %s: folder %s does not exist"},
		"cli.msg.measure_pilot_only":   {"fr": "--measure ne s'applique qu'à --kind pilot", "ar": "الخيار --measure لا ينطبق إلا على --kind pilot", "en": "--measure only applies to --kind pilot"},
		"cli.msg.demo_dir_empty":       {"fr": "-o DIR ne doit pas être vide", "ar": "يجب ألا يكون -o DIR فارغا", "en": "-o DIR must not be empty"},
		"cli.msg.demo_dir_is_file":     {"fr": "-o %s est un fichier, pas un dossier", "ar": "-o %s ملف وليس مجلدا", "en": "-o %s is a file, not a folder"},
		"cli.msg.demo_content_ignored": {"fr": "note : la démonstration utilise le contenu intégré ; --content est ignoré", "ar": "ملاحظة: يستعمل العرض التجريبي المحتوى المدمج؛ ولا يؤخذ الخيار --content بعين الاعتبار", "en": "note: the demo uses the built-in content; --content is ignored"},
		"cli.msg.demo_report":          {"fr": "rapport %s de la démonstration", "ar": "تقرير %s للعرض التجريبي", "en": "demo %s report"},
		"cli.msg.demo_comparison":      {"fr": "comparaison de la démonstration", "ar": "مقارنة العرض التجريبي", "en": "demo comparison"},

		// recommend, whatif
		"cli.msg.top_negative": {"fr": "--top doit valoir 0 (toutes) ou plus", "ar": "يجب أن تكون قيمة --top مساوية لـ0 (الكل) أو أكثر", "en": "--top must be 0 (all) or more"},
		"cli.msg.whatif_usage": {"fr": "indiquez --set QUESTION=VALUE (une ou plusieurs fois) ou --next-band SECTION", "ar": "حددوا --set QUESTION=VALUE (مرة أو أكثر) أو --next-band SECTION", "en": "give --set QUESTION=VALUE (one or more) or --next-band SECTION"},
		"cli.msg.set_expected": {"fr": "--set %q : QUESTION=VALUE attendu", "ar": "--set %q: الصيغة المنتظرة هي QUESTION=VALUE", "en": "--set %q: expected QUESTION=VALUE"},

		// consensus, status, followup, confirm
		"cli.msg.consensus_usage":   {"fr": "indiquez VALUE, ou --clear pour retirer le consensus", "ar": "حددوا VALUE، أو --clear لإزالة التوافق", "en": "give a VALUE, or --clear to remove the consensus"},
		"cli.msg.not_a_question":    {"fr": "%s : ce n'est pas une question de %s %s", "ar": "%s: ليس سؤالا من أسئلة %s %s", "en": "%s: not a question of %s %s"},
		"cli.msg.note_required":     {"fr": "%s : %q exige une note qui dit pourquoi (--note)", "ar": "%s: يتطلب %q ملاحظة توضح السبب (--note)", "en": "%s: %q needs a note that says why (--note)"},
		"cli.msg.consensus_removed": {"fr": "consensus sur %s retiré", "ar": "أُزيل التوافق في %s", "en": "consensus on %s removed"},
		"cli.msg.consensus_set":     {"fr": "consensus sur %s : %s", "ar": "التوافق في %s: %s", "en": "consensus on %s: %s"},
		"cli.msg.unknown_status":    {"fr": "statut inconnu %q (draft, in_review, validated)", "ar": "حالة غير معروفة %q (draft أو in_review أو validated)", "en": "unknown status %q (draft, in_review, validated)"},
		"cli.msg.already_status":    {"fr": "%s est déjà au statut %s", "ar": "%s في الحالة %s أصلا", "en": "%s is already %s"},
		"cli.msg.round_required":    {"fr": "--round LABEL est obligatoire (par exemple 2027-review)", "ar": "الخيار --round LABEL إجباري (مثلا 2027-review)", "en": "--round LABEL is required (e.g. 2027-review)"},
		"cli.msg.followup_created":  {"fr": "cycle de suivi %s pour %s (situation de référence %s, %s) ; %d réponses reprises, à confirmer", "ar": "دورة التتبع %s لجهة %s (الوضعية المرجعية %s، %s)؛ الإجابات المنقولة، وهي للتأكيد: %d", "en": "follow-up round %s for %s (baseline %s, %s); %d answers carried over, unconfirmed"},
		"cli.msg.confirm_usage":     {"fr": "indiquez les questions à confirmer, ou --all", "ar": "حددوا الأسئلة المراد تأكيدها، أو --all", "en": "name the questions to confirm, or give --all"},
		"cli.msg.confirmed":         {"fr": "%d réponses confirmées", "ar": "الإجابات المؤكدة: %d", "en": "%d answers confirmed"},

		// plan
		"cli.msg.adopt_usage":         {"fr": "plan adopt demande au moins un identifiant de mesure (voir `indimaj measures`)", "ar": "يتطلب plan adopt معرّف تدبير واحد على الأقل (انظروا `indimaj measures`)", "en": "plan adopt needs at least one measure id (see `indimaj measures`)"},
		"cli.msg.unknown_measure":     {"fr": "%s : mesure inconnue (voir `indimaj measures`)", "ar": "%s: تدبير غير معروف (انظروا `indimaj measures`)", "en": "%s: unknown measure (see `indimaj measures`)"},
		"cli.msg.plan_count":          {"fr": "%d mesures dans le plan d'action", "ar": "التدابير المدرجة في مخطط العمل: %d", "en": "%d measures in the plan"},
		"cli.msg.plan_status_usage":   {"fr": "usage : indimaj plan status ID MEASURE planned|in_progress|done|dropped", "ar": "الاستعمال: indimaj plan status ID MEASURE planned|in_progress|done|dropped", "en": "usage: indimaj plan status ID MEASURE planned|in_progress|done|dropped"},
		"cli.msg.not_in_plan":         {"fr": "%s n'est pas dans le plan d'action : adoptez-la d'abord (indimaj plan adopt %s %s)", "ar": "%s غير مدرج في مخطط العمل: اعتمدوه أولا (indimaj plan adopt %s %s)", "en": "%s is not in the plan: adopt it first (indimaj plan adopt %s %s)"},
		"cli.msg.unknown_plan_status": {"fr": "statut inconnu %q (planned, in_progress, done, dropped)", "ar": "حالة غير معروفة %q (planned أو in_progress أو done أو dropped)", "en": "unknown status %q (planned, in_progress, done, dropped)"},
		"cli.msg.plan_empty":          {"fr": "aucune mesure adoptée pour l'instant : indimaj plan adopt %s MEASURE...", "ar": "لم يُعتمد أي تدبير بعد: indimaj plan adopt %s MEASURE...", "en": "no measure adopted yet: indimaj plan adopt %s MEASURE..."},
		"cli.msg.plan_progress":       {"fr": "avancement : %d/%d mesures actives réalisées", "ar": "التقدم: أُنجز %d من أصل %d من التدابير النشطة", "en": "progress: %d of %d active measures done"},
		"cli.msg.unknown_plan_action": {"fr": "action de plan inconnue %q (adopt, status, show)", "ar": "إجراء غير معروف للأمر plan: %q (adopt أو status أو show)", "en": "unknown plan action %q (adopt, status, show)"},

		// targets
		"cli.msg.target_expected":    {"fr": "%q : SECTION=SCORE attendu (par exemple gov=80)", "ar": "%q: الصيغة المنتظرة هي SECTION=SCORE (مثلا gov=80)", "en": "%q: expected SECTION=SCORE (e.g. gov=80)"},
		"cli.msg.not_scored_section": {"fr": "%s : ce n'est pas une section notée (%s)", "ar": "%s: ليس محورا منقطا (%s)", "en": "%s: not a scored section (%s)"},
		"cli.msg.target_range":       {"fr": "%s : la cible doit être un nombre de 0 à 100 (valeur reçue : %q)", "ar": "%s: يجب أن يكون الهدف عددا من 0 إلى 100 (القيمة المدخلة: %q)", "en": "%s: the target must be a number from 0 to 100, got %q"},
		"cli.msg.clear_no_args":      {"fr": "--clear ne prend pas de SECTION=SCORE", "ar": "الخيار --clear لا يقبل SECTION=SCORE", "en": "--clear takes no SECTION=SCORE"},

		// xlsform
		"cli.msg.xlsx_ext":            {"fr": "-o %s : le nom du classeur doit se terminer par .xlsx", "ar": "-o %s: يجب أن ينتهي اسم المصنف بـ.xlsx", "en": "-o %s: the workbook's name must end in .xlsx"},
		"cli.msg.xlsx_is_folder":      {"fr": "-o %s est un dossier : indiquez un nom de fichier se terminant par .xlsx", "ar": "-o %s مجلد: حددوا اسم ملف ينتهي بـ.xlsx", "en": "-o %s is a folder: give a file name ending in .xlsx"},
		"cli.msg.xlsx_folder_missing": {"fr": "-o %s : le dossier %s n'existe pas", "ar": "-o %s: المجلد %s غير موجود", "en": "-o %s: folder %s does not exist"},
		"cli.msg.xlsx_wrote":          {"fr": "%s écrit : %s %s, %d sections, %d questions, %d calculs", "ar": "كُتب %s: %s %s، المحاور: %d، الأسئلة: %d، الحسابات: %d", "en": "wrote %s: %s %s, %d sections, %d questions, %d calculations"},
		"cli.msg.xlsx_inexact":        {"fr": " ; %d éléments n'ont pas pu être exprimés exactement (liste ci-dessus)", "ar": "؛ عناصر تعذر التعبير عنها بدقة: %d (مذكورة أعلاه)", "en": "; %d things could not be expressed exactly (listed above)"},
		"cli.msg.dir_not_empty":       {"fr": "%s existe et n'est pas vide : rien n'a été écrit (choisissez un autre -o)", "ar": "%s موجود وغير فارغ: لم يُكتب أي شيء (اختاروا -o آخر)", "en": "%s exists and is not empty: nothing written (choose another -o)"},
		"cli.msg.out_not_empty":       {"fr": "-o %s existe et n'est pas vide : rien n'a été écrit (choisissez un autre dossier)", "ar": "-o %s موجود وغير فارغ: لم يُكتب أي شيء (اختاروا مجلدا آخر)", "en": "-o %s exists and is not empty: nothing written (choose another folder)"},
		"cli.msg.save_as_xlsx":        {"fr": "%s : %v (enregistrez le formulaire au format .xlsx)", "ar": "%s: %v (احفظوا الاستمارة بصيغة .xlsx)", "en": "%s: %v (save the form as .xlsx)"},
		"cli.msg.unsupported_parts":   {"fr": " (%d éléments non pris en charge : --skip-unsupported les laisse de côté)", "ar": " (عناصر غير مدعومة: %d؛ الخيار --skip-unsupported يستبعدها)", "en": " (%d unsupported parts: --skip-unsupported leaves them out)"},
		"cli.msg.submission_ignored":  {"fr": "note : %s:%d : réponses conservées mais ignorées, car leurs questions ne sont pas posées avec les autres réponses : %s", "ar": "ملاحظة: %s:%d: إجابات محفوظة لكنها لا تُحتسب، لأن أسئلتها غير مطروحة وفق الإجابات الأخرى: %s", "en": "note: %s:%d: kept but ignored, as their questions are not asked under the other answers: %s"},
		"cli.msg.one_per_submission":  {"fr": "une évaluation par soumission", "ar": "تقييم واحد لكل استمارة مُرسَلة", "en": "one assessment per submission"},
		"cli.msg.one_merged":          {"fr": "une seule évaluation, un répondant par soumission", "ar": "تقييم واحد، ومجيب واحد لكل استمارة مُرسَلة", "en": "one assessment, one respondent per submission"},
		"cli.msg.submissions_saved":   {"fr": "%d soumissions enregistrées (%d réponses) pour %s : %s", "ar": "حُفظت الاستمارات المُرسَلة: %d (عدد الإجابات: %d) لجهة %s: %s", "en": "saved %d submissions (%d answers) for %s: %s"},
		"cli.msg.no_answer_any":       {"fr": "%s : aucune réponse à une question de %s", "ar": "%s: لا توجد أي إجابة عن أسئلة %s", "en": "%s: no answer to any question of %s"},
		"cli.msg.note_column_empty":   {"fr": "%s : %s : %q exige une note qui dit pourquoi (la colonne %s_note est vide)", "ar": "%s: %s: يتطلب %q ملاحظة توضح السبب (العمود %s_note فارغ)", "en": "%s: %s: %q needs a note that says why (the %s_note column is empty)"},
		"cli.msg.note_without_answer": {"fr": "%s : %s : une note sans réponse", "ar": "%s: %s: ملاحظة دون إجابة", "en": "%s: %s: a note without an answer"},
	})
}
