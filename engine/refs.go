package engine

import (
	"regexp"
	"strconv"
	"strings"
)

// Region is one of Morocco's 12 regions (2015 division).
type Region struct {
	Code  string
	Name  Text
	Pilot bool // one of the three pilot regions, listed first
}

// Regions lists the 12 regions, the three pilot regions first.
var Regions = []Region{
	{"oriental", Text{"fr": "L'Oriental", "ar": "جهة الشرق", "en": "Oriental"}, true},
	{"souss-massa", Text{"fr": "Souss-Massa", "ar": "جهة سوس ماسة", "en": "Souss-Massa"}, true},
	{"tanger-tetouan-al-hoceima", Text{"fr": "Tanger-Tétouan-Al Hoceïma", "ar": "جهة طنجة تطوان الحسيمة", "en": "Tanger-Tetouan-Al Hoceima"}, true},
	{"fes-meknes", Text{"fr": "Fès-Meknès", "ar": "جهة فاس مكناس", "en": "Fez-Meknes"}, false},
	{"rabat-sale-kenitra", Text{"fr": "Rabat-Salé-Kénitra", "ar": "جهة الرباط سلا القنيطرة", "en": "Rabat-Sale-Kenitra"}, false},
	{"beni-mellal-khenifra", Text{"fr": "Béni Mellal-Khénifra", "ar": "جهة بني ملال خنيفرة", "en": "Beni Mellal-Khenifra"}, false},
	{"casablanca-settat", Text{"fr": "Casablanca-Settat", "ar": "جهة الدار البيضاء سطات", "en": "Casablanca-Settat"}, false},
	{"marrakech-safi", Text{"fr": "Marrakech-Safi", "ar": "جهة مراكش آسفي", "en": "Marrakech-Safi"}, false},
	{"draa-tafilalet", Text{"fr": "Drâa-Tafilalet", "ar": "جهة درعة تافيلالت", "en": "Draa-Tafilalet"}, false},
	{"guelmim-oued-noun", Text{"fr": "Guelmim-Oued Noun", "ar": "جهة كلميم واد نون", "en": "Guelmim-Oued Noun"}, false},
	{"laayoune-sakia-el-hamra", Text{"fr": "Laâyoune-Sakia El Hamra", "ar": "جهة العيون الساقية الحمراء", "en": "Laayoune-Sakia El Hamra"}, false},
	{"dakhla-oued-ed-dahab", Text{"fr": "Dakhla-Oued Ed-Dahab", "ar": "جهة الداخلة وادي الذهب", "en": "Dakhla-Oued Ed-Dahab"}, false},
}

// RegionByCode returns the region with that code, or nil.
func RegionByCode(code string) *Region {
	for i := range Regions {
		if Regions[i].Code == code {
			return &Regions[i]
		}
	}
	return nil
}

// RegionCodes lists the region codes in display order.
func RegionCodes() []string {
	out := make([]string, len(Regions))
	for i, r := range Regions {
		out[i] = r.Code
	}
	return out
}

// SNIAProgrammes names the 11 programmes of the National Immigration and
// Asylum Strategy, and the strategy for Moroccans abroad. The titles of the
// cross-cutting programmes P9–P11 are not verified against the strategy's
// text, so only their codes and kind are shown.
var SNIAProgrammes = map[string]Text{
	"P1":    {"fr": "P1 — Éducation et culture", "ar": "ب1 — التربية والثقافة", "en": "P1 — Education and culture"},
	"P2":    {"fr": "P2 — Jeunesse et loisirs", "ar": "ب2 — الشباب والترفيه", "en": "P2 — Youth and leisure"},
	"P3":    {"fr": "P3 — Santé", "ar": "ب3 — الصحة", "en": "P3 — Health"},
	"P4":    {"fr": "P4 — Logement", "ar": "ب4 — السكن", "en": "P4 — Housing"},
	"P5":    {"fr": "P5 — Assistance sociale et humanitaire", "ar": "ب5 — المساعدة الاجتماعية والإنسانية", "en": "P5 — Social and humanitarian assistance"},
	"P6":    {"fr": "P6 — Formation professionnelle", "ar": "ب6 — التكوين المهني", "en": "P6 — Vocational training"},
	"P7":    {"fr": "P7 — Emploi", "ar": "ب7 — التشغيل", "en": "P7 — Employment"},
	"P8":    {"fr": "P8 — Gestion des flux et lutte contre la traite des êtres humains", "ar": "ب8 — تدبير تدفقات الهجرة ومكافحة الاتجار بالبشر", "en": "P8 — Flow management and the fight against human trafficking"},
	"P9":    {"fr": "P9 — programme transversal", "ar": "ب9 — برنامج أفقي", "en": "P9 — cross-cutting programme"},
	"P10":   {"fr": "P10 — programme transversal", "ar": "ب10 — برنامج أفقي", "en": "P10 — cross-cutting programme"},
	"P11":   {"fr": "P11 — programme transversal", "ar": "ب11 — برنامج أفقي", "en": "P11 — cross-cutting programme"},
	"SNMRE": {"fr": "SNMRE — Stratégie nationale en faveur des Marocains résidant à l'étranger", "ar": "الاستراتيجية الوطنية لفائدة مغاربة العالم", "en": "SNMRE — National strategy for Moroccans abroad"},
}

