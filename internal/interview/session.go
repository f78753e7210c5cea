// Package interview is indimaj's guided interview: a full-screen terminal
// interface (a bubbletea model that renders the current question with a
// one-field huh form) and an accessible line-prompt runner for screen readers
// and piped input. Both drive the same engine.State and commit every answer
// to the store the moment it is given, so an interview can be stopped at any
// time, by any means, and resumed on the same question.
package interview

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
)

// Setup is what a new assessment needs. Empty fields are asked for.
type Setup struct {
	Region      string
	Respondent  string
	Institution string
	Role        string
	Round       string
	Lang        string
}

func (su Setup) complete() bool {
	return su.Region != "" && su.Respondent != "" && su.Institution != "" && su.Role != "" && su.Round != "" && su.Lang != ""
}

// Create stores a new assessment from a completed setup and returns the
// session that answers it. The content files are stored with it.
func Create(env *app.Env, su Setup) (*Session, error) {
	if refs := env.Content.Refs; refs.Region(su.Region) == nil {
		return nil, app.Inputf("%s", i18n.M("iv.msg.unknown_region", su.Region, strings.Join(refs.RegionCodes(), ", ")))
	}
	if strings.TrimSpace(su.Respondent) == "" {
		return nil, app.Inputf("%s", i18n.M("iv.msg.name_required"))
	}
	if su.Round == "" {
		su.Round = app.DefaultRound()
	}
	if err := app.CheckRound(su.Round); err != nil {
		return nil, err
	}
	if su.Lang == "" {
		su.Lang = "fr"
	}
	c := env.Content
	now := time.Now().UTC()
	a := &store.Assessment{ID: app.NewID(), Region: su.Region, Round: su.Round, Questionnaire: c.Q.ID, Version: c.Q.Version,
		ContentHash: c.Hash, Lang: su.Lang, Status: "draft", Created: now, Updated: now,
		Respondents: []store.Respondent{{Name: strings.TrimSpace(su.Respondent), Institution: strings.TrimSpace(su.Institution), Role: strings.TrimSpace(su.Role)}}}
	if err := env.Store.Create(a, c.Files, nil); err != nil {
		return nil, err
	}
	l, err := env.Open(a.ID)
	if err != nil {
		return nil, err
	}
	return &Session{Env: env, L: l, Respondent: a.Respondents[0].Name, Lang: su.Lang}, nil
}

// Open resumes an assessment. respondent defaults to the assessment's last
// respondent, lang to the assessment's language. A validated assessment is
// only opened with a reason, recorded in the audit trail with every change.
func Open(env *app.Env, id, respondent, lang string, reason ...string) (*Session, error) {
	l, err := env.Open(id)
	if err != nil {
		return nil, err
	}
	why := strings.TrimSpace(strings.Join(reason, " "))
	if l.A.Status == "validated" && why == "" {
		return nil, app.Inputf("%s", i18n.M("iv.msg.validated_needs_reason", l.A.ID, l.A.ID))
	}
	if respondent == "" && len(l.A.Respondents) > 0 {
		respondent = l.A.Respondents[len(l.A.Respondents)-1].Name
	}
	if respondent == "" {
		respondent = "?"
	}
	if lang == "" {
		lang = l.A.Lang
	}
	if lang == "" {
		lang = "fr"
	}
	return &Session{Env: env, L: l, Respondent: respondent, Lang: lang, Reason: why}, nil
}

// Session is one assessment being answered by one respondent. Every change
// goes through it: it keeps the engine state, the store and the resume
// position in step. The state is always what app.Env.Open would rebuild from
// the file: with several respondents the answer that counts is the
// consensus or the median (app.Loaded.Rebuild), while the interview shows and
// edits this respondent's own answers.
type Session struct {
	Env        *app.Env
	L          *app.Loaded
	Respondent string
	Lang       string
	// Reason is recorded with every change in the audit trail (required
	// once the assessment is validated).
	Reason string
	// SavedAt is when the last commit reached the disk.
	SavedAt time.Time
	// Saves counts the commits of this session.
	Saves int

	own map[string]store.Answer // this respondent's answers, by question
}

