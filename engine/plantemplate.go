package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// PlanTemplate is what the content declares for the regional action plan
// (the top-level key "plan" of a rules file): how many actions and
// objectives it holds, the funding sources a measure may name, the phases of
// the PDR cycle, the vision, one strategic objective per scored section, and
// the steering arrangements. Nothing of this is hard-coded in the reports.
type PlanTemplate struct {
	// MaxActions is the default cap on the plan's actions (the rest go to an
	// annex); MinObjectives and MaxObjectives bound its strategic objectives.
	MaxActions    int
	MinObjectives int
	MaxObjectives int
	// CycleYears is the length of the PDR cycle the phases cover.
	CycleYears int
	Funding    []FundingSource
	Phases     []Phase
	// Vision may hold {region}, replaced by the region's name.
	Vision     Text
	Objectives []Objective
	Steering   Steering
	// CostNote says what the costs are (indicative orders of magnitude).
	CostNote Text
	// PDRQuestion is the context question where the region names the PDR
	// axes that matter for migration (optional).
	PDRQuestion string
	Pos         ydoc.Pos
}

// FundingSource is a possible source of funding a measure may name.
type FundingSource struct {
	ID    string
	Label Text
}

// Phase is a period of the PDR cycle, from year From to year To, holding the
// measures of the given horizons.
type Phase struct {
	ID       string
	From, To int
	Horizons []string
	Label    Text
}

// Objective is a strategic objective: what the plan aims at in the sections
// it answers (a scored section no objective names gets a generic objective
// from its title in the reports). SNIA lists the programmes it serves, so that a region's
// declared priorities bring it forward.
type Objective struct {
	ID          string
	Sections    []string
	SNIA        []string
	Title       Text
	Description Text
}

// Steering is how the plan is adopted, steered, reviewed and re-assessed.
type Steering struct {
	Adoption     Text
	Steering     Text
	Review       Text
	Reassessment Text
}

// MeasurePlan is a measure's planning data: an indicative cost range in
// Moroccan dirhams (an order of magnitude, not a quotation), the possible
// funding sources, and its key performance indicator in real units with a
// baseline and a target for the end of the PDR cycle.
type MeasurePlan struct {
	CostMin, CostMax float64
	Funding          []string
	KPIUnit          Text
	Baseline, Target float64
}

// Phase returns the phase holding the given horizon, or nil.
func (p *PlanTemplate) Phase(horizon string) *Phase {
	for i := range p.Phases {
		if slices.Contains(p.Phases[i].Horizons, horizon) {
			return &p.Phases[i]
		}
	}
	return nil
}

// FundingLabel returns the label of a funding source code in lang.
func (p *PlanTemplate) FundingLabel(code, lang string) string {
	for _, f := range p.Funding {
		if f.ID == code {
			return f.Label.Get(lang)
		}
	}
	return code
}

// ObjectiveFor returns the objective answering a section, or nil.
func (p *PlanTemplate) ObjectiveFor(section string) *Objective {
	for i := range p.Objectives {
		if slices.Contains(p.Objectives[i].Sections, section) {
			return &p.Objectives[i]
		}
	}
	return nil
}

type rawPlanTemplate struct {
	At            ydoc.Pos       `yaml:"-"`
	MaxActions    ydoc.Num       `yaml:"max_actions"`
	MinObjectives ydoc.Num       `yaml:"min_objectives"`
	MaxObjectives ydoc.Num       `yaml:"max_objectives"`
	CycleYears    ydoc.Num       `yaml:"cycle_years"`
	Funding       []rawFunding   `yaml:"funding_sources"`
	Phases        []rawPhase     `yaml:"phases"`
	Vision        *ydoc.Node     `yaml:"vision"`
	Objectives    []rawObjective `yaml:"objectives"`
	Steering      *rawSteering   `yaml:"steering"`
	CostNote      *ydoc.Node     `yaml:"cost_note"`
	PDRQuestion   ydoc.Str       `yaml:"pdr_question"`
}

