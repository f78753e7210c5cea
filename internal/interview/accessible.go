package interview

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/internal/termsafe"
	"github.com/indimaj/indimaj/store"
)

// The accessible mode asks one question per prompt on plain lines, for
// screen readers and for piped input. It is driven by the engine (relevance,
// constraints, progress) exactly like the full-screen interface, and commits
// each answer as soon as its line is read. The end of the input stops it;
// everything given so far is already saved.

var errEOF = errors.New("end of input")

type lineRunner struct {
	c    Config
	in   *bufio.Reader
	out  io.Writer
	lang string
	s    *Session
	// echo repeats each line read when the input is not a terminal, so a
	// transcript of piped input reads like a conversation.
	echo bool
	// notes written before their question was answered, saved with the answer
	notes map[string]string
}

func newLineRunner(c Config, lang string) *lineRunner {
	return &lineRunner{c: c, in: bufio.NewReader(c.In), out: c.Out, lang: lang, echo: !IsTerminal(c.In), notes: map[string]string{}}
}

func (r *lineRunner) t(key string, args ...any) string { return i18n.T(r.lang, key, args...) }

func (r *lineRunner) say(s string) { fmt.Fprintln(r.out, s) }

// colon ends a label with a colon, typeset for the language.
func (r *lineRunner) colon(s string) string { return strings.TrimSpace(r.t("iv.labeled", s, "")) }

// ask prints a prompt and reads one line; errEOF when the input has ended.
// maxLineBytes bounds one line typed or piped in accessible mode: a
// longer line (a stream without newlines) is refused, not held in memory.
const maxLineBytes = 64 << 10

// readLine reads one line of at most max bytes (its newline included).
func readLine(in *bufio.Reader, max int) (string, error) {
	var buf []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = in.ReadSlice('\n') // skip the rest of the line
			}
			return "", app.Inputf("%s", i18n.M("hostile.line_too_long", max))
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return string(buf), err
	}
}

