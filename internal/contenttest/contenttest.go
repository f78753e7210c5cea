// Package contenttest runs content authors' golden cases (`indimaj test`): an
// answer set kept beside the content (tests/*.yaml) and the outputs the
// engine must give for it — section and overall scores and bands, measures
// that fire or must not, the top of the ranking, the pilot chosen.
//
// A case file is YAML (docs/CONTENT.md, "Golden cases"):
//
//	description: every scored indicator absent
//	region: oriental
//	fill: absent                 # absent | partial | full | dont_know: every scored indicator at that level
//	fill_sections: {gov: full}   # a section's indicators at a level (over fill)
//	answers: {gov01: full}       # one respondent's answers (override fill)
//	others: [{gov01: absent}]    # further respondents (the median counts, as in a workshop)
//	consensus: {gov01: partial}  # the facilitator's consensus (wins)
//	priorities: [P3, P5]         # the SNIA programmes the region declares
//	assert:                      # hand-written expectations, never rewritten
//	  overall: 0
//	expect:                      # expectations `indimaj test --update` rewrites
//	  overall: {score: 0, band: very_weak}
//	  sections: {gov: {score: 0, band: very_weak}}
//	  fires: [m01]
//	  not_fires: [m02]
//	  fired_count: 50
//	  top: [m01, m02]
//	  ranked_before: [[m01, m02]]
//	  pilot: reception_desk
//	  pilot_best_fit: true
//
// It has no disk and no terminal: cases come in as bytes, results go out as
// values (the CLI prints them).
package contenttest

import (
	"fmt"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/reports"
)

// Dir is the folder of a content set that holds its golden cases, beside
// questionnaires/ and rules/.
const Dir = "tests"

// TopN is how many recommendations an updated case's top lists.
const TopN = 5

// Case is one golden case, ready to run.
type Case struct {
	File        string
	Description string
	Region      string
	values      map[string]any // the working answers, consolidated
	assert      []check
	expect      []check
	expectAt    *ydoc.Node // the expect block, nil when absent
	root        *ydoc.Node
}

// check is one expectation.
type check struct {
	pos  ydoc.Pos
	what string
	want string
	eval func(o *Outcome) (ok bool, got string)
}

// Outcome is what the engine gives for a case.
type Outcome struct {
	State  *engine.State
	Score  *engine.ScoreResult
	Recs   []engine.Recommendation
	Pilot  string // the pilot template chosen, "" when none
	BestFt bool   // the case's region is among the pilot's best-fit regions
}

// Failure is an expectation the outcome does not meet.
type Failure struct {
	Pos  ydoc.Pos
	What string
	Want string
	Got  string
}

func (f Failure) String() string {
	return fmt.Sprintf("%s: %s: expected %s, got %s", f.Pos, f.What, f.Want, f.Got)
}

// Result is a case's run.
type Result struct {
	Case     *Case
	Outcome  *Outcome
	Checked  int
	Failures []Failure
}

type rawCase struct {
	At          ydoc.Pos     `yaml:"-"`
	Description ydoc.Str     `yaml:"description"`
	Region      ydoc.Str     `yaml:"region"`
	Fill        ydoc.Str     `yaml:"fill"`
	FillSection *ydoc.Node   `yaml:"fill_sections"`
	Answers     *ydoc.Node   `yaml:"answers"`
	Others      []*ydoc.Node `yaml:"others"`
	Consensus   *ydoc.Node   `yaml:"consensus"`
	Priorities  []ydoc.Str   `yaml:"priorities"`
	Assert      *ydoc.Node   `yaml:"assert"`
	Expect      *ydoc.Node   `yaml:"expect"`
}

