package i18n

// Strings of the provisional results (coverage below the policy's
// provisional_below) and of the priorities in plain words, shared by the
// command line, the interview's results screen and the reports. Keys start
// with "pv." and "pr.".
func init() {
	Add(map[string]map[string]string{
		"pv.colon":                  {"fr": " : ", "ar": ": ", "en": ": "},
		"pv.provisional":            {"fr": "provisoire", "ar": "مؤقت", "en": "provisional"},
		"pv.title":                  {"fr": "Résultats provisoires", "ar": "نتائج مؤقتة", "en": "Provisional results"},
		"pv.banner":                 {"fr": "Résultats provisoires : %.0f %% seulement des indicateurs ont une réponse connue (seuil : %.0f %%). Le score global n'est pas publiable et ne se compare pas à celui d'une évaluation complète ; complétez les questions listées.", "ar": "نتائج مؤقتة: %.0f %% فقط من المؤشرات لها جواب معروف (العتبة: %.0f %%). النقطة الإجمالية غير قابلة للنشر ولا تُقارن بنقطة تقييم مكتمل؛ أكملوا الأسئلة المذكورة.", "en": "Provisional results: only %.0f %% of the indicators have a known answer (threshold: %.0f %%). The overall score is not for publication and does not compare with that of a complete assessment; complete the questions listed."},
		"pv.overall":                {"fr": "provisoire, couverture %.0f %% (seuil %.0f %%)", "ar": "مؤقتة، التغطية %.0f %% (العتبة %.0f %%)", "en": "provisional, coverage %.0f %% (threshold %.0f %%)"},
		"pv.withheld":               {"fr": "non publié (résultats provisoires)", "ar": "غير منشورة (نتائج مؤقتة)", "en": "withheld (provisional results)"},
		"pv.missing_title":          {"fr": "Questions à compléter", "ar": "أسئلة يجب استكمالها", "en": "Questions to complete"},
		"pv.unanswered":             {"fr": "sans réponse", "ar": "بدون جواب", "en": "unanswered"},
		"pv.dont_know":              {"fr": "ne sait pas", "ar": "لا أعرف", "en": "don't know"},
		"pv.more":                   {"fr": "… et %d autres", "ar": "… و%d أخرى", "en": "… and %d more"},
		"pv.compare_note":           {"fr": "Les évaluations provisoires (couverture inférieure à %.0f %%) sont classées après les évaluations complètes et leur score global n'est pas comparé.", "ar": "تُرتَّب التقييمات المؤقتة (تغطية أقل من %.0f %%) بعد التقييمات المكتملة ولا تُقارن نقطتها الإجمالية.", "en": "Provisional assessments (coverage below %.0f %%) are listed after complete ones and their overall score is not compared."},
		"pv.pilot_elsewhere":        {"fr": "Ce modèle de projet a été pensé en premier lieu pour une autre région ; il est à adapter au contexte de la présente région.", "ar": "صُمم هذا النموذج من المشاريع أساسا لجهة أخرى؛ ويتعين تكييفه مع سياق هذه الجهة.", "en": "This project template was designed first for another region; it needs adapting to this region's context."},
		"pr.intro":                  {"fr": "Chaque mesure a une priorité haute, moyenne ou basse, avec ses raisons en mots : l'écart à combler, la compétence de la région, l'alignement sur les priorités SNIA déclarées et l'horizon. La valeur numérique et la formule figurent en annexe.", "ar": "لكل تدبير أولوية عالية أو متوسطة أو منخفضة، مع أسبابها بالكلمات: الفجوة المراد سدها، واختصاص الجهة، والانسجام مع أولويات الاستراتيجية الوطنية للهجرة واللجوء المصرح بها، والأفق الزمني. وترد القيمة العددية والصيغة في الملحق.", "en": "Each measure has a high, medium or low priority, with its reasons in words: the gap to close, the region's competence, alignment with the declared SNIA priorities and the horizon. The number and the formula are in the annex."},
		"pr.priority":               {"fr": "Priorité", "ar": "الأولوية", "en": "Priority"},
		"pr.why":                    {"fr": "pourquoi", "ar": "لماذا", "en": "why"},
		"pr.gap.large":              {"fr": "écart important", "ar": "فجوة كبيرة", "en": "large gap"},
		"pr.gap.moderate":           {"fr": "écart moyen", "ar": "فجوة متوسطة", "en": "moderate gap"},
		"pr.gap.small":              {"fr": "écart faible", "ar": "فجوة صغيرة", "en": "small gap"},
		"pr.competence.own":         {"fr": "compétence propre de la région", "ar": "اختصاص ذاتي للجهة", "en": "the region's own competence"},
		"pr.competence.shared":      {"fr": "compétence partagée avec l'État", "ar": "اختصاص مشترك مع الدولة", "en": "competence shared with the State"},
		"pr.competence.transferred": {"fr": "compétence transférée", "ar": "اختصاص منقول", "en": "transferred competence"},
		"pr.competence.convention":  {"fr": "action par convention", "ar": "عمل عبر اتفاقية", "en": "action through a convention"},
		"pr.competence.mixed":       {"fr": "compétences diverses", "ar": "اختصاصات متنوعة", "en": "mixed competences"},
		"pr.aligned":                {"fr": "priorité régionale déclarée", "ar": "أولوية جهوية مصرح بها", "en": "declared regional priority"},
		"pr.not_aligned":            {"fr": "hors des priorités déclarées", "ar": "خارج الأولويات المصرح بها", "en": "outside the declared priorities"},
		"pr.horizon.short":          {"fr": "réalisable rapidement", "ar": "قابل للإنجاز بسرعة", "en": "quick to deliver"},
		"pr.horizon.medium":         {"fr": "moyen terme", "ar": "على المدى المتوسط", "en": "medium term"},
		"pr.horizon.long":           {"fr": "long terme", "ar": "على المدى البعيد", "en": "long term"},
		"pr.annex_title":            {"fr": "Annexe : calcul des priorités", "ar": "ملحق: احتساب الأولويات", "en": "Annex: how priorities are computed"},
		"pr.formula_label":          {"fr": "Formule de priorité (rules/policy.yaml)", "ar": "صيغة الأولوية (rules/policy.yaml)", "en": "Priority formula (rules/policy.yaml)"},
		"pr.tie_label":              {"fr": "Départage des ex æquo (clés de rules/policy.yaml, la plus haute d'abord)", "ar": "الفصل بين المتساوين (مفاتيح rules/policy.yaml، الأعلى أولا)", "en": "Tie-break (keys of rules/policy.yaml, highest first)"},
		"pr.annex_bands":            {"fr": "Bandes de priorité : %s. À priorité égale, les clés de départage ci-dessous s'appliquent, puis l'écart le plus grand, l'horizon le plus court et l'ordre du catalogue.", "ar": "فئات الأولوية: %s. عند تساوي الأولوية، تُطبق مفاتيح الفصل أدناه، ثم الفجوة الأكبر، فالأفق الأقصر، فترتيب الفهرس.", "en": "Priority bands: %s. At equal priority the tie-break keys below apply, then the larger gap, the shorter horizon and the catalog order."},
		"pr.annex_formula":          {"fr": "Formule de priorité (rules/policy.yaml) : %s. Bandes : %s. Ex æquo départagés par : %s, puis l'écart le plus grand, l'horizon le plus court et l'ordre du catalogue.", "ar": "صيغة الأولوية (rules/policy.yaml): %s. الفئات: %s. يُفصل بين المتساوين حسب: %s، ثم الفجوة الأكبر، فالأفق الأقصر، فترتيب الفهرس.", "en": "Priority formula (rules/policy.yaml): %s. Bands: %s. Ties broken by: %s, then the larger gap, the shorter horizon and the catalog order."},
		"pr.band_from":              {"fr": "%s à partir de %g", "ar": "%s ابتداء من %g", "en": "%s from %g"},
		"pr.number":                 {"fr": "valeur", "ar": "القيمة", "en": "value"},
		"pr.tie_keys":               {"fr": "départage", "ar": "الفصل بين المتساوين", "en": "tie-break"},
	})
}

// PriorityReasons puts a recommendation's reason codes (engine
// Recommendation.Reasons) in words, joined with commas; "not_aligned" is
// left out (it is the absence of a reason).
func PriorityReasons(lang string, codes []string) string {
	out := ""
	for _, c := range codes {
		if c == "not_aligned" {
			continue
		}
		if out != "" {
			out += ", "
			if lang == "ar" {
				out = out[:len(out)-2] + "، "
			}
		}
		out += T(lang, "pr."+c)
	}
	return out
}
