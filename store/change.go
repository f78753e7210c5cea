package store

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

var (
	bConsensus = []byte("consensus")
	bHistory   = []byte("history")
	bPlans     = []byte("plans")
)

// HistoryEntry is one change in an assessment's audit trail.
type HistoryEntry struct {
	ID         string    `json:"id"`
	At         time.Time `json:"at"`
	By         string    `json:"by"`
	Kind       string    `json:"kind"` // answer, consensus, status, plan, import, followup, targets, respondent
	Question   string    `json:"question,omitempty"`
	Respondent string    `json:"respondent,omitempty"`
	Measure    string    `json:"measure,omitempty"`
	Old        any       `json:"old"`
	New        any       `json:"new"`
	Note       string    `json:"note,omitempty"`
	Reason     string    `json:"reason,omitempty"`
}

// PlanItem is a measure the council adopted, with its follow-up.
type PlanItem struct {
	Measure string    `json:"measure"`
	Status  string    `json:"status"` // planned, in_progress, done, dropped
	Owner   string    `json:"owner,omitempty"`
	Note    string    `json:"note,omitempty"`
	Adopted time.Time `json:"adopted"`
	Updated time.Time `json:"updated"`
}

// PlanStatuses are the statuses of an adopted measure.
var PlanStatuses = []string{"planned", "in_progress", "done", "dropped"}

// Change is a set of changes applied to one assessment in one transaction.
type Change struct {
	By     string
	Reason string
	// Answers are respondents' answers (a nil Value deletes one).
	Answers []Answer
	// Consensus are the facilitator's consensus answers (Respondent = who set it).
	Consensus []Answer
	// Status, when set, changes the assessment's status.
	Status string
	// Plan items are adopted or updated measures.
	Plan []PlanItem
	// History entries are added as they are (a merge brings other machines' trail).
	History []HistoryEntry
	// Update may change the header in the same transaction.
	Update func(a *Assessment) error
	// Merge marks an import: answers record no entry of their own (their
	// trail comes in History); one "import" entry sums the merge up.
	Merge bool
	// AllowWithoutReason lets changes that only add to the record (a merge of
	// the same data, the interview's position) through on a validated assessment.
	AllowWithoutReason bool
}

// Applied reports what a Change did.
type Applied struct {
	Changed   int            // records written
	Unchanged int            // records already identical (idempotence)
	History   []HistoryEntry // entries added
}

func newEntryID(at time.Time) string {
	return ulid.MustNew(ulid.Timestamp(at), rand.Reader).String()
}

func sameAnswer(a, b Answer) bool {
	return a.Note == b.Note && a.Unconfirmed == b.Unconfirmed && reflect.DeepEqual(normalize(a.Value), normalize(b.Value))
}

// normalize makes a value comparable whatever its Go shape ([]string and
// []any from JSON, int and float64).
func normalize(v any) any {
	data, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(data, &out)
	return out
}

