package xlsform

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/xuri/excelize/v2"
)

// streamSheets reads a workbook the way a read-only streaming reader does
// (openpyxl's read_only mode, which pyxform uses): each worksheet's
// <dimension> is read first, and only the cells inside it are kept.
func streamSheets(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	open := func(name string) []byte {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if _, err := zr.Open("xl/sharedStrings.xml"); err == nil {
		if err := xml.Unmarshal(open("xl/sharedStrings.xml"), &sst); err != nil {
			t.Fatal(err)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(open("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(open("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	for _, s := range wb.Sheets {
		target := ""
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				target = path.Join("xl", strings.TrimPrefix(r.Target, "/xl/"))
			}
		}
		dec := xml.NewDecoder(bytes.NewReader(open(target)))
		maxCol, maxRow := -1, -1
		var rows [][]string
		var cur struct {
			ref, typ string
			inV      bool
			val      string
		}
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				switch e.Name.Local {
				case "dimension":
					for _, a := range e.Attr {
						if a.Name.Local == "ref" {
							last := a.Value[strings.LastIndex(a.Value, ":")+1:]
							c, r, err := excelize.CellNameToCoordinates(last)
							if err != nil {
								t.Fatal(err)
							}
							maxCol, maxRow = c, r
						}
					}
				case "sheetData":
					if maxRow < 0 {
						t.Fatalf("sheet %s: cells come before any <dimension>", s.Name)
					}
				case "c":
					cur.ref, cur.typ, cur.val = "", "", ""
					for _, a := range e.Attr {
						switch a.Name.Local {
						case "r":
							cur.ref = a.Value
						case "t":
							cur.typ = a.Value
						}
					}
				case "v", "t":
					cur.inV = true
				}
			case xml.CharData:
				if cur.inV {
					cur.val += string(e)
				}
			case xml.EndElement:
				switch e.Name.Local {
				case "v", "t":
					cur.inV = false
				case "c":
					c, r, err := excelize.CellNameToCoordinates(cur.ref)
					if err != nil {
						t.Fatal(err)
					}
					if c > maxCol || r > maxRow {
						continue // outside the declared dimension: not read
					}
					v := cur.val
					if cur.typ == "s" {
						i, _ := strconv.Atoi(v)
						v = sst.SI[i].T
						for _, run := range sst.SI[i].R {
							v += run.T
						}
					}
					for len(rows) < r {
						rows = append(rows, nil)
					}
					for len(rows[r-1]) < c {
						rows[r-1] = append(rows[r-1], "")
					}
					rows[r-1][c-1] = v
				}
			}
		}
		out[s.Name] = rows
	}
	return out
}

// The exported workbook declares its true dimensions, so a streaming reader
// sees every question, choice and setting.
func TestExportDimensionsForStreamingReaders(t *testing.T) {
	for _, dir := range []string{"", "../examples/sample"} {
		c, err := app.LoadContent(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"fr", "ar"} {
			ex, err := Export(c, ExportOptions{Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			sheets := streamSheets(t, ex.XLSX)
			survey := sheets["survey"]
			if len(survey) == 0 {
				t.Fatalf("%s %s: the survey sheet reads empty", dir, lang)
			}
			nameCol := slices.Index(survey[0], "name")
			var names []string
			for _, row := range survey[1:] {
				if nameCol < len(row) {
					names = append(names, row[nameCol])
				}
			}
			for _, qu := range c.Q.Questions {
				if !slices.Contains(names, qu.ID) {
					t.Errorf("%s %s: question %s is outside the declared dimension", dir, lang, qu.ID)
				}
			}
			for _, calc := range c.Q.Calcs {
				if !slices.Contains(names, calc.ID) {
					t.Errorf("%s %s: calculation %s is outside the declared dimension", dir, lang, calc.ID)
				}
			}
			// Every choice and the settings row too.
			full, err := excelize.OpenReader(bytes.NewReader(ex.XLSX))
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range []string{"choices", "settings", "indimaj"} {
				want, _ := full.GetRows(sh)
				got := sheets[sh]
				if len(got) != len(want) {
					t.Errorf("%s %s: sheet %s: a streaming reader sees %d rows of %d", dir, lang, sh, len(got), len(want))
					continue
				}
				for i := range want {
					if strings.Join(slices.DeleteFunc(slices.Clone(got[i]), func(s string) bool { return s == "" }), "|") !=
						strings.Join(slices.DeleteFunc(slices.Clone(want[i]), func(s string) bool { return s == "" }), "|") {
						t.Errorf("%s %s: sheet %s row %d: streaming %q, full %q", dir, lang, sh, i+1, got[i], want[i])
					}
				}
			}
			full.Close()
		}
	}
}
