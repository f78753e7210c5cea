package xlsform

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
)

func TestParseAndFormatXPath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"${a} = 'x'", "${a} = 'x'"},
		{"${a}='x'and${b}>1", "${a} = 'x' and ${b} > 1"},
		{"${a} = 'x' or ${b} = 'y' and ${c} = 'z'", "${a} = 'x' or ${b} = 'y' and ${c} = 'z'"},
		{"(${a} = 'x' or ${b} = 'y') and ${c} = 'z'", "(${a} = 'x' or ${b} = 'y') and ${c} = 'z'"},
		{"not(selected(., 'dk') and count-selected(.) > 1)", "not(selected(., 'dk') and count-selected(.) > 1)"},
		{"${n} - (${m} - 1)", "${n} - (${m} - 1)"},
		{"(${n} - ${m}) - 1", "${n} - ${m} - 1"},
		{"${n} div 2 mod 3", "${n} div 2 mod 3"},
		{"-${n} > -1.5", "-${n} > -1.5"},
		{`${t} = "it's"`, `${t} = "it's"`},
		{"/data/grp/q = 'a'", "/data/grp/q = 'a'"},
		{"if(${a} != '', 1, 0)", "if(${a} != '', 1, 0)"},
		{"state = ${state}", "state = ${state}"},
		{".5 + 1", "0.5 + 1"},
		{"  ${a}  >=  ${b}  ", "${a} >= ${b}"},
	}
	for _, c := range cases {
		n, err := parseXPath(c.in)
		if err != nil {
			t.Errorf("parse %q: %v", c.in, err)
			continue
		}
		if got := formatXPath(n); got != c.want {
			t.Errorf("format(parse(%q)) = %q, want %q", c.in, got, c.want)
		}
		// Printing is stable: what is printed parses back to the same text.
		n2, err := parseXPath(formatXPath(n))
		if err != nil || formatXPath(n2) != formatXPath(n) {
			t.Errorf("%q does not reparse to itself: %v", formatXPath(n), err)
		}
	}
	bad := []struct{ in, want string }{
		{"${a} == 'x'", "not XPath"},
		{"${a} = 'x' && ${b} = 'y'", "not XPath"},
		{"${a} = 'x", "unclosed text"},
		{"${a = 'x'", "unclosed reference"},
		{"${a} = ‘x’", "curly quote"},
		{"(${a} = 'x'", "missing"},
		{"${a} = ", "ends too early"},
		{"", "empty expression"},
		{"${a}[1] = 'x'", "predicates"},
		{"${a} | ${b}", "union"},
		{"!${a}", "not(…)"},
	}
	for _, c := range bad {
		_, err := parseXPath(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parse %q: error %v, want one that says %q", c.in, err, c.want)
		}
	}
}

func TestQuoteXPath(t *testing.T) {
	cases := map[string]string{
		"plain":        "'plain'",
		"it's":         `"it's"`,
		`say "hi"`:     `'say "hi"'`,
		`it's "x"`:     `concat('it', "'", 's "x"')`,
		"":             "''",
		"'":            `"'"`,
		`'"`:           `concat("'", '"')`,
		"ar: نعم":      "'ar: نعم'",
		`a'b'c "d" e'`: `concat('a', "'", 'b', "'", 'c "d" e', "'")`,
	}
	for in, want := range cases {
		if got := quoteXPath(in); got != want {
			t.Errorf("quoteXPath(%q) = %s, want %s", in, got, want)
		}
		// A literal (or concat of literals) parses back to the same text.
		n, err := parseXPath(quoteXPath(in))
		if err != nil {
			t.Errorf("%s does not parse: %v", quoteXPath(in), err)
			continue
		}
		var got strings.Builder
		switch x := n.(type) {
		case xStr:
			got.WriteString(x.V)
		case xCall:
			for _, a := range x.Args {
				got.WriteString(a.(xStr).V)
			}
		}
		if got.String() != in {
			t.Errorf("%s reads back as %q, want %q", quoteXPath(in), got.String(), in)
		}
	}
}

// translation is a table entry: an XLSForm expression, the expr it becomes,
// and answers with the truth value ODK gives the expression (worked out by
// hand from JavaRosa's rules, not from the translation).
type translation struct {
	xpath string
	want  string // "" = only check the truth table
	truth []truthCase
}

