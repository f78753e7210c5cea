package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/indimaj/indimaj/engine/ydoc"
)

var (
	idPattern      = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	qnrIDPattern   = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	codePattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	semverPattern  = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	knownLanguages = []string{"fr", "ar", "en"}
	// Names an id may not take: expression helpers, keywords and builtins.
	reservedNames = map[string]bool{
		"selected": true, "count_selected": true, "answered": true, "score": true, "status": true,
		"coalesce": true, "section": true, "overall": true, "true": true, "false": true, "nil": true,
		"not": true, "and": true, "or": true, "in": true, "matches": true, "contains": true, "let": true,
		"len": true, "all": true, "any": true, "none": true, "one": true, "filter": true, "map": true,
		"count": true, "sum": true, "max": true, "min": true, "abs": true, "int": true, "float": true,
		"string": true, "round": true, "floor": true, "ceil": true, "mean": true, "median": true,
		"if": true, "else": true, "type": true, "first": true, "last": true, "get": true, "keys": true,
		"values": true, "now": true, "date": true, "duration": true, "trim": true, "upper": true,
		"lower": true, "split": true, "join": true, "sort": true, "reduce": true, "find": true,
	}
)

// IsReservedName reports whether an id would clash with an expression helper,
// keyword or builtin (such ids are refused).
func IsReservedName(id string) bool { return reservedNames[id] }

// IsSemver reports whether v is a semantic version such as 1.2.0.
func IsSemver(v string) bool { return semverPattern.MatchString(v) }

// IsChoiceCode reports whether v can be a choice's value.
func IsChoiceCode(v string) bool { return codePattern.MatchString(v) }