// ID returns the assessment id.
func (s *Session) ID() string { return s.L.A.ID }

// Q returns the questionnaire.
func (s *Session) Q() *engine.Questionnaire { return s.L.Content.Q }

// St returns the engine state. It is replaced after every commit: do not
// keep it across one.
func (s *Session) St() *engine.State { return s.L.State }

func (s *Session) index() {
	s.own = make(map[string]store.Answer, len(s.L.Answers))
	for _, an := range s.L.Answers {
		if an.Respondent == s.Respondent {
			s.own[an.Question] = an
		}
	}
}

// Own returns this respondent's own answer to a question.
func (s *Session) Own(qid string) (store.Answer, bool) {
	if s.own == nil {
		s.index()
	}
	an, ok := s.own[qid]
	return an, ok
}

// Value returns the value the interview shows for a question: this
// respondent's own answer, else the answer that counts (another
// respondent's or the consensus), else nil.
func (s *Session) Value(qu *engine.Question) any {
	if an, ok := s.Own(qu.ID); ok {
		if v, err := engine.ParseValue(qu, an.Value); err == nil {
			return v
		}
	}
	return s.St().Answer(qu.ID)
}

// Note returns the note of this respondent's answer, else of the answer
// that counts.
func (s *Session) Note(qid string) string {
	if an, ok := s.Own(qid); ok {
		return an.Note
	}
	return s.L.Working[qid].Note
}

// Unconfirmed reports whether the answer shown was carried over from a
// baseline round and not confirmed yet.
func (s *Session) Unconfirmed(qid string) bool {
	if an, ok := s.Own(qid); ok {
		return an.Unconfirmed
	}
	return s.L.Working[qid].Unconfirmed
}

// StoredValue converts a typed engine value into what is written to the store.
func StoredValue(v any) any {
	if x, ok := v.([]string); ok {
		return append([]string{}, x...)
	}
	return v
}

// with returns a copy of the loaded assessment where this respondent's
// answer to an.Question is an (or removed, when an.Value is nil), rebuilt.
func (s *Session) with(an store.Answer) *app.Loaded {
	l := *s.L
	l.Answers = make([]store.Answer, 0, len(s.L.Answers)+1)
	for _, x := range s.L.Answers {
		if !(x.Question == an.Question && x.Respondent == an.Respondent) {
			l.Answers = append(l.Answers, x)
		}
	}
	if an.Value != nil {
		l.Answers = append(l.Answers, an)
	}
	a := *s.L.A
	l.A = &a
	l.Rebuild()
	return &l
}

// Commit validates v, then stores it with its note in one fsync'd
// transaction that also moves the resume position (a.Current) to
// resumeAt(new state) (the next relevant question when nil). The session's
// state changes only once the answer is on disk, and is then read back from
// the file (with what other terminals wrote meanwhile).
func (s *Session) Commit(qu *engine.Question, v any, note string, resumeAt func(st *engine.State) string) error {
	if err := s.St().Check(qu.ID, v); err != nil {
		return err
	}
	an := store.Answer{Question: qu.ID, Value: StoredValue(v), Note: note, Respondent: s.Respondent, At: time.Now().UTC()}
	next := s.with(an)
	cur := ""
	if resumeAt != nil {
		cur = resumeAt(next.State)
	} else if n := next.State.Next(qu.Index); n != nil {
		cur = n.ID
	}
	if err := s.put([]store.Answer{an}, cur); err != nil {
		return err
	}
	next.A.Current = cur
	s.refresh(next)
	s.saved()
	return nil
}

// refresh makes the session's state the file's, read back after a write, so
// what other terminals wrote since (another participant's answers, a
// consensus set from the command line) comes in too; if the file cannot be
// read back now, the state computed in memory (next) stands.
func (s *Session) refresh(next *app.Loaded) {
	if err := s.reload(); err != nil {
		s.L = next
		s.index()
	}
}

