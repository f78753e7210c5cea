package interview

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/store"
)

// The full-screen side of workshops: the respondent switch (p), the
// consensus editor (c) and, from the results view, the list of divergent
// questions (c).

// respondentsLines is the line that shows each respondent's answer to the
// current question, the divergence and the consensus, when two respondents
// or more answered it (or a consensus is set); at most limit lines.
func (m *Model) respondentsLines(limit int) []string {
	qu := m.q
	answers := m.s.AnswersTo(qu.ID)
	cons, hasCons := m.s.Consensus(qu.ID)
	if len(answers) < 2 && !hasCons {
		return nil
	}
	parts := make([]string, 0, len(answers)+2)
	for _, an := range answers {
		parts = append(parts, m.t("iv.labeled", an.Respondent, Display(qu, m.parsed(qu, an.Value), m.lang)))
	}
	line := m.t("iv.cs.answers") + " " + strings.Join(parts, " · ")
	if m.s.Divergent(qu.ID) {
		line += " · ⚠ " + m.t("iv.cs.divergent")
	}
	if hasCons {
		line += " · " + m.t("iv.cs.current", Display(qu, m.parsed(qu, cons.Value), m.lang))
	} else if m.s.CanSetConsensus(qu) {
		line += " · " + m.t("iv.cs.hint")
	}
	lines := wrapLines(line, m.width)
	if len(lines) > limit {
		lines = lines[:limit]
	}
	for i := range lines {
		lines[i] = m.st.faint.Render(lines[i])
	}
	return lines
}

// parsed types a stored value for display (codes, lists, booleans).
func (m *Model) parsed(qu *engine.Question, v any) any {
	if x, err := engine.ParseValue(qu, v); err == nil {
		return x
	}
	return v
}

func (m *Model) newInput(value, placeholder string) tea.Cmd {
	in := textinput.New()
	in.CharLimit = 200
	in.Width = max(10, m.width-4)
	in.Placeholder = placeholder
	in.SetValue(value)
	m.input = in
	return m.input.Focus()
}

// ---- respondent switch

func (m *Model) openRespondents() tea.Cmd {
	m.ov = ovRespondent
	m.rsItems = m.s.Respondents()
	m.rsStep, m.rsErr = 0, ""
	m.rsNew = store.Respondent{}
	m.rsCursor = 0
	for i, r := range m.rsItems {
		if r.Name == m.s.Respondent {
			m.rsCursor = i
		}
	}
	return nil
}

func (m *Model) updateRespondent(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := msg.String()
	if m.rsStep == 0 {
		n := len(m.rsItems) + 1
		switch k {
		case "esc", "p", "q", "alt+p":
			m.ov = ovNone
		case "up", "k", "shift+tab":
			m.rsCursor = (m.rsCursor + n - 1) % n
		case "down", "j", "tab":
			m.rsCursor = (m.rsCursor + 1) % n
		case "enter":
			if m.rsCursor == n-1 {
				m.rsStep = 1
				return m, m.newInput("", m.t("iv.setup.respondent"))
			}
			return m, m.switchTo(m.rsItems[m.rsCursor].Name, "", "")
		}
		return m, nil
	}
	switch k {
	case "esc":
		m.rsStep, m.rsErr = 0, ""
		return m, nil
	case "enter":
		v := strings.TrimSpace(m.input.Value())
		switch m.rsStep {
		case 1:
			if v == "" {
				m.rsErr = m.t("iv.err.name_required")
				return m, nil
			}
			m.rsNew.Name = v
			for _, r := range m.rsItems {
				if r.Name == v {
					return m, m.switchTo(v, "", "")
				}
			}
			m.rsStep, m.rsErr = 2, ""
			return m, m.newInput("", m.t("iv.setup.institution"))
		case 2:
			m.rsNew.Institution = v
			m.rsStep = 3
			return m, m.newInput("", m.t("iv.setup.role"))
		default:
			m.rsNew.Role = v
			return m, m.switchTo(m.rsNew.Name, m.rsNew.Institution, m.rsNew.Role)
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// switchTo makes the following answers name's and shows the question with
// that respondent's own answer.
func (m *Model) switchTo(name, institution, role string) tea.Cmd {
	if err := m.s.SwitchRespondent(name, institution, role); err != nil {
		m.rsErr = m.t("iv.err.save", errText(err))
		return nil
	}
	m.ov = ovNone
	m.drafts = map[string]string{}
	m.noteDrafts = map[string]string{}
	m.layoutQuestion()
	m.setMsg(m.t("iv.rs.switched", name), false)
	return m.focusField()
}

func (m *Model) viewRespondents() string {
	body := []string{m.st.title.Render(m.t("iv.rs.title")), ""}
	if m.rsStep == 0 {
		var items []string
		for _, r := range m.rsItems {
			line := r.Name
			var extra []string
			for _, x := range []string{r.Institution, r.Role} {
				if x != "" {
					extra = append(extra, x)
				}
			}
			if len(extra) > 0 {
				line += " (" + strings.Join(extra, ", ") + ")"
			}
			line += " — " + m.t("iv.rs.answered", r.Answered)
			if r.Name == m.s.Respondent {
				line = "● " + line
			} else {
				line = "  " + line
			}
			items = append(items, fit(line, max(10, m.width-3)))
		}
		items = append(items, "+ "+m.t("iv.rs.new"))
		body = append(body, m.listLines(items, m.rsCursor, max(1, m.height-headerLines-2-4))...)
	} else {
		prompt := []string{"iv.setup.respondent", "iv.setup.institution", "iv.setup.role"}[m.rsStep-1]
		body = append(body, m.st.bold.Render(m.t(prompt)), m.input.View())
		if m.rsStep > 1 {
			body = append(body, m.st.faint.Render(m.t("iv.rs.optional")))
		}
	}
	if m.rsErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.rsErr))
	}
	legend := "iv.keys.respondents"
	if m.rsStep > 0 {
		legend = "iv.keys.rs_input"
	}
	return m.frame(m.headerCache, body, m.keysLine(legend))
}

