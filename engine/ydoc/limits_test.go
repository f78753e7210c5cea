package ydoc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func limitKey(t *testing.T, err error) string {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want a located *Error, got %T %v", err, err)
	}
	if e.Line == 0 {
		t.Fatalf("error without a line: %v", e)
	}
	return e.Key
}

func TestLimitsRefuseHostileDocuments(t *testing.T) {
	cases := []struct {
		name, doc, key string
		line, col      int
	}{
		{"flow brackets", "policy: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000), KeyTooDeep, 1, 8 + MaxDepth},
		{"flow braces JSON", strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000), KeyTooDeep, 1, 5*(MaxDepth-1) + 1},
		{"block indentation", deepBlock(MaxDepth + 5), KeyTooDeep, MaxDepth + 1, MaxDepth + 1},
		{"dashes on one line", "a:\n  " + strings.Repeat("- ", 200) + "x\n", KeyTooDeep, 2, 3 + 2*(MaxDepth-2)},
		{"brackets behind an anchor", "a: &x " + strings.Repeat("[", 3000) + strings.Repeat("]", 3000), KeyTooDeep, 1, 7 + MaxDepth - 1},
		{"brackets behind a tag", "a: !!seq " + strings.Repeat("[", 3000), KeyTooDeep, 1, 10 + MaxDepth - 1},
		{"flat list", "a: [" + strings.Repeat("1,", MaxNodes+10) + "1]", KeyTooMany, 1, 0},
		{"many keys", strings.Repeat("k: 1\n", MaxNodes), KeyTooMany, 0, 0},
		{"invalid UTF-8", "a: b\nc: \"d\xffe\"\n", KeyInvalidUTF8, 2, 6},
		{"too large", "a: \"" + strings.Repeat("x", MaxFileSize) + "\"", KeyTooLarge, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(c.doc))
			if got := limitKey(t, err); got != c.key {
				t.Fatalf("key %q, want %q (%v)", got, c.key, err)
			}
			var e *Error
			errors.As(err, &e)
			if c.line != 0 && (e.Line != c.line || (c.col != 0 && e.Col != c.col)) {
				t.Errorf("at %d:%d, want %d:%d (%v)", e.Line, e.Col, c.line, c.col, err)
			}
			if e.File != "f.yaml" || e.Msg == "" {
				t.Errorf("unlocated or empty: %#v", e)
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

// Text inside quotes, block scalars and comments is not structure: brackets
// there never count, and a document just under the limits is read.
func TestLimitsIgnoreTextAndAcceptTheLimit(t *testing.T) {
	br := strings.Repeat("[", 500)
	docs := []string{
		"a: \"" + br + "\"\nb: 1\n",
		"a: '" + br + "''x'\nb: 1\n",
		"a: |\n  " + br + "\n  '\nb: 1\n",
		"- k: >-\n    " + br + "\n  j: 2\n",
		"a: 1 # " + br + "\n",
		"a: x " + br + "\n",
		"a: " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1) + "\n",
		deepBlock(MaxDepth - 1),
		`{"a": "` + strings.Repeat(`\"[`, 300) + `", "b": [1, 2]}`,
	}
	for i, d := range docs {
		if _, err := Parse("ok.yaml", []byte(d)); err != nil {
			t.Errorf("doc %d refused: %v", i, err)
		}
	}
}

// Every content file shipped passes the limits with room to spare.
func TestLimitsAcceptOurContent(t *testing.T) {
	files, _ := filepath.Glob("../../questionnaires/*.yaml")
	more, _ := filepath.Glob("../../rules/*.yaml")
	files = append(files, more...)
	if len(files) < 5 {
		t.Fatalf("content files not found: %v", files)
	}
	for _, f := range files {
		data, err := ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckLimits(f, data); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func TestReadFileStopsAtTheLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero")
	if limitKey(t, err) != KeyTooLarge {
		t.Fatalf("got %v", err)
	}
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, make([]byte, MaxFileSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); limitKey(t, err) != KeyTooLarge {
		t.Fatalf("got %v", err)
	}
}

// Files under the limits one by one are refused together when they pass
// the limits of a set.
func TestCheckSetAddsUp(t *testing.T) {
	half := []byte("a: [" + strings.Repeat("1,", MaxSetNodes/2) + "1]\n")
	if err := CheckLimits("one.yaml", half); err != nil {
		t.Fatalf("one file alone: %v", err)
	}
	err := CheckSet(map[string][]byte{"a.yaml": half, "b.yaml": half})
	if limitKey(t, err) != KeyTooManySet {
		t.Fatalf("got %v", err)
	}
	big := []byte("# " + strings.Repeat("x", MaxFileSize/2) + "\n")
	if limitKey(t, CheckSet(map[string][]byte{"a.yaml": big, "b.yaml": big, "c.yaml": []byte("a: 1\n")})) != KeyTooLarge {
		t.Fatal("three files over the size limit together were accepted")
	}
}

// BenchmarkCheckLimits measures the byte scan over a 1.7 MB document of
// 45,000 entries, 270,000 values (BENCHMARKS.md).
func BenchmarkCheckLimits(b *testing.B) {
	var sb strings.Builder
	for i := range 45000 {
		fmt.Fprintf(&sb, "key_%d: {value: %d, note: \"n [x]\"}\n", i, i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := CheckLimits("b.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheckSetCountsFiles(t *testing.T) {
	files := map[string][]byte{}
	for i := range MaxSetFiles + 1 {
		files[fmt.Sprintf("rules/f%04d.yaml", i)] = []byte("a: 1\n")
	}
	if limitKey(t, CheckSet(files)) != KeyTooManyFile {
		t.Fatal("too many files accepted")
	}
	delete(files, "rules/f0000.yaml")
	if err := CheckSet(files); err != nil {
		t.Fatal(err)
	}
}
