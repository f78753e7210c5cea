package app

import (
	"os"
	"time"
)

// Now is the time recorded with answers given on the command line. It is
// the clock, unless $INDIMAJ_NOW holds an RFC 3339 time: tests use it to
// order answers without waiting (an injected clock instead of sleeps), and
// it lets a scripted import replay answers at the times they were given.
func Now() time.Time {
	if s := os.Getenv("INDIMAJ_NOW"); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC()
		}
	}
	return time.Now().UTC()
}
