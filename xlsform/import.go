package xlsform

import (
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
)

// Severity says what a Problem means for an import.
type Severity int

// The severities, from harmless to fatal.
const (
	// Note: something was adapted; the import goes on.
	Note Severity = iota
	// Unsupported: indimaj cannot represent it; the import fails unless
	// unsupported parts are skipped.
	Unsupported
	// Invalid: the form itself is wrong; the import fails.
	Invalid
)

// Problem is something found in a workbook, placed by sheet and row.
type Problem struct {
	Sheet    string
	Row      int   // 1-based spreadsheet row; 0 for the sheet as a whole
	Rows     []int // for a note shared by several rows: those rows
	Column   string
	Msg      string
	Severity Severity
}

// String formats the problem as SHEET!ROW: column: what and why.
func (p Problem) String() string {
	loc := p.Sheet
	switch {
	case len(p.Rows) > 0:
		parts := make([]string, 0, len(p.Rows))
		for i, r := range p.Rows {
			if i == 8 {
				parts = append(parts, fmt.Sprintf("… (%d rows)", len(p.Rows)))
				break
			}
			parts = append(parts, strconv.Itoa(r))
		}
		loc += "!" + strings.Join(parts, ",")
	case p.Row > 0:
		loc += "!" + strconv.Itoa(p.Row)
	}
	if p.Column != "" {
		return loc + ": " + p.Column + ": " + p.Msg
	}
	return loc + ": " + p.Msg
}

// ImportOptions tune Import.
type ImportOptions struct {
	// Name is the workbook's file name: the form id when settings has none.
	Name string
	// SkipUnsupported leaves out what indimaj cannot represent (each thing is
	// listed as a problem) instead of failing.
	SkipUnsupported bool
}

// ImportResult is the content made from a workbook.
type ImportResult struct {
	// ID is the questionnaire id.
	ID string
	// Files are the content files (questionnaires/ID.yaml and
	// rules/policy.yaml); nil when the import failed.
	Files map[string][]byte
	// Problems lists everything found, notes included.
	Problems []Problem
}

// Failed reports whether the problems stop the import.
func (r *ImportResult) Failed(skipUnsupported bool) bool {
	for _, p := range r.Problems {
		if p.Severity == Invalid || p.Severity == Unsupported && !skipUnsupported {
			return true
		}
	}
	return false
}

// Import reads an XLSForm workbook and translates it into indimaj content
// that validates. It returns an error only when the workbook cannot be read;
// everything else is in the result's problems.
func Import(r io.Reader, opts ImportOptions) (*ImportResult, error) {
	sheets, _, err := readWorkbook(r)
	if err != nil {
		return nil, err
	}
	im := &importer{opts: opts, sheets: sheets, agg: map[string]*Problem{}}
	im.run()
	res := &ImportResult{ID: im.formID}
	if (&ImportResult{Problems: im.problems()}).Failed(opts.SkipUnsupported) {
		res.Problems = im.problems()
		return res, nil
	}
	files := im.files()
	res.Problems = im.problems()
	if _, err := engine.LoadFiles(files); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			res.Problems = append(res.Problems, Problem{Sheet: "survey", Msg: "the translated content does not validate: " + line, Severity: Invalid})
		}
		return res, nil
	}
	res.Files = files
	return res, nil
}

