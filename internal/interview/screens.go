package interview

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// ---- home

var homeItems = []string{"iv.home.new", "iv.home.resume", "iv.home.results", "iv.home.quit"}

func (m *Model) updateHome(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "q", "esc":
		return m.quit()
	case "up", "k", "shift+tab":
		m.homeCursor = (m.homeCursor + len(homeItems) - 1) % len(homeItems)
	case "down", "j", "tab":
		m.homeCursor = (m.homeCursor + 1) % len(homeItems)
	case "l":
		m.cycleHomeLang()
	case "1", "2", "3", "4":
		m.homeCursor = int(msg.String()[0] - '1')
		return m.homeEnter()
	case "enter":
		return m.homeEnter()
	}
	return m, nil
}

func (m *Model) cycleHomeLang() {
	switch m.lang {
	case "fr":
		m.lang = "ar"
	case "ar":
		m.lang = "en"
	default:
		m.lang = "fr"
	}
}

func (m *Model) homeEnter() (tea.Model, tea.Cmd) {
	switch m.homeCursor {
	case 0:
		m.startSetup(Setup{Lang: m.lang})
		return m, m.focusField()
	case 1, 2:
		m.openList(m.homeCursor - 1)
		return m, nil
	}
	return m.quit()
}

func (m *Model) focusField() tea.Cmd {
	if m.field != nil {
		return m.field.Focus()
	}
	return nil
}

func (m *Model) simpleHeader(title string) []string {
	return []string{m.st.head.Render("indimaj · " + title), m.rule()}
}

func (m *Model) viewHome() string {
	body := []string{""}
	for _, l := range wrapLines(m.t("iv.app_title"), m.width) {
		body = append(body, m.st.title.Render(l))
	}
	body = append(body, "")
	items := make([]string, len(homeItems))
	for i, k := range homeItems {
		items[i] = fmt.Sprintf("%d. %s", i+1, m.t(k))
	}
	body = append(body, m.listLines(items, m.homeCursor, len(items))...)
	body = append(body, "", m.st.faint.Render(m.t("iv.home.lang")))
	if m.listErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.listErr))
	}
	return m.frame(m.simpleHeader(m.t("iv.home.title")), body, m.keysLine("iv.keys.home"))
}

// ---- assessment lists (resume, results)

type listItem struct {
	a        *store.Assessment
	progress engine.Count
	err      error
}

func (m *Model) openList(kind int) {
	m.listKind = kind
	m.listCursor = 0
	m.listErr = ""
	m.list = nil
	all, err := listed(m.env)
	if err != nil {
		m.listErr = errText(err)
		m.scr = scrHome
		return
	}
	for _, s := range all {
		it := listItem{a: headerOf(s), progress: engine.Count{Answered: s.Answered, Relevant: s.Relevant}}
		if !s.Scored {
			it.err = errors.New(s.Problem)
		}
		m.list = append(m.list, it)
	}
	sort.SliceStable(m.list, func(i, j int) bool { return m.list[i].a.Updated.After(m.list[j].a.Updated) })
	m.scr = scrList
}

func (m *Model) updateList(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	n := len(m.list)
	switch msg.String() {
	case "q":
		return m.quit()
	case "esc", "shift+tab", "left":
		m.scr = scrHome
		m.listErr = ""
	case "up", "k":
		if n > 0 {
			m.listCursor = (m.listCursor + n - 1) % n
		}
	case "down", "j", "tab":
		if n > 0 {
			m.listCursor = (m.listCursor + 1) % n
		}
	case "enter":
		if n == 0 {
			return m, nil
		}
		it := m.list[m.listCursor]
		if m.listKind == 1 {
			l, err := m.env.Open(it.a.ID)
			if err != nil {
				m.listErr = errText(err)
				return m, nil
			}
			m.openResults(l)
			return m, nil
		}
		if it.a.Status == "validated" {
			// Every change to a validated assessment needs a reason (audit
			// trail): ask for it before opening.
			m.startReason(it.a.ID)
			return m, m.focusField()
		}
		s, err := Open(m.env, it.a.ID, "", "")
		if err != nil {
			m.listErr = errText(err)
			return m, nil
		}
		s.Lang = m.lang
		m.begin(s)
		return m, m.focusField()
	}
	return m, nil
}

