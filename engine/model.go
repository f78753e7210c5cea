// Package engine is indimaj's core: the questionnaire and rules model, the
// validating loader, expression evaluation (relevance, constraints,
// calculations), navigation, progress, scoring and recommendations.
//
// It has no terminal and no disk: content comes in as files (an fs.FS), answers
// as values, and every front end (interview, scripted CLI, reports) uses the
// same engine.
package engine

import (
	"math"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// Text is a user-facing text in several languages (language code → text).
type Text map[string]string

// Get returns the text in lang, falling back to French, then to any language.
func (t Text) Get(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t["fr"]; ok && s != "" {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// QType is a question type, named as in the content format.
type QType string

// The question types.
const (
	Single   QType = "single"
	Multiple QType = "multiple"
	Boolean  QType = "boolean"
	Integer  QType = "integer"
	Decimal  QType = "decimal"
	TextQ    QType = "text"
	Note     QType = "note"
)

var qtypes = []string{"single", "multiple", "boolean", "integer", "decimal", "text", "note"}

// Missing says why a choice carries no score.
type Missing string

// The kinds of missing data.
const (
	NotMissing    Missing = ""
	DontKnow      Missing = "dont_know"
	NotApplicable Missing = "not_applicable"
)

// Choice is one option of a single or multiple choice question.
type Choice struct {
	Value       string
	Label       Text
	Description Text
	// Score is the level's score (0–100), or nil for don't know / not applicable
	// and for unscored questions.
	Score        *float64
	Missing      Missing
	NoteRequired bool

	scoreKey bool     // the score key was written (loader check)
	pos      ydoc.Pos // where the choice was written
}

// Refs are a question's references to the frameworks indimaj is aligned with.
type Refs struct {
	MGI   string   `json:"mgi"`
	MIPEX string   `json:"mipex"`
	SNIA  []string `json:"snia"`
	SDG   []string `json:"sdg"`
	GCM   []int    `json:"gcm"`
	// Competence is the kind of regional competence of organic law 111-14
	// (own, shared, transferred); empty when the matter is not one.
	Competence string `json:"competence"`
	// Modality is how the council acts on the matter (direct, convention,
	// advocacy): a way of acting, not a kind of competence.
	Modality string `json:"modality,omitempty"`
}

// Question is one question of the questionnaire.
type Question struct {
	ID            string
	Type          QType
	Section       *Section
	Index         int // position in Questionnaire.Questions
	Label         Text
	Hint          Text
	Guidance      Text
	Required      bool
	Relevant      *Expr
	Constraint    *Expr
	ConstraintMsg Text
	Choices       []*Choice
	// Scored is true for indicators: questions whose choices carry scores.
	Scored bool
	Weight float64
	// SkipExcluded: when relevance skips the question it is left out of the
	// averages instead of counting at its lowest level.
	SkipExcluded bool
	Refs         Refs
	Pos          ydoc.Pos
}

// Choice returns the choice with code v, or nil.
func (q *Question) Choice(v string) *Choice {
	for _, c := range q.Choices {
		if c.Value == v {
			return c
		}
	}
	return nil
}

// Lowest returns the lowest level score of a scored question.
func (q *Question) Lowest() float64 {
	low := math.Inf(1)
	for _, c := range q.Choices {
		if c.Score != nil && *c.Score < low {
			low = *c.Score
		}
	}
	return low
}

// Highest returns the highest level score of a scored question.
func (q *Question) Highest() float64 {
	high := math.Inf(-1)
	for _, c := range q.Choices {
		if c.Score != nil && *c.Score > high {
			high = *c.Score
		}
	}
	return high
}

// Section is an ordered group of questions.
type Section struct {
	ID          string
	Index       int
	Title       Text
	Description Text
	Relevant    *Expr
	Scored      bool
	Questions   []*Question
	Pos         ydoc.Pos
}

// Calc is a named computed value.
type Calc struct {
	ID   string
	Expr *Expr
}

// Questionnaire is a loaded, validated and compiled questionnaire.
type Questionnaire struct {
	ID          string
	Version     string
	Languages   []string
	Title       Text
	Description Text
	Sections    []*Section
	Questions   []*Question
	Calcs       []*Calc
	byID        map[string]*Question
	sectionByID map[string]*Section
	calcByID    map[string]*Calc
	graph       *graph
	planned     planCache
}

// Question returns the question with the given id, or nil.
func (q *Questionnaire) Question(id string) *Question { return q.byID[id] }

// SortByOrder sorts question ids in questionnaire order; ids the questionnaire
// does not know come last, in alphabetical order.
func (q *Questionnaire) SortByOrder(ids []string) {
	sort.Slice(ids, func(i, j int) bool {
		qi, qj := q.Question(ids[i]), q.Question(ids[j])
		switch {
		case qi != nil && qj != nil:
			return qi.Index < qj.Index
		case qi != nil:
			return true
		case qj != nil:
			return false
		}
		return ids[i] < ids[j]
	})
}

// Section returns the section with the given id, or nil.
func (q *Questionnaire) Section(id string) *Section { return q.sectionByID[id] }

// Indicators returns the scored questions in order.
func (q *Questionnaire) Indicators() []*Question {
	var out []*Question
	for _, qu := range q.Questions {
		if qu.Scored {
			out = append(out, qu)
		}
	}
	return out
}

// Band is a score range with a label.
type Band struct {
	ID    string
	Min   float64
	Max   float64
	Color string
	Label Text
}

// Policy holds the scoring and priority policy declared in rules/.
type Policy struct {
	Target             float64
	SectionTargets     map[string]float64
	LowConfidenceBelow float64
	PrioritiesQuestion string
	Bands              []Band
	CompetenceWeights  map[string]float64
	// ModalityWeights weigh how the council acts (direct, convention,
	// advocacy); a modality without a weight counts 1.
	ModalityWeights map[string]float64
	HorizonWeights  map[string]float64
	AlignmentBonus  float64
	Priority        *Expr
	// ProvisionalBelow is the overall coverage below which every result is
	// provisional (the overall score is withheld or shown greyed, and the
	// unanswered questions are listed).
	ProvisionalBelow float64
	// PriorityBands say a priority in plain words (high, medium, low),
	// highest Min first; a priority falls in the first band whose Min it reaches.
	PriorityBands []PriorityBand
	// GapWords are the gaps from which a gap is called large or moderate
	// (else small) in the reasons of a priority.
	GapWords GapWords
	// TieBreak are the secondary keys that order measures of equal priority
	// (numbers over the priority formula's inputs, higher first), before the
	// built-in order (larger gap, shorter horizon, catalog order).
	TieBreak []*Expr

	// priority is the formula compiled to closures (nil: it runs on the VM).
	priority func(*fastEnv) float64
	// tieBreak are the tie-break keys compiled to closures (nil entries run on the VM).
	tieBreak []func(*fastEnv) float64
}

// PriorityBand is a plain-language priority level.
type PriorityBand struct {
	ID    string
	Min   float64
	Label Text
}

// GapWords are the thresholds of the words that describe a gap.
type GapWords struct {
	Large, Moderate float64
}

// PriorityBandFor returns the band a priority falls in, or nil when the
// policy declares none.
func (p *Policy) PriorityBandFor(priority float64) *PriorityBand {
	for i := range p.PriorityBands {
		if priority >= p.PriorityBands[i].Min {
			return &p.PriorityBands[i]
		}
	}
	if n := len(p.PriorityBands); n > 0 {
		return &p.PriorityBands[n-1]
	}
	return nil
}

// IsProvisional reports whether results at this overall coverage are
// provisional under the policy.
func (p *Policy) IsProvisional(coverage float64) bool {
	return coverage < p.ProvisionalBelow
}

// BandLabel returns the label of the band with that id in lang, or "".
func (p *Policy) BandLabel(id, lang string) string {
	for i := range p.Bands {
		if p.Bands[i].ID == id {
			return p.Bands[i].Label.Get(lang)
		}
	}
	return ""
}

// BandFor returns the band a score falls in (scores are rounded to the nearest
// whole number first, as published indices are), or nil.
func (p *Policy) BandFor(score float64) *Band {
	if math.IsNaN(score) {
		return nil
	}
	r := math.Round(score)
	for i := range p.Bands {
		if r >= p.Bands[i].Min && r <= p.Bands[i].Max {
			return &p.Bands[i]
		}
	}
	return nil
}

// Measure is one entry of the measures catalog.
type Measure struct {
	ID          string
	Title       Text
	Description Text
	SNIA        []string
	SDG         []string
	GCM         []int
	Lead        Text
	Partners    []Text
	Horizon     string
	Cost        string
	KPI         Text
	KPIUnit     Text
	Indicators  []string
	When        *Expr
	Objective   Text
	Activities  []Text
	Risks       []Text
	// Variants are wordings for the cases the main title would contradict
	// the answers (the unit exists but has no staff: "strengthen", not
	// "create"); the first whose condition holds is used.
	Variants []Variant
	// Sources are the codes of the reference documents the measure draws on
	// (the references' sources table).
	Sources []string
	// Plan is the measure's indicative cost, funding and KPI target (nil
	// when the content declares no plan template).
	Plan *MeasurePlan
	Pos  ydoc.Pos

	// explain builds the trigger's explanation tree on first use (compiling
	// its leaves costs as much as the trigger itself; most loads never explain).
	explain func() *explainNode
	// when is the trigger compiled to closures (nil: it runs on the VM).
	when func(*fastEnv) bool
	// ranking caches what Rank needs of the measure for one questionnaire and policy.
	ranking atomic.Pointer[measureRanking]
}

// Variant is an alternative wording of a measure, used when its condition
// (over the same names as the trigger) holds.
type Variant struct {
	When        *Expr
	Title       Text
	Description Text
	Pos         ydoc.Pos

	when func(*fastEnv) bool
}

// TitleFor returns the measure's title, or that of variant v when v is not nil.
func (m *Measure) TitleFor(v *Variant) Text {
	if v != nil && len(v.Title) > 0 {
		return v.Title
	}
	return m.Title
}

// DescriptionFor returns the measure's description, or that of variant v
// when v is not nil and has one.
func (m *Measure) DescriptionFor(v *Variant) Text {
	if v != nil && len(v.Description) > 0 {
		return v.Description
	}
	return m.Description
}

// Risk is a pilot risk with its mitigation.
type Risk struct {
	Risk       Text
	Mitigation Text
}

// LogframeIndicator is an indicator of a pilot's logical framework.
type LogframeIndicator struct {
	Label  Text
	Source Text
}

// Pilot is a pilot-project template.
type Pilot struct {
	ID                 string
	Title              Text
	Summary            Text
	Measures           []string
	BestFit            []string
	DurationMonths     int
	TargetGroups       []Text
	SpecificObjectives []Text
	Activities         []Text
	Results            []Text
	BudgetLines        []Text
	Risks              []Risk
	Sustainability     Text
	Indicators         []LogframeIndicator
	Assumptions        []Text
	// Regional are sentences true of some regions only, added to the
	// summary and sustainability texts of a proposal for those regions.
	Regional []RegionalText
	Pos      ydoc.Pos
}

// RegionalText is a region-specific addition to a pilot's texts.
type RegionalText struct {
	Regions        []string
	Summary        Text
	Sustainability Text
}

// SummaryFor returns the pilot's summary for a region in lang: the general
// text followed by the sentences declared for that region.
func (p *Pilot) SummaryFor(region, lang string) string {
	return p.withRegional(p.Summary, region, lang, func(r *RegionalText) Text { return r.Summary })
}

// SustainabilityFor returns the pilot's sustainability text for a region in lang.
func (p *Pilot) SustainabilityFor(region, lang string) string {
	return p.withRegional(p.Sustainability, region, lang, func(r *RegionalText) Text { return r.Sustainability })
}

func (p *Pilot) withRegional(base Text, region, lang string, pick func(*RegionalText) Text) string {
	out := base.Get(lang)
	for i := range p.Regional {
		r := &p.Regional[i]
		if t := pick(r); len(t) > 0 && slices.Contains(r.Regions, region) {
			if out != "" {
				out += " "
			}
			out += t.Get(lang)
		}
	}
	return out
}

// Rules is the content of rules/: policy, measures and pilot templates.
type Rules struct {
	Policy   *Policy
	Measures []*Measure
	Pilots   []*Pilot
	// Plan is the action plan's template, when the content declares one.
	Plan *PlanTemplate
}

// Measure returns the measure with the given id, or nil.
func (r *Rules) Measure(id string) *Measure {
	for _, m := range r.Measures {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Content is a loaded content set: a questionnaire and its rules, with a hash
// of the source files that identifies this exact content.
type Content struct {
	Q     *Questionnaire
	Rules *Rules
	// Refs holds the reference tables (regions, SNIA, MGI, MIPEX, GCM, SDG).
	Refs *References
	// Hash is "sha256:<hex>" over the sorted source files.
	Hash string
	// Files are the source files it was loaded from (name → bytes), kept so an
	// assessment can be stored with the exact content it was started with.
	Files map[string][]byte
}
