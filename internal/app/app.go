// Package app joins the engine, the content and the store for the front ends
// (the CLI, the interview, the reports): it loads content, opens the
// database, and rebuilds an assessment's engine state from stored answers.
package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/safewrite"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/questionnaires"
	"github.com/indimaj/indimaj/reports"
	"github.com/indimaj/indimaj/rules"
	"github.com/indimaj/indimaj/store"
	"github.com/oklog/ulid/v2"
)

// InputError is a mistake in what the user gave (flags, files, ids): exit code 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Inputf returns an InputError.
func Inputf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// causeError is a message of its own that keeps its cause in the chain
// (errors.Is and errors.As still see it) without repeating its text.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

// IsInput reports whether err is a user input mistake.
func IsInput(err error) bool {
	var ie *InputError
	var ye ydoc.Errors
	var e1 *ydoc.Error
	var te *safewrite.TargetError
	var be *termsafe.BadCharError
	return errors.As(err, &ie) || errors.As(err, &ye) || errors.As(err, &e1) || errors.As(err, &te) || errors.As(err, &be) ||
		errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrNeedsReason) || errors.Is(err, reports.ErrInput)
}

// EmbeddedFiles returns the content built into the binary.
func EmbeddedFiles() (map[string][]byte, error) {
	files := map[string][]byte{}
	for dir, fsys := range map[string]fs.FS{"questionnaires": questionnaires.FS, "rules": rules.FS} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[path.Join(dir, p)] = data
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// LoadStored loads content stored with an assessment or in a bundle; content
// stored before the reference tables were content (rules/references.yaml)
// gets the built-in tables.
func LoadStored(files map[string][]byte) (*engine.Content, error) {
	refs, err := fs.ReadFile(rules.FS, path.Base(engine.ReferencesFile))
	if err != nil {
		return nil, fmt.Errorf("built-in reference tables: %w", err)
	}
	return engine.LoadStored(files, refs)
}

// DirFiles reads DIR/questionnaires and DIR/rules (YAML files only).
func DirFiles(dir string) (map[string][]byte, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, Inputf("%s", i18n.M("app.content_folder", dir, errors.Unwrap(err)))
	}
	if !fi.IsDir() {
		return nil, Inputf("%s", i18n.M("app.not_a_folder", dir))
	}
	files := map[string][]byte{}
	total := 0
	for _, sub := range []string{"questionnaires", "rules"} {
		root := filepath.Join(dir, sub)
		if _, err := os.Stat(root); err != nil {
			if sub == "questionnaires" {
				return nil, Inputf("%s", i18n.M("app.no_questionnaires", dir))
			}
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(p))
			if d.IsDir() || (ext != ".yaml" && ext != ".yml") {
				return nil
			}
			data, err := ydoc.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = data
			// The whole set is checked by ydoc.CheckSet; stop reading early.
			if total += len(data); total > ydoc.MaxFileSize || len(files) > ydoc.MaxSetFiles {
				return ydoc.CheckSet(files)
			}
			return nil
		})
		var le *ydoc.Error
		if errors.As(err, &le) {
			return nil, le
		}
		if err != nil {
			return nil, fmt.Errorf("%s%s%w", i18n.M("app.reading", root), i18n.Colon(), err)
		}
	}
	return files, nil
}

// LoadContent loads the content of dir, or the embedded content when dir is
// empty. Error positions name the real files.
func LoadContent(dir string) (*engine.Content, error) {
	var files map[string][]byte
	var err error
	if dir == "" {
		files, err = EmbeddedFiles()
	} else {
		files, err = DirFiles(dir)
	}
	if err != nil {
		return nil, err
	}
	c, err := engine.LoadFiles(files)
	if err != nil {
		return nil, prefixErrors(err, dir)
	}
	return c, nil
}

func prefixErrors(err error, dir string) error {
	var es ydoc.Errors
	if dir == "" || !errors.As(err, &es) {
		return err
	}
	for _, e := range es {
		if e.File != "" {
			e.File = filepath.Join(dir, filepath.FromSlash(e.File))
		}
	}
	return es
}

// NewID returns a new globally unique, time-ordered assessment id (a ULID).
func NewID() string {
	return ulid.MustNew(ulid.Timestamp(time.Now()), rand.Reader).String()
}

// Env is what a command works with: the current content and the database.
type Env struct {
	Content *engine.Content
	Store   *store.Store
	// Warn receives notes for the user (stderr).
	Warn func(format string, args ...any)

	// snapshots holds the stored contents already loaded, by hash: an
	// interview reads its assessment back after every answer, and must get
	// the same content (and say it is an older one) once.
	snapshots map[string]*engine.Content
}

// Loaded is an assessment with its content and evaluated state.
type Loaded struct {
	A       *store.Assessment
	Answers []store.Answer
	// Consensus holds the facilitator's consensus answers.
	Consensus []store.Answer
	History   []store.HistoryEntry
	Plan      []store.PlanItem
	Content   *engine.Content
	State     *engine.State
	// Working holds the answer that counts for each question (with several
	// respondents: the consensus, else the median level; see engine.Consolidate).
	Working map[string]store.Answer
	// Sources says where each working answer comes from: consensus, median,
	// single or latest.
	Sources map[string]string
	// Divergent lists the questions where respondents are two levels or more
	// apart, in questionnaire order.
	Divergent []string
}

