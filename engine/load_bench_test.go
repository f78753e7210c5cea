package engine_test

import (
	"io/fs"
	"os"
	"testing"

	"github.com/indimaj/indimaj/engine"
)

// BenchmarkLoadEmbedded measures parsing, validating and compiling the
// default content (every expression compiled once).
func BenchmarkLoadEmbedded(b *testing.B) {
	files := map[string][]byte{}
	fsys := os.DirFS("..")
	for _, dir := range []string{"questionnaires", "rules"} {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			if n := e.Name(); len(n) > 5 && n[len(n)-5:] == ".yaml" {
				data, _ := fs.ReadFile(fsys, dir+"/"+n)
				files[dir+"/"+n] = data
			}
		}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := engine.LoadFiles(files); err != nil {
			b.Fatal(err)
		}
	}
}
