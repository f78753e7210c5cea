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
	// Provisional is true when the coverage is below the policy's
	// provisional_below: the overall score is then withheld or greyed and
	// must not be compared with that of a complete assessment.
	Provisional bool `json:"provisional"`
	Sections    []SectionResult
	Indicators  []IndicatorResult
	// By holds the secondary views: "mgi", "mipex", "snia" → code → mean score.
	By map[string]map[string]*float64

	// Positions in Sections and Indicators by id (the questionnaire's plan).
	sectionAt, indicatorAt map[string]int
	// vals holds the scores the result's pointers point to; inView says
	// which view slots are in By.
	vals   []float64
	inView []bool
	// plan and policy are what the result was laid out for.
	plan   *scorePlan
	policy *Policy
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

// Score computes indicator, section and overall scores. A partial assessment
// can be scored: unanswered and "don't know" indicators are left out and
// lower the coverage; an indicator skipped by relevance counts at its skip
// score (its lowest level unless content says to exclude it).
func Score(st *State, p *Policy) *ScoreResult {
	r := &ScoreResult{}
	ScoreInto(st, p, r)
	return r
}

// ScoreInto is Score writing into r, reusing its memory: what r held before
// (and any pointer into it) is overwritten. Searches that score many answer
// sets (what-if) use it to score without allocating.
func ScoreInto(st *State, p *Policy, r *ScoreResult) {
	pl := st.Q.plan()
	nI, nS, nV := len(pl.inds), len(pl.sections), len(pl.views)
	if r.plan != pl || r.policy != p || len(r.Indicators) != nI || len(r.Sections) != nS {
		// A new result: the fields that depend only on the questionnaire and
		// the policy are written once.
		r.Indicators = make([]IndicatorResult, nI)
		r.Sections = make([]SectionResult, nS)
		r.vals = make([]float64, nI+nS+1+nV)
		r.inView = make([]bool, nV)
		r.By = nil
		for j := range pl.sections {
			s := pl.sections[j].sec
			r.Sections[j] = SectionResult{ID: s.ID, Target: p.TargetFor(s.ID)}
			for k := pl.sections[j].from; k < pl.sections[j].to; k++ {
				qu := pl.inds[k].qu
				r.Indicators[k] = IndicatorResult{ID: qu.ID, Section: s.ID, Weight: qu.Weight}
			}
		}
		r.plan, r.policy = pl, p
	}
	r.sectionAt, r.indicatorAt = pl.sectionAt, pl.indicatorAt
	r.Overall, r.OverallBand, r.Coverage, r.Provisional = nil, "", 0, false
	// One array holds every score the result points to.
	vals := r.vals
	isc, ssc, vsc := vals[:nI], vals[nI:nI+nS], vals[nI+nS+1:]
	// Views: weighted sums and weights by slot.
	var small [64]float64
	var vsum, vw []float64
	if 2*nV <= len(small) {
		vsum, vw = small[:nV], small[nV:2*nV]
	} else {
		vsum, vw = make([]float64, nV), make([]float64, nV)
	}
	var osum, on float64
	var totAnswered, totRelevant int
	for j := range pl.sections {
		ps := &pl.sections[j]
		s := ps.sec
		sr := &r.Sections[j]
		*sr = SectionResult{ID: sr.ID, Target: sr.Target, Asked: st.secRel[s.Index]}
		var sum, w float64
		for k := ps.from; k < ps.to; k++ {
			in := &pl.inds[k]
			qu := in.qu
			ir := &r.Indicators[k]
			code := st.statusCode(qu)
			ir.Status, ir.Score, ir.Choice = statusNames[code], nil, ""
			if c := st.choice[qu.Index]; c >= 0 && st.rel[qu.Index] {
				ir.Choice = qu.Choices[c].Value
			}
			if v, ok := st.scoreOf(in); ok {
				isc[k] = v
				ir.Score = &isc[k]
				sum += v * qu.Weight
				w += qu.Weight
				for _, slot := range in.views {
					vsum[slot] += v * qu.Weight
					vw[slot] += qu.Weight
				}
			}
			switch code {
			case stAnswered:
				sr.Answered++
				sr.Relevant++
			case stDontKnow:
				sr.DontKnow++
				sr.Relevant++
			case stUnanswered:
				sr.Unanswered++
				sr.Relevant++
			case stNotApplicable:
				sr.NotApplicable++
			case stSkipped:
				sr.Skipped++
			}
		}
		if sr.Asked && w != 0 {
			ssc[j] = sum / w
			sr.Score = &ssc[j]
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
			osum += *sr.Score
			on++
		}
		if sr.Asked {
			totAnswered += sr.Answered
			totRelevant += sr.Relevant
		}
	}
	if on > 0 {
		vals[nI+nS] = osum / on
		r.Overall = &vals[nI+nS]
		if b := p.BandFor(*r.Overall); b != nil {
			r.OverallBand = b.ID
		}
	}
	if totRelevant > 0 {
		r.Coverage = float64(totAnswered) / float64(totRelevant)
	}
	r.Provisional = p.IsProvisional(r.Coverage)
	if r.By == nil {
		r.By = make(map[string]map[string]*float64, len(viewKinds))
		for _, kind := range viewKinds {
			r.By[kind] = make(map[string]*float64, pl.kinds[kind])
		}
		clear(r.inView)
	}
	// A code appears once an indicator tagged with it has a score. The maps
	// point into vals, so a reused result only adds and removes codes.
	for slot, v := range pl.views {
		has := vw[slot] != 0
		if has {
			vsc[slot] = vsum[slot] / vw[slot]
		}
		if has != r.inView[slot] {
			if has {
				r.By[v.kind][v.code] = &vsc[slot]
			} else {
				delete(r.By[v.kind], v.code)
			}
			r.inView[slot] = has
		}
	}
}

// MissingAnswers lists a section's relevant indicators without a known
// level: the questions to answer for the results to stop being provisional.
type MissingAnswers struct {
	Section    string   `json:"section"`
	Unanswered []string `json:"unanswered"`
	DontKnow   []string `json:"dont_know"`
}

// Missing returns, per asked section in order, the indicators still
// unanswered or answered "don't know" (sections with none are left out).
func (r *ScoreResult) Missing() []MissingAnswers {
	var out []MissingAnswers
	for _, s := range r.Sections {
		if !s.Asked || s.Unanswered+s.DontKnow == 0 {
			continue
		}
		m := MissingAnswers{Section: s.ID, Unanswered: []string{}, DontKnow: []string{}}
		for _, ir := range r.Indicators {
			if ir.Section != s.ID {
				continue
			}
			switch ir.Status {
			case statusNames[stUnanswered]:
				m.Unanswered = append(m.Unanswered, ir.ID)
			case statusNames[stDontKnow]:
				m.DontKnow = append(m.DontKnow, ir.ID)
			}
		}
		out = append(out, m)
	}
	return out
}

// viewKinds are the secondary views of a score.
var viewKinds = []string{"mgi", "mipex", "snia"}

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
