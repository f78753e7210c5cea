package app

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/safewrite"
	"github.com/indimaj/indimaj/store"
	"github.com/oklog/ulid/v2"
)

// BundleFormat names the bundle layout; a reader refuses formats it does not know.
const BundleFormat = "indimaj-bundle/1"

// Statuses an assessment can have.
var Statuses = []string{"draft", "in_review", "validated"}

type bundleJSON struct {
	Format        string               `json:"format"`
	Exported      time.Time            `json:"exported"`
	Questionnaire bundleQnr            `json:"questionnaire"`
	Assessment    *store.Assessment    `json:"assessment"`
	Answers       []store.Answer       `json:"answers"`
	Consensus     []store.Answer       `json:"consensus,omitempty"`
	History       []store.HistoryEntry `json:"history,omitempty"`
	Plan          []store.PlanItem     `json:"plan,omitempty"`
	Content       map[string]string    `json:"content"`
}

type bundleQnr struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// Bundle is a parsed, fully checked bundle.
type Bundle struct {
	Assessment store.Assessment
	Answers    []store.Answer
	Consensus  []store.Answer
	History    []store.HistoryEntry
	Plan       []store.PlanItem
	Content    map[string][]byte
}

// MarshalBundle writes an assessment, all its answers and its content as JSON.
func MarshalBundle(l *Loaded) ([]byte, error) {
	b := bundleJSON{
		Format:        BundleFormat,
		Exported:      time.Now().UTC(),
		Questionnaire: bundleQnr{ID: l.Content.Q.ID, Version: l.Content.Q.Version, Hash: l.Content.Hash},
		Assessment:    l.A,
		Answers:       append([]store.Answer{}, l.Answers...),
		Consensus:     l.Consensus,
		History:       l.History,
		Plan:          l.Plan,
		Content:       map[string]string{},
	}
	sort.SliceStable(b.Answers, func(i, j int) bool {
		if b.Answers[i].Respondent != b.Answers[j].Respondent {
			return b.Answers[i].Respondent < b.Answers[j].Respondent
		}
		return b.Answers[i].Question < b.Answers[j].Question
	})
	for name, data := range l.Content.Files {
		b.Content[name] = string(data)
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

type rawBundle struct {
	Format        ydoc.Str          `yaml:"format"`
	Exported      ydoc.Str          `yaml:"exported"`
	Questionnaire rawBundleQnr      `yaml:"questionnaire"`
	Assessment    *rawBundleAssess  `yaml:"assessment"`
	Answers       []rawBundleAnswer `yaml:"answers"`
	Consensus     []rawBundleAnswer `yaml:"consensus"`
	History       *ydoc.Node        `yaml:"history"`
	Plan          *ydoc.Node        `yaml:"plan"`
	Content       map[string]string `yaml:"content"`
	At            ydoc.Pos          `yaml:"-"`
}

type rawBundleQnr struct {
	ID      ydoc.Str `yaml:"id"`
	Version ydoc.Str `yaml:"version"`
	Hash    ydoc.Str `yaml:"hash"`
	At      ydoc.Pos `yaml:"-"`
}

type rawBundleAssess struct {
	ID            ydoc.Str           `yaml:"id"`
	Region        ydoc.Str           `yaml:"region"`
	Round         ydoc.Str           `yaml:"round"`
	Questionnaire ydoc.Str           `yaml:"questionnaire"`
	Version       ydoc.Str           `yaml:"version"`
	ContentHash   ydoc.Str           `yaml:"content_hash"`
	Lang          ydoc.Str           `yaml:"lang"`
	Status        ydoc.Str           `yaml:"status"`
	Created       ydoc.Str           `yaml:"created"`
	Updated       ydoc.Str           `yaml:"updated"`
	Respondents   []store.Respondent `yaml:"respondents"`
	Current       string             `yaml:"current"`
	Baseline      string             `yaml:"baseline"`
	Demo          bool               `yaml:"demo"`
	Targets       map[string]float64 `yaml:"targets"`
	At            ydoc.Pos           `yaml:"-"`
}

type rawBundleAnswer struct {
	Question    ydoc.Str   `yaml:"question"`
	Value       *ydoc.Node `yaml:"value"`
	Note        string     `yaml:"note"`
	Respondent  ydoc.Str   `yaml:"respondent"`
	At          ydoc.Str   `yaml:"at"`
	Unconfirmed bool       `yaml:"unconfirmed"`
	Pos         ydoc.Pos   `yaml:"-"`
}

// ParseBundle reads and checks a bundle completely; any problem rejects it.
func ParseBundle(name string, data []byte) (*Bundle, error) {
	root, err := ydoc.Parse(name, data)
	if err != nil {
		return nil, err
	}
	var errs ydoc.Errors
	if root.Kind != ydoc.Map {
		errs.Add(root.Pos, "%s", i18n.M("app.bundle.not_bundle"))
		return nil, errs.Err()
	}
	var rb rawBundle
	ydoc.Decode(root, &rb, &errs)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if rb.Format.V != BundleFormat {
		errs.Add(posOr(rb.Format.Pos, rb.At), "%s", i18n.M("app.bundle.format", rb.Format.V, BundleFormat))
		return nil, errs.Err()
	}
	if rb.Assessment == nil {
		errs.Add(rb.At, "%s", i18n.M("app.bundle.no_assessment"))
		return nil, errs.Err()
	}
	if len(rb.Content) == 0 {
		errs.Add(rb.At, "%s", i18n.M("app.bundle.no_content"))
		return nil, errs.Err()
	}
	files := map[string][]byte{}
	for n, text := range rb.Content {
		files[n] = []byte(text)
	}
	hash := engine.Hash(files)
	if hash != rb.Questionnaire.Hash.V {
		errs.Add(posOr(rb.Questionnaire.Hash.Pos, rb.At), "%s", i18n.M("app.bundle.hash", rb.Questionnaire.Hash.V, hash))
		return nil, errs.Err()
	}
	c, err := LoadStored(files)
	if err != nil {
		errs.Add(rb.At, "%s", i18n.M("app.bundle.content", firstLine(err)))
		return nil, errs.Err()
	}
	ra := rb.Assessment
	b := &Bundle{Content: files}
	a := &b.Assessment
	if _, err := ulid.ParseStrict(ra.ID.V); err != nil {
		errs.Add(posOr(ra.ID.Pos, ra.At), "%s", i18n.M("app.bundle.bad_id", ra.ID.V))
	}
	if c.Refs.Region(ra.Region.V) == nil {
		errs.Add(posOr(ra.Region.Pos, ra.At), "%s", i18n.M("app.bundle.region", ra.Region.V))
	}
	if ra.Questionnaire.V != c.Q.ID || ra.Version.V != c.Q.Version || ra.ContentHash.V != hash {
		errs.Add(ra.At, "%s", i18n.M("app.bundle.content_mismatch", ra.Questionnaire.V, ra.Version.V, c.Q.ID, c.Q.Version))
	}
	if !slices.Contains(Statuses, ra.Status.V) {
		errs.Add(posOr(ra.Status.Pos, ra.At), "%s", i18n.M("app.bundle.status", ra.Status.V))
	}
	if !slices.Contains([]string{"fr", "ar", "en"}, ra.Lang.V) {
		errs.Add(posOr(ra.Lang.Pos, ra.At), "%s", i18n.M("app.bundle.lang", ra.Lang.V))
	}
	created := parseTime(ra.Created, ra.At, "created", &errs)
	updated := parseTime(ra.Updated, ra.At, "updated", &errs)
	if ra.Current != "" && c.Q.Question(ra.Current) == nil {
		errs.Add(ra.At, "%s", i18n.M("app.bundle.current", ra.Current))
	}
	*a = store.Assessment{ID: ra.ID.V, Region: ra.Region.V, Round: ra.Round.V, Questionnaire: ra.Questionnaire.V, Version: ra.Version.V,
		ContentHash: ra.ContentHash.V, Lang: ra.Lang.V, Status: ra.Status.V, Created: created, Updated: updated,
		Respondents: ra.Respondents, Current: ra.Current, Baseline: ra.Baseline, Demo: ra.Demo, Targets: ra.Targets}
	for sec, v := range ra.Targets {
		if s := c.Q.Section(sec); s == nil || !s.Scored || v < 0 || v > 100 {
			errs.Add(ra.At, "%s", i18n.M("app.bundle.targets", sec))
		}
	}
	seen := map[string]bool{}
	for _, r := range ra.Respondents {
		if r.Name == "" {
			errs.Add(ra.At, "%s", i18n.M("app.bundle.no_name"))
		}
	}
	if err := a.CheckNames(); err != nil {
		errs.Add(posOr(ra.Round.Pos, ra.At), "%s", err.Error())
	}
	st := engine.NewState(c.Q)
	var valuePos []ydoc.Pos
	for _, an := range rb.Answers {
		qu := c.Q.Question(an.Question.V)
		if qu == nil {
			errs.Add(posOr(an.Question.Pos, an.Pos), "%s", i18n.M("app.bundle.answer_unknown", an.Question.V))
			continue
		}
		if an.Respondent.V == "" {
			errs.Add(an.Pos, "%s: answer without a respondent", qu.ID)
			continue
		}
		if !a.HasRespondent(an.Respondent.V) {
			errs.Add(posOr(an.Respondent.Pos, an.Pos), "%s: respondent %q is not among the assessment's respondents", qu.ID, an.Respondent.V)
		}
		key := an.Respondent.V + "\x00" + qu.ID
		if seen[key] {
			errs.Add(an.Pos, "%s: two answers from %q", qu.ID, an.Respondent.V)
			continue
		}
		seen[key] = true
		if an.Value == nil || an.Value.Kind == ydoc.Null {
			errs.Add(an.Pos, "%s: answer without a value", qu.ID)
			continue
		}
		v, err := engine.ParseValue(qu, ydoc.Plain(an.Value))
		if err == nil {
			err = st.Check(qu.ID, v)
			if ve, ok := err.(*engine.ValueError); ok && ve.MsgText != nil {
				err = nil // constraints are checked below, with the respondent's other answers
			}
		}
		if err != nil {
			errs.Add(an.Value.Pos, "%s", err.Error())
			continue
		}
		at := parseTime(an.At, an.Pos, "at", &errs)
		b.Answers = append(b.Answers, store.Answer{Question: qu.ID, Value: v, Note: an.Note, Respondent: an.Respondent.V, At: at, Unconfirmed: an.Unconfirmed})
		valuePos = append(valuePos, an.Value.Pos)
	}
	// Constraints, as `answer` checks them: each respondent's answers are set
	// in questionnaire order, so a constraint reading other answers sees them.
	checkConstraints(c.Q, b.Answers, valuePos, func(a store.Answer) string { return a.Respondent }, &errs)
	seenCons := map[string]bool{}
	var consPos []ydoc.Pos
	for _, an := range rb.Consensus {
		qu := c.Q.Question(an.Question.V)
		if qu == nil {
			errs.Add(posOr(an.Question.Pos, an.Pos), "%s", i18n.M("app.bundle.consensus_unknown", an.Question.V))
			continue
		}
		if seenCons[qu.ID] {
			errs.Add(an.Pos, "%s: two consensus answers", qu.ID)
			continue
		}
		seenCons[qu.ID] = true
		if an.Value == nil || an.Value.Kind == ydoc.Null {
			errs.Add(an.Pos, "%s: consensus without a value", qu.ID)
			continue
		}
		v, err := engine.ParseValue(qu, ydoc.Plain(an.Value))
		if err == nil {
			if err = st.Check(qu.ID, v); err != nil {
				if ve, ok := err.(*engine.ValueError); ok && ve.MsgText != nil {
					err = nil
				}
			}
		}
		if err != nil {
			errs.Add(an.Value.Pos, "%s", i18n.M("app.bundle.consensus_value", err.Error()))
			continue
		}
		at := parseTime(an.At, an.Pos, "at", &errs)
		b.Consensus = append(b.Consensus, store.Answer{Question: qu.ID, Value: v, Note: an.Note, Respondent: an.Respondent.V, At: at})
		consPos = append(consPos, an.Value.Pos)
	}
	checkConstraints(c.Q, b.Consensus, consPos, func(store.Answer) string { return "" }, &errs)
	// The audit trail and the plan are checked as plain JSON records.
	var extra struct {
		History []store.HistoryEntry `json:"history"`
		Plan    []store.PlanItem     `json:"plan"`
	}
	if err := json.Unmarshal(data, &extra); err != nil {
		errs.Add(rb.At, "%s", i18n.M("app.bundle.history_plan", err))
	}
	for _, e := range extra.History {
		if _, err := ulid.ParseStrict(e.ID); err != nil || e.At.IsZero() || e.Kind == "" {
			errs.Add(posOr(nodePos(rb.History), rb.At), "%s", i18n.M("app.bundle.history_entry"))
			break
		}
	}
	for _, it := range extra.Plan {
		if c.Rules.Measure(it.Measure) == nil {
			errs.Add(posOr(nodePos(rb.Plan), rb.At), "%s", i18n.M("app.bundle.plan_measure", it.Measure))
		}
		if !slices.Contains(store.PlanStatuses, it.Status) {
			errs.Add(posOr(nodePos(rb.Plan), rb.At), "%s", i18n.M("app.bundle.plan_status", it.Measure, it.Status))
		}
	}
	b.History, b.Plan = extra.History, extra.Plan
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return b, nil
}

// checkConstraints sets each group's answers (a respondent's, or the
// consensus) in questionnaire order on a fresh state, the way `answer` and
// the interview do, and reports every refused value at its position.
func checkConstraints(q *engine.Questionnaire, answers []store.Answer, pos []ydoc.Pos, group func(store.Answer) string, errs *ydoc.Errors) {
	byGroup := map[string][]int{}
	var groups []string
	for i, a := range answers {
		g := group(a)
		if _, ok := byGroup[g]; !ok {
			groups = append(groups, g)
		}
		byGroup[g] = append(byGroup[g], i)
	}
	for _, g := range groups {
		idx := byGroup[g]
		sort.SliceStable(idx, func(i, j int) bool {
			return q.Question(answers[idx[i]].Question).Index < q.Question(answers[idx[j]].Question).Index
		})
		trial := engine.NewState(q)
		for _, i := range idx {
			if err := trial.Set(answers[i].Question, answers[i].Value); err != nil {
				errs.Add(pos[i], "%s", valueMessage(err))
			}
		}
	}
}

func nodePos(n *ydoc.Node) ydoc.Pos {
	if n == nil {
		return ydoc.Pos{}
	}
	return n.Pos
}

func parseTime(s ydoc.Str, owner ydoc.Pos, field string, errs *ydoc.Errors) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s.V)
	if err != nil {
		errs.Add(posOr(s.Pos, owner), "%s: %q is not a date and time (RFC 3339)", field, s.V)
	}
	return t
}

func posOr(p, fallback ydoc.Pos) ydoc.Pos {
	if p.Line == 0 {
		return fallback
	}
	return p
}

func firstLine(err error) string {
	if es, ok := err.(ydoc.Errors); ok && len(es) > 0 {
		return es[0].Error()
	}
	return err.Error()
}

// WriteFileAtomic writes data to path through a temporary file and a rename,
// so a reader never sees half a file. It refuses anything but a regular file
// (see safewrite.WriteFile) and keeps an existing file's permissions.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	return safewrite.WriteFile(path, data, perm)
}
