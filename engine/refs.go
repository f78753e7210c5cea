package engine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// ReferencesFile is the content file that holds the reference tables
// (regions, SNIA programmes, MGI, MIPEX, competences, GCM, SDG). Every content
// set has one.
const ReferencesFile = "rules/references.yaml"

// Region is one of Morocco's 12 regions (2015 division).
type Region struct {
	Code  string
	Name  Text
	Pilot bool // one of the three pilot regions, listed first
}

// Ref is one code of a reference table with its name.
type Ref struct {
	Code string
	Name Text
	// Unverified marks a name that could not be checked against its source
	// (SNIA programmes only): it is shown followed by the unverified note.
	Unverified bool
}

// References holds the reference tables of a content set, in file order.
type References struct {
	Regions     []Region
	SNIA        []Ref // the strategy's programmes, then other strategies (SNMRE)
	MGI         []Ref
	MIPEX       []Ref
	Competences []Ref
	// Modalities are the ways a council acts on a matter (direct, convention,
	// advocacy), kept apart from the kinds of competence. Optional table.
	Modalities []Ref
	// Sources are the reference documents measures may cite (the ICMD guide,
	// the INDIMAJ-Oriental study…). Optional table.
	Sources []Ref
	GCM     []Ref // Code is the objective's number ("1" … "23")
	SDG     []Ref // Code is the goal's number ("1" … "17")
	// UnverifiedNote follows the name of an unverified SNIA programme.
	UnverifiedNote Text
}

// Region returns the region with that code, or nil.
func (r *References) Region(code string) *Region {
	for i := range r.Regions {
		if r.Regions[i].Code == code {
			return &r.Regions[i]
		}
	}
	return nil
}

// RegionCodes lists the region codes in display order.
func (r *References) RegionCodes() []string {
	out := make([]string, len(r.Regions))
	for i, reg := range r.Regions {
		out[i] = reg.Code
	}
	return out
}

// RegionName returns the region's name in lang, or the code when unknown.
func (r *References) RegionName(code, lang string) string {
	if reg := r.Region(code); reg != nil {
		return reg.Name.Get(lang)
	}
	return code
}

func find(list []Ref, code string) *Ref {
	for i := range list {
		if list[i].Code == code {
			return &list[i]
		}
	}
	return nil
}

func codes(list []Ref) []string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.Code
	}
	return out
}

// label names a code in lang ("" when unknown), with the unverified note.
func (r *References) label(list []Ref, code, lang string) string {
	ref := find(list, code)
	if ref == nil {
		return ""
	}
	s := ref.Name.Get(lang)
	if ref.Unverified {
		s += " (" + r.UnverifiedNote.Get(lang) + ")"
	}
	return s
}

// SNIACodes lists the SNIA codes in file order (the programmes, then SNMRE).
func (r *References) SNIACodes() []string { return codes(r.SNIA) }

// MGICodes lists the MGI dimension codes in order.
func (r *References) MGICodes() []string { return codes(r.MGI) }

// MIPEXCodes lists the MIPEX area codes in order.
func (r *References) MIPEXCodes() []string { return codes(r.MIPEX) }

// CompetenceCodes lists the competence codes in order.
func (r *References) CompetenceCodes() []string { return codes(r.Competences) }

// ModalityCodes lists the modality codes in order.
func (r *References) ModalityCodes() []string { return codes(r.Modalities) }

// IsModality reports whether code is a listed modality of action.
func (r *References) IsModality(code string) bool { return find(r.Modalities, code) != nil }

// ModalityLabel names a modality of action in lang ("" when unknown).
func (r *References) ModalityLabel(code, lang string) string {
	return r.label(r.Modalities, code, lang)
}

// SourceCodes lists the codes of the reference documents in order.
func (r *References) SourceCodes() []string { return codes(r.Sources) }

// IsSource reports whether code is a listed reference document.
func (r *References) IsSource(code string) bool { return find(r.Sources, code) != nil }

// SourceLabel names a reference document in lang ("" when unknown).
func (r *References) SourceLabel(code, lang string) string { return r.label(r.Sources, code, lang) }

// IsSNIA reports whether code is a listed SNIA programme (or strategy).
func (r *References) IsSNIA(code string) bool { return find(r.SNIA, code) != nil }

// IsMGI reports whether code is a listed MGI dimension.
func (r *References) IsMGI(code string) bool { return find(r.MGI, code) != nil }

// IsMIPEX reports whether code is a listed MIPEX area.
func (r *References) IsMIPEX(code string) bool { return find(r.MIPEX, code) != nil }

// IsCompetence reports whether code is a listed competence.
func (r *References) IsCompetence(code string) bool { return find(r.Competences, code) != nil }

