package engine_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
)

// The broken-content catalog: every folder under testdata/broken is a small,
// complete content set that differs from examples/sample by one mistake, and
// its expect.txt lists the errors the loader must report, in sorted order, one
// per line:
//
//	relative/file.yaml:LINE:COL: substring of the message
//
// The loader must report exactly that many errors, each at exactly that
// position and with a message that contains the substring. A folder-level
// error without a line (such as "no policy") is written FOLDER/:0:0.

const brokenDir = "testdata/broken"

type wantErr struct {
	file      string
	line, col int
	substr    string
}

func (w wantErr) String() string {
	return fmt.Sprintf("%s:%d:%d: …%s…", w.file, w.line, w.col, w.substr)
}

var expectLine = regexp.MustCompile(`^(.*?):(\d+):(\d+): (.+)$`)

func readExpect(t *testing.T, path string) []wantErr {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []wantErr
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := expectLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%s:%d: malformed expectation %q (want file:line:col: substring)", path, i+1, line)
		}
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		out = append(out, wantErr{file: m[1], line: ln, col: col, substr: m[4]})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no expectation", path)
	}
	return out
}

// loadErrors loads a content set and returns its errors, which must be ydoc.Errors.
func loadErrors(t *testing.T, load func() (*engine.Content, error)) ydoc.Errors {
	t.Helper()
	var (
		c   *engine.Content
		err error
	)
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("the loader panicked: %v", r)
			}
		}()
		c, err = load()
	}()
	if err == nil {
		t.Fatalf("the content loaded without error (%d sections); want errors", len(c.Q.Sections))
	}
	if c != nil {
		t.Errorf("Load returned content together with an error")
	}
	var es ydoc.Errors
	if !errors.As(err, &es) {
		t.Fatalf("the error is a %T, want ydoc.Errors: %v", err, err)
	}
	return es
}

func checkErrors(t *testing.T, got ydoc.Errors, want []wantErr) {
	t.Helper()
	dump := func() string {
		var b strings.Builder
		b.WriteString("got:\n")
		for _, e := range got {
			fmt.Fprintf(&b, "  %s\n", e)
		}
		b.WriteString("want:\n")
		for _, w := range want {
			fmt.Fprintf(&b, "  %s\n", w)
		}
		return b.String()
	}
	if len(got) != len(want) {
		t.Errorf("got %d errors, want %d\n%s", len(got), len(want), dump())
		return
	}
	bad := false
	for i, w := range want {
		e := got[i]
		if e.File != w.file || e.Line != w.line || e.Col != w.col {
			t.Errorf("error %d: at %s:%d:%d, want %s:%d:%d (%s)", i+1, e.File, e.Line, e.Col, w.file, w.line, w.col, e.Msg)
			bad = true
		}
		if !strings.Contains(e.Msg, w.substr) {
			t.Errorf("error %d: message %q does not contain %q", i+1, e.Msg, w.substr)
			bad = true
		}
	}
	if bad {
		t.Log(dump())
	}
}

func TestLoadBroken(t *testing.T) {
	entries, err := os.ReadDir(brokenDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ent := range entries {
		if !ent.IsDir() {
			continue
		}
		n++
		dir := filepath.Join(brokenDir, ent.Name())
		t.Run(ent.Name(), func(t *testing.T) {
			want := readExpect(t, filepath.Join(dir, "expect.txt"))
			got := loadErrors(t, func() (*engine.Content, error) { return engine.Load(os.DirFS(dir)) })
			checkErrors(t, got, want)
		})
	}
	if n < 34 {
		t.Errorf("the catalog has %d fixtures, want at least 34", n)
	}
}

// TestLoadBrokenSampleIsValid guards the catalog's premise: the sample every
// fixture is derived from loads without error.
func TestLoadBrokenSampleIsValid(t *testing.T) {
	if _, err := engine.Load(os.DirFS("../examples/sample")); err != nil {
		t.Fatalf("examples/sample does not load:\n%v", err)
	}
}

// sampleFiles reads examples/sample as LoadFiles input: every YAML file of
// its questionnaires/ and rules/ folders.
func sampleFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{"questionnaires", "rules"} {
		names, err := filepath.Glob(filepath.Join("../examples/sample", dir, "*.yaml"))
		if err != nil || len(names) == 0 {
			tb.Fatalf("examples/sample/%s: no YAML file (%v)", dir, err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			files[dir+"/"+filepath.Base(name)] = data
		}
	}
	if files["questionnaires/sample.yaml"] == nil {
		tb.Fatal("examples/sample has no questionnaires/sample.yaml")
	}
	return files
}

// TestLoadBrokenHostileExpression: an expression far beyond the node budget
// (a sum of 1200 terms) is refused with a clear message instead of being
// compiled. Built here rather than stored as a fixture. The expression parser
// stops at the node that exceeds the budget, so the error points inside the
// expression, MaxExprNodes+1 characters after its start (at offset 1001 of
// "1+1+…"); the quoted form is one column further right.
func TestLoadBrokenHostileExpression(t *testing.T) {
	expr := strings.Repeat("1+", 1199) + "1 > 0"
	for _, tc := range []struct {
		name, old, new string
		line, col      int
	}{
		// unit_staff's relevance, plain: the expression starts at column 19.
		{"plain", "        relevant: has_unit\n", "        relevant: " + expr + "\n", 68, 19 + engine.MaxExprNodes + 1},
		// The same in double quotes: the expression starts at column 20.
		{"double-quoted", "        relevant: has_unit\n", "        relevant: \"" + expr + "\"\n", 68, 20 + engine.MaxExprNodes + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := sampleFiles(t)
			q := string(files["questionnaires/sample.yaml"])
			if strings.Count(q, tc.old) != 1 {
				t.Fatalf("the sample no longer has %q once", tc.old)
			}
			files["questionnaires/sample.yaml"] = []byte(strings.Replace(q, tc.old, tc.new, 1))
			got := loadErrors(t, func() (*engine.Content, error) { return engine.LoadFiles(files) })
			checkErrors(t, got, []wantErr{{
				file: "questionnaires/sample.yaml", line: tc.line, col: tc.col,
				substr: fmt.Sprintf("question unit_staff: relevant: expression too large (more than %d nodes)", engine.MaxExprNodes),
			}})
		})
	}
}
