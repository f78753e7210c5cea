package xlsform

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/vm"
)

// buildSymbols gives every imported row its indimaj id and records what each
// XLSForm name stands for in expressions.
func (im *importer) buildSymbols() {
	im.syms = map[string]*sym{}
	for name, why := range im.skipped {
		im.syms[name] = &sym{skipped: why}
	}
	seen := map[string]int{}
	seenGroup := map[string]string{}
	// Rows that carry another question's note (written by export).
	var noteRows []*item
	for _, it := range im.items {
		p := place{im.survey.name, it.row}
		dupOf := 0
		if prev, dup := seen[it.name]; dup {
			if seenGroup[it.name] == it.group {
				im.add(p, "name", Invalid, "name %q is already used on row %d", it.name, prev)
				continue
			}
			// The same name in another group (pyxform allows it): the
			// question gets an id of its own; ${name} means the first.
			it.symKey = fmt.Sprintf("%s\x00%d", it.name, it.row)
			dupOf = prev
		} else {
			seen[it.name] = it.row
			seenGroup[it.name] = it.group
		}
		if it.cells[colNoteFor] != "" {
			noteRows = append(noteRows, it)
			continue
		}
		it.id = im.uniqueID(it.name)
		switch {
		case dupOf > 0:
			im.add(p, "name", Note, "name %q is also used on row %d, in another group: this question becomes %q and ${%s} refers to row %d", it.name, dupOf, it.id, it.name, dupOf)
		case it.id != it.name:
			im.add(p, "name", Note, "%q becomes the id %q (lower-case snake_case, not a reserved word)", it.name, it.id)
		}
		s := &sym{id: it.id, qtype: it.kind}
		if it.kind == "single" || it.kind == "multiple" {
			l := im.lists[it.list]
			if l != nil && len(l.choices) == 0 {
				im.unsupported(p, "type", "none of the choices of list %q could be imported (see the choices sheet): the question is left out", it.list)
				s.skipped = "none of its choices could be imported"
				im.syms[it.key()] = s
				it.kind = ""
				if sec := it.section; sec != nil {
					sec.items = slices.DeleteFunc(sec.items, func(x *item) bool { return x == it })
				}
				continue
			}
			if l == nil {
				im.add(p, "type", Invalid, "list %q is not in the choices sheet", it.list)
				s.skipped = "its choice list is missing"
				im.syms[it.key()] = s
				it.kind = ""
				continue
			}
			l.used++
			for _, c := range l.choices {
				s.codes = append(s.codes, c.name)
			}
			if it.cells[colType] == "boolean" {
				if len(s.codes) == 2 && slices.Contains(s.codes, "yes") && slices.Contains(s.codes, "no") && it.kind == "single" && !l.scored {
					it.kind, s.qtype, s.codes = "boolean", "boolean", nil
				} else {
					im.add(p, colType, Note, "boolean needs a select_one of a yes/no list without scores: kept as a choice question")
				}
			}
		}
		im.syms[it.key()] = s
	}
	// Fold the note rows back into the questions they belong to.
	for _, it := range noteRows {
		target := im.syms[it.cells[colNoteFor]]
		if target == nil || target.skipped != "" {
			im.add(place{im.survey.name, it.row}, colNoteFor, Note, "%q is not an imported question: the row is imported as a text question", it.cells[colNoteFor])
			it.cells[colNoteFor] = ""
			it.id = im.uniqueID(it.name)
			im.syms[it.name] = &sym{id: it.id, qtype: it.kind}
			continue
		}
		im.syms[it.name] = &sym{skipped: "it holds the note of " + it.cells[colNoteFor] + " (indimaj keeps notes with answers)"}
		sec := it.section
		for i, x := range sec.items {
			if x == it {
				sec.items = append(sec.items[:i], sec.items[i+1:]...)
				break
			}
		}
	}
	// Section ids.
	secIDs := map[string]bool{}
	for _, sec := range im.sections {
		base := sanitizeName(sec.name)
		id := base
		for i := 2; secIDs[id]; i++ {
			id = fmt.Sprintf("%s_%d", base, i)
		}
		secIDs[id] = true
		sec.id = id
		if !sec.loose && id != sec.name {
			im.add(place{im.survey.name, sec.row}, "name", Note, "group %q becomes the section id %q", sec.name, id)
		}
	}
}

// exprProblem reports an expression that cannot be imported.
func (im *importer) exprProblem(p place, column, src string, err error, consequence string) {
	var ue *unsupportedError
	if errors.As(err, &ue) {
		im.unsupported(p, column, "%s: %v; %s", abbreviate(src), err, consequence)
		return
	}
	im.add(p, column, Invalid, "%s: %v", abbreviate(src), err)
}

