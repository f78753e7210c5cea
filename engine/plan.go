package engine

import "sync"

// scorePlan is a questionnaire's scoring layout, worked out once: where each
// indicator and section goes in a ScoreResult, which secondary views each
// indicator feeds, and what decides whether a skipped follow-up counts.
type scorePlan struct {
	sections []planSection
	inds     []planInd // in questionnaire order
	// indAt and secAt give a question's (section's) position in
	// ScoreResult.Indicators (Sections), or -1.
	indAt, secAt []int
	// sectionAt and indicatorAt are the same by id (shared by every result).
	sectionAt, indicatorAt map[string]int
	// views lists the secondary views' slots: kind ("mgi", "mipex", "snia") and code.
	views []viewSlot
	kinds map[string]int // view kind → how many codes
}

type planSection struct {
	sec      *Section
	from, to int // range in inds
}

type planInd struct {
	qu     *Question
	lowest float64
	views  []int // slots in scorePlan.views
	// skipDeps are the questions whose answers decide the indicator's
	// relevance (through calculations too).
	skipDeps []*Question
}

type viewSlot struct{ kind, code string }

// planCache holds a questionnaire's plan (built on first use).
type planCache struct {
	once sync.Once
	p    *scorePlan
}

func (q *Questionnaire) plan() *scorePlan {
	q.planned.once.Do(func() { q.planned.p = buildPlan(q) })
	return q.planned.p
}

func buildPlan(q *Questionnaire) *scorePlan {
	p := &scorePlan{
		indAt:       make([]int, len(q.Questions)),
		secAt:       make([]int, len(q.Sections)),
		sectionAt:   map[string]int{},
		indicatorAt: map[string]int{},
		kinds:       map[string]int{},
	}
	for i := range p.indAt {
		p.indAt[i] = -1
	}
	for i := range p.secAt {
		p.secAt[i] = -1
	}
	slot := map[viewSlot]int{}
	view := func(kind, code string) int {
		k := viewSlot{kind, code}
		if i, ok := slot[k]; ok {
			return i
		}
		slot[k] = len(p.views)
		p.views = append(p.views, k)
		p.kinds[kind]++
		return len(p.views) - 1
	}
	for _, s := range q.Sections {
		if !s.Scored {
			continue
		}
		ps := planSection{sec: s, from: len(p.inds)}
		for _, qu := range s.Questions {
			if !qu.Scored {
				continue
			}
			in := planInd{qu: qu, lowest: qu.Lowest()}
			if qu.Refs.MGI != "" {
				in.views = append(in.views, view("mgi", qu.Refs.MGI))
			}
			if qu.Refs.MIPEX != "" {
				in.views = append(in.views, view("mipex", qu.Refs.MIPEX))
			}
			for _, c := range qu.Refs.SNIA {
				in.views = append(in.views, view("snia", c))
			}
			in.skipDeps = questionDeps(q, qu.Relevant)
			p.indAt[qu.Index] = len(p.inds)
			p.indicatorAt[qu.ID] = len(p.inds)
			p.inds = append(p.inds, in)
		}
		ps.to = len(p.inds)
		p.secAt[s.Index] = len(p.sections)
		p.sectionAt[s.ID] = len(p.sections)
		p.sections = append(p.sections, ps)
	}
	return p
}

// questionDeps lists the questions an expression reads, directly or through
// calculations, each once. Calculations are visited once each, so shared
// and even cyclic calculations (reported by the graph) cost linear time.
func questionDeps(q *Questionnaire, e *Expr) []*Question {
	var out []*Question
	seenQ := map[*Question]bool{}
	seenC := map[*Calc]bool{}
	var walk func(e *Expr)
	walk = func(e *Expr) {
		if e == nil {
			return
		}
		for _, d := range e.Deps {
			if qu := q.byID[d]; qu != nil {
				if !seenQ[qu] {
					seenQ[qu] = true
					out = append(out, qu)
				}
				continue
			}
			if c := q.calcByID[d]; c != nil && !seenC[c] {
				seenC[c] = true
				walk(c.Expr)
			}
		}
	}
	walk(e)
	return out
}