func (m *Model) viewList() string {
	title := m.t("iv.home.resume")
	if m.listKind == 1 {
		title = m.t("iv.home.results")
	}
	var body []string
	if len(m.list) == 0 {
		body = append(body, m.t("iv.list.empty"))
	}
	var items []string
	for _, it := range m.list {
		a := it.a
		region := m.env.Content.Refs.RegionName(a.Region, m.lang)
		prog := fmt.Sprintf("%d/%d (%.0f %%)", it.progress.Answered, it.progress.Relevant, it.progress.Fraction()*100)
		if it.err != nil {
			prog = "?"
		}
		names := strings.Join(respondentNames(a), ", ")
		line := fmt.Sprintf("%s %s %s %s  %s", fit(region, 26), fit(a.Round, 14), fit(prog, 12), a.Updated.Local().Format("2006-01-02 15:04"), names)
		items = append(items, line)
	}
	if len(items) > 0 {
		body = append(body, m.st.faint.Render("  "+fmt.Sprintf("%s %s %s %s", fit(m.t("iv.list.region"), 26), fit(m.t("iv.list.round"), 14), fit(m.t("iv.list.progress"), 12), m.t("iv.list.updated"))))
		body = append(body, m.listLines(items, m.listCursor, max(1, m.height-7))...)
		if it := m.list[m.listCursor]; true {
			body = append(body, "", m.st.faint.Render(it.a.ID))
		}
	}
	if m.listErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.listErr))
	}
	return m.frame(m.simpleHeader(title), body, m.keysLine("iv.keys.list"))
}

func respondentNames(a *store.Assessment) []string {
	out := []string{}
	for _, r := range a.Respondents {
		out = append(out, r.Name)
	}
	return out
}

// ---- setup

func (m *Model) startSetup(su Setup) {
	m.scr = scrSetup
	m.setup = su
	m.steps = nil
	if su.Lang == "" {
		m.steps = append(m.steps, "lang")
	}
	if su.Region == "" {
		m.steps = append(m.steps, "region")
	}
	if su.Respondent == "" {
		m.steps = append(m.steps, "respondent")
	}
	if su.Institution == "" {
		m.steps = append(m.steps, "institution")
	}
	if su.Role == "" {
		m.steps = append(m.steps, "role")
	}
	if su.Round == "" {
		m.steps = append(m.steps, "round")
	}
	if su.Lang != "" {
		m.lang = su.Lang
	}
	m.step = 0
	m.setupErr = ""
	if len(m.steps) == 0 {
		m.finishSetup()
		return
	}
	m.buildSetupField()
}

// startReason asks why a validated assessment is resumed, then opens it
// (finishSetup); esc goes back to the list.
func (m *Model) startReason(id string) {
	m.scr = scrSetup
	m.resumeID = id
	m.steps = []string{"reason"}
	m.step = 0
	m.setupErr = ""
	m.buildSetupField()
}

// SetupSteps lists what the setup will ask for.
func (m *Model) SetupSteps() []string { return append([]string{}, m.steps...) }

func (m *Model) setupValue(step string) string {
	switch step {
	case "lang":
		return m.setup.Lang
	case "region":
		return m.setup.Region
	case "respondent":
		return m.setup.Respondent
	case "institution":
		return m.setup.Institution
	case "role":
		return m.setup.Role
	case "round":
		if m.setup.Round == "" {
			return app.DefaultRound()
		}
		return m.setup.Round
	case "reason":
		return m.reason
	}
	return ""
}

func (m *Model) buildSetupField() {
	if m.step >= len(m.steps) {
		return
	}
	step := m.steps[m.step]
	m.setupVal = m.setupValue(step)
	th := m.theme
	h := max(3, m.height-2-6-2)
	m.field, m.choices = nil, nil
	switch step {
	case "lang", "region":
		c := newChoiceList(false, h, m.st.sel, m.st.faint)
		if step == "lang" {
			if m.setupVal == "" {
				m.setupVal = m.lang
			}
			for _, l := range i18n.Languages {
				c.add(l, []string{i18n.T(l, "iv.lang_name")}, nil)
			}
		} else {
			for _, r := range m.env.Content.Refs.Regions {
				label := "  " + r.Name.Get(m.lang)
				if r.Pilot {
					label = "★ " + r.Name.Get(m.lang) + " — " + m.t("iv.pilot")
				}
				c.add(r.Code, []string{label}, nil)
			}
		}
		c.setCursorTo(m.setupVal)
		m.choices = c
		m.kind = kindSelect
	default:
		f := huh.NewInput()
		f.WithTheme(th)
		f.WithKeyMap(m.keymap)
		f.Value(&m.setupVal).CharLimit(200)
		f.WithWidth(m.width - th.Focused.Base.GetHorizontalBorderSize())
		f.Focus()
		m.field = f
		m.kind = kindInput
	}
}

