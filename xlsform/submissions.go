package xlsform

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/indimaj/indimaj/engine"
)

// Submission is one filled-in form from a KoboToolbox or ODK Central export.
type Submission struct {
	// Row places it: the CSV line where it starts (the header is line 1), or
	// its position in a JSON list (from 1).
	Row int
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
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		rows, err = readJSONRows(data)
	case ".csv", ".txt", ".tsv":
		rows, err = readCSVRows(data)
	default:
		if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			rows, err = readJSONRows(data)
		} else {
			rows, err = readCSVRows(data)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	out := &Submissions{}
	m := newColumnMatcher(q, opts)
	unknown := map[string]bool{}
	var unknownOrder []string
	matched := false
	for _, r := range rows {
		s := Submission{Row: r.row, Answers: map[string]any{}, Notes: map[string]string{}}
		for _, kv := range r.cells {
			switch kind, id := m.match(kv.key); kind {
			case colAnswer:
				matched = true
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
		out.List = append(out.List, s)
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
			return colResult{kind: colIgnored}
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
	row   int
	cells []rawCell
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
		return nil, fmt.Errorf("not a CSV file: %v", err)
	}
	var rows []rawRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a readable CSV file: %v", err)
		}
		line, _ := r.FieldPos(0)
		empty := true
		row := rawRow{row: line}
		for i, v := range rec {
			if i >= len(header) {
				if strings.TrimSpace(v) != "" {
					return nil, fmt.Errorf("line %d has more cells than the header", line)
				}
				continue
			}
			if strings.TrimSpace(v) != "" {
				empty = false
			}
			row.cells = append(row.cells, rawCell{strings.TrimSpace(header[i]), v})
		}
		if !empty {
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
		return nil, fmt.Errorf("not a JSON file: %v", err)
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