type truthCase struct {
	answers map[string]any
	want    bool
}

// tc is a shorthand: pairs of id, value, then the expected result.
func tc(want bool, kv ...any) truthCase {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return truthCase{m, want}
}

// testSyms are the questions of the translation tests.
func testSyms() map[string]*sym {
	codes := []string{"a", "b", "c", "1", "2", "10"}
	return map[string]*sym{
		"s": {id: "s", qtype: "single", codes: codes},
		"m": {id: "m", qtype: "multiple", codes: codes},
		"b": {id: "b", qtype: "boolean"},
		"n": {id: "n", qtype: "integer"},
		"d": {id: "d", qtype: "decimal"},
		"t": {id: "t", qtype: "text"},
	}
}

// translationContent loads a questionnaire with the test questions, the
// calculations c_num (${n} + 1), c_bool (if(${n} > 2, 'true', 'false')) and
// c_str (concat(${t}, '!')), and a question x whose relevance is rel and
// whose constraint is constraint (for question of type ctype).
func translationContent(t *testing.T, tr *fromXPath, rel string, ctype, constraint string) *engine.Questionnaire {
	t.Helper()
	calcs := []struct{ id, src string }{
		{"c_num", "${n} + 1"},
		{"c_bool", "if(${n} > 2, 'true', 'false')"},
		{"c_str", "concat(${t}, '!')"},
	}
	var b strings.Builder
	b.WriteString("id: t\nversion: 1.0.0\nlanguages: [fr]\ntitle: {fr: T}\ncalculate:\n")
	for _, c := range calcs {
		src, k, g, err := tr.value(c.src)
		if err != nil {
			t.Fatalf("calculation %s: %v", c.src, err)
		}
		tr.syms[c.id] = &sym{id: c.id, qtype: "calc", calc: k, guard: g}
		fmt.Fprintf(&b, "  - {id: %s, expr: %s}\n", c.id, yamlQuote(src))
	}
	choices := "[{value: a, label: {fr: A}}, {value: b, label: {fr: B}}, {value: c, label: {fr: C}}, {value: \"1\", label: {fr: Un}}, {value: \"2\", label: {fr: Deux}}, {value: \"10\", label: {fr: Dix}}]"
	b.WriteString("sections:\n  - id: s1\n    title: {fr: S}\n    questions:\n")
	fmt.Fprintf(&b, "      - {id: s, type: single, label: {fr: S}, choices: %s}\n", choices)
	fmt.Fprintf(&b, "      - {id: m, type: multiple, label: {fr: M}, choices: %s}\n", choices)
	for _, q := range []string{"b:boolean", "n:integer", "d:decimal", "t:text"} {
		id, typ, _ := strings.Cut(q, ":")
		fmt.Fprintf(&b, "      - {id: %s, type: %s, label: {fr: %s}}\n", id, typ, id)
	}
	if ctype == "" {
		ctype = "text"
	}
	fmt.Fprintf(&b, "      - id: x\n        type: %s\n        label: {fr: X}\n", ctype)
	if ctype == "single" || ctype == "multiple" {
		fmt.Fprintf(&b, "        choices: %s\n", choices)
	}
	if rel != "" {
		fmt.Fprintf(&b, "        relevant: %s\n", yamlQuote(rel))
	}
	if constraint != "" {
		fmt.Fprintf(&b, "        constraint: %s\n        constraint_message: {fr: Non}\n", yamlQuote(constraint))
	}
	c, err := engine.LoadFiles(withRules(t, []string{"fr"}, "questionnaires/t.yaml", []byte(b.String())))
	if err != nil {
		t.Fatalf("the translation does not load: %v\n%s", err, b.String())
	}
	return c.Q
}

