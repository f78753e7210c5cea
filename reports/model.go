// Package reports turns a scored assessment into documents: the diagnostic,
// the ranked recommendations, the regional action plan, the pilot-project
// proposal, and the comparison of several assessments.
//
// It is a pure renderer. A Source (an assessment with its content, state,
// score and recommendations) and Options (language, generation time, the
// pilot's measure) go in; a Doc comes out, the structured content, which
// Render writes as Markdown, self-contained HTML, JSON or CSV. It never
// touches the database, the clock or randomness, so the same input always
// gives the same bytes.
package reports

import (
	"time"

	"github.com/indimaj/indimaj/engine"
)

// The report kinds.
const (
	KindDiagnostic      = "diagnostic"
	KindRecommendations = "recommendations"
	KindActionPlan      = "action-plan"
	KindPilot           = "pilot"
	KindCompare         = "compare"
	// KindDivergence is the agenda of the validation workshop: the questions
	// where the participants disagree.
	KindDivergence = "divergence"
)

// Kinds lists the kinds of a single-assessment report, in reading order.
var Kinds = []string{KindSummary, KindDiagnostic, KindDivergence, KindRecommendations, KindActionPlan, KindPilot}

// Formats lists the output formats.
var Formats = []string{"md", "html", "json", "csv"}

// Languages lists the report languages, the reference first.
var Languages = []string{"fr", "ar", "en"}

// Source is one assessment, as a report needs it.
type Source struct {
	Assessment *Assessment
	// Answers are every respondent's answers; Working the one that counts per question.
	Answers []Answer
	Working map[string]Answer
	// Consensus are the facilitator's consensus answers; Sources says where
	// each working answer comes from; Divergent lists the questions where
	// respondents are two levels or more apart.
	Consensus []Answer
	Sources   map[string]string
	Divergent []string
	// Plan holds the measures the council adopted, with their follow-up status.
	Plan []PlanItem
	// History is the assessment's audit trail, oldest first (the reasons
	// given for changes).
	History []HistoryEntry
	// Baseline is the baseline round of a follow-up, when the caller loaded
	// it: a follow-up's action plan then shows what the measures adopted at
	// the baseline moved.
	Baseline *Source
	Content  *engine.Content
	State    *engine.State
	Score    *engine.ScoreResult
	Recs     []engine.Recommendation
}

// Options are the inputs of a report that do not come from the assessment.
type Options struct {
	// Lang is fr, ar or en.
	Lang string
	// Generated is the time printed as "generated at" (the caller's clock).
	Generated time.Time
	// Measure picks the pilot's measure (pilot reports only); empty: the
	// template of the highest-ranked triggered measure that has one.
	Measure string
	// Max caps the action plan's actions (0: the plan template's default);
	// the other triggered measures go to its annex.
	Max int
}

// Doc is a report's structured content: what the JSON format prints and what
// the other formats lay out. Every text is already in the report's language.
type Doc struct {
	Kind      string    `json:"kind"`
	Lang      string    `json:"lang"`
	Dir       string    `json:"dir"`
	Title     string    `json:"title"`
	Subtitle  string    `json:"subtitle"`
	Reference string    `json:"reference"`
	Generated time.Time `json:"generated"`
	Generator string    `json:"generator"`
	// Demo is true when an assessment reported on is a demonstration.
	Demo bool `json:"demo,omitempty"`
	// Assessment is the assessment reported on (nil for a comparison).
	Assessment *AssessmentInfo `json:"assessment,omitempty"`
	// Provisional is set when the assessment's coverage is below the
	// policy's provisional_below (see ProvisionalOf).
	Provisional *Provisional `json:"provisional,omitempty"`

	Diagnostic      *Diagnostic      `json:"diagnostic,omitempty"`
	Divergence      *Agenda          `json:"divergence,omitempty"`
	Recommendations *Recommendations `json:"recommendations,omitempty"`
	ActionPlan      *ActionPlan      `json:"action_plan,omitempty"`
	Summary         *Summary         `json:"summary,omitempty"`
	Pilot           *Pilot           `json:"pilot,omitempty"`
	Comparison      *Comparison      `json:"comparison,omitempty"`

	bands []Band
	refs  *engine.References // the content's reference tables (labels the CSV needs)
}