func (r *lineRunner) ask(prompt string) (string, error) {
	fmt.Fprint(r.out, prompt+" ")
	line, err := readLine(r.in, maxLineBytes)
	var ie *app.InputError
	if errors.As(err, &ie) {
		fmt.Fprintln(r.out)
		return "", err
	}
	if err != nil && line == "" {
		fmt.Fprintln(r.out)
		if err == io.EOF {
			return "", errEOF
		}
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if r.echo {
		fmt.Fprintln(r.out, line)
	}
	return line, nil
}

// choose asks for a number between 1 and n; empty is allowed when emptyOK.
func (r *lineRunner) choose(prompt string, n int, emptyOK bool) (int, error) {
	for {
		line, err := r.ask(prompt)
		if err != nil {
			return 0, err
		}
		line = strings.TrimSpace(line)
		if line == "" && emptyOK {
			return 0, nil
		}
		if line == "q" {
			return -1, nil
		}
		if k, err := strconv.Atoi(line); err == nil && k >= 1 && k <= n {
			return k, nil
		}
		r.say("✗ " + r.t("iv.a.pick", n))
	}
}

func (r *lineRunner) home() error {
	r.say(r.t("iv.app_title"))
	for i, k := range homeItems {
		r.say(fmt.Sprintf("  %d. %s", i+1, r.t(k)))
	}
	k, err := r.choose(r.t("iv.a.number"), len(homeItems), false)
	if err == errEOF || k == -1 || k == 4 {
		return nil
	}
	if err != nil {
		return err
	}
	if k == 1 {
		if err := r.setup(Setup{Lang: r.c.Lang}); err != nil {
			return err
		}
		return r.interview()
	}
	sums, err := listed(r.c.Env)
	if err != nil {
		return err
	}
	list := make([]*store.Assessment, len(sums))
	for i, s := range sums {
		list[i] = headerOf(s)
	}
	if len(list) == 0 {
		r.say(r.t("iv.list.empty"))
		return nil
	}
	for i, a := range list {
		p := ""
		if sums[i].Scored {
			p = fmt.Sprintf("%d/%d", sums[i].Answered, sums[i].Relevant)
		}
		region := r.c.Env.Content.Refs.RegionName(a.Region, r.lang)
		r.say(fmt.Sprintf("  %d. %s, %s, %s, %s (%s)", i+1, region, termsafe.Line(a.Round), p, a.Updated.Local().Format("2006-01-02 15:04"), a.ID))
	}
	n, err := r.choose(r.t("iv.a.number"), len(list), false)
	if err == errEOF || n == -1 {
		return nil
	}
	if err != nil {
		return err
	}
	id := list[n-1].ID
	if k == 3 {
		l, err := r.c.Env.Open(id)
		if err != nil {
			return err
		}
		_, err = io.WriteString(r.out, ResultsText(l, r.lang, 100))
		return err
	}
	reason := r.c.Reason
	if list[n-1].Status == "validated" && strings.TrimSpace(reason) == "" {
		// Every change to a validated assessment needs a reason (audit trail).
		for strings.TrimSpace(reason) == "" {
			r.say(r.t("iv.setup.reason.hint"))
			if reason, err = r.ask(r.colon(r.t("iv.setup.reason"))); err != nil {
				return err
			}
			if strings.TrimSpace(reason) == "" {
				r.say(r.t("iv.err.reason_required"))
			}
		}
	}
	s, err := Open(r.c.Env, id, "", r.c.Lang, reason)
	if err != nil {
		return err
	}
	r.s = s
	r.lang = s.Lang
	return r.interview()
}

// setup asks what su lacks, then creates the assessment.
func (r *lineRunner) setup(su Setup) error {
	incomplete := func(what string) error {
		return app.Inputf("%s", i18n.M("iv.msg.setup_incomplete", i18n.M("iv.msg.step."+what)))
	}
	r.say(r.t("iv.setup.title"))
	if su.Lang == "" {
		r.say("Langue · اللغة · Language")
		for i, l := range i18n.Languages {
			r.say(fmt.Sprintf("  %d. %s", i+1, i18n.T(l, "iv.lang_name")))
		}
		k, err := r.choose(r.t("iv.a.number_default", 1), len(i18n.Languages), true)
		if err == errEOF || k == -1 {
			return incomplete("language")
		}
		if err != nil {
			return err
		}
		su.Lang = "fr"
		if k > 0 {
			su.Lang = i18n.Languages[k-1]
		}
	}
	r.lang = su.Lang
	if su.Region == "" {
		r.say(r.t("iv.setup.region"))
		regions := r.c.Env.Content.Refs.Regions
		for i, reg := range regions {
			label := reg.Name.Get(r.lang)
			if reg.Pilot {
				label += " (" + r.t("iv.pilot") + ")"
			}
			r.say(fmt.Sprintf("  %d. %s", i+1, label))
		}
		k, err := r.choose(r.t("iv.a.number"), len(regions), false)
		if err == errEOF || k == -1 {
			return incomplete("region")
		}
		if err != nil {
			return err
		}
		su.Region = regions[k-1].Code
	}
	for su.Respondent == "" {
		line, err := r.ask(r.colon(r.t("iv.setup.respondent")))
		if err == errEOF {
			return incomplete("respondent")
		}
		if err != nil {
			return err
		}
		su.Respondent = strings.TrimSpace(line)
		if su.Respondent == "" {
			r.say("✗ " + r.t("iv.err.name_required"))
		}
	}
	optional := func(v *string, key, what string, def string) error {
		if *v != "" {
			return nil
		}
		prompt := r.colon(r.t(key) + " (" + r.t("iv.a.enter_skip") + ")")
		if def != "" {
			prompt = r.colon(r.t(key) + " (" + r.t("iv.a.enter_default", def) + ")")
		}
		line, err := r.ask(prompt)
		if err == errEOF {
			return incomplete(what)
		}
		if err != nil {
			return err
		}
		*v = strings.TrimSpace(line)
		if *v == "" {
			*v = def
		}
		return nil
	}
	if err := optional(&su.Institution, "iv.setup.institution", "institution", ""); err != nil {
		return err
	}
	if err := optional(&su.Role, "iv.setup.role", "role", ""); err != nil {
		return err
	}
	for {
		if err := optional(&su.Round, "iv.setup.round", "round", app.DefaultRound()); err != nil {
			return err
		}
		if app.CheckRound(su.Round) == nil {
			break
		}
		r.say("✗ " + r.t("app.round_invalid", su.Round, app.MaxRoundLen))
		su.Round = ""
	}
	s, err := Create(r.c.Env, su)
	if err != nil {
		return err
	}
	r.s = s
	r.say(r.t("iv.a.created", s.ID()))
	return nil
}

// stopped ends the interview when the input ends or q is given.
func (r *lineRunner) stopped() error {
	r.say(r.t("iv.a.stopped"))
	r.say(r.s.ResumeHint(r.lang, true))
	return nil
}

func (r *lineRunner) interview() error {
	s := r.s
	r.say(r.t("iv.a.intro", s.RegionName(r.lang), s.L.A.Round, s.ID()))
	r.say(r.t("iv.a.commands"))
	qu := s.Start()
	fromReview := false
	for {
		if qu == nil {
			next, done, err := r.review()
			if err == errEOF {
				return r.stopped()
			}
			if err != nil {
				return err
			}
			if done {
				_, err := io.WriteString(r.out, "\n"+SummaryText(s.L, r.lang, 100, 5))
				r.say(r.t("iv.a.finished", s.ID()))
				return err
			}
			qu, fromReview = next, true
			continue
		}
		if err := s.SetCurrent(qu.ID); err != nil {
			r.say("✗ " + r.t("iv.err.save", errText(err)))
		}
		r.showQuestion(qu)
		after := func() *engine.Question {
			if fromReview {
				fromReview = false
				return nil
			}
			return s.St().Next(qu.Index)
		}
		if qu.Type == engine.Note {
			qu = after()
			continue
		}
		line, err := r.ask(r.prompt(qu))
		if err == errEOF {
			return r.stopped()
		}
		if err != nil {
			return err
		}
		cmd := strings.TrimSpace(line)
		switch cmd {
		case "q":
			return r.stopped()
		case "?":
			r.help(qu)
			continue
		case "<":
			fromReview = false
			if p := s.St().Prev(qu.Index); p != nil {
				qu = p
			} else {
				r.say(r.t("iv.first_question"))
			}
			continue
		case ">":
			qu = after()
			continue
		case "r":
			qu, fromReview = nil, false
			continue
		case "s":
			target, err := r.sections()
			if err == errEOF {
				return r.stopped()
			}
			if err != nil {
				return err
			}
			if target != nil {
				qu, fromReview = target, false
			}
			continue
		case "p":
			if err := r.respondentCmd(); err == errEOF {
				return r.stopped()
			} else if err != nil {
				return err
			}
			continue
		case "c":
			if err := r.consensusCmd(qu); err == errEOF {
				return r.stopped()
			} else if err != nil {
				return err
			}
			continue
		case "d":
			v, ok := DontKnowValue(qu)
			if !ok || s.St().Check(qu.ID, v) != nil {
				r.say("✗ " + r.t("iv.a.no_dont_know"))
				continue
			}
			line = fmt.Sprint(v)
			if codes, multi := v.([]string); multi {
				line = strings.Join(codes, " ")
			}
			cmd = line
		case "n":
			if err := r.noteCmd(qu); err == errEOF {
				return r.stopped()
			} else if err != nil {
				return err
			}
			continue
		}
		var v any
		var perr error
		if cmd == "" {
			// Enter alone keeps the answer (confirming one carried over), takes
			// the value pre-filled from the setup, or skips.
			if v = s.Suggested(qu); v == nil {
				if v = s.Value(qu); v == nil || !s.Unconfirmed(qu.ID) {
					qu = after()
					continue
				}
			}
		} else {
			var raw any
			raw, perr = r.raw(qu, cmd)
			if perr == nil {
				v, perr = Parse(s.St(), qu, raw, r.lang)
			}
		}
		if perr != nil {
			r.say("✗ " + perr.Error())
			continue
		}
		note := s.Note(qu.ID)
		if note == "" {
			note = r.notes[qu.ID]
		}
		if NeedsNote(qu, v) && strings.TrimSpace(note) == "" {
			for note == "" {
				line, err := r.ask(r.colon(r.t("iv.a.note_required")))
				if err == errEOF {
					return r.stopped()
				}
				if err != nil {
					return err
				}
				note = strings.TrimSpace(line)
			}
		}
		wasFromReview := fromReview
		cur := qu
		resume := func(st *engine.State) string {
			if wasFromReview {
				return ""
			}
			if n := st.Next(cur.Index); n != nil {
				return n.ID
			}
			return ""
		}
		if err := s.Commit(qu, v, note, resume); err != nil {
			r.say("✗ " + r.t("iv.err.save", errText(err)))
			continue
		}
		delete(r.notes, qu.ID)
		r.say("✓ " + r.t("iv.a.saved"))
		// the next question is computed after the answer: relevance may have changed
		qu = after()
	}
}

func (r *lineRunner) showQuestion(qu *engine.Question) {
	s := r.s
	st := s.St()
	overall, bySec := st.Progress()
	sec := qu.Section
	c := bySec[sec.ID]
	r.say("")
	r.say(fmt.Sprintf("— %s (%s %d/%d · %s %d/%d)", r.t("iv.section_of", sec.Index+1, len(s.Q().Sections), sec.Title.Get(r.lang)),
		r.t("iv.section_short"), c.Answered, c.Relevant, r.t("iv.total"), overall.Answered, overall.Relevant))
	if qu.Type == engine.Note {
		r.say(qu.Label.Get(r.lang))
		return
	}
	pos, tot := Position(st, qu)
	r.say(fmt.Sprintf("%s [%s] %s", r.t("iv.question_of", pos, tot), qu.ID, qu.Label.Get(r.lang)))
	if h := qu.Hint.Get(r.lang); h != "" {
		r.say("  " + r.t("iv.labeled", r.t("hint"), h))
	}
	switch qu.Type {
	case engine.Single, engine.Multiple:
		for i, ch := range qu.Choices {
			line := fmt.Sprintf("  %d. %s", i+1, ch.Label.Get(r.lang))
			if d := ch.Description.Get(r.lang); d != "" {
				line += " — " + d
			}
			r.say(line)
		}
	case engine.Boolean:
		r.say("  1. " + r.t("iv.yes"))
		r.say("  2. " + r.t("iv.no"))
	}
	if v := s.Suggested(qu); v != nil {
		r.say("  " + r.t("iv.a.prefilled", Display(qu, v, r.lang)))
	} else if v := s.Value(qu); v != nil {
		if s.Unconfirmed(qu.ID) {
			r.say("  " + r.t("iv.unconfirmed", Display(qu, v, r.lang)))
		} else {
			r.say("  " + r.t("iv.answer_saved", Display(qu, v, r.lang)))
		}
	}
	if n := s.Note(qu.ID); n != "" {
		r.say("  " + r.t("iv.labeled", r.t("iv.note_label"), termsafe.Text(n)))
	} else if n := r.notes[qu.ID]; n != "" {
		r.say("  " + r.t("iv.note_waiting", n))
	}
	r.workshopLines(qu)
}

// workshopLines says each respondent's answer, the divergence and the
// consensus, when two respondents or more answered (or a consensus is set).
func (r *lineRunner) workshopLines(qu *engine.Question) {
	s := r.s
	answers := s.AnswersTo(qu.ID)
	cons, hasCons := s.Consensus(qu.ID)
	if len(answers) < 2 && !hasCons {
		return
	}
	r.say("  " + r.t("iv.cs.answers"))
	for _, an := range answers {
		r.say("    " + r.t("iv.labeled", termsafe.Line(an.Respondent), termsafe.Line(Display(qu, parsedValue(qu, an.Value), r.lang))))
	}
	if s.Divergent(qu.ID) {
		r.say("  ⚠ " + r.t("iv.cs.divergent"))
	}
	if hasCons {
		r.say("  " + r.t("iv.cs.current", Display(qu, parsedValue(qu, cons.Value), r.lang)))
	} else if s.CanSetConsensus(qu) {
		r.say("  " + r.t("iv.cs.hint"))
	}
}

func parsedValue(qu *engine.Question, v any) any {
	if x, err := engine.ParseValue(qu, v); err == nil {
		return x
	}
	return v
}

// respondentCmd lists the respondents and makes the following answers
// those of the one chosen or named (a new name is added, with its
// institution and role).
func (r *lineRunner) respondentCmd() error {
	s := r.s
	list := s.Respondents()
	r.say("— " + r.t("iv.rs.title"))
	for i, x := range list {
		mark := " "
		if x.Name == s.Respondent {
			mark = "*"
		}
		r.say(fmt.Sprintf(" %s%d. %s — %s", mark, i+1, termsafe.Line(x.Name), r.t("iv.rs.answered", x.Answered)))
	}
	line, err := r.ask(r.t("iv.a.rs_prompt", s.Respondent))
	if err != nil {
		return err
	}
	name := strings.TrimSpace(line)
	if name == "" {
		return nil
	}
	if k, err := strconv.Atoi(name); err == nil && k >= 1 && k <= len(list) {
		name = list[k-1].Name
	}
	var inst, role string
	if !s.L.A.HasRespondent(name) {
		for _, f := range []struct {
			v   *string
			key string
		}{{&inst, "iv.setup.institution"}, {&role, "iv.setup.role"}} {
			line, err := r.ask(r.colon(r.t(f.key) + " (" + r.t("iv.a.enter_skip") + ")"))
			if err != nil {
				return err
			}
			*f.v = strings.TrimSpace(line)
		}
	}
	if err := s.SwitchRespondent(name, inst, role); err != nil {
		r.say("✗ " + r.t("iv.err.save", errText(err)))
		return nil
	}
	r.say("✓ " + r.t("iv.rs.switched", name))
	return nil
}

// consensusCmd sets (or clears, with -) the consensus on a question.
func (r *lineRunner) consensusCmd(qu *engine.Question) error {
	s := r.s
	if !s.CanSetConsensus(qu) {
		r.say("✗ " + r.t("iv.cs.need_two", s.ID(), qu.ID))
		return nil
	}
	n := len(qu.Choices)
	if qu.Type == engine.Boolean {
		n = 2
	}
	prompt := r.t("iv.a.cs_prompt", n)
	if typedConsensus(qu) {
		prompt = r.t("iv.a.cs_value")
	}
	for {
		line, err := r.ask(prompt)
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		switch line {
		case "":
			return nil
		case "-":
			if err := s.SetConsensus(qu, nil, ""); err != nil {
				r.say("✗ " + r.t("iv.err.save", errText(err)))
				return nil
			}
			r.say("✓ " + r.t("iv.cs.cleared"))
			return nil
		}
		raw, perr := r.raw(qu, line)
		var v any
		if perr == nil {
			v, perr = Parse(s.St(), qu, raw, r.lang)
		}
		if perr != nil {
			r.say("✗ " + perr.Error())
			continue
		}
		prompt := r.colon(r.t("iv.a.note") + " (" + r.t("iv.a.enter_skip") + ")")
		if NeedsNote(qu, v) {
			prompt = r.colon(r.t("iv.a.note_required"))
		}
		note := ""
		for {
			line, err := r.ask(prompt)
			if err != nil {
				return err
			}
			note = strings.TrimSpace(line)
			if note != "" || !NeedsNote(qu, v) {
				break
			}
		}
		if err := s.SetConsensus(qu, v, note); err != nil {
			r.say("✗ " + r.t("iv.err.save", errText(err)))
			return nil
		}
		r.say("✓ " + r.t("iv.cs.saved", Display(qu, v, r.lang)))
		return nil
	}
}

func (r *lineRunner) prompt(qu *engine.Question) string {
	switch qu.Type {
	case engine.Single:
		return r.t("iv.a.prompt.single", len(qu.Choices))
	case engine.Multiple:
		return r.t("iv.a.prompt.multiple", len(qu.Choices))
	case engine.Boolean:
		return r.t("iv.a.prompt.boolean")
	case engine.Integer:
		return r.t("iv.a.prompt.integer")
	case engine.Decimal:
		return r.t("iv.a.prompt.decimal")
	}
	return r.t("iv.a.prompt.text")
}

// raw turns a line into the value to parse: choice numbers become codes.
func (r *lineRunner) raw(qu *engine.Question, line string) (any, error) {
	pick := func(tok string) (string, error) {
		if k, err := strconv.Atoi(tok); err == nil {
			if k >= 1 && k <= len(qu.Choices) {
				return qu.Choices[k-1].Value, nil
			}
			return "", errors.New(r.t("iv.a.pick", len(qu.Choices)))
		}
		if qu.Choice(tok) != nil {
			return tok, nil
		}
		return "", errors.New(r.t("iv.a.pick", len(qu.Choices)))
	}
	switch qu.Type {
	case engine.Single:
		return pick(line)
	case engine.Multiple:
		if line == "0" {
			return []string{}, nil
		}
		var codes []string
		for _, tok := range strings.Fields(strings.ReplaceAll(line, ",", " ")) {
			c, err := pick(tok)
			if err != nil {
				return nil, err
			}
			codes = append(codes, c)
		}
		return codes, nil
	case engine.Boolean:
		switch line {
		case "1":
			return true, nil
		case "2":
			return false, nil
		}
		return line, nil
	}
	return line, nil
}

func (r *lineRunner) help(qu *engine.Question) {
	r.say(qu.ID + " — " + r.t("type."+string(qu.Type)))
	if h := qu.Hint.Get(r.lang); h != "" {
		r.say(r.t("iv.labeled", r.t("hint"), h))
	}
	if g := qu.Guidance.Get(r.lang); g != "" {
		r.say(r.t("iv.labeled", r.t("guidance"), g))
	}
	if refs := refLines(r.s.L.Content.Refs, qu.Refs, r.lang); len(refs) > 0 {
		r.say(r.colon(r.t("references")))
		for _, l := range refs {
			r.say("  " + l)
		}
	}
	r.say(r.t("iv.a.commands"))
}

// noteCmd adds or edits the note of this respondent's answer. A note never
// creates an answer: without one, the note waits and is saved with it.
func (r *lineRunner) noteCmd(qu *engine.Question) error {
	var v any
	if _, own := r.s.Own(qu.ID); own {
		v = r.s.Value(qu)
	}
	line, err := r.ask(r.colon(r.t("iv.a.note")))
	if err != nil {
		return err
	}
	note := strings.TrimSpace(line)
	if v == nil {
		if note == "" {
			delete(r.notes, qu.ID)
			return nil
		}
		r.notes[qu.ID] = note
		r.say("✓ " + r.t("iv.note_kept"))
		return nil
	}
	if note == "" && NeedsNote(qu, v) {
		r.say("✗ " + r.t("iv.note_required"))
		return nil
	}
	if err := r.s.Commit(qu, v, note, func(*engine.State) string { return qu.ID }); err != nil {
		r.say("✗ " + r.t("iv.err.save", errText(err)))
		return nil
	}
	r.say("✓ " + r.t("iv.note_saved"))
	return nil
}

// sections lists the sections and returns the question to go to, or nil.
func (r *lineRunner) sections() (*engine.Question, error) {
	st := r.s.St()
	_, bySec := st.Progress()
	secs := r.s.Q().Sections
	for i, sec := range secs {
		c := bySec[sec.ID]
		extra := fmt.Sprintf("%d/%d", c.Answered, c.Relevant)
		if !st.SectionRelevant(sec.ID) {
			extra = r.t("iv.not_asked")
		}
		r.say(fmt.Sprintf("  %d. %s (%s)", i+1, sec.Title.Get(r.lang), extra))
	}
	k, err := r.choose(r.t("iv.a.number_or_enter"), len(secs), true)
	if err != nil || k <= 0 {
		return nil, err
	}
	sec := secs[k-1]
	for _, qu := range sec.Questions {
		if qu.Type != engine.Note && st.Relevant(qu.ID) && st.Answer(qu.ID) == nil {
			return qu, nil
		}
	}
	if qu := st.FirstInSection(sec.ID); qu != nil {
		return qu, nil
	}
	r.say(r.t("iv.section_skipped"))
	return nil, nil
}

// review lists the unanswered and "don't know" questions; it returns the one
// chosen, or done when the person asks for the summary.
func (r *lineRunner) review() (*engine.Question, bool, error) {
	if err := r.s.SetCurrent(""); err != nil {
		r.say("✗ " + r.t("iv.err.save", errText(err)))
	}
	items := r.s.Review()
	r.say("")
	r.say("— " + r.t("iv.review_title"))
	if len(items) == 0 {
		r.say(r.t("iv.review_none"))
	} else {
		r.say(r.t("iv.review_count", len(items)))
	}
	for i, it := range items {
		r.say(fmt.Sprintf("  %d. [%s] %s — %s", i+1, it.Q.ID, r.t("iv.status."+it.Status), it.Q.Label.Get(r.lang)))
	}
	k, err := r.choose(r.t("iv.a.review_prompt"), len(items), true)
	if err != nil {
		return nil, false, err
	}
	if k == -1 {
		return nil, false, errEOF
	}
	if k == 0 {
		return nil, true, nil
	}
	return items[k-1].Q, false, nil
}
