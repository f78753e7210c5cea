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
