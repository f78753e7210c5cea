package xlsform

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on the workbooks and submission files indimaj reads. A file past a
// limit is refused with an error saying which limit, before it is read in
// full: a small .xlsx can expand to gigabytes (a "zip bomb"), and a sheet can
// declare cells far away from the others.
const (
	// MaxWorkbookBytes is the largest workbook or submissions file read.
	MaxWorkbookBytes = 50 << 20
	// MaxUncompressedBytes bounds the parts of an .xlsx once uncompressed,
	// all together, both as the archive declares them and as they really
	// expand.
	MaxUncompressedBytes = 32 << 20
	// MaxSheets is the most sheets a workbook may have.
	MaxSheets = 256
	// MaxRows is the most rows read from one sheet, up to its last filled
	// row (Excel's limit).
	MaxRows = 1 << 20
	// maxRowPositions bounds the row positions walked through, empty
	// ones included, in all the sheets together.
	maxRowPositions = 16 << 20
	// MaxColumns is the rightmost column a cell with a value may be in.
	MaxColumns = 4096
	// MaxCells is the most filled cells read from a workbook.
	MaxCells = 2_000_000
	// MaxSurveyRows and MaxChoiceRows bound the forms imported (the largest
	// real forms have a few thousand rows).
	MaxSurveyRows = 10_000
	MaxChoiceRows = 100_000
)

// Errors that say why a workbook is refused (wrapped with the details).
var (
	// ErrNotWorkbook: the file is neither an .xlsx nor an .xls workbook, or
	// is damaged.
	ErrNotWorkbook = errors.New("not a readable workbook (.xlsx or .xls)")
	// ErrTooLarge: the file passes one of the limits above.
	ErrTooLarge = errors.New("too large")
	// ErrZipBomb: the archive expands far beyond its size, or differently
	// from what it declares.
	ErrZipBomb = errors.New("refused: the workbook expands beyond the limits once uncompressed")
	// ErrDTD: a part of the workbook declares a DTD or entities, which no
	// spreadsheet writes (billion laughs, external entities).
	ErrDTD = errors.New("refused: a part of the workbook declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which spreadsheets never write")
)

// readLimited reads at most MaxWorkbookBytes.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxWorkbookBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxWorkbookBytes {
		return nil, fmt.Errorf("%w: the file is larger than %d MB", ErrTooLarge, MaxWorkbookBytes>>20)
	}
	return data, nil
}

// checkZip checks an .xlsx archive before anything parses it: the sizes its
// parts declare, the sizes they really expand to, and that no XML part
// declares a DTD.
func checkZip(data []byte) error {
	if !bytes.HasPrefix(data, []byte("PK")) {
		return fmt.Errorf("%w: the file is not a zip archive", ErrNotWorkbook)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > MaxUncompressedBytes {
			return fmt.Errorf("%w: its parts declare more than %d MB uncompressed (%s)", ErrZipBomb, MaxUncompressedBytes>>20, f.Name)
		}
	}
	var total int64
	buf := make([]byte, 32<<10)
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrNotWorkbook, f.Name, err)
		}
		xmlPart := strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") || strings.HasSuffix(f.Name, ".vml")
		var size int64
		var tail []byte
		for {
			n, err := rc.Read(buf)
			size += int64(n)
			total += int64(n)
			if uint64(size) > f.UncompressedSize64 || total > MaxUncompressedBytes {
				rc.Close()
				return fmt.Errorf("%w: %s expands beyond what it declares or past %d MB", ErrZipBomb, f.Name, MaxUncompressedBytes>>20)
			}
			if xmlPart && n > 0 {
				// Look across chunk boundaries too.
				edge := append(tail, buf[:min(n, 8)]...)
				if hasDTD(edge) || hasDTD(buf[:n]) {
					rc.Close()
					return fmt.Errorf("%w: %s", ErrDTD, f.Name)
				}
				tail = append(tail[:0], buf[max(0, n-8):n]...)
			}
			if err == io.EOF {
				break
			}
			if errors.Is(err, zip.ErrFormat) {
				// The zip reader stops a part that outgrows its declared size.
				rc.Close()
				return fmt.Errorf("%w: %s expands beyond what it declares", ErrZipBomb, f.Name)
			}
			if err != nil {
				rc.Close()
				return fmt.Errorf("%w: %s: %v", ErrNotWorkbook, f.Name, err)
			}
		}
		rc.Close()
	}
	return nil
}

func hasDTD(b []byte) bool {
	return bytes.Contains(b, []byte("<!DOCTYPE")) || bytes.Contains(b, []byte("<!ENTITY"))
}
