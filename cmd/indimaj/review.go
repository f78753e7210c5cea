package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/indimaj/indimaj/engine"
	"github.com/indimaj/indimaj/internal/i18n"
)

// questionnaireMarkdown renders the questionnaire as a document for expert
// review and for printing before a workshop.
func questionnaireMarkdown(c *engine.Content, lang string) string {
	q := c.Q
	t := func(key string) string { return i18n.T(lang, key) }
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", q.Title.Get(lang))
	fmt.Fprintf(&b, "%s `%s` · %s %s · %d %s\n\n", t("questionnaire"), q.ID, t("version"), q.Version, len(q.Indicators()), t("scored_indicator"))
	if d := q.Description.Get(lang); d != "" {
		fmt.Fprintf(&b, "%s\n\n", d)
	}
	fmt.Fprintf(&b, "%s\n\n", t("method_scale"))
	for si, s := range q.Sections {
		fmt.Fprintf(&b, "## %d. %s\n\n", si+1, s.Title.Get(lang))
		if d := s.Description.Get(lang); d != "" {
			fmt.Fprintf(&b, "%s\n\n", d)
		}
		if s.Relevant != nil {
			fmt.Fprintf(&b, "*%s :* `%s`\n\n", t("asked_when"), s.Relevant.Src)
		}
		for _, qu := range s.Questions {
			kind := t("type." + string(qu.Type))
			if qu.Scored {
				kind = t("scored_indicator")
			}
			req := ""
			if qu.Required {
				req = " · " + t("required")
			}
			fmt.Fprintf(&b, "### `%s` — %s\n\n*%s%s*\n\n", qu.ID, qu.Label.Get(lang), kind, req)
			if h := qu.Hint.Get(lang); h != "" {
				fmt.Fprintf(&b, "**%s.** %s\n\n", t("hint"), h)
			}
			if qu.Relevant != nil {
				fmt.Fprintf(&b, "**%s :** `%s`\n\n", t("asked_when"), qu.Relevant.Src)
			}
			if qu.Constraint != nil {
				fmt.Fprintf(&b, "**%s :** `%s` — %s\n\n", t("constraint"), qu.Constraint.Src, qu.ConstraintMsg.Get(lang))
			}
			if len(qu.Choices) > 0 {
				head := t("choices")
				if qu.Scored {
					head = t("levels")
				}
				fmt.Fprintf(&b, "**%s**\n\n", head)
				for _, ch := range qu.Choices {
					score := ""
					if ch.Score != nil {
						score = fmt.Sprintf(" (%g)", *ch.Score)
					}
					line := fmt.Sprintf("- **%s**%s", ch.Label.Get(lang), score)
					if d := ch.Description.Get(lang); d != "" {
						line += " — " + d
					}
					b.WriteString(line + "\n")
				}
				b.WriteString("\n")
			}
			if qu.Scored {
				skip := t("skip_lowest")
				if qu.SkipExcluded {
					skip = t("skip_exclude")
				}
				w := ""
				if qu.Weight != 1 {
					w = fmt.Sprintf(" · %s %g", t("weight"), qu.Weight)
				}
				fmt.Fprintf(&b, "*%s%s*\n\n", skip, w)
			}
			if g := qu.Guidance.Get(lang); g != "" {
				fmt.Fprintf(&b, "**%s.** %s\n\n", t("guidance"), g)
			}
			if r := refsLine(c.Refs, qu.Refs, lang); r != "" {
				fmt.Fprintf(&b, "**%s :** %s\n\n", t("references"), r)
			}
		}
	}
	return b.String()
}

func refsLine(tables *engine.References, r engine.Refs, lang string) string {
	var parts []string
	if r.MGI != "" {
		parts = append(parts, "MGI "+tables.MGILabel(r.MGI, lang))
	}
	if r.MIPEX != "" {
		parts = append(parts, "MIPEX "+r.MIPEX+" ("+tables.MIPEXLabel(r.MIPEX, lang)+")")
	}
	if len(r.SNIA) > 0 {
		parts = append(parts, "SNIA "+strings.Join(r.SNIA, ", "))
	}
	if len(r.SDG) > 0 {
		parts = append(parts, i18nODD(lang)+" "+strings.Join(r.SDG, ", "))
	}
	if len(r.GCM) > 0 {
		parts = append(parts, i18nGCM(lang)+" "+joinInts(r.GCM))
	}
	if r.Competence != "" {
		parts = append(parts, i18n.T(lang, "competence")+" : "+tables.CompetenceLabel(r.Competence, lang))
	}
	if r.Modality != "" {
		parts = append(parts, i18n.T(lang, "modality")+" : "+tables.ModalityLabel(r.Modality, lang))
	}
	return strings.Join(parts, " · ")
}

func i18nODD(lang string) string {
	switch lang {
	case "ar":
		return "أهداف التنمية المستدامة"
	case "en":
		return "SDG"
	}
	return "ODD"
}

func i18nGCM(lang string) string {
	switch lang {
	case "ar":
		return "الميثاق العالمي للهجرة، الهدف"
	case "en":
		return "GCM objective"
	}
	return "PMM objectif"
}

