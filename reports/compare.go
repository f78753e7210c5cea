package reports

import (
	"slices"
	"sort"
	"strings"

	"github.com/indimaj/indimaj/internal/i18n"
)

// Compare modes.
const (
	ModeRegions  = "regions"
	ModeFollowUp = "follow_up"
)

// followUpChain returns the sources ordered baseline first when each one but
// the first is the follow-up of the previous one (its Baseline is the
// previous one's id), or nil.
func followUpChain(srcs []*Source) []*Source {
	byID := map[string]*Source{}
	for _, s := range srcs {
		byID[s.Assessment.ID] = s
	}
	child := map[string]*Source{}
	var roots []*Source
	for _, s := range srcs {
		b := s.Assessment.Baseline
		if b == "" || byID[b] == nil {
			roots = append(roots, s)
			continue
		}
		if child[b] != nil {
			return nil // two follow-ups of the same baseline: not a chain
		}
		child[b] = s
	}
	if len(roots) != 1 {
		return nil
	}
	chain := []*Source{roots[0]}
	for cur := roots[0]; child[cur.Assessment.ID] != nil; {
		cur = child[cur.Assessment.ID]
		chain = append(chain, cur)
		if len(chain) > len(srcs) {
			return nil
		}
	}
	if len(chain) != len(srcs) {
		return nil
	}
	return chain
}

// delta is the change from the first to the last value, rounded to one
// decimal for display. The values must be the unrounded scores: rounding
// each score before subtracting can be off by 0.1 (60.04 → 76.66 is +16.62,
// +16.6, not 76.7 − 60.0 = +16.7).
func delta(values []*float64) *float64 {
	if len(values) < 2 || values[0] == nil || values[len(values)-1] == nil {
		return nil
	}
	d := *values[len(values)-1] - *values[0]
	return round1(&d)
}

// roundAll rounds each value to one decimal for display.
func roundAll(values []*float64) []*float64 {
	out := make([]*float64, len(values))
	for i, v := range values {
		out[i] = round1(v)
	}
	return out
}

