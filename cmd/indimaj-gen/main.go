// Command indimaj-gen writes an indimaj database of generated assessments, to
// measure how commands behave as a database grows (see BENCHMARKS.md).
//
//	go run ./cmd/indimaj-gen -n 10000 -o /tmp/bench-10k.db
//
// Every assessment is made as indimaj makes them: the embedded content, a
// region among the 12 and a round (the rounds follow each other in time),
// two respondents (three in one case out
// of six): the first answers every question, the others about half, with a
// level drawn around the region's own tendency (so regions differ, and
// respondents sometimes diverge; one assessment in four is thin); notes and evidence on a quarter of the
// answers, the audit trail of every answer after the first respondent's, a
// consensus on some divergent questions, a status, and a plan of adopted
// measures among those that fire. The summary index is kept as every command
// keeps it. An assessment holds about 36 KB of keys and values (answers,
// trail, consensus, plan, index entry) and takes about 60 KB of bbolt pages. The same -seed gives the same database.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/store"
	"github.com/oklog/ulid/v2"
)

func main() {
	n := flag.Int("n", 1000, "number of assessments")
	out := flag.String("o", "", "database file to create (must not exist)")
	seed := flag.Uint64("seed", 1, "random seed")
	batch := flag.Int("batch", 250, "assessments per transaction")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: indimaj-gen -n N -o FILE [-seed S] [-batch B]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || *n <= 0 || *batch <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "indimaj-gen: %s exists; give a new file\n", *out)
		os.Exit(2)
	}
	if err := run(*n, *out, *seed, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "indimaj-gen: "+app.ErrorText(err))
		os.Exit(1)
	}
}

// rounds are the monitoring rounds the assessments are spread over, the
// most recent last.
var rounds = []string{"2022-baseline", "2023-review", "2024-review", "2025-review", "2026-baseline", "2026-review", "2027-review", "2028-review"}

var people = []store.Respondent{
	{Name: "A. Benali", Institution: "Conseil régional", Role: "Directeur des affaires sociales"},
	{Name: "F. Zahra El Idrissi", Institution: "Agence régionale d'exécution des projets", Role: "Cheffe de projet"},
	{Name: "Y. Ouhammou", Institution: "Délégation de l'Entraide nationale", Role: "Délégué"},
	{Name: "M. Diallo", Institution: "Association d'accompagnement des migrants", Role: "Coordinateur"},
	{Name: "S. Amrani", Institution: "Conseil régional", Role: "Chargée de la coopération"},
	{Name: "K. Tazi", Institution: "Wilaya", Role: "Chef de division"},
}

var notes = []string{
	"Décision du conseil n° %d/2024 ; copie transmise par le secrétariat général.",
	"Entretien avec la direction des affaires sociales, le %d mars ; pas de document écrit.",
	"Rapport annuel de l'agence, p. %d : la mesure est citée mais sans budget dédié.",
	"Convention de partenariat signée avec l'OIM et deux associations (réf. %d).",
	"Selon le PDR, axe 3 ; mise en œuvre partielle, %d bénéficiaires en 2024.",
	"Aucune trace écrite ; à vérifier lors de l'atelier de validation (point %d).",
}

func run(n int, out string, seed uint64, batch int) error {
	c, err := app.LoadContent("")
	if err != nil {
		return err
	}
	env := &app.Env{Content: c}
	if err := env.OpenStore(out, true); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var key [32]byte
	key[0], key[1] = byte(seed), byte(seed>>8)
	entropy = rand.NewChaCha8(key)
	regions := c.Refs.RegionCodes()
	// Each region leans towards a level, so the national view shows contrasts.
	lean := map[string]float64{}
	for _, r := range regions {
		lean[r] = 0.2 + 0.6*rng.Float64()
	}
	start := time.Now()
	base := time.Date(2022, 1, 10, 9, 0, 0, 0, time.UTC)
	var recs []store.NewRecord
	for i := 0; i < n; i++ {
		region := regions[i%len(regions)]
		round := rounds[i*len(rounds)/n] // rounds follow each other in time
		at := base.Add(time.Duration(i) * 37 * time.Minute)
		recs = append(recs, makeRecord(rng, c, region, round, lean[region], at, i == 0))
		if len(recs) == batch || i == n-1 {
			if err := env.Store.CreateMany(recs); err != nil {
				return err
			}
			recs = recs[:0]
			fmt.Fprintf(os.Stderr, "\r%d / %d", i+1, n)
		}
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "\r%d assessments in %s: %.1f MB, %.1f KB each, %s\n", n, out,
		float64(fi.Size())/1e6, float64(fi.Size())/1e3/float64(n), time.Since(start).Round(time.Second))
	return nil
}

// entropy feeds the ids (ULIDs), from the seed.
var entropy *rand.ChaCha8

