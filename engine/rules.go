package engine

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// priorityEnvSample is the environment of the priority formula: the factors
// the engine computes for each fired measure (see Recommend).
func priorityEnvSample() map[string]any {
	return map[string]any{
		"gap":               0.0,   // mean gap (target − score) of the addressed indicators that have one, weighted
		"max_gap":           0.0,   // the largest of those gaps
		"weight":            0.0,   // total weight of the addressed indicators with a gap
		"indicators":        0,     // how many addressed indicators have a gap
		"competence_weight": 0.0,   // mean of those indicators' competence weight × modality weight
		"aligned":           false, // the measure serves a SNIA programme the region declared a priority
		"alignment_bonus":   0.0,   // policy.alignment_bonus
		"horizon":           "",    // short, medium or long
		"horizon_weight":    0.0,   // policy.horizon_weights[horizon]
		"cost":              "",    // low, medium or high
	}
}

// PriorityFactorNames lists the priority formula's inputs in display order.
var PriorityFactorNames = []string{"gap", "max_gap", "weight", "indicators", "competence_weight", "aligned", "alignment_bonus", "horizon", "horizon_weight", "cost"}

func (l *loader) rules(comp *compiler, files []string) *Rules {
	r := &Rules{}
	measureAt := map[string]ydoc.Pos{}
	pilotAt := map[string]ydoc.Pos{}
	var policyAt, planAt ydoc.Pos
	type measureRaw struct {
		m  *Measure
		rm *rawMeasure
	}
	var measures []measureRaw
	unreadable := false // a rules file did not parse (its plan template may be there)
	for _, name := range files {
		root, err := ydoc.Parse(name, l.files[name])
		if err != nil {
			l.addErr(err)
			unreadable = true
			continue
		}
		ydoc.CheckText(root, &l.errs)
		if root.Kind == ydoc.Null {
			continue
		}
		var rf rawRulesFile
		ydoc.Decode(root, &rf, &l.errs)
		if rf.Policy != nil {
			if r.Policy != nil {
				l.errs.Add(rf.Policy.At, "a second policy (the first is at %s)", policyAt)
			} else {
				policyAt = rf.Policy.At
				r.Policy = l.policy(comp, rf.Policy)
			}
		}
		if rf.Plan != nil {
			if r.Plan != nil {
				l.errs.Add(rf.Plan.At, "a second plan template (the first is at %s)", planAt)
			} else {
				planAt = rf.Plan.At
				r.Plan = l.planTemplate(rf.Plan)
			}
		}
		for i := range rf.Measures {
			m := l.measure(comp, &rf.Measures[i])
			if m == nil {
				continue
			}
			if prev, dup := measureAt[m.ID]; dup {
				l.errs.Add(rf.Measures[i].ID.Pos, "duplicate measure id %q (first at %s)", m.ID, prev)
				continue
			}
			measureAt[m.ID] = m.Pos
			r.Measures = append(r.Measures, m)
			measures = append(measures, measureRaw{m, &rf.Measures[i]})
		}
		for i := range rf.Pilots {
			p := l.pilot(&rf.Pilots[i])
			if p == nil {
				continue
			}
			if prev, dup := pilotAt[p.ID]; dup {
				l.errs.Add(rf.Pilots[i].ID.Pos, "duplicate pilot id %q (first at %s)", p.ID, prev)
				continue
			}
			pilotAt[p.ID] = p.Pos
			r.Pilots = append(r.Pilots, p)
		}
	}
	if r.Policy == nil {
		l.errs.Add(ydoc.Pos{File: "rules/"}, "no policy: one rules file must have a \"policy\" (bands, targets, priority formula)")
	}
	// A measure's planning data is checked against the plan template, which
	// may come in a later file.
	for _, mr := range measures {
		who := "measure " + mr.m.ID
		switch {
		case r.Plan != nil && mr.rm.Plan == nil:
			l.errs.Add(mr.rm.At, "%s: missing \"plan\" (indicative cost_mad, funding, kpi_target: the content declares a plan template)", who)
		case r.Plan == nil && mr.rm.Plan != nil:
			if unreadable {
				continue
			}
			l.errs.Add(mr.rm.Plan.At, "%s: \"plan\" needs a plan template (a rules file with a top-level \"plan\")", who)
		default:
			mr.m.Plan = l.measurePlan(mr.rm, who, r.Plan)
		}
	}
	for _, p := range r.Pilots {
		for _, mid := range p.Measures {
			if _, ok := measureAt[mid]; !ok {
				l.errs.Add(p.Pos, "pilot %s: unknown measure %q", p.ID, mid)
			}
		}
	}
	return r
}

