package engine

import "github.com/indimaj/indimaj/engine/ydoc"

// The raw* types mirror the YAML content format (docs/CONTENT.md) one to one.
// The loader decodes files into them, then validates and compiles them into
// the model types.

type rawQuestionnaire struct {
	At          ydoc.Pos     `yaml:"-"`
	ID          ydoc.Str     `yaml:"id"`
	Version     ydoc.Str     `yaml:"version"`
	Languages   []ydoc.Str   `yaml:"languages"`
	Title       *ydoc.Node   `yaml:"title"`
	Description *ydoc.Node   `yaml:"description"`
	ChoiceSets  *ydoc.Node   `yaml:"choice_sets"`
	Calculate   []rawCalc    `yaml:"calculate"`
	Sections    []*ydoc.Node `yaml:"sections"`
}

type rawSectionFile struct {
	At            ydoc.Pos   `yaml:"-"`
	Questionnaire ydoc.Str   `yaml:"questionnaire"`
	Section       rawSection `yaml:"section"`
}

type rawCalc struct {
	At   ydoc.Pos `yaml:"-"`
	ID   ydoc.Str `yaml:"id"`
	Expr ydoc.Str `yaml:"expr"`
}

type rawSection struct {
	At          ydoc.Pos     `yaml:"-"`
	ID          ydoc.Str     `yaml:"id"`
	Title       *ydoc.Node   `yaml:"title"`
	Description *ydoc.Node   `yaml:"description"`
	Scored      *bool        `yaml:"scored"`
	Relevant    ydoc.Str     `yaml:"relevant"`
	Questions   []*ydoc.Node `yaml:"questions"` // each decoded into a rawQuestion
}

type rawQuestion struct {
	At            ydoc.Pos   `yaml:"-"`
	ID            ydoc.Str   `yaml:"id"`
	Type          ydoc.Str   `yaml:"type"`
	Label         *ydoc.Node `yaml:"label"`
	Hint          *ydoc.Node `yaml:"hint"`
	Guidance      *ydoc.Node `yaml:"guidance"`
	Required      bool       `yaml:"required"`
	Relevant      ydoc.Str   `yaml:"relevant"`
	Constraint    ydoc.Str   `yaml:"constraint"`
	ConstraintMsg *ydoc.Node `yaml:"constraint_message"`
	Choices       *ydoc.Node `yaml:"choices"`
	Weight        ydoc.Num   `yaml:"weight"`
	WhenSkipped   ydoc.Str   `yaml:"when_skipped"`
	Refs          *rawRefs   `yaml:"refs"`
}

type rawChoice struct {
	At           ydoc.Pos   `yaml:"-"`
	Value        ydoc.Str   `yaml:"value"`
	From         ydoc.Str   `yaml:"from"`
	Label        *ydoc.Node `yaml:"label"`
	Description  *ydoc.Node `yaml:"description"`
	Score        ydoc.Num   `yaml:"score"`
	Missing      ydoc.Str   `yaml:"missing"`
	NoteRequired bool       `yaml:"note_required"`
}

type rawRefs struct {
	At         ydoc.Pos   `yaml:"-"`
	MGI        ydoc.Str   `yaml:"mgi"`
	MIPEX      ydoc.Str   `yaml:"mipex"`
	SNIA       []ydoc.Str `yaml:"snia"`
	SDG        []ydoc.Str `yaml:"sdg"`
	GCM        []ydoc.Num `yaml:"gcm"`
	Competence ydoc.Str   `yaml:"competence"`
	Modality   ydoc.Str   `yaml:"modality"`
}

type rawRulesFile struct {
	At       ydoc.Pos     `yaml:"-"`
	Policy   *rawPolicy   `yaml:"policy"`
	Measures []rawMeasure `yaml:"measures"`
	Pilots   []rawPilot   `yaml:"pilots"`
	// Plan is the action plan's template (plantemplate.go).
	Plan *rawPlanTemplate `yaml:"plan"`
}

type rawBand struct {
	At    ydoc.Pos   `yaml:"-"`
	ID    ydoc.Str   `yaml:"id"`
	Min   ydoc.Num   `yaml:"min"`
	Max   ydoc.Num   `yaml:"max"`
	Color ydoc.Str   `yaml:"color"`
	Label *ydoc.Node `yaml:"label"`
}

