// Package store keeps assessments in one bbolt file.
//
// The file is opened for the duration of each transaction only, so a long
// interview in one terminal never locks out another terminal that lists,
// shows, scores or reports. Every answer is committed (fsync) in its own
// transaction when it is given. Opening refuses an empty, truncated, damaged
// or foreign file with a clear error instead of crashing, and gives up with
// ErrBusy after about two seconds when another process holds the file.
package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/indimaj/indimaj/internal/termsafe"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the data layout. Version 2 seals every
// value with a checksum and keeps the summary index; files of version 1 are
// converted on first open.
const SchemaVersion = "2"

// LockTimeout is how long a command waits for a database another process holds.
var LockTimeout = 2 * time.Second

var (
	bMeta        = []byte("meta")
	bAssessments = []byte("assessments")
	bAnswers     = []byte("answers")
	bContent     = []byte("content")
	bIndex       = []byte("index")
	kSchema      = []byte("schema")
	kCreated     = []byte("created")
)

// Respondent is a person who answers an assessment.
type Respondent struct {
	Name        string `json:"name" yaml:"name"`
	Institution string `json:"institution,omitempty" yaml:"institution"`
	Role        string `json:"role,omitempty" yaml:"role"`
}

// Assessment is the header of one self-assessment: a region, a round, the
// exact content it was started with, and where the interview stands.
type Assessment struct {
	ID            string       `json:"id"`
	Region        string       `json:"region"`
	Round         string       `json:"round"`
	Questionnaire string       `json:"questionnaire"`
	Version       string       `json:"version"`
	ContentHash   string       `json:"content_hash"`
	Lang          string       `json:"lang"`
	Status        string       `json:"status"`
	Created       time.Time    `json:"created"`
	Updated       time.Time    `json:"updated"`
	Respondents   []Respondent `json:"respondents"`
	// Current is the question the interview was on, for resume.
	Current string `json:"current,omitempty"`
	// Baseline is the assessment a follow-up round is compared with.
	Baseline string `json:"baseline,omitempty"`
	// Demo marks assessments made by `indimaj demo`.
	Demo bool `json:"demo,omitempty"`
	// Targets are the region's own section targets (section id → score),
	// overriding the policy's for this assessment.
	Targets map[string]float64 `json:"targets,omitempty"`
}

// HasRespondent reports whether name is among the respondents.
// CheckNames refuses names that would act on a terminal: a round label or a
// respondent's name, institution or role holding a control character, an
// escape sequence, a direction override or bytes that are not UTF-8
// (*termsafe.NameError). Nothing with such a name is newly stored.
func (a *Assessment) CheckNames() error { return a.checkNames(nil) }

// checkAnswersText refuses answers whose note, text or respondent is not
// valid UTF-8: encoding/json would store U+FFFD in their place without a word.
func checkAnswersText(answers []Answer) error {
	for _, an := range answers {
		fields := []struct{ field, v string }{{an.Question + " note", an.Note}, {"respondent", an.Respondent}}
		if t, ok := an.Value.(string); ok {
			fields = append(fields, struct{ field, v string }{an.Question, t})
		}
		for _, f := range fields {
			if !utf8.ValidString(f.v) {
				return termsafe.CheckName(f.field, f.v)
			}
		}
	}
	return nil
}

// names lists the assessment's names, as checkNames reads them.
func (a *Assessment) names() map[string]bool {
	out := map[string]bool{"round\x00" + a.Round: true}
	for _, r := range a.Respondents {
		out["respondent\x00"+r.Name] = true
		out["institution\x00"+r.Institution] = true
		out["role\x00"+r.Role] = true
	}
	return out
}

