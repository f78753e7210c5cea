package reports_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/reports"
	xhtml "golang.org/x/net/html"
)

// A partial assessment is provisional in every kind and format, and it
// never compares as better than a complete one.
func TestProvisionalInEveryKind(t *testing.T) {
	part, base := partial(t), baseline(t)
	if !part.Score.Provisional || base.Score.Provisional {
		t.Fatalf("fixture: partial provisional %v, baseline provisional %v", part.Score.Provisional, base.Score.Provisional)
	}
	banner := map[string]string{"fr": "Résultats provisoires", "ar": "نتائج مؤقتة", "en": "Provisional results"}
	for _, kind := range reports.Kinds {
		for _, lang := range reports.Languages {
			for _, format := range []string{"md", "html", "json"} {
				out := string(render(t, kind, format, lang, part))
				if !strings.Contains(out, banner[lang]) {
					t.Errorf("%s %s %s: no provisional banner", kind, lang, format)
				}
				// The unanswered indicator (desk) is listed.
				if !strings.Contains(out, "desk") {
					t.Errorf("%s %s %s: the unanswered question desk is not listed", kind, lang, format)
				}
				if full := string(render(t, kind, format, lang, base)); strings.Contains(full, banner[lang]) {
					t.Errorf("%s %s %s: a complete assessment is marked provisional", kind, lang, format)
				}
			}
		}
	}
	// The diagnostic greys the overall score instead of giving its band.
	html := string(render(t, reports.KindDiagnostic, "html", "fr", part))
	if !strings.Contains(html, `class="overall provisional-score"`) || !strings.Contains(html, "provisoire, couverture 50 %") {
		t.Error("the provisional diagnostic does not grey its overall score")
	}
	// Compare: the complete assessment comes first and the provisional
	// overall score is withheld, in whatever order they are given.
	for _, order := range [][]*reports.Source{{part, base}, {base, part}} {
		d, err := reports.BuildCompare(order, reports.Options{Lang: "fr", Generated: genTime})
		if err != nil {
			t.Fatal(err)
		}
		cm := d.Comparison
		if cm.Columns[0].ID != base.Assessment.ID || !cm.Provisional[1] || cm.Provisional[0] {
			t.Fatalf("compare order: %s first, provisional %v", cm.Columns[0].ID, cm.Provisional)
		}
		if cm.Overall.Values[0] == nil || cm.Overall.Values[1] != nil || len(cm.Warnings) == 0 {
			t.Fatalf("compare overall: %v, warnings %v", cm.Overall.Values, cm.Warnings)
		}
	}
}

// isolated walks an Arabic HTML document and reports every Latin letter or
// ASCII digit that is neither inside <bdi> or an element with dir="ltr" or
// dir="auto" (both isolated by the browser), nor (in
// SVG and <title>, where <bdi> cannot go) between FSI and PDI.
func isolated(t *testing.T, name string, doc []byte) {
	t.Helper()
	root, err := xhtml.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	bad := 0
	var walk func(n *xhtml.Node, safe, isolates bool)
	walk = func(n *xhtml.Node, safe, isolates bool) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "style", "script", "head":
				if n.Data != "head" {
					return
				}
			case "bdi":
				safe = true
			case "svg", "title":
				isolates = true
			}
			for _, a := range n.Attr {
				if a.Key == "dir" && (a.Val == "ltr" || a.Val == "auto") {
					safe = true
				}
			}
		}
		if n.Type == xhtml.TextNode && !safe {
			depth := 0
			for _, r := range n.Data {
				switch {
				case string(r) == i18n.FSI || r == '\u2066' || r == '\u2067':
					depth++
				case string(r) == i18n.PDI:
					depth--
				case (r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r))) && !(isolates && depth > 0):
					if bad < 5 {
						t.Errorf("%s: %q is not isolated in %q", name, r, n.Data)
					}
					bad++
				}
				if depth > 0 && !isolates {
					// FSI outside SVG: fine too, but our HTML uses <bdi>.
					continue
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, safe, isolates)
		}
	}
	walk(root, false, false)
	if bad > 0 {
		t.Errorf("%s: %d characters of left-to-right runs not isolated", name, bad)
	}
}

