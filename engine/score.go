package engine

import (
	"math"
	"sort"
)

// IndicatorResult is one scored question's contribution.
type IndicatorResult struct {
	ID      string   `json:"id"`
	Section string   `json:"section"`
	Score   *float64 `json:"score"`
	Status  string   `json:"status"`
	Weight  float64  `json:"weight"`
	// Choice is the chosen level's code, when answered.
	Choice string `json:"choice,omitempty"`
}

// SectionResult is a scored section's score and data quality.
type SectionResult struct {
	ID    string   `json:"id"`
	Score *float64 `json:"score"`
	Band  string   `json:"band"`
	// Answered counts relevant indicators with a known level; Relevant counts
	// relevant indicators, "not applicable" ones excluded.
	Answered      int     `json:"answered"`
	Relevant      int     `json:"relevant"`
	Coverage      float64 `json:"coverage"`
	LowConfidence bool    `json:"low_confidence"`
	DontKnow      int     `json:"dont_know"`
	NotApplicable int     `json:"not_applicable"`
	Unanswered    int     `json:"unanswered"`
	Skipped       int     `json:"skipped"`
	Target        float64 `json:"target"`
	// Asked is false when the section's own relevance skipped it.
	Asked bool `json:"asked"`
}

// ScoreResult is the score of an assessment (MIPEX 2020 arithmetic:
// indicators → sections → overall).
type ScoreResult struct {
	Overall     *float64 `json:"score"`
	OverallBand string   `json:"band"`
	Coverage    float64  `json:"coverage"`
	Sections    []SectionResult
	Indicators  []IndicatorResult
	// By holds the secondary views: "mgi", "mipex", "snia" → code → mean score.
	By map[string]map[string]*float64

	// Positions in Sections and Indicators by id, filled by Score: Recommend
	// looks results up once per measure and indicator, and a scan made that
	// O(measures × indicators).
	sectionAt, indicatorAt map[string]int
}

// Section returns a section's result, or nil.
func (r *ScoreResult) Section(id string) *SectionResult {
	if i, ok := r.sectionAt[id]; ok && i < len(r.Sections) && r.Sections[i].ID == id {
		return &r.Sections[i]
	}
	for i := range r.Sections {
		if r.Sections[i].ID == id {
			return &r.Sections[i]
		}
	}
	return nil
}

// Indicator returns an indicator's result, or nil.
func (r *ScoreResult) Indicator(id string) *IndicatorResult {
	if i, ok := r.indicatorAt[id]; ok && i < len(r.Indicators) && r.Indicators[i].ID == id {
		return &r.Indicators[i]
	}
	for i := range r.Indicators {
		if r.Indicators[i].ID == id {
			return &r.Indicators[i]
		}
	}
	return nil
}

// Target returns the target score of a section under the policy.
func (p *Policy) TargetFor(section string) float64 {
	if t, ok := p.SectionTargets[section]; ok {
		return t
	}
	return p.Target
}

type mean struct{ sum, w float64 }

func (m *mean) add(v, w float64) { m.sum += v * w; m.w += w }

func (m mean) value() *float64 {
	if m.w == 0 {
		return nil
	}
	v := m.sum / m.w
	return &v
}