func (l *loader) policy(comp *compiler, rp *rawPolicy) *Policy {
	p := &Policy{Target: 100, LowConfidenceBelow: 0.8, ProvisionalBelow: 0.8, GapWords: GapWords{Large: 75, Moderate: 40}, SectionTargets: map[string]float64{},
		CompetenceWeights: map[string]float64{}, ModalityWeights: map[string]float64{}, HorizonWeights: map[string]float64{}}
	num := func(n ydoc.Num, name string, lo, hi float64, dst *float64) {
		if !n.Set {
			return
		}
		if n.Null || n.V < lo || n.V > hi {
			l.errs.Add(n.Pos, "policy: %s must be a number from %v to %v", name, lo, hi)
			return
		}
		*dst = n.V
	}
	num(rp.Target, "target", 0, 100, &p.Target)
	num(rp.LowConfidenceBelow, "low_confidence_below", 0, 1, &p.LowConfidenceBelow)
	num(rp.AlignmentBonus, "alignment_bonus", 0, 10, &p.AlignmentBonus)
	num(rp.ProvisionalBelow, "provisional_below", 0, 1, &p.ProvisionalBelow)
	if gw := rp.GapWords; gw != nil {
		num(gw.Large, "gap_words.large", 0, 100, &p.GapWords.Large)
		num(gw.Moderate, "gap_words.moderate", 0, 100, &p.GapWords.Moderate)
		if p.GapWords.Moderate > p.GapWords.Large {
			l.errs.Add(gw.At, "policy: gap_words: moderate (%v) must not exceed large (%v)", p.GapWords.Moderate, p.GapWords.Large)
		}
	}
	l.priorityBands(p, rp)
	for _, id := range sortedKeys(rp.SectionTargets) {
		v := rp.SectionTargets[id]
		if s := l.q.sectionByID[id]; s == nil || !s.Scored {
			l.errs.Add(v.Pos, "policy: section_targets: %q is not a scored section", id)
			continue
		}
		var t float64
		num(v, "section_targets."+id, 0, 100, &t)
		p.SectionTargets[id] = t
	}
	for _, k := range sortedKeys(rp.CompetenceWeights) {
		v := rp.CompetenceWeights[k]
		if k == "convention" && l.ref != nil && !l.ref.IsCompetence(k) && l.ref.IsModality(k) && rp.ModalityWeights == nil {
			// A policy written before "convention" became a modality.
			var w float64
			num(v, "competence_weights."+k, 0, 10, &w)
			p.ModalityWeights[k] = w
			continue
		}
		if l.ref != nil && !l.ref.IsCompetence(k) {
			l.errs.Add(v.Pos, "policy: competence_weights: unknown competence %q (%s)", k, strings.Join(l.ref.CompetenceCodes(), ", "))
			continue
		}
		var w float64
		num(v, "competence_weights."+k, 0, 10, &w)
		p.CompetenceWeights[k] = w
	}
	var competences []string
	if l.ref != nil {
		competences = l.ref.CompetenceCodes()
		sort.Strings(competences)
	}
	for _, c := range competences {
		if _, ok := rp.CompetenceWeights[c]; !ok {
			l.errs.Add(rp.At, "policy: competence_weights: missing %q", c)
		}
	}
	for _, k := range sortedKeys(rp.ModalityWeights) {
		v := rp.ModalityWeights[k]
		if l.ref != nil && !l.ref.IsModality(k) {
			l.errs.Add(v.Pos, "policy: modality_weights: unknown modality %q (%s)", k, strings.Join(l.ref.ModalityCodes(), ", "))
			continue
		}
		var w float64
		num(v, "modality_weights."+k, 0, 10, &w)
		p.ModalityWeights[k] = w
	}
	for _, k := range sortedKeys(rp.HorizonWeights) {
		v := rp.HorizonWeights[k]
		if !slices.Contains(Horizons, k) {
			l.errs.Add(v.Pos, "policy: horizon_weights: unknown horizon %q (short, medium, long)", k)
			continue
		}
		var w float64
		num(v, "horizon_weights."+k, 0, 10, &w)
		p.HorizonWeights[k] = w
	}
	for _, h := range Horizons {
		if _, ok := rp.HorizonWeights[h]; !ok {
			l.errs.Add(rp.At, "policy: horizon_weights: missing %q", h)
		}
	}
	if pq := rp.PrioritiesQuestion; pq.V != "" {
		qu := l.q.byID[pq.V]
		switch {
		case qu == nil:
			l.errs.Add(pq.Pos, "policy: priorities_question: unknown question %q", pq.V)
		case qu.Type != Multiple:
			l.errs.Add(pq.Pos, "policy: priorities_question: %q must be a multiple choice question with SNIA programme codes", pq.V)
		default:
			// Extra choices (such as "other") are allowed; only SNIA codes count.
			p.PrioritiesQuestion = pq.V
		}
	}
	// Bands: whole numbers covering 0–100 without gap or overlap.
	badBand := false
	for _, rb := range rp.Bands {
		b := Band{ID: rb.ID.V, Min: rb.Min.V, Max: rb.Max.V, Color: rb.Color.V}
		if b.ID == "" {
			l.errs.Add(rb.At, "policy: a band needs an id")
		}
		if !rb.Min.Set || !rb.Max.Set || rb.Min.Null || rb.Max.Null {
			l.errs.Add(rb.At, "policy: band %s needs min and max", b.ID)
			badBand = true
		} else if b.Min > b.Max || b.Min < 0 || b.Max > 100 {
			l.errs.Add(rb.At, "policy: band %s: min %v and max %v must satisfy 0 ≤ min ≤ max ≤ 100", b.ID, b.Min, b.Max)
			badBand = true
		}
		b.Label = l.text(rb.Label, rb.At, "label", true)
		p.Bands = append(p.Bands, b)
	}
	if len(rp.Bands) == 0 {
		l.errs.Add(rp.At, "policy: no bands (score ranges with labels)")
	} else {
		order := make([]int, len(p.Bands))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return p.Bands[order[i]].Min < p.Bands[order[j]].Min })
		// Coverage is checked when every band is well formed (else it would
		// only echo that problem), and reported at the value that breaks it.
		if !badBand {
			next, gap := 0.0, false
			for _, i := range order {
				if b := p.Bands[i]; b.Min != next {
					l.errs.Add(rp.Bands[i].Min.Pos, "policy: bands must cover 0–100 without gap or overlap: band %s starts at %v, expected %v", b.ID, b.Min, next)
					gap = true
					break
				}
				next = p.Bands[i].Max + 1
			}
			if !gap && next != 101 {
				last := rp.Bands[order[len(order)-1]]
				l.errs.Add(last.Max.Pos, "policy: bands must reach 100 (the last one ends at %v)", next-1)
			}
		}
		sorted := make([]Band, len(order))
		for k, i := range order {
			sorted[k] = p.Bands[i]
		}
		p.Bands = sorted
	}
	if rp.Priority.V == "" {
		l.errs.Add(rp.At, "policy: missing \"priority\" (the priority formula)")
	} else {
		p.Priority = comp.compile(rp.Priority, "policy: priority", comp.env(envPriority), "number")
		p.priority = fastNumber(comp.q, envPriority, p.Priority)
	}
	for i, tb := range rp.TieBreak {
		e := comp.compile(tb, fmt.Sprintf("policy: tie_break[%d]", i), comp.env(envPriority), "number")
		p.TieBreak = append(p.TieBreak, e)
		p.tieBreak = append(p.tieBreak, fastNumber(comp.q, envPriority, e))
	}
	return p
}

