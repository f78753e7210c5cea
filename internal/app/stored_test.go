package app

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/store"
)

// An assessment stored before the reference tables became content has no
// rules/references.yaml in its stored content: it still opens, with the
// built-in tables, and keeps the content hash it was stored with.
func TestOpenContentStoredWithoutReferences(t *testing.T) {
	files, err := DirFiles("../../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	delete(files, engine.ReferencesFile)
	if _, err := engine.LoadFiles(files); err == nil {
		t.Fatal("content without reference tables loads: the file is not required")
	}
	hash := engine.Hash(files)
	s, err := store.Open(filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	a := &store.Assessment{ID: NewID(), Region: "souss-massa", Round: "2025", Questionnaire: "sample", Version: "1.0.0",
		ContentHash: hash, Lang: "fr", Status: "draft", Created: now, Updated: now}
	if err := s.Create(a, files, nil); err != nil {
		t.Fatal(err)
	}
	env := &Env{Store: s}
	l, err := env.Open(a.ID)
	if err != nil {
		t.Fatalf("opening an assessment stored without reference tables: %v", err)
	}
	if l.Content.Hash != hash {
		t.Errorf("hash %s, want the stored %s", l.Content.Hash, hash)
	}
	if _, ok := l.Content.Files[engine.ReferencesFile]; ok {
		t.Error("the built-in tables were added to the stored files")
	}
	if got := l.Content.Refs.RegionName("souss-massa", "ar"); got != "جهة سوس ماسة" {
		t.Errorf("region name %q", got)
	}
}