func (im *importer) translate() {
	t := &fromXPath{syms: im.syms}
	im.env = baseEnv()
	for _, it := range im.items {
		if it.id != "" && it.kind != "calc" && it.kind != "note" && it.kind != "" {
			im.env[it.id] = zeroFor(it.kind)
		}
	}
	im.translateCalcs(t)
	for _, sec := range im.sections {
		if sec.relevant == "" {
			continue
		}
		p := place{im.survey.name, sec.row}
		src, err := t.condition(sec.relevant)
		if err == nil {
			err = im.check(src, nil)
		}
		if err != nil {
			im.exprProblem(p, "relevant", sec.relevant, err, "the section is always asked")
			continue
		}
		sec.relExpr = src
	}
	for _, it := range im.items {
		if it.kind == "calc" || it.id == "" || it.kind == "" || it.cells[colNoteFor] != "" {
			continue
		}
		im.translateQuestion(t, it)
	}
}

// check compiles a translated condition as the engine will.
func (im *importer) check(src string, self *item) error {
	env := im.env
	if self != nil {
		env = make(map[string]any, len(im.env)+1)
		for k, v := range im.env {
			env[k] = v
		}
		env["_"] = zeroFor(self.kind)
		src = replaceDot(src)
	}
	if _, err := compileTyped(src, env, "bool"); err != nil {
		return unsupported("its translation does not compile (%v)", firstLine(err.Error()))
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// xpathRefs lists the ${names} an XPath source reads.
func xpathRefs(src string) []string {
	toks, err := lexXPath(src)
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range toks {
		if t.kind == "ref" {
			out = append(out, t.val)
		}
	}
	return out
}

func (im *importer) translateCalcs(t *fromXPath) {
	byName := map[string]*item{}
	for _, c := range im.calcs {
		if c.id != "" {
			byName[c.name] = c
		}
	}
	state := map[string]int{}
	var order []*item
	var visit func(c *item, path []string) bool
	visit = func(c *item, path []string) bool {
		switch state[c.name] {
		case 1:
			im.add(place{im.survey.name, c.row}, "calculation", Invalid, "the calculations depend on each other in a cycle: %s", strings.Join(append(path, c.name), " -> "))
			return false
		case 2:
			return true
		}
		state[c.name] = 1
		srcs := []string{c.cells["calculation"], c.cells["relevant"], c.secRel}
		for _, g := range c.groupRel {
			srcs = append(srcs, g.src)
		}
		for _, s := range srcs {
			for _, d := range xpathRefs(s) {
				if dc := byName[d]; dc != nil && !visit(dc, append(path, c.name)) {
					return false
				}
			}
		}
		state[c.name] = 2
		order = append(order, c)
		return true
	}
	for _, c := range im.calcs {
		if c.id != "" && state[c.name] == 0 {
			if !visit(c, nil) {
				return
			}
		}
	}
	for _, c := range order {
		p := place{im.survey.name, c.row}
		s := im.syms[c.key()]
		fail := func(column, src string, err error) {
			im.exprProblem(p, column, src, err, "the calculation is left out")
			s.skipped = "its calculation could not be imported"
			c.id = ""
		}
		src := c.cells["calculation"]
		if src == "" {
			im.add(p, "calculation", Invalid, "a calculate row needs a calculation")
			s.skipped = "it has no calculation"
			c.id = ""
			continue
		}
		e, k, g, err := t.value(src)
		if err != nil {
			fail("calculation", src, err)
			continue
		}
		// A calculation in a non-relevant group (or with its own relevance) is
		// empty in ODK.
		var rels []ev
		relSrcs := []relSrc{{c.secRel, c.secRow}}
		relSrcs = append(relSrcs, c.groupRel...)
		relSrcs = append(relSrcs, relSrc{c.cells["relevant"], c.row})
		failed := false
		for _, r := range relSrcs {
			if r.src == "" {
				continue
			}
			rs, err := t.condition(r.src)
			if err != nil {
				fail("relevant", r.src, err)
				failed = true
				break
			}
			rels = append(rels, ev{src: rs, prec: precOfSrc(rs), kind: kBool, refs: true})
		}
		if failed {
			continue
		}
		if len(rels) > 0 {
			rel := and(rels...)
			switch k {
			case kBool:
				e = and(rel, ev{src: e, prec: precOfSrc(e), kind: kBool}).src
			case kNum:
				g = joinGuards(rel.src, g)
			default:
				e = fmt.Sprintf(`(%s ? %s : "")`, rel.src, par(ev{src: e, prec: precOfSrc(e)}, eTern+1))
			}
		}
		prog, err := compileTyped(e, im.env, "any")
		if err != nil {
			fail("calculation", src, unsupported("its translation does not compile (%v)", firstLine(err.Error())))
			continue
		}
		rt := prog.Node().Type()
		if rt == nil || rt.Kind() == reflect.Interface {
			switch k {
			case kNum:
				e = "float(" + e + ")"
			case kBool:
				e = "(" + e + ") == true"
			default:
				e = "string(" + e + ")"
			}
			if prog, err = compileTyped(e, im.env, "any"); err != nil {
				fail("calculation", src, unsupported("its translation does not compile (%v)", firstLine(err.Error())))
				continue
			}
			rt = prog.Node().Type()
		}
		s.calc, s.guard = k, g
		im.env[c.id] = zeroForKind(k, rt)
		c.expr = e
	}
}

func (im *importer) translateQuestion(t *fromXPath, it *item) {
	p := place{im.survey.name, it.row}
	s := im.syms[it.key()]
	// Relevance: the nested groups' and its own.
	var rels []ev
	srcs := append(append([]relSrc{}, it.groupRel...), relSrc{it.cells["relevant"], it.row})
	for _, r := range srcs {
		if r.src == "" {
			continue
		}
		e, err := t.condition(r.src)
		if err == nil {
			err = im.check(e, nil)
		}
		if err != nil {
			consequence := "the question is always asked"
			if r.row != it.row {
				consequence = fmt.Sprintf("the relevance of the group on row %d does not apply to it", r.row)
			}
			im.exprProblem(place{im.survey.name, r.row}, "relevant", r.src, err, consequence)
			continue
		}
		rels = append(rels, ev{src: e, prec: precOfSrc(e), kind: kBool, refs: true})
	}
	if len(rels) > 0 {
		it.relevant = and(rels...).src
	}
	if it.kind == "note" {
		if !falsy(it.cells["required"]) {
			im.add(p, "required", Note, "a note is never required: ignored")
		}
		if it.cells["constraint"] != "" {
			im.add(p, "constraint", Note, "a note takes no answer: its constraint is ignored")
		}
		if it.cells["calculation"] != "" {
			im.unsupported(p, "calculation", "a note that shows a computed value is not supported (indimaj notes are fixed texts)")
		}
		return
	}
	if it.cells["calculation"] != "" {
		im.unsupported(p, "calculation", "a calculation on a %s question is not supported (only calculate rows compute values)", it.kind)
	}
	// Required.
	switch req := it.cells["required"]; {
	case truthy(req):
		it.required = true
	case falsy(req):
	default:
		im.unsupported(p, "required", "%s: a condition in required is not supported (the question is not required)", abbreviate(req))
	}
	// Choices.
	if it.kind == "single" || it.kind == "multiple" {
		l := im.lists[it.list]
		it.choices = l.choices
		if l.scored && it.kind == "multiple" {
			var plain []*ichoice
			for _, c := range l.choices {
				cc := *c
				cc.score, cc.scoreSet, cc.missing = nil, false, ""
				plain = append(plain, &cc)
			}
			it.choices = plain
			im.add(p, "type", Note, "list %s has scores, but a multiple choice question cannot be scored: the scores are not kept for this question", it.list)
		}
		if f := it.cells["choice_filter"]; f != "" {
			im.choiceFilter(t, it, s, f)
		}
	}
	// Constraint.
	if src := it.cells["constraint"]; src != "" {
		t.self = s
		e, err := t.condition(src)
		t.self = nil
		if err == nil {
			err = im.check(e, it)
		}
		if err != nil {
			im.exprProblem(p, "constraint", src, err, "any answer is accepted")
		} else {
			it.constraint = e
			it.constraintMsg = im.text(it.texts["constraint_message"], p, "constraint_message")
			if it.constraintMsg == nil {
				it.constraintMsg = im.generated(map[string]string{"fr": "Réponse non valide.", "ar": "إجابة غير صالحة.", "en": "Invalid answer."})
				im.add(p, "constraint_message", Note, "no message for the constraint: a generic one is used")
			}
		}
	}
	if f := it.filterConstraint; f != "" {
		if it.constraint == "" {
			it.constraint = f
			it.constraintMsg = im.generated(txtFilterMsg)
		} else {
			it.constraint = and(ev{src: it.constraint, prec: precOfSrc(it.constraint), kind: kBool}, ev{src: f, prec: precOfSrc(f), kind: kBool}).src
		}
	}
	if it.constraint == "" && len(it.texts["constraint_message"]) > 0 && it.cells["constraint"] == "" {
		im.add(p, "constraint_message", Note, "a message without a constraint: ignored")
	}
	// indimaj columns.
	if w := it.cells[colWeight]; w != "" {
		v, err := strconv.ParseFloat(w, 64)
		if err != nil || v <= 0 {
			im.add(p, colWeight, Invalid, "%q: a weight is a number above 0", w)
		}
	}
	if w := it.cells[colWhenSkipped]; w != "" && w != "lowest" && w != "exclude" {
		im.add(p, colWhenSkipped, Invalid, "%q: when_skipped is lowest or exclude", w)
	}
	if r := it.cells[colRefs]; r != "" {
		var v map[string]any
		if err := json.Unmarshal([]byte(r), &v); err != nil {
			im.add(p, colRefs, Invalid, "not JSON: %v", err)
		}
	}
}

// runProgram evaluates a condition that reads no answer.
func runProgram(prog *vm.Program) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = false, fmt.Errorf("%v", r)
		}
	}()
	out, err := vm.Run(prog, baseEnv())
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