// Coded is a code with its label in the report's language.
type Coded struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Band is a score band of the policy.
type Band struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Color string  `json:"color"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
}

// Person is a respondent, with how many answers they gave.
type Person struct {
	Name        string `json:"name"`
	Institution string `json:"institution,omitempty"`
	Role        string `json:"role,omitempty"`
	Answers     int    `json:"answers"`
	Consensus   int    `json:"consensus_answers,omitempty"`
}

// AssessmentInfo identifies an assessment.
type AssessmentInfo struct {
	ID            string       `json:"id"`
	Region        Coded        `json:"region"`
	Round         string       `json:"round"`
	Status        Coded        `json:"status"`
	Demo          bool         `json:"demo,omitempty"`
	Baseline      string       `json:"baseline,omitempty"`
	Questionnaire Coded        `json:"questionnaire"`
	Version       string       `json:"version"`
	ContentHash   string       `json:"content_hash"`
	Created       time.Time    `json:"created"`
	Updated       time.Time    `json:"updated"`
	Respondents   []Person     `json:"respondents"`
	Progress      engine.Count `json:"progress"`
}

// Refs are an indicator's framework references (codes).
type Refs struct {
	MGI        string   `json:"mgi,omitempty"`
	MIPEX      string   `json:"mipex,omitempty"`
	SNIA       []string `json:"snia"`
	SDG        []string `json:"sdg"`
	GCM        []int    `json:"gcm"`
	Competence string   `json:"competence,omitempty"`
	Modality   string   `json:"modality,omitempty"`
}

// Indicator is a scored question with the answer that counts.
type Indicator struct {
	ID           string   `json:"id"`
	Section      string   `json:"section"`
	SectionTitle string   `json:"section_title"`
	Question     string   `json:"question"`
	Choice       string   `json:"choice,omitempty"`
	Answer       string   `json:"answer"`
	Score        *float64 `json:"score"`
	Status       Coded    `json:"status"`
	Weight       float64  `json:"weight"`
	Note         string   `json:"note,omitempty"`
	Respondent   string   `json:"respondent,omitempty"`
	// Source says where the working answer comes from (several respondents:
	// consensus, median, latest); Unconfirmed marks an answer carried over
	// from the baseline round and not yet confirmed.
	Source      Coded `json:"source"`
	Unconfirmed bool  `json:"unconfirmed,omitempty"`
	Refs        Refs  `json:"refs"`
}

// Divergence is a question where respondents are two levels or more apart.
type Divergence struct {
	Question string   `json:"question"`
	Label    string   `json:"label"`
	Answers  []string `json:"answers"`
	Working  string   `json:"working"`
}

// SectionScore is a scored section's result.
type SectionScore struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Score         *float64 `json:"score"`
	Band          *Band    `json:"band"`
	Target        float64  `json:"target"`
	Answered      int      `json:"answered"`
	Relevant      int      `json:"relevant"`
	Coverage      float64  `json:"coverage"`
	LowConfidence bool     `json:"low_confidence"`
	DontKnow      int      `json:"dont_know"`
	NotApplicable int      `json:"not_applicable"`
	Unanswered    int      `json:"unanswered"`
	Skipped       int      `json:"skipped"`
	Asked         bool     `json:"asked"`
}

// Overall is the overall score.
type Overall struct {
	Score    *float64 `json:"score"`
	Band     *Band    `json:"band"`
	Coverage float64  `json:"coverage"`
}

// ViewRow is one code of a secondary view (an MGI dimension, a SNIA programme…).
type ViewRow struct {
	Code       string   `json:"code"`
	Label      string   `json:"label"`
	Score      *float64 `json:"score"`
	Band       *Band    `json:"band"`
	Indicators int      `json:"indicators"`
}

// View is a secondary view of the scores.
type View struct {
	Kind  string    `json:"kind"`
	Title string    `json:"title"`
	Rows  []ViewRow `json:"rows"`
}

// NoteLine is a note or piece of evidence given with an answer.
type NoteLine struct {
	Question     string    `json:"question"`
	SectionTitle string    `json:"section_title"`
	Label        string    `json:"label"`
	Answer       string    `json:"answer"`
	Note         string    `json:"note"`
	Respondent   string    `json:"respondent"`
	At           time.Time `json:"at"`
	Counts       bool      `json:"counts"`
}

// ContextLine is an answer to an unscored question (context, figures).
type ContextLine struct {
	Question string `json:"question"`
	Label    string `json:"label"`
	Answer   string `json:"answer"`
}

// Diagnostic is the diagnostic report.
type Diagnostic struct {
	Method        []string       `json:"method"`
	Bands         []Band         `json:"bands"`
	Overall       Overall        `json:"overall"`
	Sections      []SectionScore `json:"sections"`
	Strengths     []Indicator    `json:"strengths"`
	GapsAbsent    []Indicator    `json:"gaps_absent"`
	GapsPartial   []Indicator    `json:"gaps_partial"`
	DontKnow      []Indicator    `json:"dont_know"`
	Unanswered    []Indicator    `json:"unanswered"`
	NotApplicable []Indicator    `json:"not_applicable"`
	Unconfirmed   []Indicator    `json:"unconfirmed"`
	Divergent     []Divergence   `json:"divergent"`
	LowCoverage   []SectionScore `json:"low_coverage"`
	Notes         []NoteLine     `json:"notes"`
	Context       []ContextLine  `json:"context"`
	Views         []View         `json:"views"`
	Indicators    []Indicator    `json:"indicators"`
}

// Factor is one input of the priority formula.
type Factor struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Value any    `json:"value"`
	Text  string `json:"text"`
}

// Reason is one reason a measure was recommended.
type Reason struct {
	Indicator string   `json:"indicator"`
	Question  string   `json:"question"`
	Answer    string   `json:"answer"`
	Score     *float64 `json:"score"`
	Status    Coded    `json:"status"`
	Condition string   `json:"condition,omitempty"`
}

// GCMRef is a GCM objective with its short name.
type GCMRef struct {
	Number int    `json:"number"`
	Label  string `json:"label"`
}

// Alignment lists the SNIA programmes, SDG targets and GCM objectives served.
type Alignment struct {
	SNIA []Coded  `json:"snia"`
	SDG  []string `json:"sdg"`
	GCM  []GCMRef `json:"gcm"`
}

// Rec is one recommended measure.
type Rec struct {
	Rank        int     `json:"rank"`
	Measure     string  `json:"measure"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Priority    float64 `json:"priority"`
	// PriorityBand and Why are the priority in words (the number and the
	// formula go to the annex).
	PriorityBand Coded  `json:"priority_band"`
	Why          string `json:"why"`
	// Variant is true when the title and description are the measure's
	// wording for this case.
	Variant   bool          `json:"variant,omitempty"`
	Horizon   Coded         `json:"horizon"`
	Cost      Coded         `json:"cost"`
	Lead      string        `json:"lead"`
	Partners  []string      `json:"partners"`
	KPI       string        `json:"kpi"`
	KPIUnit   string        `json:"kpi_unit,omitempty"`
	Sources   []Coded       `json:"sources,omitempty"` // reference documents the measure draws on
	Because   []Reason      `json:"because"`
	Factors   []Factor      `json:"factors"`
	Alignment Alignment     `json:"alignment"`
	Trigger   *engine.Trace `json:"trigger,omitempty"`
}