func TestXPathToExprTable(t *testing.T) {
	cases := []translation{
		// select_one: a code; an empty answer is ''.
		{"${s} = 'a'", `s == "a"`, []truthCase{tc(false), tc(true, "s", "a"), tc(false, "s", "b")}},
		{"${s} != 'a'", `s != "a"`, []truthCase{tc(true), tc(false, "s", "a"), tc(true, "s", "b")}},
		{"${s} = ''", `s == ""`, []truthCase{tc(true), tc(false, "s", "b")}},
		{"${s} != ''", `s != ""`, []truthCase{tc(false), tc(true, "s", "b")}},
		{"'a' = ${s}", `s == "a"`, []truthCase{tc(true, "s", "a"), tc(false)}},
		{"selected(${s}, 'b')", `selected(s, "b")`, []truthCase{tc(true, "s", "b"), tc(false, "s", "a")}},
		// A code compared with a number is compared as a number.
		{"${s} = 1", `s == "1"`, []truthCase{tc(true, "s", "1"), tc(false, "s", "10"), tc(false)}},
		{"${s} > 1", `s in ["2", "10"]`, []truthCase{tc(true, "s", "10"), tc(true, "s", "2"), tc(false, "s", "1"), tc(false, "s", "a"), tc(false)}},
		{"${s} != 1", `s != "1"`, []truthCase{tc(true), tc(false, "s", "1"), tc(true, "s", "a")}},
		{"number(${s}) + 1 = 3", "", []truthCase{tc(true, "s", "2"), tc(false, "s", "1"), tc(false, "s", "a"), tc(false)}},
		// select_multiple: space-separated codes.
		{"selected(${m}, 'a')", `selected(m, "a")`, []truthCase{tc(true, "m", []string{"b", "a"}), tc(false, "m", []string{"b"}), tc(false)}},
		{"not(selected(${m}, 'a'))", `!selected(m, "a")`, []truthCase{tc(true), tc(false, "m", []string{"a"})}},
		{"${m} = 'a'", `count_selected(m) == 1 && selected(m, "a")`, []truthCase{tc(true, "m", []string{"a"}), tc(false, "m", []string{"a", "b"}), tc(false)}},
		{"${m} = ''", `count_selected(m) == 0`, []truthCase{tc(true), tc(false, "m", []string{"c"})}},
		{"count-selected(${m}) >= 2", `count_selected(m) >= 2`, []truthCase{tc(true, "m", []string{"a", "b"}), tc(false, "m", []string{"a"}), tc(false)}},
		{"count-selected(${m}) < 2", `count_selected(m) < 2`, []truthCase{tc(true), tc(true, "m", []string{"a"}), tc(false, "m", []string{"a", "b"})}},
		// yes/no (an indimaj boolean): 'yes', 'no' or ''.
		{"${b} = 'yes'", `b`, []truthCase{tc(true, "b", true), tc(false, "b", false), tc(false)}},
		{"${b} = 'no'", `answered(b) && !b`, []truthCase{tc(true, "b", false), tc(false, "b", true), tc(false)}},
		{"${b} != 'yes'", `!b`, []truthCase{tc(true), tc(true, "b", false), tc(false, "b", true)}},
		{"${b} != 'no'", `!answered(b) || b`, []truthCase{tc(true), tc(false, "b", false), tc(true, "b", true)}},
		{"${b} = ''", `!answered(b)`, []truthCase{tc(true), tc(false, "b", false)}},
		{"selected(${b}, 'yes')", `b`, []truthCase{tc(true, "b", true), tc(false)}},
		{"${b}", `answered(b)`, []truthCase{tc(false), tc(true, "b", false), tc(true, "b", true)}},
		// Numbers: empty is NaN, so comparisons with it are false (!= true).
		{"${n} > 5", `answered(n) && n > 5`, []truthCase{tc(false), tc(true, "n", 6), tc(false, "n", 5)}},
		{"${n} < 5", `answered(n) && n < 5`, []truthCase{tc(false), tc(true, "n", 0), tc(true, "n", 4), tc(false, "n", 5)}},
		{"${n} = 0", `answered(n) && n == 0`, []truthCase{tc(false), tc(true, "n", 0), tc(false, "n", 1)}},
		{"${n} != 0", `!answered(n) || n != 0`, []truthCase{tc(true), tc(false, "n", 0), tc(true, "n", 1)}},
		{"${n} = ''", `!answered(n)`, []truthCase{tc(true), tc(false, "n", 0)}},
		{"${n} != ''", `answered(n)`, []truthCase{tc(false), tc(true, "n", 0)}},
		{"${n} = '3'", `answered(n) && n == 3`, []truthCase{tc(true, "n", 3), tc(false)}},
		{"${n} > -1", `answered(n) && n > -1`, []truthCase{tc(false), tc(true, "n", 0), tc(false, "n", -1)}},
		{"${n} >= 0 and ${n} < 10", "", []truthCase{tc(false), tc(true, "n", 0), tc(true, "n", 9), tc(false, "n", 10)}},
		{"${n}", `n != 0`, []truthCase{tc(false), tc(false, "n", 0), tc(true, "n", 2)}},
		{"${d} = 2.50", `answered(d) && d == 2.5`, []truthCase{tc(true, "d", 2.5), tc(false, "d", 2.0), tc(false)}},
		{"${n} + ${d} > 3", `answered(n) && answered(d) && n + d > 3`, []truthCase{tc(false, "n", 5), tc(true, "n", 2, "d", 1.5), tc(false, "n", 1, "d", 1.0)}},
		{"${n} = ${d}", `answered(n) == answered(d) && n == d`, []truthCase{tc(true), tc(false, "n", 2), tc(true, "n", 2, "d", 2.0), tc(false, "n", 2, "d", 2.5)}},
		{"${n} != ${d}", "", []truthCase{tc(false), tc(true, "n", 0), tc(false, "n", 1, "d", 1.0)}},
		{"${n} mod 2 = 1", "", []truthCase{tc(false), tc(true, "n", 3), tc(false, "n", 4), tc(false, "n", -3)}},
		{"${n} div 2 > 1", "", []truthCase{tc(true, "n", 3), tc(false, "n", 2), tc(false)}},
		{"-${n} < 0", "", []truthCase{tc(false), tc(true, "n", 2), tc(false, "n", 0)}},
		{"int(${d}) = 2", "", []truthCase{tc(true, "d", 2.7), tc(false, "d", 3.1), tc(false)}},
		{"round(${d}) = 3", "", []truthCase{tc(true, "d", 2.5), tc(false, "d", 2.4)}},
		{"round(${d}, 1) = 2.3", "", []truthCase{tc(true, "d", 2.26), tc(false, "d", 2.36)}},
		{"abs(${n}) = 3 and floor(${d}) = 1 and ceiling(${d}) = 2", "", []truthCase{tc(true, "n", -3, "d", 1.5), tc(false, "n", 3, "d", 2.0)}},
		{"max(${n}, 3) = 3", "", []truthCase{tc(true, "n", 2), tc(false, "n", 4), tc(false)}},
		{"pow(${n}, 2) = 9", "", []truthCase{tc(true, "n", -3), tc(false, "n", 2)}},
		// Texts, quoting and string functions.
		{`${t} = "it's"`, `t == "it's"`, []truthCase{tc(true, "t", "it's"), tc(false, "t", "its")}},
		{`${t} = 'say "hi"'`, `t == "say \"hi\""`, []truthCase{tc(true, "t", `say "hi"`), tc(false)}},
		{`${t} = concat('it', "'", 's')`, "", []truthCase{tc(true, "t", "it's"), tc(false, "t", "its")}},
		{"string-length(${t}) > 2", `len(t) > 2`, []truthCase{tc(true, "t", "abc"), tc(false, "t", "ab"), tc(false), tc(true, "t", "شباك")}},
		{"concat(${t}, 'x') = 'ax'", "", []truthCase{tc(true, "t", "a"), tc(false)}},
		{"${t}", `t != ""`, []truthCase{tc(true, "t", "x"), tc(false)}},
		{"contains(${t}, 'ab') and starts-with(${t}, 'x') and ends-with(${t}, 'y')", "", []truthCase{tc(true, "t", "xaby"), tc(false, "t", "xay")}},
		{"regex(${t}, '^[0-9]{3}$')", `t matches "^[0-9]{3}$"`, []truthCase{tc(true, "t", "123"), tc(false, "t", "12a"), tc(false)}},
		{"${s} = ${t}", `s == t`, []truthCase{tc(true), tc(true, "s", "a", "t", "a"), tc(false, "s", "a")}},
		// if, coalesce, not, true(), false().
		{"if(${n} > 2, 'big', 'small') = 'big'", "", []truthCase{tc(false), tc(true, "n", 3), tc(false, "n", 2)}},
		{"if(${n} > 2, ${d}, 0) > 1", "", []truthCase{tc(false, "n", 3), tc(true, "n", 3, "d", 1.5), tc(false, "d", 5.0)}},
		{"coalesce(${t}, 'none') = 'none'", "", []truthCase{tc(true), tc(false, "t", "x")}},
		{"coalesce(${n}, 7) = 7", "", []truthCase{tc(true), tc(true, "n", 7), tc(false, "n", 3)}},
		{"coalesce(${n}, 0) < 1", `n < 1`, []truthCase{tc(true), tc(true, "n", 0), tc(false, "n", 1)}},
		{"not(${n} > 1)", `!(answered(n) && n > 1)`, []truthCase{tc(true), tc(false, "n", 5), tc(true, "n", 1)}},
		{"true()", `true`, []truthCase{tc(true)}},
		{"false() or ${t} = 'x'", `t == "x"`, []truthCase{tc(true, "t", "x"), tc(false)}},
		{"boolean(${t})", `t != ""`, []truthCase{tc(true, "t", "y"), tc(false)}},
		// Precedence: and binds tighter than or.
		{"${s} = 'a' or ${s} = 'b' and ${n} > 1", `s == "a" || s == "b" && answered(n) && n > 1`,
			[]truthCase{tc(true, "s", "a"), tc(false, "s", "b"), tc(true, "s", "b", "n", 2)}},
		{"(${s} = 'a' or ${s} = 'b') and ${n} > 1", `(s == "a" || s == "b") && answered(n) && n > 1`,
			[]truthCase{tc(false, "s", "a"), tc(true, "s", "a", "n", 2), tc(false, "s", "c", "n", 2)}},
		{"not(${s} = 'a' or ${s} = 'b')", `s != "a" && s != "b"`, []truthCase{tc(true), tc(false, "s", "b"), tc(true, "s", "c")}},
		// Calculations.
		{"${c_num} > 3", "", []truthCase{tc(false), tc(true, "n", 3), tc(false, "n", 2)}},
		{"${c_num} < 3", "", []truthCase{tc(false), tc(true, "n", 1), tc(false, "n", 2)}},
		{"${c_bool} = 'true'", `c_bool`, []truthCase{tc(false), tc(true, "n", 3), tc(false, "n", 2)}},
		{"${c_bool} = 'false'", `!c_bool`, []truthCase{tc(true, "n", 2)}},
		{"${c_str} = 'hi!'", `c_str == "hi!"`, []truthCase{tc(true, "t", "hi"), tc(false)}},
		// Absolute paths end with a question name.
		{"/data/grp/s = 'a'", `s == "a"`, []truthCase{tc(true, "s", "a")}},
	}
	for _, c := range cases {
		tr := &fromXPath{syms: testSyms()}
		q0 := translationContent(t, tr, "", "", "") // registers the calculations
		_ = q0
		got, err := tr.condition(c.xpath)
		if err != nil {
			t.Errorf("%s: %v", c.xpath, err)
			continue
		}
		if c.want != "" && got != c.want {
			t.Errorf("%s\n  got  %s\n  want %s", c.xpath, got, c.want)
		}
		q := translationContent(t, &fromXPath{syms: testSyms()}, got, "", "")
		for _, tcase := range c.truth {
			st := engine.NewState(q)
			st.Load(tcase.answers)
			if st.Relevant("x") != tcase.want {
				t.Errorf("%s (as %s) with %v: %v, ODK gives %v", c.xpath, got, tcase.answers, st.Relevant("x"), tcase.want)
			}
			if len(st.Problems) > 0 {
				t.Errorf("%s (as %s) with %v: evaluation problems %v", c.xpath, got, tcase.answers, st.Problems)
			}
		}
	}
}

