package store_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/store"
	bolt "go.etcd.io/bbolt"
)

// checkDamageMessage asserts the one clear sentence every kind of damage
// gives: the file named, no runtime or bbolt internals.
func checkDamageMessage(t *testing.T, err error, path string) {
	t.Helper()
	msg := err.Error()
	for _, bad := range []string{"runtime error", "panic", "assertion", "invalid memory", "nil pointer", "goroutine"} {
		if strings.Contains(msg, bad) {
			t.Fatalf("message exposes internals (%q): %s", bad, msg)
		}
	}
	if !strings.Contains(msg, path) || !strings.Contains(msg, "restore it from a backup") && !strings.Contains(msg, "move it aside") {
		t.Fatalf("message does not say which file and what to do: %s", msg)
	}
}

// zeroPageAt zeroes the 4096-byte page of path holding the first occurrence
// of marker, and returns the file's bytes after the change.
func zeroPageAt(t *testing.T, path string, marker []byte) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, marker)
	if i < 0 {
		t.Fatalf("marker %q not in the file", marker)
	}
	page := i / 4096 * 4096
	for j := page; j < page+4096 && j < len(data); j++ {
		data[j] = 0
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return data
}

// summarize is a real Summarizer of the kind package app provides: it
// counts answers and reads the content snapshot through the transaction.
func summarize(r *store.Record, content func(string) (map[string][]byte, error)) (*store.Summary, error) {
	files, err := content(r.Assessment.ContentHash)
	if err != nil {
		return nil, err
	}
	overall := float64(len(files))
	return &store.Summary{Answered: len(r.Answers), Relevant: 10, Overall: &overall, Adopted: []string{fmt.Sprint(len(r.Plan))}}, nil
}

func bigContent() map[string][]byte {
	return map[string][]byte{"questionnaires/q.yaml": []byte("id: q\n" + strings.Repeat("# CONTENTMARK padding line\n", 2000))}
}

