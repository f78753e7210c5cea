package interview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
)

// begin opens a session on the question to resume at (or the review).
func (m *Model) begin(s *Session) {
	m.s = s
	m.lang = s.Lang
	if qu := s.Start(); qu != nil {
		m.enter(qu)
	} else {
		m.openReview()
	}
}

// enter shows a question (without recording the position).
func (m *Model) enter(qu *engine.Question) {
	m.scr = scrQuestion
	m.ov = ovNone
	m.q = qu
	m.layoutQuestion()
}

// goTo moves to a question and records it as the resume position.
func (m *Model) goTo(qu *engine.Question) tea.Cmd {
	m.enter(qu)
	if err := m.s.SetCurrent(qu.ID); err != nil {
		m.setMsg(m.t("iv.err.save", errText(err)), true)
	}
	if m.field != nil {
		return m.field.Focus()
	}
	return nil
}

// typing reports whether keys go to a text input (letters are text then).
func (m *Model) typing() bool { return m.kind == kindInput }

// layoutQuestion computes the question screen's layout for the current size
// and rebuilds the field.
func (m *Model) layoutQuestion() {
	m.refreshCaches(true)
	m.buildField()
}

const headerLines = 4

// refreshCaches recomputes the header, question text and footer when what
// they depend on changed (question, answers, size, language).
func (m *Model) refreshCaches(force bool) {
	k := cacheKey{q: m.q, width: m.width, height: m.height, lang: m.lang, saves: m.s.Saves, scr: m.scr}
	if !force && k == m.cacheKey {
		return
	}
	m.cacheKey = k
	m.headerCache = m.header()
	m.topCache = nil
	if m.scr == scrQuestion && m.q != nil {
		m.topCache = m.questionTop()
	}
	switch {
	case m.scr != scrQuestion:
		m.footCache = nil
	case m.q.Type == engine.Note:
		m.footCache = m.keysLine("iv.keys.noteq")
	case m.q.Type == engine.Multiple:
		m.footCache = m.keysLine("iv.keys.multi")
	case m.q.Type == engine.Single || m.q.Type == engine.Boolean:
		m.footCache = m.keysLine("iv.keys.choice")
	default:
		m.footCache = m.keysLine("iv.keys.input")
	}
}

// header renders the three header lines and a rule: region and round, the
// section, and the progress in the section and overall.
func (m *Model) header() []string {
	s := m.s
	st := s.St()
	overall, bySec := st.Progress()
	left := fmt.Sprintf("indimaj · %s · %s · %s", s.RegionName(m.lang), termsafe.Line(s.L.A.Round), termsafe.Line(s.Respondent))
	right := ""
	if !s.SavedAt.IsZero() {
		right = m.st.ok.Render("✓ " + m.t("iv.saved", s.SavedAt.Format("15:04:05")))
	}
	line1 := m.st.head.Render(left)
	if gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right); right != "" && gap >= 1 {
		line1 += strings.Repeat(" ", gap) + right
	} else if right != "" {
		line1 = m.st.head.Render(ansi.Truncate(left, max(0, m.width-ansi.StringWidth(right)-1), "…")) + " " + right
	}
	barW := 16
	if m.width < 70 {
		barW = 8
	}
	var line2, line3 string
	if m.q != nil && (m.scr == scrQuestion) {
		sec := m.q.Section
		c := bySec[sec.ID]
		left2 := m.t("iv.section_of", sec.Index+1, len(s.Q().Sections), sec.Title.Get(m.lang))
		right2 := m.q.ID
		if m.q.Type != engine.Note {
			pos, tot := Position(st, m.q)
			right2 = m.t("iv.question_of", pos, tot) + " · " + m.q.ID
			if s.Divergent(m.q.ID) {
				right2 = "⚠ " + m.t("iv.cs.divergent") + " · " + right2
			}
		}
		lw := max(10, m.width-ansi.StringWidth(right2)-2)
		line2 = m.st.bold.Render(fit(left2, lw)) + "  " + m.st.faint.Render(right2)
		line3 = fmt.Sprintf("%s %d/%d %s · %s %d/%d %s", m.t("iv.section_short"), c.Answered, c.Relevant, ProgressBar(c, barW),
			m.t("iv.total"), overall.Answered, overall.Relevant, ProgressBar(overall, barW))
	} else {
		title := m.t("iv.review_title")
		if m.scr == scrSummary {
			title = m.t("iv.summary_title")
		}
		line2 = m.st.bold.Render(title)
		line3 = fmt.Sprintf("%s %d/%d %s", m.t("iv.total"), overall.Answered, overall.Relevant, ProgressBar(overall, barW*2))
	}
	return []string{line1, line2, line3, m.rule()}
}

