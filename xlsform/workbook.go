// Package xlsform translates between indimaj content and XLSForm workbooks
// (the spreadsheet form format of ODK, KoboToolbox and SurveyCTO), and reads
// the submissions those tools export.
//
// It is pure translation: content comes in as an engine.Content or as YAML
// files, workbooks as bytes (read and written with excelize), and problems go
// back as values. The CLI (indimaj xlsform …) does the file handling.
package xlsform

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheet is a worksheet as rows of cells; the first row is the header.
type sheet struct {
	name string
	rows [][]string
}

// header returns the (trimmed) column headers.
func (s *sheet) header() []string {
	if s == nil || len(s.rows) == 0 {
		return nil
	}
	out := make([]string, len(s.rows[0]))
	for i, h := range s.rows[0] {
		out[i] = strings.TrimSpace(h)
	}
	return out
}

// column returns the index of the column whose header is name (compared
// without case), or -1.
func (s *sheet) column(name string) int {
	for i, h := range s.header() {
		if strings.EqualFold(h, name) {
			return i
		}
	}
	return -1
}

// cell returns a trimmed cell, "" when the row is shorter.
func cell(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[col])
}

// readWorkbook reads every sheet of an .xlsx (or .xls) workbook, within the
// limits of limits.go (names keep their case).
func readWorkbook(r io.Reader) (map[string]*sheet, []string, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, nil, err
	}
	if isXLS(data) {
		return readXLS(data)
	}
	if err := checkZip(data); err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUncompressedBytes, UnzipXMLSizeLimit: MaxUncompressedBytes})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	defer f.Close()
	sheets := map[string]*sheet{}
	var names []string
	cells, positions := 0, 0
	list := f.GetSheetList()
	if len(list) > MaxSheets {
		return nil, nil, fmt.Errorf("%w: %d sheets (limit %d)", ErrTooLarge, len(list), MaxSheets)
	}
	for _, name := range list {
		rows, err := f.Rows(name)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: sheet %s: %v", ErrNotWorkbook, name, err)
		}
		var out [][]string
		gap := 0 // empty rows not yet kept (kept only when a filled row follows)
		for rows.Next() {
			if positions++; positions > maxRowPositions {
				rows.Close()
				return nil, nil, fmt.Errorf("%w: more than %d rows (sheet %s)", ErrTooLarge, maxRowPositions, name)
			}
			row, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("%w: sheet %s: %v", ErrNotWorkbook, name, err)
			}
			// Keep what a row holds, not the empty cells before a far column.
			last := len(row) - 1
			for last >= 0 && row[last] == "" {
				last--
			}
			if last >= MaxColumns {
				rows.Close()
				return nil, nil, fmt.Errorf("%w: sheet %s, row %d has a cell in column %d (limit %d columns)", ErrTooLarge, name, len(out)+1, last+1, MaxColumns)
			}
			for _, v := range row[:last+1] {
				if v != "" {
					cells++
				}
			}
			if cells > MaxCells {
				rows.Close()
				return nil, nil, fmt.Errorf("%w: more than %d filled cells (sheet %s, row %d)", ErrTooLarge, MaxCells, name, len(out)+1)
			}
			if last < 0 {
				gap++
				continue
			}
			if len(out)+gap >= MaxRows {
				rows.Close()
				return nil, nil, fmt.Errorf("%w: more than %d rows (sheet %s)", ErrTooLarge, MaxRows, name)
			}
			for ; gap > 0; gap-- {
				out = append(out, nil)
			}
			out = append(out, slices.Clip(row[:last+1]))
		}
		if err := rows.Close(); err != nil {
			return nil, nil, fmt.Errorf("%w: sheet %s: %v", ErrNotWorkbook, name, err)
		}
		sheets[strings.ToLower(strings.TrimSpace(name))] = &sheet{name: name, rows: out}
		names = append(names, name)
	}
	return sheets, names, nil
}

// outSheet is a sheet to write: a header and rows of values (string or float64).
type outSheet struct {
	name   string
	header []string
	rows   [][]any
}

func (s *outSheet) add(values map[string]any) {
	row := make([]any, len(s.header))
	for i, h := range s.header {
		if v, ok := values[h]; ok {
			row[i] = v
		} else {
			row[i] = ""
		}
	}
	s.rows = append(s.rows, row)
}

// writeWorkbook writes sheets to an .xlsx file, with a bold, frozen header.
func writeWorkbook(sheets []*outSheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		hdr := make([]any, len(s.header))
		for j, h := range s.header {
			hdr[j] = h
		}
		if err := f.SetSheetRow(s.name, "A1", &hdr); err != nil {
			return nil, err
		}
		for j, row := range s.rows {
			cellName, _ := excelize.CoordinatesToCellName(1, j+2)
			r := row
			if err := f.SetSheetRow(s.name, cellName, &r); err != nil {
				return nil, err
			}
		}
		if len(s.header) > 0 {
			last, _ := excelize.CoordinatesToCellName(len(s.header), 1)
			if err := f.SetCellStyle(s.name, "A1", last, bold); err != nil {
				return nil, err
			}
			lastCol, _ := excelize.ColumnNumberToName(len(s.header))
			if err := f.SetColWidth(s.name, "A", lastCol, 18); err != nil {
				return nil, err
			}
		}
		// The true used range: streaming readers (openpyxl's read-only
		// mode, hence pyxform) read only the cells the dimension declares.
		cols := max(len(s.header), 1)
		for _, row := range s.rows {
			cols = max(cols, len(row))
		}
		last, _ := excelize.CoordinatesToCellName(cols, len(s.rows)+1)
		if err := f.SetSheetDimension(s.name, "A1:"+last); err != nil {
			return nil, err
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
