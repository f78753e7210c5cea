package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// precheck reads the file's two meta pages (bbolt's header) and checks,
// before bbolt maps the file, what a damaged file would otherwise make it
// panic on while it holds the file's lock (a panic inside bolt.Open leaves
// the lock and the file open until the process exits): that the file holds
// every page the header declares, and, for a write, that the free-list page
// is one. A file too short or without a valid meta page is left to bbolt,
// which refuses it with an error.
func precheck(path string, write bool) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt reports it
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	var best *metaInfo
	for _, off := range []int64{0, -1} {
		m, ok := readMeta(f, off, best)
		if ok && (best == nil || m.txid > best.txid) {
			best = m
		}
	}
	if best == nil {
		return nil
	}
	if need := int64(best.pgid) * int64(best.pageSize); fi.Size() < need {
		return fmt.Errorf("file is %d bytes, its header declares %d: the file was truncated", fi.Size(), need)
	}
	if write && best.freelist != ^uint64(0) {
		head := make([]byte, 16)
		if _, err := f.ReadAt(head, int64(best.freelist)*int64(best.pageSize)); err != nil {
			return fmt.Errorf("free-list page %d cannot be read: %w", best.freelist, err)
		}
		if id, flags := binary.LittleEndian.Uint64(head), binary.LittleEndian.Uint16(head[8:]); id != best.freelist || flags != 0x10 {
			return fmt.Errorf("free-list page %d is not one (id %d, flags %#x)", best.freelist, id, flags)
		}
	}
	return nil
}

type metaInfo struct {
	pageSize             uint32
	freelist, pgid, txid uint64
}

// readMeta reads the meta page at off (-1: the second one, one page after
// the first) and checks its magic number and checksum.
func readMeta(f io.ReaderAt, off int64, first *metaInfo) (*metaInfo, bool) {
	if off < 0 {
		size := int64(4096)
		if first != nil {
			size = int64(first.pageSize)
		}
		off = size
	}
	buf := make([]byte, 16+64)
	if _, err := f.ReadAt(buf, off); err != nil {
		return nil, false
	}
	m := buf[16:]
	if binary.LittleEndian.Uint32(m) != 0xED0CDAED {
		return nil, false
	}
	h := fnv.New64a()
	_, _ = h.Write(m[:56])
	if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
		return nil, false
	}
	info := &metaInfo{pageSize: binary.LittleEndian.Uint32(m[8:]), freelist: binary.LittleEndian.Uint64(m[32:]),
		pgid: binary.LittleEndian.Uint64(m[40:]), txid: binary.LittleEndian.Uint64(m[48:])}
	if info.pageSize < 512 || info.pageSize > 1<<20 {
		return nil, false
	}
	return info, true
}