// printCoverage prints the coverage matrices and reports whether the content
// passes: every scored indicator addressed by a measure, every text translated.
func printCoverage(g *globals, c *engine.Content) bool {
	q := c.Q
	ok := true
	out := g.stdout
	addressed := map[string][]string{}
	for _, m := range c.Rules.Measures {
		for _, ind := range m.Indicators {
			addressed[ind] = append(addressed[ind], m.ID)
		}
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.snia"))
	codes := c.Refs.SNIACodes()
	for _, p := range codes {
		var ms []string
		for _, m := range c.Rules.Measures {
			for _, s := range m.SNIA {
				if s == p {
					ms = append(ms, m.ID)
				}
			}
		}
		mark := ""
		if len(ms) == 0 && p != "SNMRE" {
			mark = "  " + i18n.M("cli.msg.cov.no_measure")
		}
		fmt.Fprintf(out, "%-6s %2d  %s%s\n", p, len(ms), strings.Join(ms, " "), mark)
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.sections"))
	for _, s := range q.Sections {
		if !s.Scored {
			continue
		}
		set := map[string]bool{}
		for _, qu := range s.Questions {
			for _, m := range addressed[qu.ID] {
				set[m] = true
			}
		}
		fmt.Fprintf(out, "%-6s %s\n", s.ID, i18n.M("cli.msg.cov.measures_n", len(set)))
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.without"))
	var missing []string
	for _, qu := range q.Indicators() {
		if len(addressed[qu.ID]) == 0 {
			missing = append(missing, qu.ID)
		}
	}
	if len(missing) == 0 {
		fmt.Fprintln(out, i18n.M("cli.msg.cov.none"))
	} else {
		ok = false
		fmt.Fprintln(out, strings.Join(missing, " "))
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.sdg"))
	sdgI, sdgM := map[string]int{}, map[string]int{}
	gcmI, gcmM := map[int]int{}, map[int]int{}
	mgi := map[string]int{}
	for _, qu := range q.Indicators() {
		for _, t := range qu.Refs.SDG {
			sdgI[t]++
		}
		for _, n := range qu.Refs.GCM {
			gcmI[n]++
		}
		if qu.Refs.MGI != "" {
			mgi[qu.Refs.MGI]++
		}
	}
	for _, m := range c.Rules.Measures {
		for _, t := range m.SDG {
			sdgM[t]++
		}
		for _, n := range m.GCM {
			gcmM[n]++
		}
	}
	targets := map[string]bool{}
	for t := range sdgI {
		targets[t] = true
	}
	for t := range sdgM {
		targets[t] = true
	}
	tl := make([]string, 0, len(targets))
	for t := range targets {
		tl = append(tl, t)
	}
	sort.Slice(tl, func(i, j int) bool {
		gi, gj := engine.SDGGoal(tl[i]), engine.SDGGoal(tl[j])
		if gi != gj {
			return gi < gj
		}
		return tl[i] < tl[j]
	})
	for _, t := range tl {
		fmt.Fprintf(out, "%-6s %3d / %3d\n", t, sdgI[t], sdgM[t])
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.gcm"))
	for n := 1; n <= 23; n++ {
		if gcmI[n]+gcmM[n] > 0 {
			fmt.Fprintf(out, "%-6d %3d / %3d\n", n, gcmI[n], gcmM[n])
		}
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.mgi"))
	for _, d := range c.Refs.MGICodes() {
		fmt.Fprintf(out, "%-6s %3d  %s\n", d, mgi[d], c.Refs.MGILabel(d, "fr"))
	}
	fmt.Fprintln(out, "\n"+i18n.M("cli.msg.cov.translations"))
	gaps := missingTranslations(c)
	if len(gaps) == 0 {
		fmt.Fprintln(out, i18n.M("cli.msg.cov.all_translated", strings.Join(q.Languages, ", ")))
	} else {
		ok = false
		for _, g := range gaps {
			fmt.Fprintln(out, g)
		}
	}
	return ok
}

// missingTranslations lists texts that lack fr, ar or en. The loader already
// requires every declared language; this also catches content that declares
// fewer languages than indimaj speaks.
func missingTranslations(c *engine.Content) []string {
	var out []string
	check := func(where string, t engine.Text) {
		if t == nil {
			return
		}
		for _, l := range i18n.Languages {
			if strings.TrimSpace(t[l]) == "" {
				out = append(out, i18n.M("cli.msg.cov.no_text", where, l))
			}
		}
	}
	q := c.Q
	check(i18n.M("cli.msg.cov.q_title"), q.Title)
	for _, s := range q.Sections {
		check(i18n.M("cli.msg.cov.section_title", s.ID), s.Title)
		for _, qu := range s.Questions {
			check(i18n.M("cli.msg.cov.label", qu.ID), qu.Label)
			check(i18n.M("cli.msg.cov.hint", qu.ID), qu.Hint)
			check(i18n.M("cli.msg.cov.guidance", qu.ID), qu.Guidance)
			for _, ch := range qu.Choices {
				check(i18n.M("cli.msg.cov.choice", qu.ID, ch.Value), ch.Label)
			}
		}
	}
	for _, m := range c.Rules.Measures {
		check(i18n.M("cli.msg.cov.measure_title", m.ID), m.Title)
		check(i18n.M("cli.msg.cov.measure_desc", m.ID), m.Description)
	}
	return out
}
