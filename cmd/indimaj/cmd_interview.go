package main

import (
	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/interview"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, interviewCmd, resumeCmd, resultsCmd)
	homeScreen = func(g *globals) error {
		env, err := g.env(true)
		if err != nil {
			return err
		}
		c := interview.Config{Env: env, In: g.stdin, Out: g.stdout, Err: g.stderr, Accessible: interview.AccessibleFromEnv()}
		return c.Home()
	}
}

func interviewCmd(g *globals) *cobra.Command {
	var su interview.Setup
	var accessible bool
	cmd := &cobra.Command{
		Use:   "interview [--region CODE] [--respondent NAME] [--round LABEL] [--lang fr|ar|en]",
		Short: "Start a new assessment with the guided interview (full screen, or --accessible line prompts)",
		Long: `Start a new self-assessment and answer it one question at a time.

Setup asks only what the flags did not give: language, region (the three pilot
regions first), respondent, institution, role and round. The assessment is
created when setup completes, and every answer is saved the moment it is given:
quit at any time (q, esc, ctrl+c, closing the terminal) and continue with
` + "`indimaj resume ID`" + `.

Keys: enter confirms, tab skips, shift+tab goes back, d "don't know", n note or
evidence, ? help (guidance and MGI / MIPEX / SNIA / SDG / GCM references),
s sections, r review, l language, q quit. In a workshop, p switches the
participant whose answers follow (or adds one), and c sets the consensus on a
question two participants or more answered (the header marks divergent ones).

--accessible (or INDIMAJ_ACCESSIBLE=1) asks plain line prompts, for screen
readers and for piped input: type a choice number or a value, < to go back,
> to skip, ? for help, p to switch participant, c to set the consensus; the
end of the input stops and saves.`,
		Example: `  indimaj interview
  indimaj interview --region oriental --respondent "A. Benali" --lang ar
  indimaj interview --accessible --region souss-massa --respondent "F. Zahra" < answers.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if su.Region != "" {
				if err := g.checkRegion(su.Region); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("lang") {
				if err := checkLang(su.Lang); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("round") {
				if err := app.CheckRound(su.Round); err != nil {
					return err
				}
			}
			env, err := g.env(true)
			if err != nil {
				return err
			}
			c := interview.Config{Env: env, In: g.stdin, Out: g.stdout, Err: g.stderr,
				Accessible: accessible || interview.AccessibleFromEnv(), Lang: su.Lang}
			return c.Interview(su)
		},
	}
	cmd.Flags().StringVar(&su.Region, "region", "", "region code (e.g. oriental, souss-massa, tanger-tetouan-al-hoceima)")
	cmd.Flags().StringVar(&su.Respondent, "respondent", "", "name of the person answering")
	cmd.Flags().StringVar(&su.Institution, "institution", "", "the respondent's institution")
	cmd.Flags().StringVar(&su.Role, "role", "", "the respondent's role")
	cmd.Flags().StringVar(&su.Round, "round", "", "round label (default: YEAR-baseline)")
	cmd.Flags().StringVar(&su.Lang, "lang", "", "language of the interview and the assessment: fr, ar or en (default fr)")
	cmd.Flags().BoolVar(&accessible, "accessible", false, "plain line prompts for screen readers and piped input (also INDIMAJ_ACCESSIBLE=1)")
	return cmd
}

func resumeCmd(g *globals) *cobra.Command {
	var respondent, lang, reason string
	var accessible bool
	cmd := &cobra.Command{
		Use:   "resume ID",
		Short: "Continue an assessment's interview on the question where it was left",
		Long: `Reopen an assessment (its id or a unique prefix) in the guided interview, on the
question where it was left, with every earlier answer. --respondent records
new answers under another name (default: the assessment's last respondent).
A validated assessment needs --reason: it is kept in the audit trail with
every change (indimaj history ID).`,
		Example: "  indimaj resume 01J9Z8\n  indimaj resume 01J9Z8 --lang en\n  indimaj resume 01J9Z8 --accessible < more-answers.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("lang") {
				if err := checkLang(lang); err != nil {
					return err
				}
			}
			env, err := g.env(true)
			if err != nil {
				return err
			}
			c := interview.Config{Env: env, In: g.stdin, Out: g.stdout, Err: g.stderr,
				Accessible: accessible || interview.AccessibleFromEnv(), Lang: lang, Reason: reason}
			return c.Resume(args[0], respondent)
		},
	}
	cmd.Flags().StringVar(&respondent, "respondent", "", "name under which new answers are recorded (default: the last respondent)")
	cmd.Flags().StringVar(&reason, "reason", "", "why the answers change (kept in the audit trail; required once the assessment is validated)")
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	cmd.Flags().BoolVar(&accessible, "accessible", false, "plain line prompts for screen readers and piped input (also INDIMAJ_ACCESSIBLE=1)")
	return cmd
}

func resultsCmd(g *globals) *cobra.Command {
	var lang, reason string
	var accessible bool
	cmd := &cobra.Command{
		Use:   "results ID",
		Short: "Show an assessment's results: section scores and explained recommendations",
		Long: `Show the results of an assessment: section scores as bars with their coverage,
the overall score, the MGI / MIPEX / SNIA views, and every recommendation with
the indicators behind it and how its priority was computed, and the questions
where participants diverge. Full screen on a terminal (c lists the divergent
questions and opens one to set its consensus); plain text when the output is
not a terminal or with --accessible.`,
		Example: "  indimaj results 01J9Z8\n  indimaj results 01J9Z8 --lang ar > results.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("lang") {
				if err := checkLang(lang); err != nil {
					return err
				}
			}
			env, err := g.env(false)
			if err != nil {
				return err
			}
			c := interview.Config{Env: env, In: g.stdin, Out: g.stdout, Err: g.stderr,
				Accessible: accessible || interview.AccessibleFromEnv(), Lang: lang, Reason: reason}
			return c.Results(args[0])
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "language: fr, ar or en (default: the assessment's)")
	cmd.Flags().BoolVar(&accessible, "accessible", false, "plain text (also INDIMAJ_ACCESSIBLE=1)")
	cmd.Flags().StringVar(&reason, "reason", "", "why a consensus set from the results view changes a validated assessment (audit trail)")
	return cmd
}
