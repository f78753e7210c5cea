package demo

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
)

// The example must match the embedded questionnaire exactly: when a question
// is added, removed or renamed, or a choice changes, this fails and says
// which questions answers-oriental.yaml needs to follow.
func TestAnswersMatchTheEmbeddedQuestionnaire(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatalf("the embedded content does not load: %v", err)
	}
	if err := Check(c); err != nil {
		t.Fatalf("%v\nUpdate internal/demo/%s to the embedded questionnaire.", err, FileName)
	}
}

// The example shows every kind of answer a newcomer should see in the reports.
func TestAnswersAreMixed(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	given, err := Parse(c)
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	notes := 0
	for _, ga := range given {
		qu := c.Q.Question(ga.Question)
		if ga.Note != "" {
			notes++
		}
		if !qu.Scored {
			continue
		}
		ch := qu.Choice(ga.Value.(string))
		switch {
		case ch.Missing == engine.DontKnow:
			levels["dont_know"]++
		case ch.Score != nil && *ch.Score == qu.Lowest():
			levels["lowest"]++
		case ch.Score != nil && *ch.Score == qu.Highest():
			levels["highest"]++
		case ch.Score != nil:
			levels["partial"]++
		}
	}
	for _, k := range []string{"dont_know", "lowest", "highest", "partial"} {
		if levels[k] < 3 {
			t.Errorf("only %d answers at %s: the demo should show a mix", levels[k], k)
		}
	}
	if notes < 5 {
		t.Errorf("only %d notes with evidence", notes)
	}
}

func TestCreateBaselineAndFollowUp(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := Create(s, c, "fr", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	b, f := set.Baseline.A, set.FollowUp.A
	if !b.Demo || !f.Demo || b.Round != Round || f.Round != FollowUpRound || f.Baseline != b.ID || b.Region != Region {
		t.Fatalf("baseline %+v\nfollow-up %+v", b, f)
	}
	list, err := s.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("stored %d assessments (%v), want 2", len(list), err)
	}
	pb := engine.Score(set.Baseline.State, c.Rules.Policy)
	pf := engine.Score(set.FollowUp.State, c.Rules.Policy)
	if pb.Overall == nil || pf.Overall == nil || *pf.Overall <= *pb.Overall {
		t.Errorf("the simulated follow-up should score higher than the baseline (%v → %v)", pb.Overall, pf.Overall)
	}
}