type rawExpect struct {
	At           ydoc.Pos     `yaml:"-"`
	Overall      *ydoc.Node   `yaml:"overall"`
	Sections     *ydoc.Node   `yaml:"sections"`
	Fires        []ydoc.Str   `yaml:"fires"`
	NotFires     []ydoc.Str   `yaml:"not_fires"`
	FiredCount   ydoc.Num     `yaml:"fired_count"`
	Top          []ydoc.Str   `yaml:"top"`
	RankedBefore []*ydoc.Node `yaml:"ranked_before"`
	Pilot        ydoc.Str     `yaml:"pilot"`
	PilotBestFit *ydoc.Node   `yaml:"pilot_best_fit"`
}

// Levels are the fill levels: the lowest, middle and highest scored levels
// of each indicator, or its "don't know" choice.
var Levels = []string{"absent", "partial", "full", "dont_know"}

// Parse reads the cases (file name → bytes) against content c. A malformed
// case (unknown key, question, measure, section, region or band, a value the
// question refuses) is reported as ydoc.Errors, every problem at its line.
func Parse(files map[string][]byte, c *engine.Content) ([]*Case, error) {
	return parse(files, c, false)
}

// ParseForUpdate is Parse for `indimaj test --update`: a case may lack
// expectations (the update writes them).
func ParseForUpdate(files map[string][]byte, c *engine.Content) ([]*Case, error) {
	return parse(files, c, true)
}

