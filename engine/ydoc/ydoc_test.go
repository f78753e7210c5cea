package ydoc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const sampleDoc = `id: sample   # a comment
title: {fr: Gouvernance, en: Governance}
empty:
questions:
  - id: plan
    weight: 2.5
    when: "a == 1"
    text: |
      line one
      line two
  - id: unit
    tags: [x, 'y']
`

// positions lists every node's path, kind and position.
func positions(n *Node, path string, out map[string]string) {
	out[path] = fmt.Sprint(int(n.Kind)) + "@" + n.Pos.String()
	switch n.Kind {
	case Map:
		for i, k := range n.Keys {
			positions(n.Vals[i], path+"."+k.Value, out)
		}
	case Seq:
		for i, it := range n.Items {
			positions(it, path+"["+string(rune('0'+i))+"]", out)
		}
	}
}

// TestPositions: every value knows its file:line:column (1-based), in
// mappings, lists, flow collections and block scalars.
func TestPositions(t *testing.T) {
	n, err := Parse("q.yaml", []byte(sampleDoc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	positions(n, "$", got)
	want := map[string]string{
		"$.id":                   "1@q.yaml:1:5",
		"$.title.fr":             "1@q.yaml:2:13",
		"$.title.en":             "1@q.yaml:2:30",
		"$.questions[0].id":      "1@q.yaml:5:9",
		"$.questions[0].weight":  "1@q.yaml:6:13",
		"$.questions[0].when":    "1@q.yaml:7:11",
		"$.questions[1].tags":    "3@q.yaml:12:11",
		"$.questions[1].tags[1]": "1@q.yaml:12:15",
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s = %s, want %s", path, got[path], w)
		}
	}
	if q := n.Get("questions").Items[0]; q.Get("weight").Tag != "float" || q.Get("when").Style != "double" ||
		q.Get("text").Value != "line one\nline two\n" || q.Get("text").Style != "literal" {
		t.Errorf("scalars: %+v %+v %+v", q.Get("weight"), q.Get("when"), q.Get("text"))
	}
	if e := n.Get("empty"); e == nil || e.Kind != Null {
		t.Errorf("empty = %+v, want a null", e)
	}
	if n.Get("nope") != nil || (*Node)(nil).Get("x") != nil {
		t.Error("Get of a missing key is not nil")
	}
}

// TestBothReadersAgree: the fast reader (yaml.v3) and the located one
// (goccy/go-yaml) build the same tree, positions included, so that which
// reader read a file never shows.
func TestBothReadersAgree(t *testing.T) {
	for _, doc := range []string{sampleDoc, `{"a": [1, 2.5, "x", true, null], "b": {"c": "d"}}`, "- a\n- b: 1\n  c: [2]\n", ""} {
		fast, ok, err := parseFast("f.yaml", []byte(doc))
		if !ok || err != nil {
			t.Fatalf("yaml.v3 refused %q: %v", doc, err)
		}
		slow, err := parseGoccy("f.yaml", []byte(doc))
		if err != nil {
			t.Fatalf("goccy refused %q: %v", doc, err)
		}
		a, b := map[string]string{}, map[string]string{}
		positions(fast, "$", a)
		positions(slow, "$", b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("the readers disagree on %q:\nyaml.v3 %v\ngoccy   %v", doc, a, b)
		}
		if !reflect.DeepEqual(Plain(fast), Plain(slow)) {
			t.Errorf("values differ on %q: %v vs %v", doc, Plain(fast), Plain(slow))
		}
	}
}

// TestFallbackToTheLocatedReader: what yaml.v3 refuses or words badly is
// read again by goccy, whose errors carry a line and a column.
func TestFallbackToTheLocatedReader(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		pos       string
		msg       string
	}{
		{"duplicate key", "id: a\ntitle: x\nid: b\n", "f.yaml:3:1", `mapping key "id" already defined at [1:1]`},
		{"tab indentation", "a:\n\tb: 1\n", "f.yaml:2:", "cannot start any token"},
		{"two documents", "a: 1\n---\nb: 2\n", "f.yaml:2:1", "only one YAML document per file"},
		{"anchor", "a: &x 1\nb: *x\n", "f.yaml:1:", "anchors and aliases"},
		{"runaway quote", "a: \"open\nb: 1\nc: [\n", "f.yaml:1:4", "double-quoted"},
	} {
		_, err := Parse("f.yaml", []byte(c.doc))
		var e *Error
		var es Errors
		switch {
		case errors.As(err, &e):
		case errors.As(err, &es) && len(es) > 0:
			e = es[0]
		default:
			t.Errorf("%s: err = %v (%T), want a located error", c.name, err, err)
			continue
		}
		if !strings.HasPrefix(e.Pos.String(), c.pos) || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%s: %s: %s, want %s…: …%s…", c.name, e.Pos, e.Msg, c.pos, c.msg)
		}
	}
}

type decoded struct {
	ID     Str               `yaml:"id"`
	Weight Num               `yaml:"weight"`
	Count  int               `yaml:"count"`
	Flag   bool              `yaml:"flag"`
	Tags   []string          `yaml:"tags"`
	Title  map[string]string `yaml:"title"`
	Nested *struct {
		A int `yaml:"a"`
	} `yaml:"nested"`
	Where   Pos   `yaml:"-"`
	Unknown *Node `yaml:"raw"`
}

// TestWrongShapes: a value of the wrong shape is reported where it is, every
// problem in one pass, and decoding goes on.
func TestWrongShapes(t *testing.T) {
	doc := "id: [a]\nweight: heavy\ncount: 2.5\nflag: maybe\ntags: [x]\ntitle: [1]\ntitel: y\nraw: {k: v}\n"
	n, err := Parse("d.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var v decoded
	var errs Errors
	Decode(n, &v, &errs)
	errs.Sort()
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"d.yaml:1:5: expected text, got a list",
		"d.yaml:2:9: expected a number or null, got the text \"heavy\"",
		"d.yaml:3:8: expected a whole number, got",
		"d.yaml:4:7: expected true or false, got",
		"d.yaml:6:8: expected a mapping (key: value), got a list",
		"d.yaml:7:1: unknown key \"titel\"",
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q…", i, got[i], want[i])
		}
	}
	if !strings.Contains(got[5], `did you mean "title"`) {
		t.Errorf("no suggestion for titel: %s", got[5])
	}
	if v.Unknown == nil || v.Unknown.Get("k").Value != "v" || v.Where.Line != 1 {
		t.Errorf("raw node %+v, mapping position %+v", v.Unknown, v.Where)
	}
	// the right shapes decode
	n, _ = Parse("ok.yaml", []byte("id: x\nweight: ~\ncount: 3\nflag: true\ntags: [a, b]\ntitle: {fr: t}\nnested: {a: 4}\n"))
	v, errs = decoded{}, nil
	Decode(n, &v, &errs)
	if len(errs) != 0 || v.ID.V != "x" || v.ID.Pos.Line != 1 || !v.Weight.Set || !v.Weight.Null || v.Count != 3 || !v.Flag ||
		!reflect.DeepEqual(v.Tags, []string{"a", "b"}) || v.Title["fr"] != "t" || v.Nested == nil || v.Nested.A != 4 {
		t.Errorf("decoded %+v, problems %v", v, errs)
	}
}
