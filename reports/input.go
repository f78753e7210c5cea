package reports

import (
	"errors"
	"fmt"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// The input of a report is owned by this package: the caller (internal/app)
// copies an assessment's header, answers, plan and audit trail into these
// types, so that reports depends on neither the storage nor the glue.

// Assessment is the header of the assessment reported on.
type Assessment struct {
	ID          string
	Region      string
	Round       string
	Status      string
	Created     time.Time
	Updated     time.Time
	Respondents []Respondent
	// Baseline is the id of the baseline round of a follow-up.
	Baseline string
	// Demo marks a demonstration assessment.
	Demo bool
}

// Respondent is a participant named in the assessment's header.
type Respondent struct {
	Name        string
	Institution string
	Role        string
}

// Answer is one respondent's answer to one question.
type Answer struct {
	Question   string
	Value      any
	Note       string
	Respondent string
	At         time.Time
	// Unconfirmed marks an answer carried over from the baseline round.
	Unconfirmed bool
}

// PlanItem is a measure the council adopted, with its follow-up.
type PlanItem struct {
	Measure string
	// Status is one of PlanStatuses.
	Status  string
	Owner   string
	Note    string
	Adopted time.Time
	Updated time.Time
}

// PlanStatuses are the follow-up statuses of an adopted measure, in order.
var PlanStatuses = []string{"planned", "in_progress", "done", "dropped"}

// HistoryEntry is one entry of the assessment's audit trail.
type HistoryEntry struct {
	ID         string
	At         time.Time
	By         string
	Kind       string
	Question   string
	Respondent string
	Measure    string
	Old        any
	New        any
	Note       string
	Reason     string
}

// ErrInput marks a mistake in what the user asked for (an unknown kind,
// format, language or pilot measure): errors.Is(err, ErrInput) holds for
// every such error this package returns.
var ErrInput = errors.New("invalid report request")

// inputError is a user mistake, with its message in the user's language.
type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInput }

// inputf returns an error that matches ErrInput.
func inputf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// sortedAnswerIDs returns the question ids of m in questionnaire order.
func sortedAnswerIDs(q *engine.Questionnaire, m map[string]Answer) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	q.SortByOrder(ids)
	return ids
}
