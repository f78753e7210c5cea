package termsafe

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestLineAndText(t *testing.T) {
	cases := []struct{ in, line, text string }{
		{"A. Benali", "A. Benali", "A. Benali"},
		{"جهة الشرق", "جهة الشرق", "جهة الشرق"},
		{"X\x1b[2J\x1b]0;pwned\aY", `X\x1b[2J\x1b]0;pwned\x07Y`, `X\x1b[2J\x1b]0;pwned\x07Y`},
		{"a\rb", `a\rb`, `a\rb`},
		{"a\nb\tc", `a\nb\tc`, "a\nb\tc"},
		{"abc\u202edef", `abc\u202edef`, `abc\u202edef`},
		{"x\u2066y\u2069", `x\u2066y\u2069`, `x\u2066y\u2069`},
		{"c1\u009bq", `c1\x9bq`, `c1\x9bq`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"del\x7f", `del\x7f`, `del\x7f`},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := Check("Équipe 2027 – جهة"); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"X\x1bY":    "U+001B",
		"ab\u202e":  "U+202E",
		"a\tb":      "U+0009",
		"a\xc3":     "0xC3",
		"\u2028":    "U+2028",
		"r\u0085\n": "U+0085",
	} {
		err := Check(in)
		var be *BadCharError
		if !errors.As(err, &be) || be.Char() != want {
			t.Errorf("Check(%q) = %v, want %s", in, err, want)
		}
	}
}

func TestWriterKeepsOurFormattingOnly(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	in := "\x1b[1;31mred\x1b[0m \u2068عربي\u2069 X\x1b[2J\x1b]0;t\aY a\rb \u202ex\u009b é\n"
	// split every 3 bytes: sequences and characters cut in two still come out whole
	for i := 0; i < len(in); i += 3 {
		if n, err := w.Write([]byte(in[i:min(i+3, len(in))])); err != nil || n != min(3, len(in)-i) {
			t.Fatalf("Write: %d %v", n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[1;31mred\x1b[0m \u2068عربي\u2069 X\\x1b[2J\\x1b]0;t\\x07Y a\\rb \\u202ex\\u009b é\n"
	if b.String() != want {
		t.Fatalf("got  %q\nwant %q", b.String(), want)
	}
	if Unwrap(w) != &b || Unwrap(&b) != &b {
		t.Fatal("Unwrap")
	}
	b.Reset()
	w.Write([]byte("end\x1b"))
	w.Flush()
	if !strings.HasSuffix(b.String(), `end\x1b`) {
		t.Fatalf("Flush: %q", b.String())
	}
}

// JSON printed through a Writer (show --json, reports --format json) stays
// valid and decodes to the same text: encoding/json escapes C0 itself, and
// the Writer writes what json leaves raw (DEL, C1, overrides) as \uXXXX.
func TestWriterKeepsJSONValid(t *testing.T) {
	note := "a\x7fb\u0085c\u202ed\u2028e\x1b[2Jf\rg\u2068h"
	data, err := json.Marshal(map[string]string{"note": note})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write(data)
	w.Flush()
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("invalid JSON after the Writer: %v\n%q", err, b.String())
	}
	if back["note"] != note {
		t.Fatalf("decoded %q, want %q", back["note"], note)
	}
	for _, raw := range []string{"\x7f", "\u0085", "\u202e"} {
		if strings.Contains(b.String(), raw) {
			t.Errorf("raw %q through the Writer", raw)
		}
	}
}