type rawFunding struct {
	At    ydoc.Pos   `yaml:"-"`
	ID    ydoc.Str   `yaml:"id"`
	Label *ydoc.Node `yaml:"label"`
}

type rawPhase struct {
	At       ydoc.Pos   `yaml:"-"`
	ID       ydoc.Str   `yaml:"id"`
	From     ydoc.Num   `yaml:"from_year"`
	To       ydoc.Num   `yaml:"to_year"`
	Horizons []ydoc.Str `yaml:"horizons"`
	Label    *ydoc.Node `yaml:"label"`
}

type rawObjective struct {
	At          ydoc.Pos   `yaml:"-"`
	ID          ydoc.Str   `yaml:"id"`
	Sections    []ydoc.Str `yaml:"sections"`
	SNIA        []ydoc.Str `yaml:"snia"`
	Title       *ydoc.Node `yaml:"title"`
	Description *ydoc.Node `yaml:"description"`
}

type rawSteering struct {
	At           ydoc.Pos   `yaml:"-"`
	Adoption     *ydoc.Node `yaml:"adoption"`
	Steering     *ydoc.Node `yaml:"steering"`
	Review       *ydoc.Node `yaml:"review"`
	Reassessment *ydoc.Node `yaml:"reassessment"`
}

type rawCostRange struct {
	At  ydoc.Pos `yaml:"-"`
	Min ydoc.Num `yaml:"min"`
	Max ydoc.Num `yaml:"max"`
}

type rawKPITarget struct {
	At       ydoc.Pos   `yaml:"-"`
	Unit     *ydoc.Node `yaml:"unit"`
	Baseline ydoc.Num   `yaml:"baseline"`
	Target   ydoc.Num   `yaml:"target"`
}

type rawMeasurePlan struct {
	At      ydoc.Pos      `yaml:"-"`
	CostMAD *rawCostRange `yaml:"cost_mad"`
	Funding []ydoc.Str    `yaml:"funding"`
	KPI     *rawKPITarget `yaml:"kpi_target"`
}