// Apply writes a Change in one transaction. On a validated assessment, a
// change that modifies anything needs a Reason (ErrNeedsReason, nothing written).
func (s *Store) Apply(id string, ch Change) (*Applied, error) {
	if err := checkAnswersText(ch.Answers); err != nil {
		return nil, err
	}
	if err := checkAnswersText(ch.Consensus); err != nil {
		return nil, err
	}
	res := &Applied{}
	err := s.update(func(tx *bolt.Tx) error {
		*res = Applied{}
		b := tx.Bucket(bAssessments)
		a := &Assessment{}
		if ok, err := s.getJSON(b, []byte(id), a); err != nil {
			return err
		} else if !ok {
			return fail(ErrNotFound, "id", id)
		}
		validated := a.Status == "validated"
		known := a.names() // names stored before: only new ones are checked
		// Who acts (--by, the respondent of an answer or a consensus) is a
		// name too: a new one must be clean.
		for _, who := range append([]string{ch.By}, answerNames(ch.Answers, ch.Consensus)...) {
			if who != "" && !known["respondent\x00"+who] {
				if err := termsafe.CheckName("respondent", who); err != nil {
					return err
				}
			}
		}
		now := time.Now().UTC()
		by := ch.By
		hist, err := nested(tx, bHistory, id)
		if err != nil {
			return err
		}
		record := func(e HistoryEntry) error {
			if e.ID == "" {
				e.ID = newEntryID(now)
			}
			if e.At.IsZero() {
				e.At = now
			}
			if e.Reason == "" {
				e.Reason = ch.Reason
			}
			if hist.Get([]byte(e.ID)) != nil {
				return nil // already in the trail (a merge of the same bundle)
			}
			res.History = append(res.History, e)
			return putJSON(hist, e.ID, e)
		}
		// Answers and consensus.
		for _, set := range []struct {
			bucket []byte
			kind   string
			list   []Answer
		}{{bAnswers, "answer", ch.Answers}, {bConsensus, "consensus", ch.Consensus}} {
			if len(set.list) == 0 {
				continue
			}
			ab, err := nested(tx, set.bucket, id)
			if err != nil {
				return err
			}
			for _, an := range set.list {
				key := answerKey(an.Respondent, an.Question)
				if set.kind == "consensus" {
					key = an.Question
				}
				var old *Answer
				var prev Answer
				if ok, err := s.getJSON(ab, []byte(key), &prev); err != nil {
					return err
				} else if ok {
					old = &prev
				}
				if an.Value == nil {
					if old == nil {
						res.Unchanged++
						continue
					}
					if err := ab.Delete([]byte(key)); err != nil {
						return err
					}
				} else {
					if old != nil && sameAnswer(*old, an) {
						res.Unchanged++
						continue
					}
					if err := putJSON(ab, key, an); err != nil {
						return err
					}
					if set.kind == "answer" && an.Respondent != "" && !a.HasRespondent(an.Respondent) {
						a.Respondents = append(a.Respondents, Respondent{Name: an.Respondent})
					}
				}
				res.Changed++
				if ch.Merge {
					continue
				}
				who := by
				if who == "" {
					who = an.Respondent
				}
				e := HistoryEntry{By: who, Kind: set.kind, Question: an.Question, Respondent: an.Respondent, New: an.Value, Note: an.Note}
				if set.kind == "consensus" {
					e.Respondent = ""
				}
				if old != nil {
					e.Old = old.Value
				}
				if err := record(e); err != nil {
					return err
				}
			}
		}
		if ch.Status != "" && ch.Status != a.Status {
			if err := record(HistoryEntry{By: by, Kind: "status", Old: a.Status, New: ch.Status}); err != nil {
				return err
			}
			a.Status = ch.Status
			res.Changed++
		}
		if len(ch.Plan) > 0 {
			pb, err := nested(tx, bPlans, id)
			if err != nil {
				return err
			}
			for _, it := range ch.Plan {
				var old *PlanItem
				var prev PlanItem
				if ok, err := s.getJSON(pb, []byte(it.Measure), &prev); err != nil {
					return err
				} else if ok {
					old = &prev
				}
				if old != nil && old.Status == it.Status && old.Owner == it.Owner && old.Note == it.Note {
					res.Unchanged++
					continue
				}
				if old != nil && !old.Adopted.IsZero() {
					it.Adopted = old.Adopted
				}
				if err := putJSON(pb, it.Measure, it); err != nil {
					return err
				}
				res.Changed++
				e := HistoryEntry{By: by, Kind: "plan", Measure: it.Measure, New: it.Status, Note: it.Note}
				if old != nil {
					e.Old = old.Status
				}
				if err := record(e); err != nil {
					return err
				}
			}
		}
		for _, e := range ch.History {
			if err := record(e); err != nil {
				return err
			}
		}
		if ch.Merge && res.Changed > 0 {
			if err := record(HistoryEntry{By: by, Kind: "import", New: fmt.Sprintf("%d records merged", res.Changed)}); err != nil {
				return err
			}
		}
		before, _ := json.Marshal(a)
		if ch.Update != nil {
			if err := ch.Update(a); err != nil {
				return err
			}
		}
		after, _ := json.Marshal(a)
		if validated && ch.Reason == "" && !ch.AllowWithoutReason && (res.Changed > 0 || string(before) != string(after)) {
			return ErrNeedsReason
		}
		if res.Changed == 0 && len(res.History) == 0 && string(before) == string(after) {
			return nil // nothing to write: importing the same data twice changes nothing
		}
		if err := a.checkNames(known); err != nil {
			return err
		}
		a.Updated = now
		if err := putJSON(b, id, a); err != nil {
			return err
		}
		return s.reindex(tx, id)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func nested(tx *bolt.Tx, parent []byte, id string) (*bolt.Bucket, error) {
	p, err := tx.CreateBucketIfNotExists(parent)
	if err != nil {
		return nil, err
	}
	return p.CreateBucketIfNotExists([]byte(id))
}

// Record is everything stored about one assessment.
type Record struct {
	Assessment *Assessment
	Answers    []Answer
	Consensus  []Answer
	History    []HistoryEntry
	Plan       []PlanItem
}

// Full returns an assessment with its answers, consensus, audit trail
// (oldest first) and adopted measures, read in one transaction.
func (s *Store) Full(id string) (*Record, error) {
	var r *Record
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		r, err = s.record(tx, id, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// answerNames lists the respondents of answers.
func answerNames(lists ...[]Answer) []string {
	var out []string
	for _, l := range lists {
		for _, an := range l {
			out = append(out, an.Respondent)
		}
	}
	return out
}
