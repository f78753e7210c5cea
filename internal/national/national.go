// Package national builds the national view: the 12 regions side by side for
// one round, from the summary index of a database into which every region's
// bundles (or database) were imported. It renders the view as a terminal
// table, JSON, CSV and a self-contained HTML page.
//
// Its input is its own (Entry), filled by the caller from the index: this
// package reads neither the database nor any assessment's answers.
package national

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// Entry is one assessment as the index summarizes it.
type Entry struct {
	ID       string
	Region   string
	Round    string
	Status   string
	Created  time.Time
	Updated  time.Time
	Overall  *float64
	Coverage float64
	Sections []SectionEntry
	// Divergent counts questions where respondents are two levels apart.
	Divergent   int
	Recommended []string
	Adopted     []string
}

// SectionEntry is one section's score and coverage in an Entry.
type SectionEntry struct {
	ID       string
	Score    *float64
	Coverage float64
}

// Input is what the view is built from.
type Input struct {
	Entries []Entry
	// Content gives the regions, section titles, measure titles and bands
	// (the current content).
	Content *engine.Content
	// Round is the round to show; empty means the most recent one.
	Round string
	Lang  string
	// ProvisionalBelow is the overall coverage under which a region's result
	// is provisional (a share, 0–1: the policy's provisional_below).
	ProvisionalBelow float64
	// LowBelow is the section coverage under which a section's score is
	// marked (the policy's low_confidence_below).
	LowBelow float64
	// TopRecommended is how many of each region's ranked measures count as
	// "recommended" (the top of its list).
	TopRecommended int
	Generated      time.Time
	// Rounds, when given, describe every round of the database (the entries
	// may then hold only the shown round's); else they are counted from the
	// entries.
	Rounds []RoundStat
}

// RoundStat is a round's count of assessments and regions and its latest
// assessment's creation.
type RoundStat struct {
	Round       string
	Assessments int
	Regions     int
	Latest      time.Time
}

// CountRounds is what Input.Rounds needs, counted from every entry's round,
// region and creation.
type CountRounds struct {
	stats   map[string]*RoundStat
	regions map[string]map[string]bool
}

// Add counts one assessment.
func (c *CountRounds) Add(round, region string, created time.Time) {
	if c.stats == nil {
		c.stats, c.regions = map[string]*RoundStat{}, map[string]map[string]bool{}
	}
	r := c.stats[round]
	if r == nil {
		r = &RoundStat{Round: round}
		c.stats[round], c.regions[round] = r, map[string]bool{}
	}
	r.Assessments++
	if !c.regions[round][region] {
		c.regions[round][region] = true
		r.Regions++
	}
	if created.After(r.Latest) {
		r.Latest = created
	}
}

// Stats returns the rounds, most recent first.
func (c *CountRounds) Stats() []RoundStat {
	var out []RoundStat
	for _, r := range c.stats {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Latest.Equal(out[j].Latest) {
			return out[i].Latest.After(out[j].Latest)
		}
		return out[i].Round > out[j].Round
	})
	return out
}

// View is the national view of one round.
type View struct {
	Round     string    `json:"round"`
	Lang      string    `json:"lang"`
	Generated time.Time `json:"generated"`
	// Rounds lists every round in the database, most recent first, with its
	// number of assessments.
	Rounds []RoundCount `json:"rounds"`
	// ProvisionalBelow and LowBelow are the coverage thresholds (0–1) of a
	// provisional result and of a low-confidence section.
	ProvisionalBelow float64         `json:"provisional_below"`
	LowBelow         float64         `json:"low_confidence_below"`
	TopRecommended   int             `json:"top_recommended"`
	Sections         []SectionHead   `json:"sections"`
	Regions          []RegionRow     `json:"regions"`
	Recommended      []MeasureCount  `json:"most_recommended"`
	Adopted          []MeasureCount  `json:"most_adopted"`
	Totals           Totals          `json:"totals"`
	Bands            []BandHead      `json:"bands"`
	sectionAt        map[string]int  `json:"-"`
	policy           *engine.Policy  `json:"-"`
	refs             *engine.Content `json:"-"`
}

// RoundCount is a round and its number of assessments.
type RoundCount struct {
	Round       string `json:"round"`
	Assessments int    `json:"assessments"`
	Regions     int    `json:"regions"`
}