func parse(files map[string][]byte, c *engine.Content, update bool) ([]*Case, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs ydoc.Errors
	var out []*Case
	for _, name := range names {
		root, err := ydoc.Parse(name, files[name])
		if err != nil {
			if es, ok := err.(ydoc.Errors); ok {
				errs = append(errs, es...)
			} else if e, ok := err.(*ydoc.Error); ok {
				errs = append(errs, e)
			} else {
				errs.Add(ydoc.Pos{File: name}, "%v", err)
			}
			continue
		}
		if root.Kind != ydoc.Map {
			errs.Add(posOr(root.Pos, name), "expected a case (region, fill, answers, expect…), got %s", ydoc.Describe(root))
			continue
		}
		if cs := parseCase(name, root, c, update, &errs); cs != nil {
			out = append(out, cs)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return out, nil
}

func posOr(p ydoc.Pos, file string) ydoc.Pos {
	if p.Line == 0 {
		return ydoc.Pos{File: file, Line: 1, Col: 1}
	}
	return p
}

func parseCase(name string, root *ydoc.Node, c *engine.Content, update bool, errs *ydoc.Errors) *Case {
	var rc rawCase
	before := len(*errs)
	ydoc.Decode(root, &rc, errs)
	cs := &Case{File: name, Description: rc.Description.V, Region: rc.Region.V, root: root, expectAt: rc.Expect}
	q := c.Q
	switch {
	case rc.Region.V == "":
		errs.Add(rc.At, "missing \"region\" (%s)", strings.Join(c.Refs.RegionCodes(), ", "))
	case c.Refs.Region(rc.Region.V) == nil:
		errs.Add(rc.Region.Pos, "unknown region %q (%s)", rc.Region.V, strings.Join(c.Refs.RegionCodes(), ", "))
	}
	// The first respondent: the fill level, then the answers given.
	first := map[string]any{}
	if rc.Fill.V != "" {
		if !slices.Contains(Levels, rc.Fill.V) {
			errs.Add(rc.Fill.Pos, "fill must be one of %s, got %q", strings.Join(Levels, ", "), rc.Fill.V)
		} else {
			for _, qu := range q.Indicators() {
				if v := levelChoice(qu, rc.Fill.V); v != "" {
					first[qu.ID] = v
				}
			}
		}
	}
	at := map[string]ydoc.Pos{}
	if n := rc.FillSection; n != nil && n.Kind != ydoc.Null {
		if n.Kind != ydoc.Map {
			errs.Add(n.Pos, "fill_sections: expected a mapping of section ids to levels, got %s", ydoc.Describe(n))
		} else {
			for i, k := range n.Keys {
				sec, lv := q.Section(k.Value), n.Vals[i]
				switch {
				case sec == nil:
					errs.Add(k.Pos, "fill_sections: unknown section %q", k.Value)
				case lv.Kind != ydoc.Scalar || !slices.Contains(Levels, lv.Value):
					errs.Add(lv.Pos, "fill_sections: %s: the level must be one of %s", k.Value, strings.Join(Levels, ", "))
				default:
					for _, qu := range sec.Questions {
						if v := levelChoice(qu, lv.Value); v != "" && qu.Scored {
							first[qu.ID] = v
						}
					}
				}
			}
		}
	}
	for k, v := range answerMap(rc.Answers, "answers", q, errs, at) {
		first[k] = v
	}
	if len(rc.Priorities) > 0 {
		pq := c.Rules.Policy.PrioritiesQuestion
		if pq == "" {
			errs.Add(rc.Priorities[0].Pos, "priorities: the policy names no priorities_question")
		} else {
			var codes []string
			for _, p := range rc.Priorities {
				if q.Question(pq).Choice(p.V) == nil {
					errs.Add(p.Pos, "priorities: %q is not a choice of %s", p.V, pq)
					continue
				}
				codes = append(codes, p.V)
			}
			first[pq] = codes
			at[pq] = rc.Priorities[0].Pos
		}
	}
	respondents := []map[string]any{first}
	checkAnswers(q, first, at, rc.At, errs)
	for _, o := range rc.Others {
		oat := map[string]ydoc.Pos{}
		r := answerMap(o, "others", q, errs, oat)
		checkAnswers(q, r, oat, o.Pos, errs)
		respondents = append(respondents, r)
	}
	cat := map[string]ydoc.Pos{}
	consensus := answerMap(rc.Consensus, "consensus", q, errs, cat)
	checkAnswers(q, consensus, cat, rc.At, errs)
	cs.values = consolidate(q, respondents, consensus)
	if rc.Assert == nil && rc.Expect == nil && !update {
		errs.Add(rc.At, "a case needs \"expect\" or \"assert\" (the outputs to check); `indimaj test --update` writes expect")
	}
	cs.assert = parseExpect(rc.Assert, "assert", c, rc.Region.V, errs)
	cs.expect = parseExpect(rc.Expect, "expect", c, rc.Region.V, errs)
	if len(*errs) > before {
		return nil
	}
	return cs
}

// levelChoice returns the choice of an indicator at a fill level, or "".
func levelChoice(qu *engine.Question, level string) string {
	var scored []*engine.Choice
	for _, ch := range qu.Choices {
		if level == "dont_know" && ch.Missing == engine.DontKnow {
			return ch.Value
		}
		if ch.Score != nil {
			scored = append(scored, ch)
		}
	}
	if level == "dont_know" || len(scored) == 0 {
		return ""
	}
	sort.SliceStable(scored, func(i, j int) bool { return *scored[i].Score < *scored[j].Score })
	switch level {
	case "absent":
		return scored[0].Value
	case "full":
		return scored[len(scored)-1].Value
	}
	return scored[len(scored)/2].Value
}

// answerMap reads a mapping question id → value (as in an answers file).
func answerMap(n *ydoc.Node, key string, q *engine.Questionnaire, errs *ydoc.Errors, at map[string]ydoc.Pos) map[string]any {
	out := map[string]any{}
	if n == nil || n.Kind == ydoc.Null {
		return out
	}
	if n.Kind != ydoc.Map {
		errs.Add(n.Pos, "%s: expected a mapping of question ids to answers, got %s", key, ydoc.Describe(n))
		return out
	}
	ids := make([]string, 0, len(q.Questions))
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID)
	}
	for i, k := range n.Keys {
		qu := q.Question(k.Value)
		if qu == nil {
			msg := fmt.Sprintf("%s: unknown question %q", key, k.Value)
			if s := ydoc.Closest(k.Value, ids); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Add(k.Pos, "%s", msg)
			continue
		}
		v, err := engine.ParseValue(qu, ydoc.Plain(n.Vals[i]))
		if err != nil {
			errs.Add(n.Vals[i].Pos, "%s: %v", key, err)
			continue
		}
		if code, ok := v.(string); ok && qu.Type == engine.Single && qu.Choice(code) == nil {
			errs.Add(n.Vals[i].Pos, "%s: %s: unknown choice %q", key, qu.ID, code)
			continue
		}
		out[qu.ID] = v
		at[qu.ID] = k.Pos
	}
	return out
}

