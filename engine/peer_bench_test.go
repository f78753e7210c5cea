package engine_test

// Peer benchmark: the SurveyJS harness of shared/peers/surveyjs run on
// indimaj's engine. neutral.json (questions q1..qN in sections of 15, choices
// 0/50/100, visibleIf over earlier answers, N/3 rules) is converted in memory
// into an indimaj content set, then:
//
//	a  load:   engine.LoadFiles of the converted files
//	b  answer: walk q1..qN in order; set the answer from answers.json only when
//	           the question is relevant at that moment (engine.NewState included)
//	c  score:  engine.Score + engine.Recommend (every rule's trigger)
//
// and the results are checked against expected.json (written by survey-core).
// See BENCHMARKS-engine.md for the figures.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// peerDataDir is shared/peers/surveyjs/data beside the clone (relative to engine/).
var peerDataDir = filepath.Join("..", "..", "shared", "peers", "surveyjs", "data")

var peerSizes = []int{150, 1500, 15000}

type peerNeutral struct {
	N        int `json:"n"`
	Sections []struct {
		ID        string   `json:"id"`
		Questions []string `json:"questions"`
	} `json:"sections"`
	Questions []struct {
		ID        string  `json:"id"`
		Section   string  `json:"section"`
		VisibleIf *string `json:"visibleIf"`
	} `json:"questions"`
	Rules []struct {
		ID   string `json:"id"`
		When string `json:"when"`
	} `json:"rules"`
}

type peerExpected struct {
	N             int                `json:"n"`
	Applied       int                `json:"applied"`
	Visible       []string           `json:"visible"`
	SectionScores map[string]float64 `json:"sectionScores"`
	Overall       float64            `json:"overall"`
	Rules         map[string]bool    `json:"rules"`
}

// peerCase is one size of the peer data, converted.
type peerCase struct {
	n        int
	neutral  peerNeutral
	expected peerExpected
	files    map[string][]byte // the converted content set
	// The walk's input, in question order: id and the answer as a choice code.
	ids  []string
	vals []string

	loadOnce sync.Once
	content  *engine.Content
	loadErr  error
	loadTime time.Duration
}

var (
	peerMu    sync.Mutex
	peerCache = map[int]*peerCase{}
)

// peerSkipIfAbsent skips when shared/peers/surveyjs/data is not beside the clone.
func peerSkipIfAbsent(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(peerDataDir); errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(peerDataDir)
		tb.Skipf("peer data folder %s is absent (the SurveyJS harness's data/ must sit at shared/peers/surveyjs/data beside the clone)", abs)
	}
}

// peerData reads and converts data/<n> (cached).
func peerData(tb testing.TB, n int) *peerCase {
	tb.Helper()
	peerSkipIfAbsent(tb)
	peerMu.Lock()
	defer peerMu.Unlock()
	if pc := peerCache[n]; pc != nil {
		return pc
	}
	dir := filepath.Join(peerDataDir, strconv.Itoa(n))
	read := func(name string, v any) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			tb.Fatalf("peer data: %v", err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			tb.Fatalf("peer data %s: %v", name, err)
		}
	}
	pc := &peerCase{n: n}
	var answers map[string]int
	read("neutral.json", &pc.neutral)
	read("answers.json", &answers)
	read("expected.json", &pc.expected)
	files, err := peerConvert(&pc.neutral)
	if err != nil {
		tb.Fatalf("peer data N=%d: convert: %v", n, err)
	}
	pc.files = files
	for _, q := range pc.neutral.Questions {
		a, ok := answers[q.ID]
		if !ok {
			tb.Fatalf("peer data N=%d: answers.json has no answer for %s", n, q.ID)
		}
		pc.ids = append(pc.ids, q.ID)
		pc.vals = append(pc.vals, strconv.Itoa(a))
	}
	peerCache[n] = pc
	return pc
}

// load compiles the converted content once per test binary.
func (pc *peerCase) load(tb testing.TB) *engine.Content {
	tb.Helper()
	pc.loadOnce.Do(func() {
		t0 := time.Now()
		pc.content, pc.loadErr = engine.LoadFiles(pc.files)
		pc.loadTime = time.Since(t0)
	})
	if pc.loadErr != nil {
		tb.Fatalf("N=%d: the converted content does not load:\n%v", pc.n, pc.loadErr)
	}
	return pc.content
}