// ---- consensus

func (m *Model) consensusHead() []string {
	qu := m.q
	out := []string{m.st.title.Render(fit(m.t("iv.cs.title", qu.ID), m.width))}
	for _, an := range m.s.AnswersTo(qu.ID) {
		out = append(out, fit("  "+m.t("iv.labeled", an.Respondent, Display(qu, m.parsed(qu, an.Value), m.lang)), m.width))
	}
	if m.s.Divergent(qu.ID) {
		out = append(out, m.st.err.Render("⚠ "+m.t("iv.cs.divergent")))
	}
	if cons, ok := m.s.Consensus(qu.ID); ok {
		out = append(out, m.st.ok.Render(fit(m.t("iv.cs.current", Display(qu, m.parsed(qu, cons.Value), m.lang)), m.width)))
	}
	return append(out, "")
}

func (m *Model) consensusListHeight() int {
	return max(3, m.height-headerLines-2-len(m.consensusHead())-2)
}

// typedConsensus reports whether a question's consensus is typed (numbers
// and text) rather than chosen from a list.
func typedConsensus(qu *engine.Question) bool {
	return qu.Type == engine.Integer || qu.Type == engine.Decimal || qu.Type == engine.TextQ
}

// rawValue writes an answer as it would be typed.
func rawValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// openConsensus opens the consensus editor on the current question: a list
// of its choices, or a field for numbers and text.
func (m *Model) openConsensus() tea.Cmd {
	qu := m.q
	if qu == nil || qu.Type == engine.Note {
		return nil
	}
	if !m.s.CanSetConsensus(qu) {
		m.setMsg(m.t("iv.cs.need_two", m.s.ID(), qu.ID), true)
		return nil
	}
	m.csStep, m.csVal, m.csErr = 0, nil, ""
	m.ov = ovConsensus
	if typedConsensus(qu) {
		m.csList = nil
		var cur any
		if cons, ok := m.s.Consensus(qu.ID); ok {
			cur = m.parsed(qu, cons.Value)
		} else {
			cur = m.s.St().Answer(qu.ID)
		}
		return m.newInput(rawValue(cur), m.t("iv.cs.value_placeholder"))
	}
	multi := qu.Type == engine.Multiple
	c := newChoiceList(multi, m.consensusListHeight(), m.st.sel, m.st.faint)
	var cur any
	if cons, ok := m.s.Consensus(qu.ID); ok {
		cur = m.parsed(qu, cons.Value)
	} else {
		cur = m.s.St().Answer(qu.ID)
	}
	if qu.Type == engine.Boolean {
		c.add("yes", []string{"1. " + m.t("iv.yes")}, nil)
		c.add("no", []string{"2. " + m.t("iv.no")}, nil)
		if b, ok := cur.(bool); ok && !b {
			c.setCursorTo("no")
		}
	} else {
		w := m.width - prefixWidth(multi)
		for i, ch := range qu.Choices {
			c.add(ch.Value, wrapLines(fmt.Sprintf("%d. %s", i+1, ch.Label.Get(m.lang)), w), nil)
		}
		if multi {
			x, _ := cur.([]string)
			c.setChecked(x)
		} else {
			code, _ := cur.(string)
			c.setCursorTo(code)
		}
	}
	m.csList = c
	return nil
}

