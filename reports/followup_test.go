package reports_test

import (
	"github.com/indimaj/indimaj/reports"
	"strings"
	"testing"
	"time"
)

// testPlan is what the council adopted after the baseline: the regional
// plan (done), a health convention (in progress; health was "don't know" at
// the baseline) and the reception desk (dropped).
func testPlan() []reports.PlanItem {
	adopted := t0.Add(72 * time.Hour)
	return []reports.PlanItem{
		{Measure: "reception", Status: "dropped", Owner: "Direction des affaires sociales", Note: "Reporté faute de local", Adopted: adopted, Updated: t0.Add(200 * 24 * time.Hour)},
		{Measure: "adopt_plan", Status: "done", Owner: "DGS", Note: "Délibération n° 31/2025", Adopted: adopted, Updated: t0.Add(210 * 24 * time.Hour)},
		{Measure: "health_convention", Status: "in_progress", Owner: "Direction des affaires sociales", Adopted: adopted, Updated: t0.Add(90 * 24 * time.Hour)},
	}
}

func baselineWithPlan(t *testing.T) *reports.Source {
	s := baseline(t)
	s.Plan = testPlan()
	return s
}

// followUpWithHistory is the follow-up round with an audit trail: the plan
// answer was changed with a reason (recorded twice, shown once), and a status
// change (no question) that no indicator should pick up.
func followUpWithHistory(t *testing.T) *reports.Source {
	s := followUp(t)
	s.History = []reports.HistoryEntry{
		{ID: "1", At: t1, By: "A. Benali", Kind: "answer", Question: "plan", Respondent: "A. Benali", New: "full", Reason: "Plan adopté en session d'octobre 2025"},
		{ID: "2", At: t1.Add(time.Minute), By: "A. Benali", Kind: "answer", Question: "plan", Respondent: "A. Benali", New: "full", Reason: "Plan adopté en session d'octobre 2025"},
		{ID: "3", At: t1.Add(time.Hour), By: "M. Alaoui", Kind: "status", Old: "draft", New: "validated", Reason: "Validé en atelier"},
		{ID: "4", At: t1.Add(2 * time.Hour), By: "M. Alaoui", Kind: "answer", Question: "unit", Respondent: "A. Benali", New: "partial", Reason: "Point focal nommé par arrêté"},
	}
	return s
}

func effectOf(t *testing.T, e *reports.Effects, measure string) reports.MeasureEffect {
	t.Helper()
	for _, m := range e.Measures {
		if m.Measure == measure {
			return m
		}
	}
	t.Fatalf("no %s in %+v", measure, e.Measures)
	return reports.MeasureEffect{}
}

