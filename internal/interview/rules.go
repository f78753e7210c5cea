package interview

import (
	"strings"

	"github.com/indimaj/indimaj/engine"
)

// The interview's shared rules, the same in the full-screen and the
// accessible mode:
//
//   - "Don't know" is d (alt+d, or F5, on questions where letters are typed):
//     it records the question's "don't know" answer. Only choice questions
//     that offer one have it; the questionnaire model has no "don't know"
//     value for numbers, text or yes/no questions, so there d records
//     nothing, says so, and stays on the question (tab leaves it unanswered
//     and the review lists it).
//   - A note never creates an answer: on an unanswered question it is kept
//     and saved with the answer when the answer is given.
//   - The setup's institution and role pre-fill the questions that ask them
//     again (setupPrefill): the value is shown, and enter confirms it.

// DontKnowValue returns qu's "don't know" answer, if the question offers one.
func DontKnowValue(qu *engine.Question) (any, bool) {
	if qu.Type != engine.Single && qu.Type != engine.Multiple {
		return nil, false
	}
	for _, c := range qu.Choices {
		if c.Missing == engine.DontKnow || c.Value == "dont_know" {
			if qu.Type == engine.Multiple {
				return []string{c.Value}, true
			}
			return c.Value, true
		}
	}
	return nil, false
}

// setupPrefill names the questions that ask again what the setup asked:
// question id → the respondent's detail that pre-fills it.
var setupPrefill = map[string]string{"ctx_institution": "institution", "ctx_role": "role"}

// Suggested returns the value that pre-fills qu for this respondent when
// they have not answered it: their institution or role as given in the
// setup (an institution is matched to a choice by its label, in any
// language), else nil. Nothing is stored until the answer is confirmed.
func (s *Session) Suggested(qu *engine.Question) any {
	what, ok := setupPrefill[qu.ID]
	if !ok {
		return nil
	}
	if _, own := s.Own(qu.ID); own {
		return nil
	}
	var given string
	for _, r := range s.L.A.Respondents {
		if r.Name == s.Respondent {
			given = r.Role
			if what == "institution" {
				given = r.Institution
			}
		}
	}
	given = strings.TrimSpace(given)
	if given == "" {
		return nil
	}
	var v any = given
	if qu.Type == engine.Single {
		code := matchChoice(qu, given)
		if code == "" {
			return nil
		}
		v = code
	}
	if s.St().Check(qu.ID, v) != nil {
		return nil
	}
	return v
}

// matchChoice finds the choice a free text names: the text holds the
// choice's label, or the label's first part (before a comma or " ou "/"or"),
// in any language, case ignored. "" when none or several match.
func matchChoice(qu *engine.Question, text string) string {
	t := strings.ToLower(text)
	found := ""
	for _, c := range qu.Choices {
		if c.Missing != "" || c.Value == "other" {
			continue
		}
		hit := false
		for _, label := range c.Label {
			l := strings.ToLower(strings.TrimSpace(label))
			for _, sep := range []string{",", " ou ", " or ", "، ", " أو "} {
				if i := strings.Index(l, sep); i > 0 {
					l = l[:i]
				}
			}
			if l != "" && strings.Contains(t, l) {
				hit = true
				break
			}
		}
		if hit {
			if found != "" && found != c.Value {
				return ""
			}
			found = c.Value
		}
	}
	return found
}