// peerIdent matches a question id (qN) or a section id (sN) in neutral.json's
// infix expressions; "overall" and numbers are left alone.
var peerIdent = regexp.MustCompile(`\b([qs])([0-9]+)\b`)

// peerExpr translates a neutral expression: qN → score(qN), sN → section(sN).
// score() and section() are NaN when there is no score, so every comparison is
// false except != — SurveyJS's null semantics.
func peerExpr(src string) string {
	return peerIdent.ReplaceAllStringFunc(src, func(id string) string {
		if id[0] == 'q' {
			return "score(" + id + ")"
		}
		return "section(" + id + ")"
	})
}

// peerReads lists the question ids an expression reads, in order of first use.
func peerReads(src string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range peerIdent.FindAllString(src, -1) {
		if m[0] == 'q' && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

// peerPolicy is examples/sample/rules/policy.yaml without priorities_question,
// with French-only labels (the converted questionnaire declares languages [fr]).
const peerPolicy = `policy:
  target: 100
  section_targets: {}
  low_confidence_below: 0.8
  bands:
    - {id: very_weak, min: 0, max: 20, color: "#b2182b", label: {fr: Très insuffisant}}
    - {id: weak, min: 21, max: 40, color: "#ef8a62", label: {fr: Insuffisant}}
    - {id: halfway, min: 41, max: 59, color: "#e6c229", label: {fr: À mi-chemin}}
    - {id: advanced, min: 60, max: 79, color: "#67a9cf", label: {fr: Avancé}}
    - {id: very_advanced, min: 80, max: 100, color: "#2166ac", label: {fr: Très avancé}}
  competence_weights: {own: 1.0, shared: 0.8, transferred: 0.6, convention: 0.6}
  horizon_weights: {short: 1.1, medium: 1.0, long: 0.9}
  alignment_bonus: 0.25
  priority: "gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight"
`

// peerConvert turns neutral.json into an indimaj content set (file name → bytes):
// questionnaires/q.yaml, rules/policy.yaml and rules/measures.yaml.
func peerConvert(nt *peerNeutral) (map[string][]byte, error) {
	visible := map[string]*string{}
	for _, q := range nt.Questions {
		visible[q.ID] = q.VisibleIf
	}
	var q strings.Builder
	q.WriteString(`id: peer-surveyjs
version: 1.0.0
languages: [fr]
title: {fr: Questionnaire de référence SurveyJS}
choice_sets:
  lvl:
    - {value: "0", score: 0, label: {fr: Absent}}
    - {value: "50", score: 50, label: {fr: Partiel}}
    - {value: "100", score: 100, label: {fr: Complet}}
sections:
`)
	nq := 0
	for _, s := range nt.Sections {
		fmt.Fprintf(&q, "  - id: %s\n    title: {fr: Section %s}\n    questions:\n", s.ID, s.ID)
		for _, id := range s.Questions {
			vis, ok := visible[id]
			if !ok {
				return nil, fmt.Errorf("section %s lists %s, which is not a question", s.ID, id)
			}
			fmt.Fprintf(&q, "      - {id: %s, type: single, label: {fr: Question %s}, choices: lvl, when_skipped: exclude", id, id)
			if vis != nil {
				fmt.Fprintf(&q, ", relevant: %s", strconv.Quote(peerExpr(*vis)))
			}
			q.WriteString("}\n")
			nq++
		}
	}
	if nq != len(nt.Questions) {
		return nil, fmt.Errorf("the sections list %d questions, neutral.json has %d", nq, len(nt.Questions))
	}
	var m strings.Builder
	m.WriteString("measures:\n")
	for _, r := range nt.Rules {
		inds := peerReads(r.When)
		if len(inds) == 0 {
			inds = []string{"q1"}
		}
		fmt.Fprintf(&m, `  - id: %[1]s
    title: {fr: Mesure %[1]s}
    description: {fr: Mesure déclenchée par la règle %[1]s}
    snia: [P11]
    lead: {fr: Conseil régional}
    horizon: medium
    cost: low
    kpi: {fr: Indicateur %[1]s}
    indicators: [%[2]s]
    when: %[3]s
`, r.ID, strings.Join(inds, ", "), strconv.Quote(peerExpr(r.When)))
	}
	refs, err := os.ReadFile("../examples/sample/" + engine.ReferencesFile)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"questionnaires/q.yaml": []byte(q.String()),
		"rules/policy.yaml":     []byte(peerPolicy),
		"rules/measures.yaml":   []byte(m.String()),
		engine.ReferencesFile:   refs,
	}, nil
}

// peerWalk is step b: a fresh state, then q1..qN in order, each answered only
// when relevant at that moment. It returns the state and the number of answers set.
func peerWalk(c *engine.Content, pc *peerCase) (*engine.State, int, error) {
	st := engine.NewState(c.Q)
	applied := 0
	for i, id := range pc.ids {
		if !st.Relevant(id) {
			continue
		}
		if err := st.Set(id, pc.vals[i]); err != nil {
			return nil, 0, err
		}
		applied++
	}
	return st, applied, nil
}

// peerScore is step c: section scores, overall and every rule.
func peerScore(c *engine.Content, st *engine.State) (*engine.ScoreResult, []engine.Recommendation) {
	sc := engine.Score(st, c.Rules.Policy)
	return sc, engine.Recommend(st, sc, c.Rules)
}

// peerCheck compares b and c with expected.json and lists every mismatch.
func peerCheck(pc *peerCase, st *engine.State, applied int, sc *engine.ScoreResult, recs []engine.Recommendation) []string {
	var bad []string
	exp := &pc.expected
	if applied != exp.Applied {
		bad = append(bad, fmt.Sprintf("answers applied: got %d, expected %d", applied, exp.Applied))
	}
	var vis []string
	for _, id := range pc.ids {
		if st.Relevant(id) {
			vis = append(vis, id)
		}
	}
	if strings.Join(vis, ",") != strings.Join(exp.Visible, ",") {
		want := map[string]bool{}
		for _, id := range exp.Visible {
			want[id] = true
		}
		got := map[string]bool{}
		for _, id := range vis {
			got[id] = true
		}
		var diff []string
		for _, id := range pc.ids {
			if got[id] != want[id] {
				diff = append(diff, fmt.Sprintf("%s (engine %v, SurveyJS %v)", id, got[id], want[id]))
			}
		}
		bad = append(bad, fmt.Sprintf("visible: %d questions vs %d expected; differ: %s", len(vis), len(exp.Visible), peerFirst(diff, 10)))
	}
	for _, s := range pc.neutral.Sections {
		want, ok := exp.SectionScores[s.ID]
		sr := sc.Section(s.ID)
		switch {
		case !ok:
			bad = append(bad, "expected.json has no score for section "+s.ID)
		case sr == nil || sr.Score == nil:
			bad = append(bad, fmt.Sprintf("section %s: no score, expected %v", s.ID, want))
		case !(math.Abs(*sr.Score-want) <= 1e-9):
			bad = append(bad, fmt.Sprintf("section %s: %v, expected %v", s.ID, *sr.Score, want))
		}
	}
	switch {
	case sc.Overall == nil:
		bad = append(bad, fmt.Sprintf("overall: none, expected %v", exp.Overall))
	case !(math.Abs(*sc.Overall-exp.Overall) <= 1e-9):
		bad = append(bad, fmt.Sprintf("overall: %v, expected %v", *sc.Overall, exp.Overall))
	}
	fired := map[string]bool{}
	for _, r := range recs {
		fired[r.Measure.ID] = true
	}
	var rdiff []string
	for _, r := range pc.neutral.Rules {
		want, ok := exp.Rules[r.ID]
		if !ok {
			rdiff = append(rdiff, r.ID+" (missing from expected.json)")
			continue
		}
		if fired[r.ID] != want {
			rdiff = append(rdiff, fmt.Sprintf("%s %q: engine %v, SurveyJS %v", r.ID, r.When, fired[r.ID], want))
		}
	}
	if len(rdiff) > 0 {
		bad = append(bad, fmt.Sprintf("%d rules differ: %s", len(rdiff), peerFirst(rdiff, 10)))
	}
	if len(st.Problems) > 0 {
		bad = append(bad, fmt.Sprintf("%d expression problems: %s", len(st.Problems), peerFirst(st.Problems, 5)))
	}
	return bad
}

func peerFirst(list []string, n int) string {
	if len(list) > n {
		return strings.Join(list[:n], "; ") + fmt.Sprintf("; … (%d more)", len(list)-n)
	}
	return strings.Join(list, "; ")
}

// peerRunAndCheck runs b and c on a loaded case and returns the mismatches.
func peerRunAndCheck(tb testing.TB, pc *peerCase) []string {
	tb.Helper()
	c := pc.load(tb)
	st, applied, err := peerWalk(c, pc)
	if err != nil {
		tb.Fatalf("N=%d: walk: %v", pc.n, err)
	}
	sc, recs := peerScore(c, st)
	return peerCheck(pc, st, applied, sc, recs)
}

// TestPeerSurveyJSEquivalence checks that indimaj reproduces survey-core's
// results (expected.json) on the converted questionnaire at N=150, 1500 and
// 15000 (about one second in all); the benchmarks check them too, before
// timing them.
func TestPeerSurveyJSEquivalence(t *testing.T) {
	peerSkipIfAbsent(t)
	sizes := []int{150, 1500, 15000}
	for _, n := range sizes {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			pc := peerData(t, n)
			if got := len(pc.neutral.Questions); got != n {
				t.Fatalf("neutral.json has %d questions, expected %d", got, n)
			}
			for _, m := range peerRunAndCheck(t, pc) {
				t.Error(m)
			}
		})
	}
}

