package xlsform

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// rezip rebuilds a workbook: edit may change a part (return nil to keep it),
// and raw parts are added as given, with the uncompressed size they declare.
type rawPart struct {
	name     string
	body     []byte // uncompressed
	declared uint64 // the size written in the archive
}

func rezip(t *testing.T, data []byte, edit func(name string, body []byte) []byte, raws ...rawPart) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	replaced := map[string]bool{}
	for _, r := range raws {
		replaced[r.name] = true
	}
	for _, f := range zr.File {
		if replaced[f.Name] {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			if b := edit(f.Name, body); b != nil {
				body = b
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	for _, r := range raws {
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(r.body)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: r.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(r.body),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: r.declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func smallForm(t *testing.T) []byte {
	return fixture{
		"survey":  {{"type", "name", "label"}, {"select_one yn", "ok", "OK?"}, {"integer", "n", "N"}},
		"choices": {{"list_name", "name", "label"}, {"yn", "yes", "Yes"}, {"yn", "no", "No"}},
	}.xlsx(t)
}

// Workbooks built to exhaust memory or to smuggle entities are refused
// before they are parsed, each with the reason, never as "no survey sheet".
func TestHostileWorkbooks(t *testing.T) {
	form := smallForm(t)
	zeros := make([]byte, 4<<20) // compresses to a few KB
	billion := []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="survey" sheetId="1"/></sheets>&lol2;</workbook>`)
	external := []byte(`<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>`)
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"declared", rezip(t, form, nil, rawPart{"xl/sharedStrings.xml", zeros[:1024], MaxUncompressedBytes + 1}), ErrZipBomb, "declare more than 32 MB"},
		{"lies", rezip(t, form, nil, rawPart{"xl/sharedStrings.xml", zeros, 1024}), ErrZipBomb, "xl/sharedStrings.xml expands beyond what it declares"},
		{"billion laughs", rezip(t, form, func(name string, _ []byte) []byte {
			if name == "xl/workbook.xml" {
				return billion
			}
			return nil
		}), ErrDTD, "xl/workbook.xml"},
		{"external entity", rezip(t, form, func(name string, _ []byte) []byte {
			if name == "xl/sharedStrings.xml" {
				return external
			}
			return nil
		}), ErrDTD, "xl/sharedStrings.xml"},
		{"far column", rezip(t, form, func(name string, body []byte) []byte {
			if name == "xl/worksheets/sheet1.xml" {
				return bytes.Replace(body, []byte("</sheetData>"), []byte(`<row r="9"><c r="XFD9" t="inlineStr"><is><t>far</t></is></c></row></sheetData>`), 1)
			}
			return nil
		}), ErrTooLarge, "column 16384 (limit 4096 columns)"},
		{"not a zip", []byte("this is not a workbook"), ErrNotWorkbook, "not a zip archive"},
		{"big file", append([]byte("PK"), make([]byte, MaxWorkbookBytes)...), ErrTooLarge, "larger than 50 MB"},
	}
	for _, c := range cases {
		_, err := Import(bytes.NewReader(c.data), ImportOptions{Name: c.name + ".xlsx", SkipUnsupported: true})
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("import %s: %v, want %v with %q", c.name, err, c.want, c.msg)
		}
		_, err = ReadSubmissions(c.name+".xlsx", c.data, sampleQ(t), SubmissionOptions{})
		if !errors.Is(err, c.want) {
			t.Errorf("submissions %s: %v, want %v", c.name, err, c.want)
		}
	}
	// Rows far below the others are not a problem when they are empty.
	far := rezip(t, form, func(name string, body []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return bytes.Replace(body, []byte("</sheetData>"), []byte(`<row r="1048576"></row></sheetData>`), 1)
		}
		return nil
	})
	res, err := Import(bytes.NewReader(far), ImportOptions{Name: "far.xlsx"})
	if err != nil || res.Files == nil {
		t.Fatalf("far empty row: %v %v", err, res)
	}
}
