package i18n

// Messages of the second content round: the modality of action (apart from
// the competence of organic law 111-14) and the measures' reference
// documents.
func init() {
	Add(map[string]map[string]string{
		"modality":     {"fr": "Modalité d'action", "ar": "كيفية التدخل", "en": "Modality of action"},
		"rp.modality":  {"fr": "Modalité", "ar": "كيفية التدخل", "en": "Modality"},
		"rp.sources":   {"fr": "Sources", "ar": "المصادر", "en": "Sources"},
		"rp.sources.h": {"fr": "Documents de référence dont la mesure s'inspire", "ar": "الوثائق المرجعية التي يستلهم منها الإجراء", "en": "Reference documents the measure draws on"},
	})
}
