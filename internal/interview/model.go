package interview

import (
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

type screen int

const (
	scrHome screen = iota
	scrList
	scrSetup
	scrQuestion
	scrReview
	scrSummary
	scrResults
)

type overlay int

const (
	ovNone overlay = iota
	ovHelp
	ovNote
	ovSections
	ovRespondent
	ovConsensus
	ovDivergent
)

type fieldKind int

const (
	kindNone fieldKind = iota
	kindSelect
	kindBool
	kindMulti
	kindInput
)

// Options configure a Model.
type Options struct {
	// Lang is the interface language (fr, ar, en); default fr.
	Lang string
	// NoColor selects the colourless theme (set it from NO_COLOR).
	NoColor bool
	// Width and Height are the initial size, until the terminal reports its own.
	Width, Height int
	// Reason is recorded with the changes made from the results view (needed
	// on a validated assessment).
	Reason string
}

type styles struct {
	title, faint, err, ok, sel, head, bold lipgloss.Style
}

// Model is the full-screen interface: home screen, assessment lists, setup,
// interview (one question at a time, with help, notes, a section menu,
// review and summary) and results. It owns navigation and autosave; the
// current question is drawn by a one-field huh form rebuilt when the question
// changes, so a keystroke costs the same whatever the questionnaire's size.
type Model struct {
	env    *app.Env
	lang   string
	width  int
	height int
	theme  *huh.Theme
	keymap *huh.KeyMap
	st     styles

	scr      screen
	ov       overlay
	fromHome bool
	// resumeID is the validated assessment whose reason the setup screen asks.
	resumeID string
	quitting bool

	// home and lists
	homeCursor int
	listKind   int // 0 resume, 1 results
	list       []listItem
	listCursor int
	listErr    string

	// setup
	setup     Setup
	steps     []string
	step      int
	setupVal  string
	setupErr  string
	setupDone bool

	// interview
	s          *Session
	q          *engine.Question
	field      huh.Field
	choices    *choiceList
	kind       fieldKind
	textVal    string
	drafts     map[string]string
	noteDrafts map[string]string
	msg        string
	msgErr     bool
	fromReview bool
	fieldH     int

	// caches (rebuilt when the question, the answers, the size or the language change)
	headerCache []string
	topCache    []string
	footCache   []string
	cacheKey    cacheKey

	// overlays and scrolled screens
	note        textarea.Model
	notePending any
	noteHasVal  bool
	noteAdvance bool
	noteErr     string
	vp          viewport.Model
	secCursor   int
	revItems    []ReviewItem
	revCursor   int
	results     *app.Loaded

	// workshop: respondent switch, consensus, divergent questions
	input     textinput.Model
	rsItems   []RespondentInfo
	rsCursor  int
	rsStep    int // 0 the list, 1 name, 2 institution, 3 role
	rsNew     store.Respondent
	rsErr     string
	csList    *choiceList
	csStep    int // 0 the value, 1 the note
	csVal     any
	csErr     string
	divCursor int
	reason    string
}

type cacheKey struct {
	q      *engine.Question
	width  int
	height int
	lang   string
	saves  int
	scr    screen
}

func newModel(env *app.Env, o Options) *Model {
	if o.Lang == "" {
		o.Lang = "fr"
	}
	if o.Width <= 0 {
		o.Width = 80
	}
	if o.Height <= 0 {
		o.Height = 24
	}
	m := &Model{env: env, lang: o.Lang, width: o.Width, height: o.Height, reason: o.Reason,
		drafts: map[string]string{}, noteDrafts: map[string]string{}}
	if o.NoColor {
		m.theme = huh.ThemeBase()
	} else {
		m.theme = huh.ThemeCharm()
	}
	km := huh.NewDefaultKeyMap()
	// The parent model owns enter, tab and shift+tab; filtering is off.
	km.Select.Filter = key.NewBinding(key.WithDisabled())
	km.MultiSelect.Filter = key.NewBinding(key.WithDisabled())
	m.keymap = km
	m.st = styles{
		title: lipgloss.NewStyle().Bold(true),
		faint: lipgloss.NewStyle().Faint(true),
		bold:  lipgloss.NewStyle().Bold(true),
		head:  lipgloss.NewStyle().Bold(true).Reverse(o.NoColor),
		err:   lipgloss.NewStyle().Bold(true),
		ok:    lipgloss.NewStyle(),
		sel:   lipgloss.NewStyle().Bold(true),
	}
	if !o.NoColor {
		m.st.head = m.st.head.Foreground(lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7571F9"})
		m.st.err = m.st.err.Foreground(lipgloss.AdaptiveColor{Light: "#FF4672", Dark: "#ED567A"})
		m.st.ok = m.st.ok.Foreground(lipgloss.AdaptiveColor{Light: "#02BA84", Dark: "#02BF87"})
		m.st.sel = m.st.sel.Foreground(lipgloss.Color("#F780E2"))
	}
	return m
}

// NewHome returns the model of the home screen.
func NewHome(env *app.Env, o Options) *Model {
	m := newModel(env, o)
	m.scr = scrHome
	m.fromHome = true
	return m
}

// NewSetup returns the model of a new assessment's setup, asking what su
// lacks. When nothing is missing the caller should Create the assessment and
// use NewInterview instead.
func NewSetup(env *app.Env, su Setup, o Options) *Model {
	if su.Lang != "" {
		o.Lang = su.Lang
	}
	m := newModel(env, o)
	m.startSetup(su)
	return m
}

// NewInterview returns the model of an interview, on the question to resume at.
func NewInterview(s *Session, o Options) *Model {
	o.Lang = s.Lang
	m := newModel(s.Env, o)
	m.begin(s)
	return m
}

// NewResults returns the model of an assessment's results view.
func NewResults(env *app.Env, l *app.Loaded, o Options) *Model {
	m := newModel(env, o)
	m.openResults(l)
	return m
}

// Session returns the session the model worked on, or nil.
func (m *Model) Session() *Session { return m.s }

// Lang returns the interface language in use.
func (m *Model) Lang() string { return m.lang }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	if m.field != nil {
		return m.field.Focus()
	}
	return nil
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width > 0 && msg.Height > 0 && (msg.Width != m.width || msg.Height != m.height) {
			m.width, m.height = msg.Width, msg.Height
			m.resized()
		}
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return m.quit()
		}
		switch m.scr {
		case scrHome:
			return m.updateHome(msg)
		case scrList:
			return m.updateList(msg)
		case scrSetup:
			return m.updateSetup(msg)
		case scrQuestion:
			return m.updateQuestion(msg)
		case scrReview:
			if m.ov == ovSections {
				return m.updateSections(msg)
			}
			return m.updateReview(msg)
		case scrSummary:
			if m.ov == ovSections {
				return m.updateSections(msg)
			}
			return m.updateSummary(msg)
		case scrResults:
			return m.updateResults(msg)
		}
	}
	// Other messages (cursor blink) go to the focused widget.
	var cmd tea.Cmd
	switch {
	case m.scr == scrQuestion && m.ov == ovNote:
		m.note, cmd = m.note.Update(msg)
	case m.scr == scrQuestion && (m.ov == ovRespondent || m.ov == ovConsensus):
		m.input, cmd = m.input.Update(msg)
	case (m.scr == scrQuestion || m.scr == scrSetup) && m.field != nil:
		var f tea.Model
		f, cmd = m.field.Update(msg)
		m.field = f.(huh.Field)
	}
	return m, cmd
}