func TestCompareAdoptedMeasureImproved(t *testing.T) {
	base, fu := baselineWithPlan(t), followUpWithHistory(t)
	d, err := reports.BuildCompare([]*reports.Source{fu, base}, reports.Options{Lang: "en", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	e := d.Comparison.Effects
	if e == nil || len(e.Measures) != 3 {
		t.Fatalf("effects = %+v, want the baseline's three adopted measures", e)
	}
	// plan went from none (0, the median of the baseline's two respondents) to adopted (100).
	ap := effectOf(t, e, "adopt_plan")
	if ap.Status.Code != "done" || ap.Owner != "DGS" || len(ap.Indicators) != 1 {
		t.Fatalf("adopt_plan = %+v", ap)
	}
	pl := ap.Indicators[0]
	if pl.Indicator != "plan" || pl.From == nil || *pl.From != 0 || pl.To == nil || *pl.To != 100 || pl.Delta == nil || *pl.Delta != 100 {
		t.Errorf("plan: %v → %v (%v), want 0 → 100 (+100)", pl.From, pl.To, pl.Delta)
	}
	if ap.Verdict.Code != reports.VerdictImproved || ap.Verdict.Label != "improved" || !strings.HasPrefix(ap.Line, "Improved: mean Δ +100") {
		t.Errorf("adopt_plan verdict %+v, line %q", ap.Verdict, ap.Line)
	}
	// health was "don't know" at the baseline: not yet measured.
	if hc := effectOf(t, e, "health_convention"); hc.Verdict.Code != reports.VerdictNotMeasured || hc.MeanDelta != nil {
		t.Errorf("health_convention verdict %+v (mean %v), want not yet measured", hc.Verdict, hc.MeanDelta)
	}
	// desk was partial and is partial: unchanged.
	if rc := effectOf(t, e, "reception"); rc.Verdict.Code != reports.VerdictUnchanged || rc.Status.Code != "dropped" {
		t.Errorf("reception verdict %+v, status %+v", rc.Verdict, rc.Status)
	}
	// The other way round, the plan's indicator fell: worse.
	back := followUp(t)
	back.Plan = []reports.PlanItem{{Measure: "adopt_plan", Status: "done"}}
	if w := effectOf(t, reports.EffectsOf(back, baseline(t), "en"), "adopt_plan"); w.Verdict.Code != reports.VerdictWorse || *w.MeanDelta != -100 {
		t.Errorf("plan 100 → 0: verdict %+v, mean %v", w.Verdict, w.MeanDelta)
	}

	// The table says so, in every format.
	md := string(renderCompare(t, "md", "en", fu, base))
	var row string
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| `adopt_plan`") {
			row = line
		}
	}
	if !strings.Contains(md, "## Adopted measures and the indicators they address") || !strings.Contains(row, "done") ||
		!strings.Contains(row, "plan 0 → 100 (+100)") || !strings.Contains(row, "**improved**") {
		t.Errorf("the reports.Markdown effects row of adopt_plan = %q", row)
	}
	htmlOut := string(renderCompare(t, "html", "en", fu, base))
	if !strings.Contains(htmlOut, `<strong class="verdict improved">improved</strong>`) {
		t.Errorf("the reports.HTML effects table does not say adopt_plan improved")
	}
	var csvRow []string
	for _, r := range readCSV(t, "compare", renderCompare(t, "csv", "en", fu, base)) {
		if r[0] == "adopted_measure" && r[1] == "adopt_plan" {
			csvRow = r
		}
	}
	if len(csvRow) != 6 || csvRow[3] != "0" || csvRow[4] != "100" || csvRow[5] != "100" || !strings.Contains(csvRow[2], "Improved") {
		t.Errorf("CSV adopted_measure row = %v", csvRow)
	}
}