// Translatable columns (base names) and the other columns import reads.
var (
	textBases     = []string{"label", "hint", "guidance_hint", "constraint_message"}
	surveyAliases = map[string]string{
		"type": "type", "name": "name", "required": "required", "relevant": "relevant",
		"constraint": "constraint", "calculation": "calculation", "default": "default",
		"choice_filter": "choice_filter", "choice filter": "choice_filter",
		"constraint message": "constraint_message", "jr:constraintmsg": "constraint_message",
		"guidance hint": "guidance_hint", "appearance": "appearance",
		"required_message": "required_message", "required message": "required_message", "jr:requiredmsg": "required_message",
		"read_only": "read_only", "repeat_count": "repeat_count", "parameters": "parameters", "trigger": "trigger",
		"relevance": "relevant", "calculate": "calculation", "constraining_message": "constraint_message",
		"readonly": "read_only", "count": "repeat_count", "jr:count": "repeat_count", "command": "type", "tag": "name",
		"caption": "label", "requiredmsg": "required_message", "noapperrorstring": "noapperrorstring",
		"no_app_error_string": "noapperrorstring", "autoplay": "autoplay", "rows": "rows",
		colType: colType, colWeight: colWeight, colWhenSkipped: colWhenSkipped, colRefs: colRefs, colNoteFor: colNoteFor,
	}
	// Columns whose content indimaj cannot keep.
	unsupportedCols = map[string]string{
		"default":      "indimaj has no default answers",
		"read_only":    "every indimaj question can be answered",
		"repeat_count": "indimaj has no repeats",
		"parameters":   "indimaj has no question parameters",
		"trigger":      "indimaj recomputes values from the answers only",
		"media":        "indimaj shows no media",
	}
	// Columns that only change how a form looks.
	presentationCols = map[string]string{
		"appearance":       "indimaj lays questions out itself",
		"required_message": "indimaj words the required message itself",
		"noapperrorstring": "indimaj words its messages itself",
		"autoplay":         "indimaj plays no media",
		"rows":             "indimaj sizes text boxes itself",
	}
	// questionTypes are the spellings of the question types indimaj has.
	questionTypes = map[string]string{
		"integer": "integer", "int": "integer", "add integer prompt": "integer", "q int": "integer", "percentage": "integer",
		"decimal": "decimal", "add decimal prompt": "decimal", "q decimal": "decimal",
		"text": "text", "string": "text", "add text prompt": "text", "q string": "text", "phone number": "text",
		"note": "note", "add note prompt": "note", "q note": "note",
		"calculate": "calc", "add calculate prompt": "calc", "q calculate": "calc",
		"number of days in last month": "integer", "number of days in last six months": "integer", "number of days in last year": "integer",
	}
	// typeNotes say how a type was adapted.
	typeNotes = map[string]string{
		"phone number":                      "phone number becomes a text question (indimaj does not check that only digits are typed)",
		"percentage":                        "percentage becomes an integer question between 0 and 100",
		"number of days in last month":      "becomes an integer question (its 0–31 check is left out)",
		"number of days in last six months": "becomes an integer question (its 0–183 check is left out)",
		"number of days in last year":       "becomes an integer question (its 0–365 check is left out)",
	}
	metadataTypes = map[string]bool{
		"get start time": true, "get end time": true, "get today": true, "get device id": true, "get subscriber id": true,
		"get sim id": true, "get phone number": true, "start time": true, "end time": true, "sim id": true, "device id": true,
		"subscriber id": true, "simid": true, "phone number metadata": true,
		"start": true, "end": true, "today": true, "deviceid": true, "subscriberid": true, "simserial": true,
		"phonenumber": true, "username": true, "email": true, "audit": true, "imei": true, "uuid": true,
		"start-geopoint": true, "background-audio": true, "instanceid": true,
	}
	unsupportedTypes = map[string]string{
		"geopoint": "indimaj has no location questions", "geotrace": "indimaj has no location questions",
		"geoshape": "indimaj has no location questions", "background-geopoint": "indimaj has no location questions",
		"date": "indimaj has no date questions", "time": "indimaj has no date questions", "datetime": "indimaj has no date questions",
		"image": "indimaj has no media questions", "audio": "indimaj has no media questions", "video": "indimaj has no media questions",
		"file": "indimaj has no file questions", "barcode": "indimaj has no barcode questions",
		"acknowledge": "indimaj has no acknowledge questions", "trigger": "indimaj has no acknowledge questions",
		"range": "indimaj has no range questions (use integer with a constraint)",
		"rank":  "indimaj has no ranking questions", "hidden": "indimaj has no hidden values",
		"select_one_from_file": "indimaj reads no external choice files", "select_multiple_from_file": "indimaj reads no external choice files",
		"xml-external": "indimaj reads no external data", "csv-external": "indimaj reads no external data",
		"begin_repeat": "indimaj has no repeats", "begin_loop": "indimaj has no repeats",
		"photo": "indimaj has no media questions", "add image prompt": "indimaj has no media questions",
		"add photo prompt": "indimaj has no media questions", "add audio prompt": "indimaj has no media questions",
		"add video prompt": "indimaj has no media questions", "add file prompt": "indimaj has no file questions",
		"q picture": "indimaj has no media questions", "q image": "indimaj has no media questions",
		"q audio": "indimaj has no media questions", "q video": "indimaj has no media questions",
		"location": "indimaj has no location questions", "gps": "indimaj has no location questions",
		"q location": "indimaj has no location questions", "q geopoint": "indimaj has no location questions",
		"q geoshape": "indimaj has no location questions", "q geotrace": "indimaj has no location questions",
		"add location prompt": "indimaj has no location questions", "osm": "indimaj has no map (OpenStreetMap) questions",
		"q barcode": "indimaj has no barcode questions", "add barcode prompt": "indimaj has no barcode questions",
		"add date prompt": "indimaj has no date questions", "add date time prompt": "indimaj has no date questions",
		"q date": "indimaj has no date questions", "q date time": "indimaj has no date questions",
		"add time prompt": "indimaj has no date questions", "q time": "indimaj has no date questions",
		"q acknowledge": "indimaj has no acknowledge questions", "add acknowledge prompt": "indimaj has no acknowledge questions",
		"audio-audit": "indimaj records no audio", "entity": "indimaj has no entities",
	}
)

type place struct {
	sheet string
	row   int
}

// item is a survey row that becomes a question, a note or a calculation.
type item struct {
	row      int
	kind     string // single multiple boolean integer decimal text note calc
	name, id string
	list     string
	texts    map[string]map[string]string // base → language → text
	cells    map[string]string            // other columns by base name
	groupRel []relSrc                     // relevance of the nested groups around it
	secRel   string                       // relevance of its section (calculations)
	secRow   int
	section  *isection
	group    string // the groups around it, outermost first
	symKey   string // its key in the symbols when its name is taken
	// filled in by translation
	relevant, constraint string
	constraintMsg        map[string]string
	required             bool
	choices              []*ichoice
	expr                 string
	filtered             bool   // a static choice_filter kept some choices
	filterConstraint     string // a choice_filter that reads answers
}

// key is the item's key in the importer's symbols.
func (it *item) key() string {
	if it.symKey != "" {
		return it.symKey
	}
	return it.name
}

type relSrc struct {
	src string
	row int
}

type isection struct {
	id, name string
	row      int
	texts    map[string]map[string]string
	relevant string
	relExpr  string
	items    []*item
	loose    bool
}

type ichoice struct {
	row      int
	name     string
	labels   map[string]string
	score    *float64
	scoreSet bool
	missing  string
	noteReq  bool
	desc     map[string]string
	cols     map[string]string
}

type ilist struct {
	name    string
	row     int
	choices []*ichoice
	scored  bool
	used    int
}

