package xlsform

import (
	"bytes"
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