// Clear removes this respondent's answer to a question (and its note).
func (s *Session) Clear(qu *engine.Question, resumeAt string) error {
	if err := s.put([]store.Answer{{Question: qu.ID, Respondent: s.Respondent}}, resumeAt); err != nil {
		return err
	}
	next := s.with(store.Answer{Question: qu.ID, Respondent: s.Respondent})
	next.A.Current = resumeAt
	s.refresh(next)
	s.saved()
	return nil
}

// put writes answers and the resume position in one fsync'd transaction
// (store.PutAnswers, with the session's reason when it has one).
func (s *Session) put(answers []store.Answer, current string) error {
	update := func(a *store.Assessment) error {
		a.Current = current
		return nil
	}
	if s.Reason == "" {
		return s.Env.Store.PutAnswers(s.ID(), answers, update)
	}
	_, err := s.Env.Store.Apply(s.ID(), store.Change{By: s.Respondent, Reason: s.Reason, Answers: answers, Update: update})
	return err
}

// SetCurrent records where the interview stands, for resume.
func (s *Session) SetCurrent(qid string) error {
	if s.L.A.Current == qid {
		return nil
	}
	err := s.Env.Store.UpdateAssessment(s.ID(), func(a *store.Assessment) error {
		a.Current = qid
		return nil
	})
	if err != nil {
		return err
	}
	s.L.A.Current = qid
	return nil
}

func (s *Session) saved() {
	s.SavedAt = time.Now()
	s.Saves++
}

// Start returns the question to resume at: the stored position when it is
// still asked, else the first unanswered question, or nil when every asked
// question has an answer (the interview then opens on the review).
func (s *Session) Start() *engine.Question {
	st := s.St()
	if cur := s.L.A.Current; cur != "" {
		if qu := s.Q().Question(cur); qu != nil {
			if st.Relevant(cur) {
				return qu
			}
			if n := st.Next(qu.Index); n != nil {
				return n
			}
		}
	}
	if s.L.A.Current == "" && len(s.L.Working) == 0 {
		return st.Next(-1)
	}
	return s.nextToDo(-1)
}

// nextToDo returns the first relevant question after index from that is
// unanswered or holds an answer carried over and not confirmed yet.
func (s *Session) nextToDo(from int) *engine.Question {
	st := s.St()
	for _, qu := range s.Q().Questions[from+1:] {
		if qu.Type == engine.Note || !st.Relevant(qu.ID) {
			continue
		}
		if st.Answer(qu.ID) == nil || s.Unconfirmed(qu.ID) {
			return qu
		}
	}
	return nil
}

// NeedsNote reports whether value v of qu requires a note (a choice marked
// note_required).
func NeedsNote(qu *engine.Question, v any) bool {
	switch x := v.(type) {
	case string:
		if c := qu.Choice(x); c != nil {
			return c.NoteRequired
		}
	case []string:
		for _, code := range x {
			if c := qu.Choice(code); c != nil && c.NoteRequired {
				return true
			}
		}
	}
	return false
}

// Parse turns what a person typed or chose into the question's typed value
// and checks it against the state (type, choices, constraint). Errors are
// one line in lang.
func Parse(st *engine.State, qu *engine.Question, raw any, lang string) (any, error) {
	v, err := engine.ParseValue(qu, raw)
	if err != nil {
		return nil, errors.New(typeMessage(qu, lang))
	}
	if err := st.Check(qu.ID, v); err != nil {
		var ve *engine.ValueError
		if errors.As(err, &ve) {
			if ve.MsgText != nil {
				return nil, &messageError{ve.Message(lang), err}
			}
			if qu.Type == engine.Integer || qu.Type == engine.Decimal || qu.Type == engine.Boolean {
				return nil, &messageError{typeMessage(qu, lang), err}
			}
			return nil, &messageError{fmt.Sprintf("%s (%s)", i18n.T(lang, "iv.err.invalid"), ve.Msg), err}
		}
		return nil, err
	}
	return v, nil
}

