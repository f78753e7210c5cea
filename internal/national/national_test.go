package national_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/national"
)

func f(x float64) *float64 { return &x }

func entries(t0 time.Time) []national.Entry {
	sec := func(scores ...float64) []national.SectionEntry {
		ids := []string{"gov", "dat", "drt", "eco", "coh", "par", "ptn", "pro"}
		var out []national.SectionEntry
		for i, s := range scores {
			out = append(out, national.SectionEntry{ID: ids[i], Score: f(s), Coverage: 0.9})
		}
		return out
	}
	return []national.Entry{
		// Oriental: a draft and a validated one; the validated one is shown.
		{ID: "O1", Region: "oriental", Round: "2026-baseline", Status: "validated", Created: t0, Updated: t0, Overall: f(40), Coverage: 0.95,
			Sections: sec(10, 20, 30, 40, 50, 60, 70, 40), Divergent: 3, Recommended: []string{"m01", "m03", "m07"}, Adopted: []string{"m03"}},
		{ID: "O2", Region: "oriental", Round: "2026-baseline", Status: "draft", Created: t0.Add(time.Hour), Updated: t0.Add(2 * time.Hour), Overall: f(90), Coverage: 0.5},
		// Souss-Massa: provisional (coverage 70 %).
		{ID: "S1", Region: "souss-massa", Round: "2026-baseline", Status: "in_review", Created: t0, Updated: t0, Overall: f(61.25), Coverage: 0.7,
			Sections: sec(60, 60, 60, 60, 60, 60, 60, 70), Divergent: 1, Recommended: []string{"m03", "m01"}, Adopted: []string{"m03", "m05"}},
		// An older round.
		{ID: "X1", Region: "fes-meknes", Round: "2025-baseline", Status: "validated", Created: t0.Add(-365 * 24 * time.Hour), Updated: t0, Overall: f(10), Coverage: 1},
	}
}

func TestBuild(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	v, err := national.Build(national.Input{Entries: entries(t0), Content: c, Lang: "fr", ProvisionalBelow: 0.8, LowBelow: 0.8, TopRecommended: 2, Generated: t0})
	if err != nil {
		t.Fatal(err)
	}
	if v.Round != "2026-baseline" || len(v.Rounds) != 2 || v.Rounds[0].Round != "2026-baseline" || v.Rounds[0].Assessments != 3 {
		t.Fatalf("rounds: %q %+v", v.Round, v.Rounds)
	}
	if len(v.Regions) != 12 || len(v.Sections) != 8 {
		t.Fatalf("%d regions, %d sections", len(v.Regions), len(v.Sections))
	}
	byCode := map[string]national.RegionRow{}
	for _, r := range v.Regions {
		byCode[r.Code] = r
	}
	o, s, fm := byCode["oriental"], byCode["souss-massa"], byCode["fes-meknes"]
	if o.Assessment != "O1" || o.Count != 2 || *o.Overall != 40 || o.Provisional || o.Divergent != 3 || o.Recommended != 2 || o.Adopted != 1 {
		t.Errorf("oriental: %+v", o)
	}
	if o.Band != "very_weak" && o.Band != "weak" || o.Sections[0].Band != "very_weak" || *o.Sections[6].Score != 70 {
		t.Errorf("oriental's bands: %q, sections %+v", o.Band, o.Sections)
	}
	if s.Assessment != "S1" || !s.Provisional || *s.Overall != 61.3 {
		t.Errorf("souss-massa: %+v (overall %v)", s, *s.Overall)
	}
	if fm.Assessment != "" || fm.Count != 0 {
		t.Errorf("fes-meknes has nothing in this round: %+v", fm)
	}
	if v.Totals.Assessed != 2 || v.Totals.Provisional != 1 || v.Totals.Validated != 1 || v.Totals.Divergent != 4 || *v.Totals.Mean != 50.6 {
		t.Errorf("totals: %+v (mean %v)", v.Totals, *v.Totals.Mean)
	}
	// Top 2 of each list: m01 and m03 in both regions; m07 is third in Oriental.
	if len(v.Recommended) != 2 || v.Recommended[0].ID != "m01" || len(v.Recommended[0].Regions) != 2 || v.Recommended[1].ID != "m03" {
		t.Errorf("recommended: %+v", v.Recommended)
	}
	if v.Adopted[0].ID != "m03" || len(v.Adopted[0].Regions) != 2 || v.Adopted[1].ID != "m05" || v.Adopted[0].Title == "m03" {
		t.Errorf("adopted: %+v", v.Adopted)
	}
	// Another round, and one that does not exist.
	v, err = national.Build(national.Input{Entries: entries(t0), Content: c, Round: "2025-baseline", Lang: "en", ProvisionalBelow: 0.8, LowBelow: 0.8, TopRecommended: 10})
	if err != nil || v.Totals.Assessed != 1 {
		t.Fatalf("2025-baseline: %v %+v", err, v.Totals)
	}
	if _, err := national.Build(national.Input{Entries: entries(t0), Content: c, Round: "1999", Lang: "en"}); !errors.Is(err, national.ErrNoRound) {
		t.Fatalf("unknown round: %v", err)
	}
	if _, err := national.Build(national.Input{Content: c, Lang: "en"}); !errors.Is(err, national.ErrNoData) {
		t.Fatalf("no data: %v", err)
	}
}

func TestRenderings(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, lang := range []string{"fr", "ar", "en"} {
		v, err := national.Build(national.Input{Entries: entries(t0), Content: c, Lang: lang, ProvisionalBelow: 0.8, LowBelow: 0.8, TopRecommended: 10, Generated: t0})
		if err != nil {
			t.Fatal(err)
		}
		var h bytes.Buffer
		if err := v.HTML(&h); err != nil {
			t.Fatal(err)
		}
		page := h.String()
		for _, bad := range []string{"<script", "src=", "href=", "url(", "@import"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the page refers to something outside itself (%s)", lang, bad)
			}
		}
		wantDir := map[string]string{"fr": `dir="ltr"`, "ar": `dir="rtl"`, "en": `dir="ltr"`}[lang]
		if !strings.Contains(page, wantDir) || !strings.Contains(page, `class="map"`) || strings.Count(page, `class="tile`) != 12 {
			t.Errorf("%s: direction or map missing", lang)
		}
		for _, r := range v.Regions {
			if !strings.Contains(page, template.HTMLEscapeString(r.Name)) {
				t.Errorf("%s: %s missing from the page", lang, r.Name)
			}
		}
		if !strings.Contains(page, "grid-row:1;grid-column:4") { // Oriental, north-east
			t.Errorf("%s: Oriental is not placed on the map", lang)
		}
		var tb bytes.Buffer
		if err := v.Table(&tb); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(tb.String(), "\n"); n < 12+8 {
			t.Errorf("%s: table of %d lines", lang, n)
		}
	}
	v, _ := national.Build(national.Input{Entries: entries(t0), Content: c, Lang: "fr", ProvisionalBelow: 0.8, LowBelow: 0.8, TopRecommended: 10})
	var cb bytes.Buffer
	if err := v.CSV(&cb); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cb).ReadAll()
	if err != nil || len(rows) != 13 || len(rows[0]) != 13+16 {
		t.Fatalf("CSV: %v, %d rows, %d columns", err, len(rows), len(rows[0]))
	}
	for _, r := range rows[1:] {
		if r[1] == "souss-massa" && (r[6] != "61.3" || r[9] != "true" || r[8] != "0.7") {
			t.Errorf("souss-massa's CSV row: %v", r)
		}
	}
}
