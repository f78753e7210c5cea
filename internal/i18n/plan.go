package i18n

// Strings of the action plan as a strategy and of the executive summary
// (package reports: strategy.go, summary.go and their renderings), of PDF
// output and of the demo's documents. Keys start with "rp.sp.", "rp.sum.",
// "rp.pdf." or "demo.".
func init() {
	Add(map[string]map[string]string{
		"rp.sp.year":                {"fr": "Année %d", "ar": "السنة %d", "en": "Year %d"},
		"rp.sp.years":               {"fr": "Années %d à %d", "ar": "السنوات من %d إلى %d", "en": "Years %d to %d"},
		"rp.sp.year_short":          {"fr": "A%d", "ar": "س%d", "en": "Y%d"},
		"rp.sp.vision_default":      {"fr": "La région %s accueille, protège et intègre les personnes migrantes dans ses politiques et ses services.", "ar": "تستقبل جهة %s المهاجرين وتحميهم وتدمجهم في سياساتها وخدماتها.", "en": "The %s region welcomes, protects and includes migrants in its policies and services."},
		"rp.sp.objective_default":   {"fr": "Progresser dans le domaine « %s »", "ar": "التقدم في مجال «%s»", "en": "Make progress in “%s”"},
		"rp.sp.section_score":       {"fr": "%s (%s/100)", "ar": "%s (%s/100)", "en": "%s (%s/100)"},
		"rp.sp.why_weak":            {"fr": "Pourquoi cet objectif : score de %s.", "ar": "سبب اختيار هذا الهدف: نقطة %s.", "en": "Why this objective: score of %s."},
		"rp.sp.why_declared":        {"fr": "Il sert aussi un programme de la SNIA que la région a déclaré prioritaire.", "ar": "ويخدم أيضا برنامجا من برامج الاستراتيجية الوطنية للهجرة واللجوء صرحت الجهة بأولويته.", "en": "It also serves a SNIA programme the region declared a priority."},
		"rp.sp.few_objectives":      {"fr": "Les écarts constatés ne donnent que %d objectif(s) stratégique(s) (le modèle en prévoit au moins %d) : le plan reste centré sur ces domaines.", "ar": "لا تفرز الفجوات المرصودة سوى %d هدف (أهداف) استراتيجي (يتوقع النموذج %d على الأقل): يبقى المخطط مركزا على هذه المجالات.", "en": "The gaps found give only %d strategic objective(s) (the template expects at least %d): the plan stays focused on these areas."},
		"rp.sp.objective_n":         {"fr": "Objectif %d — %s", "ar": "الهدف %d — %s", "en": "Objective %d — %s"},
		"rp.sp.steer.adoption":      {"fr": "Adoption", "ar": "المصادقة", "en": "Adoption"},
		"rp.sp.steer.steering":      {"fr": "Pilotage", "ar": "القيادة", "en": "Steering"},
		"rp.sp.steer.review":        {"fr": "Revue", "ar": "المراجعة", "en": "Review"},
		"rp.sp.steer.reassessment":  {"fr": "Nouvelle auto-évaluation", "ar": "تقييم ذاتي جديد", "en": "Re-assessment"},
		"rp.sp.intro":               {"fr": "Ce projet de plan d'action régional pour %s découle de l'auto-évaluation (cycle « %s »). Il retient %d actions, regroupées en %d objectifs stratégiques et réparties sur les %d années du PDR ; les %d autres mesures déclenchées figurent en annexe.", "ar": "ينبثق مشروع مخطط العمل الجهوي هذا الخاص بـ%s من التقييم الذاتي (الدورة «%s»). ويعتمد %d إجراء، مجمعة في %d أهداف استراتيجية وموزعة على %d سنوات برنامج التنمية الجهوية؛ وترد التدابير الأخرى المفعلة (%d) في الملحق.", "en": "This draft regional action plan for %s comes from the self-assessment (round “%s”). It keeps %d actions, grouped into %d strategic objectives and spread over the %d years of the PDR; the %d other triggered measures are listed in the annex."},
		"rp.sp.calendar":            {"fr": "Calendrier indicatif sur les %d années du PDR : chaque action commence dans la phase de son horizon (court terme : année 1 ; moyen terme : années 2 et 3 ; long terme : années 4 à 6).", "ar": "جدولة تقديرية على مدى %d سنوات برنامج التنمية الجهوية: يبدأ كل إجراء في المرحلة الموافقة لمداه (المدى القصير: السنة الأولى؛ المتوسط: السنتان الثانية والثالثة؛ البعيد: السنوات من الرابعة إلى السادسة).", "en": "Indicative calendar over the %d years of the PDR: each action starts in the phase of its horizon (short term: year 1; medium term: years 2–3; long term: years 4–6)."},
		"rp.sp.no_dates":            {"fr": "sans date de séance enregistrée", "ar": "دون تاريخ جلسة مسجل", "en": "with no session date recorded"},
		"rp.sp.on_date":             {"fr": "le %s", "ar": "بتاريخ %s", "en": "on %s"},
		"rp.sp.on_dates":            {"fr": "lors des séances du %s", "ar": "خلال جلسات %s", "en": "in sessions on %s"},
		"rp.sp.between_dates":       {"fr": "en %d séances, du %s au %s", "ar": "في %d جلسات، من %s إلى %s", "en": "in %d sessions, from %s to %s"},
		"rp.sp.ctx_who":             {"fr": "Région %s, cycle « %s » : %d participant(s) de %d institution(s) ont répondu au questionnaire %s.", "ar": "جهة %s، الدورة «%s»: أجاب %d مشارك(ين) من %d مؤسسة (مؤسسات) عن الاستمارة %s.", "en": "%s region, round “%s”: %d participant(s) from %d institution(s) answered the questionnaire %s."},
		"rp.sp.ctx_coverage":        {"fr": "%d questions pertinentes renseignées sur %d ; couverture des indicateurs : %s.", "ar": "تمت الإجابة عن %d سؤالا من أصل %d من الأسئلة المعنية؛ تغطية المؤشرات: %s.", "en": "%d of %d relevant questions answered; indicator coverage: %s."},
		"rp.sp.ctx_overall":         {"fr": "Score global : %s/100 (%s).", "ar": "النقطة الإجمالية: %s/100 (%s).", "en": "Overall score: %s/100 (%s)."},
		"rp.sp.ctx_weakest":         {"fr": "Domaines les plus faibles : %s.", "ar": "أضعف المجالات: %s.", "en": "Weakest areas: %s."},
		"rp.sp.snia_declared":       {"fr": "Le plan décline la Stratégie nationale d'immigration et d'asile (SNIA) à l'échelle de la région. Programmes déclarés prioritaires par la région : %s. Les mesures qui les servent reçoivent un bonus de priorité de %s.", "ar": "يُنزّل المخطط الاستراتيجية الوطنية للهجرة واللجوء على مستوى الجهة. البرامج التي صرحت الجهة بأولويتها: %s. وتحظى التدابير التي تخدمها بعلاوة أولوية قدرها %s.", "en": "The plan translates the National Immigration and Asylum Strategy (SNIA) to the region. Programmes the region declared priorities: %s. Measures serving them get a priority bonus of %s."},
		"rp.sp.snia_none":           {"fr": "Le plan décline la Stratégie nationale d'immigration et d'asile (SNIA) à l'échelle de la région. La région n'a pas déclaré de programme prioritaire : à préciser avant l'adoption.", "ar": "يُنزّل المخطط الاستراتيجية الوطنية للهجرة واللجوء على مستوى الجهة. لم تصرح الجهة بأي برنامج ذي أولوية: يتعين تحديد ذلك قبل المصادقة.", "en": "The plan translates the National Immigration and Asylum Strategy (SNIA) to the region. The region declared no priority programme: to settle before adoption."},
		"rp.sp.pdr_axes":            {"fr": "Lien avec le PDR : les actions sont à rattacher aux axes du programme de développement régional déclarés importants pour la migration (%s) ; le calendrier suit le cycle de %d ans du PDR.", "ar": "الصلة ببرنامج التنمية الجهوية: تُلحق الإجراءات بمحاور البرنامج التي صُرّح بأهميتها بالنسبة للهجرة (%s)؛ وتتبع الجدولة دورة البرنامج الممتدة على %d سنوات.", "en": "Link with the PDR: actions are to be attached to the regional development programme axes declared important for migration (%s); the calendar follows the PDR's %d-year cycle."},
		"rp.sp.pdr_none":            {"fr": "Lien avec le PDR : les axes du programme de développement régional concernés n'ont pas été déclarés ; le calendrier suit le cycle de %d ans du PDR, et le rattachement des actions aux axes est à faire avant l'adoption.", "ar": "الصلة ببرنامج التنمية الجهوية: لم يُصرّح بمحاور البرنامج المعنية؛ وتتبع الجدولة دورة البرنامج الممتدة على %d سنوات، ويتعين إلحاق الإجراءات بالمحاور قبل المصادقة.", "en": "Link with the PDR: the regional development programme axes concerned were not declared; the calendar follows the PDR's %d-year cycle, and actions are to be attached to its axes before adoption."},
		"rp.sp.mad_range":           {"fr": "%s à %s MAD", "ar": "من %s إلى %s درهم", "en": "MAD %s to %s"},
		"rp.sp.h.context":           {"fr": "1. Contexte et diagnostic", "ar": "1. السياق والتشخيص", "en": "1. Context and diagnosis"},
		"rp.sp.h.priorities":        {"fr": "2. Priorités de la région, SNIA et PDR", "ar": "2. أولويات الجهة والاستراتيجية الوطنية وبرنامج التنمية الجهوية", "en": "2. The region's priorities, SNIA and PDR"},
		"rp.sp.h.vision":            {"fr": "3. Vision et objectifs stratégiques", "ar": "3. الرؤية والأهداف الاستراتيجية", "en": "3. Vision and strategic objectives"},
		"rp.sp.h.actions":           {"fr": "4. Actions par objectif", "ar": "4. الإجراءات حسب الأهداف", "en": "4. Actions by objective"},
		"rp.sp.h.phases":            {"fr": "5. Phasage sur le cycle du PDR", "ar": "5. المراحل على مدى دورة برنامج التنمية الجهوية", "en": "5. Phasing over the PDR cycle"},
		"rp.sp.h.budget":            {"fr": "6. Coûts indicatifs et financement", "ar": "6. الكلفة التقديرية والتمويل", "en": "6. Indicative costs and funding"},
		"rp.sp.h.steering":          {"fr": "7. Pilotage, suivi et évaluation", "ar": "7. القيادة والتتبع والتقييم", "en": "7. Steering, monitoring and evaluation"},
		"rp.sp.h.kpis":              {"fr": "Tableau de suivi des indicateurs", "ar": "جدول تتبع المؤشرات", "en": "Indicator monitoring table"},
		"rp.sp.h.annex":             {"fr": "Annexe A — Autres mesures déclenchées", "ar": "الملحق أ — تدابير أخرى مفعلة", "en": "Annex A — Other triggered measures"},
		"rp.sp.h.coverage":          {"fr": "Annexe B — Couverture des cadres de référence", "ar": "الملحق ب — تغطية الأطر المرجعية", "en": "Annex B — Coverage of the reference frameworks"},
		"rp.sp.vision":              {"fr": "Vision", "ar": "الرؤية", "en": "Vision"},
		"rp.sp.participants":        {"fr": "Personnes consultées", "ar": "الأشخاص المستشارون", "en": "People consulted"},
		"rp.sp.sessions":            {"fr": "Dates des séances", "ar": "تواريخ الجلسات", "en": "Session dates"},
		"rp.sp.col.objective":       {"fr": "Objectif stratégique", "ar": "الهدف الاستراتيجي", "en": "Strategic objective"},
		"rp.sp.col.sections":        {"fr": "Domaines (score)", "ar": "المجالات (النقطة)", "en": "Areas (score)"},
		"rp.sp.col.actions":         {"fr": "Actions", "ar": "الإجراءات", "en": "Actions"},
		"rp.sp.col.cost":            {"fr": "Coût indicatif", "ar": "الكلفة التقديرية", "en": "Indicative cost"},
		"rp.sp.col.funding":         {"fr": "Financements possibles", "ar": "مصادر التمويل الممكنة", "en": "Possible funding"},
		"rp.sp.col.phase":           {"fr": "Phase", "ar": "المرحلة", "en": "Phase"},
		"rp.sp.col.kpi_target":      {"fr": "Indicateur de résultat : départ → cible", "ar": "مؤشر النتيجة: الانطلاق ← الهدف", "en": "Result indicator: baseline → target"},
		"rp.sp.col.score_now":       {"fr": "Score de l'indicateur (cible)", "ar": "نقطة المؤشر (الهدف)", "en": "Indicator score (target)"},
		"rp.sp.col.year":            {"fr": "Année", "ar": "السنة", "en": "Year"},
		"rp.sp.col.source":          {"fr": "Source de financement", "ar": "مصدر التمويل", "en": "Funding source"},
		"rp.sp.col.total":           {"fr": "Total", "ar": "المجموع", "en": "Total"},
		"rp.sp.budget_by_year":      {"fr": "Par année (coût de chaque action réparti sur les années de sa phase)", "ar": "حسب السنة (كلفة كل إجراء موزعة على سنوات مرحلته)", "en": "Per year (each action's cost spread over the years of its phase)"},
		"rp.sp.budget_by_objective": {"fr": "Par objectif", "ar": "حسب الهدف", "en": "Per objective"},
		"rp.sp.budget_by_funding":   {"fr": "Par source de financement possible (une action peut en mobiliser plusieurs : les montants ne s'additionnent pas)", "ar": "حسب مصدر التمويل الممكن (قد يعبئ إجراء واحد عدة مصادر: لا تُجمع المبالغ)", "en": "Per possible funding source (an action may draw on several: the amounts do not add up)"},
		"rp.sp.uncosted":            {"fr": "Actions sans coût indicatif dans le catalogue : %s.", "ar": "إجراءات دون كلفة تقديرية في الدليل: %s.", "en": "Actions with no indicative cost in the catalog: %s."},
		"rp.sp.annex_intro":         {"fr": "Ces mesures sont aussi déclenchées par les réponses mais dépassent le plafond de %d actions du plan. Le conseil peut en reprendre lors des revues annuelles.", "ar": "هذه التدابير مفعلة أيضا بالأجوبة، لكنها تتجاوز سقف %d إجراء في المخطط. ويمكن للمجلس إدراج بعضها خلال المراجعات السنوية.", "en": "These measures are triggered by the answers too but go beyond the plan's cap of %d actions. The council may take some up at the yearly reviews."},
		"rp.sp.kpi_value":           {"fr": "%s : %s → %s", "ar": "%s: %s ← %s", "en": "%s: %s → %s"},
		"rp.sp.score_target":        {"fr": "%s (cible %s)", "ar": "%s (الهدف %s)", "en": "%s (target %s)"},
		"rp.sp.kpis_intro":          {"fr": "Chaque action a un indicateur de résultat en unités réelles (valeur de départ à confirmer lors de l'adoption, cible en fin de cycle) et, à côté, le score actuel des indicateurs d'auto-évaluation qu'elle vise, que le prochain cycle d'auto-évaluation (« indimaj followup ») mesurera à nouveau. Les colonnes « Réalisé » et « Commentaire » sont à remplir lors des revues.", "ar": "لكل إجراء مؤشر نتيجة بوحدات فعلية (قيمة انطلاق يتعين تأكيدها عند المصادقة، وهدف في نهاية الدورة)، وإلى جانبه النقطة الحالية لمؤشرات التقييم الذاتي التي يستهدفها، والتي ستقيسها الدورة المقبلة («indimaj followup») من جديد. ويُملأ عمودا «المنجز» و«ملاحظات» خلال المراجعات.", "en": "Each action has a result indicator in real units (baseline to confirm on adoption, target at the end of the cycle) and, next to it, the current score of the self-assessment indicators it addresses, which the next round (“indimaj followup”) will measure again. The “Achieved” and “Comment” columns are filled in at the reviews."},
		"rp.sp.cap_note":            {"fr": "Plafond : %d actions (option --max pour le changer).", "ar": "السقف: %d إجراء (الخيار --max لتغييره).", "en": "Cap: %d actions (change it with --max)."},

		// Executive summary.
		"rp.title.summary":        {"fr": "Résumé exécutif", "ar": "ملخص تنفيذي", "en": "Executive summary"},
		"rp.sum.h.scores":         {"fr": "Où en est la région", "ar": "أين وصلت الجهة", "en": "Where the region stands"},
		"rp.sum.h.priorities":     {"fr": "Mesures prioritaires", "ar": "التدابير ذات الأولوية", "en": "Priority measures"},
		"rp.sum.h.pilot":          {"fr": "Projet pilote proposé", "ar": "المشروع النموذجي المقترح", "en": "Proposed pilot project"},
		"rp.sum.h.next":           {"fr": "Prochaines étapes", "ar": "الخطوات المقبلة", "en": "Next steps"},
		"rp.sum.lead":             {"fr": "La région %s a mené l'auto-évaluation de sa gouvernance migratoire (cycle « %s ») avec %d participant(s) ; %s des indicateurs sont renseignés.", "ar": "أنجزت جهة %s التقييم الذاتي لحكامتها في مجال الهجرة (الدورة «%s») بمشاركة %d مشارك(ين)؛ وتمت تعبئة %s من المؤشرات.", "en": "The %s region carried out the self-assessment of its migration governance (round “%s”) with %d participant(s); %s of the indicators are filled in."},
		"rp.sum.overall":          {"fr": "Score global : %s/100, « %s ». Points forts : %s. Points faibles : %s.", "ar": "النقطة الإجمالية: %s/100، «%s». نقاط القوة: %s. نقاط الضعف: %s.", "en": "Overall score: %s/100, “%s”. Strengths: %s. Weaknesses: %s."},
		"rp.sum.overall_none":     {"fr": "Pas encore de score global : trop peu d'indicateurs sont renseignés.", "ar": "لا توجد بعد نقطة إجمالية: عدد المؤشرات المعبأة قليل جدا.", "en": "No overall score yet: too few indicators are filled in."},
		"rp.sum.priorities_intro": {"fr": "Les mesures les mieux classées (écart constaté, compétence de la région, priorités déclarées), avec la raison en une ligne :", "ar": "التدابير الأعلى ترتيبا (الفجوة المرصودة، اختصاص الجهة، الأولويات المصرح بها)، مع السبب في سطر واحد:", "en": "The best-ranked measures (gap found, the region's competence, declared priorities), with the reason in one line:"},
		"rp.sum.why":              {"fr": "Parce que : %s.", "ar": "لأن: %s.", "en": "Because: %s."},
		"rp.sum.why_item":         {"fr": "%s → %s", "ar": "%s ← %s", "en": "%s → %s"},
		"rp.sum.declared":         {"fr": "programme SNIA déclaré prioritaire", "ar": "برنامج صرحت الجهة بأولويته", "en": "declared SNIA priority"},
		"rp.sum.when_cost":        {"fr": "%s ; coût indicatif %s.", "ar": "%s؛ الكلفة التقديرية %s.", "en": "%s; indicative cost %s."},
		"rp.sum.pilot":            {"fr": "%s — %s Durée : %d mois. Mesure d'ancrage : %s.", "ar": "%s — %s المدة: %d شهرا. التدبير المرتكز: %s.", "en": "%s — %s Duration: %d months. Anchor measure: %s."},
		"rp.sum.no_pilot":         {"fr": "Aucun modèle de projet pilote ne correspond aux mesures déclenchées.", "ar": "لا يطابق أي نموذج مشروع نموذجي التدابير المفعلة.", "en": "No pilot-project template matches the triggered measures."},
		"rp.sum.next1":            {"fr": "Valider les réponses en atelier multi-acteurs (rapport « divergence ») et compléter les questions sans réponse.", "ar": "المصادقة على الأجوبة في ورشة متعددة الفاعلين (تقرير «divergence») واستكمال الأسئلة دون جواب.", "en": "Validate the answers in a multi-actor workshop (the “divergence” report) and complete the unanswered questions."},
		"rp.sum.next2":            {"fr": "Discuter le projet de plan d'action (%d actions, %s) en commission, ajuster les coûts, puis l'adopter par délibération du conseil.", "ar": "مناقشة مشروع مخطط العمل (%d إجراء، %s) داخل اللجنة، وتدقيق الكلفة، ثم المصادقة عليه بمقرر للمجلس.", "en": "Discuss the draft action plan (%d actions, %s) in commission, adjust the costs, then adopt it by council deliberation."},
		"rp.sum.next3":            {"fr": "Lancer le projet pilote avec les partenaires et inscrire les actions de l'année 1 au budget.", "ar": "إطلاق المشروع النموذجي مع الشركاء وإدراج إجراءات السنة الأولى في الميزانية.", "en": "Launch the pilot project with the partners and enter the year-1 actions in the budget."},
		"rp.sum.next4":            {"fr": "Refaire l'auto-évaluation à mi-parcours (année 3) avec « indimaj followup » pour mesurer les progrès.", "ar": "إعادة التقييم الذاتي في منتصف المدة (السنة الثالثة) بواسطة «indimaj followup» لقياس التقدم.", "en": "Repeat the self-assessment at mid-term (year 3) with “indimaj followup” to measure progress."},
		"rp.sum.cost_total":       {"fr": "coût indicatif total %s", "ar": "كلفة تقديرية إجمالية %s", "en": "total indicative cost %s"},
		"rp.sum.none":             {"fr": "aucun", "ar": "لا شيء", "en": "none"},
	})
}