// BuildCompare assembles the comparison of two or more assessments: regions
// side by side, or, when they form a chain of follow-up rounds (each one's
// baseline is the previous one), the rounds in order with the change from
// the first to the last.
func BuildCompare(srcs []*Source, opt Options) (*Doc, error) {
	if err := checkLang(opt.Lang); err != nil {
		return nil, err
	}
	if len(srcs) < 2 {
		return nil, inputf("%s", i18n.M("rp.err.compare_two"))
	}
	seen := map[string]bool{}
	for _, s := range srcs {
		if err := checkSource(s); err != nil {
			return nil, err
		}
		if seen[s.Assessment.ID] {
			return nil, inputf("%s", i18n.M("rp.err.twice", s.Assessment.ID))
		}
		seen[s.Assessment.ID] = true
	}
	mode := ModeRegions
	if chain := followUpChain(srcs); chain != nil {
		mode = ModeFollowUp
		srcs = chain
	}
	if mode == ModeRegions {
		// A provisional assessment never comes before a complete one.
		srcs = slices.Clone(srcs)
		sort.SliceStable(srcs, func(i, j int) bool { return !srcs[i].Score.Provisional && srcs[j].Score.Provisional })
	}
	lang := opt.Lang
	first := newCtx(srcs[0], lang)
	doc := first.newDoc(KindCompare, opt)
	doc.Reference = reference(KindCompare, srcs[0].Assessment.ID, opt)
	cmp := &Comparison{Mode: mode, Columns: []AssessmentInfo{}, Sections: []CompareRow{}, Views: []CompareRow{}, Indicators: []CompareRow{},
		Measures: []CompareMeasure{}, Resolved: []CompareMeasure{}, New: []CompareMeasure{}, Changes: []ChangeReason{}, Warnings: []string{}}
	ctxs := make([]*ctx, len(srcs))
	for i, s := range srcs {
		ctxs[i] = newCtx(s, lang)
		info := ctxs[i].assessmentInfo(s)
		cmp.Columns = append(cmp.Columns, info)
		doc.Demo = doc.Demo || info.Demo
		label := info.Region.Label + " — " + info.Round
		if s.Score.Provisional {
			label += " (" + i18n.T(lang, "pv.provisional") + ")"
		}
		cmp.Labels = append(cmp.Labels, label)
		cmp.Coverage = append(cmp.Coverage, s.Score.Coverage)
		cmp.Provisional = append(cmp.Provisional, s.Score.Provisional)
	}
	withDelta := mode == ModeFollowUp
	// row takes the unrounded scores: the delta is computed from them, and
	// only the displayed values and the delta are rounded.
	row := func(kind, id, label string, raw []*float64) CompareRow {
		r := CompareRow{Kind: kind, ID: id, Label: label, Values: roundAll(raw)}
		if withDelta {
			r.Delta = delta(raw)
		}
		return r
	}
	// Overall.
	var ov []*float64
	anyProvisional := false
	for _, s := range srcs {
		// A provisional overall score is withheld: it must not compare as
		// better (or worse) than that of a complete assessment.
		if s.Score.Provisional {
			ov = append(ov, nil)
			anyProvisional = true
			continue
		}
		ov = append(ov, s.Score.Overall)
	}
	if anyProvisional {
		cmp.Warnings = append(cmp.Warnings, i18n.T(lang, "pv.compare_note", first.p.ProvisionalBelow*100))
	}
	cmp.Overall = row("overall", "overall", first.t("overall"), ov)
	// Sections, in the order they first appear.
	var secIDs []string
	secLabel := map[string]string{}
	for i, s := range srcs {
		for _, sr := range s.Score.Sections {
			if _, ok := secLabel[sr.ID]; !ok {
				secIDs = append(secIDs, sr.ID)
				secLabel[sr.ID] = ctxs[i].sectionScore(sr).Title
			}
		}
	}
	for _, id := range secIDs {
		var vals []*float64
		for _, s := range srcs {
			var v *float64
			if sr := s.Score.Section(id); sr != nil {
				v = sr.Score
			}
			vals = append(vals, v)
		}
		cmp.Sections = append(cmp.Sections, row("section", id, secLabel[id], vals))
	}
	// Views by MGI dimension and SNIA programme.
	for _, kind := range []string{"mgi", "snia"} {
		order := first.order(kind)
		union := map[string]*float64{}
		for _, s := range srcs {
			for code, v := range s.Score.By[kind] {
				union[code] = v
			}
		}
		for _, code := range orderedCodes(order, union) {
			var vals []*float64
			for _, s := range srcs {
				vals = append(vals, s.Score.By[kind][code])
			}
			cmp.Views = append(cmp.Views, row(kind, code, first.codeLabel(kind, code), vals))
		}
	}
	// Indicators.
	var indIDs []string
	indLabel := map[string]string{}
	for _, s := range srcs {
		for _, ir := range s.Score.Indicators {
			if _, ok := indLabel[ir.ID]; !ok {
				indIDs = append(indIDs, ir.ID)
				label := ir.ID
				if qu := s.Content.Q.Question(ir.ID); qu != nil {
					label = qu.Label.Get(lang)
				}
				indLabel[ir.ID] = label
			}
		}
	}
	for _, id := range indIDs {
		var vals []*float64
		for _, s := range srcs {
			var v *float64
			if ir := s.Score.Indicator(id); ir != nil {
				v = ir.Score
			}
			vals = append(vals, v)
		}
		cmp.Indicators = append(cmp.Indicators, row("indicator", id, indLabel[id], vals))
	}
	// Measures triggered in each.
	titles := map[string]string{}
	ranks := map[string][]int{}
	var ids []string
	for i, s := range srcs {
		for _, r := range s.Recs {
			id := r.Measure.ID
			if _, ok := ranks[id]; !ok {
				ranks[id] = make([]int, len(srcs))
				titles[id] = r.Title().Get(lang)
				ids = append(ids, id)
			}
			ranks[id][i] = r.Rank
		}
	}
	best := func(id string) int {
		b := 1 << 30
		for _, r := range ranks[id] {
			if r > 0 && r < b {
				b = r
			}
		}
		return b
	}
	sort.SliceStable(ids, func(i, j int) bool {
		if withDelta {
			// baseline order first, then what is new
			a, b := ranks[ids[i]][0], ranks[ids[j]][0]
			if (a == 0) != (b == 0) {
				return a != 0
			}
			if a != b && a != 0 {
				return a < b
			}
		}
		if bi, bj := best(ids[i]), best(ids[j]); bi != bj {
			return bi < bj
		}
		return ids[i] < ids[j]
	})
	last := len(srcs) - 1
	for _, id := range ids {
		cm := CompareMeasure{Measure: id, Title: titles[id], Ranks: ranks[id]}
		cmp.Measures = append(cmp.Measures, cm)
		if withDelta {
			if cm.Ranks[0] > 0 && cm.Ranks[last] == 0 {
				cmp.Resolved = append(cmp.Resolved, cm)
			}
			if cm.Ranks[0] == 0 && cm.Ranks[last] > 0 {
				cmp.New = append(cmp.New, cm)
			}
		}
	}
	// Follow-up: why scores changed, and what the baseline's adopted
	// measures moved.
	if withDelta {
		cmp.Changes = changes(ctxs[0], ctxs[last], cmp.Indicators)
		cmp.Effects = effects(srcs[0], srcs[last], lang)
	}
	// Intro and warnings.
	if withDelta {
		a, b := cmp.Columns[0], cmp.Columns[last]
		cmp.Intro = []string{first.t("cmp.intro_followup", a.Region.Label, a.Round, b.Round, len(srcs)), first.t("cmp.delta")}
		for _, col := range cmp.Columns[1:] {
			if col.Region.Code != a.Region.Code {
				cmp.Warnings = append(cmp.Warnings, first.t("cmp.warn_region", col.ID, col.Region.Label, a.Region.Label))
			}
		}
	} else {
		var regions []string
		for _, col := range cmp.Columns {
			regions = append(regions, col.Region.Label)
		}
		cmp.Intro = []string{first.t("cmp.intro_regions", len(srcs), strings.Join(regions, ", ")), first.t("cmp.no_ranking")}
	}
	for _, col := range cmp.Columns[1:] {
		c0 := cmp.Columns[0]
		if col.Questionnaire.Code != c0.Questionnaire.Code || col.Version != c0.Version {
			cmp.Warnings = append(cmp.Warnings, first.t("cmp.warn_content", col.ID, col.Questionnaire.Code, col.Version, c0.Questionnaire.Code, c0.Version))
		}
	}
	doc.Subtitle = strings.Join(cmp.Labels, " · ")
	doc.Comparison = cmp
	return doc, nil
}
