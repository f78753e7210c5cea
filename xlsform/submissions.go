package xlsform

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// Submission is one filled-in form from a KoboToolbox or ODK Central export.
type Submission struct {
	// Row places it: its spreadsheet row in a CSV or XLSX export (the
	// header is row 1), or its position in a JSON list (from 1).
	Row int
	// Line is the CSV line where it starts, when a cell spanning lines
	// above makes it differ from Row (0 otherwise).
	Line int
	// Respondent is the respondent column's value ("" when there is none).
	Respondent string
	// At is when it was submitted (zero when the export does not say).
	At time.Time
	// Answers maps question ids to values as exported: text from a CSV, JSON
	// values from a JSON export. Empty answers are left out.
	Answers map[string]any
	// Notes maps question ids to the note given with them (the QUESTION_note
	// text rows that export adds for choices that need a note).
	Notes map[string]string
	// Order lists the answered question ids in the export's column order.
	Order []string
}

// Place is where the submission is in its file: "5", or "5 (line 9)" when
// cells spanning lines put spreadsheet row 5 on line 9 of the CSV.
func (s Submission) Place() string {
	if s.Line != 0 && s.Line != s.Row {
		return fmt.Sprintf("%d (line %d)", s.Row, s.Line)
	}
	return strconv.Itoa(s.Row)
}

// SubmissionOptions tune ReadSubmissions.
type SubmissionOptions struct {
	// RespondentColumn names the column that holds the respondent (its full
	// header or its last part). Empty: _submitted_by, SubmitterName or username.
	RespondentColumn string
}

// Submissions are the submissions of a file and what was noticed reading it.
type Submissions struct {
	List []Submission
	// Warnings are notes for the user (columns that match no question…).
	Warnings []string
}

// Columns that exports add and that are not answers.
var metaColumns = map[string]bool{
	"start": true, "end": true, "today": true, "deviceid": true, "username": true, "phonenumber": true,
	"simserial": true, "subscriberid": true, "instanceid": true, "instancename": true, "key": true,
	"submissiondate": true, "submitterid": true, "submittername": true, "attachmentspresent": true,
	"attachmentsexpected": true, "status": true, "reviewstate": true, "edits": true, "formversion": true,
	"audit": true, "uuid": true, "meta": true, "parent_key": true, "email": true, "imei": true,
	"updatedat": true, "system": true, "submitted_by": true,
}

var defaultRespondentColumns = []string{"_submitted_by", "submittername", "username"}

var timeColumns = []string{"_submission_time", "submissiondate", "end"}

