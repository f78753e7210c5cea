package reports_test

import (
	"bytes"
	"github.com/indimaj/indimaj/reports"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
	"golang.org/x/net/html"
)

const workshopID = "01JPWORKSHOP00000000000000"

// workshop is a two-respondent assessment with disagreements: the council
// says there is no plan and a full health convention, the association the
// opposite; both gave notes. On the reception desk and the unit's staff, one
// does not know and the other chose a level. The facilitator set a consensus
// on health.
func workshop(t *testing.T) *reports.Source {
	t.Helper()
	l := loadLoaded(t, workshopID, "oriental", "2026-atelier",
		answerSet{"workshop-council.yaml", "Conseil régional", t0},
		answerSet{"workshop-ngo.yaml", "Association Amal", t0.Add(time.Hour)})
	l.Consensus = []store.Answer{{Question: "health", Value: "partial", Note: "Convention signée, non renouvelée en 2026", Respondent: "Facilitatrice", At: t0.Add(2 * time.Hour)}}
	l.Rebuild()
	return l.ReportSource()
}

// hostileWorkshop has a second participant whose name and notes are hostile.
func hostileWorkshop(t *testing.T) *reports.Source {
	t.Helper()
	return load(t, "01JPHOSTILE000000000000000", "oriental", "<b>atelier</b>",
		answerSet{"workshop-council.yaml", "Conseil régional", t0},
		answerSet{"workshop-hostile.yaml", "=cmd|' /C calc'!A0 <i>Eve</i>", t0})
}

