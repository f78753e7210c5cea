package engine

import (
	"container/heap"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Status of an indicator or question in an assessment.
const (
	StatusAnswered      = "answered"
	StatusDontKnow      = "dont_know"
	StatusNotApplicable = "not_applicable"
	StatusSkipped       = "skipped"
	StatusUnanswered    = "unanswered"
)

// State evaluates a questionnaire for one set of answers: relevance,
// calculations, constraints, navigation and progress. It is the engine every
// front end drives. It is not safe for concurrent use.
type State struct {
	Q       *Questionnaire
	answers []any // by question index; nil = no answer
	// choice is, by question index, the position of a single-choice answer
	// in its question's choices, or -1; given is the status of the answer
	// when relevant (answered, don't know, not applicable). Both are kept with
	// answers by setAnswer.
	choice []int
	given  []uint8
	// sig is, by question index, what answered(), status() and score() last
	// read of the question.
	sig    []answerSig
	rel    []bool
	secRel []bool
	calcs  []any
	env    map[string]any
	// Scratch space of RankInto, kept between calls.
	fast        fastEnv
	rankKeys    []rankKey
	rankFactors []factors
	rankTies    []float64
	// Problems holds run-time expression failures (such as a division by zero),
	// which count as false and are reported, never fatal.
	Problems []string
}

// NewState returns the state of a questionnaire with no answers.
func NewState(q *Questionnaire) *State {
	s := &State{
		Q:       q,
		answers: make([]any, len(q.Questions)),
		choice:  make([]int, len(q.Questions)),
		given:   make([]uint8, len(q.Questions)),
		sig:     make([]answerSig, len(q.Questions)),
		rel:     make([]bool, len(q.Questions)),
		secRel:  make([]bool, len(q.Sections)),
		calcs:   make([]any, len(q.Calcs)),
		env:     make(map[string]any, len(q.Questions)+len(q.Calcs)+8),
	}
	for _, qu := range q.Questions {
		s.choice[qu.Index] = -1
		if qu.Type != Note {
			s.env[qu.ID] = zeroValue(qu.Type)
		}
	}
	for i, c := range q.Calcs {
		s.calcs[i] = zeroOf(c.Expr.typeOf())
		s.env[c.ID] = s.calcs[i]
	}
	s.env["selected"] = fnSelected(selected)
	s.env["count_selected"] = fnCountSelected(countSelected)
	s.env["coalesce"] = fnCoalesce(coalesce)
	s.env["answered"] = fnName(s.answeredName)
	s.env["score"] = fnScore(s.scoreName)
	s.env["status"] = fnStatus(s.statusName)
	for _, n := range q.graph.topo {
		s.eval(n)
	}
	return s
}

// Clone returns an independent copy (for what-if evaluations).
func (s *State) Clone() *State {
	c := NewState(s.Q)
	for i, v := range s.answers {
		if v != nil {
			c.setAnswer(i, v)
		}
	}
	c.recomputeAll()
	return c
}

func (s *State) recomputeAll() {
	for _, n := range s.Q.graph.topo {
		s.eval(n)
	}
}

// Load sets many answers at once without validation (they were validated when
// given) and evaluates everything once. Unknown ids are ignored and returned.
func (s *State) Load(values map[string]any) (unknown []string) {
	for id, v := range values {
		qu := s.Q.byID[id]
		if qu == nil || qu.Type == Note {
			unknown = append(unknown, id)
			continue
		}
		s.setAnswer(qu.Index, v)
	}
	s.recomputeAll()
	sort.Strings(unknown)
	return unknown
}

// eval computes one graph node and reports whether its value changed.
func (s *State) eval(n int) bool {
	g := s.Q.graph
	switch g.kindIndex(n) {
	case 0:
		sec := s.Q.Sections[n]
		v := true
		if sec.Relevant != nil {
			v = s.boolExpr(sec.Relevant)
		}
		changed := s.secRel[n] != v
		s.secRel[n] = v
		return changed
	case 1:
		i := n - g.nS
		qu := s.Q.Questions[i]
		v := s.secRel[qu.Section.Index]
		if v && qu.Relevant != nil {
			v = s.boolExpr(qu.Relevant)
		}
		changed := s.rel[i] != v
		s.rel[i] = v
		return changed
	case 2:
		i := n - g.nS - g.nQ
		qu := s.Q.Questions[i]
		if qu.Type == Note {
			return false
		}
		v := s.answers[i]
		if v == nil || !s.rel[i] {
			v = zeroValue(qu.Type)
		}
		old := s.env[qu.ID]
		s.env[qu.ID] = v
		// answered(), status() and score() read more than the value: an
		// answer of 0, false or "" (the value of no answer), or a skipped
		// follow-up whose skip became known, changes them too.
		sig := answerSig{present: s.rel[i] && s.answers[i] != nil, status: s.statusCode(qu), score: math.NaN()}
		if qu.Scored {
			pl := s.Q.plan()
			if x, ok := s.scoreOf(&pl.inds[pl.indAt[i]]); ok {
				sig.score = x
			}
		}
		was := s.sig[i]
		s.sig[i] = sig
		return !sameValue(old, v) || !was.same(sig)
	default:
		i := n - g.nS - 2*g.nQ
		c := s.Q.Calcs[i]
		out, err := c.Expr.run(s.env)
		if err != nil {
			s.Problems = append(s.Problems, fmt.Sprintf("%s: calculate %s: %v", c.Expr.Pos, c.ID, err))
			out = s.calcs[i]
		}
		changed := !sameValue(s.calcs[i], out)
		s.calcs[i] = out
		s.env[c.ID] = out
		return changed
	}
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case []string:
		y, ok := b.([]string)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y))
	}
	return reflect.TypeOf(a) == reflect.TypeOf(b) && a == b
}

