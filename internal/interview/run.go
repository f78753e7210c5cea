package interview

import (
	"fmt"
	"io"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"golang.org/x/term"
)

// Config is how a command runs the interface: the environment, the streams
// and the mode.
type Config struct {
	Env *app.Env
	In  io.Reader
	// Out receives results and, in accessible mode, every prompt.
	Out io.Writer
	// Err is the terminal the full-screen interface draws on, and receives notes.
	Err io.Writer
	// Accessible selects plain line prompts (screen readers, piped input).
	Accessible bool
	// Lang is the interface language; "" keeps the assessment's (or French).
	Lang string
	// Reason is recorded with every change (needed to resume a validated assessment).
	Reason string
}

// AccessibleFromEnv reports whether INDIMAJ_ACCESSIBLE asks for accessible
// mode (or TERM=dumb, where a full-screen interface cannot work).
func AccessibleFromEnv() bool {
	v := strings.ToLower(os.Getenv("INDIMAJ_ACCESSIBLE"))
	return v == "1" || v == "true" || v == "yes" || os.Getenv("TERM") == "dumb"
}

// IsTerminal reports whether a stream is a terminal.
func IsTerminal(f any) bool {
	if w, ok := f.(io.Writer); ok {
		f = termsafe.Unwrap(w) // the CLI's terminal net (termsafe.Writer)
	}
	x, ok := f.(*os.File)
	return ok && term.IsTerminal(int(x.Fd()))
}

// needTerminal refuses to start the full-screen interface without a
// terminal, and says what to do instead.
func (c Config) needTerminal(what string) error {
	if IsTerminal(c.In) && IsTerminal(c.Err) {
		return nil
	}
	return app.Inputf("%s", i18n.M("iv.msg.needs_terminal", what))
}

func (c Config) lang(def string) string {
	if c.Lang != "" {
		return c.Lang
	}
	if def != "" {
		return def
	}
	return "fr"
}

// prepare points lipgloss at the terminal the interface draws on (so colour
// detection and NO_COLOR apply to it) and returns the model options.
func (c Config) prepare(lang string) Options {
	lipgloss.SetDefaultRenderer(lipgloss.NewRenderer(termsafe.Unwrap(c.Err)))
	// Ask the terminal for its background now, before the interface reads
	// the keyboard: asked later, the terminal's reply would race the keys.
	_ = lipgloss.HasDarkBackground()
	o := Options{Lang: lang, NoColor: NoColor(), Reason: c.Reason}
	if f, ok := termsafe.Unwrap(c.Err).(*os.File); ok {
		if w, h, err := term.GetSize(int(f.Fd())); err == nil {
			o.Width, o.Height = w, h
		}
	}
	return o
}

func (c Config) run(m *Model) error {
	p := tea.NewProgram(m, tea.WithInput(c.In), tea.WithOutput(termsafe.Unwrap(c.Err)), tea.WithAltScreen())
	final, err := p.Run()
	fm, _ := final.(*Model)
	if fm == nil {
		fm = m
	}
	if s := fm.Session(); s != nil {
		fmt.Fprintln(c.Err, s.ResumeHint(fm.Lang(), false))
		fmt.Fprintln(c.Out, s.ID())
	} else if fm.scr == scrSetup && !fm.setupDone {
		fmt.Fprintln(c.Err, i18n.T(fm.Lang(), "iv.setup.cancelled"))
	}
	if err != nil {
		return fmt.Errorf("terminal interface: %w", err)
	}
	return nil
}

// Home runs the home screen: new assessment, resume, results, quit.
func (c Config) Home() error {
	if c.Accessible {
		return newLineRunner(c, c.lang("")).home()
	}
	if err := c.needTerminal("the home screen"); err != nil {
		return err
	}
	return c.run(NewHome(c.Env, c.prepare(c.lang(""))))
}

// Interview sets up a new assessment (asking what su lacks) and interviews.
func (c Config) Interview(su Setup) error {
	if su.Lang == "" {
		su.Lang = c.Lang
	}
	if c.Accessible {
		r := newLineRunner(c, c.lang(su.Lang))
		if err := r.setup(su); err != nil {
			return err
		}
		return r.interview()
	}
	if err := c.needTerminal("indimaj interview"); err != nil {
		return err
	}
	if su.complete() {
		s, err := Create(c.Env, su)
		if err != nil {
			return err
		}
		return c.run(NewInterview(s, c.prepare(s.Lang)))
	}
	return c.run(NewSetup(c.Env, su, c.prepare(c.lang(su.Lang))))
}

// Resume reopens an assessment on the question where it was left.
func (c Config) Resume(id, respondent string) error {
	s, err := Open(c.Env, id, respondent, c.Lang, c.Reason)
	if err != nil {
		return err
	}
	if c.Accessible {
		r := newLineRunner(c, s.Lang)
		r.s = s
		return r.interview()
	}
	if err := c.needTerminal("indimaj resume"); err != nil {
		return err
	}
	return c.run(NewInterview(s, c.prepare(s.Lang)))
}

// Results shows an assessment's results: full-screen on a terminal, as text
// otherwise (or in accessible mode).
func (c Config) Results(id string) error {
	l, err := c.Env.Open(id)
	if err != nil {
		return err
	}
	lang := c.lang(l.A.Lang)
	if c.Accessible || !IsTerminal(c.In) || !IsTerminal(c.Err) {
		_, err := io.WriteString(c.Out, ResultsText(l, lang, 100))
		return err
	}
	return c.run(NewResults(c.Env, l, c.prepare(lang)))
}