// Load reads a content set from fsys: every YAML file under questionnaires/
// and rules/ (other files are ignored), then validates and compiles it.
// Problems are returned all at once as ydoc.Errors, sorted by file and line.
func Load(fsys fs.FS) (*Content, error) {
	files := map[string][]byte{}
	var errs ydoc.Errors
	for _, dir := range []string{"questionnaires", "rules"} {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !isYAML(p) {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[p] = data
			return nil
		})
		if err != nil {
			errs.Add(ydoc.Pos{File: dir}, "cannot read the folder: %v", err)
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return LoadFiles(files)
}

func isYAML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// LoadFiles validates and compiles a content set given as file name → bytes.
// Names are slash-separated and start with questionnaires/ or rules/.
func LoadFiles(files map[string][]byte) (*Content, error) {
	if err := ydoc.CheckSet(files); err != nil {
		return nil, ydoc.Errors{asError(err)}
	}
	l := &loader{files: files}
	c := l.load()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func asError(err error) *ydoc.Error {
	var e *ydoc.Error
	if errors.As(err, &e) {
		return e
	}
	return &ydoc.Error{Msg: err.Error()}
}

// LoadStored loads a content set stored with an assessment or a bundle.
// Content stored before the reference tables became content has no
// ReferencesFile: refs (the built-in file's bytes) stands in for it, and the
// content keeps the Hash and Files it was stored with.
func LoadStored(files map[string][]byte, refs []byte) (*Content, error) {
	if _, ok := files[ReferencesFile]; ok || refs == nil {
		return LoadFiles(files)
	}
	withRefs := make(map[string][]byte, len(files)+1)
	for n, b := range files {
		withRefs[n] = b
	}
	withRefs[ReferencesFile] = refs
	c, err := LoadFiles(withRefs)
	if err != nil {
		return nil, err
	}
	c.Hash, c.Files = Hash(files), files
	return c, nil
}

// Hash returns the content hash of a set of files.
func Hash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

type loader struct {
	files     map[string][]byte
	errs      ydoc.Errors
	languages []string
	q         *Questionnaire
	sets      map[string][]*Choice
	pending   []pendingExpr
	ruleEnv   map[string]any // the trigger environment, built once (compile only reads it)
	ref       *References    // nil when the reference tables are missing or broken
}

func (l *loader) load() *Content {
	var qFiles, rFiles []string
	for name := range l.files {
		if name == ReferencesFile {
			continue
		}
		if strings.HasPrefix(name, "rules/") {
			rFiles = append(rFiles, name)
		} else {
			qFiles = append(qFiles, name)
		}
	}
	sort.Strings(qFiles)
	sort.Strings(rFiles)
	if len(qFiles) == 0 {
		l.errs.Add(ydoc.Pos{File: "questionnaires/"}, "no questionnaire: the folder has no .yaml file")
		return nil
	}

	l.ref = l.references()

	// Sort the questionnaire files into the header and section files.
	var header *ydoc.Node
	sectionFiles := map[string]*rawSectionFile{}
	sectionFileUsed := map[string]bool{}
	for _, name := range qFiles {
		root, err := ydoc.Parse(name, l.files[name])
		if err != nil {
			l.addErr(err)
			continue
		}
		ydoc.CheckText(root, &l.errs)
		switch {
		case root.Kind != ydoc.Map:
			l.errs.Add(root.Pos, "expected a questionnaire (id, version, sections…) or a section file (questionnaire, section), got %s", root.Kind)
		case root.Get("section") != nil:
			var sf rawSectionFile
			ydoc.Decode(root, &sf, &l.errs)
			id := sf.Section.ID.V
			if id == "" {
				// Never listed, so never checked: report it here.
				l.errs.Add(sf.Section.At, "a section needs an \"id\"")
				continue
			}
			if prev, dup := sectionFiles[id]; dup {
				l.errs.Add(sf.Section.ID.Pos, "section %q is already defined in %s", id, prev.At.File)
				continue
			}
			sectionFiles[id] = &sf
		case root.Get("id") != nil || root.Get("sections") != nil:
			if header != nil {
				l.errs.Add(root.Pos, "a second questionnaire header (the first is %s): a content set holds one questionnaire", header.Pos.File)
				continue
			}
			header = root
		default:
			l.errs.Add(root.Pos, "neither a questionnaire header (it has no \"id\") nor a section file (it has no \"section\")")
		}
	}
	if header == nil {
		if len(l.errs) == 0 {
			l.errs.Add(ydoc.Pos{File: qFiles[0], Line: 1, Col: 1}, "no questionnaire header (a file with id, version, languages and sections)")
		}
		return nil
	}
	var rq rawQuestionnaire
	ydoc.Decode(header, &rq, &l.errs)
	q := l.header(&rq)
	l.q = q

	// Sections, inline or from their own files, in the header's order.
	for _, item := range rq.Sections {
		var rs *rawSection
		switch item.Kind {
		case ydoc.Scalar:
			sf, ok := sectionFiles[item.Value]
			if !ok {
				msg := fmt.Sprintf("section %q is listed but no file defines it", item.Value)
				if s := ydoc.Closest(item.Value, known(sectionFiles)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				l.errs.Add(item.Pos, "%s", msg)
				continue
			}
			if sectionFileUsed[item.Value] {
				l.errs.Add(item.Pos, "section %q is listed twice", item.Value)
				continue
			}
			sectionFileUsed[item.Value] = true
			if sf.Questionnaire.V != q.ID {
				l.errs.Add(sf.Questionnaire.Pos, "this section belongs to questionnaire %q, but the header's id is %q", sf.Questionnaire.V, q.ID)
			}
			rs = &sf.Section
		case ydoc.Map:
			rs = &rawSection{}
			ydoc.Decode(item, rs, &l.errs)
		default:
			l.errs.Add(item.Pos, "a section is either written inline (a mapping) or named by its id, got %s", item.Kind)
			continue
		}
		l.section(rs)
	}
	for id, sf := range sectionFiles {
		if !sectionFileUsed[id] {
			l.errs.Add(sf.Section.ID.Pos, "section %q is not listed in the header's sections (%s)", id, header.Pos.File)
		}
	}
	if len(q.Sections) == 0 && len(rq.Sections) == 0 {
		l.errs.Add(rq.At, "the questionnaire has no sections")
	}

	// Compile every expression now that every id and type is known.
	comp := newCompiler(q, &l.errs, l.files)
	l.calculations(comp, rq.Calculate)
	l.compileQuestionnaire(comp, rq)
	q.graph = buildGraph(q, &l.errs)

	rules := l.rules(comp, rFiles)
	return &Content{Q: q, Rules: rules, Refs: l.ref, Hash: Hash(l.files), Files: l.files}
}

func (l *loader) addErr(err error) {
	if e, ok := err.(*ydoc.Error); ok {
		l.errs = append(l.errs, e)
		return
	}
	if es, ok := err.(ydoc.Errors); ok {
		l.errs = append(l.errs, es...)
		return
	}
	l.errs.Add(ydoc.Pos{}, "%v", err)
}

func (l *loader) header(rq *rawQuestionnaire) *Questionnaire {
	q := &Questionnaire{byID: map[string]*Question{}, sectionByID: map[string]*Section{}, calcByID: map[string]*Calc{}}
	l.requireStr(rq.ID, rq.At, "id")
	if rq.ID.V != "" && !qnrIDPattern.MatchString(rq.ID.V) {
		l.errs.Add(rq.ID.Pos, "questionnaire id %q: use lower-case letters, digits, - and _", rq.ID.V)
	}
	q.ID = rq.ID.V
	l.requireStr(rq.Version, rq.At, "version")
	if rq.Version.V != "" && !semverPattern.MatchString(rq.Version.V) {
		l.errs.Add(rq.Version.Pos, "version %q is not a semantic version such as 1.0.0", rq.Version.V)
	}
	q.Version = rq.Version.V
	if len(rq.Languages) == 0 {
		l.errs.Add(rq.At, "missing \"languages\" (a list that contains fr)")
	}
	seen := map[string]bool{}
	for _, lang := range rq.Languages {
		switch {
		case !slices.Contains(knownLanguages, lang.V):
			l.errs.Add(lang.Pos, "unknown language %q (indimaj speaks fr, ar and en)", lang.V)
		case seen[lang.V]:
			l.errs.Add(lang.Pos, "language %q is listed twice", lang.V)
		default:
			seen[lang.V] = true
			q.Languages = append(q.Languages, lang.V)
		}
	}
	if len(rq.Languages) > 0 && !seen["fr"] {
		l.errs.Add(rq.Languages[0].Pos, "languages must include fr (French is the reference language)")
		// Go on as if fr were listed: the fr texts are right, the list is not.
		q.Languages = append([]string{"fr"}, q.Languages...)
	}
	l.languages = q.Languages
	if len(l.languages) == 0 {
		l.languages = []string{"fr"}
	}
	q.Title = l.text(rq.Title, rq.At, "title", true)
	q.Description = l.text(rq.Description, rq.At, "description", false)

	l.sets = map[string][]*Choice{}
	if rq.ChoiceSets != nil && rq.ChoiceSets.Kind != ydoc.Null {
		if rq.ChoiceSets.Kind != ydoc.Map {
			l.errs.Add(rq.ChoiceSets.Pos, "choice_sets: expected a mapping of set names to lists of choices, got %s", rq.ChoiceSets.Kind)
		} else {
			for i, k := range rq.ChoiceSets.Keys {
				if !idPattern.MatchString(k.Value) {
					l.errs.Add(k.Pos, "choice set name %q: use lower-case letters, digits and _", k.Value)
				}
				l.sets[k.Value] = l.choiceList(rq.ChoiceSets.Vals[i], nil, "choice set "+k.Value)
			}
		}
	}
	return q
}

func (l *loader) requireStr(s ydoc.Str, owner ydoc.Pos, key string) {
	if strings.TrimSpace(s.V) == "" {
		p := s.Pos
		if p.Line == 0 {
			p = owner
		}
		l.errs.Add(p, "missing %q", key)
	}
}

// text decodes a multilingual text. Every declared language must be present.
func (l *loader) text(n *ydoc.Node, owner ydoc.Pos, field string, required bool) Text {
	if n == nil || n.Kind == ydoc.Null {
		if required {
			l.errs.Add(owner, "missing %s (a text in %s)", field, strings.Join(l.languages, ", "))
		}
		return nil
	}
	if n.Kind == ydoc.Scalar {
		l.errs.Add(n.Pos, "%s must give a text per language ({fr: …, ar: …, en: …}), got %s", field, ydoc.Describe(n))
		return nil
	}
	if n.Kind != ydoc.Map {
		l.errs.Add(n.Pos, "%s must give a text per language ({fr: …, ar: …, en: …}), got %s", field, n.Kind)
		return nil
	}
	t := Text{}
	for i, k := range n.Keys {
		v := n.Vals[i]
		if !slices.Contains(l.languages, k.Value) {
			l.errs.Add(k.Pos, "%s: language %q is not among the questionnaire's languages (%s)", field, k.Value, strings.Join(l.languages, ", "))
			continue
		}
		if v.Kind != ydoc.Scalar || strings.TrimSpace(v.Value) == "" {
			l.errs.Add(v.Pos, "%s: the %s text is empty", field, k.Value)
			continue
		}
		if k.Value == "ar" && !mostlyArabic(v.Value) {
			l.errs.Add(v.Pos, "%s: the ar text is not written in Arabic script", field)
		}
		t[k.Value] = v.Value
	}
	for _, lang := range l.languages {
		if _, ok := t[lang]; !ok && !hasKey(n, lang) {
			l.errs.Add(n.Pos, "%s: missing %s text (%s)", field, languageName(lang), lang)
		}
	}
	return t
}

func hasKey(n *ydoc.Node, k string) bool { return n.Get(k) != nil }

func languageName(lang string) string {
	switch lang {
	case "fr":
		return "French"
	case "ar":
		return "Arabic"
	case "en":
		return "English"
	}
	return lang
}

// mostlyArabic reports whether at least half of the letters of s are Arabic.
func mostlyArabic(s string) bool {
	var ar, letters int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				ar++
			}
		}
	}
	return letters == 0 || ar*2 >= letters
}

