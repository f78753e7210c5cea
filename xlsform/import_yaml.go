package xlsform

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/rules"
)

// files writes the imported questionnaire and a minimal policy as YAML.
func (im *importer) files() map[string][]byte {
	w := &yamlWriter{}
	src := filepath.Base(im.opts.Name)
	if src == "." || src == "" {
		src = "an XLSForm"
	}
	w.line(0, fmt.Sprintf("# Imported from %s by `indimaj xlsform import`. Format: docs/CONTENT.md.", src))
	w.kv(0, "id", yamlScalar(im.formID))
	w.kv(0, "version", yamlQuote(im.version))
	w.kv(0, "languages", "["+strings.Join(im.langs, ", ")+"]")
	im.readIndimajSheet()
	title := im.title
	if t := im.extraText("title"); t != nil {
		title = t
	}
	tt := im.text(title, place{"settings", 2}, "form_title")
	if tt == nil {
		tt = im.generated(txtForm)
	}
	w.text(0, "title", tt, im.langs)
	if d := im.extraText("description"); d != nil {
		w.text(0, "description", im.text(d, place{sheetIndimaj, 0}, "description"), im.langs)
	}

	// Lists used unchanged by several questions become choice sets.
	useCount := map[string]int{}
	for _, it := range im.questions() {
		if (it.kind == "single" || it.kind == "multiple") && !it.filtered && !(it.kind == "multiple" && im.lists[it.list].scored) {
			useCount[it.list]++
		}
	}
	setName := map[string]string{}
	taken := map[string]bool{}
	var sets []string
	for _, it := range im.questions() {
		if useCount[it.list] < 2 || setName[it.list] != "" {
			continue
		}
		base := sanitizeName(it.list)
		n := base
		for i := 2; taken[n]; i++ {
			n = fmt.Sprintf("%s_%d", base, i)
		}
		taken[n] = true
		setName[it.list] = n
		sets = append(sets, it.list)
	}
	if len(sets) > 0 {
		w.line(0, "choice_sets:")
		for _, l := range sets {
			w.line(1, yamlScalar(setName[l])+":")
			im.writeChoices(w, 2, im.lists[l].choices, im.lists[l].scored)
		}
	}

	var calcs []*item
	for _, c := range im.calcs {
		if c.id != "" && c.expr != "" {
			calcs = append(calcs, c)
		}
	}
	if len(calcs) > 0 {
		w.line(0, "calculate:")
		for _, c := range calcs {
			w.line(1, "- id: "+yamlScalar(c.id))
			w.kv(2, "expr", yamlQuote(c.expr))
		}
	}

	w.line(0, "sections:")
	for _, sec := range im.sections {
		w.line(1, "- id: "+yamlScalar(sec.id))
		p := place{im.survey.name, sec.row}
		var stitle map[string]string
		if sec.loose {
			stitle = tt
		} else {
			stitle = im.text(sec.texts["label"], p, "label")
			if stitle == nil {
				stitle = im.generated(map[string]string{"fr": sec.name, "ar": txtMissingAr, "en": sec.name})
				im.add(p, "label", Note, "group %s has no label: its name is its title", sec.name)
			}
		}
		w.text(2, "title", stitle, im.langs)
		desc := im.extraText("section:" + sec.id)
		if desc == nil {
			desc = sec.texts["hint"]
		}
		if d := im.text(desc, p, "hint"); d != nil {
			w.text(2, "description", d, im.langs)
		}
		if sec.relExpr != "" {
			w.kv(2, "relevant", yamlQuote(sec.relExpr))
		}
		w.line(2, "questions:")
		for _, it := range sec.items {
			im.writeQuestion(w, it, setName)
		}
	}
	files := map[string][]byte{
		"questionnaires/" + im.formID + ".yaml": w.b.Bytes(),
		"rules/policy.yaml":                     policyYAML(im.langs),
	}
	// The reference tables (regions, SNIA, MGI…) are indimaj's own.
	if refs, err := fs.ReadFile(rules.FS, path.Base(engine.ReferencesFile)); err == nil {
		files[engine.ReferencesFile] = refs
	}
	return files
}