func makeRecord(rng *rand.Rand, c *engine.Content, region, round string, lean float64, at time.Time, withContent bool) store.NewRecord {
	id := ulid.MustNew(ulid.Timestamp(at), entropy).String()
	k := 2
	if rng.IntN(6) == 0 {
		k = 3
	}
	first := rng.IntN(len(people))
	var resp []store.Respondent
	for j := 0; j < k; j++ {
		resp = append(resp, people[(first+j)%len(people)])
	}
	statuses := []string{"draft", "in_review", "validated", "validated"}
	a := &store.Assessment{ID: id, Region: region, Round: round, Questionnaire: c.Q.ID, Version: c.Q.Version, ContentHash: c.Hash,
		Lang: []string{"fr", "fr", "ar", "en"}[rng.IntN(4)], Status: statuses[rng.IntN(len(statuses))], Created: at,
		Updated: at.Add(time.Duration(k) * 24 * time.Hour), Respondents: resp}
	r := store.NewRecord{Record: store.Record{Assessment: a}}
	if withContent {
		r.Content = c.Files
	}
	st := engine.NewState(c.Q)
	levels := map[string][]float64{}
	// One assessment in four is still thin: its first respondent left part
	// of the questions, so its coverage may be under the threshold.
	skip := 0
	if rng.IntN(4) == 0 {
		skip = 1 + rng.IntN(4) // out of 10
	}
	for j, p := range resp {
		when := at.Add(time.Duration(j) * 24 * time.Hour)
		for _, qu := range c.Q.Questions {
			if j > 0 && rng.IntN(2) == 0 || j == 0 && rng.IntN(10) < skip {
				continue // later participants answer part of the questions
			}
			v := value(rng, qu, lean)
			if v == nil || st.Check(qu.ID, v) != nil {
				continue
			}
			an := store.Answer{Question: qu.ID, Value: v, Respondent: p.Name, At: when.Add(time.Duration(qu.Index) * time.Minute)}
			if rng.IntN(4) == 0 {
				an.Note = fmt.Sprintf(notes[rng.IntN(len(notes))], 1+rng.IntN(40))
			}
			r.Answers = append(r.Answers, an)
			if ch := qu.Choice(fmt.Sprint(v)); ch != nil && ch.Score != nil {
				levels[qu.ID] = append(levels[qu.ID], *ch.Score)
			}
			if j > 0 { // the first respondent's answers come with the assessment (no trail), as with `answer`
				r.History = append(r.History, store.HistoryEntry{ID: ulid.MustNew(ulid.Timestamp(an.At), entropy).String(), At: an.At,
					By: p.Name, Kind: "answer", Question: qu.ID, Respondent: p.Name, New: v, Note: an.Note})
			}
		}
	}
	// A consensus on some of the questions where respondents are far apart.
	for qid, ls := range levels {
		if len(ls) > 1 && max(ls[0], ls[1])-min(ls[0], ls[1]) >= 100 && rng.IntN(2) == 0 {
			r.Consensus = append(r.Consensus, store.Answer{Question: qid, Value: "partial", Respondent: resp[0].Name,
				Note: "Consensus de l'atelier de validation", At: a.Updated})
		}
	}
	// The council adopts a few of the measures that fire.
	l := &app.Loaded{A: a, Answers: r.Answers, Consensus: r.Consensus, Content: c}
	l.Rebuild()
	sc := engine.Score(l.State, c.Rules.Policy)
	recs := engine.Rank(l.State, sc, c.Rules)
	for j := 0; j < len(recs) && j < 2+rng.IntN(5); j++ {
		if rng.IntN(3) == 0 {
			continue
		}
		r.Plan = append(r.Plan, store.PlanItem{Measure: recs[j].Measure.ID, Status: store.PlanStatuses[rng.IntN(3)],
			Owner: resp[0].Name, Adopted: a.Updated, Updated: a.Updated})
	}
	return r
}

// value draws an answer to qu: a level around the region's lean, sometimes
// "don't know"; a number, a yes/no, a few choices or a sentence otherwise.
func value(rng *rand.Rand, qu *engine.Question, lean float64) any {
	switch qu.Type {
	case engine.Single:
		var scored, missing []*engine.Choice
		for _, ch := range qu.Choices {
			if ch.Score != nil {
				scored = append(scored, ch)
			} else if ch.Missing == engine.DontKnow {
				missing = append(missing, ch)
			}
		}
		if len(missing) > 0 && rng.IntN(12) == 0 {
			return missing[0].Value
		}
		if len(scored) == 0 {
			return qu.Choices[rng.IntN(len(qu.Choices))].Value
		}
		x := lean + 0.35*rng.NormFloat64()
		i := int(x * float64(len(scored)))
		return scored[max(0, min(len(scored)-1, i))].Value
	case engine.Multiple:
		var out []string
		for _, ch := range qu.Choices {
			if ch.Missing == engine.NotMissing && rng.IntN(3) == 0 {
				out = append(out, ch.Value)
			}
		}
		if len(out) == 0 && len(qu.Choices) > 0 {
			out = append(out, qu.Choices[0].Value)
		}
		return out
	case engine.Boolean:
		return rng.IntN(2) == 0
	case engine.Integer:
		return float64(rng.IntN(5000))
	case engine.Decimal:
		return float64(rng.IntN(1000)) / 10
	case engine.TextQ:
		return fmt.Sprintf("Réponse de l'atelier, point %d : à compléter par la direction concernée.", 1+rng.IntN(30))
	}
	return nil
}
