package reports_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"github.com/indimaj/indimaj/reports"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var (
	t0       = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	t1       = time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	genTime  = time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	baseID   = "01JPBASE0000000000000000AA"
	followID = "01JPFOLLOW0000000000000000"
)

type answerSet struct {
	file       string
	respondent string
	at         time.Time
}

// load builds a Source the way the CLI does: real content (examples/sample),
// real answer parsing, real state, score and recommendations.
func load(t *testing.T, id, region, round string, sets ...answerSet) *reports.Source {
	t.Helper()
	return loadLoaded(t, id, region, round, sets...).ReportSource()
}

// loadLoaded is load before scoring: a test can add consensus, history or a
// plan, then Rebuild and score.
func loadLoaded(t *testing.T, id, region, round string, sets ...answerSet) *app.Loaded {
	t.Helper()
	c, err := app.LoadContent(filepath.Join("..", "examples", "sample"))
	if err != nil {
		t.Fatalf("loading the sample content: %v", err)
	}
	a := &store.Assessment{ID: id, Region: region, Round: round, Questionnaire: c.Q.ID, Version: c.Q.Version, ContentHash: c.Hash,
		Lang: "fr", Status: "draft", Created: sets[0].at, Updated: sets[len(sets)-1].at}
	l := &app.Loaded{A: a, Content: c}
	l.Rebuild()
	for _, s := range sets {
		data, err := os.ReadFile(filepath.Join("testdata", s.file))
		if err != nil {
			t.Fatal(err)
		}
		st := engine.NewState(c.Q)
		given, err := app.ParseAnswers(s.file, data, st)
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		a.Respondents = append(a.Respondents, store.Respondent{Name: s.respondent, Institution: "Conseil régional", Role: "Chargé·e de mission"})
		for _, ga := range given {
			l.Answers = append(l.Answers, store.Answer{Question: ga.Question, Value: ga.Value, Note: ga.Note, Respondent: s.respondent, At: s.at})
		}
	}
	l.Rebuild()
	return l
}

func baseline(t *testing.T) *reports.Source {
	return load(t, baseID, "oriental", "2025-baseline",
		answerSet{"sample-answers-2.yaml", "M. Idrissi", t0.Add(-24 * time.Hour)},
		answerSet{"sample-answers.yaml", "A. Benali", t0})
}

// partial is an assessment with two answers: its coverage is far below the
// policy's provisional_below.
func partial(t *testing.T) *reports.Source {
	return load(t, "01JPPART000000000000000000", "rabat-sale-kenitra", "2025-partial", answerSet{"partial-answers.yaml", "P. Partiel", t0})
}

func followUp(t *testing.T) *reports.Source {
	s := load(t, followID, "oriental", "2026-suivi", answerSet{"followup-answers.yaml", "A. Benali", t1})
	s.Assessment.Baseline = baseID
	return s
}

func attack(t *testing.T) *reports.Source {
	return load(t, "01JPATTACK0000000000000000", "souss-massa", "<b>round</b>", answerSet{"attack-answers.yaml", "<i>Eve</i> =1+1", t0})
}

func render(t *testing.T, kind, format, lang string, src *reports.Source) []byte {
	t.Helper()
	d, err := reports.Build(kind, src, reports.Options{Lang: lang, Generated: genTime})
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	out, err := reports.Render(d, format)
	if err != nil {
		t.Fatalf("%s %s: %v", kind, format, err)
	}
	return out
}