func TestCompareReasonsForChanges(t *testing.T) {
	base, fu := baselineWithPlan(t), followUpWithHistory(t)
	d, err := reports.BuildCompare([]*reports.Source{base, fu}, reports.Options{Lang: "fr", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]reports.ChangeReason{}
	for _, c := range d.Comparison.Changes {
		byID[c.Indicator] = c
		if c.Delta != nil && *c.Delta == 0 {
			t.Errorf("%s is listed as changed with Δ 0", c.Indicator)
		}
	}
	for _, r := range d.Comparison.Indicators {
		_, listed := byID[r.ID]
		if changed := !reports.SameScore(r.Values[0], r.Values[1]); changed != listed {
			t.Errorf("%s: changed %v, listed %v", r.ID, changed, listed)
		}
	}
	plan, ok := byID["plan"]
	if !ok {
		t.Fatal("plan changed (0 → 100) but has no entry")
	}
	if plan.Before != "Aucun" || plan.After != "Adopté" {
		t.Errorf("plan: %q → %q", plan.Before, plan.After)
	}
	if len(plan.Notes) != 1 || plan.Notes[0].Who != "A. Benali" || !strings.HasPrefix(plan.Notes[0].Text, "Délibération n° 31/2025") {
		t.Errorf("plan notes = %+v, want the follow-up answer's note", plan.Notes)
	}
	if len(plan.Reasons) != 1 || plan.Reasons[0].Text != "Plan adopté en session d'octobre 2025" {
		t.Errorf("plan reasons = %+v, want the history's reason, once", plan.Reasons)
	}
	if u := byID["unit"]; len(u.Reasons) != 1 || u.Reasons[0].Who != "M. Alaoui" {
		t.Errorf("unit reasons = %+v", u.Reasons)
	}
	// health: "don't know" → absent: a change without a note or a reason.
	if h, ok := byID["health"]; !ok || len(h.Notes)+len(h.Reasons) != 0 || h.Delta != nil {
		t.Errorf("health = %+v", h)
	}
	md := string(renderCompare(t, "md", "fr", base, fu))
	if !strings.Contains(md, "## Pourquoi les scores ont changé") || !strings.Contains(md, "A. Benali\u00a0: Plan adopté en session d'octobre 2025") {
		t.Errorf("the reports.Markdown comparison does not give the reasons")
	}
	// Regions side by side: no reasons, no effects.
	other := load(t, "01JPSOUSS00000000000000000", "souss-massa", "2025-baseline", answerSet{"followup-answers.yaml", "H. Amrani", t0})
	d, err = reports.BuildCompare([]*reports.Source{base, other}, reports.Options{Lang: "fr", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Comparison.Changes) != 0 || d.Comparison.Effects != nil {
		t.Errorf("regions: changes %v, effects %v", d.Comparison.Changes, d.Comparison.Effects)
	}
}

func TestActionPlanProgress(t *testing.T) {
	// No plan adopted: every measure is proposed.
	for _, ax := range buildDoc(t, reports.KindActionPlan, baseline(t), "en").ActionPlan.Objectives {
		for _, a := range ax.Actions {
			if a.StatusCode != "proposed" || a.Status != "proposed" {
				t.Errorf("%s: status %q (%s), want proposed", a.Measure, a.Status, a.StatusCode)
			}
		}
	}
	base := baselineWithPlan(t)
	ap := buildDoc(t, reports.KindActionPlan, base, "en").ActionPlan
	p := ap.Progress
	if p.Adopted != 3 || p.Done != 1 || p.Active != 2 || p.ShareDone != 0.5 {
		t.Errorf("progress = %+v, want 3 adopted, 1 done of 2 active", p)
	}
	counts := map[string]int{}
	for _, sc := range p.ByStatus {
		counts[sc.Status.Code] = sc.Count
	}
	if counts["done"] != 1 || counts["in_progress"] != 1 || counts["dropped"] != 1 || counts["planned"] != 0 {
		t.Errorf("by status = %v", counts)
	}
	proposed := 0
	for _, r := range base.Recs {
		if r.Measure.ID != "adopt_plan" && r.Measure.ID != "reception" && r.Measure.ID != "health_convention" {
			proposed++
		}
	}
	if p.Proposed != proposed || proposed == 0 || !strings.Contains(p.Summary, "Share done: 50%") {
		t.Errorf("proposed %d (of %d triggered), summary %q", p.Proposed, len(base.Recs), p.Summary)
	}
	if len(p.Measures) != 3 || p.Measures[0].Measure != "adopt_plan" || p.Measures[0].Owner != "DGS" || p.Measures[0].Note != "Délibération n° 31/2025" {
		t.Errorf("progress measures = %+v", p.Measures)
	}
	for _, ax := range ap.Objectives {
		for _, a := range ax.Actions {
			switch a.Measure {
			case "adopt_plan":
				if a.StatusCode != "done" || a.Status != "done" || a.Owner != "DGS" || a.Note == "" || a.Updated == nil {
					t.Errorf("adopt_plan action = %+v", a)
				}
			case "reception", "health_convention":
			default:
				if a.StatusCode != "proposed" {
					t.Errorf("%s is not adopted: status %s, want proposed", a.Measure, a.StatusCode)
				}
			}
		}
	}
	md := string(render(t, reports.KindActionPlan, "md", "fr", base))
	if !strings.Contains(md, "## Avancement du plan") || strings.Index(md, "## Avancement du plan") < strings.Index(md, "## 7. Pilotage") {
		t.Errorf("the progress summary is not at the top of the plan")
	}
	if strings.Contains(md, "| prévu |") {
		t.Errorf("a measure shows as planned while none is at that status")
	}
	// The follow-up's plan carries the baseline's measures and what they moved.
	fu := followUpWithHistory(t)
	if buildDoc(t, reports.KindActionPlan, fu, "en").ActionPlan.Effects != nil {
		t.Errorf("effects without a loaded baseline")
	}
	fu.Baseline = base
	e := buildDoc(t, reports.KindActionPlan, fu, "en").ActionPlan.Effects
	if e == nil || effectOf(t, e, "adopt_plan").Verdict.Code != reports.VerdictImproved || e.Baseline != "2025-baseline" || e.FollowUp != "2026-suivi" {
		t.Fatalf("follow-up plan effects = %+v", e)
	}
	if md := string(render(t, reports.KindActionPlan, "md", "en", fu)); !strings.Contains(md, "## Adopted measures and the indicators they address") {
		t.Errorf("the follow-up's action plan lacks the effects table")
	}
}
