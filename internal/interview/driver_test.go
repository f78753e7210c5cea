package interview

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// driver runs a model synchronously: each message goes through Update, the
// returned commands run inline with a short timeout (blink ticks are
// dropped) and their messages are fed back, as the tea runtime would.
type driver struct {
	t    testing.TB
	m    *Model
	quit bool
}

func newDriver(t testing.TB, m *Model) *driver {
	d := &driver{t: t, m: m}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return d
}

func (d *driver) send(msg tea.Msg) {
	nm, cmd := d.m.Update(msg)
	d.m = nm.(*Model)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(10 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
		d.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		// bubbletea's unexported sequenceMsg is a []tea.Cmd
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ {
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.send(msg)
	}
}

// key sends keys by name: "enter", "tab", "shift+tab", "down", "esc",
// "ctrl+c", "alt+n", or runes.
func (d *driver) key(keys ...string) {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText types text rune by rune.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func keyMsg(k string) tea.KeyMsg {
	alt := false
	if strings.HasPrefix(k, "alt+") && len(k) > 4 {
		alt = true
		k = k[4:]
	}
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"esc": tea.KeyEsc, "ctrl+c": tea.KeyCtrlC, "ctrl+u": tea.KeyCtrlU, "backspace": tea.KeyBackspace,
		"home": tea.KeyHome, "end": tea.KeyEnd, "f1": tea.KeyF1, "space": tea.KeySpace, "pgdown": tea.KeyPgDown,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t, Alt: alt}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k), Alt: alt}
}

func (d *driver) view() string { return d.m.View() }

// current is the id of the question on screen, or "" off the question screen.
func (d *driver) current() string {
	if d.m.scr != scrQuestion || d.m.q == nil {
		return ""
	}
	return d.m.q.ID
}

func (d *driver) wantQuestion(id string) {
	d.t.Helper()
	if got := d.current(); got != id {
		d.t.Fatalf("on question %q (screen %d), want %q\n%s", got, d.m.scr, id, d.view())
	}
}

func (d *driver) wantView(parts ...string) {
	d.t.Helper()
	v := d.view()
	for _, p := range parts {
		if !strings.Contains(v, p) {
			d.t.Fatalf("view lacks %q:\n%s", p, v)
		}
	}
}

// ---- fixtures: real content, a real bbolt file

func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

var (
	contentMu    sync.Mutex
	contentCache = map[string]*engine.Content{}
)

// loadContent loads a content folder once per test binary (content is
// read-only once loaded).
func loadContent(dir string) (*engine.Content, error) {
	contentMu.Lock()
	defer contentMu.Unlock()
	if c, ok := contentCache[dir]; ok {
		return c, nil
	}
	c, err := app.LoadContent(dir)
	if err == nil {
		contentCache[dir] = c
	}
	return c, err
}

// testEnv opens a new database with the sample content (or the embedded
// one when embedded is true).
func testEnv(t testing.TB, embedded bool) (*app.Env, string) {
	t.Helper()
	dir := ""
	if !embedded {
		dir = filepath.Join(repoRoot(t), "examples", "sample")
	}
	c, err := loadContent(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "test.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return &app.Env{Content: c, Store: s, Warn: func(string, ...any) {}}, db
}

func newSession(t testing.TB, env *app.Env, lang string) *Session {
	t.Helper()
	s, err := Create(env, Setup{Region: "oriental", Respondent: "Test", Round: "r1", Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stored reads an assessment's answers from the file, through a fresh handle
// (as another process would).
func stored(t testing.TB, db, id string) (*store.Assessment, map[string]store.Answer) {
	t.Helper()
	s, err := store.OpenExisting(db)
	if err != nil {
		t.Fatal(err)
	}
	a, answers, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Answer{}
	for _, an := range answers {
		out[an.Question] = an
	}
	return a, out
}

func choiceIndex(t testing.TB, q *engine.Questionnaire, qid, code string) int {
	t.Helper()
	for i, c := range q.Question(qid).Choices {
		if c.Value == code {
			return i
		}
	}
	t.Fatalf("%s has no choice %s", qid, code)
	return -1
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