type importer struct {
	opts   ImportOptions
	sheets map[string]*sheet
	probs  []Problem
	agg    map[string]*Problem
	aggKey []string

	survey, choices, settings, extra *sheet
	defaultLang                      string
	allowDuplicates                  bool
	langs                            []string
	formID, version                  string
	title                            map[string]string
	secDesc                          map[string]map[string]string

	// survey columns
	col      map[string]int
	textCol  map[string]map[string]int // base → lang → column
	textHead map[string]map[string]string

	lists    map[string]*ilist
	sections []*isection
	items    []*item
	calcs    []*item
	syms     map[string]*sym
	ids      map[string]bool
	env      map[string]any
	// skipped are the names of rows left out, with why.
	skipped map[string]string
}

func (im *importer) add(p place, column string, sev Severity, format string, args ...any) {
	im.probs = append(im.probs, Problem{Sheet: p.sheet, Row: p.row, Column: column, Msg: fmt.Sprintf(format, args...), Severity: sev})
}

// note adds a row to a note shared by many rows.
func (im *importer) note(sheetName string, row int, column, msg string) {
	key := sheetName + "\x00" + column + "\x00" + msg
	p, ok := im.agg[key]
	if !ok {
		p = &Problem{Sheet: sheetName, Column: column, Msg: msg, Severity: Note}
		im.agg[key] = p
		im.aggKey = append(im.aggKey, key)
	}
	if row > 0 {
		p.Rows = append(p.Rows, row)
	}
}

func (im *importer) problems() []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, p := range im.probs {
		// A nested group's relevance is checked for each question in it:
		// report it once.
		key := fmt.Sprint(p.Severity) + p.String()
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, k := range im.aggKey {
		out = append(out, *im.agg[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := sheetOrder(out[i].Sheet), sheetOrder(out[j].Sheet)
		if oi != oj {
			return oi < oj
		}
		return firstRow(out[i]) < firstRow(out[j])
	})
	return out
}

func sheetOrder(s string) int {
	switch strings.ToLower(s) {
	case "settings":
		return 0
	case "survey":
		return 1
	case "choices":
		return 2
	}
	return 3
}

func firstRow(p Problem) int {
	if len(p.Rows) > 0 {
		return p.Rows[0]
	}
	return p.Row
}

// unsupported reports something indimaj cannot represent: skipped with a
// note when skipping is allowed, else fatal.
func (im *importer) unsupported(p place, column, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	im.probs = append(im.probs, Problem{Sheet: p.sheet, Row: p.row, Column: column, Msg: msg, Severity: Unsupported})
}

func (im *importer) run() {
	im.survey = im.sheets["survey"]
	im.choices = im.sheets["choices"]
	im.settings = im.sheets["settings"]
	im.extra = im.sheets[sheetIndimaj]
	if im.survey == nil && len(im.sheets) == 1 {
		for _, sh := range im.sheets {
			if sh.column("type") >= 0 && sh.column("name") >= 0 {
				im.survey = sh
				im.add(place{sheet: sh.name}, "", Note, "the only sheet, %s, is read as the survey sheet", sh.name)
			}
		}
	}
	if im.survey != nil && len(im.survey.rows) > MaxSurveyRows+1 {
		im.add(place{sheet: im.survey.name}, "", Invalid, "%d rows: indimaj imports forms of up to %d survey rows", len(im.survey.rows)-1, MaxSurveyRows)
		return
	}
	if im.choices != nil && len(im.choices.rows) > MaxChoiceRows+1 {
		im.add(place{sheet: im.choices.name}, "", Invalid, "%d rows: indimaj imports forms of up to %d choices", len(im.choices.rows)-1, MaxChoiceRows)
		return
	}
	if im.survey == nil || len(im.survey.rows) == 0 {
		im.add(place{sheet: "survey"}, "", Invalid, "the workbook has no survey sheet (an XLSForm needs survey, and choices for select questions)")
		return
	}
	im.readSettings()
	im.readSurveyColumns()
	im.readLanguages()
	im.readChoices()
	im.readSurvey()
	if len(im.sections) == 0 {
		im.add(place{sheet: im.survey.name}, "", Invalid, "the form has no question indimaj can import")
		return
	}
	im.buildSymbols()
	// Sections whose every question had to be left out go too.
	var keep []*isection
	for _, sec := range im.sections {
		if len(sec.items) > 0 {
			keep = append(keep, sec)
		} else if !sec.loose {
			im.note(im.survey.name, sec.row, "begin_group", fmt.Sprintf("group %s has no question indimaj can import: left out", sec.name))
		}
	}
	if im.sections = keep; len(keep) == 0 {
		im.add(place{sheet: im.survey.name}, "", Invalid, "the form has no question indimaj can import")
		return
	}
	im.translate()
}

func (im *importer) readSettings() {
	im.defaultLang = "fr"
	get := func(name string) string {
		if im.settings == nil || len(im.settings.rows) < 2 {
			return ""
		}
		return cell(im.settings.rows[1], im.settings.column(name))
	}
	if dl := get("default_language"); dl != "" {
		if c, ok := langCode(dl); ok {
			im.defaultLang = c
		} else {
			im.add(place{im.settings.name, 2}, "default_language", Note, "%q is not a language indimaj speaks (fr, ar, en): unqualified columns are read as French", dl)
		}
	}
	im.allowDuplicates = truthy(get("allow_choice_duplicates"))
	id := get("form_id")
	if id == "" {
		id = strings.TrimSuffix(filepath.Base(im.opts.Name), filepath.Ext(im.opts.Name))
	}
	im.formID = sanitizeFormID(id)
	if id != "" && im.formID != id {
		im.add(place{"settings", 2}, "form_id", Note, "%q becomes the questionnaire id %q (lower-case letters, digits, - and _)", id, im.formID)
	}
	v := get("version")
	switch {
	case v == "":
		im.version = "1.0.0"
	case engine.IsSemver(v):
		im.version = v
	case regexp.MustCompile(`^\d+(\.\d+)?$`).MatchString(v) && !strings.HasPrefix(v, "0") || v == "0":
		parts := strings.Split(v, ".")
		for len(parts) < 3 {
			parts = append(parts, "0")
		}
		im.version = strings.Join(parts, ".")
		if !engine.IsSemver(im.version) {
			im.version = "1.0.0+" + sanitizeBuild(v)
		}
	default:
		im.version = "1.0.0+" + sanitizeBuild(v)
	}
	if v != "" && im.version != v {
		im.add(place{"settings", 2}, "version", Note, "%q is not a semantic version: the questionnaire version is %s", v, im.version)
	}
	if t := get("form_title"); t != "" {
		im.title = map[string]string{im.defaultLang: t}
	}
}

func sanitizeBuild(v string) string {
	b := regexp.MustCompile(`[^0-9A-Za-z.-]+`).ReplaceAllString(v, "-")
	b = strings.Trim(b, ".-")
	if b == "" {
		return "form"
	}
	return b
}

func sanitizeFormID(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = regexp.MustCompile(`[^a-z0-9_-]+`).ReplaceAllString(s, "_")
	s = strings.Trim(s, "_-")
	if s == "" {
		return "form"
	}
	if s[0] < 'a' || s[0] > 'z' {
		s = "form_" + s
	}
	return s
}

// sanitizeID turns an XLSForm name into an indimaj question id.
func sanitizeID(s string) string {
	s = sanitizeName(s)
	if engine.IsReservedName(s) {
		s += "_q"
	}
	return s
}

// sanitizeName turns an XLSForm name into a snake_case name (section ids,
// choice set names).
func sanitizeName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = regexp.MustCompile(`[^a-z0-9_]+`).ReplaceAllString(s, "_")
	s = strings.Trim(s, "_")
	if s == "" {
		return "q"
	}
	if s[0] < 'a' || s[0] > 'z' {
		s = "q_" + s
	}
	return s
}