func renderCompare(t *testing.T, format, lang string, srcs ...*reports.Source) []byte {
	t.Helper()
	d, err := reports.BuildCompare(srcs, reports.Options{Lang: lang, Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	out, err := reports.Render(d, format)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./reports -update` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run `go test ./reports -update` if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d (run `go test ./reports -update` if intended)", name, len(gl), len(wl))
	}
}

func TestGolden(t *testing.T) {
	base := baseline(t)
	for _, kind := range reports.Kinds {
		if kind == reports.KindDivergence {
			continue // the baseline has no disagreement: its goldens use a workshop, below
		}
		for _, format := range reports.Formats {
			golden(t, kind+".fr."+format, render(t, kind, format, "fr", base))
		}
		for _, lang := range []string{"ar", "en"} {
			golden(t, kind+"."+lang+".md", render(t, kind, "md", lang, base))
		}
		golden(t, kind+".ar.html", render(t, kind, "html", "ar", base))
	}
	ws := workshop(t)
	for _, format := range reports.Formats {
		golden(t, "divergence.fr."+format, render(t, reports.KindDivergence, format, "fr", ws))
	}
	golden(t, "divergence.ar.md", render(t, reports.KindDivergence, "md", "ar", ws))
	golden(t, "divergence.en.md", render(t, reports.KindDivergence, "md", "en", ws))
	golden(t, "divergence.ar.html", render(t, reports.KindDivergence, "html", "ar", ws))
	golden(t, "divergence-single.fr.md", render(t, reports.KindDivergence, "md", "fr", followUp(t)))
	// A baseline whose council adopted measures, and its follow-up round.
	planned := baselineWithPlan(t)
	golden(t, "action-plan-adopted.fr.md", render(t, reports.KindActionPlan, "md", "fr", planned))
	golden(t, "action-plan-adopted.fr.csv", render(t, reports.KindActionPlan, "csv", "fr", planned))
	fu := followUpWithHistory(t)
	for _, format := range reports.Formats {
		golden(t, "compare-followup.fr."+format, renderCompare(t, format, "fr", fu, planned))
	}
	golden(t, "compare-followup.ar.html", renderCompare(t, "html", "ar", fu, planned))
	golden(t, "compare-followup.en.md", renderCompare(t, "md", "en", fu, planned))
	fu.Baseline = planned
	golden(t, "action-plan-followup.fr.md", render(t, reports.KindActionPlan, "md", "fr", fu))
	golden(t, "action-plan-followup.fr.json", render(t, reports.KindActionPlan, "json", "fr", fu))
	other := load(t, "01JPSOUSS00000000000000000", "souss-massa", "2025-baseline", answerSet{"followup-answers.yaml", "H. Amrani", t0})
	golden(t, "compare-regions.en.md", renderCompare(t, "md", "en", base, other))
	golden(t, "compare-regions.fr.csv", renderCompare(t, "csv", "fr", base, other))
	golden(t, "compare-regions.fr.md", renderCompare(t, "md", "fr", base, other))
	golden(t, "compare-regions.ar.html", renderCompare(t, "html", "ar", base, other))
	// A partial assessment: provisional in every kind.
	part := partial(t)
	golden(t, "diagnostic-provisional.fr.md", render(t, reports.KindDiagnostic, "md", "fr", part))
	golden(t, "diagnostic-provisional.ar.html", render(t, reports.KindDiagnostic, "html", "ar", part))
	golden(t, "recommendations-provisional.fr.html", render(t, reports.KindRecommendations, "html", "fr", part))
	golden(t, "compare-provisional.fr.md", renderCompare(t, "md", "fr", part, base))
}

func TestDeterministic(t *testing.T) {
	for _, kind := range reports.Kinds {
		for _, format := range reports.Formats {
			a := render(t, kind, format, "fr", baseline(t))
			b := render(t, kind, format, "fr", baseline(t))
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two renderings of the same input differ", kind, format)
			}
		}
	}
}

// walk calls fn on every node of an HTML document.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func parseHTML(t *testing.T, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func checkSelfContained(t *testing.T, name string, data []byte) {
	t.Helper()
	if bytes.Contains(data, []byte("ZgotmplZ")) {
		t.Errorf("%s: html/template refused a value (ZgotmplZ)", name)
	}
	doc := parseHTML(t, name, data)
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "link", "iframe", "object", "embed", "img", "base":
			t.Errorf("%s: <%s> element: the report must be self-contained, with no script", name, n.Data)
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if k == "src" || k == "href" || k == "xlink:href" || k == "srcset" || k == "action" {
				t.Errorf("%s: <%s %s=%q>: no external or linked resource allowed", name, n.Data, a.Key, a.Val)
			}
			if strings.HasPrefix(k, "on") {
				t.Errorf("%s: <%s %s>: no event handler allowed", name, n.Data, a.Key)
			}
			if strings.Contains(v, "http:") || strings.Contains(v, "https:") || strings.Contains(v, "url(") {
				t.Errorf("%s: <%s %s=%q> refers to a network resource", name, n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "style" && n.FirstChild != nil {
			css := n.FirstChild.Data
			for _, bad := range []string{"@import", "url(", "http:", "https:", "@font-face"} {
				if strings.Contains(css, bad) {
					t.Errorf("%s: the stylesheet contains %q", name, bad)
				}
			}
			for _, need := range []string{"@page", "A4", "@media print"} {
				if !strings.Contains(css, need) {
					t.Errorf("%s: the stylesheet lacks %q (A4 print layout)", name, need)
				}
			}
		}
	})
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func rootAttrs(t *testing.T, doc *html.Node) (lang, dir string) {
	t.Helper()
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "html" {
			lang, dir = htmlAttr(n, "lang"), htmlAttr(n, "dir")
		}
	})
	return
}

func TestHTMLSelfContainedAndDirection(t *testing.T) {
	base, fu := baseline(t), followUp(t)
	for _, lang := range reports.Languages {
		for _, kind := range reports.Kinds {
			out := render(t, kind, "html", lang, base)
			name := kind + "." + lang + ".html"
			checkSelfContained(t, name, out)
			gotLang, gotDir := rootAttrs(t, parseHTML(t, name, out))
			wantDir := "ltr"
			if lang == "ar" {
				wantDir = "rtl"
			}
			if gotLang != lang || gotDir != wantDir {
				t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", name, gotLang, gotDir, lang, wantDir)
			}
			var svgs int
			walk(parseHTML(t, name, out), func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "svg" {
					svgs++
					if lang == "ar" && htmlAttr(n, "direction") != "rtl" {
						t.Errorf("%s: an SVG chart is not right to left", name)
					}
				}
			})
			if kind != reports.KindRecommendations && kind != reports.KindDivergence && svgs == 0 {
				t.Errorf("%s: no SVG chart", name)
			}
		}
		out := renderCompare(t, "html", lang, fu, base)
		checkSelfContained(t, "compare."+lang+".html", out)
		checkSelfContained(t, "divergence (workshop)."+lang+".html", render(t, reports.KindDivergence, "html", lang, workshop(t)))
		planned, fuh := baselineWithPlan(t), followUpWithHistory(t)
		checkSelfContained(t, "compare (plan)."+lang+".html", renderCompare(t, "html", lang, fuh, planned))
		checkSelfContained(t, "action-plan (adopted)."+lang+".html", render(t, reports.KindActionPlan, "html", lang, planned))
		fuh.Baseline = planned
		checkSelfContained(t, "action-plan (follow-up)."+lang+".html", render(t, reports.KindActionPlan, "html", lang, fuh))
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	src := attack(t)
	for _, kind := range []string{reports.KindDiagnostic, reports.KindRecommendations, reports.KindActionPlan, reports.KindPilot} {
		out := render(t, kind, "html", "fr", src)
		name := kind + " (hostile answers)"
		checkSelfContained(t, name, out)
		if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<img")) || bytes.Contains(out, []byte("<b>round")) {
			t.Errorf("%s: user text reached the page unescaped", name)
		}
	}
	out := render(t, reports.KindDiagnostic, "html", "fr", src)
	if !bytes.Contains(out, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("the note with a script tag is not shown, escaped, in the diagnostic")
	}
	// The parsed page shows the note as text, exactly as given.
	var found bool
	walk(parseHTML(t, "diagnostic", out), func(n *html.Node) {
		if n.Type == html.TextNode && strings.Contains(n.Data, "<script>alert(1)</script> voir </td></tr></table>") {
			found = true
		}
	})
	if !found {
		t.Errorf("the hostile note is not shown as text")
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	src := attack(t)
	for _, kind := range reports.Kinds {
		out := string(render(t, kind, "md", "fr", src))
		if rawHTML.MatchString(out) {
			t.Errorf("%s: raw reports.HTML from an answer reached the Markdown", kind)
		}
	}
	out := string(render(t, reports.KindDiagnostic, "md", "fr", src))
	if !strings.Contains(out, `\<script\>alert(1)\</script\>`) {
		t.Errorf("the note with a script tag is not shown, escaped, in the reports.Markdown diagnostic")
	}
	// A table row must keep its columns: a | in user text is escaped.
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "HYPERLINK") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 5 {
			t.Errorf("a note broke a reports.Markdown table row: %s", line)
		}
	}
}

func readCSV(t *testing.T, name string, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("%s: no UTF-8 byte-order mark", name)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

func TestCSVInjectionNeutralized(t *testing.T) {
	src := attack(t)
	for _, kind := range reports.Kinds {
		rows := readCSV(t, kind, render(t, kind, "csv", "fr", src))
		if kind == reports.KindDivergence {
			// One respondent: nothing to arbitrate, a header only (the
			// hostile workshop is checked in TestDivergenceCSV).
			if len(rows) != 1 {
				t.Errorf("divergence with one respondent: %d rows, want the header only", len(rows))
			}
			continue
		}
		if len(rows) < 2 {
			t.Errorf("%s: no data rows", kind)
		}
		for _, r := range rows {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !reports.PlainNumber.MatchString(c) {
					t.Errorf("%s: cell %q could run as a formula", kind, c)
				}
			}
		}
	}
	rows := readCSV(t, "diagnostic", render(t, reports.KindDiagnostic, "csv", "fr", src))
	var hyper, sum bool
	for _, r := range rows {
		for _, c := range r {
			if c == `'=HYPERLINK("http://evil.example/","clic")` {
				hyper = true
			}
			if strings.HasPrefix(c, "'@SUM(1+1)") {
				sum = true
			}
		}
	}
	if !hyper || !sum {
		t.Errorf("the =HYPERLINK and @SUM notes are not in the reports.CSV, neutralized by a leading quote (found %v, %v)", hyper, sum)
	}
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+33 6", "'+33 6"}, {"-cmd", "'-cmd"}, {"@A1", "'@A1"}, {"\tx", "'\tx"}, {"\rx", "'\rx"},
		{"-12.5", "-12.5"}, {"42", "42"}, {"texte", "texte"}, {"", ""},
	} {
		if got := reports.CellSafe(tc.in); got != tc.want {
			t.Errorf("CellSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSVOneRowPerItem(t *testing.T) {
	base := baseline(t)
	rows := readCSV(t, "diagnostic", render(t, reports.KindDiagnostic, "csv", "en", base))
	if got, want := len(rows)-1, len(base.Score.Indicators); got != want {
		t.Errorf("diagnostic CSV: %d rows, want one per indicator (%d)", got, want)
	}
	for _, kind := range []string{reports.KindRecommendations, reports.KindActionPlan} {
		rows := readCSV(t, kind, render(t, kind, "csv", "en", base))
		if got, want := len(rows)-1, len(base.Recs); got != want {
			t.Errorf("%s CSV: %d rows, want one per measure (%d)", kind, got, want)
		}
	}
}

func TestJSONIsTheFullContent(t *testing.T) {
	base := baseline(t)
	var d struct {
		Kind       string `json:"kind"`
		Assessment struct {
			ID string `json:"id"`
		} `json:"assessment"`
		ActionPlan struct {
			Objectives []struct {
				ID      string `json:"id"`
				Actions []struct {
					Measure  string `json:"measure"`
					Start    int    `json:"start_year"`
					End      int    `json:"end_year"`
					Baseline []struct {
						Indicator string   `json:"indicator"`
						Score     *float64 `json:"score"`
					} `json:"baseline"`
				} `json:"actions"`
			} `json:"objectives"`
			Annex []struct {
				Measure string `json:"measure"`
			} `json:"annex"`
		} `json:"action_plan"`
	}
	if err := json.Unmarshal(render(t, reports.KindActionPlan, "json", "fr", base), &d); err != nil {
		t.Fatal(err)
	}
	if d.Kind != reports.KindActionPlan || d.Assessment.ID != baseID {
		t.Fatalf("kind %q, assessment %q", d.Kind, d.Assessment.ID)
	}
	tpl := base.Content.Rules.Plan
	n := 0
	for _, o := range d.ActionPlan.Objectives {
		for _, a := range o.Actions {
			n++
			m := base.Content.Rules.Measure(a.Measure)
			if m == nil {
				t.Fatalf("unknown measure %s", a.Measure)
			}
			sec := base.Content.Q.Question(m.Indicators[0]).Section.ID
			if obj := tpl.ObjectiveFor(sec); obj == nil || obj.ID != o.ID {
				t.Errorf("measure %s (section %s) is filed under objective %s", a.Measure, sec, o.ID)
			}
			ph := tpl.Phase(m.Horizon)
			if a.Start != ph.From || a.End != ph.To {
				t.Errorf("measure %s (%s): years %d–%d, want %d–%d", a.Measure, m.Horizon, a.Start, a.End, ph.From, ph.To)
			}
			for _, b := range a.Baseline {
				ir := base.Score.Indicator(b.Indicator)
				if (ir.Score == nil) != (b.Score == nil) || (ir.Score != nil && *ir.Score != *b.Score) {
					t.Errorf("measure %s: baseline of %s is not the indicator's current score", a.Measure, b.Indicator)
				}
			}
		}
	}
	if n+len(d.ActionPlan.Annex) != len(base.Recs) || n > tpl.MaxActions {
		t.Errorf("the plan has %d actions and %d in the annex, want every triggered measure (%d), at most %d in the plan", n, len(d.ActionPlan.Annex), len(base.Recs), tpl.MaxActions)
	}
}

func TestActivityMonths(t *testing.T) {
	for _, d := range []int{1, 2, 6, 12, 18, 24} {
		for n := 1; n <= 9; n++ {
			for i := 0; i < n; i++ {
				s, e := reports.ActivityMonths(i, n, d)
				if s < 1 || e > d || s > e {
					t.Errorf("ActivityMonths(%d, %d, %d) = %d, %d", i, n, d, s, e)
				}
			}
		}
	}
}

func TestPilotSelection(t *testing.T) {
	base := baseline(t)
	r := base.Content.Rules
	p, anchor, err := reports.SelectPilot(r, base.Recs, "")
	if err != nil {
		t.Fatal(err)
	}
	// The anchor is the highest-ranked triggered measure that a template holds.
	var want string
	for _, rec := range base.Recs {
		if slices.Contains(reports.PilotMeasures(r), rec.Measure.ID) {
			want = rec.Measure.ID
			break
		}
	}
	if anchor != want || !slices.Contains(p.Measures, anchor) {
		t.Errorf("default pilot anchor %s (template %s), want %s", anchor, p.ID, want)
	}
	if _, a, err := reports.SelectPilot(r, base.Recs, "health_convention"); err != nil || a != "health_convention" {
		t.Errorf("--measure health_convention: anchor %q, err %v", a, err)
	}
	for _, bad := range []string{"nope", "adopt_plan"} {
		if _, _, err := reports.SelectPilot(r, base.Recs, bad); err == nil || !errors.Is(err, reports.ErrInput) {
			t.Errorf("--measure %s: want an input error, got %v", bad, err)
		}
	}
	if _, _, err := reports.SelectPilot(r, nil, ""); err == nil || !errors.Is(err, reports.ErrInput) {
		t.Errorf("no triggered measure: want an input error, got %v", err)
	}
	d, err := reports.Build(reports.KindPilot, base, reports.Options{Lang: "fr", Generated: genTime, Measure: "health_convention"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Pilot.Anchor.Measure != "health_convention" || d.Pilot.Anchor.Rank != 0 {
		t.Errorf("pilot anchored on %s (rank %d)", d.Pilot.Anchor.Measure, d.Pilot.Anchor.Rank)
	}
}

func TestCompareFollowUp(t *testing.T) {
	base, fu := baseline(t), followUp(t)
	// Given in any order, the baseline comes first.
	d, err := reports.BuildCompare([]*reports.Source{fu, base}, reports.Options{Lang: "en", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Comparison
	if c.Mode != reports.ModeFollowUp || c.Columns[0].ID != baseID || c.Columns[1].ID != followID {
		t.Fatalf("mode %s, order %s, %s", c.Mode, c.Columns[0].ID, c.Columns[1].ID)
	}
	for _, row := range c.Indicators {
		b, f := base.Score.Indicator(row.ID), fu.Score.Indicator(row.ID)
		if b.Score == nil || f.Score == nil {
			if row.Delta != nil {
				t.Errorf("%s: a delta without two scores", row.ID)
			}
			continue
		}
		if row.Delta == nil || *row.Delta != engine.Round1(*f.Score-*b.Score) {
			t.Errorf("%s: delta %v, want %v", row.ID, row.Delta, *f.Score-*b.Score)
		}
	}
	fired := func(s *reports.Source, id string) bool {
		for _, r := range s.Recs {
			if r.Measure.ID == id {
				return true
			}
		}
		return false
	}
	var resolved []string
	for _, m := range c.Resolved {
		resolved = append(resolved, m.Measure)
		if !fired(base, m.Measure) || fired(fu, m.Measure) {
			t.Errorf("%s listed as no longer triggered", m.Measure)
		}
	}
	if !slices.Contains(resolved, "adopt_plan") {
		t.Errorf("adopt_plan (plan now adopted) should be no longer triggered; got %v", resolved)
	}
	// Unrelated assessments: side by side, no delta.
	other := load(t, "01JPSOUSS00000000000000000", "souss-massa", "2025-baseline", answerSet{"followup-answers.yaml", "H. Amrani", t0})
	d, err = reports.BuildCompare([]*reports.Source{base, other}, reports.Options{Lang: "fr", Generated: genTime})
	if err != nil {
		t.Fatal(err)
	}
	if d.Comparison.Mode != reports.ModeRegions || d.Comparison.Overall.Delta != nil {
		t.Errorf("regions: mode %s, delta %v", d.Comparison.Mode, d.Comparison.Overall.Delta)
	}
	if _, err := reports.BuildCompare([]*reports.Source{base}, reports.Options{Lang: "fr"}); err == nil {
		t.Errorf("comparing one assessment should fail")
	}
	if _, err := reports.BuildCompare([]*reports.Source{base, base}, reports.Options{Lang: "fr"}); err == nil {
		t.Errorf("comparing an assessment with itself should fail")
	}
}

func TestBadInput(t *testing.T) {
	base := baseline(t)
	if _, err := reports.Build(reports.KindDiagnostic, base, reports.Options{Lang: "de"}); err == nil || !errors.Is(err, reports.ErrInput) {
		t.Errorf("language de: %v", err)
	}
	if _, err := reports.Build("briefing", base, reports.Options{Lang: "fr"}); err == nil || !errors.Is(err, reports.ErrInput) {
		t.Errorf("kind briefing: %v", err)
	}
	d, _ := reports.Build(reports.KindDiagnostic, base, reports.Options{Lang: "fr"})
	if _, err := reports.Render(d, "pdf"); err == nil || !errors.Is(err, reports.ErrInput) {
		t.Errorf("format pdf: %v", err)
	}
}

// The SNIA programmes' names come from the content's reference tables; a
// programme marked verified: false is shown with the unverified note, in
// every language, wherever the plan names it.
func TestUnverifiedProgrammeNames(t *testing.T) {
	base := baseline(t)
	refs := base.Content.Refs
	for _, lang := range reports.Languages {
		out := string(render(t, reports.KindActionPlan, "md", lang, base))
		// Arabic documents isolate codes and numbers (FSI … PDI in Markdown).
		if !strings.Contains(out, i18n.IsolateFor(lang, refs.SNIALabel("P1", lang))) {
			t.Errorf("%s: P1 is not shown as %q", lang, refs.SNIALabel("P1", lang))
		}
		if strings.Contains(out, refs.UnverifiedNote.Get(lang)) {
			t.Errorf("%s: the unverified note is shown though every name is verified", lang)
		}
	}
	// The same content with every programme's name marked unverified.
	files, err := app.DirFiles(filepath.Join("..", "examples", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	ref := string(files[engine.ReferencesFile])
	marked := regexp.MustCompile(`(?m)^  - code: (P[0-9]+)$`).ReplaceAllString(ref, "  - code: $1\n    verified: false")
	if marked == ref {
		t.Fatal("the sample's references list no P programme")
	}
	files[engine.ReferencesFile] = []byte(marked)
	c, err := engine.LoadFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	l := loadLoaded(t, baseID, "oriental", "2025-baseline", answerSet{"sample-answers.yaml", "A. Benali", t0})
	l.Content = c
	l.Rebuild()
	src := l.ReportSource()
	for _, lang := range reports.Languages {
		out := string(render(t, reports.KindActionPlan, "md", lang, src))
		note := c.Refs.UnverifiedNote.Get(lang)
		if note == "" || !strings.Contains(out, i18n.IsolateFor(lang, c.Refs.SNIALabel("P1", lang))) || !strings.Contains(c.Refs.SNIALabel("P1", lang), "("+note+")") {
			t.Errorf("%s: an unverified P1 is not shown as %q", lang, c.Refs.SNIALabel("P1", lang))
		}
	}
}

var rawHTML = regexp.MustCompile(`(^|[^\\])<(script|img|b>|i>)`)

var keyUse = regexp.MustCompile(`(?:\bt|\.t|tr\((?:lang|w\.lang|d\.Lang),)\s*\(?\s*"([a-z_]+(?:\.[a-z_0-9-]+)*)"`)

// Every report string is written in French, Arabic and English.
func TestStringsInThreeLanguages(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(data), -1) {
			if !strings.HasSuffix(m[1], ".") {
				used["rp."+m[1]] = true
			}
		}
	}
	// Keys built at run time.
	for _, k := range reports.Kinds {
		used["rp.title."+k] = true
	}
	used["rp.title.compare"] = true
	for _, s := range []string{"draft", "in_review", "validated"} {
		used["rp.status."+s] = true
	}
	for _, s := range []string{engine.StatusAnswered, engine.StatusDontKnow, engine.StatusNotApplicable, engine.StatusSkipped, engine.StatusUnanswered} {
		used["rp.istatus."+s] = true
	}
	for _, h := range engine.Horizons {
		used["rp.horizon."+h] = true
		used["rp.horizon_short."+h] = true
	}
	for _, st := range append([]string{"proposed"}, reports.PlanStatuses...) {
		used["rp.plan_status."+st] = true
	}
	for _, v := range []string{reports.VerdictImproved, reports.VerdictUnchanged, reports.VerdictWorse, reports.VerdictNotMeasured} {
		used["rp.verdict."+v] = true
	}
	for _, src := range []string{engine.SourceConsensus, engine.SourceMedian, engine.SourceSingle, engine.SourceLatest} {
		used["rp.source."+src] = true
	}
	for _, c := range engine.CostClasses {
		used["rp.cost."+c] = true
	}
	for _, f := range engine.PriorityFactorNames {
		used["rp.factor."+f] = true
	}
	for _, v := range []string{"mgi", "snia", "mipex"} {
		used["rp.view."+v] = true
	}
	var keys []string
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, k := range keys {
		for _, lang := range reports.Languages {
			if !i18n.Has(lang, k) {
				t.Errorf("%s has no %s text", k, lang)
			}
		}
	}
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "rp.") {
			for _, lang := range reports.Languages {
				if !i18n.Has(lang, k) {
					t.Errorf("%s has no %s text", k, lang)
				}
			}
		}
	}
}