// checkAnswers sets one respondent's answers in questionnaire order, as the
// CLI does, so constraints and choices are checked.
func checkAnswers(q *engine.Questionnaire, values map[string]any, at map[string]ydoc.Pos, owner ydoc.Pos, errs *ydoc.Errors) {
	st := engine.NewState(q)
	for _, qu := range q.Questions {
		v, ok := values[qu.ID]
		if !ok {
			continue
		}
		if err := st.Set(qu.ID, v); err != nil {
			p, ok := at[qu.ID]
			if !ok {
				p = owner // a fill level
			}
			errs.Add(p, "%v", err)
		}
	}
}

// consolidate gives the answer that counts for each question (engine.Consolidate).
func consolidate(q *engine.Questionnaire, respondents []map[string]any, consensus map[string]any) map[string]any {
	out := map[string]any{}
	for _, qu := range q.Questions {
		var rvs []engine.RespondentValue
		for i, r := range respondents {
			if v, ok := r[qu.ID]; ok {
				rvs = append(rvs, engine.RespondentValue{Respondent: strconv.Itoa(i + 1), Value: v})
			}
		}
		r := engine.Consolidate(qu, rvs, consensus[qu.ID])
		if r.Value != nil {
			out[qu.ID] = r.Value
		}
	}
	return out
}

