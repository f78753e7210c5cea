package safewrite

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileKeepsModeAndRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.md")
	if err := WriteFile(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Fatalf("new file mode %v", fi.Mode())
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Fatalf("replaced file mode %v, want 0640 kept", fi.Mode())
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("content %q", b)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{fifo: "fifo", "/dev/null": "device", dir: "directory", link: "symlink"} {
		err := WriteFile(path, []byte("x"), 0o644)
		var te *TargetError
		if !errors.As(err, &te) || te.Kind != kind {
			t.Errorf("%s: got %v, want a %s refusal", path, err, kind)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(matches) > 0 {
		t.Fatalf("temporary files left: %v", matches)
	}

	FollowSymlinks = true
	defer func() { FollowSymlinks = false }()
	if err := WriteFile(link, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("--follow-symlink replaced the link itself")
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Fatalf("target content %q", b)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Fatalf("target mode %v", fi.Mode())
	}
	// A link to a device is still refused.
	dev := filepath.Join(dir, "dev")
	os.Symlink("/dev/null", dev)
	var te *TargetError
	if err := WriteFile(dev, []byte("x"), 0o644); !errors.As(err, &te) || te.Kind != "device" {
		t.Fatalf("link to /dev/null: %v", err)
	}
}