// generated restricts a generated text to the declared languages.
func (im *importer) generated(t map[string]string) map[string]string {
	out := map[string]string{}
	for _, l := range im.langs {
		out[l] = t[l]
	}
	return out
}

// choiceFilter applies a choice_filter: one that reads no answer keeps the
// choices it allows; one that reads answers becomes a constraint that
// refuses a choice the filter would hide (indimaj shows every choice).
func (im *importer) choiceFilter(t *fromXPath, it *item, s *sym, src string) {
	p := place{im.survey.name, it.row}
	n, err := parseXPath(src)
	if err != nil {
		im.add(p, "choice_filter", Invalid, "%s: %v", abbreviate(src), err)
		return
	}
	type cond struct {
		src   string
		codes []string
	}
	var conds []*cond
	byCond := map[string]*cond{}
	dynamic := false
	for _, c := range it.choices {
		t.cols = c.cols
		e, err := t.translate(n)
		t.cols = nil
		if err != nil {
			im.exprProblem(p, "choice_filter", src, err, "every choice is offered")
			return
		}
		b := t.boolean(e)
		dynamic = dynamic || b.refs
		k := byCond[b.src]
		if k == nil {
			k = &cond{src: b.src}
			byCond[b.src] = k
			conds = append(conds, k)
		}
		k.codes = append(k.codes, c.name)
	}
	if !dynamic {
		var keep []*ichoice
		for _, c := range it.choices {
			for _, k := range conds {
				if !slices.Contains(k.codes, c.name) {
					continue
				}
				prog, err := compileTyped(k.src, im.env, "bool")
				if err != nil {
					im.exprProblem(p, "choice_filter", src, unsupported("its translation does not compile (%v)", firstLine(err.Error())), "every choice is offered")
					return
				}
				out, err := runProgram(prog)
				if err != nil {
					im.exprProblem(p, "choice_filter", src, unsupported("it cannot be evaluated (%v)", err), "every choice is offered")
					return
				}
				if out {
					keep = append(keep, c)
				}
			}
		}
		if len(keep) == 0 {
			im.add(p, "choice_filter", Invalid, "%s: the filter keeps no choice", abbreviate(src))
			return
		}
		it.choices = keep
		it.filtered = true
		return
	}
	var parts []ev
	for _, k := range conds {
		codes := make([]string, len(k.codes))
		for i, c := range k.codes {
			codes[i] = quoteExpr(c)
		}
		ce := ev{src: k.src, prec: precOfSrc(k.src), kind: kBool, refs: true}
		if it.kind == "single" {
			in := ev{src: ". in [" + strings.Join(codes, ", ") + "]", prec: eCmp, kind: kBool}
			if len(codes) == 1 {
				in = ev{src: ". == " + codes[0], prec: eCmp, kind: kBool}
			}
			parts = append(parts, and(ce, in))
			continue
		}
		var sel []ev
		for _, c := range codes {
			sel = append(sel, ev{src: "selected(., " + c + ")", prec: ePrim, kind: kBool})
		}
		parts = append(parts, or(ce, not(or(sel...))))
	}
	var filter ev
	if it.kind == "single" {
		filter = or(parts...)
	} else {
		filter = and(parts...)
	}
	if err := im.check(filter.src, it); err != nil {
		im.exprProblem(p, "choice_filter", src, err, "every choice is offered")
		return
	}
	it.filterConstraint = filter.src
	im.add(p, "choice_filter", Note, "indimaj shows every choice: the filter becomes a constraint that refuses a choice it would hide")
}