func parseExpect(n *ydoc.Node, key string, c *engine.Content, region string, errs *ydoc.Errors) []check {
	if n == nil || n.Kind == ydoc.Null {
		return nil
	}
	if n.Kind != ydoc.Map {
		errs.Add(n.Pos, "%s: expected a mapping (overall, sections, fires…), got %s", key, ydoc.Describe(n))
		return nil
	}
	var re rawExpect
	ydoc.Decode(n, &re, errs)
	var out []check
	bands := map[string]bool{}
	for _, b := range c.Rules.Policy.Bands {
		bands[b.ID] = true
	}
	measure := func(s ydoc.Str, field string) bool {
		if c.Rules.Measure(s.V) == nil {
			msg := fmt.Sprintf("%s.%s: unknown measure %q", key, field, s.V)
			ids := make([]string, 0, len(c.Rules.Measures))
			for _, m := range c.Rules.Measures {
				ids = append(ids, m.ID)
			}
			if sug := ydoc.Closest(s.V, ids); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			errs.Add(s.Pos, "%s", msg)
			return false
		}
		return true
	}
	if re.Overall != nil {
		out = append(out, scoreChecks(re.Overall, key+".overall", bands, errs, func(o *Outcome) (*float64, string) {
			return o.Score.Overall, o.Score.OverallBand
		})...)
	}
	if re.Sections != nil {
		if re.Sections.Kind != ydoc.Map {
			errs.Add(re.Sections.Pos, "%s.sections: expected a mapping of section ids to scores, got %s", key, ydoc.Describe(re.Sections))
		} else {
			for i, k := range re.Sections.Keys {
				id := k.Value
				if s := c.Q.Section(id); s == nil || !s.Scored {
					errs.Add(k.Pos, "%s.sections: %q is not a scored section", key, id)
					continue
				}
				out = append(out, scoreChecks(re.Sections.Vals[i], key+".sections."+id, bands, errs, func(o *Outcome) (*float64, string) {
					if sr := o.Score.Section(id); sr != nil {
						return sr.Score, sr.Band
					}
					return nil, ""
				})...)
			}
		}
	}
	for _, f := range re.Fires {
		if measure(f, "fires") {
			id := f.V
			out = append(out, check{pos: f.Pos, what: key + ".fires: " + id, want: "fired", eval: func(o *Outcome) (bool, string) {
				if rankOf(o, id) > 0 {
					return true, "fired"
				}
				return false, "not fired"
			}})
		}
	}
	for _, f := range re.NotFires {
		if measure(f, "not_fires") {
			id := f.V
			out = append(out, check{pos: f.Pos, what: key + ".not_fires: " + id, want: "not fired", eval: func(o *Outcome) (bool, string) {
				if r := rankOf(o, id); r > 0 {
					return false, fmt.Sprintf("fired (rank %d)", r)
				}
				return true, "not fired"
			}})
		}
	}
	if re.FiredCount.Set {
		n := re.FiredCount
		if n.Null || n.V < 0 || n.V != math.Trunc(n.V) {
			errs.Add(n.Pos, "%s.fired_count: expected a whole number", key)
		} else {
			want := int(n.V)
			out = append(out, check{pos: n.Pos, what: key + ".fired_count", want: strconv.Itoa(want), eval: func(o *Outcome) (bool, string) {
				return len(o.Recs) == want, strconv.Itoa(len(o.Recs))
			}})
		}
	}
	for i, f := range re.Top {
		if measure(f, "top") {
			id, rank := f.V, i+1
			out = append(out, check{pos: f.Pos, what: fmt.Sprintf("%s.top[%d]", key, rank), want: id, eval: func(o *Outcome) (bool, string) {
				if len(o.Recs) < rank {
					return false, "nothing (" + strconv.Itoa(len(o.Recs)) + " fired)"
				}
				got := o.Recs[rank-1].Measure.ID
				return got == id, got
			}})
		}
	}
	for _, pair := range re.RankedBefore {
		if pair.Kind != ydoc.Seq || len(pair.Items) != 2 || pair.Items[0].Kind != ydoc.Scalar || pair.Items[1].Kind != ydoc.Scalar {
			errs.Add(pair.Pos, "%s.ranked_before: expected a pair [higher, lower] of measure ids", key)
			continue
		}
		a := ydoc.Str{V: pair.Items[0].Value, Pos: pair.Items[0].Pos}
		b := ydoc.Str{V: pair.Items[1].Value, Pos: pair.Items[1].Pos}
		if !measure(a, "ranked_before") || !measure(b, "ranked_before") {
			continue
		}
		out = append(out, check{pos: pair.Pos, what: fmt.Sprintf("%s.ranked_before: %s before %s", key, a.V, b.V), want: a.V + " ranked above " + b.V,
			eval: func(o *Outcome) (bool, string) {
				ra, rb := rankOf(o, a.V), rankOf(o, b.V)
				got := fmt.Sprintf("%s at %s, %s at %s", a.V, rankText(ra), b.V, rankText(rb))
				return ra > 0 && rb > 0 && ra < rb, got
			}})
	}
	if re.Pilot.V != "" {
		id := re.Pilot.V
		known := false
		for _, p := range c.Rules.Pilots {
			known = known || p.ID == id
		}
		if !known && id != "none" {
			errs.Add(re.Pilot.Pos, "%s.pilot: unknown pilot template %q (or none)", key, id)
		} else {
			out = append(out, check{pos: re.Pilot.Pos, what: key + ".pilot", want: id, eval: func(o *Outcome) (bool, string) {
				got := o.Pilot
				if got == "" {
					got = "none"
				}
				return got == id, got
			}})
		}
	}
	if re.PilotBestFit != nil {
		if re.PilotBestFit.Kind != ydoc.Scalar || re.PilotBestFit.Tag != "bool" {
			errs.Add(re.PilotBestFit.Pos, "%s.pilot_best_fit: expected true or false", key)
		} else {
			want := re.PilotBestFit.Value == "true"
			out = append(out, check{pos: re.PilotBestFit.Pos, what: key + ".pilot_best_fit", want: strconv.FormatBool(want), eval: func(o *Outcome) (bool, string) {
				return o.BestFt == want, strconv.FormatBool(o.BestFt)
			}})
		}
	}
	return out
}

func rankText(r int) string {
	if r == 0 {
		return "not fired"
	}
	return "rank " + strconv.Itoa(r)
}