// TestXPathConstraints checks "." (the value being given) in constraints.
func TestXPathConstraints(t *testing.T) {
	cases := []struct {
		ctype, xpath, want string
		ok, bad            []any
	}{
		{"integer", ". >= 0 and . < 10", `. >= 0 && . < 10`, []any{0, 9}, []any{-1, 10}},
		{"integer", ". != 0", `. != 0`, []any{1, -1}, []any{0}},
		{"multiple", "not(selected(., 'a') and count-selected(.) > 1)", `!(selected(., "a") && count_selected(.) > 1)`,
			[]any{[]string{"a"}, []string{"b", "c"}}, []any{[]string{"a", "b"}}},
		{"multiple", "count-selected(.) <= 2", `count_selected(.) <= 2`, []any{[]string{"a", "b"}}, []any{[]string{"a", "b", "c"}}},
		{"single", ". != 'c'", `. != "c"`, []any{"a"}, []any{"c"}},
		{"single", ". > 1", `. in ["2", "10"]`, []any{"2", "10"}, []any{"1", "a"}},
		{"text", "string-length(.) <= 3", `len(.) <= 3`, []any{"abc", ""}, []any{"abcd"}},
		{"text", "regex(., '^[0-9]+$')", `. matches "^[0-9]+$"`, []any{"123"}, []any{"12a"}},
		{"boolean", ". = 'yes'", `.`, []any{true}, []any{false}},
		{"boolean", ". = 'no'", `!.`, []any{false}, []any{true}},
		{"decimal", ". > ${n}", `answered(n) && . > n`, nil, []any{1.0}},
		{"decimal", ". >= 0 or . = -1", "", []any{0.0, -1.0}, []any{-2.0}},
	}
	for _, c := range cases {
		tr := &fromXPath{syms: testSyms()}
		translationContent(t, tr, "", "", "")
		tr.self = &sym{id: "x", qtype: c.ctype, codes: []string{"a", "b", "c", "1", "2", "10"}}
		got, err := tr.condition(c.xpath)
		if err != nil {
			t.Errorf("%s: %v", c.xpath, err)
			continue
		}
		if c.want != "" && got != c.want {
			t.Errorf("constraint %s\n  got  %s\n  want %s", c.xpath, got, c.want)
		}
		q := translationContent(t, &fromXPath{syms: testSyms()}, "", c.ctype, got)
		st := engine.NewState(q)
		for _, v := range c.ok {
			if err := st.Check("x", v); err != nil {
				t.Errorf("constraint %s (as %s): %v refused: %v", c.xpath, got, v, err)
			}
		}
		for _, v := range c.bad {
			if err := st.Check("x", v); err == nil {
				t.Errorf("constraint %s (as %s): %v accepted", c.xpath, got, v)
			}
		}
	}
}

