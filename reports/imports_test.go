package reports_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRendererImportsNoStorageNorGlue keeps the data flowing one way: the
// reports take their own input type and never reach for the database or the
// application glue (which builds that input).
func TestRendererImportsNoStorageNorGlue(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "github.com/indimaj/indimaj/store" || strings.HasPrefix(p, "github.com/indimaj/indimaj/internal/app") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d source files checked", checked)
	}
}