// uniqueID reserves an id derived from name.
func (im *importer) uniqueID(name string) string {
	base := sanitizeID(name)
	id := base
	for i := 2; im.ids[id]; i++ {
		id = fmt.Sprintf("%s_%d", base, i)
	}
	im.ids[id] = true
	return id
}

func (im *importer) readSurveyColumns() {
	im.col = map[string]int{}
	im.textCol = map[string]map[string]int{}
	im.textHead = map[string]map[string]string{}
	s := im.survey
	for i, h := range s.header() {
		if h == "" {
			continue
		}
		base, lang := splitHeader(h)
		if base == "guidance hint" {
			base = "guidance_hint"
		}
		if alias, ok := surveyAliases[base]; ok && slices.Contains(textBases, alias) {
			base = alias
		}
		if slices.Contains(textBases, base) {
			im.textColumn(s, i, h, base, lang)
			continue
		}
		if isMediaColumn(base) {
			// image, audio, video, each possibly per language: all media.
			im.col["media:"+h] = i
			continue
		}
		if lang != "" && presentationCols[surveyAliases[base]] != "" {
			if colHasValues(s, i) {
				im.note(s.name, 0, h, "ignored: "+presentationCols[surveyAliases[base]])
			}
			continue
		}
		if lang != "" {
			if colHasValues(s, i) {
				im.unsupported(place{s.name, 1}, h, "column not supported by indimaj (its values would be lost)")
			}
			continue
		}
		alias, ok := surveyAliases[base]
		if !ok {
			if colHasValues(s, i) {
				im.note(s.name, 0, h, "not an XLSForm column indimaj reads: ignored")
			}
			continue
		}
		if _, dup := im.col[alias]; dup {
			im.add(place{s.name, 1}, h, Invalid, "column %s appears twice", alias)
			continue
		}
		im.col[alias] = i
	}
	if _, ok := im.col["type"]; !ok {
		im.add(place{s.name, 1}, "type", Invalid, "the survey sheet has no type column")
	}
	if _, ok := im.col["name"]; !ok {
		im.add(place{s.name, 1}, "name", Invalid, "the survey sheet has no name column")
	}
}

// textColumn records a translatable column (label::English (en)).
func (im *importer) textColumn(s *sheet, i int, header, base, lang string) {
	code := im.defaultLang
	if lang != "" && !strings.EqualFold(lang, "default") {
		c, ok := langCode(lang)
		if !ok {
			if colHasValues(s, i) {
				im.unsupported(place{s.name, 1}, header, "language %q is not supported (indimaj speaks fr, ar and en)", lang)
			}
			return
		}
		code = c
	}
	if im.textCol[base] == nil {
		im.textCol[base] = map[string]int{}
		im.textHead[base] = map[string]string{}
	}
	if prev, dup := im.textCol[base][code]; dup {
		// label and label::Français (fr) both: the qualified one wins.
		if lang == "" {
			if colHasValues(s, i) {
				im.note(s.name, 0, header, fmt.Sprintf("the column %s gives the same language: this one is ignored", im.textHead[base][code]))
			}
			return
		}
		if colHasValues(s, prev) {
			im.note(s.name, 0, im.textHead[base][code], fmt.Sprintf("the column %s gives the same language: this one is ignored", header))
		}
	}
	im.textCol[base][code] = i
	im.textHead[base][code] = header
}

func colHasValues(s *sheet, i int) bool {
	for _, row := range s.rows[1:] {
		if cell(row, i) != "" {
			return true
		}
	}
	return false
}

