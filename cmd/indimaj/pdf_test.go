package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/pdf"
)

// needBrowser skips without a headless Chromium, except in CI (CI=true),
// where .ci/run installs one and its absence is a failure.
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := pdf.Find(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI: %v (.ci/run installs chromium)", err)
		}
		t.Skipf("%v", err)
	}
}

func TestReportPDF(t *testing.T) {
	needBrowser(t)
	db := filepath.Join(t.TempDir(), "r.db")
	id := newSampleAssessment(t, db, "oriental")
	dir := t.TempDir()
	for _, tc := range []struct{ kind, lang, file string }{
		{"summary", "fr", "resume.pdf"},
		{"action-plan", "ar", "plan-ar.pdf"},
	} {
		out := filepath.Join(dir, tc.file)
		// The format comes from the extension.
		r := cli(t, db, "", sample, "report", id, "--kind", tc.kind, "--lang", tc.lang, "-o", out)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.kind, r.code, r.stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[len(data)-64:], []byte("%%EOF")) || len(data) < 5000 {
			t.Errorf("%s: not a complete PDF (%d bytes)", tc.kind, len(data))
		}
		if pages := pdfPages(t, out); pages < 1 {
			t.Errorf("%s: %d pages", tc.kind, pages)
		}
	}
	// --format pdf to standard output.
	r := cli(t, db, "", sample, "report", id, "--kind", "pilot", "--format", "pdf")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "%PDF-") {
		t.Errorf("pilot to stdout: exit %d, %q…", r.code, r.stdout[:min(20, len(r.stdout))])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files written, want the 2 PDFs", len(entries))
	}
}

// pdfPages counts the pages with pdfinfo when it is installed, else by the
// page objects of the file.
func pdfPages(t *testing.T, path string) int {
	if out, err := exec.Command("pdfinfo", path).Output(); err == nil {
		for _, l := range strings.Split(string(out), "\n") {
			if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
				n := 0
				for _, c := range f[1] {
					n = n*10 + int(c-'0')
				}
				return n
			}
		}
	}
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("/Type /Page\n")) + bytes.Count(data, []byte("/Type /Page/")) + bytes.Count(data, []byte("/Type/Page"))
}

// Without a browser on PATH: one line saying how to install one, exit 1,
// nothing written.
func TestReportPDFWithoutBrowser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	id := newSampleAssessment(t, db, "oriental")
	out := filepath.Join(t.TempDir(), "plan.pdf")
	empty := t.TempDir()
	for _, args := range [][]string{
		{"report", id, "--kind", "action-plan", "-o", out},
		{"report", id, "--kind", "summary", "--format", "pdf"},
		{"compare", id, id + "x", "--format", "pdf"},
	} {
		r := cliEnv(t, []string{"PATH=" + empty, "INDIMAJ_DB=" + db, "HOME=" + t.TempDir(), "INDIMAJ_LANG=en"}, append([]string{sample}, args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "apt-get install chromium") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line saying how to install chromium", args, r.code, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("%v: wrote %q to stdout", args, r.stdout)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written", out)
	}
}
