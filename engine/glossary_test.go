package engine_test

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// glossaryTerm is one entry of docs/glossary.yaml.
type glossaryTerm struct {
	ID         string              `yaml:"id"`
	FR         string              `yaml:"fr"`
	AR         string              `yaml:"ar"`
	EN         string              `yaml:"en"`
	ContextFR  []string            `yaml:"context_fr"`
	FRMatch    []string            `yaml:"fr_match"`
	ARRequired []string            `yaml:"ar_required"`
	Forbidden  map[string][]string `yaml:"forbidden"`
}

func loadGlossary(t *testing.T) []glossaryTerm {
	t.Helper()
	data, err := os.ReadFile("../docs/glossary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Terms []glossaryTerm `yaml:"terms"`
	}
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatalf("docs/glossary.yaml: %v", err)
	}
	if len(g.Terms) < 10 {
		t.Fatalf("docs/glossary.yaml has %d terms", len(g.Terms))
	}
	return g.Terms
}

// placedText is a text of the content or of the interface, with where it is.
type placedText struct {
	where string
	tx    engine.Text
}

var textType = reflect.TypeFor[engine.Text]()

// contentTexts walks every engine.Text reachable from the content (the
// questionnaire, measures, pilots, policy), so that fields added later are
// checked too.
func contentTexts(c *engine.Content) []placedText {
	var out []placedText
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem(), path)
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			if !strings.HasPrefix(v.Type().PkgPath(), "github.com/indimaj/indimaj/engine") {
				return // compiled expressions and other libraries' values hold no content text
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				name := path + "." + f.Name
				if id := v.FieldByName("ID"); id.IsValid() && id.Kind() == reflect.String && id.String() != "" {
					name = path + "[" + id.String() + "]." + f.Name
				}
				walk(v.Field(i), name)
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Map:
			if v.Type() == textType {
				tx := engine.Text{}
				for _, k := range v.MapKeys() {
					tx[k.String()] = v.MapIndex(k).String()
				}
				out = append(out, placedText{path, tx})
				return
			}
			keys := v.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
			for _, k := range keys {
				walk(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k))
			}
		}
	}
	walk(reflect.ValueOf(c.Q), "questionnaire")
	walk(reflect.ValueOf(c.Rules), "rules")
	return out
}

func messageTexts() []placedText {
	var out []placedText
	for _, k := range i18n.Keys() {
		tx := engine.Text{}
		for _, l := range i18n.Languages {
			if i18n.Has(l, k) {
				tx[l] = i18n.T(l, k)
			}
		}
		out = append(out, placedText{"message " + k, tx})
	}
	return out
}

// glossaryProblems lists the texts that break the glossary, and counts how
// many texts each term with fr_match applied to.
func glossaryProblems(terms []glossaryTerm, texts []placedText) ([]string, map[string]int) {
	containsAny := func(s string, subs []string) bool {
		low := strings.ToLower(s)
		for _, x := range subs {
			if strings.Contains(low, strings.ToLower(x)) {
				return true
			}
		}
		return false
	}
	var probs []string
	checked := map[string]int{}
	for _, pt := range texts {
		fr := pt.tx["fr"]
		for _, term := range terms {
			if len(term.ContextFR) == 0 || containsAny(fr, term.ContextFR) {
				for _, lang := range []string{"fr", "ar", "en"} {
					for _, v := range term.Forbidden[lang] {
						if strings.Contains(strings.ToLower(pt.tx[lang]), strings.ToLower(v)) {
							probs = append(probs, fmt.Sprintf("%s (%s): %q is not the glossary's term for %q (%s)", pt.where, lang, v, term.FR, term.AR))
						}
					}
				}
			}
			if len(term.FRMatch) > 0 && containsAny(fr, term.FRMatch) && pt.tx["ar"] != "" {
				checked[term.ID]++
				if !containsAny(pt.tx["ar"], term.ARRequired) {
					probs = append(probs, fmt.Sprintf("%s: the French says %q, the Arabic lacks %q: %q", pt.where, term.FR, term.AR, pt.tx["ar"]))
				}
			}
		}
	}
	return probs, checked
}

// TestContentFollowsGlossary checks every text of the embedded content and
// every interface message against docs/glossary.yaml: no forbidden variant
// (« délibération » is مقرر, never مداولة; shelter places are أماكن الإيواء,
// never مقاعد), and the fixed Arabic term wherever the French uses the term.
func TestContentFollowsGlossary(t *testing.T) {
	terms := loadGlossary(t)
	texts := append(contentTexts(loadEmbedded(t)), messageTexts()...)
	if len(texts) < 2000 {
		t.Fatalf("only %d texts found: the walk misses content", len(texts))
	}
	probs, checked := glossaryProblems(terms, texts)
	for _, p := range probs {
		t.Error(p)
	}
	for _, term := range terms {
		if len(term.FRMatch) > 0 && checked[term.ID] == 0 {
			t.Errorf("glossary term %s: no text uses it, so the check proves nothing", term.ID)
		}
	}
}

// TestGlossaryDocumented keeps docs/GLOSSARY.md in step with the YAML the
// test reads: each term is in the table in the three languages.
func TestGlossaryDocumented(t *testing.T) {
	md, err := os.ReadFile("../docs/GLOSSARY.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range loadGlossary(t) {
		for _, s := range []string{term.FR, term.AR, term.EN} {
			if !strings.Contains(string(md), s) {
				t.Errorf("docs/GLOSSARY.md lacks %q (term %s)", s, term.ID)
			}
		}
	}
}

// TestGlossaryCatchesVariants makes sure the check bites: the variants the
// issue found (مداولة for « délibération », مقاعد for shelter places) and an
// Arabic text that drops the fixed term are reported.
func TestGlossaryCatchesVariants(t *testing.T) {
	terms := loadGlossary(t)
	bad := []placedText{
		{"a", engine.Text{"fr": "Plan adopté par délibération", "ar": "مخطط مصادق عليه بمداولة", "en": "Plan adopted by deliberation"}},
		{"b", engine.Text{"fr": "Convention avec des places d'hébergement", "ar": "اتفاقية مع مقاعد مخصصة", "en": "Agreement with shelter places"}},
		{"c", engine.Text{"fr": "Cours avec des places réservées", "ar": "دروس مع مقاعد مخصصة", "en": "Courses with places"}},
	}
	probs, _ := glossaryProblems(terms, bad)
	joined := strings.Join(probs, "\n")
	for _, want := range []string{"a (ar): \"مداولة\"", "b (ar): \"مقاعد\"", "b: the French says \"places d'hébergement\""} {
		if !strings.Contains(joined, want) {
			t.Errorf("no problem %q reported; got:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "c (ar)") {
		t.Errorf("seats in a course are not shelter places; got:\n%s", joined)
	}
}