// checkNames is CheckNames, skipping the names in known (stored before
// names were checked: they are escaped wherever they are shown).
func (a *Assessment) checkNames(known map[string]bool) error {
	check := func(field, v string) error {
		if known[field+"\x00"+v] {
			return nil
		}
		return termsafe.CheckName(field, v)
	}
	if err := check("round", a.Round); err != nil {
		return err
	}
	for _, r := range a.Respondents {
		for _, f := range []struct{ field, v string }{{"respondent", r.Name}, {"institution", r.Institution}, {"role", r.Role}} {
			if err := check(f.field, f.v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *Assessment) HasRespondent(name string) bool {
	for _, r := range a.Respondents {
		if r.Name == name {
			return true
		}
	}
	return false
}

// Answer is one respondent's answer to one question.
type Answer struct {
	Question   string    `json:"question"`
	Value      any       `json:"value"`
	Note       string    `json:"note,omitempty"`
	Respondent string    `json:"respondent"`
	At         time.Time `json:"at"`
	// Unconfirmed marks an answer carried over from a baseline round, until
	// someone answers the question again.
	Unconfirmed bool `json:"unconfirmed,omitempty"`
}

// Store is an indimaj database file.
type Store struct {
	path string
	mu   sync.Mutex
	// summarize computes the summary index entry of an assessment.
	summarize Summarizer
	// ready is set once the file's format was checked (and converted) in this process.
	ready bool
}

// Option changes how a Store works.
type Option func(*Store)

// WithSummarizer makes the store keep the computed part of each assessment's
// summary (progress, scores, measures) in its index, in the same transaction
// as each change. Without it, only the header part is kept (Summary.Scored is
// false).
func WithSummarizer(fn Summarizer) Option { return func(s *Store) { s.summarize = fn } }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DefaultPath is $INDIMAJ_DB, else $XDG_DATA_HOME/indimaj/indimaj.db, else
// ~/.local/share/indimaj/indimaj.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("INDIMAJ_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", failCause(nil, err, "no_home")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "indimaj", "indimaj.db"), nil
}

// Open prepares the database at path, creating it (folder 0700, file 0600)
// when it does not exist yet, and checks that it is an indimaj database
// (header pages, format, size; `Doctor` checks everything).
func Open(path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	// No transaction is committed: a damaged file stays exactly as it is.
	if err := s.withDB(false, func(db *bolt.DB) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

// OpenExisting is Open for read-only commands: a missing file is not created.
func OpenExisting(path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return s, nil // reads see an empty database
	}
	if err := s.view(func(tx *bolt.Tx) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

func newStore(path string, opts []Option) *Store {
	s := &Store{path: path}
	for _, o := range opts {
		o(s)
	}
	return s
}

// open opens the bbolt file with a lock timeout, refusing damaged files.
func (s *Store) open(readOnly bool) (db *bolt.DB, err error) {
	fi, statErr := os.Stat(s.path)
	switch {
	case statErr == nil && fi.IsDir():
		return nil, fail(nil, "is_folder", s.path)
	case statErr == nil && fi.Size() == 0:
		return nil, fail(ErrCorrupt, "empty", s.path)
	case errors.Is(statErr, os.ErrNotExist):
		if readOnly {
			return nil, errNoFile
		}
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return nil, failCause(nil, err, "mkdir")
		}
	case statErr != nil:
		return nil, failCause(nil, statErr, "cannot_read", s.path)
	}
	if statErr == nil {
		if err := precheck(s.path, !readOnly); err != nil {
			return nil, damaged(s.path, err)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, damaged(s.path, panicError(r))
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	db, err = bolt.Open(s.path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, failCause(ErrBusy, err, "busy_detail", s.path)
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum),
			strings.Contains(err.Error(), "file size too small"), strings.Contains(err.Error(), "invalid"):
			return nil, damaged(s.path, err)
		case errors.Is(err, os.ErrPermission):
			return nil, failCause(nil, err, "permission", s.path)
		}
		return nil, failCause(nil, err, "cannot_open", s.path)
	}
	return db, nil
}

var errNoFile = errors.New("no database file")

// withDB runs fn on an open database, turning panics from damaged pages into errors.
func (s *Store) withDB(readOnly bool, fn func(db *bolt.DB) error) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	db, err := s.open(readOnly)
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if r := recover(); r != nil {
			err = damaged(s.path, panicError(r))
		}
		if !closed {
			if cerr := db.Close(); cerr != nil && err == nil {
				err = failCause(nil, cerr, "closing", s.path)
			}
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	convert, err := s.verify(db, readOnly)
	if err != nil {
		return err
	}
	if convert {
		// An older format, met by a read: convert it once, writing.
		closed = true
		if err := db.Close(); err != nil {
			return failCause(nil, err, "closing", s.path)
		}
		if db, err = s.open(false); err != nil {
			return err
		}
		closed = false
		if _, err := s.verify(db, false); err != nil {
			return err
		}
	}
	return fn(db)
}

// verify checks the schema key (creating it in a new file), that the file
// holds every page its header declares, and converts older formats. It
// reports convert when a read-only open met an older format.
func (s *Store) verify(db *bolt.DB, readOnly bool) (convert bool, err error) {
	var schema []byte
	var empty bool
	var size int64
	err = db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bMeta); m != nil {
			schema = append([]byte(nil), m.Get(kSchema)...)
		}
		empty = isEmptyTx(tx)
		size = tx.Size()
		return nil
	})
	if err != nil {
		return false, damaged(s.path, err)
	}
	// A truncated file: the header says the data goes further than the file.
	if fi, err := os.Stat(s.path); err == nil && fi.Size() < size {
		return false, damaged(s.path, fmt.Errorf("file is %d bytes, its header declares %d", fi.Size(), size))
	}
	if s.ready {
		return false, nil
	}
	switch {
	case schema == nil && empty && !readOnly:
		err = db.Update(func(tx *bolt.Tx) error {
			m, err := tx.CreateBucketIfNotExists(bMeta)
			if err != nil {
				return err
			}
			if err := m.Put(kSchema, []byte(SchemaVersion)); err != nil {
				return err
			}
			if err := m.Put(kCreated, []byte(time.Now().UTC().Format(time.RFC3339))); err != nil {
				return err
			}
			for _, b := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return false, failCause(nil, err, "init", s.path)
		}
	case schema == nil && empty:
		// A new, empty file opened read-only: nothing to read.
	case schema == nil:
		return false, fail(ErrCorrupt, "foreign", s.path)
	case string(schema) == "1" && readOnly:
		return true, nil
	case string(schema) == "1":
		if err := s.migrate1(db); err != nil {
			return false, err
		}
	case string(schema) != SchemaVersion:
		return false, fail(nil, "schema", s.path, string(schema), SchemaVersion)
	}
	s.ready = true
	return false, nil
}

// denseFill is the fill of pages written at once for a new assessment.
const denseFill = 0.9

var allBuckets = [][]byte{bAssessments, bAnswers, bContent, bConsensus, bHistory, bPlans, bIndex}

func isEmptyTx(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k == nil
}

func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return s.withDB(false, func(db *bolt.DB) error { return db.Update(fn) })
}

func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	err := s.withDB(true, func(db *bolt.DB) error { return db.View(fn) })
	if errors.Is(err, errNoFile) {
		return nil
	}
	return err
}

