package interview

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// choiceList is the list of a choice question: one option per choice, each
// a label line and its level description under it, with a cursor and (for
// a multiple choice) tick boxes. It scrolls by lines and always keeps the
// whole option under the cursor in view.
//
// It replaces huh's Select and MultiSelect, which were measured to misplace
// multi-line options: Select.updateViewportHeight sets the viewport's line
// offset to the option index on every update, so with level descriptions the
// first lines scroll out of view as soon as the cursor moves (and with
// one-line options the selected one is pinned to the top, huh#707).
type choiceList struct {
	values  []string
	items   [][]string // the lines of each option, already wrapped
	heads   []int      // how many of an option's lines are its label
	multi   bool
	checked []bool
	cursor  int
	offset  int // first visible line
	height  int
	sel     lipgloss.Style
	dim     lipgloss.Style
	check   [2]string
}

func newChoiceList(multi bool, height int, sel, dim lipgloss.Style) *choiceList {
	return &choiceList{multi: multi, height: max(1, height), sel: sel, dim: dim, check: [2]string{"[ ] ", "[x] "}}
}

// add appends an option: its value, its label lines and its description lines.
func (c *choiceList) add(value string, label, desc []string) {
	c.values = append(c.values, value)
	c.items = append(c.items, append(append([]string{}, label...), desc...))
	c.heads = append(c.heads, len(label))
	c.checked = append(c.checked, false)
}

// prefixWidth is the width of what precedes an option's text.
func prefixWidth(multi bool) int {
	if multi {
		return 6
	}
	return 2
}

// lines is the total number of lines of the options.
func (c *choiceList) lines() int {
	n := 0
	for _, it := range c.items {
		n += len(it)
	}
	return n
}

// setCursorTo puts the cursor on the option with value v, if any.
func (c *choiceList) setCursorTo(v string) {
	for i, x := range c.values {
		if x == v {
			c.cursor = i
			break
		}
	}
	c.scroll()
}

// setChecked ticks the options whose values are in vs.
func (c *choiceList) setChecked(vs []string) {
	first := -1
	for i, x := range c.values {
		c.checked[i] = false
		for _, v := range vs {
			if v == x {
				c.checked[i] = true
				if first < 0 {
					first = i
				}
			}
		}
	}
	if first >= 0 {
		c.cursor = first
	}
	c.scroll()
}

// value is the option under the cursor.
func (c *choiceList) value() string {
	if len(c.values) == 0 {
		return ""
	}
	return c.values[c.cursor]
}

// ticked lists the ticked options' values in order.
func (c *choiceList) ticked() []string {
	out := []string{}
	for i, ok := range c.checked {
		if ok {
			out = append(out, c.values[i])
		}
	}
	return out
}

func (c *choiceList) move(to int) {
	n := len(c.values)
	if n == 0 {
		return
	}
	c.cursor = ((to % n) + n) % n
	c.scroll()
}

// Update handles a key; it reports whether the key was for the list.
func (c *choiceList) Update(msg tea.KeyMsg) bool {
	switch k := msg.String(); k {
	case "up", "k", "ctrl+p":
		c.move(c.cursor - 1)
	case "down", "j", "ctrl+n":
		c.move(c.cursor + 1)
	case "home", "g":
		c.move(0)
	case "end", "G":
		c.move(len(c.values) - 1)
	case "pgup":
		c.move(max(0, c.cursor-5))
	case "pgdown":
		c.move(min(len(c.values)-1, c.cursor+5))
	case " ", "x":
		if !c.multi {
			return false
		}
		c.checked[c.cursor] = !c.checked[c.cursor]
	default:
		if d, err := strconv.Atoi(k); err == nil && d >= 1 && d <= len(c.values) && d <= 9 {
			c.move(d - 1)
			if c.multi {
				c.checked[c.cursor] = !c.checked[c.cursor]
			}
			return true
		}
		return false
	}
	return true
}

// window is how many option lines are shown, and whether scroll marks are.
func (c *choiceList) window() (int, bool) {
	if c.lines() <= c.height {
		return c.height, false
	}
	return max(1, c.height-2), true
}

// scroll keeps the option under the cursor in view.
func (c *choiceList) scroll() {
	h, scrolling := c.window()
	if !scrolling {
		c.offset = 0
		return
	}
	start := 0
	for i := 0; i < c.cursor; i++ {
		start += len(c.items[i])
	}
	n := len(c.items[c.cursor])
	switch {
	case start < c.offset:
		c.offset = start
	case start+n > c.offset+h:
		c.offset = start + n - h
		if n > h {
			c.offset = start
		}
	}
	c.offset = max(0, min(c.offset, c.lines()-h))
}

// setHeight changes the visible height.
func (c *choiceList) setHeight(h int) {
	c.height = max(1, h)
	c.scroll()
}

// View renders the visible lines.
func (c *choiceList) View() string {
	h, scrolling := c.window()
	var all []string
	for i, it := range c.items {
		for j, line := range it {
			prefix := "  "
			if j == 0 && i == c.cursor {
				prefix = "> "
			}
			if c.multi {
				if j == 0 {
					box := c.check[0]
					if c.checked[i] {
						box = c.check[1]
					}
					prefix += box
				} else {
					prefix += "    "
				}
			}
			switch {
			case i == c.cursor && j < c.heads[i]:
				all = append(all, c.sel.Render(prefix+line))
			case j >= c.heads[i]:
				all = append(all, prefix+c.dim.Render(line))
			default:
				all = append(all, prefix+line)
			}
		}
	}
	if !scrolling {
		return strings.Join(all, "\n")
	}
	end := min(len(all), c.offset+h)
	out := make([]string, 0, h+2)
	if c.offset > 0 {
		out = append(out, c.dim.Render("  ↑ …"))
	} else {
		out = append(out, "")
	}
	out = append(out, all[c.offset:end]...)
	if end < len(all) {
		out = append(out, c.dim.Render("  ↓ …"))
	}
	return strings.Join(out, "\n")
}