func (m *Model) updateConsensus(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	qu := m.q
	k := msg.String()
	if m.csStep == 1 {
		switch k {
		case "esc":
			m.csStep, m.csErr = 0, ""
			return m, nil
		case "enter":
			note := strings.TrimSpace(m.input.Value())
			if NeedsNote(qu, m.csVal) && note == "" {
				m.csErr = m.t("iv.note_required")
				return m, nil
			}
			if err := m.s.SetConsensus(qu, m.csVal, note); err != nil {
				m.csErr = m.t("iv.err.save", errText(err))
				return m, nil
			}
			m.ov = ovNone
			m.layoutQuestion()
			m.setMsg(m.t("iv.cs.saved", Display(qu, m.csVal, m.lang)), false)
			return m, m.focusField()
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	if m.csList == nil {
		return m.updateTypedConsensus(msg)
	}
	switch k {
	case "esc", "q", "c", "alt+c":
		m.ov = ovNone
		return m, nil
	case "backspace", "delete":
		return m.clearConsensus()
	case "enter":
		var raw any
		switch qu.Type {
		case engine.Boolean:
			raw = m.csList.value() == "yes"
		case engine.Multiple:
			raw = m.csList.ticked()
		default:
			raw = m.csList.value()
		}
		return m.consensusValue(raw)
	}
	if m.csList.Update(msg) {
		m.csErr = ""
	}
	return m, nil
}

// updateTypedConsensus edits the consensus of a number or text question:
// enter sets what was typed (an empty field clears the consensus), esc closes.
func (m *Model) updateTypedConsensus(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.ov = ovNone
		return m, m.focusField()
	case "enter":
		raw := strings.TrimSpace(m.input.Value())
		if raw == "" {
			if _, ok := m.s.Consensus(m.q.ID); !ok {
				m.ov = ovNone
				return m, m.focusField()
			}
			return m.clearConsensus()
		}
		return m.consensusValue(raw)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.csErr = ""
	return m, cmd
}

// consensusValue checks a consensus value and goes on to its note.
func (m *Model) consensusValue(raw any) (tea.Model, tea.Cmd) {
	qu := m.q
	v, err := Parse(m.s.St(), qu, raw, m.lang)
	if err != nil {
		m.csErr = errText(err)
		return m, nil
	}
	m.csVal, m.csStep, m.csErr = v, 1, ""
	note := ""
	if cons, ok := m.s.Consensus(qu.ID); ok {
		note = cons.Note
	}
	return m, m.newInput(note, m.t("iv.note_placeholder"))
}

// clearConsensus removes the consensus: the median counts again.
func (m *Model) clearConsensus() (tea.Model, tea.Cmd) {
	if _, ok := m.s.Consensus(m.q.ID); !ok {
		return m, nil
	}
	if err := m.s.SetConsensus(m.q, nil, ""); err != nil {
		m.csErr = m.t("iv.err.save", errText(err))
		return m, nil
	}
	m.ov = ovNone
	m.layoutQuestion()
	m.setMsg(m.t("iv.cs.cleared"), false)
	return m, m.focusField()
}

func (m *Model) viewConsensus() string {
	body := m.consensusHead()
	legend := "iv.keys.consensus"
	switch {
	case m.csStep == 0 && m.csList == nil:
		body = append(body, m.st.bold.Render(m.t("iv.cs.value")), m.input.View())
		legend = "iv.keys.cs_input"
	case m.csStep == 0:
		body = append(body, strings.Split(m.csList.View(), "\n")...)
	default:
		body = append(body, m.st.bold.Render(m.t("iv.cs.note", Display(m.q, m.csVal, m.lang))), m.input.View())
		legend = "iv.keys.rs_input"
	}
	if m.csErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.csErr))
	}
	return m.frame(m.headerCache, body, m.keysLine(legend))
}

// ---- divergent questions, from the results view

func (m *Model) openDivergent() {
	m.ov = ovDivergent
	m.divCursor = 0
	m.listErr = ""
}

func (m *Model) updateDivergent(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	ids := m.results.Divergent
	n := len(ids)
	switch msg.String() {
	case "q":
		return m.quit()
	case "esc", "c", "alt+c", "left":
		m.ov = ovNone
	case "up", "k", "shift+tab":
		if n > 0 {
			m.divCursor = (m.divCursor + n - 1) % n
		}
	case "down", "j", "tab":
		if n > 0 {
			m.divCursor = (m.divCursor + 1) % n
		}
	case "enter":
		if n == 0 {
			return m, nil
		}
		s, err := Open(m.env, m.results.A.ID, "", m.lang, m.reason)
		if err != nil {
			m.listErr = errText(err)
			return m, nil
		}
		qu := s.Q().Question(ids[m.divCursor])
		if qu == nil {
			return m, nil
		}
		s.Lang = m.lang
		m.ov = ovNone
		m.s = s
		cmd := m.goTo(qu)
		if c := m.openConsensus(); c != nil {
			cmd = tea.Batch(cmd, c)
		}
		return m, cmd
	}
	return m, nil
}

func (m *Model) viewDivergent() string {
	l := m.results
	body := []string{m.st.title.Render(m.t("iv.cs.divergent_title", len(l.Divergent))), ""}
	if len(l.Divergent) == 0 {
		body = append(body, m.t("iv.cs.none"))
	}
	var items []string
	for _, id := range l.Divergent {
		qu := l.Content.Q.Question(id)
		if qu == nil {
			items = append(items, id)
			continue
		}
		mark := "⚠"
		for _, c := range l.Consensus {
			if c.Question == id && c.Value != nil {
				mark = "✓"
			}
		}
		items = append(items, fit(fmt.Sprintf("%s %s  %s", mark, id, qu.Label.Get(m.lang)), max(10, m.width-3)))
	}
	body = append(body, m.listLines(items, m.divCursor, max(1, m.height-2-2-4))...)
	if m.listErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.listErr))
	}
	return m.frame(m.simpleHeader(m.t("iv.results")), body, m.keysLine("iv.keys.divergent"))
}
