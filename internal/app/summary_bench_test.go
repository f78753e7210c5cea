package app_test

import (
	"testing"
	"time"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// BenchmarkSummarize is what every change now adds to its transaction: the
// assessment rebuilt from its record, scored and ranked, for its index entry
// (embedded content, one respondent who answered every scored question).
func BenchmarkSummarize(b *testing.B) {
	c, err := app.LoadContent("")
	if err != nil {
		b.Fatal(err)
	}
	a := &store.Assessment{ID: "B", Region: "oriental", Round: "r", ContentHash: c.Hash, Status: "draft"}
	r := &store.Record{Assessment: a}
	for _, qu := range c.Q.Indicators() {
		for _, ch := range qu.Choices {
			if ch.Score != nil && *ch.Score == 50 {
				r.Answers = append(r.Answers, store.Answer{Question: qu.ID, Value: ch.Value, Respondent: "A", At: time.Now()})
			}
		}
	}
	env := &app.Env{Content: c}
	none := func(string) (map[string][]byte, error) { return nil, nil }
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := env.Summarize(r, none)
		if err != nil || sum.Overall == nil {
			b.Fatal(err)
		}
	}
}
