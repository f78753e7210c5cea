package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// Every value is stored sealed: a CRC-32C of its key and JSON payload (4
// bytes, big-endian), then the payload. A read checks the seal of what it
// reads, so a zeroed or overwritten page under a header, an answer or a
// content snapshot is refused as damage, without scanning the whole file.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errSeal is the cause of a value whose checksum does not match.
var errSeal = errors.New("checksum mismatch")

func checksum(key, payload []byte) uint32 {
	c := crc32.Update(0, castagnoli, key)
	return crc32.Update(c, castagnoli, payload)
}

func seal(key, payload []byte) []byte {
	out := make([]byte, 4+len(payload))
	binary.BigEndian.PutUint32(out, checksum(key, payload))
	copy(out[4:], payload)
	return out
}

// unseal returns the payload of a sealed value, or an error naming the key.
func unseal(key, v []byte) ([]byte, error) {
	if len(v) < 4 {
		return nil, fmt.Errorf("%w: value of %q is %d bytes", errSeal, key, len(v))
	}
	if binary.BigEndian.Uint32(v) != checksum(key, v[4:]) {
		return nil, fmt.Errorf("%w: value of %q", errSeal, key)
	}
	return v[4:], nil
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), seal([]byte(key), data))
}

// getJSON reads and checks key's value into v; ok is false when there is none.
func (s *Store) getJSON(b *bolt.Bucket, key []byte, v any) (ok bool, err error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	return true, s.decodeKV(key, raw, v)
}

// decodeKV checks a sealed value and decodes its JSON into v.
func (s *Store) decodeKV(key, raw []byte, v any) error {
	payload, err := unseal(key, raw)
	if err != nil {
		return damaged(s.path, err)
	}
	if err := json.Unmarshal(payload, v); err != nil {
		return damaged(s.path, fmt.Errorf("value of %q: %w", key, err))
	}
	return nil
}

// forEachJSON decodes every value of b in key order, checking each seal.
func forEachJSON[T any](s *Store, b *bolt.Bucket, fn func(v *T) error) error {
	return b.ForEach(func(k, raw []byte) error {
		if raw == nil {
			return nil // a nested bucket
		}
		var v T
		if err := s.decodeKV(k, raw, &v); err != nil {
			return err
		}
		return fn(&v)
	})
}