func typeMessage(qu *engine.Question, lang string) string {
	switch qu.Type {
	case engine.Integer:
		return i18n.T(lang, "iv.err.integer")
	case engine.Decimal:
		return i18n.T(lang, "iv.err.decimal")
	case engine.Boolean:
		return i18n.T(lang, "iv.err.boolean")
	case engine.Single, engine.Multiple:
		return i18n.T(lang, "iv.err.choice")
	}
	return i18n.T(lang, "iv.err.invalid")
}

// FormatValue renders a stored value for an input field or a prompt.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case []string:
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}

// Display renders an answer for people: choice labels instead of codes.
func Display(qu *engine.Question, v any, lang string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if c := qu.Choice(x); c != nil {
			return c.Label.Get(lang)
		}
		return termsafe.Line(x) // text someone typed: shown, never acted on
	case []string:
		if len(x) == 0 {
			return i18n.T(lang, "iv.none_selected")
		}
		parts := make([]string, len(x))
		for i, code := range x {
			parts[i] = code
			if c := qu.Choice(code); c != nil {
				parts[i] = c.Label.Get(lang)
			}
		}
		return strings.Join(parts, "; ")
	case bool:
		if x {
			return i18n.T(lang, "iv.yes")
		}
		return i18n.T(lang, "iv.no")
	}
	return FormatValue(v)
}

// Position returns the rank of a question among the relevant (non-note)
// questions of its section and overall, counting from 1, with the totals.
func Position(st *engine.State, qu *engine.Question) (inSec, secTotal int) {
	for _, x := range qu.Section.Questions {
		if x.Type == engine.Note || !st.Relevant(x.ID) {
			continue
		}
		secTotal++
		if x.Index <= qu.Index {
			inSec = secTotal
		}
	}
	return inSec, secTotal
}

// StatusUnconfirmed marks, in the review, an answer carried over from a
// baseline round and not confirmed yet.
const StatusUnconfirmed = "unconfirmed"

// ReviewItem is a question the review lists: unanswered, "don't know", or
// carried over and not confirmed.
type ReviewItem struct {
	Q      *engine.Question
	Status string
}

// Review lists the relevant questions still unanswered, answered "don't
// know", carried over and not confirmed, or divergent without a consensus,
// in questionnaire order.
func (s *Session) Review() []ReviewItem {
	st := s.St()
	var out []ReviewItem
	for _, qu := range s.Q().Questions {
		if qu.Type == engine.Note || !st.Relevant(qu.ID) {
			continue
		}
		switch stt := st.Status(qu.ID); {
		case stt == engine.StatusUnanswered, stt == engine.StatusDontKnow:
			out = append(out, ReviewItem{Q: qu, Status: stt})
		case s.Unconfirmed(qu.ID):
			out = append(out, ReviewItem{Q: qu, Status: StatusUnconfirmed})
		case s.Divergent(qu.ID):
			if _, ok := s.Consensus(qu.ID); !ok {
				out = append(out, ReviewItem{Q: qu, Status: StatusDivergent})
			}
		}
	}
	return out
}

// RegionName returns the assessment's region in lang.
func (s *Session) RegionName(lang string) string {
	return s.L.Content.Refs.RegionName(s.L.A.Region, lang)
}

// ResumeHint is the line that tells how to continue.
func (s *Session) ResumeHint(lang string, accessible bool) string {
	cmd := "indimaj resume " + s.ID()
	if accessible {
		cmd += " --accessible"
	}
	return i18n.T(lang, "iv.resume_hint", cmd)
}

// messageError is a message in the interview's language that keeps the
// engine's error as its cause (errors.As still finds the ValueError).
type messageError struct {
	msg   string
	cause error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.cause }