// Resolve turns an id or a unique prefix of at least 4 characters into a full id.
func (s *Store) Resolve(idOrPrefix string) (string, error) {
	var matches []string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b == nil {
			return nil
		}
		if b.Get([]byte(idOrPrefix)) != nil {
			matches = []string{idOrPrefix}
			return nil
		}
		if len(idOrPrefix) < 4 {
			return nil
		}
		c := b.Cursor()
		p := []byte(strings.ToUpper(idOrPrefix))
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			matches = append(matches, string(k))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	switch len(matches) {
	case 0:
		return "", fail(ErrNotFound, "not_found_id", idOrPrefix)
	case 1:
		return matches[0], nil
	}
	return "", fail(ErrNotFound, "ambiguous", idOrPrefix, len(matches))
}

// Create stores a new assessment with its content snapshot and initial answers,
// all in one transaction.
func (s *Store) Create(a *Assessment, content map[string][]byte, answers []Answer) error {
	return s.update(func(tx *bolt.Tx) error { return s.create(tx, a, content, answers, true) })
}

// NewRecord is a new assessment with everything stored about it, for CreateMany.
type NewRecord struct {
	Record
	Content map[string][]byte
}

// CreateMany stores many new assessments in one transaction (the generator of
// test databases uses it; an import of a database too).
func (s *Store) CreateMany(recs []NewRecord) error {
	return s.update(func(tx *bolt.Tx) error {
		for i := range recs {
			r := &recs[i]
			if err := s.create(tx, r.Assessment, r.Content, r.Answers, false); err != nil {
				return err
			}
			id := r.Assessment.ID
			for _, set := range []struct {
				parent []byte
				fn     func(b *bolt.Bucket) error
			}{
				{bConsensus, func(b *bolt.Bucket) error {
					for _, an := range r.Consensus {
						if err := putJSON(b, an.Question, an); err != nil {
							return err
						}
					}
					return nil
				}},
				{bHistory, func(b *bolt.Bucket) error {
					for _, e := range r.History {
						if err := putJSON(b, e.ID, e); err != nil {
							return err
						}
					}
					return nil
				}},
				{bPlans, func(b *bolt.Bucket) error {
					for _, it := range r.Plan {
						if err := putJSON(b, it.Measure, it); err != nil {
							return err
						}
					}
					return nil
				}},
			} {
				b, err := nested(tx, set.parent, id)
				if err != nil {
					return err
				}
				b.FillPercent = denseFill
				if err := set.fn(b); err != nil {
					return err
				}
			}
			if err := s.reindex(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) create(tx *bolt.Tx, a *Assessment, content map[string][]byte, answers []Answer, index bool) error {
	if err := a.CheckNames(); err != nil {
		return err
	}
	if err := checkAnswersText(answers); err != nil {
		return err
	}
	for _, who := range answerNames(answers) {
		if err := termsafe.CheckName("respondent", who); err != nil {
			return err
		}
	}
	b := tx.Bucket(bAssessments)
	if b.Get([]byte(a.ID)) != nil {
		return fail(ErrExists, "id", a.ID)
	}
	// Ids grow with time and a new assessment's answers are written at once:
	// dense pages, as for appends (bbolt splits pages half full otherwise).
	b.FillPercent = denseFill
	if err := putContent(tx, a.ContentHash, content); err != nil {
		return err
	}
	if err := putJSON(b, a.ID, a); err != nil {
		return err
	}
	ab, err := tx.Bucket(bAnswers).CreateBucketIfNotExists([]byte(a.ID))
	if err != nil {
		return err
	}
	ab.FillPercent = denseFill
	for _, an := range answers {
		if err := putJSON(ab, answerKey(an.Respondent, an.Question), an); err != nil {
			return err
		}
	}
	if !index {
		return nil
	}
	return s.reindex(tx, a.ID)
}

func putContent(tx *bolt.Tx, hash string, files map[string][]byte) error {
	if hash == "" || files == nil {
		return nil
	}
	b := tx.Bucket(bContent)
	if b.Get([]byte(hash)) != nil {
		return nil
	}
	return putJSON(b, hash, files)
}

func answerKey(respondent, question string) string { return respondent + "\x00" + question }

// Content returns the content snapshot stored under a hash, or nil.
func (s *Store) Content(hash string) (map[string][]byte, error) {
	var files map[string][]byte
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		files, err = s.content(tx, hash)
		return err
	})
	return files, err
}

func (s *Store) content(tx *bolt.Tx, hash string) (map[string][]byte, error) {
	b := tx.Bucket(bContent)
	if b == nil {
		return nil, nil
	}
	var files map[string][]byte
	ok, err := s.getJSON(b, []byte(hash), &files)
	if err != nil || !ok {
		return nil, err
	}
	return files, nil
}

// Get returns an assessment and its answers (every respondent's), sorted by
// respondent then question order of storage.
func (s *Store) Get(id string) (*Assessment, []Answer, error) {
	var r *Record
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		r, err = s.record(tx, id, false)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return r.Assessment, r.Answers, nil
}

// List returns every assessment header, oldest first. Listings read the
// summary index instead (Summaries), which costs far less.
func (s *Store) List() ([]*Assessment, error) {
	var out []*Assessment
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b == nil {
			return nil
		}
		return forEachJSON(s, b, func(a *Assessment) error {
			out = append(out, a)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, err
}

// PutAnswers stores answers to an existing assessment in one transaction,
// adds their respondents, records each change in the audit trail, and lets
// update change the header in the same transaction (update may be nil). On a
// validated assessment it fails with ErrNeedsReason: use Apply with a reason.
func (s *Store) PutAnswers(id string, answers []Answer, update func(a *Assessment) error) error {
	_, err := s.Apply(id, Change{Answers: answers, Update: update, AllowWithoutReason: len(answers) == 0})
	return err
}

// UpdateAssessment changes an assessment's header in one transaction.
func (s *Store) UpdateAssessment(id string, update func(a *Assessment) error) error {
	return s.PutAnswers(id, nil, update)
}

// Delete removes an assessment, its answers and its index entry. Its content
// snapshot stays (other assessments may share it).
func (s *Store) Delete(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b.Get([]byte(id)) == nil {
			return fail(ErrNotFound, "id", id)
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		if err := tx.Bucket(bIndex).Delete([]byte(id)); err != nil {
			return err
		}
		for _, parent := range [][]byte{bAnswers, bConsensus, bHistory, bPlans} {
			if p := tx.Bucket(parent); p != nil && p.Bucket([]byte(id)) != nil {
				if err := p.DeleteBucket([]byte(id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
