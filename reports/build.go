package reports

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// Generator names the program in generated documents.
const Generator = "indimaj"

// ctx is what the builders share: the language and the source.
type ctx struct {
	lang string
	src  *Source
	q    *engine.Questionnaire
	p    *engine.Policy
	refs *engine.References
}

func newCtx(src *Source, lang string) *ctx {
	return &ctx{lang: lang, src: src, q: src.Content.Q, p: src.Content.Rules.Policy, refs: src.Content.Refs}
}

// t returns the report string key ("rp." is added) in the report's language.
func (c *ctx) t(key string, args ...any) string { return tr(c.lang, key, args...) }

func tr(lang, key string, args ...any) string { return i18n.T(lang, "rp."+key, args...) }

func checkLang(lang string) error {
	for _, l := range Languages {
		if l == lang {
			return nil
		}
	}
	return inputf("%s", i18n.M("rp.err.lang", lang))
}

func checkSource(src *Source) error {
	if src == nil || src.Assessment == nil || src.Content == nil || src.State == nil || src.Score == nil {
		return fmt.Errorf("reports: incomplete source (assessment, content, state and score are needed)")
	}
	return nil
}

// Build assembles a single-assessment report of the given kind.
func Build(kind string, src *Source, opt Options) (*Doc, error) {
	if err := checkLang(opt.Lang); err != nil {
		return nil, err
	}
	if err := checkSource(src); err != nil {
		return nil, err
	}
	c := newCtx(src, opt.Lang)
	info := c.assessmentInfo(src)
	doc := c.newDoc(kind, opt)
	doc.Assessment = &info
	doc.Demo = info.Demo
	doc.Subtitle = c.t("subtitle", info.Region.Label, info.Round)
	doc.Reference = reference(kind, src.Assessment.ID, opt)
	doc.Provisional = c.provisional()
	switch kind {
	case KindDiagnostic:
		doc.Diagnostic = c.diagnostic()
	case KindDivergence:
		doc.Divergence = c.agenda()
	case KindRecommendations:
		doc.Recommendations = c.recommendations()
	case KindActionPlan:
		doc.ActionPlan = c.actionPlan(opt.Max)
	case KindSummary:
		doc.Summary = c.summary(opt.Max)
	case KindPilot:
		pl, err := c.pilot(opt.Measure)
		if err != nil {
			return nil, err
		}
		doc.Pilot = pl
	default:
		return nil, inputf("%s", i18n.M("rp.err.kind", kind, strings.Join(Kinds, ", ")))
	}
	return doc, nil
}

func (c *ctx) newDoc(kind string, opt Options) *Doc {
	dir := "ltr"
	if i18n.RTL(c.lang) {
		dir = "rtl"
	}
	d := &Doc{Kind: kind, Lang: c.lang, Dir: dir, Title: c.t("title." + kind), Generated: opt.Generated.UTC(), Generator: Generator, refs: c.refs}
	for _, b := range c.p.Bands {
		d.bands = append(d.bands, c.band(&b))
	}
	return d
}

var kindCodes = map[string]string{KindDiagnostic: "DIAG", KindDivergence: "DIV", KindRecommendations: "REC", KindActionPlan: "PAR", KindPilot: "PIL", KindCompare: "CMP", KindSummary: "SUM"}