// Score computes indicator, section and overall scores. A partial assessment
// can be scored: unanswered and "don't know" indicators are left out and
// lower the coverage; an indicator skipped by relevance counts at its skip
// score (its lowest level unless content says to exclude it).
func Score(st *State, p *Policy) *ScoreResult {
	q := st.Q
	r := &ScoreResult{By: map[string]map[string]*float64{"mgi": {}, "mipex": {}, "snia": {}}}
	views := map[string]map[string]*mean{"mgi": {}, "mipex": {}, "snia": {}}
	addView := func(kind, code string, v, w float64) {
		m := views[kind][code]
		if m == nil {
			m = &mean{}
			views[kind][code] = m
		}
		m.add(v, w)
	}
	var overall mean
	var totAnswered, totRelevant int
	for _, s := range q.Sections {
		if !s.Scored {
			continue
		}
		sr := SectionResult{ID: s.ID, Target: p.TargetFor(s.ID), Asked: st.secRel[s.Index]}
		var sec mean
		for _, qu := range s.Questions {
			if !qu.Scored {
				continue
			}
			ir := IndicatorResult{ID: qu.ID, Section: s.ID, Status: st.Status(qu.ID), Weight: qu.Weight}
			if code, ok := st.answers[qu.Index].(string); ok && st.rel[qu.Index] {
				ir.Choice = code
			}
			if v, ok := st.IndicatorScore(qu.ID); ok {
				x := v
				ir.Score = &x
				sec.add(v, qu.Weight)
				if qu.Refs.MGI != "" {
					addView("mgi", qu.Refs.MGI, v, qu.Weight)
				}
				if qu.Refs.MIPEX != "" {
					addView("mipex", qu.Refs.MIPEX, v, qu.Weight)
				}
				for _, c := range qu.Refs.SNIA {
					addView("snia", c, v, qu.Weight)
				}
			}
			switch ir.Status {
			case StatusAnswered:
				sr.Answered++
				sr.Relevant++
			case StatusDontKnow:
				sr.DontKnow++
				sr.Relevant++
			case StatusUnanswered:
				sr.Unanswered++
				sr.Relevant++
			case StatusNotApplicable:
				sr.NotApplicable++
			case StatusSkipped:
				sr.Skipped++
			}
			r.Indicators = append(r.Indicators, ir)
		}
		if sr.Asked {
			sr.Score = sec.value()
		}
		if sr.Relevant > 0 {
			sr.Coverage = float64(sr.Answered) / float64(sr.Relevant)
		} else if sr.Score != nil {
			sr.Coverage = 1
		}
		sr.LowConfidence = sr.Asked && sr.Coverage < p.LowConfidenceBelow
		if sr.Score != nil {
			if b := p.BandFor(*sr.Score); b != nil {
				sr.Band = b.ID
			}
			overall.add(*sr.Score, 1)
		}
		if sr.Asked {
			totAnswered += sr.Answered
			totRelevant += sr.Relevant
		}
		r.Sections = append(r.Sections, sr)
	}
	r.sectionAt = make(map[string]int, len(r.Sections))
	for i := range r.Sections {
		r.sectionAt[r.Sections[i].ID] = i
	}
	r.indicatorAt = make(map[string]int, len(r.Indicators))
	for i := range r.Indicators {
		r.indicatorAt[r.Indicators[i].ID] = i
	}
	r.Overall = overall.value()
	if r.Overall != nil {
		if b := p.BandFor(*r.Overall); b != nil {
			r.OverallBand = b.ID
		}
	}
	if totRelevant > 0 {
		r.Coverage = float64(totAnswered) / float64(totRelevant)
	}
	for kind, m := range views {
		for code, mm := range m {
			r.By[kind][code] = mm.value()
		}
	}
	return r
}

// Round1 rounds a score to one decimal, for display and JSON.
func Round1(v float64) float64 { return math.Round(v*10) / 10 }

// SortedCodes returns the keys of a view in a stable, natural order.
func SortedCodes(m map[string]*float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

// naturalLess orders "P2" before "P10".
func naturalLess(a, b string) bool {
	ai, bi := 0, 0
	for ai < len(a) && bi < len(b) {
		ca, cb := a[ai], b[bi]
		if isDigit(ca) && isDigit(cb) {
			na, nb := 0, 0
			for ai < len(a) && isDigit(a[ai]) {
				na = na*10 + int(a[ai]-'0')
				ai++
			}
			for bi < len(b) && isDigit(b[bi]) {
				nb = nb*10 + int(b[bi]-'0')
				bi++
			}
			if na != nb {
				return na < nb
			}
			continue
		}
		if ca != cb {
			return ca < cb
		}
		ai++
		bi++
	}
	return len(a)-ai < len(b)-bi
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