func (m *Model) updateSetup(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		if m.resumeID != "" {
			m.resumeID, m.reason = "", ""
			m.scr = scrList
			m.field, m.choices = nil, nil
			return m, nil
		}
		if m.fromHome {
			m.scr = scrHome
			m.field, m.choices = nil, nil
			return m, nil
		}
		return m.quit()
	case "shift+tab":
		if m.step > 0 {
			if m.choices != nil {
				m.setupVal = m.choices.value()
			}
			m.storeSetupValue()
			m.step--
			m.setupErr = ""
			m.buildSetupField()
			return m, m.focusField()
		}
		return m, nil
	case "enter":
		step := m.steps[m.step]
		if m.choices != nil {
			m.setupVal = m.choices.value()
		}
		v := strings.TrimSpace(m.setupVal)
		if step == "respondent" && v == "" {
			m.setupErr = m.t("iv.err.name_required")
			return m, nil
		}
		if step == "reason" && v == "" {
			m.setupErr = m.t("iv.err.reason_required")
			return m, nil
		}
		if step == "round" && v != "" {
			if app.CheckRound(v) != nil {
				m.setupErr = m.t("app.round_invalid", v, app.MaxRoundLen)
				return m, nil
			}
		}
		m.storeSetupValue()
		m.setupErr = ""
		if step == "lang" {
			m.lang = m.setup.Lang
		}
		m.step++
		if m.step >= len(m.steps) {
			m.finishSetup()
			if m.scr == scrSetup {
				m.step = len(m.steps) - 1
				return m, nil
			}
			return m, m.focusField()
		}
		m.buildSetupField()
		return m, m.focusField()
	}
	if m.choices != nil {
		m.choices.Update(msg)
		return m, nil
	}
	if m.field == nil {
		return m, nil
	}
	f, cmd := m.field.Update(msg)
	m.field = f.(huh.Field)
	return m, cmd
}

func (m *Model) storeSetupValue() {
	v := strings.TrimSpace(m.setupVal)
	switch m.steps[m.step] {
	case "lang":
		m.setup.Lang = v
	case "region":
		m.setup.Region = v
	case "respondent":
		m.setup.Respondent = v
	case "institution":
		m.setup.Institution = v
	case "role":
		m.setup.Role = v
	case "round":
		if v == "" {
			v = app.DefaultRound()
		}
		m.setup.Round = v
	case "reason":
		m.reason = v
	}
}

// finishSetup creates the assessment and opens the interview (or opens the
// validated assessment being resumed, with its reason).
func (m *Model) finishSetup() {
	if m.resumeID != "" {
		s, err := Open(m.env, m.resumeID, "", "", m.reason)
		if err != nil {
			m.setupErr = errText(err)
			m.scr = scrSetup
			return
		}
		m.resumeID = ""
		s.Lang = m.lang
		m.begin(s)
		return
	}
	su := m.setup
	if su.Lang == "" {
		su.Lang = m.lang
	}
	s, err := Create(m.env, su)
	if err != nil {
		m.setupErr = m.t("iv.err.create", errText(err))
		m.scr = scrSetup
		if m.field == nil && len(m.steps) > 0 {
			m.buildSetupField()
		}
		return
	}
	m.setupDone = true
	m.begin(s)
}

// SetupError returns the setup's last error message, if any.
func (m *Model) SetupError() string { return m.setupErr }

func (m *Model) viewSetup() string {
	if len(m.steps) == 0 || m.step >= len(m.steps) {
		body := []string{}
		if m.setupErr != "" {
			body = append(body, m.st.err.Render("✗ "+m.setupErr))
		}
		return m.frame(m.simpleHeader(m.setupTitle()), body, m.keysLine("iv.keys.setup"))
	}
	step := m.steps[m.step]
	body := []string{m.st.faint.Render(m.t("iv.setup.step", m.step+1, len(m.steps))), ""}
	prompt := m.t("iv.setup." + step)
	if step == "lang" {
		prompt = "Langue · اللغة · Language"
	}
	for _, l := range wrapLines(prompt, m.width) {
		body = append(body, m.st.title.Render(l))
	}
	if h := m.t("iv.setup." + step + ".hint"); h != "iv.setup."+step+".hint" {
		for _, l := range wrapLines(h, m.width) {
			body = append(body, m.st.faint.Render(l))
		}
	}
	body = append(body, "")
	if m.choices != nil {
		body = append(body, strings.Split(m.choices.View(), "\n")...)
	} else if m.field != nil {
		body = append(body, strings.Split(m.field.View(), "\n")...)
	}
	if m.setupErr != "" {
		body = append(body, "", m.st.err.Render("✗ "+m.setupErr))
	}
	return m.frame(m.simpleHeader(m.setupTitle()), body, m.keysLine("iv.keys.setup"))
}

func (m *Model) setupTitle() string {
	if m.resumeID != "" {
		return m.t("iv.setup.reason_title")
	}
	return m.t("iv.setup.title")
}

// ---- review

