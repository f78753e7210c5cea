package reports

import (
	"math"
	"strconv"
	"strings"
)

// Chart is an SVG chart laid out in Go and written by the HTML template (so
// every text in it is escaped). Geometry is computed left to right, then
// mirrored for right-to-left languages; text anchors are logical (start/end)
// and the chart's direction makes them follow.
type Chart struct {
	W, H    string
	Dir     string
	Label   string
	Rects   []svgRect
	Lines   []svgLine
	Marks   []svgLine
	Texts   []svgText
	Polys   []svgPoly
	Circles []svgCircle
	width   float64
}

type svgRect struct {
	X, Y, W, H, Fill, Class, Title string
}

type svgLine struct {
	X1, Y1, X2, Y2, Class string
}

type svgText struct {
	X, Y, Anchor, Class, Text, Title string
}

type svgPoly struct {
	Points, Class, Fill string
}

type svgCircle struct {
	X, Y, R, Fill string
}

func f1(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

type chartBuilder struct {
	c   *Chart
	rtl bool
	w   float64
}

func newChart(w, h float64, rtl bool, label string) *chartBuilder {
	dir := "ltr"
	if rtl {
		dir = "rtl"
	}
	return &chartBuilder{c: &Chart{W: f1(w), H: f1(h), Dir: dir, Label: label, width: w}, rtl: rtl, w: w}
}

func (b *chartBuilder) x(v float64) float64 {
	if b.rtl {
		return b.w - v
	}
	return v
}

func (b *chartBuilder) rect(x, y, w, h float64, fill, class, title string) {
	if b.rtl {
		x = b.w - x - w
	}
	b.c.Rects = append(b.c.Rects, svgRect{f1(x), f1(y), f1(math.Max(w, 0)), f1(h), fill, class, title})
}

func (b *chartBuilder) line(x1, y1, x2, y2 float64, class string) {
	b.c.Lines = append(b.c.Lines, svgLine{f1(b.x(x1)), f1(y1), f1(b.x(x2)), f1(y2), class})
}

func (b *chartBuilder) text(x, y float64, anchor, class, s string) {
	b.c.Texts = append(b.c.Texts, svgText{X: f1(b.x(x)), Y: f1(y), Anchor: anchor, Class: class, Text: s})
}

// label writes a text cut to n runes, with the full text as a tooltip.
func (b *chartBuilder) label(x, y float64, anchor, class, s string, n int) {
	t := svgText{X: f1(b.x(x)), Y: f1(y), Anchor: anchor, Class: class, Text: cut(s, n)}
	if t.Text != s {
		t.Title = s
	}
	b.c.Texts = append(b.c.Texts, t)
}

func (b *chartBuilder) poly(pts [][2]float64, class, fill string) {
	parts := make([]string, len(pts))
	for i, p := range pts {
		parts[i] = f1(b.x(p[0])) + "," + f1(p[1])
	}
	b.c.Polys = append(b.c.Polys, svgPoly{strings.Join(parts, " "), class, fill})
}

func (b *chartBuilder) circle(x, y, r float64, fill string) {
	b.c.Circles = append(b.c.Circles, svgCircle{f1(b.x(x)), f1(y), f1(r), fill})
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// barRow is one bar of a bar chart.
type barRow struct {
	Label  string
	Score  *float64
	Color  string
	Target float64
}

const neutral = "#7b8794"

// barChart draws horizontal bars on a 0–100 scale, one per row.
func barChart(rows []barRow, rtl bool, lang, label string, labelRunes int) *Chart {
	const w, labelW, gap, rowH, top = 680.0, 290.0, 10.0, 26.0, 8.0
	x0 := labelW + gap
	span := w - x0 - 56
	h := top + rowH*float64(len(rows)) + 24
	b := newChart(w, h, rtl, label)
	bottom := top + rowH*float64(len(rows))
	for v := 0.0; v <= 100; v += 20 {
		x := x0 + span*v/100
		b.line(x, top-2, x, bottom, "grid")
		b.text(x, bottom+15, "middle", "tick", strconv.Itoa(int(v)))
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		b.label(labelW, y+rowH/2+4, "end", "lbl", r.Label, labelRunes)
		if r.Score == nil {
			b.text(x0+4, y+rowH/2+4, "start", "val muted", "—")
			continue
		}
		col := r.Color
		if col == "" {
			col = neutral
		}
		bw := span * math.Max(0, math.Min(100, *r.Score)) / 100
		b.rect(x0, y+5, bw, rowH-10, col, "bar", r.Label+" : "+nump(r.Score, lang))
		b.text(x0+bw+5, y+rowH/2+4, "start", "val", nump(r.Score, lang))
		if r.Target > 0 && r.Target < 100 {
			tx := x0 + span*r.Target/100
			b.c.Marks = append(b.c.Marks, svgLine{f1(b.x(tx)), f1(y + 2), f1(b.x(tx)), f1(y + rowH - 2), "target"})
		}
	}
	return b.c
}

// radarChart draws the sections' scores on a radar (three axes or more).
func radarChart(rows []barRow, rtl bool, lang, label string) *Chart {
	const w, h = 700.0, 380.0
	cx, cy, r := w/2, h/2+2, 130.0
	b := newChart(w, h, rtl, label)
	n := len(rows)
	pt := func(i int, v float64) [2]float64 {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return [2]float64{cx + r*v/100*math.Cos(a), cy + r*v/100*math.Sin(a)}
	}
	for _, ring := range []float64{20, 40, 60, 80, 100} {
		var pts [][2]float64
		for i := 0; i < n; i++ {
			pts = append(pts, pt(i, ring))
		}
		b.poly(pts, "ring", "none")
	}
	for i := 0; i < n; i++ {
		p := pt(i, 100)
		b.line(cx, cy, p[0], p[1], "grid")
	}
	for _, ring := range []float64{50, 100} {
		b.text(cx+4, cy-r*ring/100+11, "start", "tick", strconv.Itoa(int(ring)))
	}
	var pts [][2]float64
	for i, row := range rows {
		v := 0.0
		if row.Score != nil {
			v = *row.Score
		}
		pts = append(pts, pt(i, v))
	}
	b.poly(pts, "area", "")
	for i, row := range rows {
		if row.Score != nil {
			p := pt(i, *row.Score)
			col := row.Color
			if col == "" {
				col = neutral
			}
			b.circle(p[0], p[1], 4, col)
		}
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		lx, ly := cx+(r+14)*math.Cos(a), cy+(r+14)*math.Sin(a)+4
		anchor := "middle"
		switch {
		case math.Cos(a) > 0.2:
			anchor = "start"
		case math.Cos(a) < -0.2:
			anchor = "end"
		}
		if math.Sin(a) > 0.9 {
			ly += 8
		}
		if math.Sin(a) < -0.9 {
			ly -= 4
		}
		name := cut(row.Label, 26)
		t := svgText{X: f1(b.x(lx)), Y: f1(ly), Anchor: anchor, Class: "lbl", Text: name + " (" + nump(row.Score, lang) + ")"}
		if name != row.Label {
			t.Title = row.Label
		}
		b.c.Texts = append(b.c.Texts, t)
	}
	return b.c
}

// palette colors the compared assessments and the plan's axes.
var palette = []string{"#0b5563", "#d1603d", "#5a8f29", "#8e5ea2", "#c49a00", "#3e6fb0", "#a23b72", "#2a9d8f", "#6c757d", "#e76f51", "#264653", "#b5838d"}

func paletteColor(i int) string { return palette[i%len(palette)] }

// compareChart draws grouped bars: for each row, one bar per assessment.
func compareChart(rows []CompareRow, labels []string, rtl bool, lang, label string) *Chart {
	const w, labelW, gap, top = 680.0, 230.0, 10.0, 8.0
	n := len(labels)
	barH := 9.0
	groupH := barH*float64(n) + 10
	legendH := 18.0 * float64((n+1)/2)
	x0 := labelW + gap
	span := w - x0 - 50
	bottom := top + groupH*float64(len(rows))
	h := bottom + 24 + legendH + 6
	b := newChart(w, h, rtl, label)
	for v := 0.0; v <= 100; v += 20 {
		x := x0 + span*v/100
		b.line(x, top-2, x, bottom, "grid")
		b.text(x, bottom+15, "middle", "tick", strconv.Itoa(int(v)))
	}
	for i, r := range rows {
		y := top + groupH*float64(i)
		b.label(labelW, y+groupH/2+3, "end", "lbl", r.Label, 36)
		for j, v := range r.Values {
			by := y + 5 + barH*float64(j)
			if v == nil {
				b.text(x0+3, by+barH-1, "start", "tick", "—")
				continue
			}
			bw := span * math.Max(0, math.Min(100, *v)) / 100
			b.rect(x0, by, bw, barH-1.5, paletteColor(j), "bar", labels[j]+" — "+r.Label+" : "+nump(v, lang))
			b.text(x0+bw+4, by+barH-1.5, "start", "tick", nump(v, lang))
		}
	}
	ly := bottom + 30
	for j, l := range labels {
		col := float64(j % 2)
		row := float64(j / 2)
		x := 10 + col*(w/2)
		y := ly + row*18
		b.rect(x, y-9, 12, 12, paletteColor(j), "", "")
		b.label(x+18, y+1, "start", "lbl", strconv.Itoa(j+1)+". "+l, 48)
	}
	return b.c
}

// ganttRow is one bar of a chronogram.
type ganttRow struct {
	Label  string
	Title  string
	Start  int
	End    int
	Beyond bool
	Color  string
	Group  bool // a group heading row (an axis), no bar
}

// ganttChart draws a chronogram over periods (quarters or months), with an
// optional "beyond" column.
func ganttChart(rows []ganttRow, periods []string, groups []string, beyond string, rtl bool, label string, labelW float64) *Chart {
	const w, rowH = 680.0, 20.0
	cols := len(periods)
	if beyond != "" {
		cols++
	}
	top := 34.0
	if len(groups) == 0 {
		top = 20
	}
	colW := (w - labelW - 8) / float64(cols)
	h := top + rowH*float64(len(rows)) + 6
	b := newChart(w, h, rtl, label)
	x0 := labelW + 4
	// header: groups (years) and periods
	if len(groups) > 0 {
		per := len(periods) / len(groups)
		for g, name := range groups {
			x := x0 + colW*float64(g*per)
			b.rect(x, 2, colW*float64(per)-2, 14, "#e4ebf2", "", "")
			b.text(x+colW*float64(per)/2, 13, "middle", "tick strong", name)
		}
	}
	for i, p := range periods {
		x := x0 + colW*float64(i)
		b.text(x+colW/2, top-6, "middle", "tick", p)
	}
	if beyond != "" {
		x := x0 + colW*float64(len(periods))
		if len(groups) > 0 {
			b.rect(x, 2, colW-2, 14, "#e4ebf2", "", "")
		}
		b.text(x+colW/2, top-6, "middle", "tick", beyond)
	}
	bottom := top + rowH*float64(len(rows))
	for i := 0; i <= cols; i++ {
		x := x0 + colW*float64(i)
		cl := "grid"
		if len(groups) > 0 && i%(len(periods)/len(groups)) == 0 {
			cl = "grid strong"
		}
		b.line(x, top-2, x, bottom, cl)
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		if r.Group {
			b.rect(0, y+1, w, rowH-2, "#f1f4f8", "", "")
			b.label(6, y+rowH/2+4, "start", "lbl strong", r.Label, 90)
			continue
		}
		b.label(labelW, y+rowH/2+4, "end", "lbl", r.Label, int(labelW/6.9))
		s, e := r.Start, r.End
		if s < 1 {
			s = 1
		}
		if e > len(periods) {
			e = len(periods)
		}
		if e >= s {
			b.rect(x0+colW*float64(s-1)+1, y+4, colW*float64(e-s+1)-2, rowH-8, r.Color, "bar", r.Title)
		}
		if r.Beyond && beyond != "" {
			bx := x0 + colW*float64(len(periods))
			b.rect(bx+1, y+4, colW-2, rowH-8, r.Color, "bar beyond", r.Title)
		}
	}
	return b.c
}