func TestXPathUnsupportedAndWrong(t *testing.T) {
	cases := []struct {
		xpath       string
		unsupported bool
		want        string
	}{
		{"pulldata('f', 'c', 'k', ${t}) = 'x'", true, "pulldata() has no indimaj equivalent"},
		{"today() > 0", true, "no date questions"},
		{"position(..) > 1", true, "repeats"},
		{"jr:choice-name(${s}, '${s}') = 'A'", true, "choice labels"},
		{"selected-at(${m}, 0) = 'a'", true, "selected-at"},
		{"../s = 'a'", true, "path"},
		{"${unknown} = 'x'", false, "unknown question ${unknown}"},
		{"s = 'a'", false, "write ${s}"},
		{"foo(${s})", true, "foo() is not supported"},
		{". = 'a'", false, "only has a meaning in a constraint"},
		{"selected(${s})", false, "takes 2 argument"},
	}
	for _, c := range cases {
		tr := &fromXPath{syms: testSyms()}
		_, err := tr.condition(c.xpath)
		if err == nil {
			t.Errorf("%s: no error", c.xpath)
			continue
		}
		var ue *unsupportedError
		if errors.As(err, &ue) != c.unsupported || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (unsupported: %v), want %q (unsupported: %v)", c.xpath, err, errors.As(err, &ue), c.want, c.unsupported)
		}
	}
}