// readLanguages declares the languages that have labels; French always.
func (im *importer) readLanguages() {
	has := map[string]bool{}
	for l, c := range im.textCol["label"] {
		if colHasValues(im.survey, c) {
			has[l] = true
		}
	}
	if im.choices != nil {
		for i, h := range im.choices.header() {
			base, lang := splitHeader(h)
			if base != "label" {
				continue
			}
			code := im.defaultLang
			if lang != "" && !strings.EqualFold(lang, "default") {
				c, ok := langCode(lang)
				if !ok {
					continue
				}
				code = c
			}
			if colHasValues(im.choices, i) {
				has[code] = true
			}
		}
	}
	im.langs = []string{"fr"}
	for _, l := range langOrder[1:] {
		if has[l] {
			im.langs = append(im.langs, l)
		}
	}
	if !has["fr"] && len(has) > 0 {
		src := im.defaultLang
		if !has[src] {
			for _, l := range langOrder {
				if has[l] {
					src = l
					break
				}
			}
		}
		im.note(im.survey.name, 0, "label", fmt.Sprintf("the form has no French labels: indimaj's reference language is French, so the %s texts stand in for it", languageName(src)))
	}
	for base, cols := range im.textCol {
		for l, c := range cols {
			if !slices.Contains(im.langs, l) && colHasValues(im.survey, c) {
				im.note(im.survey.name, 0, im.textHead[base][l], fmt.Sprintf("the form has no %s labels: this column is ignored", languageName(l)))
			}
		}
	}
}

func languageName(l string) string {
	return map[string]string{"fr": "French", "ar": "Arabic", "en": "English"}[l]
}

// cellText reads the translatable cells of a row.
func (im *importer) cellTexts(row []string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for base, cols := range im.textCol {
		for l, c := range cols {
			if v := cell(row, c); v != "" {
				if out[base] == nil {
					out[base] = map[string]string{}
				}
				out[base][l] = v
			}
		}
	}
	return out
}

// text completes a multilingual text for the declared languages, noting
// what had to be filled in. It returns nil when no language has a text.
func (im *importer) text(cells map[string]string, p place, column string) map[string]string {
	if len(cells) == 0 {
		return nil
	}
	ref := cells["fr"]
	if ref == "" {
		for _, l := range append([]string{im.defaultLang}, langOrder...) {
			if cells[l] != "" {
				ref = cells[l]
				break
			}
		}
	}
	if ref == "" {
		return nil
	}
	head := func(l string) string {
		if h := im.textHead[column][l]; h != "" && p.sheet == im.survey.name {
			return h
		}
		return column + "::" + l
	}
	out := map[string]string{}
	for _, l := range im.langs {
		v := cells[l]
		switch {
		case l == "fr":
			out[l] = ref
		case v == "" && l == "ar":
			out[l] = txtMissingAr
			im.note(p.sheet, p.row, head(l), "no Arabic text: a \"translation missing\" placeholder is used")
		case v == "":
			out[l] = ref
			im.note(p.sheet, p.row, head(l), fmt.Sprintf("no %s text: the French text is used", languageName(l)))
		case l == "ar" && !mostlyArabic(v):
			out[l] = txtMissingAr
			im.note(p.sheet, p.row, head(l), "not written in Arabic script: a \"translation missing\" placeholder is used")
		default:
			out[l] = v
		}
	}
	return out
}