func (im *importer) questions() []*item {
	var out []*item
	for _, sec := range im.sections {
		out = append(out, sec.items...)
	}
	return out
}

func (im *importer) writeQuestion(w *yamlWriter, it *item, setName map[string]string) {
	p := place{im.survey.name, it.row}
	w.line(3, "- id: "+yamlScalar(it.id))
	w.kv(4, "type", it.kind)
	label := im.text(it.texts["label"], p, "label")
	if label == nil {
		label = im.generated(map[string]string{"fr": it.name, "ar": txtMissingAr, "en": it.name})
		im.add(p, "label", Note, "no label: the name is used")
	}
	w.text(4, "label", label, im.langs)
	w.text(4, "hint", im.text(it.texts["hint"], p, "hint"), im.langs)
	w.text(4, "guidance", im.text(it.texts["guidance_hint"], p, "guidance_hint"), im.langs)
	if it.required {
		w.kv(4, "required", "true")
	}
	if it.relevant != "" {
		w.kv(4, "relevant", yamlQuote(it.relevant))
	}
	if it.constraint != "" {
		w.kv(4, "constraint", yamlQuote(it.constraint))
		w.text(4, "constraint_message", it.constraintMsg, im.langs)
	}
	if it.kind == "single" || it.kind == "multiple" {
		scored := im.lists[it.list].scored && it.kind == "single"
		if n := setName[it.list]; n != "" && !it.filtered && !(it.kind == "multiple" && im.lists[it.list].scored) {
			w.kv(4, "choices", yamlScalar(n))
		} else {
			w.line(4, "choices:")
			im.writeChoices(w, 5, it.choices, scored)
		}
		if scored {
			if wt := it.cells[colWeight]; wt != "" {
				w.kv(4, "weight", wt)
			}
			if ws := it.cells[colWhenSkipped]; ws != "" {
				w.kv(4, "when_skipped", ws)
			}
		}
	}
	if r := it.cells[colRefs]; r != "" {
		var refs struct {
			MGI        string   `json:"mgi"`
			MIPEX      string   `json:"mipex"`
			SNIA       []string `json:"snia"`
			SDG        []string `json:"sdg"`
			GCM        []int    `json:"gcm"`
			Competence string   `json:"competence"`
			Modality   string   `json:"modality"`
		}
		if json.Unmarshal([]byte(r), &refs) == nil {
			var parts []string
			if refs.MGI != "" {
				parts = append(parts, "mgi: "+yamlScalar(refs.MGI))
			}
			if refs.MIPEX != "" {
				parts = append(parts, "mipex: "+yamlScalar(refs.MIPEX))
			}
			if len(refs.SNIA) > 0 {
				parts = append(parts, "snia: ["+joinMap(refs.SNIA, yamlScalar)+"]")
			}
			if len(refs.SDG) > 0 {
				parts = append(parts, "sdg: ["+joinMap(refs.SDG, yamlQuote)+"]")
			}
			if len(refs.GCM) > 0 {
				var gs []string
				for _, g := range refs.GCM {
					gs = append(gs, fmt.Sprint(g))
				}
				parts = append(parts, "gcm: ["+strings.Join(gs, ", ")+"]")
			}
			if refs.Competence != "" {
				parts = append(parts, "competence: "+yamlScalar(refs.Competence))
			}
			if refs.Modality != "" {
				parts = append(parts, "modality: "+yamlScalar(refs.Modality))
			}
			if len(parts) > 0 {
				w.kv(4, "refs", "{"+strings.Join(parts, ", ")+"}")
			}
		}
	}
}

func joinMap(xs []string, f func(string) string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return strings.Join(out, ", ")
}

