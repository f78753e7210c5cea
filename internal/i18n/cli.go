package i18n

// Strings of the score, recommend and whatif commands' text output. Keys
// start with "cli.".
func init() {
	Add(map[string]map[string]string{
		"cli.overall":        {"fr": "SCORE GLOBAL", "ar": "النقطة الإجمالية", "en": "OVERALL"},
		"cli.coverage":       {"fr": "couverture %.0f %%", "ar": "التغطية %.0f %%", "en": "coverage %.0f %%"},
		"cli.low_confidence": {"fr": "confiance faible (couverture %.0f %%)", "ar": "ثقة ضعيفة (التغطية %.0f %%)", "en": "low confidence (coverage %.0f %%)"},
		"cli.no_measure":     {"fr": "Aucune mesure n'est déclenchée.", "ar": "لا يُقترح أي تدبير.", "en": "No measure is triggered."},
		"cli.cost":           {"fr": "coût", "ar": "الكلفة", "en": "cost"},
		"cli.because":        {"fr": "parce que", "ar": "لأن", "en": "because"},
		"cli.priority":       {"fr": "priorité = %s", "ar": "الأولوية = %s", "en": "priority = %s"},
		"cli.with":           {"fr": "avec %s", "ar": "مع %s", "en": "with %s"},
		"cli.true":           {"fr": "vrai", "ar": "صحيح", "en": "true"},
		"cli.false":          {"fr": "faux", "ar": "خطأ", "en": "false"},
		"cli.target.policy":  {"fr": "cible de la politique", "ar": "هدف السياسة", "en": "policy target"},
		"cli.target.own":     {"fr": "cible propre à la région", "ar": "هدف خاص بالجهة", "en": "the region's own target"},
		"cli.target.set":     {"fr": "Cibles de %s : %s", "ar": "أهداف %s: %s", "en": "Targets of %s: %s"},
		"cli.target.cleared": {"fr": "Cibles de %s : celles de la politique (100 par défaut).", "ar": "أهداف %s: أهداف السياسة (100 افتراضيا).", "en": "Targets of %s: the policy's (100 by default)."},
		"cli.wi.top_band":    {"fr": "%s : %s — déjà dans la tranche la plus haute", "ar": "%s: %s — في الفئة العليا أصلا", "en": "%s: %s — already in the top band"},
		"cli.wi.next_band":   {"fr": "%s : %s (%s) → tranche suivante : %s, à partir de %g", "ar": "%s: %s (%s) → الفئة الموالية: %s، ابتداء من %g", "en": "%s: %s (%s) → next band %s from %g"},
		"cli.wi.unreachable": {"fr": "Aucun ensemble de changements des indicateurs de cette section ne l'atteint.", "ar": "لا توجد مجموعة تغييرات في مؤشرات هذا المحور تبلغها.", "en": "No set of changes to this section's indicators reaches it."},
		"cli.wi.fewest":      {"fr": "%d changement(s), le plus petit nombre possible :", "ar": "%d تغيير(ات)، وهو أقل عدد ممكن:", "en": "%d change(s), fewest changes:"},
		"cli.wi.greedy":      {"fr": "%d changement(s), trouvés par une recherche pas à pas (la section est trop grande pour les essayer tous) :", "ar": "%d تغيير(ات)، وُجدت ببحث تدريجي (المحور أكبر من أن تُجرَّب كل الاحتمالات):", "en": "%d change(s), found by a greedy search (the section is too large for an exhaustive one):"},
		"cli.wi.after":       {"fr": "Score de la section après ces changements : %s", "ar": "نقطة المحور بعد هذه التغييرات: %s", "en": "Section score after these changes: %s"},
		"cli.wi.title":       {"fr": "Simulation (rien n'est enregistré)", "ar": "محاكاة (لا يُحفظ أي شيء)", "en": "What-if (nothing saved)"},
		"cli.wi.overall":     {"fr": "global", "ar": "الإجمالي", "en": "overall"},
		"cli.wi.new":         {"fr": "+ %s désormais recommandée (rang %d)", "ar": "+ %s أصبح موصى به (الرتبة %d)", "en": "+ %s now recommended (rank %d)"},
		"cli.wi.gone":        {"fr": "- %s n'est plus recommandée (rang %d avant)", "ar": "- %s لم يعد موصى به (كانت رتبته %d)", "en": "- %s no longer recommended (was rank %d)"},
		"cli.wi.moved":       {"fr": "~ %s rang %d → %d", "ar": "~ %s الرتبة %d → %d", "en": "~ %s rank %d → %d"},
	})
}