func (s *State) boolExpr(e *Expr) bool {
	v, err := e.Bool(s.env)
	if err != nil {
		s.Problems = append(s.Problems, err.Error())
	}
	return v
}

// propagate re-evaluates what depends on node n, in topological order,
// stopping wherever a value does not change.
func (s *State) propagate(n int) {
	g := s.Q.graph
	h := &rankHeap{order: g.order}
	queued := map[int]bool{}
	for _, d := range g.dependents[n] {
		if !queued[d] {
			queued[d] = true
			heap.Push(h, d)
		}
	}
	for h.Len() > 0 {
		m := heap.Pop(h).(int)
		delete(queued, m)
		if s.eval(m) {
			for _, d := range g.dependents[m] {
				if !queued[d] {
					queued[d] = true
					heap.Push(h, d)
				}
			}
		}
	}
}

type rankHeap struct {
	items []int
	order []int
}

func (h *rankHeap) Len() int           { return len(h.items) }
func (h *rankHeap) Less(i, j int) bool { return h.order[h.items[i]] < h.order[h.items[j]] }
func (h *rankHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rankHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *rankHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// ValueError is a rejected answer. Msg is in the content's reference language
// when it comes from content (a constraint message): MsgText has every language.
type ValueError struct {
	Question string
	Msg      string
	MsgText  Text
}

func (e *ValueError) Error() string { return e.Question + ": " + e.Msg }

// Message returns the error in lang when content gave one, else in English.
func (e *ValueError) Message(lang string) string {
	if e.MsgText != nil {
		return e.MsgText.Get(lang)
	}
	return e.Msg
}

// Check validates a value for a question without storing it: its type, that
// choices exist, and the constraint. v must already be typed (see ParseValue).
func (s *State) Check(id string, v any) error {
	qu := s.Q.byID[id]
	if qu == nil {
		return &ValueError{Question: id, Msg: "unknown question"}
	}
	if qu.Type == Note {
		return &ValueError{Question: id, Msg: "a note takes no answer"}
	}
	if err := checkType(qu, v); err != nil {
		return err
	}
	if qu.Constraint != nil {
		old, had := s.env["_"]
		s.env["_"] = v
		ok, err := qu.Constraint.Bool(s.env)
		if had {
			s.env["_"] = old
		} else {
			delete(s.env, "_")
		}
		if err != nil {
			return &ValueError{Question: id, Msg: "the constraint could not be checked: " + err.Error()}
		}
		if !ok {
			return &ValueError{Question: id, Msg: qu.ConstraintMsg.Get("en"), MsgText: qu.ConstraintMsg}
		}
	}
	return nil
}

func checkType(qu *Question, v any) error {
	bad := func(format string, args ...any) error {
		return &ValueError{Question: qu.ID, Msg: fmt.Sprintf(format, args...)}
	}
	switch qu.Type {
	case Single:
		code, ok := v.(string)
		if !ok {
			return bad("expected one choice code, got %s", describeValue(v))
		}
		if qu.Choice(code) == nil {
			return bad("%q is not one of the choices (%s)", code, choiceCodes(qu))
		}
	case Multiple:
		codes, ok := v.([]string)
		if !ok {
			return bad("expected a list of choice codes, got %s", describeValue(v))
		}
		seen := map[string]bool{}
		for _, c := range codes {
			if qu.Choice(c) == nil {
				return bad("%q is not one of the choices (%s)", c, choiceCodes(qu))
			}
			if seen[c] {
				return bad("%q is chosen twice", c)
			}
			seen[c] = true
		}
	case Boolean:
		if _, ok := v.(bool); !ok {
			return bad("expected true or false, got %s", describeValue(v))
		}
	case Integer:
		if _, ok := v.(int); !ok {
			return bad("expected a whole number, got %s", describeValue(v))
		}
	case Decimal:
		f, ok := v.(float64)
		if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
			return bad("expected a number, got %s", describeValue(v))
		}
	case TextQ:
		if _, ok := v.(string); !ok {
			return bad("expected text, got %s", describeValue(v))
		}
	}
	return nil
}

