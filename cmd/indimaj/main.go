// Command indimaj helps Moroccan regional councils self-assess their migration
// governance (modeled on IOM's local MGI and on MIPEX), score it, turn the gaps
// into SNIA-aligned measures, and draft an action plan and a pilot project.
//
// Run `indimaj --help` for the commands.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/safewrite"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1 // e.g. the database is busy or damaged
	exitInput   = 2 // invalid input: usage, content, answers, bundles
)

// exitError carries an exit code and a message already formatted for the user.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// extraCommands lets each command file register its commands (from init).
var extraCommands []func(g *globals) *cobra.Command

// homeScreen, when set (by the interview), runs for `indimaj` with no
// arguments on a terminal.
var homeScreen func(g *globals) error

// global flags
type globals struct {
	db      string
	content string
	// check runs the full check of the database before the command.
	check  bool
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	loaded *engine.Content // the content of --content (or the embedded one), once loaded
}

// loadContent loads the content of --content (or the embedded content) once.
func (g *globals) loadContent() (*engine.Content, error) {
	if g.loaded == nil {
		c, err := app.LoadContent(g.content)
		if err != nil {
			return nil, err
		}
		g.loaded = c
	}
	return g.loaded, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the CLI and returns the exit code; it never panics outward.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(stderr, "indimaj: "+i18n.M("cli.msg.internal_error", r))
			code = exitRuntime
		}
	}()
	// Everything printed goes through the terminal net (user data is also
	// escaped where it is formatted, see internal/termsafe).
	outNet, errNet := termsafe.NewWriter(stdout), termsafe.NewWriter(stderr)
	defer outNet.Flush()
	defer errNet.Flush()
	stdout, stderr = outNet, errNet
	g := &globals{stdout: stdout, stderr: stderr, stdin: stdin}
	root := newRoot(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code, msg := classify(err)
	if msg != "" {
		for _, line := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
			if strings.HasPrefix(line, "indimaj") {
				fmt.Fprintln(stderr, line)
			} else {
				fmt.Fprintln(stderr, "indimaj: "+line)
			}
		}
	}
	return code
}

func classify(err error) (int, string) {
	var ee *exitError
	var es ydoc.Errors
	var le *ydoc.Error
	switch {
	case errors.As(err, &ee):
		return ee.code, ee.msg
	case errors.As(err, &le):
		return exitInput, errorLines(ydoc.Errors{le})
	case errors.As(err, &es):
		return exitInput, errorLines(es)
	case errors.Is(err, store.ErrBusy), errors.Is(err, store.ErrCorrupt):
		return exitRuntime, app.ErrorText(err)
	case app.IsInput(err), isUsage(err):
		return exitInput, app.ErrorText(err)
	}
	return exitRuntime, app.ErrorText(err)
}

// maxErrorsShown is how many problems are printed for one command; the
// rest are counted ("… and 199,980 more problems").
const maxErrorsShown = 20

// errorLines prints located problems, at most maxErrorsShown of them, each
// on one line with the user's text escaped, and limit messages translated.
func errorLines(es ydoc.Errors) string {
	n := min(len(es), maxErrorsShown)
	lines := make([]string, 0, n+1)
	for _, e := range es[:n] {
		msg := e.Msg
		if e.Key != "" && i18n.Has(i18n.MessageLang(), e.Key) {
			msg = i18n.M(e.Key, e.Args...)
		}
		lines = append(lines, termsafe.Line(e.Pos.String()+": "+msg))
	}
	if len(es) > n {
		lines = append(lines, i18n.M("hostile.more_errors", len(es)-n))
	}
	return strings.Join(lines, "\n")
}

func isUsage(err error) bool {
	m := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "indimaj",
		Short: "Self-assessment of regional migration governance, SNIA-aligned measures and action plans",
		Long: `indimaj helps Moroccan regional councils assess their migration governance
(modeled on IOM's local Migration Governance Indicators and on MIPEX), score it,
turn the gaps into prioritized measures aligned with the national strategy (SNIA),
the SDGs and the Global Compact for Migration, and draft the regional action plan
and a pilot-project proposal.

Data is kept in one file: --db PATH, else $INDIMAJ_DB, else
$XDG_DATA_HOME/indimaj/indimaj.db (~/.local/share/indimaj/indimaj.db).

Messages are in $INDIMAJ_LANG (fr, ar or en), else your locale's language
($LANG), else English; results and reports take --lang.`,
		Example:       "  indimaj validate\n  indimaj answer --region oriental --respondent \"A. Benali\" --answers answers.yaml\n  indimaj assessments",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if homeScreen != nil && isTerminal(g.stdin) {
				return homeScreen(g)
			}
			return cmd.Help()
		},
	}
	root.PersistentFlags().StringVar(&g.db, "db", "", "database file (default $INDIMAJ_DB or ~/.local/share/indimaj/indimaj.db)")
	root.PersistentFlags().StringVar(&g.content, "content", "", "content folder with questionnaires/ and rules/ (default: the embedded content)")
	root.PersistentFlags().BoolVar(&safewrite.FollowSymlinks, "follow-symlink", false, "let -o write through a symbolic link (to the file it points to)")
	root.PersistentFlags().BoolVar(&g.check, "check", false, "check the whole database file first (as indimaj doctor does) and stop if it is damaged")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return g.fullCheck(cmd) }
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitInput, msg: err.Error() + i18n.M("cli.msg.see_help", c.CommandPath())}
	})
	root.AddCommand(
		validateCmd(g), questionnaireCmd(g), measuresCmd(g),
		answerCmd(g), assessmentsCmd(g), showCmd(g), exportCmd(g), importCmd(g), deleteCmd(g),
		scoreCmd(g), recommendCmd(g), whatifCmd(g),
	)
	for _, mk := range extraCommands {
		root.AddCommand(mk(g))
	}
	return root
}

func (g *globals) dbPath() (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	return store.DefaultPath()
}

// env loads the content and opens the database (creating it when write is true).
func (g *globals) env(write bool) (*app.Env, error) {
	c, err := g.loadContent()
	if err != nil {
		return nil, err
	}
	p, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	env := &app.Env{Content: c, Warn: g.warn}
	if err := env.OpenStore(p, write); err != nil {
		return nil, err
	}
	return env, nil
}

// open loads the content and opens an existing assessment (id or prefix).
func (g *globals) open(id string) (*app.Env, *app.Loaded, error) {
	env, err := g.env(false)
	if err != nil {
		return nil, nil, err
	}
	l, err := env.Open(id)
	if err != nil {
		return nil, nil, err
	}
	return env, l, nil
}

func (g *globals) warn(format string, args ...any) {
	fmt.Fprintf(g.stderr, format+"\n", args...)
}

func (g *globals) printJSON(v any) error {
	enc := json.NewEncoder(g.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func isTerminal(r any) bool {
	if w, ok := r.(io.Writer); ok {
		r = termsafe.Unwrap(w)
	}
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func inputf(format string, args ...any) error {
	return &exitError{code: exitInput, msg: fmt.Sprintf(format, args...)}
}