// TestPeerConvert checks the converter on a hand-written example.
func TestPeerConvert(t *testing.T) {
	for src, want := range map[string]string{
		"q2 == 0 && q1 > 0":                    "score(q2) == 0 && score(q1) > 0",
		"(q94 > 0 || s3 < 50) && overall < 50": "(score(q94) > 0 || section(s3) < 50) && overall < 50",
		"q107 != 0":                            "score(q107) != 0",
		"s12 >= 50 || overall >= 60":           "section(s12) >= 50 || overall >= 60",
	} {
		if got := peerExpr(src); got != want {
			t.Errorf("peerExpr(%q) = %q, want %q", src, got, want)
		}
	}
	if got := strings.Join(peerReads("(q94 > 0 || s3 < 50) && q7 == 0 || q94 < 100"), ","); got != "q94,q7" {
		t.Errorf("peerReads: %s", got)
	}
}

func BenchmarkPeerLoad(b *testing.B) {
	for _, n := range peerSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			pc := peerData(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := engine.LoadFiles(pc.files); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/question")
		})
	}
}

func BenchmarkPeerAnswer(b *testing.B) {
	for _, n := range peerSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			pc := peerData(b, n)
			c := pc.load(b)
			b.ReportAllocs()
			b.ResetTimer()
			applied := 0
			for i := 0; i < b.N; i++ {
				var err error
				if _, applied, err = peerWalk(c, pc); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(applied), "ns/answer")
		})
	}
}

func BenchmarkPeerScore(b *testing.B) {
	for _, n := range peerSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			pc := peerData(b, n)
			c := pc.load(b)
			st, applied, err := peerWalk(c, pc)
			if err != nil {
				b.Fatal(err)
			}
			// Check the results before timing them (this covers N=15000 too).
			sc, recs := peerScore(c, st)
			if bad := peerCheck(pc, st, applied, sc, recs); len(bad) > 0 {
				b.Fatalf("N=%d differs from SurveyJS:\n%s", n, strings.Join(bad, "\n"))
			}
			// SurveyJS's (c) recomputes the scores and runs every rule: the
			// same work is Score + Rank (Recommend adds the explanations,
			// timed apart in BenchmarkPeerScoreExplained).
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				engine.Rank(st, engine.Score(st, c.Rules.Policy), c.Rules)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

func BenchmarkPeerScoreExplained(b *testing.B) {
	for _, n := range peerSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			pc := peerData(b, n)
			c := pc.load(b)
			st, _, err := peerWalk(c, pc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				peerScore(c, st)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
