package interview

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/goccy/go-yaml"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// synthetic builds a questionnaire copies times the size of the embedded
// one: the embedded sections, then copies-1 renamed copies of each (ids and
// the expressions that name them get a _k suffix). Same questions, same
// texts, same relevance: only the size changes.
func synthetic(tb testing.TB, copies int) *engine.Content {
	tb.Helper()
	files, err := app.EmbeddedFiles()
	if err != nil {
		tb.Fatal(err)
	}
	ids := map[string]bool{}
	var sections []string
	raw := map[string]map[string]any{}
	for name, data := range files {
		if !strings.HasPrefix(name, "questionnaires/") || strings.HasSuffix(name, "indimaj.yaml") {
			continue
		}
		var doc map[string]any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		sec := doc["section"].(map[string]any)
		sid := sec["id"].(string)
		sections = append(sections, sid)
		ids[sid] = true
		for _, q := range sec["questions"].([]any) {
			ids[q.(map[string]any)["id"].(string)] = true
		}
		raw[sid] = doc
	}
	order := map[string]int{"ctx": 0, "gov": 1, "dat": 2, "drt": 3, "eco": 4, "coh": 5, "par": 6, "ptn": 7, "pro": 8}
	sort.Slice(sections, func(i, j int) bool { return order[sections[i]] < order[sections[j]] })
	names := make([]string, 0, len(ids))
	for id := range ids {
		names = append(names, regexp.QuoteMeta(id))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	idRe := regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
	all := append([]string{}, sections...)
	for k := 1; k < copies; k++ {
		suffix := fmt.Sprintf("_%d", k)
		for _, sid := range sections {
			doc := deepCopy(raw[sid]).(map[string]any)
			sec := doc["section"].(map[string]any)
			sec["id"] = sid + suffix
			if r, ok := sec["relevant"].(string); ok {
				sec["relevant"] = idRe.ReplaceAllString(r, "${1}"+suffix)
			}
			for _, q := range sec["questions"].([]any) {
				qm := q.(map[string]any)
				qm["id"] = qm["id"].(string) + suffix
				for _, key := range []string{"relevant", "constraint"} {
					if e, ok := qm[key].(string); ok {
						qm[key] = idRe.ReplaceAllString(e, "${1}"+suffix)
					}
				}
			}
			out, err := yaml.Marshal(doc)
			if err != nil {
				tb.Fatal(err)
			}
			files[fmt.Sprintf("questionnaires/%s%s.yaml", sid, suffix)] = out
			all = append(all, sid+suffix)
		}
	}
	head := string(files["questionnaires/indimaj.yaml"])
	head = strings.Replace(head, "sections: ["+strings.Join(sections, ", ")+"]", "sections: ["+strings.Join(all, ", ")+"]", 1)
	files["questionnaires/indimaj.yaml"] = []byte(head)
	c, err := engine.LoadFiles(files)
	if err != nil {
		tb.Fatalf("synthetic content: %v", err)
	}
	return c
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

var (
	synthOnce sync.Once
	synth10   *engine.Content
)

func synthetic10(tb testing.TB) *engine.Content {
	synthOnce.Do(func() { synth10 = synthetic(tb, 10) })
	if synth10 == nil {
		tb.Fatal("synthetic content failed")
	}
	return synth10
}

func modelOn(tb testing.TB, c *engine.Content, qid string) *Model {
	tb.Helper()
	db := filepath.Join(tb.TempDir(), "bench.db")
	st, err := store.Open(db)
	if err != nil {
		tb.Fatal(err)
	}
	env := &app.Env{Content: c, Store: st}
	s, err := Create(env, Setup{Region: "oriental", Respondent: "B", Round: "r", Lang: "fr"})
	if err != nil {
		tb.Fatal(err)
	}
	m := NewInterview(s, Options{Width: 80, Height: 24})
	qu := c.Q.Question(qid)
	if qu == nil {
		tb.Fatalf("no question %s", qid)
	}
	m.enter(qu)
	return m
}

// TestSyntheticContent checks the ten-times content: it loads, relevance
// works in the copies, and the interview runs on it.
func TestSyntheticContent(t *testing.T) {
	base, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	c := synthetic10(t)
	if got, want := len(c.Q.Questions), 10*len(base.Q.Questions); got != want {
		t.Fatalf("%d questions, want %d", got, want)
	}
	m := modelOn(t, c, "gov03_9")
	d := &driver{t: t, m: m}
	d.wantQuestion("gov03_9")
	d.pick("partial")
	d.key("enter")
	d.wantQuestion("gov03_staff_9")
	d.wantView("Section 83/90")
}

// BenchmarkKeystroke measures one keystroke (Update + View) on a choice
// question (cursor down/up) and in a text input (a letter, then backspace),
// on the embedded questionnaire and on one ten times larger.
func BenchmarkKeystroke(b *testing.B) {
	base, err := loadContent("")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name  string
		c     func() *engine.Content
		qid   string
		keys  [2]tea.KeyMsg
		input bool
	}{
		{"choice/embedded", func() *engine.Content { return base }, "gov01", [2]tea.KeyMsg{keyMsg("down"), keyMsg("up")}, false},
		{"choice/x10", func() *engine.Content { return synthetic10(b) }, "gov01_9", [2]tea.KeyMsg{keyMsg("down"), keyMsg("up")}, false},
		{"input/embedded", func() *engine.Content { return base }, "ctx_role", [2]tea.KeyMsg{keyMsg("a"), keyMsg("backspace")}, true},
		{"input/x10", func() *engine.Content { return synthetic10(b) }, "ctx_role_9", [2]tea.KeyMsg{keyMsg("a"), keyMsg("backspace")}, true},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			m := modelOn(b, tc.c(), tc.qid)
			_ = m.View()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Update(tc.keys[i&1])
				_ = m.View()
			}
		})
	}
}

// BenchmarkCommitAnswer measures confirming one answer in the interview:
// the fsync'd transaction, then the state read back from the file (so
// answers written by other terminals come in), on the embedded content.
func BenchmarkCommitAnswer(b *testing.B) {
	env, _ := testEnv(b, true)
	s := newSession(b, env, "fr")
	qu := s.Q().Question("gov01")
	levels := []string{"absent", "partial", "full"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Commit(qu, levels[i%3], "", nil); err != nil {
			b.Fatal(err)
		}
	}
}
