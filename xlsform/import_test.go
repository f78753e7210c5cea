package xlsform

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/xuri/excelize/v2"
)

// fixture is a workbook written by hand, as a form designer would in Excel.
type fixture map[string][][]string

// xlsx writes the sheets (survey first) with excelize, numbers as numbers
// when a cell is marked "#n:".
func (f fixture) xlsx(t testing.TB) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	order := []string{"survey", "choices", "settings"}
	for name := range f {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	first := true
	for _, name := range order {
		rows, ok := f[name]
		if !ok {
			continue
		}
		if first {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := x.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				cellName, _ := excelize.CoordinatesToCellName(j+1, i+1)
				var val any = v
				if n, ok := strings.CutPrefix(v, "#n:"); ok {
					var f float64
					if _, err := fmt.Sscan(n, &f); err == nil {
						val = f
					}
				}
				if err := x.SetCellValue(name, cellName, val); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importFixture(t *testing.T, f fixture, skip bool) *ImportResult {
	t.Helper()
	res, err := Import(bytes.NewReader(f.xlsx(t)), ImportOptions{Name: "form.xlsx", SkipUnsupported: skip})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

func mustLoad(t *testing.T, res *ImportResult) *engine.Questionnaire {
	t.Helper()
	if res.Failed(false) && res.Files == nil {
		for _, p := range res.Problems {
			t.Log(p.String())
		}
		t.Fatal("the import failed")
	}
	c, err := engine.LoadFiles(res.Files)
	if err != nil {
		t.Fatalf("the imported content does not load: %v", err)
	}
	return c.Q
}

func problemsText(res *ImportResult) string {
	var lines []string
	for _, p := range res.Problems {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// relevantWith loads answers and reports a question's relevance.
func relevantWith(q *engine.Questionnaire, id string, answers map[string]any) bool {
	st := engine.NewState(q)
	st.Load(answers)
	return st.Relevant(id)
}

// A KoboToolbox-style household form: three languages, groups, a relevance
// chain, constraints with messages, scores, a cascading choice filter,
// metadata and an appearance column.
var koboForm = fixture{
	"survey": {
		{"type", "name", "label::French (fr)", "label::Arabic (ar)", "label::English (en)", "hint::French (fr)", "required", "relevant", "constraint", "constraint_message::French (fr)", "constraint_message::English (en)", "appearance", "choice_filter"},
		{"start", "start"},
		{"end", "end"},
		{"begin_group", "household", "Ménage", "الأسرة", "Household"},
		{"integer", "members", "Nombre de personnes", "عدد الأفراد", "Number of people", "Vous compris", "yes", "", ". > 0 and . < 30", "Entre 1 et 29", "Between 1 and 29"},
		{"select_one yes_no", "has_children", "Des enfants ?", "أطفال؟", "Children?", "", "yes"},
		{"integer", "children", "Combien d'enfants ?", "كم عدد الأطفال؟", "How many children?", "", "yes", "${has_children} = 'yes'", ". <= ${members}", "Pas plus que le ménage", "No more than the household"},
		{"select_multiple services", "services", "Services utilisés", "الخدمات المستعملة", "Services used", "", "", "", "not(selected(., 'none') and count-selected(.) > 1)", "« Aucun » seul", "\"None\" alone", "minimal"},
		{"text", "other_service", "Autre service", "خدمة أخرى", "Other service", "", "", "selected(${services}, 'other')"},
		{"end_group"},
		{"begin group", "access", "Accès", "الولوج", "Access", "", "", "${members} > 1"},
		{"select_one level", "level", "Niveau d'accès", "مستوى الولوج", "Access level"},
		{"note", "thanks", "Merci", "شكرا", "Thank you"},
		{"calculate", "total", "", "", "", "", "", "", "", "", "", "", ""},
		{"select_one region", "region", "Région", "الجهة", "Region"},
		{"select_one province", "province", "Province", "الإقليم", "Province", "", "", "", "", "", "", "", "region=${region}"},
		{"end group"},
	},
	"choices": {
		{"list_name", "name", "label::French (fr)", "label::Arabic (ar)", "label::English (en)", "score", "region"},
		{"yes_no", "yes", "Oui", "نعم", "Yes"},
		{"yes_no", "no", "Non", "لا", "No"},
		{"services", "health", "Santé", "الصحة", "Health"},
		{"services", "school", "École", "المدرسة", "School"},
		{"services", "other", "Autre", "أخرى", "Other"},
		{"services", "none", "Aucun", "لا شيء", "None"},
		{"level", "absent", "Aucun", "لا يوجد", "None", "#n:0"},
		{"level", "partial", "Partiel", "جزئي", "Partial", "#n:50"},
		{"level", "full", "Complet", "كامل", "Full", "#n:100"},
		{"level", "dk", "Ne sait pas", "لا أعرف", "Don't know", ""},
		{"region", "oriental", "Oriental", "الشرق", "Oriental"},
		{"region", "sm", "Souss-Massa", "سوس ماسة", "Souss-Massa"},
		{"province", "oujda", "Oujda", "وجدة", "Oujda", "", "oriental"},
		{"province", "nador", "Nador", "الناظور", "Nador", "", "oriental"},
		{"province", "agadir", "Agadir", "أكادير", "Agadir", "", "sm"},
	},
	"settings": {
		{"form_title", "form_id", "version", "default_language"},
		{"Enquête ménages", "enquete_menages", "2024031501", "French (fr)"},
	},
}

func TestImportKoboStyleForm(t *testing.T) {
	f := fixture{}
	for k, v := range koboForm {
		f[k] = v
	}
	// Add the calculation column to the survey.
	survey := [][]string{append(append([]string{}, f["survey"][0]...), "calculation")}
	for _, r := range f["survey"][1:] {
		row := append([]string{}, r...)
		for len(row) < len(survey[0])-1 {
			row = append(row, "")
		}
		if len(row) > 1 && row[1] == "total" {
			row = append(row, "${members} + coalesce(${children}, 0)")
		}
		survey = append(survey, row)
	}
	f["survey"] = survey
	res := importFixture(t, f, false)
	q := mustLoad(t, res)
	text := problemsText(res)
	for _, want := range []string{
		`settings!2: version: "2024031501" is not a semantic version: the questionnaire version is 2024031501.0.0`,
		"survey!2: type: metadata (start) is not a question: ignored",
		"survey!3: type: metadata (end) is not a question: ignored",
		"survey!8: appearance: ignored: indimaj lays questions out itself",
		"survey!16: choice_filter: indimaj shows every choice: the filter becomes a constraint",
		`survey!5: hint::ar: no Arabic text: a "translation missing" placeholder is used`,
		"survey!5: hint::en: no English text: the French text is used",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if res.Failed(false) {
		t.Fatalf("failed:\n%s", text)
	}
	if q.ID != "enquete_menages" || q.Version != "2024031501.0.0" || strings.Join(q.Languages, ",") != "fr,ar,en" {
		t.Errorf("header: %s %s %v", q.ID, q.Version, q.Languages)
	}
	var ids []string
	for _, s := range q.Sections {
		ids = append(ids, s.ID+":")
		for _, qu := range s.Questions {
			ids = append(ids, qu.ID+"/"+string(qu.Type))
		}
	}
	want := "household: members/integer has_children/single children/integer services/multiple other_service/text access: level/single thanks/note region/single province/single"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("structure:\n got %s\nwant %s", got, want)
	}
	members := q.Question("members")
	if !members.Required || members.Hint.Get("en") != "Vous compris" || members.Label.Get("ar") != "عدد الأفراد" {
		t.Errorf("members: required %v hint %v label %v", members.Required, members.Hint, members.Label)
	}
	level := q.Question("level")
	if !level.Scored || level.Choice("partial").Score == nil || *level.Choice("partial").Score != 50 || level.Choice("dk").Score != nil || level.Choice("dk").Missing != engine.DontKnow {
		t.Errorf("level scores not read back: %+v", level.Choices)
	}
	// Relevance chain.
	if relevantWith(q, "children", map[string]any{}) || !relevantWith(q, "children", map[string]any{"has_children": "yes"}) || relevantWith(q, "children", map[string]any{"has_children": "no"}) {
		t.Error("children: relevance")
	}
	if !relevantWith(q, "other_service", map[string]any{"services": []string{"health", "other"}}) || relevantWith(q, "other_service", map[string]any{"services": []string{"health"}}) {
		t.Error("other_service: relevance")
	}
	st := engine.NewState(q)
	if st.SectionRelevant("access") {
		t.Error("access is relevant with no members (ODK: NaN > 1 is false)")
	}
	st.Load(map[string]any{"members": 4})
	if !st.SectionRelevant("access") || !st.Relevant("province") {
		t.Error("access is not relevant with 4 members")
	}
	// Constraints and their messages.
	if err := st.Check("members", 0); err == nil || !strings.Contains(err.Error(), "Between 1 and 29") {
		t.Errorf("members = 0: %v", err)
	}
	if err := st.Check("children", 5); err == nil {
		t.Error("children = 5 > members = 4 accepted")
	}
	if err := st.Check("children", 3); err != nil {
		t.Errorf("children = 3: %v", err)
	}
	if err := st.Check("services", []string{"none", "health"}); err == nil {
		t.Error("services: none with health accepted")
	}
	// The cascading filter refuses a province of another region.
	st.Load(map[string]any{"members": 4, "region": "oriental"})
	if err := st.Check("province", "agadir"); err == nil {
		t.Error("agadir accepted in the Oriental")
	}
	if err := st.Check("province", "nador"); err != nil {
		t.Errorf("nador refused in the Oriental: %v", err)
	}
	// The calculation: members + coalesce(children, 0).
	st.Load(map[string]any{"members": 4, "has_children": "yes", "children": 2})
	if v := st.Calc("total"); v != 6.0 && v != 6 {
		t.Errorf("total = %v, want 6", v)
	}
}

// An ODK-style form: one unqualified language, questions outside groups,
// a nested group with its own relevance, and a yes/no list kept as a choice.
func TestImportUnqualifiedLabelsAndNestedGroups(t *testing.T) {
	f := fixture{
		"survey": {
			{"type", "name", "label", "hint", "relevant", "constraint", "constraint_message", "required"},
			{"text", "respondent", "Nom", "Prénom et nom"},
			{"integer", "age", "Âge", "", "", ". >= 18", "Majeur seulement", "true"},
			{"begin_group", "work", "Travail", "", "${age} >= 18"},
			{"select_one yn", "employed", "Employé ?"},
			{"begin_group", "details", "Détails", "", "${employed} = 'yes'"},
			{"decimal", "income", "Revenu", "", "${age} < 65"},
			{"end_group"},
			{"end_group"},
			{"text", "comments", "Remarques"},
		},
		"choices": {
			{"list_name", "name", "label"},
			{"yn", "yes", "Oui"},
			{"yn", "no", "Non"},
		},
		"settings": {{"form_title", "form_id"}, {"Emploi", "Emploi-2024"}},
	}
	res := importFixture(t, f, false)
	q := mustLoad(t, res)
	if q.ID != "emploi-2024" || strings.Join(q.Languages, ",") != "fr" || q.Title.Get("fr") != "Emploi" {
		t.Errorf("header: %s %v %v", q.ID, q.Languages, q.Title)
	}
	var secs []string
	for _, s := range q.Sections {
		var qs []string
		for _, qu := range s.Questions {
			qs = append(qs, qu.ID)
		}
		secs = append(secs, s.ID+"["+strings.Join(qs, ",")+"]")
	}
	if got := strings.Join(secs, " "); got != "emploi_2024[respondent,age] work[employed,details,income] emploi_2024_2[comments]" {
		t.Errorf("sections: %s", got)
	}
	if q.Question("employed").Type != engine.Single || q.Question("details").Type != engine.Note {
		t.Error("employed must stay a choice question and details become a note")
	}
	if !q.Question("age").Required || q.Question("age").Hint != nil || q.Question("respondent").Hint.Get("fr") != "Prénom et nom" {
		t.Error("age/respondent: required or hint")
	}
	// income: asked when the nested group and its own relevance both hold.
	cases := []struct {
		ans  map[string]any
		want bool
	}{
		{map[string]any{"age": 30, "employed": "yes"}, true},
		{map[string]any{"age": 70, "employed": "yes"}, false},
		{map[string]any{"age": 30, "employed": "no"}, false},
		{map[string]any{"age": 16, "employed": "yes"}, false},
	}
	for _, c := range cases {
		if got := relevantWith(q, "income", c.ans); got != c.want {
			t.Errorf("income with %v: %v, want %v", c.ans, got, c.want)
		}
	}
	if relevantWith(q, "details", map[string]any{"age": 30}) {
		t.Error("the details note shows without employed = yes")
	}
	if !strings.Contains(problemsText(res), "survey!6: begin_group: a group inside a group is flattened") {
		t.Errorf("no note about the nested group:\n%s", problemsText(res))
	}
}

// Unsupported rows fail the import, listed with their place; with
// --skip-unsupported they are left out and listed.
func TestImportUnsupported(t *testing.T) {
	f := fixture{
		"survey": {
			{"type", "name", "label::English (en)", "relevant", "calculation", "default"},
			{"geopoint", "gps", "Location"},
			{"text", "village", "Village", "${gps} != ''"},
			{"begin_repeat", "members", "Members"},
			{"text", "member_name", "Name"},
			{"integer", "member_age", "Age"},
			{"end_repeat"},
			{"image", "photo", "Photo"},
			{"calculate", "price", "", "", "pulldata('prices', 'price', 'item', ${village})"},
			{"integer", "count", "Count", "", "", "3"},
			{"select_one colors or_other", "color", "Color"},
			{"date", "when", "When"},
			{"integer", "days", "Days", "${price} > 0"},
		},
		"choices":  {{"list_name", "name", "label::English (en)"}, {"colors", "red", "Red"}},
		"settings": {{"form_id"}, {"unsupported"}},
	}
	res := importFixture(t, f, false)
	if !res.Failed(false) || res.Files != nil {
		t.Fatal("an import with unsupported rows must fail")
	}
	text := problemsText(res)
	for _, want := range []string{
		"survey!2: type: geopoint: indimaj has no location questions",
		"survey!4: type: begin_repeat: indimaj has no repeats",
		"survey!8: type: image: indimaj has no media questions",
		"survey!9: calculation: pulldata('prices', 'price', 'item', ${village}): pulldata() has no indimaj equivalent (it reads an external CSV file); the calculation is left out",
		"survey!10: default: indimaj has no default answers (3)",
		`survey!11: type: or_other: an "other" choice and a text question NAME_other (asked when other is chosen) are added, as ODK does`,
		"survey!12: type: date: indimaj has no date questions",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	res = importFixture(t, f, true)
	q := mustLoad(t, res)
	if res.Failed(true) {
		t.Fatalf("--skip-unsupported still fails:\n%s", problemsText(res))
	}
	var ids []string
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID)
	}
	if got := strings.Join(ids, ","); got != "village,count_q,color,color_other,days" {
		t.Errorf("kept %s", got)
	}
	text = problemsText(res)
	for _, want := range []string{
		"survey!3: relevant: ${gps} != '': it refers to ${gps}, which is not imported (its type geopoint is not supported); the question is always asked",
		"survey!13: relevant: ${price} > 0: it refers to ${price}, which is not imported (its calculation could not be imported); the question is always asked",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if q.Question("village").Relevant != nil || q.Question("days").Relevant != nil {
		t.Error("a relevance on a skipped question must be dropped")
	}
	// The English labels stand in for French, with a note.
	if q.Question("village").Label.Get("fr") != "Village" || strings.Join(q.Languages, ",") != "fr,en" {
		t.Errorf("languages %v, label %v", q.Languages, q.Question("village").Label)
	}
	if !strings.Contains(text, "the form has no French labels") {
		t.Errorf("no note about the missing French labels:\n%s", text)
	}
}

// Mistakes in the form fail the import even with --skip-unsupported.
func TestImportInvalidForms(t *testing.T) {
	cases := []struct {
		name string
		f    fixture
		want []string
	}{
		{"no survey", fixture{"choices": {{"list_name", "name"}}}, []string{"survey: the workbook has no survey sheet"}},
		{"missing list and duplicates", fixture{
			"survey": {{"type", "name", "label"}, {"select_one nolist", "a", "A"}, {"text", "b", "B"}, {"text", "b", "B2"}, {"integre", "c", "C"}, {"text", "", "D"}},
		}, []string{`survey!2: type: list "nolist" is not in the choices sheet`, `survey!4: name: name "b" is already used on row 3`, `survey!5: type: unknown type "integre"`, "survey!6: name: a text row needs a name"}},
		{"bad expressions", fixture{
			"survey": {{"type", "name", "label", "relevant", "constraint"}, {"integer", "a", "A"}, {"text", "b", "B", "${a} == 1"}, {"text", "c", "C", "${z} > 1"}, {"integer", "d", "D", "", ". > 1 and"}},
		}, []string{"survey!3: relevant: ${a} == 1: at character 6: \"==\" is not XPath", "survey!4: relevant: ${z} > 1: unknown question ${z}", "survey!5: constraint: . > 1 and: "}},
		{"groups", fixture{
			"survey": {{"type", "name", "label"}, {"begin_group", "g", "G"}, {"text", "a", "A"}, {"end_group"}, {"end_group"}, {"begin_group", "h", "H"}, {"text", "b", "B"}},
		}, []string{"survey!5: type: end_group without a begin_group", "survey!6: type: begin_group h has no end_group"}},
		{"choices", fixture{
			"survey":  {{"type", "name", "label"}, {"select_one l", "a", "A"}},
			"choices": {{"list_name", "name", "label", "score"}, {"l", "x", "X", "#n:150"}, {"l", "y", "Y", "beaucoup"}, {"l", "x", "X2", "#n:0"}},
		}, []string{"choices!2: score: 150 is outside 0–100", `choices!3: score: "beaucoup" is not a number`, `choices!4: name: choice "x" appears twice in list l (row 2)`}},
	}
	for _, c := range cases {
		res := importFixture(t, c.f, true)
		if !res.Failed(true) || res.Files != nil {
			t.Errorf("%s: the import did not fail", c.name)
			continue
		}
		text := problemsText(res)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: missing %q in:\n%s", c.name, w, text)
			}
		}
	}
}

// Language columns as forms write them: codes, names in several languages,
// the default language, and a language indimaj does not speak.
func TestImportLanguageColumns(t *testing.T) {
	for _, c := range []struct{ code, header string }{
		{"fr", "label::fr"}, {"fr", "label::Français (fr)"}, {"fr", "label::French"}, {"fr", "label::français"},
		{"ar", "label::Arabic (ar)"}, {"ar", "label::العربية (ar)"}, {"ar", "label::Arabe"}, {"ar", "label::ar-MA"},
		{"en", "label::English (en)"}, {"en", "label::en"}, {"en", "label::Anglais"}, {"en", "label::English (en-GB)"},
	} {
		_, lang := splitHeader(c.header)
		if got, ok := langCode(lang); !ok || got != c.code {
			t.Errorf("%s: %q %v, want %s", c.header, got, ok, c.code)
		}
	}
	for _, h := range []string{"label::Español (es)", "label::Tamazight", "label::zgh"} {
		_, lang := splitHeader(h)
		if _, ok := langCode(lang); ok {
			t.Errorf("%s: taken for a language indimaj speaks", h)
		}
	}
	// Arabic by default: the unqualified label is Arabic.
	f := fixture{
		"survey":   {{"type", "name", "label", "label::Français (fr)", "label::Español (es)"}, {"text", "a", "الاسم", "Nom", "Nombre"}, {"integer", "b", "العمر", "", "Edad"}},
		"settings": {{"default_language", "form_title"}, {"العربية (ar)", "استمارة"}},
	}
	res := importFixture(t, f, false)
	if !res.Failed(false) || !strings.Contains(problemsText(res), `survey!1: label::Español (es): language "Español (es)" is not supported`) {
		t.Fatalf("the Spanish column must be reported:\n%s", problemsText(res))
	}
	res = importFixture(t, f, true)
	q := mustLoad(t, res)
	a, b := q.Question("a"), q.Question("b")
	if strings.Join(q.Languages, ",") != "fr,ar" || a.Label.Get("ar") != "الاسم" || a.Label.Get("fr") != "Nom" || b.Label.Get("fr") != "العمر" {
		t.Errorf("languages %v, a %v, b %v", q.Languages, a.Label, b.Label)
	}
	if q.Title.Get("ar") != "استمارة" {
		t.Errorf("title %v", q.Title)
	}
}

// A choice_filter that reads no answer keeps the choices it allows.
func TestImportStaticChoiceFilter(t *testing.T) {
	f := fixture{
		"survey":  {{"type", "name", "label", "choice_filter"}, {"select_one fruits", "fruit", "Fruit", "season = 'summer' or name = 'apple'"}, {"select_one fruits", "other", "Other"}},
		"choices": {{"list_name", "name", "label", "season"}, {"fruits", "apple", "Pomme", "autumn"}, {"fruits", "melon", "Melon", "summer"}, {"fruits", "orange", "Orange", "winter"}},
	}
	q := mustLoad(t, importFixture(t, f, false))
	var codes []string
	for _, c := range q.Question("fruit").Choices {
		codes = append(codes, c.Value)
	}
	if strings.Join(codes, ",") != "apple,melon" || len(q.Question("other").Choices) != 3 {
		t.Errorf("fruit: %v, other: %d choices", codes, len(q.Question("other").Choices))
	}
}

// Names that are not indimaj ids are renamed, and expressions follow.
func TestImportRenames(t *testing.T) {
	f := fixture{
		"survey": {{"type", "name", "label", "relevant"}, {"integer", "Score", "Score"}, {"integer", "Q-1", "Q1", "${Score} > 2"}, {"integer", "1st", "First", "${Q-1} > 0"}},
	}
	res := importFixture(t, f, false)
	q := mustLoad(t, res)
	var ids []string
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID)
	}
	if strings.Join(ids, ",") != "score_q,q_1,q_1st" {
		t.Errorf("ids %v", ids)
	}
	if !relevantWith(q, "q_1", map[string]any{"score_q": 3}) || relevantWith(q, "q_1st", map[string]any{"q_1": 0}) {
		t.Error("expressions do not follow the renames")
	}
	if !strings.Contains(problemsText(res), `survey!2: name: "Score" becomes the id "score_q"`) {
		t.Errorf("no note about the rename:\n%s", problemsText(res))
	}
}

// Names that YAML could misread (no, null, on) stay texts.
func TestImportYAMLLookalikeNames(t *testing.T) {
	f := fixture{
		"survey":  {{"type", "name", "label"}, {"begin_group", "on", "On"}, {"select_one null", "no", "Non ?"}, {"select_one null", "null", "Null ?"}, {"integer", "y", "Y", ""}, {"end_group"}},
		"choices": {{"list_name", "name", "label"}, {"null", "yes", "Oui"}, {"null", "1.0", "Un"}, {"null", "off", "Off"}},
	}
	res := importFixture(t, f, false)
	q := mustLoad(t, res)
	var ids []string
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID)
	}
	if q.Sections[0].ID != "on" || strings.Join(ids, ",") != "no,null,y" || q.Question("no").Choice("1.0") == nil || q.Question("null").Choice("off") == nil {
		t.Errorf("section %s, questions %v, choices %v", q.Sections[0].ID, ids, q.Question("no").Choices)
	}
}
