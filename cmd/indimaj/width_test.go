package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// vowelledContent is the sample content with vowelled Arabic and decomposed
// French section titles: their combining marks take no terminal cell, so
// padding them by bytes or runes misaligns every column after the title.
func vowelledContent(t *testing.T) (flag string, titles map[string][]string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "sample"))); err != nil {
		t.Fatal(err)
	}
	qf := filepath.Join(dir, "questionnaires", "sample.yaml")
	data, err := os.ReadFile(qf)
	if err != nil {
		t.Fatal(err)
	}
	gov := "الحَوْكَمَةُ الجِهَوِيَّةُ"                         // 11 letters, 12 vowel marks
	srv := "الخدمات"                                            // no marks
	govFr := "Gouvernance re\u0301gionale inte\u0301gre\u0301e" // decomposed accents
	s := strings.Replace(string(data), "{fr: Gouvernance, ar: الحكامة, en: Governance}", "{fr: \""+govFr+"\", ar: \""+gov+"\", en: Governance}", 1)
	if s == string(data) || !strings.Contains(s, "ar: "+srv) {
		t.Fatal("the sample's section titles changed; update this test")
	}
	if err := os.WriteFile(qf, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return "--content=" + dir, map[string][]string{"ar": {gov, srv}, "fr": {govFr, "Services"}}
}

// columnAfter is the display column (in terminal cells) where, after title
// on line, the first rune of anchor starts (with anchor "", the first
// non-space), or -1 when the line does not hold title.
func columnAfter(line, title, anchor string) int {
	i := strings.Index(line, title)
	if i < 0 {
		return -1
	}
	rest := line[i+len(title):]
	var j int
	if anchor == "" {
		j = len(rest) - len(strings.TrimLeft(rest, " "))
	} else if j = strings.IndexAny(rest, anchor); j < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i+len(title)+j])
}

// sameColumn checks that on every line holding one of the titles, what
// follows the title (from anchor, see columnAfter) starts at the same
// display column.
func sameColumn(t *testing.T, what, out string, titles []string, anchor string) {
	t.Helper()
	cols := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		for _, title := range titles {
			if c := columnAfter(line, title, anchor); c >= 0 {
				cols[title] = c
			}
		}
	}
	if len(cols) != len(titles) {
		t.Fatalf("%s: found %d of the titles %q in:\n%s", what, len(cols), titles, out)
	}
	for _, title := range titles[1:] {
		if cols[title] != cols[titles[0]] {
			t.Errorf("%s: the column after %q starts at cell %d, after %q at cell %d:\n%s", what, titles[0], cols[titles[0]], title, cols[title], out)
		}
	}
}

// The score and targets tables pad section titles by display width: with
// vowelled Arabic or decomposed French, the scores and targets still start
// at the same column on every row.
func TestTablesAlignByDisplayWidth(t *testing.T) {
	content, titles := vowelledContent(t)
	db := t.TempDir() + "/w.db"
	r := cli(t, db, "", content, "answer", "--region", "oriental", "--respondent", "A", "--answers", writeFile(t, "a.yaml", sampleAnswers))
	if r.code != 0 {
		t.Fatalf("answer: %d %s", r.code, r.stderr)
	}
	id := lastLine(r.stdout)
	for _, lang := range []string{"ar", "fr"} {
		// score: the bars (after a score or a dash); targets: the mark.
		for cmd, anchor := range map[string]string{"score": "█░·", "targets": ""} {
			r = cli(t, db, "", content, cmd, id, "--lang", lang)
			if r.code != 0 {
				t.Fatalf("%s --lang %s: %d %s", cmd, lang, r.code, r.stderr)
			}
			sameColumn(t, cmd+" --lang "+lang, r.stdout, titles[lang], anchor)
		}
	}
}

// truncate cuts by display width: a vowelled Arabic title cut to n cells
// takes at most n cells and keeps its marks with their letters.
func TestTruncateByWidth(t *testing.T) {
	s := strings.Repeat("الحَوْكَمَةُ ", 10)
	for _, n := range []int{5, 12, 40} {
		got := truncate(s, n)
		if w := ansi.StringWidth(got); w > n || !strings.HasSuffix(got, "…") {
			t.Errorf("truncate(%d) = %q, %d cells", n, got, w)
		}
		if got := fitW(s, n); ansi.StringWidth(got) != n {
			t.Errorf("fitW(%d) = %q, %d cells", n, got, ansi.StringWidth(got))
		}
	}
	if got := fitW("ab", 4); got != "ab  " {
		t.Errorf("fitW(ab, 4) = %q", got)
	}
}