func TestDamageInWhatACommandReads(t *testing.T) {
	dir := t.TempDir()
	build := func(name string) string {
		p := filepath.Join(dir, name)
		s, err := store.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 30; i++ {
			a := newAssessment(fmt.Sprintf("A%04d", i))
			var content map[string][]byte
			if i == 0 {
				content = bigContent()
			}
			ans := []store.Answer{{Question: "q", Value: fmt.Sprintf("ANSWERMARK%04d %s", i, strings.Repeat("y", 300)), Respondent: "r", At: time.Now()}}
			if err := s.Create(a, content, ans); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	t.Run("zeroed page of the content snapshot", func(t *testing.T) {
		p := build("content.db")
		// Content is stored as JSON, its files in base64: find a piece of it.
		enc, _ := json.Marshal(bigContent())
		before := zeroPageAt(t, p, enc[len(enc)/2:len(enc)/2+40])
		s, err := store.OpenExisting(p)
		if err != nil {
			t.Fatalf("the damage is not in what opening reads: %v", err)
		}
		_, err = s.Content("sha256:x")
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("Content on a zeroed page = %v, want ErrCorrupt", err)
		}
		checkDamageMessage(t, err, p)
		rep, derr := store.Doctor(p)
		if derr != nil || rep.OK() {
			t.Fatalf("doctor on a zeroed content page: %+v, %v", rep, derr)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Fatal("the damaged file was modified")
		}
	})
	t.Run("zeroed page of an answer", func(t *testing.T) {
		p := build("answer.db")
		before := zeroPageAt(t, p, []byte("ANSWERMARK0017"))
		s, err := store.OpenExisting(p)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		var gerr error
		for i := 0; i < 30 && gerr == nil; i++ {
			_, _, gerr = s.Get(fmt.Sprintf("A%04d", i))
		}
		if !errors.Is(gerr, store.ErrCorrupt) {
			t.Fatalf("Get over a zeroed page = %v, want ErrCorrupt", gerr)
		}
		checkDamageMessage(t, gerr, p)
		w, err := store.Open(p)
		if err == nil {
			_, err = w.Apply("A0017", store.Change{Answers: []store.Answer{{Question: "z", Value: "full", Respondent: "r", At: time.Now()}}})
		}
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("a write to the damaged assessment = %v, want ErrCorrupt", err)
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(before, after) {
			t.Fatal("the damaged file was modified")
		}
		rep, derr := store.Doctor(p)
		if derr != nil || rep.OK() {
			t.Fatalf("doctor: %+v, %v", rep, derr)
		}
	})
	t.Run("one flipped byte in an answer", func(t *testing.T) {
		p := build("flip.db")
		data, _ := os.ReadFile(p)
		i := bytes.Index(data, []byte("ANSWERMARK0005"))
		data[i+len("ANSWERMARK0005")+3] ^= 1 // still valid JSON: only the seal tells
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, _ := store.OpenExisting(p)
		_, _, err := s.Get("A0005")
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("Get of a changed answer = %v, want ErrCorrupt", err)
		}
		checkDamageMessage(t, err, p)
		if _, _, err := s.Get("A0006"); err != nil {
			t.Fatalf("another assessment cannot be read: %v", err)
		}
		rep, _ := store.Doctor(p)
		if rep.OK() || !strings.Contains(rep.Problems[0].What, "checksum") {
			t.Fatalf("doctor: %+v", rep)
		}
	})
	t.Run("truncated by its last page in use", func(t *testing.T) {
		p := build("trunc.db")
		data, _ := os.ReadFile(p)
		db, err := bolt.Open(p, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var used int64
		_ = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
		db.Close()
		data = data[:used-4096] // the last page in use is gone
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err = store.OpenExisting(p)
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("open of a truncated file = %v", err)
		}
		checkDamageMessage(t, err, p)
		rep, derr := store.Doctor(p)
		if derr != nil || rep.OK() || !strings.Contains(rep.Problems[0].What, "truncated") {
			t.Fatalf("doctor: %+v, %v", rep, derr)
		}
	})
	t.Run("zeroed free-list page", func(t *testing.T) {
		p := build("freelist.db")
		data, _ := os.ReadFile(p)
		// The current meta page (highest txid) names the free-list page.
		var free, txid uint64
		for m := 0; m < 2; m++ {
			off := m*4096 + 16
			if tx := binary.LittleEndian.Uint64(data[off+48:]); tx >= txid {
				txid, free = tx, binary.LittleEndian.Uint64(data[off+32:])
			}
		}
		if binary.LittleEndian.Uint16(data[free*4096+8:]) != 0x10 {
			t.Fatalf("page %d is not the free list", free)
		}
		for j := free * 4096; j < (free+1)*4096; j++ {
			data[j] = 0
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		// Reads do not use the free list; a write does, and is refused.
		s, err := store.OpenExisting(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Get("A0003"); err != nil {
			t.Fatalf("a read: %v", err)
		}
		w, err := store.Open(p)
		if err == nil {
			err = w.UpdateAssessment("A0003", func(a *store.Assessment) error { a.Status = "in_review"; return nil })
		}
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("a write over a zeroed free list = %v, want ErrCorrupt", err)
		}
		checkDamageMessage(t, err, p)
		if after, _ := os.ReadFile(p); !bytes.Equal(data, after) {
			t.Fatal("the damaged file was modified")
		}
		if rep, err := store.Doctor(p); err != nil || rep.OK() {
			t.Fatalf("doctor: %+v, %v", rep, err)
		}
	})
	t.Run("sound file", func(t *testing.T) {
		p := build("good.db")
		rep, err := store.Doctor(p)
		if err != nil || !rep.OK() || rep.Assessments != 30 || rep.Schema != store.SchemaVersion {
			t.Fatalf("doctor on a sound file: %+v, %v", rep, err)
		}
	})
}

func TestIndexKeptWithEachChange(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.db")
	s, err := store.Open(p, store.WithSummarizer(summarize))
	if err != nil {
		t.Fatal(err)
	}
	for i, region := range []string{"oriental", "souss-massa", "oriental"} {
		a := newAssessment(fmt.Sprintf("I%d", i))
		a.Region = region
		a.Created = a.Created.Add(time.Duration(i) * time.Second)
		if i == 2 {
			a.Round = "2027-review"
		}
		if err := s.Create(a, bigContent(), []store.Answer{{Question: "q", Value: "full", Respondent: "r", At: time.Now()}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Apply("I0", store.Change{Status: "in_review", Answers: []store.Answer{{Question: "q2", Value: "partial", Respondent: "s", At: time.Now()}},
		Plan: []store.PlanItem{{Measure: "m1", Status: "planned"}}}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Summaries(store.Filter{})
	if err != nil || len(all) != 3 {
		t.Fatalf("Summaries = %d, %v", len(all), err)
	}
	i0 := all[0]
	if i0.ID != "I0" || i0.Status != "in_review" || i0.Answered != 2 || !i0.Scored || *i0.Overall != 1 || i0.Adopted[0] != "1" || len(i0.Respondents) != 2 {
		t.Fatalf("I0's entry after a change: %+v", i0)
	}
	got := func(f store.Filter) string {
		list, err := s.Summaries(f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		return strings.Join(ids, ",")
	}
	for f, want := range map[store.Filter]string{
		{Region: "oriental"}:                         "I0,I2",
		{Round: "2027-review"}:                       "I2",
		{Status: "in_review"}:                        "I0",
		{Region: "oriental", Round: "2026-baseline"}: "I0",
		{Region: "draa-tafilalet"}:                   "",
	} {
		if g := got(f); g != want {
			t.Errorf("Summaries(%+v) = %q, want %q", f, g, want)
		}
	}
	if err := s.Delete("I1"); err != nil {
		t.Fatal(err)
	}
	if g := got(store.Filter{}); g != "I0,I2" {
		t.Fatalf("after Delete: %q", g)
	}
	// Without a summarizer, only the header part is kept, and Reindex with
	// one completes it.
	plain, _ := store.Open(p)
	if err := plain.UpdateAssessment("I2", func(a *store.Assessment) error { a.Status = "validated"; return nil }); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Summaries(store.Filter{Status: "validated"})
	if len(list) != 1 || list[0].Scored {
		t.Fatalf("entry written without a summarizer: %+v", list)
	}
	if err := s.Reindex(); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Summaries(store.Filter{Status: "validated"})
	if len(list) != 1 || !list[0].Scored || list[0].Answered != 1 {
		t.Fatalf("after Reindex: %+v", list)
	}
	if rep, err := store.Doctor(p); err != nil || !rep.OK() {
		t.Fatalf("doctor: %+v %v", rep, err)
	}
}

// TestMigrationFromSchema1 writes a file with the layout of schema 1 (plain
// JSON values, no index), as indimaj wrote before, and opens it.
func TestMigrationFromSchema1(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	put := func(b *bolt.Bucket, k string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Put([]byte(k), data); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	err = db.Update(func(tx *bolt.Tx) error {
		m, _ := tx.CreateBucket([]byte("meta"))
		_ = m.Put([]byte("schema"), []byte("1"))
		_ = m.Put([]byte("created"), []byte(now.Format(time.RFC3339)))
		buckets := map[string]*bolt.Bucket{}
		for _, n := range []string{"assessments", "answers", "content", "consensus", "history", "plans"} {
			buckets[n], _ = tx.CreateBucket([]byte(n))
		}
		put(buckets["content"], "sha256:x", bigContent())
		for i := 0; i < 3; i++ {
			id := fmt.Sprintf("OLD%d", i)
			a := newAssessment(id)
			a.Created = now.Add(time.Duration(i) * time.Minute)
			put(buckets["assessments"], id, a)
			ab, _ := buckets["answers"].CreateBucket([]byte(id))
			for j := 0; j <= i; j++ {
				put(ab, fmt.Sprintf("r\x00q%d", j), store.Answer{Question: fmt.Sprintf("q%d", j), Value: "full", Respondent: "r", At: now})
			}
			hb, _ := buckets["history"].CreateBucket([]byte(id))
			put(hb, "E"+id, store.HistoryEntry{ID: "E" + id, At: now, By: "r", Kind: "answer", Question: "q0", New: "full"})
			pb, _ := buckets["plans"].CreateBucket([]byte(id))
			put(pb, "m1", store.PlanItem{Measure: "m1", Status: "planned", Adopted: now, Updated: now})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if rep, err := store.Doctor(p); err != nil || rep.OK() || !strings.Contains(rep.Problems[0].What, "older format") {
		t.Fatalf("doctor before the conversion: %+v, %v", rep, err)
	}
	// A read command's first open converts it.
	s, err := store.OpenExisting(p, store.WithSummarizer(summarize))
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Summaries(store.Filter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("index after the conversion: %d, %v", len(list), err)
	}
	for i, sum := range list {
		if sum.ID != fmt.Sprintf("OLD%d", i) || !sum.Scored || sum.Answered != i+1 || sum.Adopted[0] != "1" || sum.Region != "oriental" {
			t.Fatalf("entry %d: %+v", i, sum)
		}
	}
	r, err := s.Full("OLD2")
	if err != nil || len(r.Answers) != 3 || len(r.History) != 1 || len(r.Plan) != 1 {
		t.Fatalf("OLD2 after the conversion: %+v, %v", r, err)
	}
	if files, err := s.Content("sha256:x"); err != nil || !bytes.Contains(files["questionnaires/q.yaml"], []byte("CONTENTMARK")) {
		t.Fatalf("content after the conversion: %v", err)
	}
	rep, err := store.Doctor(p)
	if err != nil || !rep.OK() || rep.Schema != store.SchemaVersion || rep.Assessments != 3 {
		t.Fatalf("doctor after the conversion: %+v, %v", rep, err)
	}
	// Writes go on as usual.
	if err := s.PutAnswers("OLD0", []store.Answer{{Question: "q9", Value: "none", Respondent: "r", At: now}}, nil); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Summaries(store.Filter{})
	if list[0].Answered != 2 {
		t.Fatalf("after an answer: %+v", list[0])
	}
}
