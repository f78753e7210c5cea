package app

import (
	"slices"
	"sort"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// The action plan's rules: which measures can be adopted, which statuses an
// adopted measure takes, and how a plan change is recorded. Validation
// closes the answers, not the plan: adopting measures and following them up
// come after validation in the normal course, so a plan change never needs a
// reason; each one is kept in the audit trail (who, when, status, note).

// PlanAdopt returns the plan items that adopting measures makes: new ones
// start "planned" today; measures already adopted keep their status and
// adoption date. owner and note, when not empty, replace the measures' own.
func PlanAdopt(l *Loaded, measures []string, owner, note string, now time.Time) ([]store.PlanItem, error) {
	if len(measures) == 0 {
		return nil, Inputf("%s", i18n.M("cli.msg.adopt_usage"))
	}
	current := planByMeasure(l)
	var items []store.PlanItem
	for _, mid := range measures {
		if l.Content.Rules.Measure(mid) == nil {
			return nil, Inputf("%s", i18n.M("cli.msg.unknown_measure", mid))
		}
		it, ok := current[mid]
		if !ok {
			it = store.PlanItem{Measure: mid, Status: "planned", Adopted: now}
		}
		if owner != "" {
			it.Owner = owner
		}
		if note != "" {
			it.Note = note
		}
		it.Updated = now
		items = append(items, it)
	}
	return items, nil
}

// PlanSetStatus returns the plan item of an adopted measure moved to status
// (one of store.PlanStatuses).
func PlanSetStatus(l *Loaded, measure, status, owner, note string, now time.Time) (store.PlanItem, error) {
	it, ok := planByMeasure(l)[measure]
	if !ok {
		return it, Inputf("%s", i18n.M("cli.msg.not_in_plan", measure, l.A.ID, measure))
	}
	if !slices.Contains(store.PlanStatuses, status) {
		return it, Inputf("%s", i18n.M("cli.msg.unknown_plan_status", status))
	}
	it.Status, it.Updated = status, now
	if note != "" {
		it.Note = note
	}
	if owner != "" {
		it.Owner = owner
	}
	return it, nil
}

// PlanChange is the store change that records plan items: allowed on a
// validated assessment without a reason (a reason given is kept).
func PlanChange(by, reason string, items []store.PlanItem) store.Change {
	return store.Change{By: by, Reason: reason, Plan: items, AllowWithoutReason: true}
}

// PlanRow is one adopted measure as the plan shows it.
type PlanRow struct {
	Measure    string      `json:"measure"`
	Title      engine.Text `json:"title"`
	Status     string      `json:"status"`
	Owner      string      `json:"owner,omitempty"`
	Note       string      `json:"note,omitempty"`
	Horizon    string      `json:"horizon"`
	Indicators []string    `json:"indicators"`
	Adopted    time.Time   `json:"adopted"`
	Updated    time.Time   `json:"updated"`
}

// PlanRows lists the adopted measures in id order, with the number done and
// the number still active (not dropped).
func PlanRows(l *Loaded) (rows []PlanRow, done, active int) {
	rows = []PlanRow{}
	var sc *engine.ScoreResult
	for _, it := range l.Plan {
		row := PlanRow{Measure: it.Measure, Status: it.Status, Owner: it.Owner, Note: it.Note, Adopted: it.Adopted, Updated: it.Updated, Indicators: []string{}}
		if m := l.Content.Rules.Measure(it.Measure); m != nil {
			if sc == nil && len(m.Variants) > 0 {
				sc = engine.Score(l.State, l.Content.Rules.Policy)
			}
			// The measure worded for this case (its variant), as recommended.
			var v *engine.Variant
			if sc != nil {
				v = engine.VariantOf(l.State, sc, m)
			}
			row.Title, row.Horizon = m.TitleFor(v), m.Horizon
			if m.Indicators != nil {
				row.Indicators = m.Indicators
			}
		}
		if it.Status == "done" {
			done++
		}
		if it.Status != "dropped" {
			active++
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Measure < rows[j].Measure })
	return rows, done, active
}

func planByMeasure(l *Loaded) map[string]store.PlanItem {
	m := map[string]store.PlanItem{}
	for _, it := range l.Plan {
		m[it.Measure] = it
	}
	return m
}
