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
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/indimaj/indimaj/internal/i18n"
)

// SchemaVersion is the version of the data layout; later versions migrate from it.
const SchemaVersion = "1"

// LockTimeout is how long a command waits for a database another process holds.
var LockTimeout = 2 * time.Second

var (
	// ErrBusy means another process holds the database.
	ErrBusy error = msgError("store.busy")
	// ErrCorrupt means the file is not a usable indimaj database.
	ErrCorrupt error = msgError("store.corrupt")
	// ErrNotFound means no assessment has that id.
	ErrNotFound error = msgError("store.not_found")
	// ErrExists means an assessment with that id already exists.
	ErrExists error = msgError("store.exists")
)

// msgError is an error whose text is a message of package i18n, in the
// command line's language when it is printed (errors.Is compares keys).
type msgError string

func (e msgError) Error() string { return i18n.M(string(e)) }

// detail wraps a sentinel error with what happened, in the messages' language.
func detail(sentinel error, msg string) error {
	return fmt.Errorf("%w%s%s", sentinel, i18n.Colon(), msg)
}

var (
	bMeta        = []byte("meta")
	bAssessments = []byte("assessments")
	bAnswers     = []byte("answers")
	bContent     = []byte("content")
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
	// checked is set once the file passed a full consistency check in this process.
	checked bool
}

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
			return "", fmt.Errorf("%s%s%w", i18n.M("store.no_home"), i18n.Colon(), err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "indimaj", "indimaj.db"), nil
}

// Open prepares the database at path, creating it (folder 0700, file 0600)
// when it does not exist yet, and checks that it is a sound indimaj database.
func Open(path string) (*Store, error) {
	s := &Store{path: path}
	if err := s.update(func(tx *bolt.Tx) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

// OpenExisting is Open for read-only commands: a missing file is not created.
func OpenExisting(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &Store{path: path}, nil // reads see an empty database
	}
	s := &Store{path: path}
	if err := s.view(func(tx *bolt.Tx) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

// open opens the bbolt file with a lock timeout, refusing damaged files.
func (s *Store) open(readOnly bool) (db *bolt.DB, err error) {
	fi, statErr := os.Stat(s.path)
	switch {
	case statErr == nil && fi.IsDir():
		return nil, errors.New(i18n.M("store.is_folder", s.path))
	case statErr == nil && fi.Size() == 0:
		return nil, detail(ErrCorrupt, i18n.M("store.empty", s.path))
	case errors.Is(statErr, os.ErrNotExist):
		if readOnly {
			return nil, errNoFile
		}
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return nil, fmt.Errorf("%s%s%w", i18n.M("store.mkdir"), i18n.Colon(), err)
		}
	case statErr != nil:
		return nil, fmt.Errorf("%s%s%w", i18n.M("store.cannot_read", s.path), i18n.Colon(), statErr)
	}
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, corrupt(s.path, r)
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	db, err = bolt.Open(s.path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, detail(ErrBusy, i18n.M("store.busy_detail", s.path))
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum),
			strings.Contains(err.Error(), "file size too small"), strings.Contains(err.Error(), "invalid"):
			return nil, detail(ErrCorrupt, i18n.M("store.not_indimaj_or_damaged", s.path, err))
		case errors.Is(err, os.ErrPermission):
			return nil, errors.New(i18n.M("store.permission", s.path))
		}
		return nil, fmt.Errorf("%s%s%w", i18n.M("store.cannot_open", s.path), i18n.Colon(), err)
	}
	return db, nil
}

var errNoFile = errors.New("no database file")

func corrupt(path string, r any) error {
	return detail(ErrCorrupt, i18n.M("store.damaged", path, r))
}

// withDB runs fn on an open database, turning panics from damaged pages into errors.
func (s *Store) withDB(readOnly bool, fn func(db *bolt.DB) error) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	db, err := s.open(readOnly)
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(s.path, r)
		}
		if cerr := db.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("%s%s%w", i18n.M("store.closing", s.path), i18n.Colon(), cerr)
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	if err := s.verify(db, readOnly); err != nil {
		return err
	}
	return fn(db)
}

