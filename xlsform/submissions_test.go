package xlsform

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
)

func sampleQ(t *testing.T) *engine.Questionnaire {
	t.Helper()
	c, err := app.LoadContent("../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	return c.Q
}

func TestReadSubmissionsKoboCSV(t *testing.T) {
	q := sampleQ(t)
	csv := "\xef\xbb\xbfstart,gov/respondent_role,gov/priorities,gov/priorities/P1,gov/priorities/P3,gov/plan,srv/health,srv/health_note,srv/intro,has_unit,gov/mystery,_id,_submission_time,_submitted_by\n" +
		"2024-03-01T10:00:00.000+01:00,\"Chargée, mission\",P1 P3,1,1,partial,not_applicable,hors compétence,,true,?,1,2024-03-01T09:21:00,amina\n" +
		",,,,,,,,,,,,,\n" +
		"2024-03-02T10:00:00.000+01:00,Directeur,,0,0,full,,,,false,,2,2024-03-02T09:00:00,\n"
	subs, err := ReadSubmissions("export.csv", []byte(csv), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs.List) != 2 {
		t.Fatalf("%d submissions, want 2 (the empty line is skipped)", len(subs.List))
	}
	a, b := subs.List[0], subs.List[1]
	want := map[string]any{"respondent_role": "Chargée, mission", "priorities": "P1 P3", "plan": "partial", "health": "not_applicable"}
	if !reflect.DeepEqual(a.Answers, want) || a.Notes["health"] != "hors compétence" || a.Respondent != "amina" || a.Row != 2 {
		t.Errorf("first: %+v", a)
	}
	if !a.At.Equal(time.Date(2024, 3, 1, 9, 21, 0, 0, time.UTC)) {
		t.Errorf("time %v", a.At)
	}
	if b.Row != 4 || b.Respondent != "" || !reflect.DeepEqual(b.Answers, map[string]any{"respondent_role": "Directeur", "plan": "full"}) {
		t.Errorf("second: %+v", b)
	}
	if len(subs.Warnings) != 1 || !strings.Contains(subs.Warnings[0], "gov/mystery") || strings.Contains(subs.Warnings[0], "_id") {
		t.Errorf("warnings %v", subs.Warnings)
	}
}

func TestReadSubmissionsCentralCSV(t *testing.T) {
	q := sampleQ(t)
	csv := "SubmissionDate;gov-plan;gov-unit;srv-desk_languages;meta-instanceID;SubmitterName;KEY;enumerator\n" +
		"2024-05-02T08:00:00.000Z;absent;full;fr ar;uuid:1;central-user;uuid:1;Karim\n"
	subs, err := ReadSubmissions("central.csv", []byte(csv), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := subs.List[0]
	if s.Respondent != "central-user" || s.Answers["desk_languages"] != "fr ar" || s.Answers["unit"] != "full" || s.At.IsZero() {
		t.Errorf("%+v", s)
	}
	if len(subs.Warnings) != 1 || !strings.HasSuffix(subs.Warnings[0], "ignored: enumerator") {
		t.Errorf("warnings %v", subs.Warnings)
	}
	subs, err = ReadSubmissions("central.csv", []byte(csv), q, SubmissionOptions{RespondentColumn: "enumerator"})
	if err != nil || subs.List[0].Respondent != "Karim" || len(subs.Warnings) != 0 {
		t.Errorf("--respondent-column enumerator: %v %+v %v", err, subs.List[0], subs.Warnings)
	}
}

func TestReadSubmissionsJSON(t *testing.T) {
	q := sampleQ(t)
	data := `{"value": [
	  {"__id": "uuid:1", "gov": {"plan": "full", "priorities": "P7", "residents": 1200}, "srv": {"budget": 2.5, "shelter": "yes", "desk_languages": ["fr", "en"]}, "username": "sara"},
	  {"gov": {"plan": null, "unit": "partial"}}
	]}`
	subs, err := ReadSubmissions("odata.json", []byte(data), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := subs.List[0]
	if a.Row != 1 || a.Respondent != "sara" || a.Answers["residents"] != int64(1200) || a.Answers["budget"] != 2.5 || a.Answers["shelter"] != "yes" {
		t.Errorf("%+v", a)
	}
	if !reflect.DeepEqual(a.Answers["desk_languages"], []any{"fr", "en"}) {
		t.Errorf("desk_languages %v", a.Answers["desk_languages"])
	}
	if b := subs.List[1]; b.Row != 2 || len(b.Answers) != 1 {
		t.Errorf("%+v", b)
	}
	// A plain list works as well; the values parse as the engine expects.
	subs, err = ReadSubmissions("kobo.json", []byte(`[{"gov/residents": "30", "gov/priorities": "P1 P3"}]`), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := engine.ParseValue(q.Question("priorities"), subs.List[0].Answers["priorities"])
	if err != nil || !reflect.DeepEqual(v, []string{"P1", "P3"}) {
		t.Errorf("priorities %v %v", v, err)
	}
}

func TestReadSubmissionsErrors(t *testing.T) {
	q := sampleQ(t)
	cases := []struct{ name, data, want string }{
		{"labels.csv", "Votre fonction,Plan\nChargée,Aucun\n", "no column matches a question of sample"},
		{"empty.csv", "", "the file is empty"},
		{"head.csv", "gov/plan\n", "no submissions"},
		{"bad.json", "[1, 2]", "submission 1 is not an object"},
		{"bad2.json", "{\"a\": 1}", "expected a list of submissions"},
		{"broken.json", "[{", "not a JSON file"},
		{"wide.csv", "gov/plan\nfull,extra\n", "row 2 has more cells than the header"},
		// A value under a blank header cell is refused, as in XLSX exports, never read under an empty name.
		{"blankhead.csv", "gov/plan,,gov/unit\nfull,stray,full\n", "row 2: a value in column 2, which has no header"},
		// A cell spanning lines: the error names the spreadsheet row and the line.
		{"quote.csv", "gov/respondent_role,gov/plan\n\"two\nlines\",full\nbare\"quote,full\n", "row 3 (line 4), column 5: bare \" in non-quoted-field"},
		{"split.csv", "gov/priorities/P1,gov/plan\nmaybe,full\n", `split.csv:2: gov/priorities/P1: "maybe" is neither 1 nor 0`},
	}
	for _, c := range cases {
		_, err := ReadSubmissions(c.name, []byte(c.data), q, SubmissionOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.name+":") {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	_, err := ReadSubmissions("x.csv", []byte("gov/plan\nfull\n"), q, SubmissionOptions{RespondentColumn: "who"})
	if err == nil || !strings.Contains(err.Error(), `no column "who"`) {
		t.Errorf("--respondent-column who: %v", err)
	}
}

// KoboToolbox can export a multiple choice as one 1/0 column per choice
// only: the answers come from those columns, none is dropped.
func TestReadSubmissionsSplitOnly(t *testing.T) {
	q := sampleQ(t)
	csv := "gov/priorities/P1,gov/priorities/P3,gov/priorities/P7,gov/plan,_submitted_by\n" +
		"1,0,1,full,amina\n" +
		"0,0,0,partial,karim\n" +
		"True,False,False,,sara\n"
	subs, err := ReadSubmissions("split.csv", []byte(csv), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	for _, s := range subs.List {
		got = append(got, s.Answers["priorities"])
	}
	if !reflect.DeepEqual(got, []any{"P1 P7", nil, "P1"}) {
		t.Errorf("priorities %v", got)
	}
	if len(subs.Warnings) != 0 {
		t.Errorf("warnings %v", subs.Warnings)
	}
	// With the joined column too, the joined column counts; an empty joined
	// column with ticked choices gives the choices and a warning.
	csv = "gov/priorities,gov/priorities/P1,gov/priorities/P3,gov/priorities/P7\nP3,0,1,0\n,1,0,0\n"
	subs, err = ReadSubmissions("both.csv", []byte(csv), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if subs.List[0].Answers["priorities"] != "P3" || subs.List[1].Answers["priorities"] != "P1" ||
		len(subs.Warnings) != 1 || !strings.Contains(subs.Warnings[0], "both.csv:3: priorities: the joined column is empty") {
		t.Errorf("%+v %v", subs.List, subs.Warnings)
	}
}

// A KoboToolbox XLSX data export reads like its CSV export.
func TestReadSubmissionsXLSX(t *testing.T) {
	q := sampleQ(t)
	f := fixture{"data": {
		{"start", "gov/respondent_role", "gov/priorities", "gov/priorities/P1", "gov/priorities/P3", "gov/residents", "gov/plan", "_submission_time", "_submitted_by"},
		{"2024-03-01T10:00:00", "Chargée\nde mission", "P1 P3", "#n:1", "#n:1", "#n:12000", "partial", "2024-03-01T09:21:00", "amina"},
		{},
		{"2024-03-02T10:00:00", "Directeur", "", "#n:0", "#n:1", "#n:500", "full", "2024-03-02T09:21:00", "karim"},
	}}
	subs, err := ReadSubmissions("kobo.xlsx", f.xlsx(t), q, SubmissionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs.List) != 2 {
		t.Fatalf("%d submissions", len(subs.List))
	}
	a, b := subs.List[0], subs.List[1]
	if a.Row != 2 || a.Respondent != "amina" || a.Answers["priorities"] != "P1 P3" || a.Answers["residents"] != "12000" || a.Answers["respondent_role"] != "Chargée\nde mission" {
		t.Errorf("first %+v", a)
	}
	if b.Row != 4 || b.Answers["priorities"] != "P3" || b.Answers["plan"] != "full" || !b.At.Equal(time.Date(2024, 3, 2, 9, 21, 0, 0, time.UTC)) {
		t.Errorf("second %+v", b)
	}
	v, err := engine.ParseValue(q.Question("residents"), a.Answers["residents"])
	if err != nil || fmt.Sprint(v) != "12000" {
		t.Errorf("residents %v %v", v, err)
	}
	// Not a workbook: said so.
	if _, err := ReadSubmissions("fake.xlsx", []byte("PK\x03\x04 not really"), q, SubmissionOptions{}); err == nil || !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("fake.xlsx: %v", err)
	}
}
