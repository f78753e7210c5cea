// Package safewrite writes the files a user names with -o (reports,
// exports, bundles, XLSForms): through a temporary file and a rename, so a
// reader never sees half a file, and never onto something that is not a
// regular file. A character device (-o /dev/full), a FIFO, a socket or a
// folder is refused; a symbolic link is refused unless the caller asks to
// write through it (--follow-symlink), in which case its target is
// replaced and the link kept. Replacing a file keeps its permissions.
package safewrite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/indimaj/indimaj/internal/i18n"
)

// FollowSymlinks, when true, lets WriteFile write through a symbolic link
// (to the file it points to). The command line sets it from --follow-symlink.
var FollowSymlinks bool

// TargetError is a refused destination: not a regular file. It is an input
// mistake (exit 2).
type TargetError struct {
	Path string
	// Kind is what the path is: "symlink", "directory", "device", "fifo",
	// "socket" or "other".
	Kind string
}

func (e *TargetError) Error() string {
	switch e.Kind {
	case "symlink":
		return i18n.M("safewrite.symlink", e.Path)
	case "directory":
		return i18n.M("safewrite.directory", e.Path)
	}
	return i18n.M("safewrite.not_regular", e.Path, i18n.M("safewrite.kind."+e.Kind))
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m.IsDir():
		return "directory"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m.IsRegular():
		return ""
	}
	return "other"
}

// Target checks where data for path would go and returns the file to
// replace (path itself, or a symbolic link's target when FollowSymlinks is
// set), its current mode when it exists, and whether it exists.
func Target(path string) (dest string, mode fs.FileMode, exists bool, err error) {
	dest = path
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return dest, 0, false, nil
	}
	if err != nil {
		return "", 0, false, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if !FollowSymlinks {
			return "", 0, false, &TargetError{Path: path, Kind: "symlink"}
		}
		dest, err = filepath.EvalSymlinks(path)
		if errors.Is(err, fs.ErrNotExist) {
			// A dangling link: write where it points.
			link, lerr := os.Readlink(path)
			if lerr != nil {
				return "", 0, false, lerr
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(path), link)
			}
			return Target(link)
		}
		if err != nil {
			return "", 0, false, err
		}
		if fi, err = os.Lstat(dest); err != nil {
			return "", 0, false, err
		}
	}
	if k := kindOf(fi.Mode()); k != "" {
		return "", 0, false, &TargetError{Path: path, Kind: k}
	}
	return dest, fi.Mode().Perm(), true, nil
}

// WriteFile writes data to path atomically. A new file gets perm; an
// existing one keeps its permissions (and, for root, its owner). Anything
// but a regular file (or a symbolic link, see FollowSymlinks) is refused
// with a *TargetError and left untouched.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	dest, mode, exists, err := Target(path)
	if err != nil {
		var te *TargetError
		if errors.As(err, &te) {
			return te
		}
		return fmt.Errorf("%s%s%w", i18n.M("safewrite.cannot_write", path), i18n.Colon(), err)
	}
	if exists {
		perm = mode
	}
	fail := func(err error) error {
		return fmt.Errorf("%s%s%w", i18n.M("safewrite.cannot_write", path), i18n.Colon(), err)
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return fail(err)
	}
	if exists {
		if fi, err := os.Stat(dest); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
				_ = f.Chown(int(st.Uid), int(st.Gid))
			}
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	// Check again just before the rename: the target may have changed.
	if _, _, _, err := Target(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fail(err)
	}
	return nil
}
