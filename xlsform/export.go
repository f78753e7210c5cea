package xlsform

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/indimaj/indimaj/engine"
)

// Extra columns that carry what XLSForm has no column for. ODK, KoboToolbox
// and pyxform ignore unknown columns and sheets; import reads them back.
const (
	colType        = "indimaj_type"         // survey: "boolean" for a yes/no question
	colWeight      = "indimaj_weight"       // survey: an indicator's weight
	colWhenSkipped = "indimaj_when_skipped" // survey: lowest or exclude
	colRefs        = "indimaj_refs"         // survey: framework references, as JSON
	colNoteFor     = "indimaj_note_for"     // survey: this text row is the note of that question
	colDescription = "indimaj_description_" // choices: + language code
	sheetIndimaj   = "indimaj"              // key/text rows: title, description, section:<id>
	boolList       = "yes_no"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// Lang is the form's default language (settings default_language and
	// form_title); empty means fr.
	Lang string
}

// ExportResult is an exported workbook and what could not be exported.
type ExportResult struct {
	XLSX []byte
	// Problems are "id: what and why" lines: what the workbook lacks or where
	// it may behave differently from indimaj.
	Problems []string
}

// Export writes the questionnaire of c as an XLSForm workbook (survey,
// choices and settings sheets, and an indimaj sheet for the texts XLSForm has
// no place for). What cannot be expressed is left out and listed.
func Export(c *engine.Content, opts ExportOptions) (*ExportResult, error) {
	q := c.Q
	lang := opts.Lang
	if lang == "" {
		lang = "fr"
	}
	if !slices.Contains(q.Languages, lang) {
		return nil, fmt.Errorf("--lang %s: the questionnaire is written in %s", lang, strings.Join(q.Languages, ", "))
	}
	// The default language's columns come first: tools that ignore
	// default_language take the first label column as the default.
	langs := append([]string{lang}, slices.DeleteFunc(slices.Clone(q.Languages), func(l string) bool { return l == lang })...)
	res := &ExportResult{}
	report := func(id, format string, args ...any) {
		res.Problems = append(res.Problems, id+": "+fmt.Sprintf(format, args...))
	}
	tx := newToXPath(q)

	texts := func(base string) []string {
		var out []string
		for _, l := range langs {
			out = append(out, base+"::"+langHeader[l])
		}
		return out
	}
	var hdr []string
	hdr = append(hdr, "type", "name")
	hdr = append(hdr, texts("label")...)
	hdr = append(hdr, texts("hint")...)
	hdr = append(hdr, texts("guidance_hint")...)
	hdr = append(hdr, "required", "relevant", "constraint")
	hdr = append(hdr, texts("constraint_message")...)
	hdr = append(hdr, "calculation", colType, colWeight, colWhenSkipped, colRefs, colNoteFor)
	survey := &outSheet{name: "survey", header: hdr}

	chdr := []string{"list_name", "name"}
	chdr = append(chdr, texts("label")...)
	chdr = append(chdr, "score", "missing", "note_required")
	for _, l := range langs {
		chdr = append(chdr, colDescription+l)
	}
	choices := &outSheet{name: "choices", header: chdr}

	setText := func(row map[string]any, base string, t engine.Text) {
		for _, l := range langs {
			if s := t[l]; s != "" {
				row[base+"::"+langHeader[l]] = s
			}
		}
	}

	// Calculations first: ODK evaluates them wherever they are.
	for _, calc := range q.Calcs {
		x, err := tx.calculation(calc)
		for _, w := range tx.warnings {
			report(calc.ID, "calculate: %s", w)
		}
		tx.warnings = nil
		if err != nil {
			report(calc.ID, "calculate: %v: the calculation is left out of the XLSForm (and what reads it)", err)
			continue
		}
		survey.add(map[string]any{"type": "calculate", "name": calc.ID, "calculation": x})
	}

	// Choice lists: one per question, shared when identical.
	names := map[string]bool{}
	for _, qu := range q.Questions {
		names[qu.ID] = true
	}
	for _, calc := range q.Calcs {
		names[calc.ID] = true
	}
	listBySig := map[string]string{}
	listNames := map[string]bool{}
	uniqueList := func(base string) string {
		n := base
		for i := 2; listNames[n]; i++ {
			n = fmt.Sprintf("%s_%d", base, i)
		}
		listNames[n] = true
		return n
	}
	yesNo := ""
	listFor := func(qu *engine.Question) string {
		if qu.Type == engine.Boolean {
			if yesNo == "" {
				yesNo = uniqueList(boolList)
				for _, code := range []string{"yes", "no"} {
					row := map[string]any{"list_name": yesNo, "name": code}
					t := txtYes
					if code == "no" {
						t = txtNo
					}
					setText(row, "label", engine.Text(t))
					choices.add(row)
				}
			}
			return yesNo
		}
		sig := choiceSignature(qu.Choices)
		if n, ok := listBySig[sig]; ok {
			return n
		}
		n := uniqueList(qu.ID)
		listBySig[sig] = n
		for _, ch := range qu.Choices {
			row := map[string]any{"list_name": n, "name": ch.Value}
			setText(row, "label", ch.Label)
			if ch.Score != nil {
				row["score"] = *ch.Score
			}
			if ch.Score == nil && ch.Missing != engine.NotMissing {
				row["missing"] = string(ch.Missing)
			}
			if ch.NoteRequired {
				row["note_required"] = "yes"
			}
			for _, l := range langs {
				if s := ch.Description[l]; s != "" {
					row[colDescription+l] = s
				}
			}
			choices.add(row)
		}
		return n
	}

	indimaj := &outSheet{name: sheetIndimaj, header: append([]string{"key"}, langs...)}
	addIndimaj := func(key string, t engine.Text) {
		if len(t) == 0 {
			return
		}
		row := map[string]any{"key": key}
		for _, l := range langs {
			row[l] = t[l]
		}
		indimaj.add(row)
	}
	addIndimaj("title", q.Title)
	addIndimaj("description", q.Description)

	for _, sec := range q.Sections {
		row := map[string]any{"type": "begin_group", "name": sec.ID}
		setText(row, "label", sec.Title)
		if sec.Relevant != nil {
			x, err := tx.condition(sec.Relevant.Src, nil)
			if err != nil {
				report(sec.ID, "relevant: %v: left blank, so the XLSForm always asks this section", err)
			} else {
				row["relevant"] = x
			}
			for _, w := range tx.warnings {
				report(sec.ID, "relevant: %s", w)
			}
			tx.warnings = nil
		}
		survey.add(row)
		addIndimaj("section:"+sec.ID, sec.Description)
		for _, qu := range sec.Questions {
			row := map[string]any{"name": qu.ID}
			switch qu.Type {
			case engine.Single:
				row["type"] = "select_one " + listFor(qu)
			case engine.Multiple:
				row["type"] = "select_multiple " + listFor(qu)
			case engine.Boolean:
				row["type"] = "select_one " + listFor(qu)
				row[colType] = "boolean"
			default:
				row["type"] = string(qu.Type)
			}
			setText(row, "label", qu.Label)
			setText(row, "hint", qu.Hint)
			setText(row, "guidance_hint", qu.Guidance)
			if qu.Required {
				row["required"] = "yes"
			}
			if qu.Relevant != nil {
				x, err := tx.condition(qu.Relevant.Src, nil)
				if err != nil {
					report(qu.ID, "relevant: %v: left blank, so the XLSForm always asks this question", err)
				} else {
					row["relevant"] = x
				}
			}
			if qu.Constraint != nil {
				x, err := tx.condition(qu.Constraint.Src, qu)
				if err != nil {
					report(qu.ID, "constraint: %v: left out, so the XLSForm accepts any answer here", err)
				} else {
					row["constraint"] = x
					setText(row, "constraint_message", qu.ConstraintMsg)
				}
			}
			for _, w := range tx.warnings {
				report(qu.ID, "relevant: %s", w)
			}
			tx.warnings = nil
			if qu.Scored && qu.Weight != 1 {
				row[colWeight] = qu.Weight
			}
			if qu.Scored && qu.SkipExcluded {
				row[colWhenSkipped] = "exclude"
			}
			if r := refsJSON(qu.Refs); r != "" {
				row[colRefs] = r
			}
			survey.add(row)
			if note := noteRow(qu, names, setText); note != nil {
				survey.add(note)
			}
		}
		survey.add(map[string]any{"type": "end_group", "name": sec.ID})
	}

	settings := &outSheet{name: "settings", header: []string{"form_title", "form_id", "version", "default_language"}}
	settings.add(map[string]any{"form_title": q.Title.Get(lang), "form_id": q.ID, "version": q.Version, "default_language": langHeader[lang]})

	data, err := writeWorkbook([]*outSheet{survey, choices, settings, indimaj})
	if err != nil {
		return nil, err
	}
	res.XLSX = data
	return res, nil
}

