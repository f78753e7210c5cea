package ydoc

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Decode fills v (a pointer) from n, following `yaml:"name"` struct tags.
// Every problem is added to errs; decoding goes on after a problem so that one
// pass reports them all. Special field types:
//   - Pos with tag `yaml:"-"`: receives the position of the enclosing mapping;
//   - *Node: receives the raw node, for values with more than one shape;
//   - Str, Num: a string or number with its position.
//
// Unknown keys are reported with a suggestion when a known key is close.
func Decode(n *Node, v any, errs *Errors) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("ydoc.Decode needs a non-nil pointer")
	}
	decode(n, rv.Elem(), errs)
}

// Str is a string that remembers where it was written.
type Str struct {
	V   string
	Pos Pos
	// Node is the scalar it came from (for expression positions).
	Node *Node
}

// Num is an optional, nullable number that remembers where it was written.
type Num struct {
	Set  bool // the key was present
	Null bool // the value was null (~ or null)
	V    float64
	Pos  Pos
}

var (
	posType  = reflect.TypeOf(Pos{})
	nodeType = reflect.TypeOf(&Node{})
	strType  = reflect.TypeOf(Str{})
	numType  = reflect.TypeOf(Num{})
)

func decode(n *Node, rv reflect.Value, errs *Errors) {
	t := rv.Type()
	switch t {
	case nodeType:
		rv.Set(reflect.ValueOf(n))
		return
	case strType:
		if n.Kind == Null {
			rv.Set(reflect.ValueOf(Str{Pos: n.Pos, Node: n}))
			return
		}
		if n.Kind != Scalar {
			errs.Add(n.Pos, "expected text, got %s", n.Kind)
			rv.Set(reflect.ValueOf(Str{Pos: n.Pos, Node: n})) // keep the place for later messages
			return
		}
		rv.Set(reflect.ValueOf(Str{V: n.Value, Pos: n.Pos, Node: n}))
		return
	case numType:
		num := Num{Set: true, Pos: n.Pos}
		switch {
		case n.Kind == Null:
			num.Null = true
		case n.Kind == Scalar && (n.Tag == "int" || n.Tag == "float"):
			f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				errs.Add(n.Pos, "expected a finite number, got %q", n.Value)
				return
			}
			num.V = f
		default:
			errs.Add(n.Pos, "expected a number or null, got %s", describe(n))
			rv.Set(reflect.ValueOf(Num{Set: true, Null: true, Pos: n.Pos}))
			return
		}
		rv.Set(reflect.ValueOf(num))
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if n.Kind == Null {
			return
		}
		p := reflect.New(t.Elem())
		decode(n, p.Elem(), errs)
		rv.Set(p)
	case reflect.String:
		if n.Kind == Null {
			return
		}
		if n.Kind != Scalar {
			errs.Add(n.Pos, "expected text, got %s", n.Kind)
			return
		}
		rv.SetString(n.Value)
	case reflect.Bool:
		if n.Kind == Null {
			return
		}
		if n.Kind != Scalar || n.Tag != "bool" {
			errs.Add(n.Pos, "expected true or false, got %s", describe(n))
			return
		}
		rv.SetBool(n.Value == "true")
	case reflect.Int, reflect.Int64:
		if n.Kind == Null {
			return
		}
		if n.Kind != Scalar || n.Tag != "int" {
			errs.Add(n.Pos, "expected a whole number, got %s", describe(n))
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil {
			errs.Add(n.Pos, "expected a whole number, got %q", n.Value)
			return
		}
		rv.SetInt(i)
	case reflect.Float64:
		if n.Kind == Null {
			return
		}
		if n.Kind != Scalar || (n.Tag != "int" && n.Tag != "float") {
			errs.Add(n.Pos, "expected a number, got %s", describe(n))
			return
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			errs.Add(n.Pos, "expected a finite number, got %q", n.Value)
			return
		}
		rv.SetFloat(f)
	case reflect.Slice:
		if n.Kind == Null {
			return
		}
		if n.Kind == Scalar && t.Elem().Kind() != reflect.Struct {
			// A single value where a list is expected: accept it as a
			// one-element list (`sdg: 10.7` reads as `sdg: [10.7]`).
			s := reflect.MakeSlice(t, 1, 1)
			decode(n, s.Index(0), errs)
			rv.Set(s)
			return
		}
		if n.Kind != Seq {
			errs.Add(n.Pos, "expected a list, got %s", n.Kind)
			return
		}
		s := reflect.MakeSlice(t, len(n.Items), len(n.Items))
		for i, it := range n.Items {
			decode(it, s.Index(i), errs)
		}
		rv.Set(s)
	case reflect.Map:
		if n.Kind == Null {
			return
		}
		if n.Kind != Map {
			errs.Add(n.Pos, "expected a mapping (key: value), got %s", n.Kind)
			return
		}
		if t.Key().Kind() != reflect.String {
			panic("ydoc: map keys must be strings")
		}
		m := reflect.MakeMapWithSize(t, len(n.Keys))
		for i, k := range n.Keys {
			ev := reflect.New(t.Elem()).Elem()
			decode(n.Vals[i], ev, errs)
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(t.Key()), ev)
		}
		rv.Set(m)
	case reflect.Struct:
		decodeStruct(n, rv, errs)
	case reflect.Interface:
		rv.Set(reflect.ValueOf(Plain(n)))
	default:
		panic("ydoc: unsupported field type " + t.String())
	}
}

