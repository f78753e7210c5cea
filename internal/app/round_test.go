package app

import "testing"

func TestCheckRound(t *testing.T) {
	for _, ok := range []string{"2025-baseline", "2027-review", "r1", "2026_T2", "v1.2", "2025/2026", "جولة-2026"} {
		if err := CheckRound(ok); err != nil {
			t.Errorf("CheckRound(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "2 3", " 2025", "2025-", "-x", "a\tb", "x;rm", "0123456789012345678901234567890123456789x"} {
		if err := CheckRound(bad); err == nil || !IsInput(err) {
			t.Errorf("CheckRound(%q) = %v, want an input error", bad, err)
		}
	}
}

func TestNowInjected(t *testing.T) {
	t.Setenv("INDIMAJ_NOW", "2030-01-02T03:04:05Z")
	if got := Now().Format("2006-01-02T15:04:05Z07:00"); got != "2030-01-02T03:04:05Z" {
		t.Fatalf("Now() = %s", got)
	}
	t.Setenv("INDIMAJ_NOW", "not a time")
	if Now().Year() == 2030 {
		t.Fatal("an unreadable INDIMAJ_NOW was used")
	}
}