// Recommendations is the recommendations report.
type Recommendations struct {
	Intro   []string `json:"intro"`
	Formula string   `json:"formula"`
	Items   []Rec    `json:"items"`
	// Annex explains how the priorities were computed.
	Annex *PriorityAnnex `json:"annex"`
}

// Baseline is an addressed indicator's current score and its target.
type Baseline struct {
	Indicator string   `json:"indicator"`
	Question  string   `json:"question"`
	Score     *float64 `json:"score"`
	Status    Coded    `json:"status"`
	Target    float64  `json:"target"`
}

// Action is one measure of the action plan.
type Action struct {
	Ref      string  `json:"ref"`
	Measure  string  `json:"measure"`
	Rank     int     `json:"rank"`
	Priority float64 `json:"priority"`
	// PriorityBand and Why are the priority in words.
	PriorityBand Coded      `json:"priority_band"`
	Why          string     `json:"why"`
	Title        string     `json:"title"`
	Objective    string     `json:"objective"`
	Activities   []string   `json:"activities"`
	Lead         string     `json:"lead"`
	Partners     []string   `json:"partners"`
	Horizon      Coded      `json:"horizon"`
	Start        int        `json:"start_year"`
	End          int        `json:"end_year"`
	Beyond       bool       `json:"continues_beyond"`
	Period       string     `json:"period"`
	Cost         Coded      `json:"cost"`
	KPI          string     `json:"kpi"`
	KPIUnit      string     `json:"kpi_unit,omitempty"`
	Baseline     []Baseline `json:"baseline"`
	BaseMean     *float64   `json:"baseline_mean"`
	Target       float64    `json:"target"`
	SDG          []string   `json:"sdg"`
	GCM          []GCMRef   `json:"gcm"`
	AlsoSNIA     []Coded    `json:"also_snia"`
	// Status is the follow-up status in words; StatusCode is proposed (not
	// adopted by the council) or the adopted measure's status.
	Status     string     `json:"status"`
	StatusCode string     `json:"status_code"`
	Owner      string     `json:"owner,omitempty"`
	Note       string     `json:"note,omitempty"`
	Updated    *time.Time `json:"updated,omitempty"`
	// Phase is the PDR phase the action starts in (Start and End are then
	// its years); CostMAD its indicative cost range, Funding its possible
	// funding sources and KPITarget its KPI in real units (nil when the
	// catalog gives none).
	Phase     Coded      `json:"phase"`
	CostMAD   *Range     `json:"cost_mad"`
	Funding   []Coded    `json:"funding"`
	KPITarget *KPITarget `json:"kpi_target"`
}

