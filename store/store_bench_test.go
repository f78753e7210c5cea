package store_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/indimaj/indimaj/store"
)

// BenchmarkAnswerCommit is the cost of committing one answer as the
// interview does: open the file, one fsync'd transaction, close.
func BenchmarkAnswerCommit(b *testing.B) {
	dir := b.TempDir()
	s, err := store.Open(filepath.Join(dir, "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Create(newAssessment("B"), nil, nil); err != nil {
		b.Fatal(err)
	}
	an := store.Answer{Question: "gov03", Value: "partial", Note: "Décision n° 12/2024", Respondent: "A. Benali", At: time.Now().UTC()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.PutAnswers("B", []store.Answer{an}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawWriteFsync is the physical limit on the same disk: write the
// same bytes an answer takes and fsync, with no database at all.
func BenchmarkRawWriteFsync(b *testing.B) {
	an := store.Answer{Question: "gov03", Value: "partial", Note: "Décision n° 12/2024", Respondent: "A. Benali", At: time.Now().UTC()}
	data, _ := json.Marshal(an)
	f, err := os.OpenFile(filepath.Join(b.TempDir(), "raw"), os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.WriteAt(data, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
}