// questionTop renders the question label and its hint.
func (m *Model) questionTop() []string {
	w := m.width
	var out []string
	for _, l := range wrapLines(m.q.Label.Get(m.lang), w) {
		out = append(out, m.st.title.Render(l))
	}
	if h := m.q.Hint.Get(m.lang); h != "" {
		lines := wrapLines(h, w)
		limit := 3
		if m.height < 24 {
			limit = 1
		}
		if len(lines) > limit {
			lines = lines[:limit]
			lines[limit-1] = ansi.Truncate(lines[limit-1], max(1, w-6), "") + " … (?)"
		}
		for _, l := range lines {
			out = append(out, m.st.faint.Render(l))
		}
	}
	if m.q.Type == engine.Note {
		return out
	}
	out = append(out, m.respondentsLines(2)...)
	return append(out, "")
}

// bodyHeight is the number of lines between the header and the footer.
func (m *Model) bodyHeight() int {
	return max(0, m.height-headerLines-len(m.footCache))
}

// buildField makes the widget of the current question, bound to the
// model's values and sized to what is left of the screen: a choice list for
// single, multiple and yes/no questions, a one-field huh Input for numbers
// and text.
func (m *Model) buildField() {
	m.field, m.choices, m.kind = nil, nil, kindNone
	qu := m.q
	if qu.Type == engine.Note {
		return
	}
	// lines under the field: the note line and the message line
	m.fieldH = max(3, m.bodyHeight()-len(m.topCache)-2)
	cur := m.s.Value(qu)
	if cur == nil {
		cur = m.s.Suggested(qu) // pre-filled from the setup; enter confirms
	}
	switch qu.Type {
	case engine.Single, engine.Multiple:
		multi := qu.Type == engine.Multiple
		c := newChoiceList(multi, m.fieldH, m.st.sel, m.st.faint)
		w := m.width - prefixWidth(multi)
		for i, ch := range qu.Choices {
			label := wrapLines(fmt.Sprintf("%d. %s", i+1, ch.Label.Get(m.lang)), w)
			var desc []string
			if d := ch.Description.Get(m.lang); d != "" {
				for _, l := range wrapLines(d, w-3) {
					desc = append(desc, "   "+l)
				}
			}
			c.add(ch.Value, label, desc)
		}
		if multi {
			x, _ := cur.([]string)
			c.setChecked(x)
			m.kind = kindMulti
		} else {
			code, _ := cur.(string)
			c.setCursorTo(code)
			m.kind = kindSelect
		}
		m.choices = c
	case engine.Boolean:
		c := newChoiceList(false, m.fieldH, m.st.sel, m.st.faint)
		c.add("yes", []string{"1. " + m.t("iv.yes")}, nil)
		c.add("no", []string{"2. " + m.t("iv.no")}, nil)
		if b, ok := cur.(bool); ok && !b {
			c.setCursorTo("no")
		}
		m.choices = c
		m.kind = kindBool
	default:
		if d, ok := m.drafts[qu.ID]; ok {
			m.textVal = d
		} else {
			m.textVal = FormatValue(cur)
		}
		th := m.theme
		f := huh.NewInput()
		f.WithTheme(th)
		f.WithKeyMap(m.keymap)
		f.Value(&m.textVal).Placeholder(m.t("iv.ph." + string(qu.Type))).CharLimit(4000)
		// lipgloss widths include the padding but not the border
		f.WithWidth(m.width - th.Focused.Base.GetHorizontalBorderSize())
		f.Focus()
		m.field = f
		m.kind = kindInput
		m.fieldH = 1
	}
	m.refreshCaches(true)
}

// rawValue reads the field: the value as typed or chosen, and whether it is
// empty (an input left blank).
func (m *Model) rawValue() (any, bool) {
	switch m.kind {
	case kindSelect:
		v := m.choices.value()
		return v, v == ""
	case kindBool:
		return m.choices.value() == "yes", false
	case kindMulti:
		return m.choices.ticked(), false
	case kindInput:
		t := strings.TrimSpace(m.textVal)
		return t, t == ""
	}
	return nil, true
}