func (im *importer) readChoices() {
	im.lists = map[string]*ilist{}
	s := im.choices
	if s == nil || len(s.rows) == 0 {
		return
	}
	listCol, nameCol := -1, -1
	labelCol := map[string]int{}
	descCol := map[string]int{}
	scoreCol, missingCol, noteCol := -1, -1, -1
	other := map[string]int{}
	for i, h := range s.header() {
		base, lang := splitHeader(h)
		switch {
		case h == "":
		case base == "list_name" || base == "list name":
			listCol = i
		case base == "name" || base == "value":
			nameCol = i
		case base == "label":
			code := im.defaultLang
			if lang != "" && !strings.EqualFold(lang, "default") {
				c, ok := langCode(lang)
				if !ok {
					if colHasValues(s, i) {
						im.unsupported(place{s.name, 1}, h, "language %q is not supported (indimaj speaks fr, ar and en)", lang)
					}
					continue
				}
				code = c
			}
			if _, dup := labelCol[code]; dup && lang == "" {
				continue
			}
			labelCol[code] = i
		case base == "score":
			scoreCol = i
		case base == "missing":
			missingCol = i
		case base == "note_required":
			noteCol = i
		case strings.HasPrefix(base, colDescription):
			descCol[strings.TrimPrefix(base, colDescription)] = i
		case base == "media" || base == "image" || base == "audio" || base == "video" || base == "big-image":
			if colHasValues(s, i) {
				im.unsupported(place{s.name, 1}, h, "choice media are not supported (indimaj shows no media)")
			}
		case lang != "":
			if colHasValues(s, i) {
				im.note(s.name, 0, h, "not a choices column indimaj reads: ignored")
			}
		default:
			other[h] = i
		}
	}
	if listCol < 0 || nameCol < 0 {
		im.add(place{s.name, 1}, "", Invalid, "the choices sheet needs list_name and name columns")
		return
	}
	for r := 1; r < len(s.rows); r++ {
		row := s.rows[r]
		p := place{s.name, r + 1}
		ln, name := cell(row, listCol), cell(row, nameCol)
		if ln == "" && name == "" {
			continue
		}
		if ln == "" {
			im.add(p, "list_name", Invalid, "missing list name")
			continue
		}
		l := im.lists[ln]
		if l == nil {
			l = &ilist{name: ln, row: r + 1}
			im.lists[ln] = l
		}
		c := &ichoice{row: r + 1, name: name, labels: map[string]string{}, desc: map[string]string{}, cols: map[string]string{"name": name}}
		switch {
		case name == "":
			label := ""
			if c, ok := labelCol[im.defaultLang]; ok {
				label = cell(row, c)
			}
			im.unsupported(p, "name", "a choice without a name is left out (its label: %q)", abbreviate(label))
			continue
		case !engine.IsChoiceCode(name):
			im.unsupported(p, "name", "choice name %q cannot be an indimaj code (letters, digits, _, - and ., starting with a letter or digit)", name)
			continue
		}
		dup := false
		for _, prev := range l.choices {
			if prev.name == name {
				dup = true
				if im.allowDuplicates {
					im.unsupported(p, "name", "choice %q appears twice in list %s (row %d): allow_choice_duplicates is set, but indimaj needs one code per choice, so this one is left out", name, ln, prev.row)
				} else {
					im.add(p, "name", Invalid, "choice %q appears twice in list %s (row %d)", name, ln, prev.row)
				}
				break
			}
		}
		if dup && im.allowDuplicates {
			continue
		}
		for l, col := range labelCol {
			if v := cell(row, col); v != "" {
				c.labels[l] = v
			}
		}
		if c.labels[im.defaultLang] != "" {
			c.cols["label"] = c.labels[im.defaultLang]
		}
		for l, col := range descCol {
			if v := cell(row, col); v != "" {
				c.desc[l] = v
			}
		}
		for h, col := range other {
			c.cols[h] = cell(row, col)
		}
		if sc := cell(row, scoreCol); sc != "" {
			c.scoreSet = true
			if !strings.EqualFold(sc, "null") {
				v, err := strconv.ParseFloat(strings.ReplaceAll(sc, ",", "."), 64)
				switch {
				case err != nil || math.IsNaN(v):
					im.add(p, "score", Invalid, "%q is not a number (0 to 100, or empty for don't know)", sc)
				case v < 0 || v > 100:
					im.add(p, "score", Invalid, "%v is outside 0–100", v)
				default:
					c.score = &v
					l.scored = true
				}
			}
		}
		if m := cell(row, missingCol); m != "" {
			switch {
			case m != "dont_know" && m != "not_applicable":
				im.add(p, "missing", Invalid, "missing must be dont_know or not_applicable, got %q", m)
			case c.score != nil:
				im.add(p, "missing", Invalid, "missing goes with an empty score (a choice that is not scored)")
			default:
				c.missing = m
			}
		}
		c.noteReq = truthy(cell(row, noteCol))
		l.choices = append(l.choices, c)
	}
	for _, l := range im.lists {
		if !l.scored {
			continue
		}
		levels := 0
		for _, c := range l.choices {
			if c.score != nil {
				levels++
			}
		}
		if levels < 2 {
			im.add(place{s.name, l.row}, "score", Invalid, "list %s has one scored choice: a scored list needs at least two levels", l.name)
		}
	}
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "1", "true()", "oui", "y":
		return true
	}
	return false
}

func falsy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "false", "0", "false()", "non", "n":
		return true
	}
	return false
}

type groupFrame struct {
	row      int
	name     string
	top      bool
	relevant string
	section  *isection
}

func normType(t string) string {
	return strings.Join(strings.Fields(strings.ToLower(t)), " ")
}