func (m *Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	return m, tea.Quit
}

func (m *Model) resized() {
	m.cacheKey = cacheKey{}
	switch m.scr {
	case scrQuestion:
		m.layoutQuestion()
		if m.ov == ovHelp {
			m.openHelp()
		}
		if m.ov == ovNote {
			m.note.SetWidth(max(20, m.width-4))
			m.note.SetHeight(m.noteHeight())
		}
		if m.ov == ovConsensus && m.csList != nil {
			m.csList.setHeight(m.consensusListHeight())
		}
	case scrSetup:
		m.buildSetupField()
	case scrSummary:
		off := m.vp.YOffset
		m.openSummary()
		m.vp.SetYOffset(off)
	case scrResults:
		off := m.vp.YOffset
		m.openResults(m.results)
		m.vp.SetYOffset(off)
	}
}

// View implements tea.Model.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	switch m.scr {
	case scrHome:
		return m.viewHome()
	case scrList:
		return m.viewList()
	case scrSetup:
		return m.viewSetup()
	case scrQuestion:
		return m.viewQuestion()
	case scrReview:
		if m.ov == ovSections {
			return m.viewSections()
		}
		return m.viewReview()
	case scrSummary:
		if m.ov == ovSections {
			return m.viewSections()
		}
		return m.viewSummary()
	case scrResults:
		return m.viewResults()
	}
	return ""
}

// frame lays out a screen: header, body (clipped or padded) and footer, every
// line cut to the width, never taller than the terminal.
func (m *Model) frame(header, body, footer []string) string {
	h := max(1, m.height)
	avail := h - len(header) - len(footer)
	if avail < 0 {
		avail = 0
	}
	lines := make([]string, 0, h)
	lines = append(lines, header...)
	for i := 0; i < avail; i++ {
		if i < len(body) {
			lines = append(lines, body[i])
		} else {
			lines = append(lines, "")
		}
	}
	lines = append(lines, footer...)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > m.width {
			lines[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) t(key string, args ...any) string { return i18n.T(m.lang, key, args...) }

// keysLine wraps a key legend to at most two lines.
func (m *Model) keysLine(key string) []string {
	lines := wrapLines(m.t(key), m.width)
	if len(lines) > 2 {
		lines = lines[:2]
	}
	for i := range lines {
		lines[i] = m.st.faint.Render(lines[i])
	}
	return lines
}

func (m *Model) rule() string { return m.st.faint.Render(strings.Repeat("─", max(1, m.width))) }

func (m *Model) setMsg(s string, isErr bool) {
	m.msg, m.msgErr = s, isErr
}

// NoColor reports whether the environment asks for no colour (NO_COLOR).
func NoColor() bool { return os.Getenv("NO_COLOR") != "" }