// inputChanged reports whether an input's text differs from the stored answer.
func (m *Model) inputChanged() bool {
	return m.kind == kindInput && strings.TrimSpace(m.textVal) != FormatValue(m.s.Value(m.q))
}

func (m *Model) updateQuestion(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch m.ov {
	case ovHelp:
		return m.updateHelp(msg)
	case ovNote:
		return m.updateNote(msg)
	case ovSections:
		return m.updateSections(msg)
	case ovRespondent:
		return m.updateRespondent(msg)
	case ovConsensus:
		return m.updateConsensus(msg)
	}
	typing := m.typing()
	k := msg.String()
	switch {
	case k == "esc":
		return m.quit()
	case k == "q" && !typing:
		return m.quit()
	case k == "enter":
		return m, m.submit()
	case k == "tab":
		return m, m.forward()
	case k == "shift+tab":
		return m, m.back()
	case k == "f1" || k == "alt+?" || (k == "?" && !typing):
		m.openHelp()
		return m, nil
	case k == "f2" || k == "alt+n" || (k == "n" && !typing):
		return m, m.openNote(nil, false)
	case k == "f3" || k == "alt+s" || (k == "s" && !typing):
		m.openSections()
		return m, nil
	case k == "f4" || k == "alt+r" || (k == "r" && !typing):
		m.leaveInput()
		m.openReview()
		return m, nil
	case k == "alt+d" || k == "f5" || (k == "d" && !typing):
		return m, m.dontKnow()
	case k == "alt+l" || (k == "l" && !typing):
		m.cycleLang()
		return m, nil
	case k == "alt+p" || (k == "p" && !typing):
		m.leaveInput()
		return m, m.openRespondents()
	case k == "alt+c" || (k == "c" && !typing):
		m.leaveInput()
		return m, m.openConsensus()
	}
	if m.choices != nil {
		if m.choices.Update(msg) && m.msgErr {
			m.setMsg("", false)
		}
		return m, nil
	}
	if m.field == nil {
		return m, nil
	}
	if m.msgErr {
		m.setMsg("", false)
	}
	f, cmd := m.field.Update(msg)
	m.field = f.(huh.Field)
	return m, cmd
}

func (m *Model) cycleLang() {
	switch m.lang {
	case "fr":
		m.lang = "ar"
	case "ar":
		m.lang = "en"
	default:
		m.lang = "fr"
	}
	m.s.Lang = m.lang
	m.setMsg("", false)
	m.resized()
}

// submit is enter: validate the field, commit it with its note, move on.
func (m *Model) submit() tea.Cmd {
	qu := m.q
	if qu.Type == engine.Note {
		return m.advance()
	}
	raw, empty := m.rawValue()
	st := m.s.St()
	if empty {
		delete(m.drafts, qu.ID)
		if _, own := m.s.Own(qu.ID); own {
			if err := m.s.Clear(qu, m.resumeAfter(st, qu)); err != nil {
				m.setMsg(m.t("iv.err.save", errText(err)), true)
				return nil
			}
			m.setMsg(m.t("iv.cleared"), false)
			return m.advance()
		}
		if qu.Required {
			m.setMsg(m.t("iv.err.required"), true)
			return nil
		}
		return m.advance()
	}
	v, err := Parse(st, qu, raw, m.lang)
	if err != nil {
		m.setMsg(errText(err), true)
		return nil
	}
	note := m.noteFor(qu.ID)
	if NeedsNote(qu, v) && strings.TrimSpace(note) == "" {
		return m.openNote(v, true)
	}
	if err := m.commit(v, note, true); err != nil {
		return nil
	}
	return m.advance()
}

// noteFor is the note that goes with an answer to qid: the stored one, else
// one written before the question was answered (kept until now).
func (m *Model) noteFor(qid string) string {
	if n := m.s.Note(qid); n != "" {
		return n
	}
	return strings.TrimSpace(m.noteDrafts[qid])
}

// resumeAfter is where to resume once qu is answered, in state st.
func (m *Model) resumeAfter(st *engine.State, qu *engine.Question) string {
	if m.fromReview {
		if n := st.NextUnanswered(-1); n != nil {
			return n.ID
		}
		return ""
	}
	if n := st.Next(qu.Index); n != nil {
		return n.ID
	}
	return ""
}