// SectionHead is a scored section.
type SectionHead struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// BandHead is a score band of the policy.
type BandHead struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Color string  `json:"color"`
}

// RegionRow is one region in the view.
type RegionRow struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Assessment is the id shown for the region (empty: none this round);
	// Count is how many assessments the region has in the round. With more
	// than one, the most advanced status wins, then the latest update.
	Assessment  string        `json:"assessment,omitempty"`
	Count       int           `json:"assessments"`
	Status      string        `json:"status,omitempty"`
	Updated     *time.Time    `json:"updated,omitempty"`
	Overall     *float64      `json:"overall"`
	Band        string        `json:"band,omitempty"`
	Coverage    float64       `json:"coverage"`
	Provisional bool          `json:"provisional"`
	Sections    []SectionCell `json:"sections"`
	Divergent   int           `json:"divergent"`
	Recommended int           `json:"recommended"`
	Adopted     int           `json:"adopted"`
}

// SectionCell is one region's score in one section.
type SectionCell struct {
	ID          string   `json:"id"`
	Score       *float64 `json:"score"`
	Band        string   `json:"band,omitempty"`
	Coverage    float64  `json:"coverage"`
	Provisional bool     `json:"provisional"`
}

// MeasureCount is a measure and the regions that have it.
type MeasureCount struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Regions []string `json:"regions"`
}

// Totals sums the view up.
type Totals struct {
	Regions     int      `json:"regions"`
	Assessed    int      `json:"assessed"`
	Provisional int      `json:"provisional"`
	Validated   int      `json:"validated"`
	Divergent   int      `json:"divergent"`
	Mean        *float64 `json:"mean_overall"`
}

// ErrNoData means the database holds no assessment to show.
var ErrNoData = errors.New("no assessment in the database")

// ErrNoRound means the round asked for has no assessment.
var ErrNoRound = errors.New("no assessment in this round")

var statusRank = map[string]int{"validated": 3, "in_review": 2, "draft": 1}