// choiceList decodes a list of choices; {from: NAME} items splice a choice set.
func (l *loader) choiceList(n *ydoc.Node, q *rawQuestion, where string) []*Choice {
	if n.Kind != ydoc.Seq {
		l.errs.Add(n.Pos, "%s: expected a list of choices, got %s", where, ydoc.Describe(n))
		return nil
	}
	var out []*Choice
	seen := map[string]bool{}
	for _, item := range n.Items {
		var rc rawChoice
		ydoc.Decode(item, &rc, &l.errs)
		if item.Kind != ydoc.Map {
			continue
		}
		if rc.From.V != "" {
			if q == nil {
				l.errs.Add(rc.From.Pos, "%s: a choice set cannot include another (from: %s)", where, rc.From.V)
				continue
			}
			if len(item.Keys) > 1 {
				l.errs.Add(rc.At, "%s: an item with \"from\" takes no other key", where)
			}
			set, ok := l.sets[rc.From.V]
			if !ok {
				msg := fmt.Sprintf("unknown choice set %q", rc.From.V)
				if s := ydoc.Closest(rc.From.V, known(l.sets)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				l.errs.Add(rc.From.Pos, "%s", msg)
				continue
			}
			for _, c := range set {
				if seen[c.Value] {
					l.errs.Add(rc.From.Pos, "%s: choice %q appears twice", where, c.Value)
					continue
				}
				seen[c.Value] = true
				out = append(out, c)
			}
			continue
		}
		c := &Choice{Value: rc.Value.V, NoteRequired: rc.NoteRequired}
		switch {
		case rc.Value.V == "":
			l.errs.Add(rc.At, "%s: a choice needs a \"value\" (its code)", where)
		case !codePattern.MatchString(rc.Value.V):
			l.errs.Add(rc.Value.Pos, "%s: choice value %q: use letters, digits, _, - and .", where, rc.Value.V)
		case seen[rc.Value.V]:
			l.errs.Add(rc.Value.Pos, "%s: choice %q appears twice", where, rc.Value.V)
		}
		seen[rc.Value.V] = true
		c.Label = l.text(rc.Label, rc.At, "label", true)
		c.Description = l.text(rc.Description, rc.At, "description", false)
		if rc.Score.Set {
			if rc.Score.Null {
				c.Missing = DontKnow
			} else {
				if rc.Score.V < 0 || rc.Score.V > 100 {
					l.errs.Add(rc.Score.Pos, "%s: score %v is outside 0–100", where, rc.Score.V)
				}
				v := rc.Score.V
				c.Score = &v
			}
		}
		if rc.Missing.V != "" {
			switch {
			case !rc.Score.Set || !rc.Score.Null:
				l.errs.Add(rc.Missing.Pos, "%s: \"missing\" goes with score: null", where)
			case rc.Missing.V != string(DontKnow) && rc.Missing.V != string(NotApplicable):
				l.errs.Add(rc.Missing.Pos, "%s: missing must be dont_know or not_applicable, got %q", where, rc.Missing.V)
			default:
				c.Missing = Missing(rc.Missing.V)
			}
		}
		// Remember whether the score key was present, for the "all or none" check.
		if rc.Score.Set {
			c.scoreKey = true
		}
		c.pos = rc.At
		out = append(out, c)
	}
	return out
}

func (l *loader) section(rs *rawSection) {
	q := l.q
	s := &Section{ID: rs.ID.V, Index: len(q.Sections), Pos: rs.At}
	switch {
	case rs.ID.V == "":
		l.errs.Add(rs.At, "a section needs an \"id\"")
	case !idPattern.MatchString(rs.ID.V):
		l.errs.Add(rs.ID.Pos, "section id %q: use lower-case snake_case (letters, digits, _)", rs.ID.V)
	case q.sectionByID[rs.ID.V] != nil:
		l.errs.Add(rs.ID.Pos, "duplicate section id %q (first at %s)", rs.ID.V, q.sectionByID[rs.ID.V].Pos)
		return
	}
	s.Title = l.text(rs.Title, rs.At, "title", true)
	s.Description = l.text(rs.Description, rs.At, "description", false)
	q.Sections = append(q.Sections, s)
	q.sectionByID[s.ID] = s
	if len(rs.Questions) == 0 {
		l.errs.Add(rs.At, "section %q has no questions", s.ID)
	}
	for _, n := range rs.Questions {
		if n.Kind != ydoc.Map {
			// Not a question at all: say so once, not "it has no id".
			l.errs.Add(n.Pos, "expected a mapping (key: value), got %s", ydoc.Describe(n))
			continue
		}
		var rq rawQuestion
		ydoc.Decode(n, &rq, &l.errs)
		l.question(s, &rq)
	}
	scored := false
	for _, qu := range s.Questions {
		scored = scored || qu.Scored
	}
	s.Scored = scored
	if rs.Scored != nil {
		if *rs.Scored && !scored {
			l.errs.Add(rs.At, "section %q says scored: true but none of its questions has scored choices", s.ID)
		}
		if !*rs.Scored && scored {
			l.errs.Add(rs.At, "section %q says scored: false but some of its questions have scored choices", s.ID)
		}
	}
	l.pending = append(l.pending, pendingExpr{section: s, src: rs.Relevant})
}

type pendingExpr struct {
	section  *Section
	question *Question
	src      ydoc.Str
	kind     string // "relevant" or "constraint"
}

func (l *loader) question(s *Section, rq *rawQuestion) {
	q := l.q
	qu := &Question{ID: rq.ID.V, Type: QType(rq.Type.V), Section: s, Required: rq.Required, Weight: 1, Pos: rq.At}
	switch {
	case rq.ID.V == "":
		l.errs.Add(rq.At, "a question needs an \"id\"")
		return
	case !idPattern.MatchString(rq.ID.V):
		l.errs.Add(rq.ID.Pos, "question id %q: use lower-case snake_case (letters, digits, _)", rq.ID.V)
	case reservedNames[rq.ID.V]:
		l.errs.Add(rq.ID.Pos, "question id %q is a reserved word of expressions", rq.ID.V)
	case q.byID[rq.ID.V] != nil:
		l.errs.Add(rq.ID.Pos, "duplicate question id %q (first at %s)", rq.ID.V, q.byID[rq.ID.V].Pos)
		return
	}
	if rq.Type.V == "" {
		l.errs.Add(rq.At, "question %s: missing \"type\" (one of %s)", qu.ID, strings.Join(qtypes, ", "))
	} else if !slices.Contains(qtypes, rq.Type.V) {
		msg := fmt.Sprintf("question %s: unknown type %q (one of %s)", qu.ID, rq.Type.V, strings.Join(qtypes, ", "))
		l.errs.Add(rq.Type.Pos, "%s", msg)
	}
	qu.Label = l.text(rq.Label, rq.At, "label", true)
	qu.Hint = l.text(rq.Hint, rq.At, "hint", false)
	qu.Guidance = l.text(rq.Guidance, rq.At, "guidance", false)
	qu.ConstraintMsg = l.text(rq.ConstraintMsg, rq.At, "constraint_message", false)
	if rq.Constraint.V != "" && qu.ConstraintMsg == nil {
		l.errs.Add(rq.Constraint.Pos, "question %s: a constraint needs a constraint_message", qu.ID)
	}
	isChoice := qu.Type == Single || qu.Type == Multiple
	hasChoices := rq.Choices != nil && rq.Choices.Kind != ydoc.Null
	switch {
	case isChoice && !hasChoices:
		l.errs.Add(rq.At, "question %s: a %s question needs choices", qu.ID, qu.Type)
	case !isChoice && hasChoices && rq.Type.V != "":
		l.errs.Add(rq.Choices.Pos, "question %s: a %s question takes no choices", qu.ID, qu.Type)
	case hasChoices && rq.Choices.Kind == ydoc.Scalar:
		set, ok := l.sets[rq.Choices.Value]
		if !ok {
			msg := fmt.Sprintf("question %s: unknown choice set %q", qu.ID, rq.Choices.Value)
			if s := ydoc.Closest(rq.Choices.Value, known(l.sets)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.errs.Add(rq.Choices.Pos, "%s", msg)
		}
		qu.Choices = set
	case hasChoices:
		qu.Choices = l.choiceList(rq.Choices, rq, "question "+qu.ID)
	}
	l.scoring(qu, rq)
	if rq.Refs != nil {
		qu.Refs = l.refs(rq.Refs, qu.ID)
	}
	if qu.Type == Note && rq.Required {
		l.errs.Add(rq.At, "question %s: a note cannot be required", qu.ID)
	}
	qu.Index = len(q.Questions)
	q.Questions = append(q.Questions, qu)
	q.byID[qu.ID] = qu
	s.Questions = append(s.Questions, qu)
	l.pending = append(l.pending, pendingExpr{question: qu, src: rq.Relevant, kind: "relevant"})
	if rq.Constraint.V != "" {
		l.pending = append(l.pending, pendingExpr{question: qu, src: rq.Constraint, kind: "constraint"})
	}
}

func (l *loader) scoring(qu *Question, rq *rawQuestion) {
	var withKey, levels int
	for _, c := range qu.Choices {
		if c.scoreKey {
			withKey++
		}
		if c.Score != nil {
			levels++
		}
	}
	qu.Scored = levels > 0
	if qu.Scored {
		if qu.Type == Multiple {
			l.errs.Add(rq.Choices.Pos, "question %s: a multiple choice question cannot be scored (use one single-choice indicator per item)", qu.ID)
		}
		if withKey < len(qu.Choices) {
			for _, c := range qu.Choices {
				if !c.scoreKey {
					l.errs.Add(c.pos, "question %s: choice %q has no score, but other choices do (give a score, or score: null for don't know)", qu.ID, c.Value)
				}
			}
		}
		if levels < 2 {
			l.errs.Add(rq.Choices.Pos, "question %s: a scored question needs at least two scored levels", qu.ID)
		}
	} else if withKey > 0 && qu.Type == Single {
		l.errs.Add(rq.Choices.Pos, "question %s: only null scores: give the levels their scores (0, 50, 100)", qu.ID)
	}
	if rq.Weight.Set {
		switch {
		case !qu.Scored:
			l.errs.Add(rq.Weight.Pos, "question %s: weight is for scored questions", qu.ID)
		case rq.Weight.Null || rq.Weight.V <= 0:
			l.errs.Add(rq.Weight.Pos, "question %s: weight must be a number above 0", qu.ID)
		default:
			qu.Weight = rq.Weight.V
		}
	}
	switch rq.WhenSkipped.V {
	case "", "lowest":
	case "exclude":
		qu.SkipExcluded = true
	default:
		l.errs.Add(rq.WhenSkipped.Pos, "question %s: when_skipped must be lowest or exclude, got %q", qu.ID, rq.WhenSkipped.V)
	}
	if rq.WhenSkipped.V != "" && !qu.Scored {
		l.errs.Add(rq.WhenSkipped.Pos, "question %s: when_skipped is for scored questions", qu.ID)
	}
}

func (l *loader) refs(r *rawRefs, owner string) Refs {
	out := Refs{MGI: r.MGI.V, MIPEX: r.MIPEX.V, Competence: r.Competence.V, Modality: r.Modality.V}
	if out.Competence == "convention" && r.Modality.V == "" && (l.ref == nil || !l.ref.IsCompetence("convention")) {
		// Content written before "convention" became a modality (organic law
		// 111-14 knows own, shared and transferred competences only).
		out.Competence, out.Modality = "", "convention"
	}
	if l.ref != nil {
		if r.MGI.V != "" && !l.ref.IsMGI(r.MGI.V) {
			l.errs.Add(r.MGI.Pos, "%s: unknown MGI dimension %q (%s)", owner, r.MGI.V, strings.Join(l.ref.MGICodes(), ", "))
		}
		if r.MIPEX.V != "" && !l.ref.IsMIPEX(r.MIPEX.V) {
			l.errs.Add(r.MIPEX.Pos, "%s: unknown MIPEX area %q (%s)", owner, r.MIPEX.V, strings.Join(l.ref.MIPEXCodes(), ", "))
		}
		if out.Competence != "" && !l.ref.IsCompetence(out.Competence) {
			l.errs.Add(r.Competence.Pos, "%s: unknown competence %q (%s)", owner, r.Competence.V, strings.Join(l.ref.CompetenceCodes(), ", "))
		}
		if r.Modality.V != "" && !l.ref.IsModality(r.Modality.V) {
			l.errs.Add(r.Modality.Pos, "%s: unknown modality %q (%s)", owner, r.Modality.V, strings.Join(l.ref.ModalityCodes(), ", "))
		}
	}
	out.SNIA = l.sniaList(r.SNIA, owner)
	out.SDG = l.sdgList(r.SDG, owner)
	out.GCM = l.gcmList(r.GCM, owner)
	return out
}

func (l *loader) sniaList(list []ydoc.Str, owner string) []string {
	var out []string
	for _, s := range list {
		if l.ref != nil && !l.ref.IsSNIA(s.V) {
			l.errs.Add(s.Pos, "%s: unknown SNIA programme %q (%s)", owner, s.V, strings.Join(l.ref.SNIACodes(), ", "))
			continue
		}
		out = append(out, s.V)
	}
	return out
}

func (l *loader) sdgList(list []ydoc.Str, owner string) []string {
	var out []string
	for _, s := range list {
		if l.ref != nil && !l.ref.ValidSDG(s.V) {
			l.errs.Add(s.Pos, "%s: %q is not an SDG target (such as \"10.7\" or \"16.b\"; quote it)", owner, s.V)
			continue
		}
		out = append(out, s.V)
	}
	return out
}

func (l *loader) gcmList(list []ydoc.Num, owner string) []int {
	var out []int
	for _, n := range list {
		if n.Null || n.V != float64(int(n.V)) || l.ref != nil && !l.ref.ValidGCM(int(n.V)) {
			l.errs.Add(n.Pos, "%s: GCM objectives are numbered 1 to 23, got %v", owner, n.V)
			continue
		}
		out = append(out, int(n.V))
	}
	return out
}

// calculations compiles the computed values in dependency order, so each one's
// type is known before a later expression uses it.
func (l *loader) calculations(comp *compiler, raw []rawCalc) {
	q := l.q
	var calcs []*Calc
	srcs := map[string]rawCalc{}
	for _, rc := range raw {
		id := rc.ID.V
		switch {
		case id == "":
			l.errs.Add(rc.At, "a calculation needs an \"id\"")
			continue
		case !idPattern.MatchString(id):
			l.errs.Add(rc.ID.Pos, "calculation id %q: use lower-case snake_case", id)
			continue
		case reservedNames[id]:
			l.errs.Add(rc.ID.Pos, "calculation id %q is a reserved word of expressions", id)
			continue
		case q.byID[id] != nil:
			l.errs.Add(rc.ID.Pos, "calculation id %q is already a question id", id)
			continue
		case q.calcByID[id] != nil:
			l.errs.Add(rc.ID.Pos, "duplicate calculation id %q", id)
			continue
		}
		c := &Calc{ID: id}
		q.calcByID[id] = c
		calcs = append(calcs, c)
		srcs[id] = rc
	}
	// Pass 1: dependencies between calculations, from the syntax alone.
	deps := map[string][]string{}
	for _, c := range calcs {
		for _, d := range comp.parseDeps(replaceDot(srcs[c.ID].Expr.V)) {
			if q.calcByID[d] != nil {
				deps[c.ID] = append(deps[c.ID], d)
			}
		}
	}
	order, cycle := topoSort(calcs, deps)
	if cycle != nil {
		l.errs.Add(srcs[cycle[0]].Expr.Pos, "calculate %s: dependency cycle %s", cycle[0], strings.Join(cycle, " -> "))
		// None is compiled: do not report their every use as an unknown name.
		for _, c := range calcs {
			comp.broken[c.ID] = true
		}
		return
	}
	// Pass 2: compile in order with precise types.
	for _, c := range order {
		if srcs[c.ID].Expr.V == "" {
			l.errs.Add(srcs[c.ID].At, "calculate %s: missing \"expr\"", c.ID)
			continue
		}
		e := comp.compile(srcs[c.ID].Expr, "calculate "+c.ID, comp.env(envQuestionnaire), "any")
		if e == nil {
			comp.broken[c.ID] = true
			continue
		}
		c.Expr = e
		t := e.typeOf()
		if t == nil || t.Kind() == reflect.Interface {
			l.errs.Add(srcs[c.ID].Expr.Pos, "calculate %s: the type of the result cannot be known (wrap it: float(...), string(...), ...)", c.ID)
			comp.broken[c.ID] = true
			continue
		}
		comp.base[c.ID] = zeroOf(t)
		q.Calcs = append(q.Calcs, c)
	}
}

func topoSort(calcs []*Calc, deps map[string][]string) ([]*Calc, []string) {
	byID := map[string]*Calc{}
	for _, c := range calcs {
		byID[c.ID] = c
	}
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var order []*Calc
	var stack []string
	var cycle []string
	var visit func(id string) bool
	visit = func(id string) bool {
		switch state[id] {
		case 1:
			for i, s := range stack {
				if s == id {
					cycle = append(append([]string{}, stack[i:]...), id)
				}
			}
			return false
		case 2:
			return true
		}
		state[id] = 1
		stack = append(stack, id)
		for _, d := range deps[id] {
			if !visit(d) {
				return false
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = 2
		order = append(order, byID[id])
		return true
	}
	for _, c := range calcs {
		if !visit(c.ID) {
			return nil, cycle
		}
	}
	return order, nil
}

func (l *loader) compileQuestionnaire(comp *compiler, rq rawQuestionnaire) {
	// One environment for every expression: compile only reads it (a copy per
	// expression would cost O(questions) each).
	env := comp.env(envQuestionnaire)
	for _, p := range l.pending {
		switch {
		case p.section != nil:
			if p.src.V != "" {
				p.section.Relevant = comp.compile(p.src, "section "+p.section.ID+": relevant", env, "bool")
			}
		case p.kind == "relevant":
			if p.src.V != "" {
				p.question.Relevant = comp.compile(p.src, "question "+p.question.ID+": relevant", env, "bool")
			}
		case p.kind == "constraint":
			env["_"] = zeroValue(p.question.Type)
			src := p.src
			src.V = replaceDot(src.V)
			e := comp.compile(src, "question "+p.question.ID+": constraint", env, "bool")
			delete(env, "_")
			if e != nil {
				e.Src = p.src.V
				p.question.Constraint = e
			}
		}
	}
}

func zeroOf(t reflect.Type) any { return reflect.Zero(t).Interface() }
