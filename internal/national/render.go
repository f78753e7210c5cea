package national

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/internal/i18n"
)

func (v *View) t(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

func (v *View) status(s string) string {
	if s == "" {
		return ""
	}
	if i18n.Has(v.Lang, "rp.status."+s) {
		return v.t("rp.status." + s)
	}
	return s
}

// JSON writes the view as indented JSON.
func (v *View) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// CSV writes one row per region: its assessment, status, overall score,
// coverage, provisional flag, divergences, measures, then each section's
// score and coverage. Numbers use a dot, whatever the language.
func (v *View) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"round", "region", "region_name", "assessment", "assessments_in_round", "status", "overall", "band", "coverage",
		"provisional", "divergent", "recommended", "adopted"}
	for _, s := range v.Sections {
		head = append(head, "score_"+s.ID, "coverage_"+s.ID)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	for _, r := range v.Regions {
		row := []string{v.Round, r.Code, safeCell(r.Name), r.Assessment, strconv.Itoa(r.Count), r.Status, f(r.Overall), r.Band,
			"", "", "", "", ""}
		if r.Assessment != "" {
			row[8] = strconv.FormatFloat(round3(r.Coverage), 'f', -1, 64)
			row[9] = strconv.FormatBool(r.Provisional)
			row[10], row[11], row[12] = strconv.Itoa(r.Divergent), strconv.Itoa(r.Recommended), strconv.Itoa(r.Adopted)
		}
		for i := range v.Sections {
			if i < len(r.Sections) && r.Assessment != "" {
				row = append(row, f(r.Sections[i].Score), strconv.FormatFloat(round3(r.Sections[i].Coverage), 'f', -1, 64))
			} else {
				row = append(row, "", "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// safeCell keeps a spreadsheet from reading a cell as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Table writes the view for a terminal: one line per region, then the
// measures most often recommended and adopted.
func (v *View) Table(w io.Writer) error {
	fmt.Fprintln(w, v.t("nat.title", v.Round))
	fmt.Fprintln(w, v.t("nat.summary", v.Totals.Assessed, v.Totals.Regions, v.Totals.Validated, v.Totals.Provisional, pct(v.ProvisionalBelow, v.Lang), v.Totals.Divergent))
	if v.Totals.Mean != nil {
		fmt.Fprintln(w, v.t("nat.mean", num(v.Totals.Mean, v.Lang)))
	}
	fmt.Fprintln(w)
	nameW := ansi.StringWidth(v.t("nat.col.region"))
	for _, r := range v.Regions {
		nameW = max(nameW, ansi.StringWidth(r.Name))
	}
	nameW = min(nameW, 28)
	cols := []string{v.t("nat.col.status"), v.t("nat.col.overall"), v.t("nat.col.coverage"), v.t("nat.col.divergent")}
	colW := []int{12, 7, 10, 11}
	for i := range cols {
		colW[i] = max(colW[i], ansi.StringWidth(cols[i]))
	}
	var b strings.Builder
	b.WriteString(pad(v.t("nat.col.region"), nameW))
	for i, c := range cols {
		b.WriteString("  " + pad(c, colW[i]))
	}
	for _, s := range v.Sections {
		b.WriteString("  " + padLeft(s.ID, 5))
	}
	fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	for _, r := range v.Regions {
		b.Reset()
		b.WriteString(pad(ansi.Truncate(r.Name, nameW, "…"), nameW))
		if r.Assessment == "" {
			b.WriteString("  " + v.t("nat.no_assessment"))
			fmt.Fprintln(w, b.String())
			continue
		}
		cov := pct(r.Coverage, v.Lang)
		if r.Provisional {
			cov += " !"
		}
		for i, c := range []string{v.status(r.Status), num(r.Overall, v.Lang), cov, strconv.Itoa(r.Divergent)} {
			if i == 0 {
				b.WriteString("  " + pad(c, colW[i]))
			} else {
				b.WriteString("  " + padLeft(c, colW[i]))
			}
		}
		for _, s := range r.Sections {
			cell := num(s.Score, v.Lang)
			if s.Provisional {
				cell += "*"
			} else {
				cell += " "
			}
			b.WriteString("  " + padLeft(cell, 5))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "! "+v.t("nat.provisional_def", pct(v.ProvisionalBelow, v.Lang)))
	fmt.Fprintln(w, v.t("nat.low_mark", pct(v.LowBelow, v.Lang)))
	var keys []string
	for _, s := range v.Sections {
		keys = append(keys, s.ID+" = "+s.Title)
	}
	fmt.Fprintln(w, v.t("nat.sections_key", strings.Join(keys, " · ")))
	for _, list := range []struct {
		title string
		none  string
		items []MeasureCount
	}{
		{v.t("nat.recommended", v.TopRecommended), v.t("nat.none_recommended"), v.Recommended},
		{v.t("nat.adopted"), v.t("nat.none_adopted"), v.Adopted},
	} {
		fmt.Fprintln(w)
		fmt.Fprintln(w, list.title)
		if len(list.items) == 0 {
			fmt.Fprintln(w, "  "+list.none)
		}
		for _, m := range list.items {
			fmt.Fprintf(w, "  %2d/%d  %s  %s\n", len(m.Regions), v.Totals.Assessed, m.ID, m.Title)
		}
	}
	if len(v.Rounds) > 1 {
		var others []string
		for _, r := range v.Rounds {
			if r.Round != v.Round {
				others = append(others, fmt.Sprintf("%s (%d)", r.Round, r.Assessments))
			}
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, v.t("nat.other_rounds", strings.Join(others, ", ")))
	}
	return nil
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) + s
}

// tile places the 12 regions on a grid that follows the map, north at the
// top (row, column; 1-based): a schematic map, not a projection.
var tile = map[string][2]int{
	"tanger-tetouan-al-hoceima": {1, 3},
	"oriental":                  {1, 4},
	"rabat-sale-kenitra":        {2, 2},
	"fes-meknes":                {2, 3},
	"casablanca-settat":         {3, 2},
	"beni-mellal-khenifra":      {3, 3},
	"draa-tafilalet":            {3, 4},
	"marrakech-safi":            {4, 2},
	"souss-massa":               {4, 3},
	"guelmim-oued-noun":         {5, 2},
	"laayoune-sakia-el-hamra":   {6, 1},
	"dakhla-oued-ed-dahab":      {7, 1},
}

// HTML writes the view as one self-contained page: inline CSS, no script,
// no external resource; right to left in Arabic (the map keeps its
// orientation). Every text is escaped by html/template.
func (v *View) HTML(w io.Writer) error {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Helpers of the page template.

// Dir is the page's direction.
func (v *View) Dir() string {
	if i18n.RTL(v.Lang) {
		return "rtl"
	}
	return "ltr"
}

// T is a message in the view's language.
func (v *View) T(key string, args ...any) string { return v.t(key, args...) }

// Num formats a score.
func (v *View) Num(p *float64) string { return num(p, v.Lang) }

// Pct formats a share.
func (v *View) Pct(x float64) string { return pct(x, v.Lang) }

// Status is a status's label.
func (v *View) Status(s string) string { return v.status(s) }

// Color is a band's color ("#dde2e8" without a band).
func (v *View) Color(band string) template.CSS {
	if b := v.band(band); b != nil && validColor(b.Color) {
		return template.CSS(b.Color)
	}
	return "#dde2e8"
}

// Ink is a readable text color on a band's color.
func (v *View) Ink(band string) template.CSS {
	return template.CSS(ink(string(v.Color(band))))
}

// BandLabel is a band's label.
func (v *View) BandLabel(band string) string {
	if b := v.band(band); b != nil {
		return b.Label
	}
	return ""
}

// Tile is a region's place on the map grid (CSS).
func (v *View) Tile(code string) template.CSS {
	p, ok := tile[code]
	if !ok {
		return "" // flows after the others
	}
	return template.CSS(fmt.Sprintf("grid-row:%d;grid-column:%d", p[0], p[1]))
}

// Width is a score as a bar width (CSS percentage).
func (v *View) Width(p *float64) template.CSS {
	if p == nil {
		return "0%"
	}
	return template.CSS(strconv.FormatFloat(max(0, min(100, *p)), 'f', 1, 64) + "%")
}

// Share is n of the assessed regions as a bar width.
func (v *View) Share(n int) template.CSS {
	if v.Totals.Assessed == 0 {
		return "0%"
	}
	return template.CSS(strconv.FormatFloat(float64(n)*100/float64(v.Totals.Assessed), 'f', 1, 64) + "%")
}

// RegionNames lists region names for codes.
func (v *View) RegionNames(codes []string) string {
	var out []string
	for _, c := range codes {
		out = append(out, v.refs.Refs.RegionName(c, v.Lang))
	}
	return strings.Join(out, ", ")
}

// Isolated is the round label kept apart from the text around it (a Latin
// label inside Arabic would otherwise be reordered).
func (v *View) Isolated() string { return "\u2068" + v.Round + "\u2069" }

// Date is the generation date.
func (v *View) Date() string { return v.Generated.Format("2006-01-02") }

// Assessments counts the assessments of every round.
func (v *View) Assessments() int {
	n := 0
	for _, r := range v.Rounds {
		n += r.Assessments
	}
	return n
}

func validColor(s string) bool {
	if len(s) != 7 && len(s) != 4 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// ink picks a text color readable on a background color.
func ink(hex string) string {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	x, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 6 {
		return "#1f2933"
	}
	r, g, b := float64(x>>16&255), float64(x>>8&255), float64(x&255)
	if 0.299*r+0.587*g+0.114*b > 150 {
		return "#1f2933"
	}
	return "#ffffff"
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T "nat.title" .Isolated}}</title>
<style>
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 24px auto; max-width: 1160px; padding: 0 16px; font-size: 14px; line-height: 1.4; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 2px solid #1f2933; padding-bottom: 3px; }
.meta { color: #52606d; margin: 0 0 6px; }
.lead { font-size: 15px; margin: 8px 0; }
.top { display: grid; grid-template-columns: 470px 1fr; gap: 28px; align-items: start; }
.map { direction: ltr; display: grid; grid-template-columns: repeat(4, 110px); grid-auto-rows: 78px; gap: 6px; }
.tile { border-radius: 8px; padding: 6px 7px; font-size: 11px; line-height: 1.2; position: relative; overflow: hidden; }
.tile .n { font-weight: 600; display: block; }
.tile .s { font-size: 20px; font-weight: 700; display: block; margin-top: 2px; }
.tile .c { font-size: 10px; }
.tile.none { background: repeating-linear-gradient(45deg, #f0f2f5, #f0f2f5 6px, #e1e5ea 6px, #e1e5ea 12px); color: #52606d; }
.tile.prov { outline: 3px dashed #1f2933; outline-offset: -3px; }
.note { color: #52606d; font-size: 12px; }
.bars .row { display: grid; grid-template-columns: 190px 1fr 54px; gap: 8px; align-items: center; margin: 3px 0; }
.bar { background: #eef1f4; height: 16px; border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; }
.bar span.prov { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.45), rgba(255,255,255,.45) 4px, transparent 4px, transparent 8px); }
.num { text-align: end; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-size: 11.5px; }
th, td { border: 1px solid #d3d9e0; padding: 4px 5px; }
th { background: #f5f7f9; font-weight: 600; vertical-align: bottom; }
td.sc { text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
td.low { outline: 2px dashed #1f2933; outline-offset: -3px; }
.legend { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; font-size: 12px; }
.legend span { display: inline-flex; align-items: center; gap: 4px; }
.legend i { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
.mrow { display: grid; grid-template-columns: 1fr 110px 44px; gap: 8px; align-items: center; margin: 4px 0; font-size: 12px; }
.mrow .t small { color: #52606d; display: block; }
@media print { body { margin: 0; } h2 { break-after: avoid; } .tile, tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>{{.T "nat.title" .Isolated}}</h1>
<p class="meta">{{.T "nat.generated" .Date .Assessments}}</p>
<p class="lead">{{.T "nat.summary" .Totals.Assessed .Totals.Regions .Totals.Validated .Totals.Provisional (.Pct .ProvisionalBelow) .Totals.Divergent}}{{if .Totals.Mean}} {{.T "nat.mean" (.Num .Totals.Mean)}}{{end}}</p>
<div class="legend">{{range .Bands}}<span><i style="background:{{$.Color .ID}}"></i>{{.Label}} ({{.Min}}–{{.Max}})</span>{{end}}<span><i style="outline:2px dashed #1f2933;outline-offset:-2px"></i>{{.T "nat.provisional"}}</span></div>
<div class="top">
<section>
<h2>{{.T "nat.map"}}</h2>
<div class="map">
{{range .Regions}}{{if .Assessment}}<div class="tile{{if .Provisional}} prov{{end}}" style="{{$.Tile .Code}};background:{{$.Color .Band}};color:{{$.Ink .Band}}" title="{{.Name}}"><span class="n">{{.Name}}</span><span class="s">{{$.Num .Overall}}</span><span class="c">{{$.Pct .Coverage}}{{if .Provisional}} · {{$.T "nat.provisional"}}{{end}}</span></div>{{else}}<div class="tile none" style="{{$.Tile .Code}}"><span class="n">{{.Name}}</span><span class="c">{{$.T "nat.no_assessment"}}</span></div>{{end}}
{{end}}</div>
<p class="note">{{.T "nat.map_note"}}</p>
</section>
<section>
<h2>{{.T "nat.overall_chart"}}</h2>
<div class="bars">
{{range .Regions}}<div class="row"><span>{{.Name}}</span><div class="bar"><span class="{{if .Provisional}}prov{{end}}" style="width:{{$.Width .Overall}};background:{{$.Color .Band}}"></span></div><span class="num">{{if .Assessment}}{{$.Num .Overall}}{{else}}—{{end}}</span></div>
{{end}}</div>
<p class="note">{{.T "nat.provisional_def" (.Pct .ProvisionalBelow)}}</p>
</section>
</div>
<h2>{{.T "nat.sections"}}</h2>
<table>
<thead><tr><th>{{.T "nat.col.region"}}</th><th>{{.T "nat.col.status"}}</th>{{range .Sections}}<th>{{.Title}}</th>{{end}}<th>{{.T "nat.col.overall"}}</th><th>{{.T "nat.col.coverage"}}</th><th>{{.T "nat.col.divergent"}}</th><th>{{.T "nat.col.adopted"}}</th></tr></thead>
<tbody>
{{range .Regions}}<tr><th scope="row">{{.Name}}{{if gt .Count 1}} <small class="note">({{.Count}})</small>{{end}}</th>{{if .Assessment}}<td>{{$.Status .Status}}</td>{{range .Sections}}<td class="sc{{if .Provisional}} low{{end}}" style="background:{{$.Color .Band}};color:{{$.Ink .Band}}">{{$.Num .Score}}</td>{{end}}<td class="sc" style="background:{{$.Color .Band}};color:{{$.Ink .Band}}">{{$.Num .Overall}}</td><td class="num">{{$.Pct .Coverage}}{{if .Provisional}} ({{$.T "nat.provisional"}}){{end}}</td><td class="num">{{.Divergent}}</td><td class="num">{{.Adopted}}</td>{{else}}<td colspan="{{len $.Sections}}" class="note">{{$.T "nat.no_assessment"}}</td><td></td><td></td><td></td><td></td><td></td>{{end}}</tr>
{{end}}</tbody>
</table>
<p class="note">{{.T "nat.low_mark" (.Pct .LowBelow)}} {{.T "nat.several_note"}}</p>
<div class="two">
<section>
<h2>{{.T "nat.recommended" .TopRecommended}}</h2>
{{range .Recommended}}<div class="mrow"><span class="t">{{.Title}}<small>{{.ID}} — {{$.RegionNames .Regions}}</small></span><div class="bar"><span style="width:{{$.Share (len .Regions)}};background:#3e6a8a"></span></div><span class="num">{{len .Regions}}/{{$.Totals.Assessed}}</span></div>
{{else}}<p class="note">{{.T "nat.none_recommended"}}</p>{{end}}
</section>
<section>
<h2>{{.T "nat.adopted"}}</h2>
{{range .Adopted}}<div class="mrow"><span class="t">{{.Title}}<small>{{.ID}} — {{$.RegionNames .Regions}}</small></span><div class="bar"><span style="width:{{$.Share (len .Regions)}};background:#2f7d4f"></span></div><span class="num">{{len .Regions}}/{{$.Totals.Assessed}}</span></div>
{{else}}<p class="note">{{.T "nat.none_adopted"}}</p>{{end}}
</section>
</div>
</body>
</html>
`))
