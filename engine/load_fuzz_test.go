package engine_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
)

// fuzzSeedFixtures are broken fixtures (testdata/broken) whose questionnaire
// seeds the corpus: YAML syntax errors, anchors, expressions in every scalar
// style, cycles, a duplicate section.
var fuzzSeedFixtures = []string{
	"yaml-tab-indent",
	"yaml-unterminated-quote-midfile",
	"duplicate-section-id",
	"question-not-a-mapping",
	"unknown-choice-set-named",
	"languages-without-fr",
	"unknown-identifier-double-quoted-escapes",
	"unknown-identifier-folded-block",
	"answered-unknown-question",
	"relevance-cycle",
	"calculate-cycle",
	"anchors-and-aliases",
}

// FuzzLoadFiles feeds arbitrary bytes to the loader as the questionnaire
// (questionnaires/q.yaml), next to the sample's rules (policy, measures, pilots). Whatever the bytes, the
// loader must not panic, and must return either content or ydoc.Errors whose
// every entry names a file and a line (≥ 1).
func FuzzLoadFiles(f *testing.F) {
	sample := sampleFiles(f)
	f.Add(sample["questionnaires/sample.yaml"])
	for _, name := range fuzzSeedFixtures {
		// Fixture folders are NN-name: find the one whatever its number.
		dirs, _ := filepath.Glob(filepath.Join(brokenDir, "[0-9][0-9]-"+name))
		if len(dirs) != 1 {
			f.Fatalf("seed %s: want one fixture folder, found %v", name, dirs)
		}
		data, err := os.ReadFile(filepath.Join(dirs[0], "questionnaires", "sample.yaml"))
		if err != nil {
			f.Fatalf("seed %s: %v", name, err)
		}
		f.Add(data)
	}
	f.Add([]byte(""))
	f.Add([]byte("id: x\nversion: 1.0.0\nlanguages: [fr]\ntitle: {fr: X}\nsections: []\n"))

	f.Fuzz(func(t *testing.T, q []byte) {
		files := map[string][]byte{"questionnaires/q.yaml": q}
		for name, data := range sample {
			if strings.HasPrefix(name, "rules/") {
				files[name] = data
			}
		}
		c, err := engine.LoadFiles(files) // a panic fails the fuzz target
		if err == nil {
			if c == nil {
				t.Fatal("LoadFiles returned neither content nor an error")
			}
			return
		}
		if c != nil {
			t.Errorf("LoadFiles returned content together with an error")
		}
		var es ydoc.Errors
		if !errors.As(err, &es) {
			t.Fatalf("the error is a %T, want ydoc.Errors: %v", err, err)
		}
		if len(es) == 0 {
			t.Fatal("LoadFiles returned an empty ydoc.Errors")
		}
		for _, e := range es {
			if e == nil {
				t.Fatal("nil entry in ydoc.Errors")
			}
			if e.File == "" || e.Line < 1 {
				t.Errorf("error without a file and line: %q (file %q, line %d, col %d)", e.Error(), e.File, e.Line, e.Col)
			}
			if e.Msg == "" {
				t.Errorf("error without a message at %s", e.Pos)
			}
		}
	})
}