// SNIACodes lists the programme codes in order.
var SNIACodes = []string{"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11"}

// MGIDimensions names the six dimensions of IOM's Migration Governance Indicators.
var MGIDimensions = map[string]Text{
	"D1": {"fr": "D1 — Droits des migrants", "ar": "البعد 1 — حقوق المهاجرين", "en": "D1 — Migrants' rights"},
	"D2": {"fr": "D2 — Approche pangouvernementale", "ar": "البعد 2 — مقاربة حكومية شاملة", "en": "D2 — Whole-of-government approach"},
	"D3": {"fr": "D3 — Partenariats", "ar": "البعد 3 — الشراكات", "en": "D3 — Partnerships"},
	"D4": {"fr": "D4 — Bien-être socio-économique", "ar": "البعد 4 — الرفاه الاجتماعي والاقتصادي", "en": "D4 — Socio-economic well-being"},
	"D5": {"fr": "D5 — Dimension mobilité des crises", "ar": "البعد 5 — بُعد التنقل في الأزمات", "en": "D5 — Mobility dimension of crises"},
	"D6": {"fr": "D6 — Migration sûre, ordonnée et régulière", "ar": "البعد 6 — هجرة آمنة ومنظمة ونظامية", "en": "D6 — Safe, orderly and regular migration"},
}

// MIPEXAreas names the eight MIPEX 2020 policy areas.
var MIPEXAreas = map[string]Text{
	"LMM": {"fr": "Mobilité sur le marché du travail", "ar": "التنقل في سوق الشغل", "en": "Labour market mobility"},
	"FR":  {"fr": "Regroupement familial", "ar": "التجمع العائلي", "en": "Family reunion"},
	"EDU": {"fr": "Éducation", "ar": "التعليم", "en": "Education"},
	"HEA": {"fr": "Santé", "ar": "الصحة", "en": "Health"},
	"PP":  {"fr": "Participation politique", "ar": "المشاركة السياسية", "en": "Political participation"},
	"PR":  {"fr": "Résidence permanente", "ar": "الإقامة الدائمة", "en": "Permanent residence"},
	"ATN": {"fr": "Accès à la nationalité", "ar": "الولوج إلى الجنسية", "en": "Access to nationality"},
	"AD":  {"fr": "Anti-discrimination", "ar": "مناهضة التمييز", "en": "Anti-discrimination"},
}

// Competences names the kinds of regional competence (organic law 111-14).
var Competences = map[string]Text{
	"own":         {"fr": "propre", "ar": "ذاتي", "en": "own"},
	"shared":      {"fr": "partagée avec l'État", "ar": "مشترك مع الدولة", "en": "shared with the State"},
	"transferred": {"fr": "transférée", "ar": "منقول", "en": "transferred"},
	"convention":  {"fr": "par convention ou plaidoyer", "ar": "عبر اتفاقية أو ترافع", "en": "by convention or advocacy"},
}

// Horizons and cost classes of measures.
var (
	Horizons    = []string{"short", "medium", "long"}
	CostClasses = []string{"low", "medium", "high"}
)

var sdgTarget = regexp.MustCompile(`^([1-9]|1[0-7])\.([1-9][0-9]?|[a-d])$`)

// ValidSDG reports whether s is an SDG target code such as "10.7" or "16.b".
func ValidSDG(s string) bool { return sdgTarget.MatchString(s) }

// ValidGCM reports whether n is a GCM objective number (1–23).
func ValidGCM(n int) bool { return n >= 1 && n <= 23 }

// SDGGoal returns the goal number of a target ("10.7" → 10).
func SDGGoal(t string) int {
	n, _ := strconv.Atoi(strings.SplitN(t, ".", 2)[0])
	return n
}

func known[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