// ReadSubmissions reads a CSV or JSON export of submissions to the form
// export wrote for q. Column names may carry their groups (gov/gov03,
// gov-gov03); select_multiple answers are space-separated codes.
func ReadSubmissions(name string, data []byte, q *engine.Questionnaire, opts SubmissionOptions) (*Submissions, error) {
	var rows []rawRow
	var err error
	if len(data) > MaxWorkbookBytes {
		return nil, fmt.Errorf("%s: %w: the file is larger than %d MB", name, ErrTooLarge, MaxWorkbookBytes>>20)
	}
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".xlsx" || ext == ".xls" || bytes.HasPrefix(data, []byte("PK\x03\x04")) || isXLS(data):
		rows, err = readXLSXRows(data)
	case ext == ".json":
		rows, err = readJSONRows(data)
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		rows, err = readCSVRows(data)
	default:
		if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			rows, err = readJSONRows(data)
		} else {
			rows, err = readCSVRows(data)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := &Submissions{}
	m := newColumnMatcher(q, opts)
	unknown := map[string]bool{}
	var unknownOrder []string
	matched := false
	var bad []string
	for _, r := range rows {
		s := Submission{Row: r.row, Line: r.line, Answers: map[string]any{}, Notes: map[string]string{}}
		// Kobo's one-column-per-choice copy of multiple choices: question
		// id → chosen codes, and whether the joined column is in the file.
		split := map[string][]string{}
		joined := map[string]bool{}
		var splitOrder []string
		for _, kv := range r.cells {
			switch kind, id := m.match(kv.key); kind {
			case colSplit:
				matched = true
				code := m.cache[kv.key].code
				on, ok := splitValue(kv.val)
				if !ok {
					bad = append(bad, fmt.Sprintf("%s:%s: %s: %q is neither 1 nor 0 (one column per choice of %s)", name, s.Place(), kv.key, fmt.Sprint(kv.val), id))
					continue
				}
				if _, seen := split[id]; !seen {
					split[id] = nil
					splitOrder = append(splitOrder, id)
				}
				if on {
					split[id] = append(split[id], code)
				}
			case colAnswer:
				matched = true
				joined[id] = true
				if isEmptyValue(kv.val) {
					continue
				}
				if _, dup := s.Answers[id]; !dup {
					s.Order = append(s.Order, id)
				}
				s.Answers[id] = kv.val
			case colNote:
				if v, ok := kv.val.(string); ok && strings.TrimSpace(v) != "" {
					s.Notes[id] = strings.TrimSpace(v)
				}
			case colRespondent:
				if v := strings.TrimSpace(fmt.Sprint(kv.val)); kv.val != nil && v != "" {
					if s.Respondent == "" || m.isPreferred(kv.key) {
						s.Respondent = v
					}
				}
			case colTime:
				if v, ok := kv.val.(string); ok && s.At.IsZero() {
					s.At = parseTime(v)
				}
			case colUnknown:
				if !unknown[kv.key] {
					unknown[kv.key] = true
					unknownOrder = append(unknownOrder, kv.key)
				}
			}
		}
		for _, id := range splitOrder {
			codes := split[id]
			if len(codes) == 0 {
				continue
			}
			if _, answered := s.Answers[id]; answered {
				continue // the joined column says it
			}
			// Only the split columns (or an empty joined one): read them,
			// in the order of the choices.
			qu := m.q.Question(id)
			var ordered []string
			for _, c := range qu.Choices {
				if slices.Contains(codes, c.Value) {
					ordered = append(ordered, c.Value)
				}
			}
			if joined[id] {
				out.Warnings = append(out.Warnings, fmt.Sprintf("%s:%s: %s: the joined column is empty but the one-column-per-choice columns say %s: those are used", name, s.Place(), id, strings.Join(ordered, " ")))
			}
			s.Answers[id] = strings.Join(ordered, " ")
			s.Order = append(s.Order, id)
		}
		out.List = append(out.List, s)
	}
	if len(bad) > 0 {
		return nil, errors.New(strings.Join(bad, "\n"))
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no submissions", name)
	}
	if !matched {
		return nil, fmt.Errorf("%s: no column matches a question of %s (export the data with XML names as headers, not labels)", name, q.ID)
	}
	if opts.RespondentColumn != "" && !m.respondentSeen {
		return nil, fmt.Errorf("%s: no column %q (--respondent-column)", name, opts.RespondentColumn)
	}
	if len(unknownOrder) > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s: columns that match no question, ignored: %s", name, strings.Join(unknownOrder, ", ")))
	}
	return out, nil
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.000-07:00", "2006-01-02 15:04:05", "2006-01-02T15:04:05.999-0700"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

type colKind int

const (
	colUnknown colKind = iota
	colIgnored
	colAnswer
	colNote
	colRespondent
	colTime
	colSplit // one column per choice of a multiple choice (1/0)
)

type columnMatcher struct {
	q              *engine.Questionnaire
	respondent     string
	respondentSeen bool
	calcs          map[string]bool
	cache          map[string]colResult
}

type colResult struct {
	kind colKind
	id   string
	code string // colSplit: the choice
}

func newColumnMatcher(q *engine.Questionnaire, opts SubmissionOptions) *columnMatcher {
	m := &columnMatcher{q: q, respondent: opts.RespondentColumn, calcs: map[string]bool{}, cache: map[string]colResult{}}
	for _, c := range q.Calcs {
		m.calcs[c.ID] = true
	}
	return m
}