// structInfo is what decoding needs to know about a struct type, computed once.
type structInfo struct {
	fields map[string]int // yaml key → field index
	names  []string       // the keys, for "did you mean"
	pos    []int          // indexes of Pos fields tagged yaml:"-"
}

var structInfos sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if v, ok := structInfos.Load(t); ok {
		return v.(*structInfo)
	}
	info := &structInfo{fields: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if f.Type == posType && tag == "-" {
			info.pos = append(info.pos, i)
			continue
		}
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		info.fields[tag] = i
		info.names = append(info.names, tag)
	}
	structInfos.Store(t, info)
	return info
}

func decodeStruct(n *Node, rv reflect.Value, errs *Errors) {
	info := infoOf(rv.Type())
	for _, i := range info.pos {
		rv.Field(i).Set(reflect.ValueOf(n.Pos))
	}
	if n.Kind == Null {
		return
	}
	if n.Kind != Map {
		errs.Add(n.Pos, "expected a mapping (key: value), got %s", describe(n))
		return
	}
	for i, k := range n.Keys {
		fi, ok := info.fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := closest(k.Value, info.names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Add(k.Pos, "%s", msg)
			continue
		}
		decode(n.Vals[i], rv.Field(fi), errs)
	}
}

func describe(n *Node) string {
	if n.Kind != Scalar {
		return n.Kind.String()
	}
	switch n.Tag {
	case "str":
		return fmt.Sprintf("the text %q", n.Value)
	default:
		return fmt.Sprintf("%s %s", n.Tag, n.Value)
	}
}

// Describe says in words what a node holds, for error messages.
func Describe(n *Node) string { return describe(n) }

// Plain converts a node to plain Go values: map[string]any, []any, string,
// int64, float64, bool or nil.
func Plain(n *Node) any {
	switch n.Kind {
	case Null:
		return nil
	case Scalar:
		switch n.Tag {
		case "int":
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				return i
			}
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return f
			}
			return n.Value // never a silent 0: the question's type check refuses it
		case "float":
			// YAML's .inf, -.inf and .nan are numbers (that every check then
			// refuses as not finite), never a silent 0.
			switch strings.ToLower(strings.TrimPrefix(n.Value, "+")) {
			case ".inf":
				return math.Inf(1)
			case "-.inf":
				return math.Inf(-1)
			case ".nan":
				return math.NaN()
			}
			if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
				return f
			}
			return n.Value
		case "bool":
			return n.Value == "true"
		}
		return n.Value
	case Seq:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = Plain(it)
		}
		return out
	default:
		out := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			out[k.Value] = Plain(n.Vals[i])
		}
		return out
	}
}

// closest returns the candidate nearest to s when it is close enough to be a typo.
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	n := utf8.RuneCountInString(s)
	for _, c := range sorted {
		if diff := utf8.RuneCountInString(c) - n; diff >= bestD || -diff >= bestD {
			continue // the distance is at least the difference in length
		}
		if d := levenshtein(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Closest is exported for other validators: the candidate nearest to s, or "".
func Closest(s string, candidates []string) string { return closest(s, candidates) }

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