func (m *Model) openReview() {
	m.scr = scrReview
	m.ov = ovNone
	m.field, m.choices, m.kind = nil, nil, kindNone
	m.revItems = m.s.Review()
	if m.revCursor > len(m.revItems) {
		m.revCursor = len(m.revItems)
	}
	if len(m.revItems) == 0 {
		m.revCursor = 0
	}
	if err := m.s.SetCurrent(""); err != nil {
		m.setMsg(m.t("iv.err.save", errText(err)), true)
	}
	m.refreshCaches(true)
}

// ReviewItems returns what the review lists (for tests and the accessible runner).
func (m *Model) ReviewItems() []ReviewItem { return m.revItems }

func (m *Model) updateReview(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	n := len(m.revItems) + 1
	switch msg.String() {
	case "q", "esc":
		return m.quit()
	case "up", "k":
		m.revCursor = (m.revCursor + n - 1) % n
	case "down", "j", "tab":
		m.revCursor = (m.revCursor + 1) % n
	case "home", "g":
		m.revCursor = 0
	case "end", "G":
		m.revCursor = n - 1
	case "l":
		m.cycleLang()
	case "c", "f5":
		m.openSummary()
	case "s", "alt+s", "f3":
		m.openSections()
	case "shift+tab":
		if p := m.s.St().Prev(len(m.s.Q().Questions)); p != nil {
			m.fromReview = false
			return m, m.goTo(p)
		}
	case "enter":
		if m.revCursor == n-1 {
			m.openSummary()
			return m, nil
		}
		m.fromReview = true
		m.setMsg("", false)
		return m, m.goTo(m.revItems[m.revCursor].Q)
	}
	return m, nil
}

func (m *Model) viewReview() string {
	m.refreshCaches(false)
	var body []string
	if len(m.revItems) == 0 {
		body = append(body, m.st.ok.Render("✓ "+m.t("iv.review_none")))
	} else {
		body = append(body, m.st.title.Render(m.t("iv.review_count", len(m.revItems))))
	}
	body = append(body, "")
	idW, stW := 6, 6
	for _, it := range m.revItems {
		idW = max(idW, len(it.Q.ID))
		stW = max(stW, ansi.StringWidth(m.t("iv.status."+it.Status)))
	}
	idW = min(idW, 24)
	var items []string
	for _, it := range m.revItems {
		left := fit(it.Q.ID, idW) + " " + fit(m.t("iv.status."+it.Status), stW)
		items = append(items, left+" "+fit(it.Q.Label.Get(m.lang), max(10, m.width-4-ansi.StringWidth(left)-1)))
	}
	items = append(items, "→ "+m.t("iv.to_summary"))
	body = append(body, m.listLines(items, m.revCursor, max(1, m.height-headerLines-2-3))...)
	if m.msg != "" && m.msgErr {
		body = append(body, m.st.err.Render("✗ "+m.msg))
	}
	return m.frame(m.headerCache, body, m.keysLine("iv.keys.review"))
}

// ---- summary

func (m *Model) openSummary() {
	m.scr = scrSummary
	m.ov = ovNone
	m.vp.Width = m.width
	m.vp.Height = max(1, m.height-headerLines-2)
	m.vp.SetContent(SummaryText(m.s.L, m.lang, m.width, 5))
	m.vp.GotoTop()
	m.refreshCaches(true)
}

func (m *Model) updateSummary(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "q", "esc", "enter":
		return m.quit()
	case "r", "shift+tab", "alt+r", "f4":
		m.openReview()
		return m, nil
	case "l":
		m.cycleLang()
		return m, nil
	case "s", "alt+s", "f3":
		m.openSections()
		return m, nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m *Model) viewSummary() string {
	m.refreshCaches(false)
	return m.frame(m.headerCache, strings.Split(m.vp.View(), "\n"), m.keysLine("iv.keys.summary"))
}

// ---- results

func (m *Model) openResults(l *app.Loaded) {
	m.results = l
	m.scr = scrResults
	m.vp.Width = m.width
	m.vp.Height = max(1, m.height-2-2)
	m.vp.SetContent(ResultsText(l, m.lang, m.width))
	m.vp.GotoTop()
}

func (m *Model) updateResults(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.ov == ovDivergent {
		return m.updateDivergent(msg)
	}
	switch msg.String() {
	case "c", "alt+c":
		m.openDivergent()
		return m, nil
	case "q":
		return m.quit()
	case "esc", "left", "shift+tab":
		if m.fromHome {
			m.scr = scrList
			return m, nil
		}
		return m.quit()
	case "l":
		m.cycleHomeLang()
		m.openResults(m.results)
		return m, nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m *Model) viewResults() string {
	if m.ov == ovDivergent {
		return m.viewDivergent()
	}
	return m.frame(m.simpleHeader(m.t("iv.results")), strings.Split(m.vp.View(), "\n"), m.keysLine("iv.keys.results"))
}
