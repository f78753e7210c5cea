package reports

import (
	"bytes"
	"html"
	"strings"

	"github.com/indimaj/indimaj/internal/i18n"
	xhtml "golang.org/x/net/html"
)

// Bidirectional isolation of the Arabic documents. Every left-to-right run
// (a code such as gov03, an SDG target such as 5.c, a number, a formula, a
// French evidence note) is isolated so that the bidi algorithm does not
// reorder its parts: "5.c" stays 5.c instead of showing as c.5.

// IsolateHTML wraps every left-to-right run of the text of an HTML document
// in <bdi>, except where it is already isolated (inside <bdi> or an element
// with dir="ltr" or dir="auto"); in SVG and in <title> elements, where <bdi> cannot go,
// it uses the Unicode isolates FSI … PDI. Style and script are left alone.
// The document is assumed well formed (our templates' output).
func IsolateHTML(doc []byte) []byte {
	z := xhtml.NewTokenizer(bytes.NewReader(doc))
	var out bytes.Buffer
	out.Grow(len(doc) + len(doc)/8)
	// stack holds, per open element, whether its text is already isolated
	// (1), is in SVG or a title (2), or is raw (3: style, script).
	type frame struct {
		name string
		mode int
	}
	var stack []frame
	mode := func() int {
		m := 0
		for _, f := range stack {
			m = max(m, f.mode)
		}
		return m
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return out.Bytes()
		case xhtml.TextToken:
			raw := z.Raw()
			switch mode() {
			case 0:
				out.WriteString(isolateText(html.UnescapeString(string(raw))))
			case 2:
				out.WriteString(html.EscapeString(i18n.Isolate(html.UnescapeString(string(raw)))))
			default:
				out.Write(raw)
			}
		case xhtml.StartTagToken:
			raw := append([]byte(nil), z.Raw()...)
			name, hasAttr := z.TagName()
			n := string(name)
			m := 0
			switch n {
			case "bdi":
				m = 1
			case "svg", "title":
				m = 2
			case "style", "script":
				m = 3
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				// An element with a dir attribute is isolated by the browser
				// (HTML: unicode-bidi: isolate); dir="auto" takes the direction
				// of its first strong letter, which suits a note in French.
				if string(k) == "dir" && (string(v) == "ltr" || string(v) == "auto") {
					m = max(m, 1)
				}
			}
			if !voidElement(n) {
				stack = append(stack, frame{n, m})
			}
			out.Write(raw)
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == string(name) {
					stack = stack[:i]
					break
				}
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

func voidElement(n string) bool {
	switch n {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// isolateText escapes text for HTML with each left-to-right run in
// <bdi dir="ltr"> (a run of digits alone, such as "3 %", has no strong
// letter: without dir it would take the paragraph's direction).
func isolateText(s string) string {
	runs := i18n.LTRRuns(s)
	if len(runs) == 0 {
		return html.EscapeString(s)
	}
	var b strings.Builder
	last := 0
	for _, r := range runs {
		b.WriteString(html.EscapeString(s[last:r[0]]))
		b.WriteString(`<bdi dir="ltr">`)
		b.WriteString(html.EscapeString(s[r[0]:r[1]]))
		b.WriteString("</bdi>")
		last = r[1]
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// IsolateMarkdown puts every left-to-right run of a Markdown document's
// lines between FSI and PDI (the isolates never cross Markdown syntax: see
// i18n.LTRRuns).
func IsolateMarkdown(doc []byte) []byte {
	lines := strings.SplitAfter(string(doc), "\n")
	var b strings.Builder
	b.Grow(len(doc) + len(doc)/8)
	for _, l := range lines {
		b.WriteString(i18n.Isolate(l))
	}
	return []byte(b.String())
}