// verify checks the schema key (creating it in a new file) and, once per
// process, the whole file's consistency.
func (s *Store) verify(db *bolt.DB, readOnly bool) error {
	var schema []byte
	var empty bool
	err := db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bMeta); m != nil {
			schema = append([]byte(nil), m.Get(kSchema)...)
		}
		empty = isEmptyTx(tx)
		return nil
	})
	if err != nil {
		return err
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
			for _, b := range [][]byte{bAssessments, bAnswers, bContent, bConsensus, bHistory, bPlans} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s%s%w", i18n.M("store.init", s.path), i18n.Colon(), err)
		}
	case schema == nil && empty:
		// A new, empty file opened read-only: nothing to read.
	case schema == nil:
		return detail(ErrCorrupt, i18n.M("store.foreign", s.path))
	case string(schema) != SchemaVersion:
		return errors.New(i18n.M("store.schema", s.path, schema, SchemaVersion))
	}
	if !s.checked {
		err := db.View(func(tx *bolt.Tx) error {
			for e := range tx.Check() {
				return e
			}
			return nil
		})
		if err != nil {
			return detail(ErrCorrupt, i18n.M("store.check", s.path, err))
		}
		s.checked = true
	}
	return nil
}

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

func bucket(tx *bolt.Tx, name []byte) *bolt.Bucket {
	b := tx.Bucket(name)
	if b == nil {
		return nil
	}
	return b
}

// Resolve turns an id or a unique prefix of at least 4 characters into a full id.
func (s *Store) Resolve(idOrPrefix string) (string, error) {
	var matches []string
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bAssessments)
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
		return "", detail(ErrNotFound, i18n.M("store.not_found_id", idOrPrefix))
	case 1:
		return matches[0], nil
	}
	return "", detail(ErrNotFound, i18n.M("store.ambiguous", idOrPrefix, len(matches)))
}

// Create stores a new assessment with its content snapshot and initial answers,
// all in one transaction.
func (s *Store) Create(a *Assessment, content map[string][]byte, answers []Answer) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b.Get([]byte(a.ID)) != nil {
			return detail(ErrExists, a.ID)
		}
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
		for _, an := range answers {
			if err := putJSON(ab, answerKey(an.Respondent, an.Question), an); err != nil {
				return err
			}
		}
		return nil
	})
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

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

func answerKey(respondent, question string) string { return respondent + "\x00" + question }

// Content returns the content snapshot stored under a hash, or nil.
func (s *Store) Content(hash string) (map[string][]byte, error) {
	var files map[string][]byte
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bContent)
		if b == nil {
			return nil
		}
		data := b.Get([]byte(hash))
		if data == nil {
			return nil
		}
		return json.Unmarshal(data, &files)
	})
	return files, err
}

// Get returns an assessment and its answers (every respondent's), sorted by
// respondent then question order of storage.
func (s *Store) Get(id string) (*Assessment, []Answer, error) {
	var a *Assessment
	var answers []Answer
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		var data []byte
		if b != nil {
			data = b.Get([]byte(id))
		}
		if data == nil {
			return detail(ErrNotFound, id)
		}
		a = &Assessment{}
		if err := json.Unmarshal(data, a); err != nil {
			return detail(ErrCorrupt, i18n.M("store.unreadable", id, err))
		}
		ab := tx.Bucket(bAnswers).Bucket([]byte(id))
		if ab == nil {
			return nil
		}
		return ab.ForEach(func(k, v []byte) error {
			var an Answer
			if err := json.Unmarshal(v, &an); err != nil {
				return detail(ErrCorrupt, i18n.M("store.answer_unreadable", id, err))
			}
			answers = append(answers, an)
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return a, answers, nil
}

// List returns every assessment header, oldest first.
func (s *Store) List() ([]*Assessment, error) {
	var out []*Assessment
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			a := &Assessment{}
			if err := json.Unmarshal(v, a); err != nil {
				return detail(ErrCorrupt, i18n.M("store.unreadable", k, err))
			}
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

// Delete removes an assessment and its answers. Its content snapshot stays
// (other assessments may share it).
func (s *Store) Delete(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAssessments)
		if b.Get([]byte(id)) == nil {
			return detail(ErrNotFound, id)
		}
		if err := b.Delete([]byte(id)); err != nil {
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