// commit writes an answer; advancing says whether the resume position moves
// past the question.
func (m *Model) commit(v any, note string, advancing bool) error {
	qu := m.q
	resume := func(*engine.State) string { return qu.ID }
	if advancing {
		resume = func(st *engine.State) string { return m.resumeAfter(st, qu) }
	}
	if err := m.s.Commit(qu, v, note, resume); err != nil {
		m.setMsg(m.t("iv.err.save", errText(err)), true)
		return err
	}
	delete(m.drafts, qu.ID)
	if note != "" {
		delete(m.noteDrafts, qu.ID)
	}
	m.setMsg("", false)
	m.refreshCaches(true)
	return nil
}

// advance goes to the next relevant question, back to the review when the
// question was reached from it, or to the review at the end.
func (m *Model) advance() tea.Cmd {
	if m.fromReview {
		m.fromReview = false
		m.openReview()
		return nil
	}
	if n := m.s.St().Next(m.q.Index); n != nil {
		keep := m.msg
		cmd := m.goTo(n)
		if !m.msgErr {
			m.msg = keep
		}
		return cmd
	}
	m.openReview()
	return nil
}

// leaveInput keeps what was typed in an input when leaving it without enter:
// committed when valid, else kept as a draft for this session.
func (m *Model) leaveInput() {
	if !m.inputChanged() {
		return
	}
	raw, empty := m.rawValue()
	if empty {
		m.drafts[m.q.ID] = ""
		return
	}
	v, err := Parse(m.s.St(), m.q, raw, m.lang)
	if err != nil || NeedsNote(m.q, v) && m.noteFor(m.q.ID) == "" {
		m.drafts[m.q.ID] = m.textVal
		return
	}
	_ = m.commit(v, m.noteFor(m.q.ID), false)
}

// forward is tab: the next question, without answering this one.
func (m *Model) forward() tea.Cmd {
	m.leaveInput()
	m.setMsg("", false)
	m.fromReview = false
	if n := m.s.St().Next(m.q.Index); n != nil {
		return m.goTo(n)
	}
	m.openReview()
	return nil
}

// back is shift+tab: the previous relevant question. It works from any
// state of the field, an invalid one included.
func (m *Model) back() tea.Cmd {
	m.leaveInput()
	m.setMsg("", false)
	m.fromReview = false
	if p := m.s.St().Prev(m.q.Index); p != nil {
		return m.goTo(p)
	}
	m.setMsg(m.t("iv.first_question"), false)
	return nil
}

// dontKnow records the question's "don't know" answer. A question without
// one (numbers, text, yes/no, choices that do not offer it) records
// nothing: the message says so and the question stays on screen.
func (m *Model) dontKnow() tea.Cmd {
	qu := m.q
	if qu.Type == engine.Note {
		return nil
	}
	v, ok := DontKnowValue(qu)
	if !ok || m.s.St().Check(qu.ID, v) != nil {
		m.setMsg(m.t("iv.no_dont_know"), true)
		return nil
	}
	note := m.noteFor(qu.ID)
	if NeedsNote(qu, v) && note == "" {
		return m.openNote(v, true)
	}
	if err := m.commit(v, note, true); err != nil {
		return nil
	}
	return m.advance()
}

func (m *Model) viewQuestion() string {
	m.refreshCaches(false)
	switch m.ov {
	case ovHelp:
		return m.frame(m.headerCache, strings.Split(m.vp.View(), "\n"), m.keysLine("iv.keys.help"))
	case ovNote:
		return m.viewNote()
	case ovSections:
		return m.viewSections()
	case ovRespondent:
		return m.viewRespondents()
	case ovConsensus:
		return m.viewConsensus()
	}
	body := make([]string, 0, m.height)
	body = append(body, m.topCache...)
	switch {
	case m.choices != nil:
		body = append(body, strings.Split(m.choices.View(), "\n")...)
	case m.field != nil:
		body = append(body, strings.Split(m.field.View(), "\n")...)
	}
	// fixed lines under the field: the note, then the message
	avail := m.bodyHeight()
	if len(body) > avail-2 {
		body = body[:max(0, avail-2)]
	}
	for len(body) < avail-2 {
		body = append(body, "")
	}
	noteLine := ""
	if n := m.s.Note(m.q.ID); n != "" {
		noteLine = m.st.faint.Render("✎ " + m.t("iv.labeled", m.t("iv.note_label"), termsafe.Line(strings.ReplaceAll(n, "\n", " ⏎ "))))
	} else if d := strings.TrimSpace(m.noteDrafts[m.q.ID]); d != "" {
		noteLine = m.st.faint.Render("✎ " + m.t("iv.note_waiting", strings.ReplaceAll(d, "\n", " ⏎ ")))
	} else if NeedsNoteAny(m.q) {
		noteLine = m.st.faint.Render("✎ " + m.t("iv.note_hint"))
	}
	body = append(body, noteLine, m.statusLine())
	return m.frame(m.headerCache, body, m.footCache)
}

