package reports

import (
	"sort"
)

// planStatus names an adopted measure's status, or "proposed" for a measure
// the council has not adopted.
func (c *ctx) planStatus(code string) Coded {
	for _, s := range PlanStatuses {
		if s == code {
			return Coded{code, c.t("plan_status." + code)}
		}
	}
	if code == "proposed" {
		return Coded{code, c.t("plan_status.proposed")}
	}
	return Coded{code, code}
}

// sameScore reports whether two rounded scores are equal (both missing counts
// as equal).
func sameScore(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// effects is "which adopted measures moved which indicators": for each
// measure of the baseline's plan, its status and the change of the
// indicators it addresses from the baseline to the last round.
func effects(base, last *Source, lang string) *Effects {
	c := newCtx(base, lang)
	e := &Effects{Intro: c.t("eff.intro"), Baseline: base.Assessment.Round, FollowUp: last.Assessment.Round, Measures: []MeasureEffect{}}
	plan := append([]PlanItem(nil), base.Plan...)
	sort.SliceStable(plan, func(i, j int) bool { return plan[i].Measure < plan[j].Measure })
	for _, it := range plan {
		me := MeasureEffect{Measure: it.Measure, Title: it.Measure, Status: c.planStatus(it.Status), Owner: it.Owner, Note: it.Note, Indicators: []IndicatorDelta{}}
		var ids []string
		if m := base.Content.Rules.Measure(it.Measure); m != nil {
			me.Title, ids = recTitle(base.Recs, m, lang), m.Indicators
		}
		var sum, sumFrom, sumTo float64
		var n int
		for _, id := range ids {
			d := IndicatorDelta{Indicator: id, Label: id}
			if qu := base.Content.Q.Question(id); qu != nil {
				d.Label = qu.Label.Get(lang)
			} else if qu := last.Content.Q.Question(id); qu != nil {
				d.Label = qu.Label.Get(lang)
			}
			// Sums and the delta use the unrounded scores; only what is
			// shown is rounded.
			var from, to *float64
			if ir := base.Score.Indicator(id); ir != nil {
				from = ir.Score
			}
			if ir := last.Score.Indicator(id); ir != nil {
				to = ir.Score
			}
			d.From, d.To = round1(from), round1(to)
			d.Delta = delta([]*float64{from, to})
			if d.Delta != nil {
				sum += *to - *from
				sumFrom += *from
				sumTo += *to
				n++
			}
			me.Indicators = append(me.Indicators, d)
		}
		verdict := VerdictNotMeasured
		if n > 0 {
			mean, from, to := sum/float64(n), sumFrom/float64(n), sumTo/float64(n)
			me.MeanDelta, me.MeanFrom, me.MeanTo = round1(&mean), round1(&from), round1(&to)
			switch {
			case *me.MeanDelta > 0:
				verdict = VerdictImproved
			case *me.MeanDelta < 0:
				verdict = VerdictWorse
			default:
				verdict = VerdictUnchanged
			}
		}
		me.Verdict = Coded{verdict, c.t("verdict." + verdict)}
		switch verdict {
		case VerdictImproved:
			me.Line = c.t("eff.line.improved", signed(me.MeanDelta, lang), n, len(ids))
		case VerdictWorse:
			me.Line = c.t("eff.line.worse", signed(me.MeanDelta, lang), n, len(ids))
		case VerdictUnchanged:
			me.Line = c.t("eff.line.unchanged", n, len(ids))
		default:
			me.Line = c.t("eff.line.not_measured")
		}
		e.Measures = append(e.Measures, me)
	}
	return e
}

// saidNotes lists the notes given with a round's answers to a question (every
// respondent's, then the consensus's).
func (c *ctx) saidNotes(qid string) []Said {
	out := []Said{}
	for _, an := range c.answersTo(qid) {
		if an.Note != "" {
			out = append(out, Said{Who: an.Respondent, At: an.At.UTC(), Text: an.Note})
		}
	}
	for _, an := range c.src.Consensus {
		if an.Question == qid && an.Note != "" {
			out = append(out, Said{Who: c.t("consensus_by", an.Respondent), At: an.At.UTC(), Text: an.Note})
		}
	}
	return out
}

// saidReasons lists the reasons recorded in a round's audit trail for
// changes to a question, oldest first, without repeats.
func (c *ctx) saidReasons(qid string) []Said {
	out := []Said{}
	seen := map[string]bool{}
	for _, e := range c.src.History {
		if e.Question != qid || e.Reason == "" {
			continue
		}
		key := e.By + "\x00" + e.Reason
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, Said{Who: e.By, At: e.At.UTC(), Text: e.Reason})
	}
	return out
}

// answerOf is an indicator's answer in a round, as people read it.
func (c *ctx) answerOf(id string) string {
	ir := c.src.Score.Indicator(id)
	if ir == nil {
		return "—"
	}
	ind := c.indicator(*ir)
	return orDash(ind.Answer, ind.Status.Label)
}

// changes lists, for each indicator whose score changed from the first to
// the last round, the notes and reasons the last round gives.
func changes(first, last *ctx, rows []CompareRow) []ChangeReason {
	out := []ChangeReason{}
	for _, r := range rows {
		if len(r.Values) < 2 {
			continue
		}
		from, to := r.Values[0], r.Values[len(r.Values)-1]
		if sameScore(from, to) {
			continue
		}
		cr := ChangeReason{Indicator: r.ID, Label: r.Label, From: from, To: to, Delta: r.Delta,
			Before: first.answerOf(r.ID), After: last.answerOf(r.ID),
			Notes: last.saidNotes(r.ID), Reasons: last.saidReasons(r.ID)}
		out = append(out, cr)
	}
	return out
}
