package engine_test

import (
	"slices"
	"testing"
)

// TestSortByOrder: questionnaire order first, unknown ids last in alphabetical order.
func TestSortByOrder(t *testing.T) {
	c := loadEmbedded(t)
	q := c.Q
	first, second := q.Questions[0].ID, q.Questions[5].ID
	ids := []string{"zz_unknown", second, "aa_unknown", first}
	q.SortByOrder(ids)
	want := []string{first, second, "aa_unknown", "zz_unknown"}
	if !slices.Equal(ids, want) {
		t.Fatalf("SortByOrder = %v, want %v", ids, want)
	}
}