// SNIALabel names a SNIA programme in lang, followed by the unverified note
// when its name is not verified; "" when unknown.
func (r *References) SNIALabel(code, lang string) string { return r.label(r.SNIA, code, lang) }

// MGILabel names an MGI dimension in lang ("" when unknown).
func (r *References) MGILabel(code, lang string) string { return r.label(r.MGI, code, lang) }

// MIPEXLabel names a MIPEX area in lang ("" when unknown).
func (r *References) MIPEXLabel(code, lang string) string { return r.label(r.MIPEX, code, lang) }

// CompetenceLabel names a competence in lang ("" when unknown).
func (r *References) CompetenceLabel(code, lang string) string {
	return r.label(r.Competences, code, lang)
}

// GCMLabel names a GCM objective in lang ("" when unknown).
func (r *References) GCMLabel(n int, lang string) string {
	return r.label(r.GCM, strconv.Itoa(n), lang)
}

// ValidGCM reports whether n is a listed GCM objective.
func (r *References) ValidGCM(n int) bool { return find(r.GCM, strconv.Itoa(n)) != nil }

// ValidSDG reports whether s is an SDG target code such as "10.7" or "16.b"
// of a listed goal.
func (r *References) ValidSDG(s string) bool {
	return sdgTarget.MatchString(s) && find(r.SDG, strconv.Itoa(SDGGoal(s))) != nil
}

// Horizons and cost classes of measures.
var (
	Horizons    = []string{"short", "medium", "long"}
	CostClasses = []string{"low", "medium", "high"}
)

var sdgTarget = regexp.MustCompile(`^([1-9]|1[0-7])\.([1-9][0-9]?|[a-d])$`)

// SDGGoal returns the goal number of a target ("10.7" → 10).
func SDGGoal(t string) int {
	n, _ := strconv.Atoi(strings.SplitN(t, ".", 2)[0])
	return n
}

