package interview

import (
	"sort"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// Workshops: several respondents answer the same assessment, the
// facilitator switches between them and sets the consensus where they
// disagree. This file holds the session side; the screens are in
// workshop_ui.go and the accessible commands in accessible.go.

// StatusDivergent marks, in the review, a question where respondents are
// two levels or more apart and no consensus is set yet.
const StatusDivergent = "divergent"

// RespondentInfo is a respondent of the assessment with how many questions
// they answered.
type RespondentInfo struct {
	store.Respondent
	Answered int
}

// Respondents lists the assessment's respondents (those who answered
// without being listed, and the current one, included), with their counts.
func (s *Session) Respondents() []RespondentInfo {
	count := map[string]int{}
	for _, an := range s.L.Answers {
		if an.Value != nil {
			count[an.Respondent]++
		}
	}
	seen := map[string]bool{}
	var out []RespondentInfo
	for _, r := range s.L.A.Respondents {
		if seen[r.Name] {
			continue
		}
		seen[r.Name] = true
		out = append(out, RespondentInfo{Respondent: r, Answered: count[r.Name]})
	}
	var extra []string
	for name := range count {
		if !seen[name] {
			extra = append(extra, name)
		}
	}
	if !seen[s.Respondent] && count[s.Respondent] == 0 {
		extra = append(extra, s.Respondent)
	}
	sort.Strings(extra)
	for _, name := range extra {
		out = append(out, RespondentInfo{Respondent: store.Respondent{Name: name}, Answered: count[name]})
	}
	return out
}

// reload rebuilds the session's state from the file (answers, consensus,
// working answers), as app.Env.Open does.
func (s *Session) reload() error {
	l, err := s.Env.Open(s.ID())
	if err != nil {
		return err
	}
	s.L = l
	s.index()
	return nil
}

// SwitchRespondent makes the following answers name's. A name the
// assessment does not list yet is added to its respondents with its
// institution and role.
func (s *Session) SwitchRespondent(name, institution, role string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return app.Inputf("%s", i18n.M("iv.msg.name_required"))
	}
	r := store.Respondent{Name: name, Institution: strings.TrimSpace(institution), Role: strings.TrimSpace(role)}
	if !s.L.A.HasRespondent(name) {
		// Adding a participant is an audit entry of its own.
		who := name
		if extra := strings.Join(nonEmpty(r.Institution, r.Role), ", "); extra != "" {
			who += " (" + extra + ")"
		}
		entry := store.HistoryEntry{By: s.Respondent, Kind: "respondent", New: who, Reason: s.Reason}
		_, err := s.Env.Store.Apply(s.ID(), store.Change{By: name, Reason: s.Reason, History: []store.HistoryEntry{entry}, Update: func(a *store.Assessment) error {
			if !a.HasRespondent(name) {
				a.Respondents = append(a.Respondents, r)
			}
			return nil
		}})
		if err != nil {
			return err
		}
		s.saved()
	}
	s.Respondent = name
	return s.reload()
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// AnswersTo returns each respondent's answer to a question, in the order
// of Respondents.
func (s *Session) AnswersTo(qid string) []store.Answer {
	by := map[string]store.Answer{}
	for _, an := range s.L.Answers {
		if an.Question == qid && an.Value != nil {
			by[an.Respondent] = an
		}
	}
	var out []store.Answer
	for _, r := range s.Respondents() {
		if an, ok := by[r.Name]; ok {
			out = append(out, an)
		}
	}
	return out
}

// Consensus returns the consensus set on a question, if any.
func (s *Session) Consensus(qid string) (store.Answer, bool) {
	for _, an := range s.L.Consensus {
		if an.Question == qid && an.Value != nil {
			return an, true
		}
	}
	return store.Answer{}, false
}

// Divergent reports whether respondents are two levels or more apart on a
// question (app.Loaded.Divergent).
func (s *Session) Divergent(qid string) bool {
	for _, id := range s.L.Divergent {
		if id == qid {
			return true
		}
	}
	return false
}

// CanSetConsensus reports whether a consensus can be set on a question
// from the interview: a choice question answered by two respondents or
// more (or that has one already).
func (s *Session) CanSetConsensus(qu *engine.Question) bool {
	if qu.Type == engine.Note {
		return false
	}
	_, has := s.Consensus(qu.ID)
	return has || len(s.AnswersTo(qu.ID)) >= 2
}

// SetConsensus records the facilitator's consensus on a question (v nil
// clears it) under the current respondent's name, with the session's reason,
// then reloads the state: the consensus becomes the working answer.
func (s *Session) SetConsensus(qu *engine.Question, v any, note string) error {
	an := store.Answer{Question: qu.ID, Respondent: s.Respondent, At: time.Now().UTC()}
	if v != nil {
		if err := s.St().Check(qu.ID, v); err != nil {
			return err
		}
		if NeedsNote(qu, v) && strings.TrimSpace(note) == "" {
			return app.Inputf("%s", i18n.M("iv.msg.note_required", qu.ID, FormatValue(v)))
		}
		an.Value = StoredValue(v)
		an.Note = strings.TrimSpace(note)
	}
	if _, err := s.Env.Store.Apply(s.ID(), store.Change{By: s.Respondent, Reason: s.Reason, Consensus: []store.Answer{an}}); err != nil {
		return err
	}
	if err := s.reload(); err != nil {
		return err
	}
	s.saved()
	return nil
}