// CoverRow says which measures of the plan serve a programme, target or objective.
type CoverRow struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Measures []string `json:"measures"`
}

// StatusCount is how many adopted measures have a status.
type StatusCount struct {
	Status Coded `json:"status"`
	Count  int   `json:"count"`
}

// PlanLine is a measure the council adopted, as the progress summary lists it.
type PlanLine struct {
	Measure string    `json:"measure"`
	Title   string    `json:"title"`
	Status  Coded     `json:"status"`
	Owner   string    `json:"owner,omitempty"`
	Note    string    `json:"note,omitempty"`
	Adopted time.Time `json:"adopted"`
	Updated time.Time `json:"updated"`
	// Triggered is false when the current answers no longer trigger the
	// measure (it is then not among the plan's actions below).
	Triggered bool `json:"triggered"`
}

// Progress sums up the follow-up of the measures the council adopted.
type Progress struct {
	Adopted  int           `json:"adopted"`
	Proposed int           `json:"proposed"`
	ByStatus []StatusCount `json:"by_status"`
	Done     int           `json:"done"`
	// Active is the adopted measures not dropped; ShareDone is Done / Active.
	Active    int        `json:"active"`
	ShareDone float64    `json:"share_done"`
	Summary   string     `json:"summary"`
	Measures  []PlanLine `json:"measures"`
}

// ActionPlan is the regional action plan.
type ActionPlan struct {
	Intro      []string        `json:"intro"`
	Context    PlanContext     `json:"context"`
	Priorities PlanPriorities  `json:"priorities"`
	Vision     string          `json:"vision"`
	Objectives []PlanObjective `json:"objectives"`
	Phases     []PlanPhase     `json:"phases"`
	Budget     PlanBudget      `json:"budget"`
	Steering   []Steer         `json:"steering"`
	// Annex lists the triggered measures beyond the cap (Max); Triggered
	// counts every triggered measure.
	Annex     []AnnexLine `json:"annex"`
	Max       int         `json:"max_actions"`
	Triggered int         `json:"triggered"`
	Notes     []string    `json:"notes,omitempty"`
	// Years labels the years of the PDR cycle (the chronogram's columns).
	Years        []string   `json:"years"`
	Progress     Progress   `json:"progress"`
	CalendarNote string     `json:"calendar_note"`
	SNIACoverage []CoverRow `json:"snia_coverage"`
	SDGCoverage  []CoverRow `json:"sdg_coverage"`
	GCMCoverage  []CoverRow `json:"gcm_coverage"`
	// Effects is what the measures adopted at the baseline moved, on a
	// follow-up round whose baseline was loaded (else nil).
	Effects *Effects `json:"baseline_effects,omitempty"`
}

