package store

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Summary is an assessment's entry in the summary index: what listings,
// filters, comparisons and the national view need, kept up to date in the
// same transaction as every change, so they never rebuild an assessment.
type Summary struct {
	ID            string    `json:"id"`
	Region        string    `json:"region"`
	Round         string    `json:"round"`
	Status        string    `json:"status"`
	Questionnaire string    `json:"questionnaire"`
	Version       string    `json:"version"`
	ContentHash   string    `json:"content_hash"`
	Lang          string    `json:"lang"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
	Respondents   []string  `json:"respondents"`
	Baseline      string    `json:"baseline,omitempty"`
	Demo          bool      `json:"demo,omitempty"`

	// Scored is set when the fields below were computed (by the Summarizer).
	Scored bool `json:"scored"`
	// Problem says why they could not be (the content could not be loaded…).
	Problem  string   `json:"problem,omitempty"`
	Answered int      `json:"answered"`
	Relevant int      `json:"relevant"`
	Overall  *float64 `json:"overall"`
	Coverage float64  `json:"coverage"`
	// Provisional: the coverage is below the policy's provisional_below.
	Provisional bool             `json:"provisional,omitempty"`
	Sections    []SectionSummary `json:"sections,omitempty"`
	// Divergent counts the questions where respondents are two levels apart.
	Divergent int `json:"divergent"`
	// Recommended are the measures that fire, best first.
	Recommended []string `json:"recommended,omitempty"`
	// Adopted are the measures of the council's plan (not dropped).
	Adopted []string `json:"adopted,omitempty"`
}

// SectionSummary is one scored section in a Summary.
type SectionSummary struct {
	ID       string   `json:"id"`
	Score    *float64 `json:"score"`
	Coverage float64  `json:"coverage"`
	// Low is the low-confidence flag (coverage below the policy's threshold).
	Low bool `json:"low,omitempty"`
}

// Summarizer computes the scored part of an assessment's summary from
// everything stored about it. content reads a content snapshot in the same
// transaction. The store fills the header part itself.
type Summarizer func(r *Record, content func(hash string) (map[string][]byte, error)) (*Summary, error)

// headerSummary is the part of a summary the store knows by itself.
func headerSummary(a *Assessment) *Summary {
	names := make([]string, 0, len(a.Respondents))
	for _, r := range a.Respondents {
		names = append(names, r.Name)
	}
	return &Summary{ID: a.ID, Region: a.Region, Round: a.Round, Status: a.Status, Questionnaire: a.Questionnaire,
		Version: a.Version, ContentHash: a.ContentHash, Lang: a.Lang, Created: a.Created, Updated: a.Updated,
		Respondents: names, Baseline: a.Baseline, Demo: a.Demo}
}

// reindex writes id's index entry from what the transaction holds now.
func (s *Store) reindex(tx *bolt.Tx, id string) error {
	r, err := s.record(tx, id, true)
	if err != nil {
		return err
	}
	sum := s.summary(tx, r)
	b, err := tx.CreateBucketIfNotExists(bIndex)
	if err != nil {
		return err
	}
	b.FillPercent = denseFill
	return putJSON(b, id, sum)
}

func (s *Store) summary(tx *bolt.Tx, r *Record) *Summary {
	sum := headerSummary(r.Assessment)
	if s.summarize == nil {
		return sum
	}
	computed, err := s.summarize(r, func(hash string) (map[string][]byte, error) { return s.content(tx, hash) })
	if err != nil {
		sum.Problem = err.Error()
		return sum
	}
	head := *sum
	*sum = *computed
	sum.ID, sum.Region, sum.Round, sum.Status, sum.Questionnaire = head.ID, head.Region, head.Round, head.Status, head.Questionnaire
	sum.Version, sum.ContentHash, sum.Lang, sum.Created, sum.Updated = head.Version, head.ContentHash, head.Lang, head.Created, head.Updated
	sum.Respondents, sum.Baseline, sum.Demo = head.Respondents, head.Baseline, head.Demo
	sum.Scored, sum.Problem = true, ""
	return sum
}

// Filter selects index entries; empty fields select everything.
type Filter struct {
	Region, Round, Status string
}

// Summaries returns the index entries that match f, oldest first, reading
// nothing but the index.
func (s *Store) Summaries(f Filter) ([]*Summary, error) {
	return s.SummariesWhere(func(k *SummaryKey) bool {
		return (f.Region == "" || k.Region == f.Region) && (f.Round == "" || k.Round == f.Round) && (f.Status == "" || k.Status == f.Status)
	})
}

// SummaryKey is the part of an index entry that selections read.
type SummaryKey struct {
	ID      string    `json:"id"`
	Region  string    `json:"region"`
	Round   string    `json:"round"`
	Status  string    `json:"status"`
	Created time.Time `json:"created"`
	Demo    bool      `json:"demo,omitempty"`
}

// SummariesWhere reads every index entry's key part and returns, oldest
// first, the whole entries keep selects: a selection decodes only what it
// keeps.
func (s *Store) SummariesWhere(keep func(k *SummaryKey) bool) ([]*Summary, error) {
	var out []*Summary
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bIndex)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, raw []byte) error {
			payload, err := unseal(k, raw)
			if err != nil {
				return damaged(s.path, err)
			}
			var key SummaryKey
			if err := json.Unmarshal(payload, &key); err != nil {
				return damaged(s.path, fmt.Errorf("value of %q: %w", k, err))
			}
			if !keep(&key) {
				return nil
			}
			sum := &Summary{}
			if err := json.Unmarshal(payload, sum); err != nil {
				return damaged(s.path, fmt.Errorf("value of %q: %w", k, err))
			}
			out = append(out, sum)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// Reindex recomputes the index entries of the given assessments (every one
// when ids is empty) with the store's Summarizer, in one transaction: for
// entries computed without one, or against content that has since changed.
func (s *Store) Reindex(ids ...string) error {
	return s.update(func(tx *bolt.Tx) error {
		if len(ids) == 0 {
			err := tx.Bucket(bAssessments).ForEach(func(k, _ []byte) error {
				ids = append(ids, string(k))
				return nil
			})
			if err != nil {
				return err
			}
		}
		for _, id := range ids {
			if tx.Bucket(bAssessments).Get([]byte(id)) == nil {
				return fail(ErrNotFound, "id", id)
			}
			if err := s.reindex(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// record reads an assessment, its answers and, when full, its consensus,
// audit trail (oldest first) and plan, checking every seal.
func (s *Store) record(tx *bolt.Tx, id string, full bool) (*Record, error) {
	b := tx.Bucket(bAssessments)
	a := &Assessment{}
	ok := false
	if b != nil {
		var err error
		if ok, err = s.getJSON(b, []byte(id), a); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, fail(ErrNotFound, "id", id)
	}
	r := &Record{Assessment: a}
	child := func(parent []byte) *bolt.Bucket {
		if p := tx.Bucket(parent); p != nil {
			return p.Bucket([]byte(id))
		}
		return nil
	}
	if ab := child(bAnswers); ab != nil {
		if err := forEachJSON(s, ab, func(an *Answer) error { r.Answers = append(r.Answers, *an); return nil }); err != nil {
			return nil, err
		}
	}
	if !full {
		return r, nil
	}
	if cb := child(bConsensus); cb != nil {
		if err := forEachJSON(s, cb, func(an *Answer) error { r.Consensus = append(r.Consensus, *an); return nil }); err != nil {
			return nil, err
		}
	}
	if hb := child(bHistory); hb != nil {
		if err := forEachJSON(s, hb, func(e *HistoryEntry) error { r.History = append(r.History, *e); return nil }); err != nil {
			return nil, err
		}
	}
	if pb := child(bPlans); pb != nil {
		if err := forEachJSON(s, pb, func(it *PlanItem) error { r.Plan = append(r.Plan, *it); return nil }); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(r.History, func(i, j int) bool {
		if !r.History[i].At.Equal(r.History[j].At) {
			return r.History[i].At.Before(r.History[j].At)
		}
		return r.History[i].ID < r.History[j].ID
	})
	return r, nil
}

// migrate1 converts a file of schema version 1 (plain JSON values, no index)
// in one transaction: every value is sealed, the index is built, and the
// schema becomes the current one. A failure leaves the file as it was.
func (s *Store) migrate1(db *bolt.DB) error {
	err := db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		var resealBucket func(b *bolt.Bucket) error
		resealBucket = func(b *bolt.Bucket) error {
			type kv struct{ k, v []byte }
			var vals []kv
			var subs [][]byte
			err := b.ForEach(func(k, v []byte) error {
				if v == nil {
					subs = append(subs, append([]byte(nil), k...))
					return nil
				}
				if !json.Valid(v) {
					return fmt.Errorf("value of %q is not JSON", k)
				}
				vals = append(vals, kv{append([]byte(nil), k...), seal(k, v)})
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range vals {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
			for _, k := range subs {
				if err := resealBucket(b.Bucket(k)); err != nil {
					return err
				}
			}
			return nil
		}
		for _, name := range [][]byte{bAssessments, bAnswers, bContent, bConsensus, bHistory, bPlans} {
			if err := resealBucket(tx.Bucket(name)); err != nil {
				return err
			}
		}
		var ids []string
		if err := tx.Bucket(bAssessments).ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil }); err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.reindex(tx, id); err != nil {
				return err
			}
		}
		return tx.Bucket(bMeta).Put(kSchema, []byte(SchemaVersion))
	})
	if err != nil {
		if _, ok := err.(*Error); ok {
			return err
		}
		return failCause(ErrCorrupt, err, "migrate", s.path)
	}
	return nil
}
