package reports_test

import (
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/reports"
)

// withScores gives a source's overall score, first section, first MGI view
// and "plan" indicator the score v (unrounded).
func withScores(t *testing.T, s *reports.Source, v float64) string {
	t.Helper()
	s.Score.Overall = &v
	sec := s.Score.Sections[0].ID
	s.Score.Sections[0].Score = &v
	for code := range s.Score.By["mgi"] {
		s.Score.By["mgi"][code] = &v
	}
	ir := s.Score.Indicator("plan")
	if ir == nil {
		t.Fatal("the sample has no plan indicator")
	}
	ir.Score = &v
	return sec
}

// TestCompareDeltaFromUnroundedScores: 60.06 → 76.74 is +16.68, shown +16.7,
// although the rounded scores shown (60.1 and 76.7) differ by 16.6. Every
// delta of the comparison (rows, the effects of adopted measures) and every
// format must say +16.7.
func TestCompareDeltaFromUnroundedScores(t *testing.T) {
	base, fu := baselineWithPlan(t), followUp(t)
	sec := withScores(t, base, 60.06)
	withScores(t, fu, 76.74)
	d, err := reports.BuildCompare([]*reports.Source{base, fu}, reports.Options{Lang: "fr", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Comparison
	if c.Mode != reports.ModeFollowUp {
		t.Fatalf("mode %q", c.Mode)
	}
	check := func(what string, r reports.CompareRow) {
		t.Helper()
		if len(r.Values) != 2 || r.Values[0] == nil || *r.Values[0] != 60.1 || r.Values[1] == nil || *r.Values[1] != 76.7 {
			t.Errorf("%s values %v, want 60.1 and 76.7 shown", what, r.Values)
		}
		if r.Delta == nil || *r.Delta != 16.7 {
			t.Errorf("%s delta %v, want 16.7 (76.74 − 60.06 = 16.68)", what, r.Delta)
		}
	}
	check("overall", c.Overall)
	var found bool
	for _, r := range c.Sections {
		if r.ID == sec {
			check("section "+sec, r)
			found = true
		}
	}
	for _, r := range c.Views {
		if r.Kind == "mgi" {
			check("view "+r.ID, r)
		}
	}
	for _, r := range c.Indicators {
		if r.ID == "plan" {
			check("indicator plan", r)
		}
	}
	if !found {
		t.Fatalf("no section %s in %+v", sec, c.Sections)
	}
	var changed bool
	for _, ch := range c.Changes {
		if ch.Indicator == "plan" {
			changed = true
			if ch.Delta == nil || *ch.Delta != 16.7 {
				t.Errorf("change of plan: delta %v, want 16.7", ch.Delta)
			}
		}
	}
	if !changed {
		t.Errorf("the change of plan is not listed: %+v", c.Changes)
	}
	ap := effectOf(t, c.Effects, "adopt_plan")
	if len(ap.Indicators) != 1 || ap.Indicators[0].Delta == nil || *ap.Indicators[0].Delta != 16.7 ||
		*ap.Indicators[0].From != 60.1 || *ap.Indicators[0].To != 76.7 {
		t.Errorf("adopt_plan indicators %+v, want 60.1 → 76.7 (+16.7)", ap.Indicators)
	}
	if ap.MeanDelta == nil || *ap.MeanDelta != 16.7 || !strings.Contains(ap.Line, "+16,7") {
		t.Errorf("adopt_plan mean delta %v, line %q, want +16,7", ap.MeanDelta, ap.Line)
	}

	// Every format shows +16,7 / 16.7 and never the rounded-scores delta.
	md := string(renderCompare(t, "md", "fr", base, fu))
	if !strings.Contains(md, "| 60,1 | 76,7 | +16,7 |") || strings.Contains(md, "16,6") {
		t.Errorf("Markdown deltas wrong:\n%s", md)
	}
	if h := html.UnescapeString(string(renderCompare(t, "html", "fr", base, fu))); !strings.Contains(h, "+16,7") || strings.Contains(h, "16,6") {
		t.Errorf("HTML shows no +16,7 or shows 16,6")
	}
	var deltas int
	for _, r := range readCSV(t, "compare", renderCompare(t, "csv", "fr", base, fu)) {
		for _, cell := range r {
			if strings.Contains(cell, "16.6") || strings.Contains(cell, "16,6") {
				t.Errorf("CSV row %v shows 16.6", r)
			}
			if cell == "16.7" {
				deltas++
			}
		}
	}
	if deltas < 4 {
		t.Errorf("CSV shows 16.7 in %d cells, want overall, section, view, indicator and adopted measure", deltas)
	}
	var doc struct {
		Comparison struct {
			Overall struct {
				Delta *float64 `json:"delta"`
			} `json:"overall"`
		} `json:"comparison"`
	}
	if err := json.Unmarshal(renderCompare(t, "json", "fr", base, fu), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Comparison.Overall.Delta == nil || *doc.Comparison.Overall.Delta != 16.7 {
		t.Errorf("JSON overall delta %v, want 16.7", doc.Comparison.Overall.Delta)
	}
}