// PilotActivity is an activity of the pilot with its indicative months.
type PilotActivity struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
	Start  int    `json:"start_month"`
	End    int    `json:"end_month"`
}

// LogRow is a level of the logical framework.
type LogRow struct {
	Level       string   `json:"level"`
	Items       []string `json:"items"`
	Indicators  []string `json:"indicators"`
	Sources     []string `json:"sources"`
	Assumptions []string `json:"assumptions"`
}

// Partner is a partner of the pilot with its role.
type Partner struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// RiskLine is a risk with its mitigation.
type RiskLine struct {
	Risk       string `json:"risk"`
	Mitigation string `json:"mitigation"`
}

// FamilyMeasure is a measure of the pilot's family, with its rank when triggered.
type FamilyMeasure struct {
	Measure  string  `json:"measure"`
	Title    string  `json:"title"`
	Rank     int     `json:"rank"`
	Priority float64 `json:"priority"`
}

// LogIndicator is an indicator of the pilot with its source of verification.
type LogIndicator struct {
	Label  string `json:"label"`
	Source string `json:"source"`
}

// Pilot is the pilot-project proposal.
type Pilot struct {
	Template           string          `json:"template"`
	Title              string          `json:"title"`
	Summary            string          `json:"summary"`
	Anchor             FamilyMeasure   `json:"anchor"`
	Family             []FamilyMeasure `json:"family"`
	BestFit            []Coded         `json:"best_fit"`
	DurationMonths     int             `json:"duration_months"`
	Context            []string        `json:"context"`
	Sections           []SectionScore  `json:"sections"`
	Evidence           []Indicator     `json:"evidence"`
	GeneralObjective   string          `json:"general_objective"`
	SpecificObjectives []string        `json:"specific_objectives"`
	TargetGroups       []string        `json:"target_groups"`
	Activities         []PilotActivity `json:"activities"`
	Results            []string        `json:"results"`
	Logframe           []LogRow        `json:"logframe"`
	Partners           []Partner       `json:"partners"`
	BudgetLines        []string        `json:"budget_lines"`
	BudgetNote         string          `json:"budget_note"`
	Risks              []RiskLine      `json:"risks"`
	Monitoring         []string        `json:"monitoring"`
	Indicators         []LogIndicator  `json:"indicators"`
	Sustainability     string          `json:"sustainability"`
	Alignment          Alignment       `json:"alignment"`
	CalendarNote       string          `json:"calendar_note"`
}

// CompareRow is one score across the compared assessments.
type CompareRow struct {
	Kind   string     `json:"kind"`
	ID     string     `json:"id"`
	Label  string     `json:"label"`
	Values []*float64 `json:"values"`
	Delta  *float64   `json:"delta,omitempty"`
}

// CompareMeasure is a measure triggered in at least one compared assessment.
type CompareMeasure struct {
	Measure string `json:"measure"`
	Title   string `json:"title"`
	// Ranks holds the measure's rank in each assessment (0: not triggered).
	Ranks []int `json:"ranks"`
}

// Comparison compares assessments: regions side by side, or a follow-up
// round against its baseline.
type Comparison struct {
	// Mode is "regions" or "follow_up".
	Mode     string           `json:"mode"`
	Intro    []string         `json:"intro"`
	Columns  []AssessmentInfo `json:"assessments"`
	Labels   []string         `json:"labels"`
	Overall  CompareRow       `json:"overall"`
	Coverage []float64        `json:"coverage"`
	// Provisional says, per column, whether its results are provisional
	// (their overall score is then withheld).
	Provisional []bool           `json:"provisional"`
	Sections    []CompareRow     `json:"sections"`
	Views       []CompareRow     `json:"views"`
	Indicators  []CompareRow     `json:"indicators"`
	Measures    []CompareMeasure `json:"measures"`
	Resolved    []CompareMeasure `json:"no_longer_triggered"`
	New         []CompareMeasure `json:"newly_triggered"`
	// Changes gives, in follow-up mode, the reasons recorded for each
	// indicator whose score changed; Effects what the baseline's adopted
	// measures moved.
	Changes  []ChangeReason `json:"changes"`
	Effects  *Effects       `json:"measure_effects,omitempty"`
	Warnings []string       `json:"warnings"`
}