func (im *importer) writeChoices(w *yamlWriter, indent int, cs []*ichoice, scored bool) {
	for _, c := range cs {
		p := place{im.choices.name, c.row}
		w.line(indent, "- value: "+yamlScalar(c.name))
		label := im.text(c.labels, p, "label")
		if label == nil {
			label = im.generated(map[string]string{"fr": c.name, "ar": txtMissingAr, "en": c.name})
			im.note(p.sheet, p.row, "label", "no label: the choice name is used")
		}
		w.text(indent+1, "label", label, im.langs)
		if d := im.text(c.desc, p, "description"); d != nil {
			w.text(indent+1, "description", d, im.langs)
		}
		if scored {
			if c.score != nil {
				w.kv(indent+1, "score", formatNum(*c.score))
			} else {
				w.kv(indent+1, "score", "null")
				if c.missing == "not_applicable" {
					w.kv(indent+1, "missing", "not_applicable")
				}
			}
		}
		if c.noteReq {
			w.kv(indent+1, "note_required", "true")
		}
	}
}

// readIndimajSheet reads the texts export keeps in the indimaj sheet.
func (im *importer) readIndimajSheet() {
	im.secDesc = map[string]map[string]string{}
	if im.extra == nil || len(im.extra.rows) == 0 {
		return
	}
	keyCol := im.extra.column("key")
	if keyCol < 0 {
		return
	}
	langCols := map[string]int{}
	for i, h := range im.extra.header() {
		if c, ok := langCode(h); ok {
			langCols[c] = i
		}
	}
	for _, row := range im.extra.rows[1:] {
		k := cell(row, keyCol)
		if k == "" {
			continue
		}
		t := map[string]string{}
		for l, c := range langCols {
			if v := cell(row, c); v != "" {
				t[l] = v
			}
		}
		if len(t) > 0 {
			im.secDesc[k] = t
		}
	}
}

func (im *importer) extraText(key string) map[string]string {
	return im.secDesc[key]
}

// policyYAML is a minimal scoring policy, so the imported content validates.
func policyYAML(langs []string) []byte {
	gen := func(t map[string]string) map[string]string {
		out := map[string]string{}
		for _, l := range langs {
			out[l] = t[l]
		}
		return out
	}
	w := &yamlWriter{}
	w.line(0, "# A minimal scoring policy written by `indimaj xlsform import` so that the content")
	w.line(0, "# validates: adjust the bands, weights and priority formula (docs/CONTENT.md, \"policy\").")
	w.line(0, "policy:")
	w.kv(1, "target", "100")
	w.kv(1, "low_confidence_below", "0.8")
	w.line(1, "bands:")
	bands := []struct {
		id, color string
		min, max  int
		label     map[string]string
	}{
		{"low", "#d7191c", 0, 33, map[string]string{"fr": "Faible", "ar": "ضعيف", "en": "Low"}},
		{"medium", "#fdae61", 34, 66, map[string]string{"fr": "Moyen", "ar": "متوسط", "en": "Medium"}},
		{"high", "#1a9641", 67, 100, map[string]string{"fr": "Élevé", "ar": "مرتفع", "en": "High"}},
	}
	for _, b := range bands {
		w.line(2, "- id: "+b.id)
		w.kv(3, "min", fmt.Sprint(b.min))
		w.kv(3, "max", fmt.Sprint(b.max))
		w.kv(3, "color", yamlQuote(b.color))
		w.text(3, "label", gen(b.label), langs)
	}
	w.kv(1, "competence_weights", "{own: 1.0, shared: 0.8, transferred: 0.6}")
	w.kv(1, "modality_weights", "{direct: 1.0, convention: 0.6, advocacy: 0.5}")
	w.kv(1, "horizon_weights", "{short: 1.1, medium: 1.0, long: 0.9}")
	w.kv(1, "alignment_bonus", "0.25")
	w.kv(1, "priority", yamlQuote("gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight"))
	return w.b.Bytes()
}