// Build makes the view of in.Round (the most recent round when empty).
func Build(in Input) (*View, error) {
	c := in.Content
	v := &View{Lang: in.Lang, Generated: in.Generated, ProvisionalBelow: in.ProvisionalBelow, LowBelow: in.LowBelow, TopRecommended: in.TopRecommended,
		policy: c.Rules.Policy, refs: c, sectionAt: map[string]int{}}
	// Rounds, most recent first (by their latest assessment).
	stats := in.Rounds
	if stats == nil {
		var cr CountRounds
		for _, e := range in.Entries {
			cr.Add(e.Round, e.Region, e.Created)
		}
		stats = cr.Stats()
	}
	if len(stats) == 0 {
		return nil, ErrNoData
	}
	known := false
	for _, r := range stats {
		v.Rounds = append(v.Rounds, RoundCount{Round: r.Round, Assessments: r.Assessments, Regions: r.Regions})
		known = known || r.Round == in.Round
	}
	v.Round = in.Round
	if v.Round == "" {
		v.Round, known = v.Rounds[0].Round, true
	}
	if !known {
		return v, ErrNoRound
	}
	for _, s := range c.Q.Sections {
		if !scored(s, c.Q) {
			continue
		}
		v.sectionAt[s.ID] = len(v.Sections)
		v.Sections = append(v.Sections, SectionHead{ID: s.ID, Title: s.Title.Get(in.Lang)})
	}
	for _, b := range c.Rules.Policy.Bands {
		v.Bands = append(v.Bands, BandHead{ID: b.ID, Label: b.Label.Get(in.Lang), Min: b.Min, Max: b.Max, Color: b.Color})
	}
	// One assessment per region: the most advanced status, then the latest.
	chosen := map[string]*Entry{}
	count := map[string]int{}
	for i := range in.Entries {
		e := &in.Entries[i]
		if e.Round != v.Round {
			continue
		}
		count[e.Region]++
		cur := chosen[e.Region]
		if cur == nil || statusRank[e.Status] > statusRank[cur.Status] ||
			statusRank[e.Status] == statusRank[cur.Status] && (e.Updated.After(cur.Updated) || e.Updated.Equal(cur.Updated) && e.ID > cur.ID) {
			chosen[e.Region] = e
		}
	}
	codes := c.Refs.RegionCodes()
	for code := range chosen {
		if c.Refs.Region(code) == nil {
			codes = append(codes, code) // a region the content does not list (older content)
		}
	}
	recommended := map[string][]string{}
	adopted := map[string][]string{}
	var sum float64
	var nScored int
	for _, code := range codes {
		row := RegionRow{Code: code, Name: c.Refs.RegionName(code, in.Lang), Count: count[code], Sections: []SectionCell{}}
		e := chosen[code]
		v.Totals.Regions++
		if e != nil {
			v.Totals.Assessed++
			upd := e.Updated
			row.Assessment, row.Status, row.Updated, row.Overall, row.Coverage = e.ID, e.Status, &upd, round1(e.Overall), e.Coverage
			row.Band = v.bandID(e.Overall)
			row.Provisional = e.Coverage < in.ProvisionalBelow
			row.Divergent = e.Divergent
			byID := map[string]SectionEntry{}
			for _, s := range e.Sections {
				byID[s.ID] = s
			}
			for _, h := range v.Sections {
				s, ok := byID[h.ID]
				cell := SectionCell{ID: h.ID}
				if ok {
					cell.Score, cell.Coverage, cell.Band = round1(s.Score), s.Coverage, v.bandID(s.Score)
					cell.Provisional = s.Coverage < in.LowBelow
				}
				row.Sections = append(row.Sections, cell)
			}
			top := e.Recommended
			if in.TopRecommended > 0 && len(top) > in.TopRecommended {
				top = top[:in.TopRecommended]
			}
			for _, m := range top {
				recommended[m] = append(recommended[m], code)
			}
			for _, m := range e.Adopted {
				adopted[m] = append(adopted[m], code)
			}
			row.Recommended, row.Adopted = len(top), len(e.Adopted)
			if row.Provisional {
				v.Totals.Provisional++
			}
			if e.Status == "validated" {
				v.Totals.Validated++
			}
			v.Totals.Divergent += e.Divergent
			if e.Overall != nil {
				sum += *e.Overall
				nScored++
			}
		}
		v.Regions = append(v.Regions, row)
	}
	if nScored > 0 {
		m := sum / float64(nScored)
		v.Totals.Mean = round1(&m)
	}
	v.Recommended = v.measureCounts(recommended, in.Lang)
	v.Adopted = v.measureCounts(adopted, in.Lang)
	return v, nil
}

// scored reports whether a section has scored questions.
func scored(s *engine.Section, q *engine.Questionnaire) bool {
	for _, qu := range q.Indicators() {
		if qu.Section == s {
			return true
		}
	}
	return false
}

func (v *View) bandID(score *float64) string {
	if score == nil {
		return ""
	}
	if b := v.policy.BandFor(*score); b != nil {
		return b.ID
	}
	return ""
}

func (v *View) band(id string) *BandHead {
	for i := range v.Bands {
		if v.Bands[i].ID == id {
			return &v.Bands[i]
		}
	}
	return nil
}

// maxMeasures is how many measures each list shows.
const maxMeasures = 10

func (v *View) measureCounts(m map[string][]string, lang string) []MeasureCount {
	out := []MeasureCount{}
	for id, regions := range m {
		title := id
		if ms := v.refs.Rules.Measure(id); ms != nil {
			title = ms.Title.Get(lang)
		}
		out = append(out, MeasureCount{ID: id, Title: title, Regions: regions})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Regions) != len(out[j].Regions) {
			return len(out[i].Regions) > len(out[j].Regions)
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > maxMeasures {
		out = out[:maxMeasures]
	}
	return out
}

func round1(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := engine.Round1(*v)
	return &r
}

// num formats a score with at most one decimal and the language's separator.
func num(v *float64, lang string) string {
	if v == nil {
		return "—"
	}
	s := strconv.FormatFloat(engine.Round1(*v), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// pct formats a share as a whole percentage.
func pct(v float64, lang string) string {
	n := strconv.Itoa(int(math.Round(v * 100)))
	if lang == "fr" {
		return n + "\u00a0%"
	}
	return n + "%"
}