// The Arabic HTML of every kind isolates its left-to-right runs; the Arabic
// Markdown puts them between FSI and PDI.
func TestArabicDocumentsIsolateLeftToRightRuns(t *testing.T) {
	base := baseline(t)
	docs := map[string][]byte{}
	for _, kind := range reports.Kinds {
		src := base
		if kind == reports.KindDivergence {
			src = workshop(t)
		}
		docs[kind+".html"] = render(t, kind, "html", "ar", src)
		docs[kind+".md"] = render(t, kind, "md", "ar", src)
		docs[kind+"-provisional.html"] = render(t, kind, "html", "ar", partial(t))
	}
	other := load(t, "01JPSOUSS00000000000000000", "souss-massa", "2025-baseline", answerSet{"followup-answers.yaml", "H. Amrani", t0})
	docs["compare.html"] = renderCompare(t, "html", "ar", base, other)
	docs["compare-followup.html"] = renderCompare(t, "html", "ar", base, followUp(t))
	docs["compare.md"] = renderCompare(t, "md", "ar", base, other)
	for name, doc := range docs {
		if strings.HasSuffix(name, ".html") {
			isolated(t, name, doc)
			if !bytes.Contains(doc, []byte(`<bdi dir="ltr">`)) {
				t.Errorf("%s: no <bdi> at all", name)
			}
			continue
		}
		depth := 0
		for _, r := range string(doc) {
			switch {
			case string(r) == i18n.FSI || r == '\u2066' || r == '\u2067': // FSI, LRI, RLI
				depth++
			case string(r) == i18n.PDI:
				depth--
			case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) && depth == 0:
				t.Errorf("%s: %q outside an isolate", name, r)
				return
			}
		}
	}
	// An SDG target reads 5.c, a percentage 3 %: each run is kept whole, left to right.
	out := string(reports.IsolateHTML([]byte("<p>الغاية 5.c و 3 % و <code>gap * competence_weight * (aligned ? 1 : 0)</code></p>")))
	for _, want := range []string{`<bdi dir="ltr">5.c</bdi>`, `<bdi dir="ltr">3 %</bdi>`, `<bdi dir="ltr">gap * competence_weight * (aligned ? 1 : 0)</bdi>`} {
		if !strings.Contains(out, want) {
			t.Errorf("IsolateHTML: no %s in %s", want, out)
		}
	}
	// French documents are left as they are.
	if fr := render(t, reports.KindDiagnostic, "html", "fr", base); bytes.Contains(fr, []byte("<bdi>gov")) {
		t.Error("the French HTML was isolated")
	}
}

// Every pilot, rendered for each of the 12 regions in every language, names
// no other region (nor its main places): region-specific sentences are
// conditional on the region.
func TestPilotNamesOnlyItsRegion(t *testing.T) {
	c, err := app.LoadContent("")
	if err != nil {
		t.Fatal(err)
	}
	st := engine.NewState(c.Q)
	for _, qu := range c.Q.Indicators() {
		if st.Relevant(qu.ID) {
			_ = st.Set(qu.ID, "absent")
		}
	}
	sc := engine.Score(st, c.Rules.Policy)
	recs := engine.Recommend(st, sc, c.Rules)
	places := map[string][]string{}
	for _, r := range c.Refs.Regions {
		for _, n := range r.Name {
			n = strings.TrimPrefix(strings.TrimPrefix(n, "L'"), "جهة ")
			places[r.Code] = append(places[r.Code], n)
		}
	}
	places["oriental"] = append(places["oriental"], "Oriental", "الشرق", "Oujda", "وجدة", "Nador", "الناظور")
	places["souss-massa"] = append(places["souss-massa"], "Souss", "سوس", "Agadir", "أكادير")
	places["tanger-tetouan-al-hoceima"] = append(places["tanger-tetouan-al-hoceima"], "Tanger", "Tangier", "طنجة", "Tétouan", "الحسيمة")
	rendered := 0
	for _, p := range c.Rules.Pilots {
		for _, reg := range c.Refs.Regions {
			src := &reports.Source{Assessment: &reports.Assessment{ID: "01JPPILOT0000000000000000" + string(rune('A'+rendered%26)), Region: reg.Code, Round: "r1", Status: "draft"},
				Content: c, State: st, Score: sc, Recs: recs}
			for _, lang := range reports.Languages {
				d, err := reports.Build(reports.KindPilot, src, reports.Options{Lang: lang, Generated: genTime, Measure: p.Measures[0]})
				if err != nil {
					t.Fatal(err)
				}
				out := string(reports.Markdown(d))
				// Strip the isolates so that names are found whole.
				out = strings.NewReplacer(i18n.FSI, "", i18n.PDI, "").Replace(out)
				rendered++
				for other, names := range places {
					if other == reg.Code {
						continue
					}
					for _, n := range names {
						if strings.Contains(out, n) {
							t.Errorf("pilot %s for %s (%s) names %q, a place of %s", p.ID, reg.Code, lang, n, other)
						}
					}
				}
				for _, rt := range p.Regional {
					for _, own := range rt.Regions {
						if own == reg.Code && !strings.Contains(out, strings.Fields(rt.Summary.Get(lang))[2]) {
							t.Errorf("pilot %s for %s (%s) lacks its regional sentence", p.ID, reg.Code, lang)
						}
					}
				}
			}
		}
	}
	if rendered != len(c.Rules.Pilots)*12*3 {
		t.Fatalf("%d pilots rendered", rendered)
	}
}