func TestExprToXPathTable(t *testing.T) {
	c, err := app.LoadContent("../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	q := c.Q
	cases := []struct{ self, src, want string }{
		// score(q) becomes the codes whose score satisfies the comparison.
		{"", "score(plan) > 0", "${plan} = 'partial' or ${plan} = 'full'"},
		{"", "score(plan) >= 50 && answered(unit)", "(${plan} = 'partial' or ${plan} = 'full') and ${unit} != ''"},
		{"", "100 > score(plan)", "${plan} = 'absent' or ${plan} = 'partial'"},
		{"", "score(plan) != 50", "not(${plan} = 'partial')"},
		{"", "score(plan) == 200", "false()"},
		{"", "score(plan) != 200", "true()"},
		// Numbers: an empty answer is 0 in indimaj, NaN in ODK.
		{"", "answered(residents)", "${residents} != ''"},
		{"", "residents > 5", "${residents} > 5"},
		{"", "residents >= 0", "${residents} = '' or ${residents} >= 0"},
		{"", "residents == 0", "${residents} = '' or ${residents} = 0"},
		{"", "residents != 0", "${residents} != '' and ${residents} != 0"},
		{"", "residents != 3", "${residents} != 3"},
		{"", "5 < residents", "${residents} > 5"},
		{"", "residents + 1 > 2", "coalesce(${residents}, 0) + 1 > 2"},
		{"", "budget / 2 > 1", "coalesce(${budget}, 0) div 2 > 1"},
		{"", "residents % 2 == 1", "coalesce(${residents}, 0) mod 2 = 1"},
		{"", "(answered(budget) ? budget : 1) > 0", "if(${budget} != '', coalesce(${budget}, 0), 1) > 0"},
		{"", "coalesce(residents, 7) > 3", "coalesce(coalesce(${residents}, 0), 7) > 3"},
		// Booleans are yes/no; calculations that are true/false store 'true'/'false'.
		{"", "shelter", "${shelter} = 'yes'"},
		{"", "!shelter", "not(${shelter} = 'yes')"},
		{"", "shelter == false", "not(${shelter} = 'yes')"},
		{"", "has_unit", "${has_unit} = 'true'"},
		{"", "gov_known > 1", "${gov_known} > 1"},
		// Choices, texts, quoting and precedence.
		{"", `selected(priorities, "P1") || count_selected(priorities) > 1`, "selected(${priorities}, 'P1') or count-selected(${priorities}) > 1"},
		{"", `"P3" in priorities`, "selected(${priorities}, 'P3')"},
		{"", `plan in ["partial", "full"]`, "${plan} = 'partial' or ${plan} = 'full'"},
		{"", `plan != ""`, "${plan} != ''"},
		{"", `respondent_role == "it's"`, `${respondent_role} = "it's"`},
		{"", `respondent_role == "l'\"État\""`, `${respondent_role} = concat('l', "'", '"État"')`},
		{"", `len(respondent_role) > 3 && respondent_role + "!" != "x!"`, "string-length(${respondent_role}) > 3 and concat(${respondent_role}, '!') != 'x!'"},
		{"", `(selected(priorities, "P1") || shelter) && plan == "full"`, "(selected(${priorities}, 'P1') or ${shelter} = 'yes') and ${plan} = 'full'"},
		{"", `selected(priorities, "P1") || shelter && plan == "full"`, "selected(${priorities}, 'P1') or ${shelter} = 'yes' and ${plan} = 'full'"},
		{"", `!(selected(priorities, "P1") || shelter)`, "not(selected(${priorities}, 'P1') or ${shelter} = 'yes')"},
		// "." in constraints.
		{"residents", ". >= 0 && . < 10000000", ". >= 0 and . < 10000000"},
		{"priorities", `!(selected(., "P1") && count_selected(.) > 1)`, "not(selected(., 'P1') and count-selected(.) > 1)"},
		{"shelter", ". == true", ". = 'yes'"},
		{"respondent_role", `len(.) <= 40 && . matches "^[A-Za-z ]+$"`, "string-length(.) <= 40 and regex(., '^[A-Za-z ]+$')"},
	}
	tx := newToXPath(q)
	for _, calc := range q.Calcs {
		if _, err := tx.calculation(calc); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		var self *engine.Question
		if c.self != "" {
			self = q.Question(c.self)
		}
		got, err := tx.condition(c.src, self)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s\n  got  %s\n  want %s", c.src, got, c.want)
		}
		if _, err := parseXPath(got); err != nil {
			t.Errorf("%s: %s does not parse back: %v", c.src, got, err)
		}
	}
	for _, c := range []struct{ src, want string }{
		{`status(plan) == "answered"`, "status() has no XPath equivalent"},
		{"score(plan) + 1 > 0", "score(plan) is only exported when compared with a number"},
		{"score(plan) > score(unit)", "score(plan) is only exported when compared with a number"},
		{`all(priorities, {# != "P1"})`, "has no XPath equivalent"},
		{`(residents ?? 1) > 0`, "no XPath equivalent"},
	} {
		_, err := tx.condition(c.src, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.src, err, c.want)
		}
	}
}
