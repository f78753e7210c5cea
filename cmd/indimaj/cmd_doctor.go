package main

import (
	"bytes"
	encbin "encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, doctorCmd) }

func doctorCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the whole database file: pages, checksums, summary index",
		Long: `Read the whole database file and report what is wrong, without changing it:
bbolt's consistency check of every page, the size the header declares, the
checksum of every stored value, and that the summary index matches the
assessments. Exit 0 when the file is sound, 1 when it is damaged.

Everyday commands check only what they read (the file's header pages, its size,
the checksums of the values they use), so their cost does not grow with the
file; run doctor after a crash, a disk problem or a copy from another machine,
or add --check to any command to run it first. ` + "`indimaj import`" + ` of a
database runs it on that database.`,
		Example: "  indimaj doctor\n  indimaj doctor --db regions/oriental.db --json\n  indimaj --check report 01J9Z8 --kind diagnostic",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := g.dbPath()
			if err != nil {
				return err
			}
			if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
				return inputf("%s", i18n.M("scale.doctor.missing", p))
			}
			rep, err := store.Doctor(p)
			if err != nil {
				return err
			}
			if asJSON {
				if rep.Problems == nil {
					rep.Problems = []store.Problem{}
				}
				if err := g.printJSON(rep); err != nil {
					return err
				}
			} else {
				printReport(g.stdout, rep)
			}
			if !rep.OK() {
				return &exitError{code: exitRuntime}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

func printReport(w io.Writer, rep *store.Report) {
	fmt.Fprintln(w, i18n.M("scale.doctor.head", rep.Path))
	schema := rep.Schema
	if schema == "" {
		schema = "?"
	}
	fmt.Fprintln(w, "  "+i18n.M("scale.doctor.facts", humanSize(rep.Size), schema, rep.Assessments, rep.Values))
	if rep.OK() {
		fmt.Fprintln(w, "  "+i18n.M("scale.doctor.ok"))
		return
	}
	if len(rep.Problems) == 1 && rep.Schema == "1" {
		fmt.Fprintln(w, "  "+i18n.M("scale.doctor.old"))
		return
	}
	fmt.Fprintln(w, "  "+i18n.M("scale.doctor.problems", len(rep.Problems)))
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  - %s: %s\n", p.Where, p.What)
	}
	if rep.Truncated {
		fmt.Fprintln(w, "  "+i18n.M("scale.doctor.more", len(rep.Problems)))
	}
	fmt.Fprintln(w, "  "+i18n.M("scale.doctor.advice"))
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// fullCheck runs Doctor before a command when --check is given.
func (g *globals) fullCheck(cmd *cobra.Command) error {
	if !g.check || cmd.Name() == "doctor" {
		return nil
	}
	p, err := g.dbPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		return nil // nothing to check yet
	}
	rep, err := store.Doctor(p)
	if err != nil {
		return err
	}
	if !rep.OK() {
		return &exitError{code: exitRuntime, msg: i18n.M("scale.check.failed", p, len(rep.Problems))}
	}
	return nil
}

// isDatabaseFile reports whether path starts like a bbolt file (the magic
// number of its first meta page).
func isDatabaseFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 20)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return encbin.LittleEndian.Uint32(head[16:20]) == 0xED0CDAED
}

// importDatabase checks another indimaj database in full, then imports or
// merges each of its assessments as a bundle.
func importDatabase(g *globals, src, by, reason string) error {
	dst, err := g.dbPath()
	if err != nil {
		return err
	}
	if sameFile(src, dst) {
		return inputf("%s", i18n.M("scale.import.same_db", src))
	}
	rep, err := store.Doctor(src)
	if err != nil {
		return err
	}
	if !rep.OK() {
		printReport(g.stderr, rep)
		return &exitError{code: exitRuntime, msg: i18n.M("scale.import.damaged_db", src, len(rep.Problems), src)}
	}
	c, err := app.LoadContent(g.content)
	if err != nil {
		return err
	}
	from := &app.Env{Content: c, Warn: g.warn}
	if err := from.OpenStore(src, false); err != nil {
		return err
	}
	list, err := from.Store.List()
	if err != nil {
		return err
	}
	// Every assessment is turned into its bundle and checked as one first:
	// nothing is written unless all of them are sound.
	bundles := make([]*app.Bundle, 0, len(list))
	for _, a := range list {
		l, err := from.Open(a.ID)
		if err != nil {
			return err
		}
		data, err := app.MarshalBundle(l)
		if err != nil {
			return err
		}
		b, err := app.ParseBundle(filepath.Base(src)+"#"+a.ID, data)
		if err != nil {
			return err
		}
		bundles = append(bundles, b)
	}
	env, err := g.env(false)
	if err != nil {
		return err
	}
	created := 0
	for _, b := range bundles {
		isNew, err := importBundle(g, env, b, by, reason)
		if err != nil {
			return err
		}
		if isNew {
			created++
		}
	}
	fmt.Fprintln(g.stderr, i18n.M("scale.import.db_done", len(bundles), src, created, len(bundles)-created))
	return nil
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return bytes.Equal([]byte(filepath.Clean(a)), []byte(filepath.Clean(b)))
	}
	return os.SameFile(fa, fb)
}