func choiceCodes(qu *Question) string {
	codes := make([]string, len(qu.Choices))
	for i, c := range qu.Choices {
		codes[i] = c.Value
	}
	return strings.Join(codes, ", ")
}

func describeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("the text %q", x)
	case []string, []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case bool:
		return fmt.Sprint(x)
	default:
		return fmt.Sprintf("the number %v", x)
	}
}

// ParseValue converts a value as read from JSON/YAML or typed by a person
// (string, int64, int, float64, bool, []any, []string) into the typed value of
// the question, or explains why it cannot.
func ParseValue(qu *Question, raw any) (any, error) {
	bad := func(format string, args ...any) error {
		return &ValueError{Question: qu.ID, Msg: fmt.Sprintf(format, args...)}
	}
	switch qu.Type {
	case Single, TextQ:
		switch x := raw.(type) {
		case string:
			return x, nil
		case int64, int, float64, bool:
			if qu.Type == TextQ || qu.Choice(fmt.Sprint(x)) != nil {
				return fmt.Sprint(x), nil
			}
		}
		if qu.Type == Single {
			return nil, bad("expected one choice code (%s), got %s", choiceCodes(qu), describeValue(raw))
		}
		return nil, bad("expected text, got %s", describeValue(raw))
	case Multiple:
		switch x := raw.(type) {
		case []string:
			return append([]string{}, x...), nil
		case []any:
			out := make([]string, 0, len(x))
			for _, it := range x {
				switch c := it.(type) {
				case string:
					out = append(out, c)
				case int64, int, float64:
					out = append(out, fmt.Sprint(c))
				default:
					return nil, bad("expected a list of choice codes, got an item that is %s", describeValue(it))
				}
			}
			return out, nil
		case string:
			if x == "" {
				return []string{}, nil
			}
			return strings.Fields(strings.ReplaceAll(x, ",", " ")), nil
		}
		return nil, bad("expected a list of choice codes, got %s", describeValue(raw))
	case Boolean:
		switch x := raw.(type) {
		case bool:
			return x, nil
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "true", "yes", "oui", "1", "نعم":
				return true, nil
			case "false", "no", "non", "0", "لا":
				return false, nil
			}
		}
		return nil, bad("expected true or false, got %s", describeValue(raw))
	case Integer:
		switch x := raw.(type) {
		case int64:
			return int(x), nil
		case int:
			return x, nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1e15 {
				return int(x), nil
			}
		case string:
			if i, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
				return i, nil
			}
		}
		return nil, bad("expected a whole number, got %s", describeValue(raw))
	case Decimal:
		switch x := raw.(type) {
		case int64:
			return float64(x), nil
		case int:
			return float64(x), nil
		case float64:
			return x, nil
		case string:
			if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(x), ",", "."), 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f, nil
			}
		}
		return nil, bad("expected a number, got %s", describeValue(raw))
	case Note:
		return nil, bad("a note takes no answer")
	}
	return nil, bad("unsupported question type %s", qu.Type)
}