// priorityBands loads the plain-language priority levels: distinct ids,
// labels in every language, distinct minimums, one of them at 0 or below so
// that every priority has a band. They are kept highest minimum first.
func (l *loader) priorityBands(p *Policy, rp *rawPolicy) {
	ids := map[string]bool{}
	mins := map[float64]bool{}
	lowest := math.Inf(1)
	for _, rb := range rp.PriorityBands {
		b := PriorityBand{ID: rb.ID.V, Min: rb.Min.V}
		switch {
		case b.ID == "":
			l.errs.Add(rb.At, "policy: a priority band needs an id")
		case ids[b.ID]:
			l.errs.Add(rb.ID.Pos, "policy: duplicate priority band %q", b.ID)
		}
		ids[b.ID] = true
		if !rb.Min.Set || rb.Min.Null {
			l.errs.Add(rb.At, "policy: priority band %s needs min (the lowest priority it covers)", b.ID)
		} else if mins[b.Min] {
			l.errs.Add(rb.Min.Pos, "policy: priority band %s: another band starts at %v", b.ID, b.Min)
		}
		mins[b.Min] = true
		lowest = math.Min(lowest, b.Min)
		b.Label = l.text(rb.Label, rb.At, "label", true)
		p.PriorityBands = append(p.PriorityBands, b)
	}
	if len(rp.PriorityBands) > 0 && lowest > 0 {
		l.errs.Add(rp.PriorityBands[0].At, "policy: priority_bands: the lowest band must start at 0 (it starts at %v)", lowest)
	}
	sort.SliceStable(p.PriorityBands, func(i, j int) bool { return p.PriorityBands[i].Min > p.PriorityBands[j].Min })
}