// reference is the document's reference: kind, assessment and day, no randomness.
func reference(kind, id string, opt Options) string {
	short := id
	if len(short) > 10 {
		short = short[:10]
	}
	return fmt.Sprintf("INDIMAJ-%s-%s-%s", kindCodes[kind], short, opt.Generated.UTC().Format("20060102"))
}

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$`)

func (c *ctx) band(b *engine.Band) Band {
	col := b.Color
	if !colorPattern.MatchString(col) {
		col = "#7b8794"
	}
	return Band{ID: b.ID, Label: b.Label.Get(c.lang), Color: col, Min: b.Min, Max: b.Max}
}

func (c *ctx) bandFor(v *float64) *Band {
	if v == nil {
		return nil
	}
	b := c.p.BandFor(*v)
	if b == nil {
		return nil
	}
	out := c.band(b)
	return &out
}

func round1(v *float64) *float64 {
	if v == nil || math.IsNaN(*v) {
		return nil
	}
	r := engine.Round1(*v)
	return &r
}

func (c *ctx) regionLabel(code string) string { return c.refs.RegionName(code, c.lang) }

func (c *ctx) assessmentInfo(src *Source) AssessmentInfo {
	a := src.Assessment
	prog, _ := src.State.Progress()
	info := AssessmentInfo{ID: a.ID, Region: Coded{a.Region, c.regionLabel(a.Region)}, Round: a.Round,
		Status: Coded{a.Status, c.statusLabel(a.Status)}, Demo: a.Demo, Baseline: a.Baseline,
		Questionnaire: Coded{src.Content.Q.ID, src.Content.Q.Title.Get(c.lang)}, Version: src.Content.Q.Version,
		ContentHash: src.Content.Hash, Created: a.Created.UTC(), Updated: a.Updated.UTC(), Progress: prog}
	counts := map[string]int{}
	for _, an := range src.Answers {
		counts[an.Respondent]++
	}
	cons := map[string]int{}
	for _, an := range src.Consensus {
		cons[an.Respondent]++
	}
	seen := map[string]bool{}
	for _, r := range a.Respondents {
		seen[r.Name] = true
		info.Respondents = append(info.Respondents, Person{Name: r.Name, Institution: r.Institution, Role: r.Role, Answers: counts[r.Name], Consensus: cons[r.Name]})
	}
	var others []string
	for _, m := range []map[string]int{counts, cons} {
		for name := range m {
			if !seen[name] {
				seen[name] = true
				others = append(others, name)
			}
		}
	}
	sort.Strings(others)
	for _, name := range others {
		p := Person{Name: name, Answers: counts[name], Consensus: cons[name]}
		if counts[name] == 0 {
			p.Role = c.t("facilitator")
		}
		info.Respondents = append(info.Respondents, p)
	}
	if info.Respondents == nil {
		info.Respondents = []Person{}
	}
	return info
}

func (c *ctx) statusLabel(s string) string {
	switch s {
	case "draft", "in_review", "validated":
		return c.t("status." + s)
	}
	return s
}

func (c *ctx) indicatorStatus(s string) Coded {
	return Coded{s, c.t("istatus." + s)}
}

// value renders an answer for people: choice labels instead of codes.
func (c *ctx) value(qu *engine.Question, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if qu != nil {
			if ch := qu.Choice(x); ch != nil {
				return ch.Label.Get(c.lang)
			}
		}
		return x
	case []string:
		parts := make([]string, len(x))
		for i, code := range x {
			parts[i] = code
			if qu != nil {
				if ch := qu.Choice(code); ch != nil {
					parts[i] = ch.Label.Get(c.lang)
				}
			}
		}
		return strings.Join(parts, "; ")
	case bool:
		if x {
			return c.t("yes")
		}
		return c.t("no")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// answerText is the working answer to a question, as people read it.
func (c *ctx) answerText(qu *engine.Question) string {
	an, ok := c.src.Working[qu.ID]
	if !ok {
		return ""
	}
	v, err := engine.ParseValue(qu, an.Value)
	if err != nil {
		v = an.Value
	}
	return c.value(qu, v)
}

func nonNilS(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilI(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func (c *ctx) indicator(ir engine.IndicatorResult) Indicator {
	qu := c.q.Question(ir.ID)
	ind := Indicator{ID: ir.ID, Section: ir.Section, Score: round1(ir.Score), Status: c.indicatorStatus(ir.Status), Weight: ir.Weight,
		Refs: Refs{SNIA: []string{}, SDG: []string{}, GCM: []int{}}}
	if s := c.q.Section(ir.Section); s != nil {
		ind.SectionTitle = s.Title.Get(c.lang)
	}
	if qu == nil {
		return ind
	}
	ind.Question = qu.Label.Get(c.lang)
	ind.Refs = Refs{MGI: qu.Refs.MGI, MIPEX: qu.Refs.MIPEX, SNIA: nonNilS(qu.Refs.SNIA), SDG: nonNilS(qu.Refs.SDG), GCM: nonNilI(qu.Refs.GCM), Competence: qu.Refs.Competence, Modality: qu.Refs.Modality}
	switch ir.Status {
	case engine.StatusSkipped:
		if ir.Score != nil {
			ind.Answer = c.t("skipped_counts_lowest")
		} else {
			ind.Answer = c.t("skipped_excluded")
		}
	case engine.StatusUnanswered:
		ind.Answer = ""
	default:
		ind.Choice = ir.Choice
		ind.Answer = c.answerText(qu)
	}
	if an, ok := c.src.Working[qu.ID]; ok && ir.Status != engine.StatusSkipped {
		ind.Note = an.Note
		ind.Respondent = an.Respondent
		ind.Unconfirmed = an.Unconfirmed
		if src := c.src.Sources[qu.ID]; src != "" {
			ind.Source = Coded{src, c.t("source." + src)}
		}
	}
	return ind
}

func (c *ctx) sectionScore(sr engine.SectionResult) SectionScore {
	s := SectionScore{ID: sr.ID, Title: sr.ID, Score: round1(sr.Score), Band: c.bandFor(sr.Score), Target: sr.Target, Answered: sr.Answered,
		Relevant: sr.Relevant, Coverage: sr.Coverage, LowConfidence: sr.LowConfidence, DontKnow: sr.DontKnow, NotApplicable: sr.NotApplicable,
		Unanswered: sr.Unanswered, Skipped: sr.Skipped, Asked: sr.Asked}
	if sec := c.q.Section(sr.ID); sec != nil {
		s.Title = sec.Title.Get(c.lang)
	}
	return s
}

func (c *ctx) overall() Overall {
	sc := c.src.Score
	return Overall{Score: round1(sc.Overall), Band: c.bandFor(sc.Overall), Coverage: sc.Coverage}
}

// order lists a framework's codes in the reference tables' order.
func (c *ctx) order(kind string) []string {
	switch kind {
	case "mgi":
		return c.refs.MGICodes()
	case "snia":
		return c.refs.SNIACodes()
	case "mipex":
		return c.refs.MIPEXCodes()
	}
	return nil
}

func orderedCodes(order []string, m map[string]*float64) []string {
	var out []string
	seen := map[string]bool{}
	for _, code := range order {
		if _, ok := m[code]; ok {
			out = append(out, code)
			seen[code] = true
		}
	}
	for _, code := range engine.SortedCodes(m) {
		if !seen[code] {
			out = append(out, code)
		}
	}
	return out
}

// codeLabel names a framework code in the report's language, from the
// content's reference tables (a SNIA programme whose name is not verified
// says so).
func (c *ctx) codeLabel(kind, code string) string {
	switch kind {
	case "mgi":
		if s := c.refs.MGILabel(code, c.lang); s != "" {
			return s
		}
	case "snia":
		if s := c.refs.SNIALabel(code, c.lang); s != "" {
			if !strings.ContainsAny(s, "0123456789") && !strings.Contains(s, code) {
				s = code + " — " + s
			}
			return s
		}
	case "mipex":
		if s := c.refs.MIPEXLabel(code, c.lang); s != "" {
			return code + " — " + s
		}
	}
	return code
}

func (c *ctx) views(by map[string]map[string]*float64) []View {
	counts := map[string]map[string]int{"mgi": {}, "snia": {}, "mipex": {}}
	for _, ir := range c.src.Score.Indicators {
		if ir.Score == nil {
			continue
		}
		qu := c.q.Question(ir.ID)
		if qu == nil {
			continue
		}
		if qu.Refs.MGI != "" {
			counts["mgi"][qu.Refs.MGI]++
		}
		if qu.Refs.MIPEX != "" {
			counts["mipex"][qu.Refs.MIPEX]++
		}
		for _, s := range qu.Refs.SNIA {
			counts["snia"][s]++
		}
	}
	var out []View
	for _, kind := range []string{"mgi", "snia", "mipex"} {
		order := c.order(kind)
		v := View{Kind: kind, Title: c.t("view." + kind), Rows: []ViewRow{}}
		for _, code := range orderedCodes(order, by[kind]) {
			s := round1(by[kind][code])
			v.Rows = append(v.Rows, ViewRow{Code: code, Label: c.codeLabel(kind, code), Score: s, Band: c.bandFor(s), Indicators: counts[kind][code]})
		}
		out = append(out, v)
	}
	return out
}

func (c *ctx) diagnostic() *Diagnostic {
	sc := c.src.Score
	d := &Diagnostic{Overall: c.overall(), Sections: []SectionScore{}, Strengths: []Indicator{}, GapsAbsent: []Indicator{}, GapsPartial: []Indicator{},
		DontKnow: []Indicator{}, Unanswered: []Indicator{}, NotApplicable: []Indicator{}, Unconfirmed: []Indicator{}, Divergent: []Divergence{}, LowCoverage: []SectionScore{},
		Notes: []NoteLine{}, Context: []ContextLine{}, Indicators: []Indicator{}}
	for _, b := range c.p.Bands {
		d.Bands = append(d.Bands, c.band(&b))
	}
	d.Method = []string{
		c.t("method.basis"),
		i18n.T(c.lang, "method_scale"),
		c.t("method.weights"),
		c.t("method.coverage", pct(c.p.LowConfidenceBelow, c.lang)),
		c.t("method.views"),
		c.t("method.evidence"),
	}
	for _, sr := range sc.Sections {
		s := c.sectionScore(sr)
		d.Sections = append(d.Sections, s)
		if s.LowConfidence {
			d.LowCoverage = append(d.LowCoverage, s)
		}
	}
	for _, ir := range sc.Indicators {
		ind := c.indicator(ir)
		d.Indicators = append(d.Indicators, ind)
		qu := c.q.Question(ir.ID)
		switch {
		case ir.Score != nil && qu != nil && *ir.Score >= qu.Highest():
			d.Strengths = append(d.Strengths, ind)
		case ir.Score != nil && qu != nil && *ir.Score <= qu.Lowest():
			d.GapsAbsent = append(d.GapsAbsent, ind)
		case ir.Score != nil:
			d.GapsPartial = append(d.GapsPartial, ind)
		}
		switch ir.Status {
		case engine.StatusDontKnow:
			d.DontKnow = append(d.DontKnow, ind)
		case engine.StatusUnanswered:
			d.Unanswered = append(d.Unanswered, ind)
		case engine.StatusNotApplicable:
			d.NotApplicable = append(d.NotApplicable, ind)
		}
		if ind.Unconfirmed {
			d.Unconfirmed = append(d.Unconfirmed, ind)
		}
	}
	for _, qid := range c.src.Divergent {
		qu := c.q.Question(qid)
		if qu == nil {
			continue
		}
		dv := Divergence{Question: qid, Label: qu.Label.Get(c.lang), Answers: []string{}, Working: c.answerText(qu)}
		for _, an := range c.src.Answers {
			if an.Question != qid {
				continue
			}
			v, err := engine.ParseValue(qu, an.Value)
			if err != nil {
				v = an.Value
			}
			dv.Answers = append(dv.Answers, an.Respondent+colon(c.lang)+c.value(qu, v))
		}
		sort.Strings(dv.Answers)
		d.Divergent = append(d.Divergent, dv)
	}
	d.Notes = c.notes()
	for _, qid := range sortedAnswerIDs(c.q, c.src.Working) {
		qu := c.q.Question(qid)
		if qu == nil || qu.Scored || qu.Type == engine.Note || !c.src.State.Relevant(qid) {
			continue
		}
		d.Context = append(d.Context, ContextLine{Question: qid, Label: qu.Label.Get(c.lang), Answer: c.answerText(qu)})
	}
	d.Views = c.views(sc.By)
	return d
}

// notes lists every note given with an answer, by any respondent, in
// questionnaire order.
func (c *ctx) notes() []NoteLine {
	var list []Answer
	for _, an := range c.src.Answers {
		if strings.TrimSpace(an.Note) != "" {
			list = append(list, an)
		}
	}
	index := func(id string) int {
		if qu := c.q.Question(id); qu != nil {
			return qu.Index
		}
		return math.MaxInt
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if ia, ib := index(a.Question), index(b.Question); ia != ib {
			return ia < ib
		}
		if a.Question != b.Question {
			return a.Question < b.Question
		}
		return a.Respondent < b.Respondent
	})
	out := []NoteLine{}
	for _, an := range list {
		nl := NoteLine{Question: an.Question, Note: an.Note, Respondent: an.Respondent, At: an.At.UTC()}
		if w, ok := c.src.Working[an.Question]; ok && w.Respondent == an.Respondent && w.At.Equal(an.At) {
			nl.Counts = true
		}
		if qu := c.q.Question(an.Question); qu != nil {
			nl.Label = qu.Label.Get(c.lang)
			nl.SectionTitle = qu.Section.Title.Get(c.lang)
			v, err := engine.ParseValue(qu, an.Value)
			if err != nil {
				v = an.Value
			}
			nl.Answer = c.value(qu, v)
		}
		out = append(out, nl)
	}
	return out
}

func (c *ctx) coded(kind, code string) Coded {
	switch kind {
	case "horizon", "cost":
		if code == "" {
			return Coded{"", ""}
		}
		return Coded{code, c.t(kind + "." + code)}
	}
	return Coded{code, code}
}

func (c *ctx) gcm(nums []int) []GCMRef {
	out := []GCMRef{}
	for _, n := range nums {
		out = append(out, GCMRef{Number: n, Label: c.gcmLabel(n)})
	}
	return out
}

func (c *ctx) gcmLabel(n int) string {
	if s := c.refs.GCMLabel(n, c.lang); s != "" {
		return s
	}
	return strconv.Itoa(n)
}

func (c *ctx) snia(codes []string) []Coded {
	out := []Coded{}
	for _, s := range codes {
		out = append(out, Coded{s, c.codeLabel("snia", s)})
	}
	return out
}

func (c *ctx) alignment(m *engine.Measure) Alignment {
	return Alignment{SNIA: c.snia(m.SNIA), SDG: nonNilS(m.SDG), GCM: c.gcm(m.GCM)}
}

func texts(list []engine.Text, lang string) []string {
	out := []string{}
	for _, t := range list {
		out = append(out, t.Get(lang))
	}
	return out
}

func (c *ctx) factor(name string, v any) Factor {
	f := Factor{Name: name, Label: c.t("factor." + name), Value: v}
	switch x := v.(type) {
	case bool:
		f.Text = c.value(nil, x)
	case float64:
		f.Text = numExact(x, c.lang)
	case int:
		f.Text = strconv.Itoa(x)
	case string:
		switch name {
		case "horizon", "cost":
			f.Text = c.coded(name, x).Label
		default:
			f.Text = x
		}
	default:
		f.Text = fmt.Sprint(v)
	}
	return f
}

func (c *ctx) rec(r engine.Recommendation) Rec {
	m := r.Measure
	band, why := c.priorityOf(r)
	out := Rec{Rank: r.Rank, Measure: m.ID, Title: r.Title().Get(c.lang), Description: r.Description().Get(c.lang), Priority: r.Priority,
		PriorityBand: band, Why: why, Variant: r.Variant != nil,
		Horizon: c.coded("horizon", m.Horizon), Cost: c.coded("cost", m.Cost), Lead: m.Lead.Get(c.lang), Partners: texts(m.Partners, c.lang),
		KPI: m.KPI.Get(c.lang), KPIUnit: m.KPIUnit.Get(c.lang), Because: []Reason{}, Factors: []Factor{}, Alignment: c.alignment(m), Trigger: r.Trace}
	for _, s := range m.Sources {
		label := s
		if c.refs != nil {
			if l := c.refs.SourceLabel(s, c.lang); l != "" {
				label = l
			}
		}
		out.Sources = append(out.Sources, Coded{Code: s, Label: label})
	}
	for _, b := range r.Because {
		rs := Reason{Indicator: b.Indicator, Score: round1(b.Score), Status: c.indicatorStatus(b.Status), Condition: b.Condition}
		if qu := c.q.Question(b.Indicator); qu != nil {
			rs.Question = qu.Label.Get(c.lang)
			if b.Status == engine.StatusSkipped {
				rs.Answer = c.t("skipped_counts_lowest")
			} else {
				rs.Answer = c.answerText(qu)
			}
		}
		out.Because = append(out.Because, rs)
	}
	for _, name := range engine.PriorityFactorNames {
		if v, ok := r.Factors[name]; ok {
			out.Factors = append(out.Factors, c.factor(name, v))
		}
	}
	return out
}

func (c *ctx) recommendations() *Recommendations {
	r := &Recommendations{Formula: c.p.Priority.Src, Items: []Rec{}}
	for _, rec := range c.src.Recs {
		r.Items = append(r.Items, c.rec(rec))
	}
	r.Intro = []string{c.t("rec.intro", len(r.Items)), i18n.T(c.lang, "pr.intro")}
	r.Annex = c.priorityAnnex()
	if len(r.Items) == 0 {
		r.Intro = append(r.Intro, c.t("rec.none"))
	}
	return r
}

// num formats a number with at most one decimal, with the language's decimal separator.
func num(v float64, lang string) string {
	s := strconv.FormatFloat(engine.Round1(v), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// numExact formats a number as it is (up to three decimals), with the
// language's decimal separator: priorities and formula inputs.
func numExact(v float64, lang string) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// nump formats a score, "—" when there is none.
func nump(v *float64, lang string) string {
	if v == nil {
		return "—"
	}
	return num(*v, lang)
}

// pct formats a share (0–1) as a whole percentage.
func pct(v float64, lang string) string {
	n := strconv.Itoa(int(math.Round(v * 100)))
	if lang == "fr" {
		return n + "\u00a0%"
	}
	return n + "%"
}

// signed formats a difference with its sign.
func signed(v *float64, lang string) string {
	if v == nil {
		return "—"
	}
	s := num(*v, lang)
	if engine.Round1(*v) > 0 {
		s = "+" + s
	}
	return s
}