type rawPolicy struct {
	At                 ydoc.Pos            `yaml:"-"`
	Target             ydoc.Num            `yaml:"target"`
	SectionTargets     map[string]ydoc.Num `yaml:"section_targets"`
	LowConfidenceBelow ydoc.Num            `yaml:"low_confidence_below"`
	PrioritiesQuestion ydoc.Str            `yaml:"priorities_question"`
	Bands              []rawBand           `yaml:"bands"`
	CompetenceWeights  map[string]ydoc.Num `yaml:"competence_weights"`
	ModalityWeights    map[string]ydoc.Num `yaml:"modality_weights"`
	HorizonWeights     map[string]ydoc.Num `yaml:"horizon_weights"`
	AlignmentBonus     ydoc.Num            `yaml:"alignment_bonus"`
	Priority           ydoc.Str            `yaml:"priority"`
	ProvisionalBelow   ydoc.Num            `yaml:"provisional_below"`
	PriorityBands      []rawPriorityBand   `yaml:"priority_bands"`
	GapWords           *rawGapWords        `yaml:"gap_words"`
	TieBreak           []ydoc.Str          `yaml:"tie_break"`
}

type rawPriorityBand struct {
	At    ydoc.Pos   `yaml:"-"`
	ID    ydoc.Str   `yaml:"id"`
	Min   ydoc.Num   `yaml:"min"`
	Label *ydoc.Node `yaml:"label"`
}

type rawGapWords struct {
	At       ydoc.Pos `yaml:"-"`
	Large    ydoc.Num `yaml:"large"`
	Moderate ydoc.Num `yaml:"moderate"`
}

type rawVariant struct {
	At          ydoc.Pos   `yaml:"-"`
	When        ydoc.Str   `yaml:"when"`
	Title       *ydoc.Node `yaml:"title"`
	Description *ydoc.Node `yaml:"description"`
}

type rawMeasure struct {
	At          ydoc.Pos     `yaml:"-"`
	ID          ydoc.Str     `yaml:"id"`
	Title       *ydoc.Node   `yaml:"title"`
	Description *ydoc.Node   `yaml:"description"`
	SNIA        []ydoc.Str   `yaml:"snia"`
	SDG         []ydoc.Str   `yaml:"sdg"`
	GCM         []ydoc.Num   `yaml:"gcm"`
	Lead        *ydoc.Node   `yaml:"lead"`
	Partners    []*ydoc.Node `yaml:"partners"`
	Horizon     ydoc.Str     `yaml:"horizon"`
	Cost        ydoc.Str     `yaml:"cost"`
	KPI         *ydoc.Node   `yaml:"kpi"`
	KPIUnit     *ydoc.Node   `yaml:"kpi_unit"`
	Indicators  []ydoc.Str   `yaml:"indicators"`
	When        ydoc.Str     `yaml:"when"`
	Objective   *ydoc.Node   `yaml:"objective"`
	Activities  []*ydoc.Node `yaml:"activities"`
	Risks       []*ydoc.Node `yaml:"risks"`
	Variants    []rawVariant `yaml:"variants"`
	Sources     []ydoc.Str   `yaml:"sources"`
	// Plan is the measure's planning data (plantemplate.go).
	Plan *rawMeasurePlan `yaml:"plan"`
}

type rawRisk struct {
	At         ydoc.Pos   `yaml:"-"`
	Risk       *ydoc.Node `yaml:"risk"`
	Mitigation *ydoc.Node `yaml:"mitigation"`
}

type rawLogframe struct {
	At     ydoc.Pos   `yaml:"-"`
	Label  *ydoc.Node `yaml:"label"`
	Source *ydoc.Node `yaml:"source"`
}

type rawPilot struct {
	At                 ydoc.Pos      `yaml:"-"`
	ID                 ydoc.Str      `yaml:"id"`
	Title              *ydoc.Node    `yaml:"title"`
	Summary            *ydoc.Node    `yaml:"summary"`
	Measures           []ydoc.Str    `yaml:"measures"`
	BestFit            []ydoc.Str    `yaml:"best_fit"`
	DurationMonths     ydoc.Num      `yaml:"duration_months"`
	TargetGroups       []*ydoc.Node  `yaml:"target_groups"`
	SpecificObjectives []*ydoc.Node  `yaml:"specific_objectives"`
	Activities         []*ydoc.Node  `yaml:"activities"`
	Results            []*ydoc.Node  `yaml:"results"`
	BudgetLines        []*ydoc.Node  `yaml:"budget_lines"`
	Risks              []rawRisk     `yaml:"risks"`
	Sustainability     *ydoc.Node    `yaml:"sustainability"`
	Indicators         []rawLogframe `yaml:"indicators"`
	Assumptions        []*ydoc.Node  `yaml:"assumptions"`
	Regional           []rawRegional `yaml:"regional"`
}

type rawRegional struct {
	At             ydoc.Pos   `yaml:"-"`
	Regions        []ydoc.Str `yaml:"regions"`
	Summary        *ydoc.Node `yaml:"summary"`
	Sustainability *ydoc.Node `yaml:"sustainability"`
}
