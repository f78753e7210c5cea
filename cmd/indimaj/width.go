package main

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Terminal tables are laid out by display width (terminal cells), not by
// bytes nor runes: an Arabic vowel mark or a decomposed French accent takes
// no cell, a CJK letter takes two. fmt's %-Ns pads by runes, which misaligns
// the columns after such a title.

// padW pads s with spaces to w cells (s is never cut).
func padW(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// truncate cuts s to at most n cells, ending with "…" when cut.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return ansi.Truncate(s, n, "…")
}

// fitW cuts s to at most w cells and pads it to exactly w cells.
func fitW(s string, w int) string { return padW(truncate(s, w), w) }
