package reports_test

import (
	"math"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/reports"
)

// The plan holds at most Max actions, the best-ranked of its objectives; the
// other triggered measures are in the annex; the costs add up per year, per
// objective and in total.
func TestActionPlanCapAnnexAndBudget(t *testing.T) {
	base := baseline(t)
	if len(base.Recs) < 3 {
		t.Fatalf("the baseline triggers %d measures; the test needs 3", len(base.Recs))
	}
	for _, max := range []int{1, 2, len(base.Recs)} {
		d, err := reports.Build(reports.KindActionPlan, base, reports.Options{Lang: "en", Generated: genTime, Max: max})
		if err != nil {
			t.Fatal(err)
		}
		ap := d.ActionPlan
		in := map[string]bool{}
		var sum reports.Range
		for _, o := range ap.Objectives {
			var osum reports.Range
			for _, a := range o.Actions {
				in[a.Measure] = true
				if a.CostMAD == nil || a.KPITarget == nil || len(a.Funding) == 0 || a.Phase.Code == "" {
					t.Errorf("max %d: %s lacks cost, KPI target, funding or phase", max, a.Measure)
					continue
				}
				osum.Min += a.CostMAD.Min
				osum.Max += a.CostMAD.Max
			}
			if osum != o.Cost {
				t.Errorf("max %d: objective %s costs %v, its actions %v", max, o.ID, o.Cost, osum)
			}
			sum.Min += osum.Min
			sum.Max += osum.Max
		}
		if len(in) != min(max, len(base.Recs)) || len(in)+len(ap.Annex) != len(base.Recs) {
			t.Errorf("max %d: %d actions, %d in the annex, %d triggered", max, len(in), len(ap.Annex), len(base.Recs))
		}
		for _, l := range ap.Annex {
			if in[l.Measure] {
				t.Errorf("max %d: %s is both in the plan and in the annex", max, l.Measure)
			}
		}
		// The plan keeps the best-ranked measures.
		for _, r := range base.Recs[:min(max, len(base.Recs))] {
			if !in[r.Measure.ID] && len(ap.Objectives) == len(base.Content.Rules.Plan.Objectives) {
				t.Errorf("max %d: %s (rank %d) left out", max, r.Measure.ID, r.Rank)
			}
		}
		if sum != ap.Budget.Total {
			t.Errorf("max %d: total %v, actions %v", max, ap.Budget.Total, sum)
		}
		var years reports.Range
		for _, y := range ap.Budget.ByYear {
			years.Min += y.Cost.Min
			years.Max += y.Cost.Max
		}
		if math.Abs(years.Min-sum.Min) > 1e-6 || math.Abs(years.Max-sum.Max) > 1e-6 || len(ap.Budget.ByYear) != base.Content.Rules.Plan.CycleYears {
			t.Errorf("max %d: %d years summing to %v, want %d years summing to %v", max, len(ap.Budget.ByYear), years, base.Content.Rules.Plan.CycleYears, sum)
		}
		if len(ap.Steering) != 4 || !strings.Contains(ap.Vision, "Oriental") {
			t.Errorf("max %d: steering %d items, vision %q", max, len(ap.Steering), ap.Vision)
		}
	}
}