// NeedsNoteAny reports whether some choice of qu requires a note.
func NeedsNoteAny(qu *engine.Question) bool {
	for _, c := range qu.Choices {
		if c.NoteRequired {
			return true
		}
	}
	return false
}

// statusLine is the message line: an error, a notice, or the stored answer.
func (m *Model) statusLine() string {
	if m.msg != "" {
		if m.msgErr {
			return m.st.err.Render("✗ " + m.msg)
		}
		return m.st.ok.Render(m.msg)
	}
	if m.q.Type == engine.Note {
		return ""
	}
	if v := m.s.Value(m.q); v != nil {
		line := "✓ " + m.t("iv.answer_saved", Display(m.q, v, m.lang))
		if m.s.Unconfirmed(m.q.ID) {
			line = "◐ " + m.t("iv.unconfirmed", Display(m.q, v, m.lang))
		} else if w := m.s.St().Answer(m.q.ID); w != nil && FormatValue(w) != FormatValue(v) {
			line += " · " + m.t("iv.retained", Display(m.q, w, m.lang))
		}
		return m.st.ok.Render(line)
	}
	if _, ok := m.drafts[m.q.ID]; ok {
		return m.st.faint.Render(m.t("iv.draft"))
	}
	if v := m.s.Suggested(m.q); v != nil {
		return m.st.faint.Render("◌ " + m.t("iv.prefilled", Display(m.q, v, m.lang)))
	}
	return m.st.faint.Render("○ " + m.t("iv.unanswered"))
}

// ---- help overlay

func (m *Model) openHelp() {
	m.ov = ovHelp
	m.vp.Width = m.width
	m.vp.Height = max(1, m.height-headerLines-2)
	m.vp.SetContent(m.helpText())
	m.vp.GotoTop()
}

func (m *Model) helpText() string {
	qu := m.q
	w := m.width
	var b strings.Builder
	b.WriteString(m.st.title.Render(qu.ID+" — "+m.t("type."+string(qu.Type))) + "\n")
	if h := qu.Hint.Get(m.lang); h != "" {
		b.WriteString("\n" + m.st.bold.Render(m.t("hint")) + "\n")
		b.WriteString(wrapIndent(h, w, "", ""))
	}
	if g := qu.Guidance.Get(m.lang); g != "" {
		b.WriteString("\n" + m.st.bold.Render(m.t("guidance")) + "\n")
		b.WriteString(wrapIndent(g, w, "", ""))
	}
	if refs := refLines(m.s.L.Content.Refs, qu.Refs, m.lang); len(refs) > 0 {
		b.WriteString("\n" + m.st.bold.Render(m.t("references")) + "\n")
		for _, r := range refs {
			b.WriteString(wrapIndent(r, w, "  ", "    "))
		}
	}
	if qu.Scored {
		b.WriteString("\n" + m.st.bold.Render(m.t("levels")) + "\n")
		for _, c := range qu.Choices {
			sc := m.t("iv.status.dont_know")
			if c.Missing == engine.NotApplicable {
				sc = m.t("iv.status.not_applicable")
			}
			if c.Score != nil {
				sc = fmt.Sprintf("%g", *c.Score)
			}
			b.WriteString(wrapIndent(fmt.Sprintf("%s (%s)", c.Label.Get(m.lang), sc), w, "  ", "    "))
		}
	}
	b.WriteString("\n" + m.st.bold.Render(m.t("iv.keys_title")) + "\n")
	if m.typing() {
		// On a question where letters are typed, the shortcuts need alt.
		b.WriteString(wrapIndent(m.t("iv.keys_full_input"), w, "", ""))
	} else {
		b.WriteString(wrapIndent(m.t("iv.keys_full"), w, "", ""))
	}
	return b.String()
}

