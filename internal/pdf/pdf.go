// Package pdf prints a self-contained HTML document to PDF through a headless
// Chromium found on PATH. It is an edge of the program: it runs an external
// browser on a temporary copy of the document and reads back the PDF.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Browsers are the executables looked for on PATH, in order.
var Browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ErrNoBrowser is returned when no browser of Browsers is on PATH.
var ErrNoBrowser = errors.New("no headless Chromium on PATH")

// Timeout bounds one print.
const Timeout = 2 * time.Minute

// Find returns the path of the first browser of Browsers found on PATH.
func Find() (string, error) {
	for _, name := range Browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Args are the browser's arguments to print in to out with a throw-away
// profile; as root Chromium needs --no-sandbox.
func Args(in, out, profile string, root bool) []string {
	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=" + out}
	if root {
		args = append(args, "--no-sandbox")
	}
	return append(args, "file://"+in)
}

// Print prints html with the browser at path and returns the PDF.
func Print(ctx context.Context, browser string, html []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "indimaj-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "document.html")
	out := filepath.Join(dir, "document.pdf")
	if err := os.WriteFile(in, html, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, Args(in, out, filepath.Join(dir, "profile"), os.Geteuid() == 0)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	cmd.Dir = dir
	runErr := cmd.Run()
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		if runErr == nil {
			runErr = errors.New("no PDF written")
		}
		return nil, fmt.Errorf("%s: %w (%s)", filepath.Base(browser), runErr, lastLine(stderr.String()))
	}
	return data, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
