package xlsform

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// checkCFB walks, on the raw bytes, every sector chain the .xls reader
// library follows before it hands back a workbook (its FAT, mini FAT,
// directory and workbook stream), the way that library does, and refuses
// what would make it loop forever or allocate without bound: a chain that
// comes back on itself, counts beyond what the file can hold.
func checkCFB(data []byte) error {
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: a damaged .xls file (%s)", ErrNotWorkbook, fmt.Sprintf(format, args...))
	}
	le := binary.LittleEndian
	n := uint64(len(data))
	if n < 512 {
		return damaged("shorter than its header")
	}
	shift := le.Uint16(data[30:32])
	if shift != 9 && shift != 12 {
		return damaged("sector size 2^%d", shift)
	}
	ss := uint32(1) << shift
	maxSectors := uint32(n/uint64(ss)) + 1
	const endOfChain = 0xFFFFFFFE
	numFAT := le.Uint32(data[44:48])
	firstDir := le.Uint32(data[48:52])
	cutoff := uint32(le.Uint16(data[56:58]))
	firstMini := le.Uint32(data[60:64])
	numMini := le.Uint32(data[64:68])
	firstDIFAT := le.Uint32(data[68:72])
	numDIFAT := le.Uint32(data[72:76])
	if numFAT > maxSectors || numMini > maxSectors {
		return damaged("%d FAT and %d mini FAT sectors in %d bytes", numFAT, numMini, n)
	}
	if numFAT > 109 && numDIFAT > (numFAT-109)/127+1 || numFAT <= 109 && numDIFAT > 1 {
		return damaged("%d DIFAT sectors for %d FAT sectors", numDIFAT, numFAT)
	}
	// sector reads like the library: offsets in uint32 arithmetic; nil when
	// the offset is past the end (the library then fails, which is fine).
	sector := func(off uint32, size uint32) []byte {
		if uint64(off) >= n {
			return nil
		}
		out := make([]byte, size)
		copy(out, data[off:])
		return out
	}
	at := func(id uint32) uint32 { return id*ss + ss }
	values := func(b []byte) []uint32 {
		out := make([]uint32, 128)
		for i := range out {
			if 4*i+4 <= len(b) {
				out[i] = le.Uint32(b[4*i:])
			}
		}
		return out
	}
	// The mini FAT: numMini sectors read one after the other.
	var mini []uint32
	pos := at(firstMini)
	for range numMini {
		b := sector(pos, ss)
		if b == nil {
			return nil
		}
		for i := 0; i+4 <= int(ss); i += 4 {
			mini = append(mini, le.Uint32(b[i:]))
		}
		pos += ss
	}
	// The FAT: from the header's DIFAT, then the DIFAT sectors.
	var fat []uint32
	for i := range min(numFAT, 109) {
		b := sector(at(le.Uint32(data[76+4*i:])), ss)
		if b == nil {
			return nil
		}
		fat = append(fat, values(b)...)
	}
	if firstDIFAT != endOfChain {
		pos := at(firstDIFAT)
		for range numDIFAT {
			b := sector(pos, ss)
			if b == nil {
				return nil
			}
			for i := 0; i+4 <= int(ss)-4; i += 4 {
				s := sector(at(le.Uint32(b[i:])), ss)
				if s == nil {
					return nil
				}
				fat = append(fat, values(s)...)
			}
			pos = at(le.Uint32(b[ss-4:]))
		}
	}
	// chain follows a FAT chain from start: every sector once at most.
	chain := func(table []uint32, start uint32, what string) ([]uint32, error) {
		seen := map[uint32]bool{}
		var ids []uint32
		for id := start; ; {
			if seen[id] {
				return nil, damaged("the chain of the %s comes back to sector %d", what, id)
			}
			seen[id] = true
			ids = append(ids, id)
			if int(id) >= len(table) || len(ids) > len(table) {
				return ids, nil // the library stops there (with an error)
			}
			if id = table[id]; id == endOfChain {
				return ids, nil
			}
		}
	}
	dirSectors, err := chain(fat, firstDir, "directory")
	if err != nil {
		return err
	}
	var book, root []byte
	for _, id := range dirSectors {
		b := sector(at(id), ss)
		if b == nil {
			return nil
		}
		for e := 0; e+128 <= len(b); e += 128 {
			ent := b[e : e+128]
			if ent[66] == 0 {
				continue
			}
			nameLen := min(int(le.Uint16(ent[64:66])), 64)
			u := make([]uint16, 0, 32)
			for i := 0; i+2 <= nameLen; i += 2 {
				if c := le.Uint16(ent[i:]); c != 0 {
					u = append(u, c)
				}
			}
			switch string(utf16.Decode(u)) {
			case "Workbook":
				if book == nil {
					book = ent
				}
			case "Book":
				book = ent
			case "Root Entry":
				root = ent
			}
		}
	}
	if book == nil {
		return nil
	}
	start, size := le.Uint32(book[116:120]), le.Uint32(book[120:124])
	if size < cutoff {
		if root == nil {
			return nil
		}
		_, err = chain(mini, start, "workbook stream")
		return err
	}
	_, err = chain(fat, start, "workbook stream")
	return err
}