// Set validates and stores an answer, then re-evaluates what depends on it.
func (s *State) Set(id string, v any) error {
	if err := s.Check(id, v); err != nil {
		return err
	}
	qu := s.Q.byID[id]
	s.setAnswer(qu.Index, v)
	s.evalAndPropagate(s.Q.graph.qVal(qu.Index))
	return nil
}

// answerSig is what the helpers answered(), status() and score() read of a question.
type answerSig struct {
	present bool
	status  uint8
	score   float64 // NaN: none
}

func (a answerSig) same(b answerSig) bool {
	return a.present == b.present && a.status == b.status && (a.score == b.score || math.IsNaN(a.score) && math.IsNaN(b.score))
}

// setAnswer stores the answer to question i (nil: none) and its choice position.
func (s *State) setAnswer(i int, v any) {
	s.answers[i] = v
	s.choice[i] = -1
	s.given[i] = stAnswered
	qu := s.Q.Questions[i]
	if code, ok := v.(string); ok {
		for k, c := range qu.Choices {
			if c.Value == code {
				s.choice[i] = k
				if qu.Type == Single {
					switch c.Missing {
					case DontKnow:
						s.given[i] = stDontKnow
					case NotApplicable:
						s.given[i] = stNotApplicable
					}
				}
				break
			}
		}
	}
}

// evalAndPropagate evaluates node n and, if it changed, what depends on it.
func (s *State) evalAndPropagate(n int) {
	if s.eval(n) {
		s.propagate(n)
	}
}

// Clear removes the answer to a question.
func (s *State) Clear(id string) {
	qu := s.Q.byID[id]
	if qu == nil {
		return
	}
	s.setAnswer(qu.Index, nil)
	s.evalAndPropagate(s.Q.graph.qVal(qu.Index))
}

// Answer returns the stored answer to a question (even when not relevant), or nil.
func (s *State) Answer(id string) any {
	qu := s.Q.byID[id]
	if qu == nil {
		return nil
	}
	return s.answers[qu.Index]
}

// Relevant reports whether a question is asked under the current answers.
func (s *State) Relevant(id string) bool {
	qu := s.Q.byID[id]
	return qu != nil && s.rel[qu.Index]
}

// SectionRelevant reports whether a section is asked under the current answers.
func (s *State) SectionRelevant(id string) bool {
	sec := s.Q.sectionByID[id]
	return sec != nil && s.secRel[sec.Index]
}

// Answered reports whether a question has an answer and is relevant.
func (s *State) Answered(id string) bool {
	qu := s.Q.byID[id]
	return qu != nil && s.rel[qu.Index] && s.answers[qu.Index] != nil
}

// IgnoredAnswers lists the questions that have an answer but are not relevant:
// their answers are kept and ignored (ODK semantics).
func (s *State) IgnoredAnswers() []string {
	var out []string
	for i, qu := range s.Q.Questions {
		if s.answers[i] != nil && !s.rel[i] {
			out = append(out, qu.ID)
		}
	}
	return out
}

// Value returns the value a question stands for in expressions.
func (s *State) Value(id string) any { return s.env[id] }

// Calc returns a computed value.
func (s *State) Calc(id string) any { return s.env[id] }

func (s *State) answeredName(name string) bool { return s.Answered(name) }

func (s *State) statusName(name string) string { return s.Status(name) }

func (s *State) scoreName(name string) float64 {
	v, ok := s.IndicatorScore(name)
	if !ok {
		return math.NaN()
	}
	return v
}

// Status returns answered, dont_know, not_applicable, skipped or unanswered.
func (s *State) Status(id string) string {
	qu := s.Q.byID[id]
	if qu == nil {
		return StatusUnanswered
	}
	return s.statusOf(qu)
}

func (s *State) statusOf(qu *Question) string { return statusNames[s.statusCode(qu)] }

