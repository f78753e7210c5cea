package i18n

import (
	"bytes"
	"strings"
	"testing"
)

func TestIsolate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"الغاية 5.c من أهداف", "الغاية " + FSI + "5.c" + PDI + " من أهداف"},
		{"الأولوية = gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight.",
			"الأولوية = " + FSI + "gap * competence_weight * (aligned ? 1 + alignment_bonus : 1) * horizon_weight" + PDI + "."},
		{"ملاحظة: «Décision n° 12/2024 créant l'unité» فقط", "ملاحظة: «" + FSI + "Décision n° 12/2024 créant l'unité" + PDI + "» فقط"},
		{"(m03) تعزيز", "(" + FSI + "m03" + PDI + ") تعزيز"},
		{"التغطية 16 % فقط", "التغطية " + FSI + "16 %" + PDI + " فقط"},
		{"| gov03 | **45** |", "| " + FSI + "gov03" + PDI + " | **" + FSI + "45" + PDI + "** |"},
		{"\x1b[2m45\x1b[0m", "\x1b[2m" + FSI + "45" + PDI + "\x1b[0m"},
		{"لا شيء", "لا شيء"},
		{"«2026-suivi» (2 جولات)", "«" + FSI + "2026-suivi" + PDI + "» (" + FSI + "2" + PDI + " جولات)"},
	}
	for _, c := range cases {
		if got := Isolate(c.in); got != c.want {
			t.Errorf("Isolate(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if again := Isolate(Isolate(c.in)); again != c.want {
			t.Errorf("Isolate is not idempotent on %q: %q", c.in, again)
		}
	}
	if IsolateFor("fr", "gov03 5.c") != "gov03 5.c" {
		t.Error("French text must not be touched")
	}
}

func TestIsolatingWriter(t *testing.T) {
	var b bytes.Buffer
	w := IsolatingWriter("ar", &b)
	w.Write([]byte("النقطة 4"))
	w.Write([]byte("5.5\nالسطر m03"))
	if got := b.String(); got != "النقطة "+FSI+"45.5"+PDI+"\n" {
		t.Fatalf("after one line: %q", got)
	}
	w.Flush()
	if !strings.HasSuffix(b.String(), "السطر "+FSI+"m03"+PDI) {
		t.Fatalf("flush: %q", b.String())
	}
	var f bytes.Buffer
	fw := IsolatingWriter("fr", &f)
	fw.Write([]byte("gov03 5.c\n"))
	if f.String() != "gov03 5.c\n" {
		t.Fatalf("fr writer changed the text: %q", f.String())
	}
}