func init() {
	Add(map[string]map[string]string{
		"rp.cli.max_plan_only": {"fr": "--max s'applique au plan d'action et au résumé (--kind action-plan ou summary), avec un nombre positif", "ar": "الخيار --max خاص بمخطط العمل والملخص (--kind action-plan أو summary)، بعدد موجب", "en": "--max applies to the action plan and the summary (--kind action-plan or summary), with a positive number"},
	})
}

func init() {
	Add(map[string]map[string]string{
		"rp.sp.declared_tag": {"fr": "priorité SNIA déclarée", "ar": "أولوية مصرح بها", "en": "declared SNIA priority"},
	})
}

func init() {
	Add(map[string]map[string]string{
		"rp.pdf.no_browser": {"fr": "PDF impossible : aucun Chromium sans interface trouvé dans le PATH (%s) ; installez-le (par ex. « apt-get install chromium ») ou écrivez en HTML (--format html) et imprimez depuis un navigateur", "ar": "تعذر إنشاء PDF: لم يُعثر في PATH على متصفح Chromium (%s)؛ ثبّتوه (مثلا «apt-get install chromium») أو اكتبوا بصيغة HTML (--format html) واطبعوا من متصفح", "en": "cannot write PDF: no headless Chromium on PATH (%s); install one (e.g. “apt-get install chromium”) or write HTML (--format html) and print it from a browser"},
		"rp.pdf.failed":     {"fr": "l'impression en PDF a échoué", "ar": "فشلت الطباعة بصيغة PDF", "en": "printing to PDF failed"},
	})
}