// noteRow is the text question that carries the note some choices require
// (not applicable: say why): asked, and required, when such a choice is made.
func noteRow(qu *engine.Question, names map[string]bool, setText func(map[string]any, string, engine.Text)) map[string]any {
	var alts []xNode
	for _, c := range qu.Choices {
		if c.NoteRequired {
			alts = append(alts, xCall{"selected", []xNode{xRef{qu.ID}, xStr{c.Value}}})
		}
	}
	if len(alts) == 0 {
		return nil
	}
	name := qu.ID + "_note"
	for i := 2; names[name]; i++ {
		name = fmt.Sprintf("%s_note_%d", qu.ID, i)
	}
	names[name] = true
	row := map[string]any{"type": "text", "name": name, "required": "yes", "relevant": formatXPath(orAll(alts)), colNoteFor: qu.ID}
	setText(row, "label", engine.Text(txtNoteLabel))
	return row
}

func choiceSignature(cs []*engine.Choice) string {
	b, _ := json.Marshal(cs)
	var extra []string
	for _, c := range cs {
		extra = append(extra, string(c.Missing))
	}
	return string(b) + strings.Join(extra, ",")
}

func refsJSON(r engine.Refs) string {
	type refs struct {
		MGI        string   `json:"mgi,omitempty"`
		MIPEX      string   `json:"mipex,omitempty"`
		SNIA       []string `json:"snia,omitempty"`
		SDG        []string `json:"sdg,omitempty"`
		GCM        []int    `json:"gcm,omitempty"`
		Competence string   `json:"competence,omitempty"`
		Modality   string   `json:"modality,omitempty"`
	}
	v := refs{r.MGI, r.MIPEX, r.SNIA, r.SDG, r.GCM, r.Competence, r.Modality}
	b, _ := json.Marshal(v)
	if string(b) == "{}" {
		return ""
	}
	return string(b)
}
