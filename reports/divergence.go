package reports

import (
	"sort"
	"strings"

	"github.com/indimaj/indimaj/engine"
)

// respondents lists the people who answered (not the facilitator's
// consensus), sorted.
func (c *ctx) respondents() []string {
	seen := map[string]bool{}
	out := []string{}
	for _, an := range c.src.Answers {
		if !seen[an.Respondent] {
			seen[an.Respondent] = true
			out = append(out, an.Respondent)
		}
	}
	sort.Strings(out)
	return out
}

// answersTo returns every respondent's answer to a question, by respondent.
func (c *ctx) answersTo(qid string) []Answer {
	var out []Answer
	for _, an := range c.src.Answers {
		if an.Question == qid {
			out = append(out, an)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Respondent < out[j].Respondent })
	return out
}

// choiceOf returns the choice an answer to a single-choice question picked.
func choiceOf(qu *engine.Question, raw any) (string, *engine.Choice) {
	v, err := engine.ParseValue(qu, raw)
	if err != nil {
		return "", nil
	}
	code, ok := v.(string)
	if !ok || qu.Type != engine.Single {
		return "", nil
	}
	return code, qu.Choice(code)
}

func scoreOf(ch *engine.Choice) *float64 {
	if ch == nil || ch.Score == nil {
		return nil
	}
	v := *ch.Score
	return &v
}

func (c *ctx) agendaItem(qu *engine.Question) AgendaItem {
	it := AgendaItem{Question: qu.ID, Label: qu.Label.Get(c.lang), Answers: []RespondentAnswer{}}
	if qu.Section != nil {
		it.Section, it.SectionTitle = qu.Section.ID, qu.Section.Title.Get(c.lang)
	}
	for _, an := range c.answersTo(qu.ID) {
		ra := RespondentAnswer{Respondent: an.Respondent, Note: an.Note, At: an.At.UTC()}
		v, err := engine.ParseValue(qu, an.Value)
		if err != nil {
			v = an.Value
		}
		ra.Answer = c.value(qu, v)
		if code, ch := choiceOf(qu, an.Value); ch != nil {
			ra.Choice, ra.Score, ra.DontKnow = code, scoreOf(ch), ch.Missing == engine.DontKnow
		}
		it.Answers = append(it.Answers, ra)
	}
	if w, ok := c.src.Working[qu.ID]; ok {
		it.Working = c.answerText(qu)
		_, ch := choiceOf(qu, w.Value)
		it.WorkingScore = scoreOf(ch)
		if src := c.src.Sources[qu.ID]; src != "" {
			it.Source = Coded{src, c.t("source." + src)}
			if src == engine.SourceConsensus {
				it.WorkingNote = w.Note
			}
		}
	}
	return it
}

// dontKnowVsLevel reports whether some respondents answered "don't know" to
// a scored question and others a level.
func (c *ctx) dontKnowVsLevel(qu *engine.Question) bool {
	if !qu.Scored || qu.Type != engine.Single {
		return false
	}
	var dk, level bool
	for _, an := range c.answersTo(qu.ID) {
		_, ch := choiceOf(qu, an.Value)
		switch {
		case ch == nil:
		case ch.Missing == engine.DontKnow:
			dk = true
		case ch.Score != nil:
			level = true
		}
	}
	return dk && level
}

// agenda builds the divergence report: the questions the validation
// workshop has to settle, in questionnaire order.
func (c *ctx) agenda() *Agenda {
	ag := &Agenda{Respondents: c.respondents(), Divergent: []AgendaItem{}, DontKnow: []AgendaItem{}}
	ag.Arbitrate = len(ag.Respondents) > 1
	if !ag.Arbitrate {
		ag.Intro = []string{c.t("div.single")}
		if len(ag.Respondents) == 0 {
			ag.Intro = []string{c.t("div.nobody")}
		}
		return ag
	}
	divergent := map[string]bool{}
	for _, qid := range c.src.Divergent {
		qu := c.q.Question(qid)
		if qu == nil {
			continue
		}
		divergent[qid] = true
		ag.Divergent = append(ag.Divergent, c.agendaItem(qu))
	}
	for _, qu := range c.q.Questions {
		if !divergent[qu.ID] && c.dontKnowVsLevel(qu) {
			ag.DontKnow = append(ag.DontKnow, c.agendaItem(qu))
		}
	}
	ag.Intro = []string{
		c.t("div.intro", len(ag.Respondents), strings.Join(ag.Respondents, ", "), len(ag.Divergent), len(ag.DontKnow)),
		c.t("div.working"),
		c.t("div.how", c.src.Assessment.ID),
	}
	return ag
}