// ContentFor returns the content an assessment was started with: the current
// content when its hash matches, else the snapshot stored with it.
func (e *Env) ContentFor(a *store.Assessment) (*engine.Content, error) {
	if e.Content != nil && e.Content.Hash == a.ContentHash {
		return e.Content, nil
	}
	if c, ok := e.snapshots[a.ContentHash]; ok {
		return c, nil
	}
	files, err := e.Store.Content(a.ContentHash)
	if err != nil {
		return nil, err
	}
	if files == nil {
		return nil, errors.New(i18n.M("app.content_missing", a.ID, a.Questionnaire, a.Version, shortHash(a.ContentHash)))
	}
	c, err := LoadStored(files)
	if err != nil {
		return nil, fmt.Errorf("%s%s%w", i18n.M("app.content_broken", a.ID), i18n.Colon(), err)
	}
	if e.Warn != nil && e.Content != nil {
		e.Warn("%s", i18n.M("app.old_content", a.ID, c.Q.ID, c.Q.Version, e.Content.Q.ID, e.Content.Q.Version))
	}
	if e.snapshots == nil {
		e.snapshots = map[string]*engine.Content{}
	}
	e.snapshots[a.ContentHash] = c
	return c, nil
}

func shortHash(h string) string {
	h = strings.TrimPrefix(h, "sha256:")
	if len(h) > 12 {
		h = h[:12]
	}
	return h
}

// MinIDPrefix is the shortest id prefix Open accepts.
const MinIDPrefix = 4

// Open resolves id (or a unique prefix), reads the assessment and rebuilds its state.
func (e *Env) Open(id string) (*Loaded, error) {
	full, err := e.Store.Resolve(id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) && len(id) < MinIDPrefix {
			return nil, &InputError{Err: &causeError{msg: i18n.M("app.id_prefix_short", id), cause: err}}
		}
		return nil, err
	}
	rec, err := e.Store.Full(full)
	if err != nil {
		return nil, err
	}
	a := rec.Assessment
	c, err := e.ContentFor(a)
	if err != nil {
		return nil, err
	}
	l := &Loaded{A: a, Answers: rec.Answers, Consensus: rec.Consensus, History: rec.History, Plan: rec.Plan, Content: WithTargets(c, a.Targets)}
	l.Rebuild()
	return l, nil
}

// WithTargets returns the content with a region's own section targets laid
// over the policy's (the content itself is not changed).
func WithTargets(c *engine.Content, targets map[string]float64) *engine.Content {
	if len(targets) == 0 {
		return c
	}
	p := *c.Rules.Policy
	p.SectionTargets = map[string]float64{}
	for k, v := range c.Rules.Policy.SectionTargets {
		p.SectionTargets[k] = v
	}
	for k, v := range targets {
		p.SectionTargets[k] = v
	}
	r := *c.Rules
	r.Policy = &p
	out := *c
	out.Rules = &r
	return &out
}

// Rebuild recomputes the working answers and the engine state from l.Answers
// and l.Consensus.
func (l *Loaded) Rebuild() {
	q := l.Content.Q
	l.Working = map[string]store.Answer{}
	l.Sources = map[string]string{}
	l.Divergent = nil
	byQuestion := map[string][]store.Answer{}
	for _, an := range l.Answers {
		byQuestion[an.Question] = append(byQuestion[an.Question], an)
	}
	consensus := map[string]store.Answer{}
	for _, an := range l.Consensus {
		consensus[an.Question] = an
	}
	values := map[string]any{}
	for _, qu := range q.Questions {
		given := supersedeCarriedOver(byQuestion[qu.ID])
		var rvs []engine.RespondentValue
		var kept []store.Answer
		for _, an := range given {
			if v, err := engine.ParseValue(qu, an.Value); err == nil {
				rvs = append(rvs, engine.RespondentValue{Respondent: an.Respondent, Value: v, At: an.At})
				kept = append(kept, an)
			}
		}
		var cv any
		cons, hasCons := consensus[qu.ID]
		if hasCons {
			if v, err := engine.ParseValue(qu, cons.Value); err == nil {
				cv = v
			}
		}
		r := engine.Consolidate(qu, rvs, cv)
		if r.Divergent {
			l.Divergent = append(l.Divergent, qu.ID)
		}
		if r.Value == nil {
			continue
		}
		w := cons
		if r.From >= 0 {
			w = kept[r.From]
		}
		w.Value = r.Value
		l.Working[qu.ID] = w
		l.Sources[qu.ID] = r.Source
		values[qu.ID] = r.Value
	}
	l.State = engine.NewState(q)
	l.State.Load(values)
}

// supersedeCarriedOver drops the answers carried over from a baseline round
// and not confirmed (followup --prefill) as soon as someone answers the
// question in this round: they stand in until then, and never outvote a real
// answer in the median. Confirmed carried-over answers count like any other.
func supersedeCarriedOver(given []store.Answer) []store.Answer {
	real := false
	for _, an := range given {
		if !an.Unconfirmed {
			real = true
			break
		}
	}
	if !real || len(given) < 2 {
		return given
	}
	out := make([]store.Answer, 0, len(given))
	for _, an := range given {
		if !an.Unconfirmed {
			out = append(out, an)
		}
	}
	return out
}

// ByRespondent returns each respondent's answers, question → answer.
func (l *Loaded) ByRespondent() map[string]map[string]store.Answer {
	out := map[string]map[string]store.Answer{}
	for _, an := range l.Answers {
		if out[an.Respondent] == nil {
			out[an.Respondent] = map[string]store.Answer{}
		}
		out[an.Respondent][an.Question] = an
	}
	return out
}

// SortedAnswerIDs returns the question ids of m in questionnaire order.
func SortedAnswerIDs(q *engine.Questionnaire, m map[string]store.Answer) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	q.SortByOrder(ids)
	return ids
}

// DefaultRound is the round label of a first assessment: the year and "baseline".
func DefaultRound() string {
	return fmt.Sprintf("%d-baseline", time.Now().Year())
}
