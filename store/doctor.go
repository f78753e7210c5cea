package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Doctor found wrong: where (a bucket and key, a page,
// the header) and what.
type Problem struct {
	Where string `json:"where"`
	What  string `json:"what"`
}

// Report is what Doctor found.
type Report struct {
	Path        string    `json:"path"`
	Size        int64     `json:"size"`
	Schema      string    `json:"schema"`
	Assessments int       `json:"assessments"`
	Values      int       `json:"values"`
	Problems    []Problem `json:"problems"`
	// Truncated is set when more problems were found than are listed.
	Truncated bool `json:"truncated,omitempty"`
}

// OK reports whether nothing is wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// maxProblems caps the problems a report lists.
const maxProblems = 100

func (r *Report) add(where, what string) {
	if len(r.Problems) >= maxProblems {
		r.Truncated = true
		return
	}
	r.Problems = append(r.Problems, Problem{Where: where, What: what})
}

// Doctor checks the whole file without changing it: bbolt's consistency
// check of every page (tx.Check), the size the header declares, the seal of
// every stored value, and that the summary index matches the assessments.
// It costs a read of the whole file: commands check only what they read,
// and `indimaj doctor` (or --check, or an import of a database) runs this.
// The error is for a file that cannot be examined at all (missing, busy).
func Doctor(path string) (rep *Report, err error) {
	rep = &Report{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, failCause(nil, err, "cannot_read", path)
	}
	if fi.IsDir() {
		return nil, fail(nil, "is_folder", path)
	}
	rep.Size = fi.Size()
	if fi.Size() == 0 {
		rep.add("file", "empty (0 bytes)")
		return rep, nil
	}
	s := &Store{path: path}
	defer func() {
		if r := recover(); r != nil {
			rep.add("pages", panicError(r).Error())
			err = nil
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	db, err := s.open(true)
	if err != nil {
		if errors.Is(err, ErrCorrupt) {
			var se *Error
			what := err.Error()
			if errors.As(err, &se) && se.Err != nil {
				what = se.Err.Error()
			}
			rep.add("header", what)
			return rep, nil
		}
		return nil, err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		if size := tx.Size(); fi.Size() < size {
			rep.add("file", fmt.Sprintf("%d bytes, the header declares %d: the file was truncated", fi.Size(), size))
			return nil // reading further would fault on every missing page
		}
		for e := range tx.Check() {
			rep.add("pages", e.Error())
		}
		if !rep.OK() {
			return nil // bbolt's own structure is wrong: values cannot be trusted to walk
		}
		m := tx.Bucket(bMeta)
		if m == nil || m.Get(kSchema) == nil {
			if !isEmptyTx(tx) {
				rep.add("meta", "no schema key: not an indimaj database")
			}
			return nil
		}
		rep.Schema = string(m.Get(kSchema))
		sealed := rep.Schema == SchemaVersion
		if !sealed && rep.Schema != "1" {
			rep.add("meta", fmt.Sprintf("schema version %s, this indimaj reads %s", rep.Schema, SchemaVersion))
			return nil
		}
		var walk func(where string, b *bolt.Bucket)
		walk = func(where string, b *bolt.Bucket) {
			_ = b.ForEach(func(k, v []byte) error {
				if v == nil {
					walk(where+"/"+string(k), b.Bucket(k))
					return nil
				}
				rep.Values++
				payload := v
				if sealed {
					p, err := unseal(k, v)
					if err != nil {
						rep.add(where+"/"+printable(k), err.Error())
						return nil
					}
					payload = p
				}
				if !json.Valid(payload) {
					rep.add(where+"/"+printable(k), "not valid JSON")
				}
				return nil
			})
		}
		for _, name := range allBuckets {
			if b := tx.Bucket(name); b != nil {
				walk(string(name), b)
			} else if sealed {
				rep.add(string(name), "missing")
			}
		}
		if !sealed {
			rep.add("meta", "older format (schema 1): converted on the next open by this indimaj")
			return nil
		}
		if !rep.OK() {
			return nil
		}
		// The index against the headers.
		ab, ib := tx.Bucket(bAssessments), tx.Bucket(bIndex)
		_ = forEachJSON(s, ab, func(a *Assessment) error {
			rep.Assessments++
			var sum Summary
			ok, err := s.getJSON(ib, []byte(a.ID), &sum)
			switch {
			case err != nil:
				rep.add("index/"+a.ID, err.Error())
			case !ok:
				rep.add("index/"+a.ID, "no index entry")
			case sum.Region != a.Region || sum.Round != a.Round || sum.Status != a.Status || !sum.Updated.Equal(a.Updated) || sum.ContentHash != a.ContentHash:
				rep.add("index/"+a.ID, "index entry differs from the assessment")
			}
			return nil
		})
		_ = ib.ForEach(func(k, _ []byte) error {
			if ab.Get(k) == nil {
				rep.add("index/"+printable(k), "index entry of no assessment")
			}
			return nil
		})
		return nil
	})
	if err != nil {
		rep.add("pages", err.Error())
	}
	return rep, nil
}

func printable(k []byte) string {
	return fmt.Sprintf("%q", k)[1 : len(fmt.Sprintf("%q", k))-1]
}