func (l *loader) planTemplate(rp *rawPlanTemplate) *PlanTemplate {
	p := &PlanTemplate{MaxActions: 15, MinObjectives: 3, MaxObjectives: 5, CycleYears: 6, Pos: rp.At}
	whole := func(n ydoc.Num, name string, lo, hi int, dst *int) {
		if !n.Set {
			return
		}
		if n.Null || n.V != float64(int(n.V)) || int(n.V) < lo || int(n.V) > hi {
			l.errs.Add(n.Pos, "plan: %s must be a whole number from %d to %d", name, lo, hi)
			return
		}
		*dst = int(n.V)
	}
	whole(rp.MaxActions, "max_actions", 1, 100, &p.MaxActions)
	whole(rp.MinObjectives, "min_objectives", 1, 20, &p.MinObjectives)
	whole(rp.MaxObjectives, "max_objectives", 1, 20, &p.MaxObjectives)
	whole(rp.CycleYears, "cycle_years", 1, 20, &p.CycleYears)
	if p.MinObjectives > p.MaxObjectives {
		l.errs.Add(posOr(rp.MinObjectives.Pos, rp.At), "plan: min_objectives (%d) is above max_objectives (%d)", p.MinObjectives, p.MaxObjectives)
	}
	p.Vision = l.text(rp.Vision, rp.At, "plan: vision", true)
	p.CostNote = l.text(rp.CostNote, rp.At, "plan: cost_note", true)
	if pq := rp.PDRQuestion; pq.V != "" {
		qu := l.q.byID[pq.V]
		switch {
		case qu == nil:
			l.errs.Add(pq.Pos, "plan: pdr_question: unknown question %q", pq.V)
		case qu.Type != Multiple && qu.Type != Single && qu.Type != TextQ:
			l.errs.Add(pq.Pos, "plan: pdr_question: %q must be a choice or text question", pq.V)
		default:
			p.PDRQuestion = pq.V
		}
	}

	seen := map[string]ydoc.Pos{}
	for _, rf := range rp.Funding {
		id := l.planID(rf.ID, rf.At, "funding source", seen)
		p.Funding = append(p.Funding, FundingSource{ID: id, Label: l.text(rf.Label, rf.At, "plan: funding source "+id+": label", true)})
	}
	if len(rp.Funding) == 0 {
		l.errs.Add(rp.At, "plan: no funding_sources (the codes a measure's funding may name)")
	}

	seen = map[string]ydoc.Pos{}
	horizonIn := map[string]string{}
	years := make([]string, p.CycleYears+1)
	for _, rph := range rp.Phases {
		id := l.planID(rph.ID, rph.At, "phase", seen)
		ph := Phase{ID: id, Label: l.text(rph.Label, rph.At, "plan: phase "+id+": label", true)}
		ok := true
		for _, n := range []struct {
			v   ydoc.Num
			key string
			dst *int
		}{{rph.From, "from_year", &ph.From}, {rph.To, "to_year", &ph.To}} {
			if !n.v.Set || n.v.Null || n.v.V != float64(int(n.v.V)) || int(n.v.V) < 1 || int(n.v.V) > p.CycleYears {
				l.errs.Add(posOr(n.v.Pos, rph.At), "plan: phase %s: %s must be a whole number from 1 to cycle_years (%d)", id, n.key, p.CycleYears)
				ok = false
				continue
			}
			*n.dst = int(n.v.V)
		}
		if ok && ph.From > ph.To {
			l.errs.Add(rph.From.Pos, "plan: phase %s: from_year %d is after to_year %d", id, ph.From, ph.To)
			ok = false
		}
		if ok {
			for y := ph.From; y <= ph.To; y++ {
				if years[y] != "" {
					l.errs.Add(rph.From.Pos, "plan: phase %s: year %d is already in phase %s", id, y, years[y])
					break
				}
				years[y] = id
			}
		}
		for _, h := range rph.Horizons {
			switch {
			case !slices.Contains(Horizons, h.V):
				l.errs.Add(h.Pos, "plan: phase %s: unknown horizon %q (short, medium, long)", id, h.V)
			case horizonIn[h.V] != "":
				l.errs.Add(h.Pos, "plan: phase %s: horizon %s is already in phase %s", id, h.V, horizonIn[h.V])
			default:
				horizonIn[h.V] = id
				ph.Horizons = append(ph.Horizons, h.V)
			}
		}
		p.Phases = append(p.Phases, ph)
	}
	for _, h := range Horizons {
		if horizonIn[h] == "" {
			l.errs.Add(rp.At, "plan: no phase holds the horizon %q (each horizon goes to one phase)", h)
		}
	}
	if len(rp.Phases) > 0 {
		var missing []string
		for y := 1; y <= p.CycleYears; y++ {
			if years[y] == "" {
				missing = append(missing, fmt.Sprint(y))
			}
		}
		if len(missing) > 0 {
			l.errs.Add(rp.At, "plan: the phases leave out year(s) %s of the %d-year cycle", strings.Join(missing, ", "), p.CycleYears)
		}
	}

	seen = map[string]ydoc.Pos{}
	sectionIn := map[string]string{}
	for _, ro := range rp.Objectives {
		id := l.planID(ro.ID, ro.At, "objective", seen)
		o := Objective{ID: id, Title: l.text(ro.Title, ro.At, "plan: objective "+id+": title", true),
			Description: l.text(ro.Description, ro.At, "plan: objective "+id+": description", true)}
		for _, s := range ro.Sections {
			sec := l.q.sectionByID[s.V]
			switch {
			case sec == nil || !sec.Scored:
				l.errs.Add(s.Pos, "plan: objective %s: %q is not a scored section", id, s.V)
			case sectionIn[s.V] != "":
				l.errs.Add(s.Pos, "plan: objective %s: section %s is already answered by objective %s", id, s.V, sectionIn[s.V])
			default:
				sectionIn[s.V] = id
				o.Sections = append(o.Sections, s.V)
			}
		}
		if len(ro.Sections) == 0 {
			l.errs.Add(ro.At, "plan: objective %s: missing \"sections\" (the scored sections it answers)", id)
		}
		o.SNIA = l.sniaList(ro.SNIA, "plan: objective "+id)
		p.Objectives = append(p.Objectives, o)
	}

	if rp.Steering == nil {
		l.errs.Add(rp.At, "plan: missing \"steering\" (adoption, steering, review, reassessment)")
	} else {
		rs := rp.Steering
		p.Steering = Steering{
			Adoption:     l.text(rs.Adoption, rs.At, "plan: steering: adoption", true),
			Steering:     l.text(rs.Steering, rs.At, "plan: steering: steering", true),
			Review:       l.text(rs.Review, rs.At, "plan: steering: review", true),
			Reassessment: l.text(rs.Reassessment, rs.At, "plan: steering: reassessment", true),
		}
	}
	return p
}

