package reports_test

import (
	"os"
	"testing"
)

// TestMain keeps messages in English whatever the machine's locale (tests read them).
func TestMain(m *testing.M) {
	os.Setenv("INDIMAJ_LANG", "en")
	os.Exit(m.Run())
}