func init() {
	Add(map[string]map[string]string{
		"demo.no_pdf": {"fr": "Pas de PDF : aucun Chromium sans interface dans le PATH (%s) ; installez-le (par ex. « apt-get install chromium ») pour obtenir aussi les PDF.", "ar": "لا ملفات PDF: لا يوجد متصفح Chromium في PATH (%s)؛ ثبّتوه (مثلا «apt-get install chromium») للحصول على ملفات PDF أيضا.", "en": "No PDF: no headless Chromium on PATH (%s); install one (e.g. “apt-get install chromium”) to get the PDFs too."},
	})
}

func init() {
	Add(map[string]map[string]string{
		"rp.sp.empty_years": {"fr": "Aucune action du plan n'est programmée en année(s) %s : la revue annuelle et la nouvelle auto-évaluation de mi-parcours (année 3) y programment la suite, en reprenant au besoin des mesures de l'annexe A ; les coûts de fonctionnement récurrents des dispositifs créés sont à y prévoir.", "ar": "لا يُبرمج أي إجراء من المخطط في السنة (السنوات) %s: تبرمج المراجعة السنوية والتقييم الذاتي الجديد في منتصف المدة (السنة الثالثة) ما يلي، مع إدراج تدابير من الملحق أ عند الحاجة؛ ويتعين توقع تكاليف التسيير المتكررة للآليات المحدثة.", "en": "No action of the plan is scheduled in year(s) %s: the yearly review and the mid-term re-assessment (year 3) programme what follows, taking up measures of Annex A where needed; the recurring running costs of the services created are to be planned there."},
	})
}