// planID checks an id of the plan template (snake_case, unique in its list).
func (l *loader) planID(s ydoc.Str, at ydoc.Pos, what string, seen map[string]ydoc.Pos) string {
	switch {
	case s.V == "":
		l.errs.Add(at, "plan: a %s needs an \"id\"", what)
	case !idPattern.MatchString(s.V):
		l.errs.Add(s.Pos, "plan: %s id %q: use lower-case snake_case", what, s.V)
	default:
		if prev, dup := seen[s.V]; dup {
			l.errs.Add(s.Pos, "plan: duplicate %s id %q (first at %s)", what, s.V, prev)
		} else {
			seen[s.V] = s.Pos
		}
	}
	return s.V
}

// measurePlan checks a measure's planning data against the plan template.
func (l *loader) measurePlan(rm *rawMeasure, who string, t *PlanTemplate) *MeasurePlan {
	rp := rm.Plan
	if rp == nil {
		return nil
	}
	mp := &MeasurePlan{}
	if rp.CostMAD == nil {
		l.errs.Add(rp.At, "%s: plan: missing \"cost_mad\" ({min: …, max: …}, indicative, in dirhams)", who)
	} else {
		c := rp.CostMAD
		switch {
		case !c.Min.Set || !c.Max.Set || c.Min.Null || c.Max.Null:
			l.errs.Add(c.At, "%s: plan: cost_mad needs min and max (dirhams)", who)
		case c.Min.V <= 0 || c.Max.V < c.Min.V:
			l.errs.Add(c.Min.Pos, "%s: plan: cost_mad: min %v and max %v must satisfy 0 < min ≤ max", who, c.Min.V, c.Max.V)
		default:
			mp.CostMin, mp.CostMax = c.Min.V, c.Max.V
		}
	}
	if len(rp.Funding) == 0 {
		l.errs.Add(rp.At, "%s: plan: missing \"funding\" (codes of the plan's funding_sources)", who)
	}
	for _, f := range rp.Funding {
		if t != nil && !slices.ContainsFunc(t.Funding, func(fs FundingSource) bool { return fs.ID == f.V }) {
			ids := make([]string, len(t.Funding))
			for i, fs := range t.Funding {
				ids[i] = fs.ID
			}
			l.errs.Add(f.Pos, "%s: plan: unknown funding source %q (%s)", who, f.V, strings.Join(ids, ", "))
			continue
		}
		mp.Funding = append(mp.Funding, f.V)
	}
	if rp.KPI == nil {
		l.errs.Add(rp.At, "%s: plan: missing \"kpi_target\" ({unit: {…}, baseline: …, target: …})", who)
	} else {
		k := rp.KPI
		mp.KPIUnit = l.text(k.Unit, k.At, who+": plan: kpi_target: unit", true)
		for _, n := range []struct {
			v   ydoc.Num
			key string
			dst *float64
		}{{k.Baseline, "baseline", &mp.Baseline}, {k.Target, "target", &mp.Target}} {
			if !n.v.Set || n.v.Null || n.v.V < 0 {
				l.errs.Add(posOr(n.v.Pos, k.At), "%s: plan: kpi_target: %s must be a number ≥ 0", who, n.key)
				continue
			}
			*n.dst = n.v.V
		}
	}
	return mp
}