// refLines lists a question's framework references, one per framework.
func refLines(tables *engine.References, r engine.Refs, lang string) []string {
	var out []string
	if r.MGI != "" {
		out = append(out, "MGI — "+tables.MGILabel(r.MGI, lang))
	}
	if r.MIPEX != "" {
		out = append(out, "MIPEX — "+r.MIPEX+" "+tables.MIPEXLabel(r.MIPEX, lang))
	}
	for _, c := range r.SNIA {
		name := tables.SNIALabel(c, lang)
		if name == "" {
			name = c
		}
		out = append(out, "SNIA — "+name)
	}
	if len(r.SDG) > 0 {
		out = append(out, i18n.T(lang, "iv.sdg")+" — "+strings.Join(r.SDG, ", "))
	}
	if len(r.GCM) > 0 {
		out = append(out, i18n.T(lang, "iv.gcm")+" — "+joinInts(r.GCM))
	}
	if r.Competence != "" {
		out = append(out, i18n.T(lang, "competence")+" — "+tables.CompetenceLabel(r.Competence, lang))
	}
	if r.Modality != "" {
		out = append(out, i18n.T(lang, "modality")+" — "+tables.ModalityLabel(r.Modality, lang))
	}
	return out
}

func (m *Model) updateHelp(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc", "?", "f1", "q", "alt+?":
		m.ov = ovNone
		return m, nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// ---- note overlay

func (m *Model) noteHeight() int { return max(3, m.height-headerLines-6) }

// openNote opens the note editor. With pending set, the answer waits for its
// (required) note and is committed with it; advance moves on afterwards.
// Without, the note goes with the field's current value (or the stored answer).
func (m *Model) openNote(pending any, advance bool) tea.Cmd {
	if m.q.Type == engine.Note {
		return nil
	}
	m.notePending, m.noteAdvance, m.noteErr = pending, advance, ""
	m.noteHasVal = pending != nil
	if pending != nil {
		m.noteErr = m.t("iv.note_required")
	}
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = 8000
	ta.Placeholder = m.t("iv.note_placeholder")
	ta.KeyMap.InsertNewline = key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"))
	ta.SetWidth(max(20, m.width-4))
	ta.SetHeight(m.noteHeight())
	text := m.s.Note(m.q.ID)
	if d, ok := m.noteDrafts[m.q.ID]; ok {
		text = d
	}
	ta.SetValue(text)
	m.note = ta
	m.ov = ovNote
	return m.note.Focus()
}

// noteTarget is the answer a note edited with n goes with: the answer
// waiting for its required note, else this respondent's stored answer. A
// note never creates an answer: the field's value (a highlighted option, a
// text being typed) is not one until it is confirmed.
func (m *Model) noteTarget() (any, bool) {
	if m.notePending != nil {
		return m.notePending, true
	}
	if _, own := m.s.Own(m.q.ID); own {
		if v := m.s.Value(m.q); v != nil {
			return v, true
		}
	}
	return nil, false
}

func (m *Model) updateNote(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.ov = ovNone
		if m.notePending != nil {
			m.setMsg(m.t("iv.note_required"), true)
		}
		m.notePending = nil
		return m, nil
	case "enter":
		text := strings.TrimSpace(m.note.Value())
		v, ok := m.noteTarget()
		if !ok {
			// No answer yet: the note waits for it (saved with it).
			// The field keeps what it holds (a text being typed, the cursor).
			m.noteDrafts[m.q.ID] = m.note.Value()
			m.ov = ovNone
			m.notePending = nil
			if text == "" {
				delete(m.noteDrafts, m.q.ID)
				m.setMsg("", false)
			} else {
				m.setMsg(m.t("iv.note_kept"), false)
			}
			if m.field != nil {
				return m, m.field.Focus()
			}
			return m, nil
		}
		if text == "" && NeedsNote(m.q, v) {
			m.noteErr = m.t("iv.note_required")
			return m, nil
		}
		advance := m.noteAdvance
		if err := m.commit(v, text, advance); err != nil {
			m.noteErr = m.msg
			return m, nil
		}
		delete(m.noteDrafts, m.q.ID)
		m.ov = ovNone
		m.notePending = nil
		if advance {
			return m, m.advance()
		}
		m.layoutQuestion()
		m.setMsg(m.t("iv.note_saved"), false)
		return m, nil
	}
	var cmd tea.Cmd
	m.note, cmd = m.note.Update(msg)
	return m, cmd
}