func (im *importer) readSurvey() {
	s := im.survey
	typeCol, nameCol := im.col["type"], im.col["name"]
	if _, ok := im.col["type"]; !ok {
		return
	}
	if _, ok := im.col["name"]; !ok {
		return
	}
	get := func(row []string, base string) string {
		c, ok := im.col[base]
		if !ok {
			return ""
		}
		if base == "relevant" || base == "constraint" || base == "calculation" || base == "choice_filter" {
			return straightQuotes(cell(row, c))
		}
		return cell(row, c)
	}
	im.ids = map[string]bool{}
	var stack []*groupFrame
	var loose *isection
	skipDepth := 0 // inside an unsupported repeat
	skipRow := 0
	skippedNames := map[string]string{}
	for r := 1; r < len(s.rows); r++ {
		row := s.rows[r]
		p := place{s.name, r + 1}
		typ := normType(cell(row, typeCol))
		name := cell(row, nameCol)
		texts := im.cellTexts(row)
		if typ == "" {
			if name != "" || len(texts) > 0 {
				im.add(p, "type", Invalid, "missing type")
			}
			continue
		}
		// Repeats are skipped whole.
		if skipDepth > 0 {
			if name != "" {
				skippedNames[name] = fmt.Sprintf("it is inside the repeat of row %d", skipRow)
			}
			switch controlType(typ) {
			case "begin repeat":
				skipDepth++
			case "end repeat":
				skipDepth--
			}
			continue
		}
		switch controlType(typ) {
		case "begin group":
			if name == "" {
				im.add(p, "name", Invalid, "a group needs a name")
			}
			f := &groupFrame{row: r + 1, name: name, top: len(stack) == 0, relevant: get(row, "relevant")}
			im.unsupportedCells(row, p, im.cellBases()...)
			if f.top {
				sec := &isection{name: name, row: r + 1, texts: texts, relevant: f.relevant}
				im.sections = append(im.sections, sec)
				f.section = sec
				loose = nil
			} else if len(texts["label"]) > 0 {
				// A nested group is flattened: its label becomes a note.
				it := &item{row: r + 1, kind: "note", name: name, texts: map[string]map[string]string{"label": texts["label"], "hint": texts["hint"]},
					cells: map[string]string{}, groupRel: im.groupRels(stack, f)}
				im.addItem(it, stack)
				im.note(s.name, r+1, "begin_group", "a group inside a group is flattened into its section: its label becomes a note and its relevance applies to each question")
			}
			im.presentation(row, p)
			stack = append(stack, f)
			continue
		case "end group":
			if len(stack) == 0 {
				im.add(p, "type", Invalid, "end_group without a begin_group")
				continue
			}
			stack = stack[:len(stack)-1]
			continue
		case "begin repeat":
			im.unsupported(p, "type", "%s: indimaj has no repeats (the repeat and every row in it)", typ)
			if name != "" {
				skippedNames[name] = "it is a repeat"
			}
			skipDepth, skipRow = 1, r+1
			continue
		case "end repeat":
			im.add(p, "type", Invalid, "%s without a begin", typ)
			continue
		}
		kind, list, orOther := "", "", false
		if cmd, l, other, ok := selectType(typ); ok {
			kind = "single"
			if strings.Contains(cmd, "multiple") || strings.Contains(cmd, "all that apply") {
				kind = "multiple"
			}
			if why, bad := unsupportedSelects[cmd]; bad {
				im.unsupported(p, "type", "%s: %s", cmd, why)
				if name != "" {
					skippedNames[name] = "its type " + cmd + " is not supported"
				}
				continue
			}
			if l == "" {
				im.add(p, "type", Invalid, "%s needs a list name", cmd)
				continue
			}
			// List names are case-sensitive in XLSForm: keep it as written.
			for _, f := range strings.Fields(cell(row, typeCol)) {
				if strings.EqualFold(f, l) {
					list = f
				}
			}
			orOther = other
		} else if k, ok := questionTypes[typ]; ok {
			kind = k
			if why := typeNotes[typ]; why != "" {
				im.note(s.name, r+1, "type", why)
			}
		} else if metadataTypes[typ] || strings.HasPrefix(typ, "uri:") {
			im.note(s.name, r+1, "type", "metadata ("+typ+") is not a question: ignored")
			if name != "" {
				skippedNames[name] = "it is metadata (" + typ + ")"
			}
			continue
		} else {
			first := strings.Fields(typ)[0]
			why, ok := unsupportedTypes[typ]
			if !ok {
				why, ok = unsupportedTypes[strings.ReplaceAll(first, " ", "_")]
			}
			if !ok {
				why, ok = unsupportedTypes[first]
			}
			if ok {
				im.unsupported(p, "type", "%s: %s", typ, why)
				if name != "" {
					skippedNames[name] = "its type " + typ + " is not supported"
				}
				continue
			}
			im.add(p, "type", Invalid, "unknown type %q", cell(row, typeCol))
			continue
		}
		if name == "" && kind == "note" {
			name = fmt.Sprintf("note_row_%d", r+1)
			im.note(s.name, r+1, "name", "a note without a name is named note_row_ROW")
		}
		if name == "" {
			im.add(p, "name", Invalid, "a %s row needs a name", typ)
			continue
		}
		it := &item{row: r + 1, kind: kind, name: name, list: list, texts: texts, cells: map[string]string{}, group: groupPath(stack)}
		for _, c := range []string{"required", "relevant", "constraint", "calculation", "default", "choice_filter", colType, colWeight, colWhenSkipped, colRefs, colNoteFor} {
			it.cells[c] = get(row, c)
			if c == "relevant" || c == "constraint" || c == "calculation" || c == "choice_filter" {
				it.cells[c] = straightQuotes(it.cells[c])
			}
		}
		if typ == "percentage" && it.cells["constraint"] == "" {
			it.cells["constraint"] = "0 <= . and . <= 100"
		}
		var other *item
		if orOther {
			list = im.orOtherList(list, p)
			it.list = list
			other = &item{row: r + 1, kind: "text", name: name + "_other", cells: map[string]string{"relevant": "selected(${" + name + "}, 'other')"},
				texts: map[string]map[string]string{"label": txtSpecifyOther}}
			im.note(s.name, r+1, "type", "or_other: an \"other\" choice and a text question NAME_other (asked when other is chosen) are added, as ODK does")
		}
		im.unsupportedCells(row, p, im.cellBases()...)
		im.presentation(row, p)
		if kind == "calc" {
			it.groupRel = im.groupRels(stack, nil)
			if len(stack) > 0 {
				it.secRel = stack[0].relevant
				it.secRow = stack[0].row
			}
			im.calcs = append(im.calcs, it)
			im.items = append(im.items, it)
			continue
		}
		for _, it := range []*item{it, other} {
			if it == nil {
				continue
			}
			if len(stack) == 0 {
				if loose == nil {
					loose = &isection{name: im.formID, row: r + 1, loose: true}
					im.sections = append(im.sections, loose)
				}
				it.section = loose
				loose.items = append(loose.items, it)
				im.items = append(im.items, it)
				continue
			}
			it.groupRel = im.groupRels(stack, nil)
			im.addItem(it, stack)
		}
	}
	if skipDepth > 0 {
		im.add(place{s.name, skipRow}, "type", Invalid, "begin_repeat without an end_repeat")
	}
	for _, f := range stack {
		im.add(place{s.name, f.row}, "type", Invalid, "begin_group %s has no end_group", f.name)
	}
	im.skipped = skippedNames
	// Drop empty sections (a group with nothing indimaj can import).
	var keep []*isection
	for _, sec := range im.sections {
		if len(sec.items) == 0 {
			if !sec.loose {
				im.note(s.name, sec.row, "begin_group", fmt.Sprintf("group %s has no question indimaj can import: left out", sec.name))
			}
			continue
		}
		keep = append(keep, sec)
	}
	im.sections = keep
}