func rankOf(o *Outcome, id string) int {
	for _, r := range o.Recs {
		if r.Measure.ID == id {
			return r.Rank
		}
	}
	return 0
}

// scoreChecks reads a score expectation: a number, null (not measured), or
// {score: …, band: …}.
func scoreChecks(n *ydoc.Node, what string, bands map[string]bool, errs *ydoc.Errors, get func(*Outcome) (*float64, string)) []check {
	var out []check
	scoreNode, bandNode := n, (*ydoc.Node)(nil)
	if n.Kind == ydoc.Map {
		scoreNode, bandNode = nil, nil
		for i, k := range n.Keys {
			switch k.Value {
			case "score":
				scoreNode = n.Vals[i]
			case "band":
				bandNode = n.Vals[i]
			default:
				errs.Add(k.Pos, "%s: unknown key %q (score, band)", what, k.Value)
			}
		}
	}
	if scoreNode != nil {
		switch {
		case scoreNode.Kind == ydoc.Null:
			out = append(out, check{pos: scoreNode.Pos, what: what + ".score", want: "null (not measured)", eval: func(o *Outcome) (bool, string) {
				s, _ := get(o)
				return s == nil, fmtScore(s)
			}})
		case scoreNode.Kind == ydoc.Scalar && (scoreNode.Tag == "int" || scoreNode.Tag == "float"):
			want, _ := strconv.ParseFloat(scoreNode.Value, 64)
			out = append(out, check{pos: scoreNode.Pos, what: what + ".score", want: strconv.FormatFloat(want, 'f', -1, 64), eval: func(o *Outcome) (bool, string) {
				s, _ := get(o)
				return s != nil && math.Abs(engine.Round1(*s)-want) < 0.05, fmtScore(s)
			}})
		default:
			errs.Add(scoreNode.Pos, "%s: expected a score (a number, or null for not measured), got %s", what, ydoc.Describe(scoreNode))
		}
	}
	if bandNode != nil {
		b := bandNode.Value
		if bandNode.Kind != ydoc.Scalar || !bands[b] {
			ids := make([]string, 0, len(bands))
			for id := range bands {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			errs.Add(bandNode.Pos, "%s.band: unknown band %q (%s)", what, b, strings.Join(ids, ", "))
		} else {
			out = append(out, check{pos: bandNode.Pos, what: what + ".band", want: b, eval: func(o *Outcome) (bool, string) {
				_, got := get(o)
				if got == "" {
					got = "none"
				}
				return got == b, got
			}})
		}
	}
	return out
}

func fmtScore(s *float64) string {
	if s == nil {
		return "null (not measured)"
	}
	return strconv.FormatFloat(engine.Round1(*s), 'f', -1, 64)
}

// Evaluate computes a case's outcome with content c.
func (cs *Case) Evaluate(c *engine.Content) *Outcome {
	st := engine.NewState(c.Q)
	st.Load(cs.values)
	sc := engine.Score(st, c.Rules.Policy)
	o := &Outcome{State: st, Score: sc, Recs: engine.Recommend(st, sc, c.Rules)}
	if len(c.Rules.Pilots) > 0 {
		if p, _, err := reports.SelectPilot(c.Rules, o.Recs, ""); err == nil {
			o.Pilot = p.ID
			o.BestFt = slices.Contains(p.BestFit, cs.Region)
		}
	}
	return o
}

// Run evaluates a case and checks its expectations (assert and expect).
func (cs *Case) Run(c *engine.Content) Result {
	o := cs.Evaluate(c)
	r := Result{Case: cs, Outcome: o}
	for _, ch := range append(append([]check{}, cs.assert...), cs.expect...) {
		r.Checked++
		if ok, got := ch.eval(o); !ok {
			r.Failures = append(r.Failures, Failure{Pos: ch.pos, What: ch.what, Want: ch.want, Got: got})
		}
	}
	return r
}

// RunAsserts is Run for the hand-written expectations only (what --update
// keeps checking while it rewrites expect).
func (cs *Case) RunAsserts(c *engine.Content) Result {
	o := cs.Evaluate(c)
	r := Result{Case: cs, Outcome: o}
	for _, ch := range cs.assert {
		r.Checked++
		if ok, got := ch.eval(o); !ok {
			r.Failures = append(r.Failures, Failure{Pos: ch.pos, What: ch.what, Want: ch.want, Got: got})
		}
	}
	return r
}

// Snapshot writes an outcome as an expect block (YAML text, ending with a
// newline).
func Snapshot(c *engine.Content, o *Outcome) string {
	var b strings.Builder
	b.WriteString("expect:\n")
	scoreText := func(s *float64, band string) string {
		if s == nil {
			return "{score: null}"
		}
		return fmt.Sprintf("{score: %s, band: %s}", fmtScore(s), band)
	}
	fmt.Fprintf(&b, "  overall: %s\n", scoreText(o.Score.Overall, o.Score.OverallBand))
	b.WriteString("  sections:\n")
	for _, sr := range o.Score.Sections {
		if s := c.Q.Section(sr.ID); s == nil || !s.Scored {
			continue
		}
		fmt.Fprintf(&b, "    %s: %s\n", sr.ID, scoreText(sr.Score, sr.Band))
	}
	fmt.Fprintf(&b, "  fired_count: %d\n", len(o.Recs))
	var top, fired []string
	for i, r := range o.Recs {
		if i < TopN {
			top = append(top, r.Measure.ID)
		}
		fired = append(fired, r.Measure.ID)
	}
	sort.Strings(fired)
	fmt.Fprintf(&b, "  top: [%s]\n", strings.Join(top, ", "))
	b.WriteString(flowList("  fires: ", fired))
	var not []string
	for _, m := range c.Rules.Measures {
		if rankOf(o, m.ID) == 0 {
			not = append(not, m.ID)
		}
	}
	sort.Strings(not)
	b.WriteString(flowList("  not_fires: ", not))
	if len(c.Rules.Pilots) > 0 {
		p := o.Pilot
		if p == "" {
			p = "none"
		}
		fmt.Fprintf(&b, "  pilot: %s\n", p)
		if o.Pilot != "" {
			fmt.Fprintf(&b, "  pilot_best_fit: %t\n", o.BestFt)
		}
	}
	return b.String()
}

// flowList writes key: [a, b, …] wrapped under 100 columns.
func flowList(prefix string, items []string) string {
	var b strings.Builder
	b.WriteString(prefix + "[")
	col := len(prefix) + 1
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
			col++
			if col+len(it)+2 > 100 {
				b.WriteString("\n    ")
				col = 4
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(it)
		col += len(it)
	}
	b.WriteString("]\n")
	return b.String()
}

// Update returns the case file's text with its expect block replaced by the
// outcome's snapshot; everything else (description, answers, assert,
// comments) is kept as written. A case without expect gets one at the end.
func (cs *Case) Update(data []byte, c *engine.Content, o *Outcome) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	snap := Snapshot(c, o)
	root := cs.root
	start, end := -1, len(lines)
	for i, k := range root.Keys {
		if k.Value != "expect" {
			continue
		}
		start = k.Pos.Line - 1
		if i+1 < len(root.Keys) {
			end = root.Keys[i+1].Pos.Line - 1
			// Comments and blank lines just above the next key belong to it.
			for end > start+1 {
				t := strings.TrimSpace(lines[end-1])
				if t != "" && !strings.HasPrefix(t, "#") {
					break
				}
				end--
			}
		}
	}
	if start < 0 {
		text := string(data)
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		return []byte(text + snap)
	}
	var b strings.Builder
	for _, l := range lines[:start] {
		b.WriteString(l)
	}
	b.WriteString(snap)
	rest := strings.Join(lines[end:], "")
	if rest != "" {
		b.WriteString(rest)
	}
	return []byte(b.String())
}

// IsCaseFile reports whether a file name is a case (a YAML file of Dir).
func IsCaseFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}