func sortedKeys[T any](m map[string]T) []string {
	out := known(m)
	sort.Strings(out)
	return out
}

func (l *loader) measure(comp *compiler, rm *rawMeasure) *Measure {
	if rm.ID.V == "" {
		l.errs.Add(rm.At, "a measure needs an \"id\"")
		return nil
	}
	if !idPattern.MatchString(rm.ID.V) {
		l.errs.Add(rm.ID.Pos, "measure id %q: use lower-case snake_case", rm.ID.V)
	}
	m := &Measure{ID: rm.ID.V, Horizon: rm.Horizon.V, Cost: rm.Cost.V, Pos: rm.At}
	who := "measure " + m.ID
	m.Title = l.text(rm.Title, rm.At, "title", true)
	m.Description = l.text(rm.Description, rm.At, "description", true)
	m.Lead = l.text(rm.Lead, rm.At, "lead", true)
	for _, p := range rm.Partners {
		m.Partners = append(m.Partners, l.text(p, p.Pos, "partner", true))
	}
	m.KPI = l.text(rm.KPI, rm.At, "kpi", true)
	m.KPIUnit = l.text(rm.KPIUnit, rm.At, "kpi_unit", false)
	m.Objective = l.text(rm.Objective, rm.At, "objective", false)
	for _, a := range rm.Activities {
		m.Activities = append(m.Activities, l.text(a, a.Pos, "activity", true))
	}
	for _, r := range rm.Risks {
		m.Risks = append(m.Risks, l.text(r, r.Pos, "risk", true))
	}
	m.SNIA = l.sniaList(rm.SNIA, who)
	seenSrc := map[string]bool{}
	for _, s := range rm.Sources {
		switch {
		case l.ref != nil && !l.ref.IsSource(s.V):
			l.errs.Add(s.Pos, "%s: unknown source %q (%s)", who, s.V, strings.Join(l.ref.SourceCodes(), ", "))
		case seenSrc[s.V]:
			l.errs.Add(s.Pos, "%s: source %q is listed twice", who, s.V)
		default:
			seenSrc[s.V] = true
			m.Sources = append(m.Sources, s.V)
		}
	}
	m.SDG = l.sdgList(rm.SDG, who)
	m.GCM = l.gcmList(rm.GCM, who)
	if len(rm.SNIA) == 0 {
		l.errs.Add(rm.At, "%s: missing \"snia\" (the SNIA programmes it serves)", who)
	}
	if !slices.Contains(Horizons, m.Horizon) {
		l.errs.Add(posOr(rm.Horizon.Pos, rm.At), "%s: horizon must be short, medium or long, got %q", who, m.Horizon)
	}
	if !slices.Contains(CostClasses, m.Cost) {
		l.errs.Add(posOr(rm.Cost.Pos, rm.At), "%s: cost must be low, medium or high, got %q", who, m.Cost)
	}
	if len(rm.Indicators) == 0 {
		l.errs.Add(rm.At, "%s: missing \"indicators\" (the questions it addresses)", who)
	}
	for _, ind := range rm.Indicators {
		qu := l.q.byID[ind.V]
		switch {
		case qu == nil:
			msg := fmt.Sprintf("%s: unknown indicator %q", who, ind.V)
			if s := ydoc.Closest(ind.V, known(l.q.byID)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.errs.Add(ind.Pos, "%s", msg)
		case !qu.Scored:
			l.errs.Add(ind.Pos, "%s: %q is not a scored question", who, ind.V)
		default:
			m.Indicators = append(m.Indicators, ind.V)
		}
	}
	if l.ruleEnv == nil {
		l.ruleEnv = comp.env(envRule)
	}
	for i, rv := range rm.Variants {
		v := Variant{Pos: rv.At}
		what := fmt.Sprintf("%s: variant %d", who, i+1)
		v.Title = l.text(rv.Title, rv.At, what+": title", true)
		v.Description = l.text(rv.Description, rv.At, what+": description", false)
		if rv.When.V == "" {
			l.errs.Add(rv.At, "%s: missing \"when\" (the case it words)", what)
		} else {
			v.When = comp.compile(rv.When, what+": when", l.ruleEnv, "bool")
			v.when = fastBool(comp.q, envRule, v.When)
		}
		m.Variants = append(m.Variants, v)
	}
	if rm.When.V == "" {
		l.errs.Add(rm.At, "%s: missing \"when\" (its trigger)", who)
	} else {
		env := l.ruleEnv
		m.When = comp.compile(rm.When, who+": when", env, "bool")
		m.when = fastBool(comp.q, envRule, m.When)
		when := m.When
		m.explain = sync.OnceValue(func() *explainNode { return comp.buildExplain(when, env) })
	}
	return m
}

func posOr(p, fallback ydoc.Pos) ydoc.Pos {
	if p.Line == 0 {
		return fallback
	}
	return p
}

func (l *loader) pilot(rp *rawPilot) *Pilot {
	if rp.ID.V == "" {
		l.errs.Add(rp.At, "a pilot needs an \"id\"")
		return nil
	}
	if !idPattern.MatchString(rp.ID.V) {
		l.errs.Add(rp.ID.Pos, "pilot id %q: use lower-case snake_case", rp.ID.V)
	}
	p := &Pilot{ID: rp.ID.V, Pos: rp.At}
	texts := func(list []*ydoc.Node, field string) []Text {
		var out []Text
		for _, n := range list {
			out = append(out, l.text(n, n.Pos, field, true))
		}
		return out
	}
	p.Title = l.text(rp.Title, rp.At, "title", true)
	p.Summary = l.text(rp.Summary, rp.At, "summary", true)
	p.Sustainability = l.text(rp.Sustainability, rp.At, "sustainability", false)
	p.TargetGroups = texts(rp.TargetGroups, "target group")
	p.SpecificObjectives = texts(rp.SpecificObjectives, "specific objective")
	p.Activities = texts(rp.Activities, "activity")
	p.Results = texts(rp.Results, "result")
	p.BudgetLines = texts(rp.BudgetLines, "budget line")
	p.Assumptions = texts(rp.Assumptions, "assumption")
	for _, r := range rp.Risks {
		p.Risks = append(p.Risks, Risk{Risk: l.text(r.Risk, r.At, "risk", true), Mitigation: l.text(r.Mitigation, r.At, "mitigation", true)})
	}
	for _, ind := range rp.Indicators {
		p.Indicators = append(p.Indicators, LogframeIndicator{Label: l.text(ind.Label, ind.At, "label", true), Source: l.text(ind.Source, ind.At, "source", true)})
	}
	for _, m := range rp.Measures {
		p.Measures = append(p.Measures, m.V)
	}
	for _, rr := range rp.Regional {
		rt := RegionalText{}
		if len(rr.Regions) == 0 {
			l.errs.Add(rr.At, "pilot %s: regional: missing \"regions\" (the regions the text is true of)", p.ID)
		}
		for _, r := range rr.Regions {
			if l.ref != nil && l.ref.Region(r.V) == nil {
				l.errs.Add(r.Pos, "pilot %s: regional: unknown region %q", p.ID, r.V)
				continue
			}
			rt.Regions = append(rt.Regions, r.V)
		}
		rt.Summary = l.text(rr.Summary, rr.At, "regional summary", false)
		rt.Sustainability = l.text(rr.Sustainability, rr.At, "regional sustainability", false)
		if len(rt.Summary) == 0 && len(rt.Sustainability) == 0 && rr.Summary == nil && rr.Sustainability == nil {
			l.errs.Add(rr.At, "pilot %s: regional: give a summary or a sustainability text", p.ID)
		}
		p.Regional = append(p.Regional, rt)
	}
	if len(p.Measures) == 0 {
		l.errs.Add(rp.At, "pilot %s: missing \"measures\" (its measure family)", p.ID)
	}
	for _, r := range rp.BestFit {
		if l.ref != nil && l.ref.Region(r.V) == nil {
			l.errs.Add(r.Pos, "pilot %s: unknown region %q", p.ID, r.V)
			continue
		}
		p.BestFit = append(p.BestFit, r.V)
	}
	if rp.DurationMonths.Set {
		if rp.DurationMonths.Null || rp.DurationMonths.V < 1 || rp.DurationMonths.V > 120 {
			l.errs.Add(rp.DurationMonths.Pos, "pilot %s: duration_months must be from 1 to 120", p.ID)
		} else {
			p.DurationMonths = int(rp.DurationMonths.V)
		}
	}
	return p
}