// groupRels lists the relevance of the nested groups of stack (below the
// section) and of extra.
func (im *importer) groupRels(stack []*groupFrame, extra *groupFrame) []relSrc {
	var out []relSrc
	for i, f := range stack {
		if i == 0 {
			continue
		}
		if f.relevant != "" {
			out = append(out, relSrc{f.relevant, f.row})
		}
	}
	if extra != nil && extra.relevant != "" && !extra.top {
		out = append(out, relSrc{extra.relevant, extra.row})
	}
	return out
}

func (im *importer) addItem(it *item, stack []*groupFrame) {
	sec := stack[0].section
	it.section = sec
	sec.items = append(sec.items, it)
	im.items = append(im.items, it)
}

func groupPath(stack []*groupFrame) string {
	var names []string
	for _, f := range stack {
		names = append(names, f.name)
	}
	return strings.Join(names, "/")
}

// controlType tells group and repeat rows apart: "begin group", "end
// group", "begin repeat" (repeat, loop over LIST, looped group, lgroup) or
// "end repeat"; "" for other rows.
func controlType(typ string) string {
	t := strings.ReplaceAll(typ, "_", " ")
	for _, edge := range []string{"begin ", "end "} {
		rest, ok := strings.CutPrefix(t, edge)
		if !ok {
			continue
		}
		switch {
		case rest == "group":
			return edge + "group"
		case rest == "repeat" || rest == "loop" || rest == "lgroup" || rest == "looped group" || strings.HasPrefix(rest, "loop over ") || strings.HasPrefix(rest, "repeat over "):
			return edge + "repeat"
		}
	}
	return ""
}

// cellBases lists the survey columns whose cells indimaj cannot keep.
func (im *importer) cellBases() []string {
	out := []string{"default", "read_only", "repeat_count", "parameters", "trigger"}
	for k := range im.col {
		if strings.HasPrefix(k, "media:") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func isMediaColumn(base string) bool {
	switch base {
	case "media", "image", "audio", "video", "big-image":
		return true
	}
	return false
}

// straightQuotes replaces the typographic quotes Excel types (‘ ’ “ ”) with
// straight ones in an expression, as pyxform does.
func straightQuotes(s string) string {
	return strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`).Replace(s)
}

// selectCommands are the spellings of select types, longest first.
var selectCommands = func() []string {
	out := []string{
		"select_one", "select one", "select1", "select one from", "add select one prompt using", "select one using",
		"select_multiple", "select multiple", "select all that apply", "select all that apply from", "select multiple from",
		"add select multiple prompt using", "select multiple using",
		"select_one_external", "select one external", "select_one_from_file", "select one from file",
		"select_multiple_from_file", "select multiple from file", "rank",
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}()

// unsupportedSelects are select types indimaj cannot represent.
var unsupportedSelects = map[string]string{
	"select_one_external":  "its choices come from an external CSV file (external_choices), which indimaj does not read",
	"select one external":  "its choices come from an external CSV file (external_choices), which indimaj does not read",
	"select_one_from_file": "indimaj reads no external choice files", "select one from file": "indimaj reads no external choice files",
	"select_multiple_from_file": "indimaj reads no external choice files", "select multiple from file": "indimaj reads no external choice files",
	"rank": "indimaj has no ranking questions",
}

// selectType parses "select_one LIST", "select one from LIST or specify
// other" and the other spellings pyxform accepts (normalized type).
func selectType(typ string) (cmd, list string, orOther, ok bool) {
	for _, c := range selectCommands {
		rest, found := strings.CutPrefix(typ, c)
		if !found || rest != "" && rest[0] != ' ' {
			continue
		}
		f := strings.Fields(rest)
		for _, suffix := range []string{"or specify other", "or_other", "or other"} {
			n := len(strings.Fields(suffix))
			if len(f) > n && strings.Join(f[len(f)-n:], " ") == suffix {
				f, orOther = f[:len(f)-n], true
				break
			}
		}
		switch len(f) {
		case 0:
			return c, "", orOther, true
		case 1:
			return c, f[0], orOther, true
		}
		return "", "", false, false
	}
	return "", "", false, false
}

// orOtherList returns a list like name with an "other" choice added (made
// once per list).
func (im *importer) orOtherList(name string, p place) string {
	key := name + " or_other"
	if _, done := im.lists[key]; done {
		return key
	}
	l := im.lists[name]
	if l == nil {
		return name // reported as a missing list
	}
	cp := &ilist{name: key, row: l.row, choices: slices.Clone(l.choices), scored: l.scored}
	has := false
	for _, c := range l.choices {
		has = has || c.name == "other"
	}
	if !has {
		other := &ichoice{row: l.row, name: "other", labels: maps.Clone(txtOther), desc: map[string]string{}, cols: map[string]string{"name": "other"}}
		if l.scored {
			other.scoreSet = true
		}
		cp.choices = append(cp.choices, other)
	}
	im.lists[key] = cp
	return key
}

// unsupportedCells reports the cells of columns indimaj cannot keep.
func (im *importer) unsupportedCells(row []string, p place, bases ...string) {
	for _, b := range bases {
		c, ok := im.col[b]
		if !ok {
			continue
		}
		v := cell(row, c)
		if v == "" || b == "read_only" && falsy(v) {
			continue
		}
		why := unsupportedCols[b]
		if strings.HasPrefix(b, "media:") {
			why = unsupportedCols["media"]
		}
		im.unsupported(p, im.survey.header()[c], "%s (%s)", why, abbreviate(v))
	}
}

func abbreviate(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

// presentation notes the presentation columns that are ignored.
func (im *importer) presentation(row []string, p place) {
	for b, why := range presentationCols {
		if c, ok := im.col[b]; ok && cell(row, c) != "" {
			im.note(p.sheet, p.row, im.survey.header()[c], "ignored: "+why)
		}
	}
}