// parts splits a header into its path segments (gov/gov03, gov-gov03, gov.gov03).
func headerParts(h string) []string {
	h = strings.TrimSpace(h)
	if strings.Contains(h, "/") {
		return strings.Split(h, "/")
	}
	return []string{h}
}

func (m *columnMatcher) isPreferred(h string) bool {
	return m.respondent != "" && m.matchesRespondent(h)
}

func (m *columnMatcher) matchesRespondent(h string) bool {
	parts := headerParts(h)
	last := parts[len(parts)-1]
	if m.respondent != "" {
		return h == m.respondent || last == m.respondent
	}
	for _, c := range defaultRespondentColumns {
		if strings.EqualFold(last, c) {
			return true
		}
	}
	return false
}

func (m *columnMatcher) match(h string) (colKind, string) {
	if r, ok := m.cache[h]; ok {
		if r.kind == colRespondent {
			m.respondentSeen = true
		}
		return r.kind, r.id
	}
	r := m.classify(h)
	m.cache[h] = r
	if r.kind == colRespondent {
		m.respondentSeen = true
	}
	return r.kind, r.id
}

func (m *columnMatcher) classify(h string) colResult {
	if m.matchesRespondent(h) {
		return colResult{kind: colRespondent}
	}
	parts := headerParts(h)
	last := parts[len(parts)-1]
	for _, c := range timeColumns {
		if strings.EqualFold(last, c) {
			return colResult{kind: colTime}
		}
	}
	// gov-gov03 (ODK Central): question ids have no "-".
	candidates := []string{last}
	if i := strings.LastIndex(last, "-"); i >= 0 {
		candidates = append(candidates, last[i+1:])
	}
	if i := strings.LastIndex(last, "."); i >= 0 {
		candidates = append(candidates, last[i+1:])
	}
	for _, c := range candidates {
		if qu := m.q.Question(c); qu != nil {
			if qu.Type == engine.Note {
				return colResult{kind: colIgnored}
			}
			return colResult{kind: colAnswer, id: c}
		}
		if m.calcs[c] {
			return colResult{kind: colIgnored}
		}
		if base, ok := strings.CutSuffix(c, "_note"); ok && m.needsNote(base) {
			return colResult{kind: colNote, id: base}
		}
	}
	// gov/priorities/P1: Kobo's one-column-per-choice copy of a multiple choice.
	if len(parts) >= 2 {
		if qu := m.q.Question(parts[len(parts)-2]); qu != nil && qu.Type == engine.Multiple && qu.Choice(last) != nil {
			return colResult{kind: colSplit, id: qu.ID, code: last}
		}
	}
	tail := last
	if i := strings.LastIndex(tail, "-"); i >= 0 {
		tail = tail[i+1:]
	}
	lower := strings.ToLower(h)
	if strings.HasPrefix(last, "_") || metaColumns[strings.ToLower(strings.TrimLeft(last, "_"))] || metaColumns[strings.ToLower(tail)] ||
		strings.HasPrefix(lower, "meta/") || strings.HasPrefix(lower, "meta-") || strings.HasPrefix(lower, "__system") {
		return colResult{kind: colIgnored}
	}
	return colResult{kind: colUnknown}
}

func (m *columnMatcher) needsNote(id string) bool {
	qu := m.q.Question(id)
	if qu == nil {
		return false
	}
	for _, c := range qu.Choices {
		if c.NoteRequired {
			return true
		}
	}
	return false
}

type rawCell struct {
	key string
	val any
}

type rawRow struct {
	row   int // spreadsheet row (CSV, XLSX) or position (JSON)
	line  int // CSV line where the row starts
	cells []rawCell
}

// splitValue reads a one-column-per-choice cell: 1/0, true/false.
func splitValue(v any) (on, ok bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, true
	case int64:
		return x == 1, x == 0 || x == 1
	case float64:
		return x == 1, x == 0 || x == 1
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "", "0", "0.0", "false", "false()", "no":
			return false, true
		case "1", "1.0", "true", "true()", "yes":
			return true, true
		}
	}
	return false, false
}