func (m *Model) viewNote() string {
	var body []string
	v, ok := m.noteTarget()
	title := m.t("iv.note_title", m.q.ID)
	if ok {
		title += " — " + m.t("iv.note_for", Display(m.q, v, m.lang))
	}
	for _, l := range wrapLines(title, m.width) {
		body = append(body, m.st.title.Render(l))
	}
	body = append(body, "")
	body = append(body, strings.Split(m.note.View(), "\n")...)
	body = append(body, "")
	if m.noteErr != "" {
		body = append(body, m.st.err.Render("✗ "+m.noteErr))
	}
	return m.frame(m.headerCache, body, m.keysLine("iv.keys.note"))
}

// ---- section menu

func (m *Model) openSections() {
	m.leaveInput()
	m.ov = ovSections
	m.secCursor = 0
	if m.q != nil && m.scr == scrQuestion {
		m.secCursor = m.q.Section.Index
	} else {
		m.secCursor = len(m.s.Q().Sections)
	}
}

func (m *Model) updateSections(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	n := len(m.s.Q().Sections) + 1
	switch msg.String() {
	case "esc", "s", "q", "alt+s", "f3":
		m.ov = ovNone
	case "up", "k", "shift+tab":
		m.secCursor = (m.secCursor + n - 1) % n
	case "down", "j", "tab":
		m.secCursor = (m.secCursor + 1) % n
	case "home", "g":
		m.secCursor = 0
	case "end", "G":
		m.secCursor = n - 1
	case "enter":
		m.ov = ovNone
		if m.secCursor == n-1 {
			m.openReview()
			return m, nil
		}
		sec := m.s.Q().Sections[m.secCursor]
		st := m.s.St()
		if !st.SectionRelevant(sec.ID) {
			m.ov = ovSections
			m.setMsg(m.t("iv.section_skipped"), true)
			return m, nil
		}
		target := st.FirstInSection(sec.ID)
		for _, qu := range sec.Questions {
			if qu.Type != engine.Note && st.Relevant(qu.ID) && st.Answer(qu.ID) == nil {
				target = qu
				break
			}
		}
		if target == nil {
			m.ov = ovSections
			m.setMsg(m.t("iv.section_empty"), true)
			return m, nil
		}
		m.fromReview = false
		m.setMsg("", false)
		return m, m.goTo(target)
	}
	return m, nil
}

func (m *Model) viewSections() string {
	st := m.s.St()
	_, bySec := st.Progress()
	var items []string
	secs := m.s.Q().Sections
	for i, sec := range secs {
		c := bySec[sec.ID]
		mark := "•"
		switch {
		case !st.SectionRelevant(sec.ID):
			mark = "–"
		case c.Relevant > 0 && c.Answered == c.Relevant:
			mark = "✓"
		}
		right := fmt.Sprintf("%3d/%-3d %s", c.Answered, c.Relevant, ProgressBar(c, 8))
		if !st.SectionRelevant(sec.ID) {
			right = m.t("iv.not_asked")
		}
		left := fmt.Sprintf("%s %d. %s", mark, i+1, sec.Title.Get(m.lang))
		lw := max(10, m.width-4-ansi.StringWidth(right)-1)
		items = append(items, fit(left, lw)+" "+right)
	}
	items = append(items, "→ "+m.t("iv.review_title"))
	body := []string{m.st.title.Render(m.t("iv.sections_title")), ""}
	body = append(body, m.listLines(items, m.secCursor, max(1, m.height-headerLines-2-3))...)
	if m.msgErr && m.msg != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.msg))
	}
	return m.frame(m.headerCache, body, m.keysLine("iv.keys.sections"))
}

// listLines renders a list with a cursor, scrolled to keep it in view.
func (m *Model) listLines(items []string, cursor, height int) []string {
	start := 0
	if cursor >= height {
		start = cursor - height + 1
	}
	var out []string
	for i := start; i < len(items) && i < start+height; i++ {
		if i == cursor {
			out = append(out, m.st.sel.Render("> "+items[i]))
		} else {
			out = append(out, "  "+items[i])
		}
	}
	return out
}
