package xlsform

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// A small YAML writer for generated content: keys in a fixed, readable
// order, and every scalar that could be misread (yes, no, 1.0, null, texts)
// double-quoted, JSON style, which YAML reads the same way.

type yamlWriter struct {
	b bytes.Buffer
}

var plainScalar = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

var yamlWords = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "nan": true, "inf": true,
}

// yamlScalar writes s plain when it cannot be misread, else double-quoted.
func yamlScalar(s string) string {
	if plainScalar.MatchString(s) && !yamlWords[strings.ToLower(s)] {
		return s
	}
	return yamlQuote(s)
}

func yamlQuote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func (w *yamlWriter) line(indent int, s string) {
	w.b.WriteString(strings.Repeat("  ", indent))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

// kv writes key: scalar.
func (w *yamlWriter) kv(indent int, key, value string) {
	w.line(indent, key+": "+value)
}

// text writes a multilingual text in reference order.
func (w *yamlWriter) text(indent int, key string, t map[string]string, langs []string) {
	if len(t) == 0 {
		return
	}
	w.line(indent, key+":")
	for _, l := range langs {
		if s, ok := t[l]; ok {
			w.kv(indent+1, l, yamlQuote(s))
		}
	}
}