// Said is a note or a reason, with who gave it and when.
type Said struct {
	Who  string    `json:"who"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// ChangeReason is an indicator whose score changed between the first and
// the last round, with what the last round says about it.
type ChangeReason struct {
	Indicator string   `json:"indicator"`
	Label     string   `json:"label"`
	Before    string   `json:"before"`
	After     string   `json:"after"`
	From      *float64 `json:"from"`
	To        *float64 `json:"to"`
	Delta     *float64 `json:"delta"`
	// Notes are the notes given with the last round's answers (and its
	// consensus); Reasons the reasons recorded in its audit trail.
	Notes   []Said `json:"notes"`
	Reasons []Said `json:"reasons"`
}

// IndicatorDelta is an indicator's score in the first and the last round.
type IndicatorDelta struct {
	Indicator string   `json:"indicator"`
	Label     string   `json:"label"`
	From      *float64 `json:"from"`
	To        *float64 `json:"to"`
	Delta     *float64 `json:"delta"`
}

// Verdicts on an adopted measure's indicators.
const (
	VerdictImproved    = "improved"
	VerdictUnchanged   = "unchanged"
	VerdictWorse       = "worse"
	VerdictNotMeasured = "not_measured"
)

// MeasureEffect is a measure adopted at the baseline, with the change of the
// indicators it addresses.
type MeasureEffect struct {
	Measure    string           `json:"measure"`
	Title      string           `json:"title"`
	Status     Coded            `json:"status"`
	Owner      string           `json:"owner,omitempty"`
	Note       string           `json:"note,omitempty"`
	Indicators []IndicatorDelta `json:"indicators"`
	// MeanFrom, MeanTo and MeanDelta are the mean scores and the mean change
	// of the indicators scored in both rounds.
	MeanFrom  *float64 `json:"mean_from"`
	MeanTo    *float64 `json:"mean_to"`
	MeanDelta *float64 `json:"mean_delta"`
	Verdict   Coded    `json:"verdict"`
	// Line is the verdict in one sentence.
	Line string `json:"line"`
}

// Effects is "which adopted measures moved which indicators": the baseline's
// plan against the follow-up's scores.
type Effects struct {
	Intro    string          `json:"intro"`
	Baseline string          `json:"baseline"`
	FollowUp string          `json:"follow_up"`
	Measures []MeasureEffect `json:"measures"`
}

// RespondentAnswer is one participant's answer to a question on the agenda.
type RespondentAnswer struct {
	Respondent string    `json:"respondent"`
	Choice     string    `json:"choice"`
	Answer     string    `json:"answer"`
	Score      *float64  `json:"score"`
	DontKnow   bool      `json:"dont_know,omitempty"`
	Note       string    `json:"note,omitempty"`
	At         time.Time `json:"at"`
}

// AgendaItem is a question the validation workshop has to settle.
type AgendaItem struct {
	Question     string             `json:"question"`
	Label        string             `json:"label"`
	Section      string             `json:"section"`
	SectionTitle string             `json:"section_title"`
	Answers      []RespondentAnswer `json:"answers"`
	// Working is the answer that counts until the workshop decides, and
	// Source where it comes from (median or consensus).
	Working      string   `json:"working"`
	WorkingScore *float64 `json:"working_score"`
	Source       Coded    `json:"source"`
	WorkingNote  string   `json:"working_note,omitempty"`
}

// Agenda is the divergence report: the agenda of the validation workshop.
type Agenda struct {
	Intro       []string `json:"intro"`
	Respondents []string `json:"respondents"`
	// Arbitrate is false with a single respondent: nothing to arbitrate.
	Arbitrate bool `json:"arbitrate"`
	// Divergent are the questions where participants are two levels or more
	// apart; DontKnow those answered "don't know" by some and a level by
	// others (and not already divergent).
	Divergent []AgendaItem `json:"divergent"`
	DontKnow  []AgendaItem `json:"dont_know_vs_level"`
}