func buildDoc(t *testing.T, kind string, src *reports.Source, lang string) *reports.Doc {
	t.Helper()
	d, err := reports.Build(kind, src, reports.Options{Lang: lang, Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func questions(items []reports.AgendaItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Question)
	}
	return out
}

func TestDivergenceAgenda(t *testing.T) {
	ws := workshop(t)
	ag := buildDoc(t, reports.KindDivergence, ws, "en").Divergence
	if !ag.Arbitrate || strings.Join(ag.Respondents, ",") != "Association Amal,Conseil régional" {
		t.Fatalf("arbitrate %v, respondents %v", ag.Arbitrate, ag.Respondents)
	}
	if got := strings.Join(questions(ag.Divergent), ","); got != "plan,health" {
		t.Errorf("divergent questions %s, want plan,health (l.Divergent, questionnaire order)", got)
	}
	if got := strings.Join(questions(ag.DontKnow), ","); got != "unit_staff,desk" {
		t.Errorf("don't know vs level %s, want unit_staff,desk", got)
	}
	plan := ag.Divergent[0]
	if plan.Section != "gov" || plan.SectionTitle != "Governance" || len(plan.Answers) != 2 {
		t.Fatalf("plan item = %+v", plan)
	}
	amal, council := plan.Answers[0], plan.Answers[1]
	if amal.Respondent != "Association Amal" || amal.Answer != "Adopted" || amal.Score == nil || *amal.Score != 100 || !strings.Contains(amal.Note, "octobre 2025") {
		t.Errorf("the association's answer to plan = %+v", amal)
	}
	if council.Answer != "None" || council.Score == nil || *council.Score != 0 || council.Choice != "absent" {
		t.Errorf("the council's answer to plan = %+v", council)
	}
	// No consensus on plan: the lower median counts for now.
	if plan.Working != "None" || plan.Source.Code != "median" || plan.WorkingScore == nil || *plan.WorkingScore != 0 {
		t.Errorf("plan working answer %q (%v) from %q", plan.Working, plan.WorkingScore, plan.Source.Code)
	}
	health := ag.Divergent[1]
	if health.Working != "One-off" || health.Source.Code != "consensus" || health.WorkingNote == "" {
		t.Errorf("health working answer %q from %q (note %q), want the consensus", health.Working, health.Source.Code, health.WorkingNote)
	}
	desk := ag.DontKnow[1]
	var dk, level bool
	for _, a := range desk.Answers {
		dk = dk || (a.DontKnow && a.Score == nil)
		level = level || (!a.DontKnow && a.Score != nil && *a.Score == 50)
	}
	if !dk || !level {
		t.Errorf("desk answers %+v: want one don't know and one level", desk.Answers)
	}

	// Markdown: the agenda with a blank decision column.
	md := string(render(t, reports.KindDivergence, "md", "fr", ws))
	for _, want := range []string{"Décision de l'atelier de validation", "Aucune délibération trouvée", "Association Amal", "médiane des répondants", "« Ne sait pas » face à un niveau"} {
		if !strings.Contains(md, want) {
			t.Errorf("the reports.Markdown agenda lacks %q", want)
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| `plan`") && !strings.HasSuffix(line, "|   |") {
			t.Errorf("the decision cell of plan is not blank: %s", line)
		}
	}
}

func TestDivergenceSingleRespondent(t *testing.T) {
	fu := followUp(t)
	for _, lang := range reports.Languages {
		d := buildDoc(t, reports.KindDivergence, fu, lang)
		if d.Divergence.Arbitrate || len(d.Divergence.Divergent) != 0 {
			t.Errorf("%s: one respondent, yet something to arbitrate", lang)
		}
		for _, format := range []string{"md", "html"} {
			out := string(render(t, reports.KindDivergence, format, lang, fu))
			want, decision := i18n.T(lang, "rp.div.single"), reports.Tr(lang, "col.decision")
			if format == "html" {
				want, decision = html.EscapeString(want), html.EscapeString(decision)
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s %s: the report does not say there is nothing to arbitrate", lang, format)
			}
			if strings.Contains(out, decision) {
				t.Errorf("%s %s: a decision column with nothing to decide", lang, format)
			}
		}
	}
}

func TestDivergenceCSV(t *testing.T) {
	ws := workshop(t)
	ag := buildDoc(t, reports.KindDivergence, ws, "en").Divergence
	rows := readCSV(t, "divergence", render(t, reports.KindDivergence, "csv", "en", ws))
	want := 0
	for _, it := range append(append([]reports.AgendaItem{}, ag.Divergent...), ag.DontKnow...) {
		want += len(it.Answers)
	}
	if want != 8 || len(rows)-1 != want {
		t.Fatalf("CSV: %d rows, want one per (question, respondent): %d", len(rows)-1, want)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no %q column in %v", name, head)
		return -1
	}
	q, who, score, dec := col("Question"), col("Respondent"), col("Score"), col("Decision of the validation workshop")
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[q]+"/"+r[who]] = true
		if r[dec] != "" {
			t.Errorf("the decision cell is filled: %v", r)
		}
		if r[q] == "plan" && r[who] == "Association Amal" && r[score] != "100" {
			t.Errorf("plan / Association Amal score %q", r[score])
		}
	}
	if !seen["health/Conseil régional"] || !seen["desk/Association Amal"] {
		t.Errorf("rows %v", seen)
	}
	// Hostile notes and names are neutralized.
	rows = readCSV(t, "divergence (hostile)", render(t, reports.KindDivergence, "csv", "fr", hostileWorkshop(t)))
	var hyper bool
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !reports.PlainNumber.MatchString(c) {
				t.Errorf("cell %q could run as a formula", c)
			}
			hyper = hyper || strings.HasPrefix(c, `'=HYPERLINK(`)
		}
	}
	if !hyper {
		t.Errorf("the =HYPERLINK note is not in the divergence reports.CSV, neutralized")
	}
}

func TestDivergenceEscapesNotes(t *testing.T) {
	src := hostileWorkshop(t)
	out := render(t, reports.KindDivergence, "html", "fr", src)
	checkSelfContained(t, "divergence (hostile)", out)
	if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<i>Eve")) || bytes.Contains(out, []byte("<b>atelier")) {
		t.Errorf("user text reached the divergence page unescaped")
	}
	if !bytes.Contains(out, []byte("&lt;script&gt;alert(3)&lt;/script&gt;")) {
		t.Errorf("the note with a script tag is not shown, escaped")
	}
	var note, name bool
	walk(parseHTML(t, "divergence", out), func(n *html.Node) {
		if n.Type == html.TextNode {
			note = note || strings.Contains(n.Data, "<script>alert(3)</script> </td></tr></table> | x")
			name = name || strings.Contains(n.Data, "=cmd|' /C calc'!A0 <i>Eve</i>")
		}
	})
	if !note || !name {
		t.Errorf("the hostile note (%v) or name (%v) is not shown as text", note, name)
	}
	md := string(render(t, reports.KindDivergence, "md", "fr", src))
	if rawHTML.MatchString(md) {
		t.Errorf("raw reports.HTML from a note reached the reports.Markdown agenda")
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "alert(3)") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 9 {
			t.Errorf("a note broke a reports.Markdown table row: %s", line)
		}
	}
}
