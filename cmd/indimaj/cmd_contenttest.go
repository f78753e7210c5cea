package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/engine/ydoc"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/contenttest"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/tests"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, contentTestCmd)
}

// caseSet is the content and the golden cases of one folder (or the embedded ones).
type caseSet struct {
	name    string            // the folder, or "embedded content"
	dir     string            // "" for the embedded content
	content *engine.Content   //
	files   map[string][]byte // case file (as reported) → bytes
}

func contentTestCmd(g *globals) *cobra.Command {
	var update bool
	cmd := &cobra.Command{
		Use:   "test [CONTENT_DIR...]",
		Short: "Run the content's golden cases (answer sets and the outputs they must give)",
		Long: `Run the golden cases kept beside the content, in CONTENT_DIR/tests/*.yaml: each
gives an answer set (region, a fill level, answers, other respondents, a
consensus, declared priorities) and the outputs the engine must give for it
(section and overall scores and bands, measures that fire or must not, the top
of the ranking, the pilot chosen). Every failing expectation is printed as
file:line:column: what: expected …, got …. Without a folder, runs the --content
folder's cases, or the embedded content's own.

Exit code 1 when an expectation is not met, 2 when a case is malformed
(located like validate's messages) or the content does not load.

--update rewrites each case's expect block with the actual outputs, for review
(git diff); the rest of the file — answers, assert, comments — is kept. assert
blocks are never rewritten and are still checked. The format is in
docs/CONTENT.md ("Golden cases").`,
		Example: "  indimaj test\n  indimaj test ./my-content\n  indimaj test --update ./my-content",
		RunE: func(cmd *cobra.Command, args []string) error {
			dirs := args
			if len(dirs) == 0 && g.content != "" {
				dirs = []string{g.content}
			}
			if update && len(dirs) == 0 {
				return inputf("%s", i18n.M("cli.msg.ct.update_dir"))
			}
			var sets []caseSet
			var all ydoc.Errors
			if len(dirs) == 0 {
				s, err := embeddedCases()
				if err != nil {
					return err
				}
				sets = append(sets, s)
			}
			for _, dir := range dirs {
				s, err := dirCases(dir)
				if err != nil {
					if es, ok := err.(ydoc.Errors); ok {
						all = append(all, es...)
						continue
					}
					return err
				}
				sets = append(sets, s)
			}
			type parsed struct {
				set   caseSet
				cases []*contenttest.Case
			}
			var ps []parsed
			for _, s := range sets {
				parse := contenttest.Parse
				if update {
					parse = contenttest.ParseForUpdate
				}
				cases, err := parse(s.files, s.content)
				if err != nil {
					if es, ok := err.(ydoc.Errors); ok {
						all = append(all, es...)
						continue
					}
					return err
				}
				ps = append(ps, parsed{s, cases})
			}
			if len(all) > 0 {
				return all.Err()
			}
			notMet := 0
			for _, p := range ps {
				failedCases, failures, checked := 0, 0, 0
				for _, cs := range p.cases {
					var r contenttest.Result
					if update {
						r = cs.RunAsserts(p.set.content)
						data := p.set.files[cs.File]
						out := cs.Update(data, p.set.content, r.Outcome)
						if string(out) != string(data) {
							if err := writeFileAtomic(cs.File, out); err != nil {
								return fmt.Errorf("%s: %w", i18n.M("cli.msg.cannot_write", cs.File), err)
							}
							fmt.Fprintln(g.stderr, i18n.M("cli.msg.ct.updated", cs.File))
						}
					} else {
						r = cs.Run(p.set.content)
					}
					checked += r.Checked
					if len(r.Failures) > 0 {
						failedCases++
						failures += len(r.Failures)
						for _, f := range r.Failures {
							fmt.Fprintln(g.stdout, f.String())
						}
					}
				}
				if failedCases > 0 {
					fmt.Fprintln(g.stdout, i18n.M("cli.msg.ct.fail", p.set.name, failedCases, len(p.cases), failures))
				} else {
					fmt.Fprintln(g.stdout, i18n.M("cli.msg.ct.ok", p.set.name, len(p.cases), checked))
				}
				notMet += failures
			}
			if notMet > 0 {
				return &exitError{code: exitRuntime, msg: i18n.M("cli.msg.ct.failed", notMet)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&update, "update", false, "rewrite each case's expect block with the actual outputs (review the diff)")
	return cmd
}

// embeddedCases is the embedded content with its own cases.
func embeddedCases() (caseSet, error) {
	c, err := app.LoadContent("")
	if err != nil {
		return caseSet{}, err
	}
	files := map[string][]byte{}
	err = fs.WalkDir(tests.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !contenttest.IsCaseFile(p) {
			return err
		}
		data, err := fs.ReadFile(tests.FS, p)
		files[path.Join(contenttest.Dir, p)] = data
		return err
	})
	if err != nil {
		return caseSet{}, err
	}
	return caseSet{name: i18n.M("cli.msg.ct.embedded"), content: c, files: files}, nil
}

// dirCases is a content folder with the cases of its tests/ folder.
func dirCases(dir string) (caseSet, error) {
	c, err := app.LoadContent(dir)
	if err != nil {
		return caseSet{}, err
	}
	root := filepath.Join(dir, contenttest.Dir)
	entries, err := os.ReadDir(root)
	if err != nil && !os.IsNotExist(err) {
		return caseSet{}, fmt.Errorf("%s: %w", i18n.M("cli.msg.cannot_read", root, err), err)
	}
	files := map[string][]byte{}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && contenttest.IsCaseFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(root, n)
		data, err := os.ReadFile(p)
		if err != nil {
			return caseSet{}, fmt.Errorf("%s: %w", i18n.M("cli.msg.cannot_read", p, err), err)
		}
		files[p] = data
	}
	if len(files) == 0 {
		return caseSet{}, inputf("%s", i18n.M("cli.msg.ct.no_cases", dir, root))
	}
	return caseSet{name: strings.TrimSuffix(dir, string(filepath.Separator)), dir: dir, content: c, files: files}, nil
}