func known[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The raw form of the references file.
type rawReferences struct {
	At             ydoc.Pos    `yaml:"-"`
	Regions        []rawRegion `yaml:"regions"`
	UnverifiedNote *ydoc.Node  `yaml:"unverified_note"`
	SNIA           []rawRef    `yaml:"snia"`
	MGI            []rawRef    `yaml:"mgi"`
	MIPEX          []rawRef    `yaml:"mipex"`
	Competences    []rawRef    `yaml:"competences"`
	Modalities     []rawRef    `yaml:"modalities"`
	Sources        []rawRef    `yaml:"sources"`
	GCM            []rawNumRef `yaml:"gcm"`
	SDG            []rawGoal   `yaml:"sdg"`
}

type rawRegion struct {
	At    ydoc.Pos   `yaml:"-"`
	Code  ydoc.Str   `yaml:"code"`
	Pilot bool       `yaml:"pilot"`
	Name  *ydoc.Node `yaml:"name"`
}

type rawRef struct {
	At       ydoc.Pos   `yaml:"-"`
	Code     ydoc.Str   `yaml:"code"`
	Name     *ydoc.Node `yaml:"name"`
	Verified *bool      `yaml:"verified"`
}

type rawNumRef struct {
	At     ydoc.Pos   `yaml:"-"`
	Number ydoc.Num   `yaml:"number"`
	Name   *ydoc.Node `yaml:"name"`
}

type rawGoal struct {
	At   ydoc.Pos   `yaml:"-"`
	Goal ydoc.Num   `yaml:"goal"`
	Name *ydoc.Node `yaml:"name"`
}

var regionCode = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// references loads the reference tables. Their names are given in every
// language of the tool (fr, ar, en), whatever the questionnaire's languages.
// It returns nil when the file is missing or unreadable (the code checks that
// depend on it are then skipped, so they do not echo the one problem).
func (l *loader) references() *References {
	name := ReferencesFile
	data, ok := l.files[name]
	if !ok {
		l.errs.Add(ydoc.Pos{File: name}, "missing: every content set has the reference tables (regions, snia, mgi, mipex, competences, gcm, sdg); start from the built-in one (indimaj's rules/references.yaml)")
		return nil
	}
	root, err := ydoc.Parse(name, data)
	if err != nil {
		l.addErr(err)
		return nil
	}
	ydoc.CheckText(root, &l.errs)
	if root.Kind != ydoc.Map {
		l.errs.Add(root.Pos, "expected the reference tables (regions, snia, mgi, mipex, competences, gcm, sdg), got %s", root.Kind)
		return nil
	}
	var rr rawReferences
	before := len(l.errs)
	ydoc.Decode(root, &rr, &l.errs)
	saved := l.languages
	l.languages = knownLanguages
	defer func() { l.languages = saved }()

	r := &References{}
	seen := map[string]ydoc.Pos{}
	for _, rg := range rr.Regions {
		switch {
		case rg.Code.V == "":
			l.errs.Add(rg.At, "a region needs a \"code\"")
			continue
		case !regionCode.MatchString(rg.Code.V):
			l.errs.Add(rg.Code.Pos, "region code %q: use lower-case letters, digits and -", rg.Code.V)
		case seen[rg.Code.V].Line > 0:
			l.errs.Add(rg.Code.Pos, "region %q is listed twice (first at %s)", rg.Code.V, seen[rg.Code.V])
			continue
		}
		seen[rg.Code.V] = rg.Code.Pos
		r.Regions = append(r.Regions, Region{Code: rg.Code.V, Pilot: rg.Pilot, Name: l.text(rg.Name, rg.At, "region "+rg.Code.V+": name", true)})
	}
	if len(rr.Regions) == 0 {
		l.errs.Add(rr.At, "missing \"regions\" (the regions an assessment can be for)")
	}
	r.UnverifiedNote = l.text(rr.UnverifiedNote, rr.At, "unverified_note", true)
	table := func(list []rawRef, key, what string, verifiable bool) []Ref {
		var out []Ref
		seen := map[string]ydoc.Pos{}
		for _, x := range list {
			switch {
			case x.Code.V == "":
				l.errs.Add(x.At, "%s: an entry needs a \"code\"", key)
				continue
			case !codePattern.MatchString(x.Code.V):
				l.errs.Add(x.Code.Pos, "%s: code %q: use letters, digits, _, - and .", key, x.Code.V)
			case seen[x.Code.V].Line > 0:
				l.errs.Add(x.Code.Pos, "%s: %q is listed twice (first at %s)", key, x.Code.V, seen[x.Code.V])
				continue
			}
			seen[x.Code.V] = x.Code.Pos
			ref := Ref{Code: x.Code.V, Name: l.text(x.Name, x.At, key+" "+x.Code.V+": name", true)}
			if x.Verified != nil {
				if !verifiable {
					l.errs.Add(x.At, "%s %s: \"verified\" is for SNIA programmes", key, x.Code.V)
				} else {
					ref.Unverified = !*x.Verified
				}
			}
			out = append(out, ref)
		}
		if len(list) == 0 && what != "" {
			l.errs.Add(rr.At, "missing %q (%s)", key, what)
		}
		return out
	}
	r.SNIA = table(rr.SNIA, "snia", "the SNIA programmes measures serve", true)
	r.MGI = table(rr.MGI, "mgi", "the MGI dimensions", false)
	r.MIPEX = table(rr.MIPEX, "mipex", "the MIPEX policy areas", false)
	r.Competences = table(rr.Competences, "competences", "the kinds of regional competence", false)
	r.Modalities = table(rr.Modalities, "modalities", "", false) // optional
	r.Sources = table(rr.Sources, "sources", "", false)          // optional
	numbered := func(at ydoc.Pos, n ydoc.Num, name *ydoc.Node, key string, hi int, seen map[int]ydoc.Pos) *Ref {
		if !n.Set || n.Null || n.V != float64(int(n.V)) || n.V < 1 || int(n.V) > hi {
			p := n.Pos
			if p.Line == 0 {
				p = at
			}
			l.errs.Add(p, "%s: each entry needs a number from 1 to %d", key, hi)
			return nil
		}
		k := int(n.V)
		if prev := seen[k]; prev.Line > 0 {
			l.errs.Add(n.Pos, "%s: %d is listed twice (first at %s)", key, k, prev)
			return nil
		}
		seen[k] = n.Pos
		return &Ref{Code: strconv.Itoa(k), Name: l.text(name, at, fmt.Sprintf("%s %d: name", key, k), true)}
	}
	seenN := map[int]ydoc.Pos{}
	for _, g := range rr.GCM {
		if ref := numbered(g.At, g.Number, g.Name, "gcm", 23, seenN); ref != nil {
			r.GCM = append(r.GCM, *ref)
		}
	}
	if len(rr.GCM) == 0 {
		l.errs.Add(rr.At, "missing \"gcm\" (the GCM objectives)")
	}
	seenN = map[int]ydoc.Pos{}
	for _, g := range rr.SDG {
		if ref := numbered(g.At, g.Goal, g.Name, "sdg", 17, seenN); ref != nil {
			r.SDG = append(r.SDG, *ref)
		}
	}
	if len(rr.SDG) == 0 {
		l.errs.Add(rr.At, "missing \"sdg\" (the SDG goals)")
	}
	if len(l.errs) > before {
		return nil
	}
	return r
}