// readXLSXRows reads the first sheet of an XLSX (or XLS) data export, such
// as KoboToolbox's: a header row, then one submission per row.
func readXLSXRows(data []byte) ([]rawRow, error) {
	sheets, names, err := readWorkbook(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: the workbook has no sheet", ErrNotWorkbook)
	}
	sh := sheets[strings.ToLower(strings.TrimSpace(names[0]))]
	if len(sh.rows) == 0 {
		return nil, fmt.Errorf("the file is empty")
	}
	header := sh.rows[0]
	var rows []rawRow
	for i, rec := range sh.rows[1:] {
		row, err := headedRow(header, rec, i+2, 0)
		if err != nil {
			return nil, err
		}
		if len(row.cells) > 0 {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// headedRow pairs a data row's cells with the header's column names. A
// value in a column without a name is an error, never dropped; a row whose
// cells are all blank comes back without cells.
func headedRow(header, rec []string, row, line int) (rawRow, error) {
	out := rawRow{row: row, line: line}
	empty := true
	for j, v := range rec {
		if j >= len(header) || strings.TrimSpace(header[j]) == "" {
			switch {
			case strings.TrimSpace(v) == "":
			case j >= len(header):
				return rawRow{}, fmt.Errorf("row %d has more cells than the header", row)
			default:
				return rawRow{}, fmt.Errorf("row %d: a value in column %d, which has no header", row, j+1)
			}
			continue
		}
		if strings.TrimSpace(v) != "" {
			empty = false
		}
		out.cells = append(out.cells, rawCell{strings.TrimSpace(header[j]), v})
	}
	if empty {
		out.cells = nil
	}
	return out, nil
}

func readCSVRows(data []byte) ([]rawRow, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i]
	}
	comma := ','
	best := bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > best {
			comma, best = c, n
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file is empty")
		}
		return nil, fmt.Errorf("not a CSV file: %w", err)
	}
	var rows []rawRow
	record := 1 // the header is spreadsheet row 1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		record++
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				at := fmt.Sprintf("row %d", record)
				if pe.StartLine != record || pe.Line != record {
					at += fmt.Sprintf(" (line %d)", pe.Line)
				}
				return nil, fmt.Errorf("not a readable CSV file: %s, column %d: %w", at, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("not a readable CSV file: row %d: %w", record, err)
		}
		line, _ := r.FieldPos(0)
		row, err := headedRow(header, rec, record, line)
		if err != nil {
			return nil, err
		}
		if len(row.cells) > 0 {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func readJSONRows(data []byte) ([]rawRow, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not a JSON file: %w", err)
	}
	// ODK Central's OData: {"value": [...]}; Kobo's API: {"results": [...]}.
	if obj, ok := v.(map[string]any); ok {
		for _, k := range []string{"value", "results"} {
			if list, ok := obj[k].([]any); ok {
				v = list
				break
			}
		}
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("expected a list of submissions (objects)")
	}
	var rows []rawRow
	for i, it := range list {
		obj, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("submission %d is not an object", i+1)
		}
		row := rawRow{row: i + 1}
		flatten("", obj, &row.cells)
		rows = append(rows, row)
	}
	return rows, nil
}

// flatten turns nested groups ({"gov": {"gov03": "full"}}) into gov/gov03
// keys; a JSON number becomes float64 or int64.
func flatten(prefix string, obj map[string]any, out *[]rawCell) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := k
		if prefix != "" {
			key = prefix + "/" + k
		}
		switch x := obj[k].(type) {
		case map[string]any:
			flatten(key, x, out)
		case json.Number:
			if i, err := x.Int64(); err == nil {
				*out = append(*out, rawCell{key, i})
			} else if f, err := x.Float64(); err == nil {
				*out = append(*out, rawCell{key, f})
			} else {
				*out = append(*out, rawCell{key, x.String()})
			}
		default:
			*out = append(*out, rawCell{key, x})
		}
	}
}
