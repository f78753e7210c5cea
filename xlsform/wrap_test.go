package xlsform

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"testing"
)

// TestSubmissionErrorsKeepTheirCause: a file that cannot be read says why
// and keeps the reader's error in the chain.
func TestSubmissionErrorsKeepTheirCause(t *testing.T) {
	_, err := readCSVRows([]byte("a,b\n\"x,1\n"))
	if err == nil || !errors.Is(err, csv.ErrQuote) {
		t.Errorf("CSV: %v does not wrap csv.ErrQuote", err)
	}
	_, err = readJSONRows([]byte("[x"))
	var se *json.SyntaxError
	if err == nil || !errors.As(err, &se) {
		t.Errorf("JSON: %v (%T) does not wrap a *json.SyntaxError", err, err)
	}
}