// Status codes, in the order of statusNames.
const (
	stAnswered uint8 = iota
	stDontKnow
	stNotApplicable
	stSkipped
	stUnanswered
)

var statusNames = [...]string{StatusAnswered, StatusDontKnow, StatusNotApplicable, StatusSkipped, StatusUnanswered}

func (s *State) statusCode(qu *Question) uint8 {
	if !s.rel[qu.Index] {
		return stSkipped
	}
	if s.answers[qu.Index] == nil {
		return stUnanswered
	}
	return s.given[qu.Index]
}

// IndicatorScore returns the score an indicator counts at: its chosen level,
// or its skip score when relevance skipped it. ok is false when it has none
// (unanswered, don't know, not applicable, skipped and excluded, or not scored).
func (s *State) IndicatorScore(id string) (float64, bool) {
	qu := s.Q.byID[id]
	if qu == nil || !qu.Scored {
		return 0, false
	}
	pl := s.Q.plan()
	return s.scoreOf(&pl.inds[pl.indAt[qu.Index]])
}

// scoreOf is IndicatorScore for a planned indicator.
func (s *State) scoreOf(in *planInd) (float64, bool) {
	qu := in.qu
	if !s.rel[qu.Index] {
		// A skipped indicator counts at its lowest level only when what decided
		// the skip is known: a follow-up whose parent is unanswered, "don't
		// know" or "not applicable" is pending, not absent.
		if qu.SkipExcluded || !s.secRel[qu.Section.Index] {
			return 0, false
		}
		for _, d := range in.skipDeps {
			if s.statusCode(d) != stAnswered {
				return 0, false
			}
		}
		return in.lowest, true
	}
	if k := s.choice[qu.Index]; k >= 0 {
		if sc := qu.Choices[k].Score; sc != nil {
			return *sc, true
		}
	}
	return 0, false
}

// Next returns the first relevant question after index from (-1 for the
// start), or nil at the end.
func (s *State) Next(from int) *Question {
	for i := from + 1; i < len(s.Q.Questions); i++ {
		if s.rel[i] {
			return s.Q.Questions[i]
		}
	}
	return nil
}

// Prev returns the last relevant question before index from, or nil.
func (s *State) Prev(from int) *Question {
	if from > len(s.Q.Questions) {
		from = len(s.Q.Questions)
	}
	for i := from - 1; i >= 0; i-- {
		if s.rel[i] {
			return s.Q.Questions[i]
		}
	}
	return nil
}

// NextUnanswered returns the first relevant, unanswered question (notes
// excluded) after index from, or nil when every relevant question is answered.
func (s *State) NextUnanswered(from int) *Question {
	for i := from + 1; i < len(s.Q.Questions); i++ {
		qu := s.Q.Questions[i]
		if s.rel[i] && qu.Type != Note && s.answers[i] == nil {
			return qu
		}
	}
	return nil
}

// FirstInSection returns the first relevant question of a section, or nil.
func (s *State) FirstInSection(id string) *Question {
	sec := s.Q.sectionByID[id]
	if sec == nil {
		return nil
	}
	for _, qu := range sec.Questions {
		if s.rel[qu.Index] {
			return qu
		}
	}
	return nil
}

// Count is answered / relevant for a section or the whole questionnaire.
type Count struct {
	Answered int `json:"answered"`
	Relevant int `json:"relevant"`
}

// Fraction is Answered/Relevant, 1 when nothing is relevant.
func (c Count) Fraction() float64 {
	if c.Relevant == 0 {
		return 1
	}
	return float64(c.Answered) / float64(c.Relevant)
}

// Progress counts answered and relevant questions (notes excluded), per
// section and overall. A "don't know" is an answer here: progress measures
// what was asked, coverage (in scoring) what is known.
func (s *State) Progress() (overall Count, bySection map[string]Count) {
	bySection = make(map[string]Count, len(s.Q.Sections))
	for i, qu := range s.Q.Questions {
		if qu.Type == Note || !s.rel[i] {
			continue
		}
		c := bySection[qu.Section.ID]
		c.Relevant++
		overall.Relevant++
		if s.answers[i] != nil {
			c.Answered++
			overall.Answered++
		}
		bySection[qu.Section.ID] = c
	}
	return overall, bySection
}
