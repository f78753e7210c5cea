package xlsform

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// formCase is an XLSForm of a shape seen in the field, written here, and
// what its import must give.
type formCase struct {
	name string
	f    fixture
	// blocked: without --skip-unsupported the import fails (something is
	// unsupported); with it, it succeeds.
	blocked bool
	ids     []string // the questions kept, in order
	langs   string   // the content's languages, "fr/ar/en"
	want    []string // problems that must be reported
	check   func(t *testing.T, q *engine.Questionnaire)
}

var yesNo = [][]string{{"yn", "yes", "Yes"}, {"yn", "no", "No"}}

func choices(rows ...[]string) [][]string {
	return append([][]string{{"list_name", "name", "label"}}, rows...)
}

// The suite of issue 14: forms of varied shape, each written by the test,
// import as described (and pass validation: Import loads what it writes).
func TestImportFormSuite(t *testing.T) {
	cases := []formCase{
		{name: "minimal, no choices sheet", f: fixture{
			"survey": {{"type", "name", "label"}, {"text", "name_q", "Your name"}, {"integer", "age", "Age"}},
		}, ids: []string{"name_q", "age"}, langs: "fr"},
		{name: "cascading selects", f: fixture{
			"survey": {{"type", "name", "label", "choice_filter"},
				{"select_one region", "region", "Region"},
				{"select_one province", "province", "Province", "region=${region}"},
				{"select_one commune", "commune", "Commune", "province=${province}"}},
			"choices": {{"list_name", "name", "label", "region", "province"},
				{"region", "or", "Oriental"}, {"region", "sm", "Souss-Massa"},
				{"province", "oujda", "Oujda", "or"}, {"province", "nador", "Nador", "or"}, {"province", "agadir", "Agadir", "sm"},
				{"commune", "c1", "Oujda centre", "", "oujda"}, {"commune", "c2", "Selouane", "", "nador"}, {"commune", "c3", "Inezgane", "", "agadir"}},
		}, ids: []string{"region", "province", "commune"}, check: func(t *testing.T, q *engine.Questionnaire) {
			// Choosing Souss-Massa, then Oujda, breaks the filter.
			st := engine.NewState(q)
			if err := st.Set("region", "sm"); err != nil {
				t.Fatal(err)
			}
			if err := st.Set("province", "oujda"); err == nil {
				t.Error("a province outside the region is accepted")
			}
			if err := st.Set("province", "agadir"); err != nil {
				t.Errorf("agadir in sm: %v", err)
			}
		}},
		{name: "repeat", blocked: true, f: fixture{
			"survey": {{"type", "name", "label", "relevant"},
				{"integer", "n", "Members"},
				{"begin_repeat", "member", "Member"}, {"text", "mname", "Name"}, {"integer", "mage", "Age"}, {"end_repeat"},
				{"text", "after", "After", "${n} > 0"}},
		}, ids: []string{"n", "after"}, want: []string{"survey!3: type: begin_repeat: indimaj has no repeats"}},
		{name: "nested groups with relevance", f: fixture{
			"survey": {{"type", "name", "label", "relevant"},
				{"begin_group", "outer", "Outer"}, {"select_one yn", "ok", "OK?"},
				{"begin group", "inner", "Inner", "${ok} = 'yes'"}, {"integer", "x", "X"}, {"end group"},
				{"end_group"}},
			"choices": choices(yesNo...),
		}, ids: []string{"ok", "inner", "x"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if relevantWith(q, "x", map[string]any{"ok": "no"}) || !relevantWith(q, "x", map[string]any{"ok": "yes"}) {
				t.Error("the inner group's relevance is lost")
			}
		}},
		{name: "three languages", f: fixture{
			"survey": {{"type", "name", "label::French (fr)", "label::Arabic (ar)", "label::English (en)", "hint::English (en)"},
				{"select_one yn", "ok", "D'accord ?", "موافق؟", "Agree?", "Say yes or no"}},
			"choices":  {{"list_name", "name", "label::French (fr)", "label::Arabic (ar)", "label::English (en)"}, {"yn", "yes", "Oui", "نعم", "Yes"}, {"yn", "no", "Non", "لا", "No"}},
			"settings": {{"default_language"}, {"English (en)"}},
		}, ids: []string{"ok"}, langs: "fr/ar/en", check: func(t *testing.T, q *engine.Questionnaire) {
			if q.Question("ok").Label["ar"] != "موافق؟" || q.Question("ok").Choices[0].Label["en"] != "Yes" {
				t.Errorf("labels %v", q.Question("ok").Label)
			}
		}},
		{name: "calculations", f: fixture{
			"survey": {{"type", "name", "label", "calculation", "relevant"},
				{"integer", "a", "A"}, {"integer", "b", "B"},
				{"calculate", "total", "", "${a} + ${b}"},
				{"text", "big", "Big?", "", "${total} > 10"}},
		}, ids: []string{"a", "b", "big"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if len(q.Calcs) != 1 || relevantWith(q, "big", map[string]any{"a": 2, "b": 3}) || !relevantWith(q, "big", map[string]any{"a": 8, "b": 3}) {
				t.Error("the calculation is not used")
			}
		}},
		{name: "constraints", f: fixture{
			"survey": {{"type", "name", "label", "constraint", "constraint_message", "required"},
				{"integer", "age", "Age", ". >= 0 and . <= 120", "Between 0 and 120", "yes"},
				{"decimal", "share", "Share", ". >= 0 and . <= 1"}},
		}, ids: []string{"age", "share"}, check: func(t *testing.T, q *engine.Questionnaire) {
			st := engine.NewState(q)
			if st.Set("age", 130) == nil || st.Set("age", 40) != nil || !q.Question("age").Required {
				t.Error("the age constraint is not kept")
			}
		}},
		{name: "old syntax", f: fixture{
			"survey": {{"type", "name", "label"},
				{"begin group", "g", "G"},
				{"select one from yn", "ok", "OK?"},
				{"select all that apply from fruits", "fruits", "Fruits"},
				{"add text prompt", "t", "T"}, {"q int", "i", "I"}, {"add note prompt", "nb", "Note"},
				{"end group"}},
			"choices": choices(append(yesNo, []string{"fruits", "apple", "Apple"}, []string{"fruits", "fig", "Fig"})...),
		}, ids: []string{"ok", "fruits", "t", "i", "nb"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if q.Question("fruits").Type != engine.Multiple || q.Question("ok").Type != engine.Single {
				t.Error("old select spellings")
			}
		}},
		{name: "or_other", f: fixture{
			"survey": {{"type", "name", "label"},
				{"select_one colors or_other", "color", "Color"},
				{"select all that apply from fruits or specify other", "fruit", "Fruit"}},
			"choices": choices([]string{"colors", "red", "Red"}, []string{"fruits", "fig", "Fig"}),
		}, ids: []string{"color", "color_other", "fruit", "fruit_other"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if q.Question("color").Choice("other") == nil || q.Question("fruit").Choice("other") == nil {
				t.Fatal("no other choice")
			}
			if relevantWith(q, "color_other", map[string]any{"color": "red"}) || !relevantWith(q, "color_other", map[string]any{"color": "other"}) ||
				!relevantWith(q, "fruit_other", map[string]any{"fruit": []string{"fig", "other"}}) {
				t.Error("NAME_other is not asked exactly when other is chosen")
			}
		}},
		{name: "media columns", blocked: true, f: fixture{
			"survey": {{"type", "name", "label", "image", "audio", "video", "big-image", "image::English (en)"},
				{"text", "a", "A", "a.png", "a.mp3", "", "", "a-en.png"}, {"text", "b", "B"}},
			"choices": {{"list_name", "name", "label", "image"}, {"yn", "yes", "Yes", "y.png"}},
		}, ids: []string{"a", "b"}, want: []string{"survey!2: image: indimaj shows no media (a.png)", "survey!2: audio: indimaj shows no media (a.mp3)", "survey!2: image::English (en): indimaj shows no media (a-en.png)"}},
		{name: "newer and rarer types", blocked: true, f: fixture{
			"survey": {{"type", "name", "label"},
				{"phone number", "phone", "Phone"}, {"percentage", "pct", "Percent"},
				{"osm", "building", "Building"}, {"select_one_external city", "city", "City"},
				{"rank", "order", "Order"}, {"geopoint", "where", "Where"}, {"integer", "n", "N"}},
			"external_choices": {{"list_name", "name", "label"}, {"city", "oujda", "Oujda"}},
		}, ids: []string{"phone", "pct", "n"}, want: []string{"survey!4: type: osm: indimaj has no map", "survey!5: type: select_one_external: its choices come from an external CSV file", "phone number becomes a text question"},
			check: func(t *testing.T, q *engine.Questionnaire) {
				if q.Question("pct").Type != engine.Integer || engine.NewState(q).Set("pct", 101) == nil {
					t.Error("percentage is not an integer from 0 to 100")
				}
			}},
		{name: "allow_choice_duplicates", blocked: true, f: fixture{
			"survey":   {{"type", "name", "label"}, {"select_one places", "place", "Place"}},
			"choices":  choices([]string{"places", "center", "Center"}, []string{"places", "north", "North"}, []string{"places", "center", "Center (north)"}),
			"settings": {{"allow_choice_duplicates"}, {"yes"}},
		}, ids: []string{"place"}, want: []string{`choices!4: name: choice "center" appears twice in list places (row 2): allow_choice_duplicates is set`}},
		{name: "curly quotes from Excel", f: fixture{
			"survey":  {{"type", "name", "label", "relevant"}, {"select_one yn", "ok", "OK?"}, {"text", "why", "Why?", "${ok} = ‘no’"}, {"text", "how", "How?", "${ok} = “yes”"}},
			"choices": choices(yesNo...),
		}, ids: []string{"ok", "why", "how"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if relevantWith(q, "why", map[string]any{"ok": "yes"}) || !relevantWith(q, "why", map[string]any{"ok": "no"}) || !relevantWith(q, "how", map[string]any{"ok": "yes"}) {
				t.Error("curly-quoted relevance")
			}
		}},
		{name: "metadata and notes", f: fixture{
			"survey": {{"type", "name", "label"}, {"start", "start"}, {"end", "end"}, {"deviceid", "deviceid"}, {"get today", "day"}, {"uri:deviceid", "dev2"},
				{"note", "", "Welcome"}, {"note", "intro", "Intro"}, {"text", "t", "T"}},
		}, ids: []string{"note_row_7", "intro", "t"}, want: []string{"metadata (start) is not a question: ignored"}},
		{name: "scored indicators", f: fixture{
			"survey":  {{"type", "name", "label", "required"}, {"select_one level", "plan", "Plan?", "yes"}, {"select_one level", "unit", "Unit?"}},
			"choices": {{"list_name", "name", "label", "score"}, {"level", "none", "None", "#n:0"}, {"level", "some", "Some", "#n:50"}, {"level", "full", "Full", "#n:100"}, {"level", "dk", "Don't know", ""}},
		}, ids: []string{"plan", "unit"}, check: func(t *testing.T, q *engine.Questionnaire) {
			if !q.Question("plan").Scored || q.Question("plan").Choice("dk").Score != nil {
				t.Error("scores are not kept")
			}
		}},
		{name: "choice filter on a missing column", blocked: true, f: fixture{
			"survey":  {{"type", "name", "label", "choice_filter"}, {"select_one colors", "c", "Color", "pastel=${p}"}, {"text", "p", "P"}},
			"choices": choices([]string{"colors", "red", "Red"}, []string{"colors", "blue", "Blue"}),
		}, ids: []string{"c", "p"}, want: []string{"pastel is not a column of the choices sheet (ODK reads it as empty)"}},
		{name: "loops and a single sheet", blocked: true, f: fixture{
			"Sheet1": {{"type", "name", "label"}, {"begin loop over rooms", "room", "Room"}, {"text", "size", "Size"}, {"end loop"}, {"integer", "floors", "Floors"}},
		}, ids: []string{"floors"}, want: []string{"the only sheet, Sheet1, is read as the survey sheet", "begin loop over rooms: indimaj has no repeats"}},
		{name: "same name in two groups, external lookups", blocked: true, f: fixture{
			"survey": {{"type", "name", "label", "calculation", "relevant"},
				{"begin_group", "home", "Home"}, {"integer", "rooms", "Rooms"}, {"end_group"},
				{"begin_group", "work", "Work"}, {"integer", "rooms", "Rooms"},
				{"calculate", "site", "", "instance('sites')/root/item[id=${rooms}]/label"},
				{"text", "many", "Many?", "", "${rooms} > 3"}, {"end_group"}},
			"choices": {{"list_name", "name", "label"}, {"unused", "", "Nameless"}, {"unused", "x", "X"}},
		}, ids: []string{"rooms", "rooms_2", "many"}, want: []string{`survey!6: name: name "rooms" is also used on row 3, in another group: this question becomes "rooms_2" and ${rooms} refers to row 3`,
			"survey!7: calculation: instance('sites')/root/item[id=${rooms}]/label: at character 28: [ (predicates and attributes, as in instance(…)/item[…]) has no indimaj equivalent",
			`choices!2: name: a choice without a name is left out (its label: "Nameless")`},
			check: func(t *testing.T, q *engine.Questionnaire) {
				if relevantWith(q, "many", map[string]any{"rooms": 5}) != true || relevantWith(q, "many", map[string]any{"rooms": 1, "rooms_2": 5}) {
					t.Error("${rooms} does not mean the first rooms")
				}
			}},
		{name: "choice names indimaj cannot keep", blocked: true, f: fixture{
			"survey":  {{"type", "name", "label"}, {"begin_group", "g", "G"}, {"select_multiple words", "words", "Words"}, {"end_group"}, {"text", "t", "T"}},
			"choices": choices([]string{"words", "père", "Père"}, []string{"words", "tête", "Tête"}),
		}, ids: []string{"t"}, want: []string{`survey!3: type: none of the choices of list "words" could be imported`, "group g has no question indimaj can import: left out"}},
	}
	if len(cases) < 15 {
		t.Fatalf("%d forms: the suite needs at least 15", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.f.xlsx(t)
			strict, err := Import(bytes.NewReader(data), ImportOptions{Name: "form.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			if strict.Failed(false) != c.blocked {
				t.Fatalf("without --skip-unsupported: failed=%v, want %v:\n%s", strict.Failed(false), c.blocked, problemsText(strict))
			}
			res, err := Import(bytes.NewReader(data), ImportOptions{Name: "form.xlsx", SkipUnsupported: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Problems {
				if p.Severity == Invalid {
					t.Errorf("blocking: %s", p)
				}
			}
			q := mustLoad(t, res)
			var ids []string
			for _, qu := range q.Questions {
				ids = append(ids, qu.ID)
			}
			if !slices.Equal(ids, c.ids) {
				t.Errorf("questions %v, want %v", ids, c.ids)
			}
			if c.langs != "" && strings.Join(q.Languages, "/") != c.langs {
				t.Errorf("languages %v, want %s", q.Languages, c.langs)
			}
			text := problemsText(res)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			if c.check != nil {
				c.check(t, q)
			}
		})
	}
}

// An Excel 97–2003 form (testdata/form.xls, written by testdata/make_xls.py)
// imports like its .xlsx twin.
func TestImportXLS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "form.xls"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(bytes.NewReader(data), ImportOptions{Name: "form.xls"})
	if err != nil {
		t.Fatal(err)
	}
	q := mustLoad(t, res)
	var ids []string
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID)
	}
	if res.ID != "accueil_xls" || strings.Join(ids, ",") != "desk,staff,langs,langs_other" || strings.Join(q.Languages, "/") != "fr/ar" {
		t.Fatalf("%s: %v %v\n%s", res.ID, ids, q.Languages, problemsText(res))
	}
	if q.Question("staff").Label["ar"] != "الأعوان" || relevantWith(q, "staff", map[string]any{"desk": "no"}) || !relevantWith(q, "staff", map[string]any{"desk": "yes"}) {
		t.Error("labels or relevance lost")
	}
	// A damaged .xls is refused as not a workbook, never a crash.
	for _, n := range []int{8, 512, 1024, len(data) / 2} {
		if _, err := Import(bytes.NewReader(data[:n]), ImportOptions{Name: "cut.xls"}); err != nil {
			checkWorkbookError(t, err)
		}
	}
}
