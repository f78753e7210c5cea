package xlsform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/shakinm/xlsReader/cfb"
	"github.com/shakinm/xlsReader/xls"
)

// cfbMagic starts every OLE2 compound file, hence every .xls workbook.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isXLS(data []byte) bool { return bytes.HasPrefix(data, cfbMagic) }

// readXLS reads an Excel 97–2003 (.xls, BIFF8) workbook. The reader library
// trusts the sizes the file declares, so they are checked first, and a
// damaged file that makes it fail in any way is reported, not a crash.
func readXLS(data []byte) (sheets map[string]*sheet, names []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			sheets, names, err = nil, nil, fmt.Errorf("%w: a damaged .xls file (%v)", ErrNotWorkbook, r)
		}
	}()
	if err := checkCFB(data); err != nil {
		return nil, nil, err
	}
	c, err := cfb.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	found := false
	for _, d := range c.GetDirs() {
		if n := d.Name(); n == "Workbook" || n == "Book" {
			found = true
			if int64(d.GetStreamSize()) > int64(len(data)) {
				return nil, nil, fmt.Errorf("%w: the .xls declares a %d-byte workbook stream in a %d-byte file", ErrZipBomb, d.GetStreamSize(), len(data))
			}
		}
	}
	if !found {
		return nil, nil, fmt.Errorf("%w: an OLE2 file without a workbook (not an .xls?)", ErrNotWorkbook)
	}
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	n := wb.GetNumberSheets()
	if n > MaxSheets {
		return nil, nil, fmt.Errorf("%w: %d sheets (limit %d)", ErrTooLarge, n, MaxSheets)
	}
	sheets = map[string]*sheet{}
	cells, positions := 0, 0
	for i := range n {
		s, err := wb.GetSheet(i)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		var rows [][]string
		nrows := s.GetNumberRows()
		if positions += nrows; positions > MaxRows {
			return nil, nil, fmt.Errorf("%w: more than %d rows (sheet %s)", ErrTooLarge, MaxRows, s.GetName())
		}
		for r := range nrows {
			row, err := s.GetRow(r)
			if err != nil {
				return nil, nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
			}
			var out []string
			for _, cd := range row.GetCols() {
				v := ""
				if cd != nil {
					v = cd.GetString()
				}
				if v != "" {
					cells++
				}
				out = append(out, v)
			}
			for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
				out = out[:len(out)-1]
			}
			if len(out) > MaxColumns {
				return nil, nil, fmt.Errorf("%w: sheet %s, row %d has a cell in column %d (limit %d columns)", ErrTooLarge, s.GetName(), r+1, len(out), MaxColumns)
			}
			rows = append(rows, out)
		}
		if cells > MaxCells {
			return nil, nil, fmt.Errorf("%w: more than %d filled cells", ErrTooLarge, MaxCells)
		}
		for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
			rows = rows[:len(rows)-1]
		}
		name := s.GetName()
		sheets[strings.ToLower(strings.TrimSpace(name))] = &sheet{name: name, rows: rows}
		names = append(names, name)
	}
	return sheets, names, nil
}
