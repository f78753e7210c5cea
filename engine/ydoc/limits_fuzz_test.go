package ydoc

import (
	"strings"
	"testing"
)

func treeStats(n *Node, depth int, deepest, count *int) {
	*count += 1 + len(n.Keys)
	*deepest = max(*deepest, depth)
	for _, v := range n.Vals {
		treeStats(v, depth+1, deepest, count)
	}
	for _, v := range n.Items {
		treeStats(v, depth+1, deepest, count)
	}
}

// FuzzLimits checks that the byte scan never under-estimates what the
// parser builds: for any document the scan lets through, the tree yaml.v3
// builds is at most one level deeper (scalars are a level of the tree, not
// of the scan) and holds at most twice the values estimated (a key and its
// null value count once) — so the limits bound the parser's memory. It also
// checks that Parse never panics and always locates its errors.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{
		"a: [[1, 2], {b: c}]\n", "- - - x\n", "a:\n  b:\n    - c\n    - d: e\n", "k: |\n  [[[\n  ]\nz: 1\n",
		"a: \"[[[\\\"\"\n", "a: '[['' ['\n", "? a\n: b\n", "a: &x [1]\nb: *x\n", "a: !!str [1]\n", "{a, b, c}\n",
		"- k: >\n    text\n  j: [1]\n", "a: b # [[[\n", "[a, [b, {c: [d]}]]", `{"a": [1, {"b": null}]}`,
		"a:\n- b\n- c\n", "\t- x\n", "a: 'x\n  y'\nb: [\n  1,\n  2]\n", strings.Repeat("[", 70) + strings.Repeat("]", 70),
		"---\na: 1\n...\n", "%YAML 1.2\n---\na: 1\n", "a: |2\n   x\n  y\n", "- ? a\n  : b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		n, err := Parse("f.yaml", data)
		if err != nil {
			e, ok := err.(*Error)
			if es, many := err.(Errors); many && len(es) > 0 {
				e, ok = es[0], true
			}
			if !ok || e.File != "f.yaml" || e.Msg == "" {
				t.Fatalf("unlocated error %T %v", err, err)
			}
		}
		_ = n
		sc := &limitScanner{file: "f.yaml", data: data, block: -1}
		if sc.run() != nil {
			return
		}
		tree, ok, _ := parseFast("f.yaml", data)
		if !ok {
			return
		}
		deepest, count := 0, 0
		treeStats(tree, 1, &deepest, &count)
		if deepest > sc.deepest+1 {
			t.Fatalf("the scan saw %d levels, the tree has %d:\n%q", sc.deepest, deepest, data)
		}
		if count > 2*sc.nodes+2 {
			t.Fatalf("the scan counted %d values, the tree has %d:\n%q", sc.nodes, count, data)
		}
	})
}
