package xlsform

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/app"
)

// FuzzXPath: no expression, however malformed, panics the parser or the
// translator, and what translates compiles as the engine will compile it.
func FuzzXPath(f *testing.F) {
	for _, s := range []string{
		"${s} = 'a' or ${n} > 1", "not(selected(., 'a'))", "if(${n} > 2, ${d}, 'x')", "coalesce(${n}, ${t}, 3)",
		"count-selected(${m}) + string-length(${t}) div 0 mod -1", "concat(${b}, ${m}, 1.5)", "-(-${n})", "round(${d}, 2)",
		"/data/g/s", "${s}[1]", "'", "${", "regex(${t}, '[')", "min(${n})", "pow(${n}, ${d}, 1)", "boolean(${m}) = true()",
	} {
		f.Add(s)
	}
	env := baseEnv()
	for id, s := range testSyms() {
		env[id] = zeroFor(s.qtype)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tr := &fromXPath{syms: testSyms()}
		out, err := tr.condition(src)
		if err != nil {
			return
		}
		if _, err := compileTyped(out, env, "bool"); err != nil {
			// Allowed: the importer reports it as untranslatable. It must
			// not be a syntax error of ours, though.
			if bytes.Contains([]byte(err.Error()), []byte("unexpected token")) {
				t.Fatalf("%q became %q, which does not parse: %v", src, out, err)
			}
		}
	})
}

// FuzzImport: no workbook content panics the importer.
func FuzzImport(f *testing.F) {
	c, err := app.LoadContent("../examples/sample")
	if err != nil {
		f.Fatal(err)
	}
	ex, err := Export(c, ExportOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("select_one plan", "plan", "${unit} = 'full'", ". > 0", "score")
	f.Add("begin_group", "g", "", "", "")
	f.Add("end_group", "", "${x", "", "list_name")
	f.Fuzz(func(t *testing.T, typ, name, rel, constraint, choiceHeader string) {
		fx := fixture{
			"survey":  {{"type", "name", "label", "relevant", "constraint"}, {"integer", "n", "N"}, {typ, name, "L", rel, constraint}, {"text", "t", "T", rel}},
			"choices": {{"list_name", "name", "label", choiceHeader}, {"plan", "a", "A", "1"}, {"plan", "b", "B", "x"}},
		}
		res, err := Import(bytes.NewReader(fx.xlsx(t)), ImportOptions{Name: "f.xlsx", SkipUnsupported: true})
		if err != nil {
			t.Fatal(err)
		}
		_ = res
	})
	// The exported workbook itself imports.
	if _, err := Import(bytes.NewReader(ex.XLSX), ImportOptions{}); err != nil {
		f.Fatal(err)
	}
}

// FuzzWorkbook: no bytes, however damaged (a truncated or altered .xlsx, an
// .xls, anything), panic the workbook reader, the importer or the XLSX
// submissions reader, and the limits hold: a refusal is one of the
// documented errors.
func FuzzWorkbook(f *testing.F) {
	form := fixture{
		"survey":   {{"type", "name", "label", "relevant"}, {"select_one yn", "ok", "OK?"}, {"integer", "n", "N", "${ok} = 'yes'"}},
		"choices":  {{"list_name", "name", "label"}, {"yn", "yes", "Yes"}, {"yn", "no", "No"}},
		"settings": {{"form_id"}, {"fz"}},
	}
	data := fixture{"data": {{"gov/plan", "gov/priorities/P1", "_submitted_by"}, {"full", "1", "a"}}}
	f.Add(form.xlsx(f))
	f.Add(data.xlsx(f))
	f.Add(cfbMagic)
	f.Add([]byte("PK\x03\x04"))
	q, err := app.LoadContent("../examples/sample")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := Import(bytes.NewReader(b), ImportOptions{Name: "f.xlsx", SkipUnsupported: true}); err != nil {
			checkWorkbookError(t, err)
		}
		if _, err := ReadSubmissions("f.xlsx", b, q.Q, SubmissionOptions{}); err != nil && bytes.HasPrefix(b, []byte("PK")) {
			if !strings.HasPrefix(err.Error(), "f.xlsx: ") {
				t.Fatalf("unlocated error: %v", err)
			}
		}
	})
}

func checkWorkbookError(t *testing.T, err error) {
	for _, e := range []error{ErrNotWorkbook, ErrTooLarge, ErrZipBomb, ErrDTD} {
		if errors.Is(err, e) {
			return
		}
	}
	t.Fatalf("a refusal that is none of the documented errors: %v", err)
}

// FuzzSubmissions: no CSV or JSON export panics the submissions reader;
// what it returns is placed (a row for each submission, a file name in
// every error).
func FuzzSubmissions(f *testing.F) {
	f.Add("gov/plan,gov/priorities,gov/priorities/P1,_submitted_by\nfull,P1,1,a\n", false)
	f.Add("gov/respondent_role;gov/plan\n\"two\nlines\";full\n", false)
	f.Add(`[{"gov": {"plan": "full", "priorities": ["P1"]}}]`, true)
	f.Add(`{"value": [{"gov-plan": 1.5}]}`, true)
	c, err := app.LoadContent("../examples/sample")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, asJSON bool) {
		name := "f.csv"
		if asJSON {
			name = "f.json"
		}
		subs, err := ReadSubmissions(name, []byte(s), c.Q, SubmissionOptions{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("unlocated error: %v", err)
			}
			return
		}
		for _, sub := range subs.List {
			if sub.Row < 1 {
				t.Fatalf("submission without a row: %+v", sub)
			}
			for id := range sub.Answers {
				if c.Q.Question(id) == nil {
					t.Fatalf("answer to an unknown question %s", id)
				}
			}
		}
	})
}
