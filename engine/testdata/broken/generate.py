#!/usr/bin/env python3
"""Regenerates the broken-content catalog (engine/testdata/broken/NN-name/).

Each fixture is a copy of examples/sample with ONE mistake (the edits below),
and its expect.txt lists where the loader must report it, as
file:line:column: substring. Positions are not copied from the loader's
output: each expectation names the token the error must point at, found in the
mutated file, so a fixture states what is right, not what the loader does.

Run from anywhere after examples/sample changes:  python3 engine/testdata/broken/generate.py
Then: go test ./engine -run Broken
"""
import os, re, shutil, sys

OUT = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(OUT, '..', '..', '..'))
SAMPLE = os.path.join(ROOT, 'examples/sample')
S, P, M = 'questionnaires/sample.yaml', 'rules/policy.yaml', 'rules/measures.yaml'
PL = 'rules/plan.yaml'

def read_sample():
    files = {}
    for d in ('questionnaires', 'rules'):
        for f in sorted(os.listdir(os.path.join(SAMPLE, d))):
            if f.endswith(('.yaml', '.yml')):
                files[d + '/' + f] = open(os.path.join(SAMPLE, d, f), encoding='utf-8').read()
    return files

FIX = []
def fixture(name, edits, expect):
    FIX.append((name, edits, expect))

# edits: list of ('sub', file, old, new) | ('add', file, text) | ('del', file)
def sub(f, old, new): return ('sub', f, old, new)
def add(f, text): return ('add', f, text)
def delete(f): return ('del', f)
# Expectation E: the error is on the one line of the mutated file that contains
# line_needle (or ends with it, when the needle ends with $), at the column of
# the nth occurrence of token on that line (1-based, counted in runes as the
# YAML parser does). EAt gives line and column outright.
def E(f, line_needle, token, msg, nth=1, line_nth=None):
    """line_nth: the needle is on several lines; take the line_nth-th."""
    return (f, (line_needle, line_nth) if line_nth else line_needle, token, msg, nth)
def EAt(f, line, col, msg):
    return (f, line, col, msg, None)

def apply(files, edits):
    files = dict(files)
    for e in edits:
        if e[0] == 'sub':
            _, f, old, new = e
            n = files[f].count(old)
            if n != 1:
                sys.exit(f'{f}: {old!r} occurs {n} times')
            files[f] = files[f].replace(old, new)
        elif e[0] == 'add':
            files[e[1]] = e[2]
        elif e[0] == 'del':
            del files[e[1]]
    return files

def locate(files, exp):
    f, needle, token, msg, nth = exp
    if nth is None:
        return f'{f}:{needle}:{token}: {msg}'
    lines = files[f].split('\n')
    line_nth = None
    if isinstance(needle, tuple):
        needle, line_nth = needle
    if needle.endswith('$'):
        hits = [i for i, l in enumerate(lines) if l.endswith(needle[:-1])]
    else:
        hits = [i for i, l in enumerate(lines) if needle in l]
    if line_nth:
        if len(hits) < line_nth:
            sys.exit(f'{f}: line needle {needle!r} matches {len(hits)} lines, want {line_nth}+')
        hits = [hits[line_nth - 1]]
    if len(hits) != 1:
        sys.exit(f'{f}: line needle {needle!r} matches {len(hits)} lines')
    line = lines[hits[0]]
    i = -1
    for _ in range(nth):
        i = line.index(token, i + 1)
    return f'{f}:{hits[0]+1}:{i+1}: {msg}'

BASE = read_sample()

def first_at(f, content):
    """file:line:col of the first line of the sample that holds exactly content
    (after indentation and "- "), pointing at content's first character."""
    for i, l in enumerate(BASE[f].split('\n')):
        t = l.lstrip(' -')
        if t.rstrip() == content:
            return f'{f}:{i+1}:{len(l) - len(t) + 1}'
    sys.exit(f'{f}: no line holds {content!r}')

# ---------------------------------------------------------------------------
Q32 = '      - id: respondent_role'
INTRO_LABEL = "        label: {fr: Cette partie porte sur l'accès aux services., ar: يتعلق هذا الجزء بالولوج إلى الخدمات., en: This part is about access to services.}"
LABEL_ROLE = '        label: {fr: Votre fonction, ar: وظيفتكم, en: Your role}'

fixture('yaml-tab-indent',
    [sub(S, '        type: text\n        label: {fr: Votre fonction', '\ttype: text\n        label: {fr: Votre fonction')],
    [E(S, '\ttype: text', '\t', "cannot start any token")])

# The last double-quoted text of the file lost its closing quote: the parser
# runs to the end of the file and says so at the opening quote.
fixture('yaml-unterminated-quote-eof',
    [sub(S, 'constraint: ". >= 0"\n', 'constraint: ". >= 0\n')],
    [E(S, 'constraint: ". >= 0$', '"', 'could not find end character of double-quoted text')])

# The same mistake mid-file: YAML lets double-quoted text span lines, so the
# parser reads on to the next quote (line 56) and fails there with an unrelated
# message. The error should point at the opening quote that lost its partner.
fixture('yaml-unterminated-quote-midfile',
    [sub(S, 'constraint: ". >= 0 && . < 10000000"', 'constraint: ". >= 0 && . < 10000000')],
    [E(S, 'constraint: ". >= 0 && . < 10000000', '"', 'double-quoted text')])

fixture('unknown-key-did-you-mean',
    [sub(S, Q32 + '\n        type: text\n', Q32 + '\n        type: text\n        requird: true\n')],
    [E(S, 'requird: true', 'requird', 'unknown key "requird" (did you mean "required"?)')])

fixture('duplicate-key',
    [sub(S, LABEL_ROLE + '\n', LABEL_ROLE + '\n        type: text\n')],
    [E(S, '        type: text', 'type', 'key "type"', line_nth=2)])

fixture('duplicate-question-id',
    [sub(S, '- id: intro', '- id: respondent_role')],
    [E(S, '- id: respondent_role', 'respondent_role', f'duplicate question id "respondent_role" (first at {first_at(S, "id: respondent_role")})', line_nth=2)])

EXTRA_SECTION = '''  - id: gov
    title: {fr: Encore, ar: مرة أخرى, en: Again}
    questions:
      - id: extra
        type: text
        label: {fr: Autre, ar: آخر, en: Other}
'''
BUDGET_END = '        constraint_message: {fr: Le budget ne peut pas être négatif, ar: لا يمكن أن تكون الميزانية سالبة, en: The budget cannot be negative}\n'
fixture('duplicate-section-id',
    [sub(S, BUDGET_END, BUDGET_END + EXTRA_SECTION)],
    [E(S, '  - id: gov$', 'gov', f'duplicate section id "gov" (first at {first_at(S, "id: gov")})', line_nth=2)])

fixture('bad-question-id',
    [sub(S, 'id: respondent_role', 'id: Respondent-Role')],
    [E(S, 'id: Respondent-Role', 'Respondent-Role', 'question id "Respondent-Role": use lower-case snake_case')])

fixture('reserved-question-id',
    [sub(S, 'id: respondent_role', 'id: score')],
    [E(S, '- id: score', 'score', 'question id "score" is a reserved word')])

fixture('missing-type',
    [sub(S, Q32 + '\n        type: text\n', Q32 + '\n')],
    [E(S, Q32, 'id', 'question respondent_role: missing "type"')])

fixture('unknown-type',
    [sub(S, Q32 + '\n        type: text\n', Q32 + '\n        type: txt\n')],
    [E(S, 'type: txt', 'txt', 'question respondent_role: unknown type "txt"')])

fixture('single-without-choices',
    [sub(S, Q32 + '\n        type: text\n', Q32 + '\n        type: single\n')],
    [E(S, Q32, 'id', 'question respondent_role: a single question needs choices')])

fixture('choices-on-text',
    [sub(S, LABEL_ROLE + '\n', LABEL_ROLE + '\n        choices:\n          - {value: a, label: {fr: A, ar: أ, en: A}}\n')],
    [E(S, '- {value: a, label: {fr: A,', '-', 'question respondent_role: a text question takes no choices')])

# A question written as a bare id instead of a mapping (found by FuzzLoadFiles:
# the loader used to report "a question needs an id" with no line at all).
fixture('question-not-a-mapping',
    [sub(S, "      - id: intro\n        type: note\n" + INTRO_LABEL + "\n", "      - intro\n")],
    [E(S, '      - intro', 'intro', 'expected a mapping (key: value), got the text "intro"')])

fixture('unknown-choice-set-from',
    [sub(S, "partial, score: 50, label: {fr: Projet, ar: مشروع, en: Draft}, description: {fr: Un projet non adopté., ar: مشروع غير مصادق عليه., en: A draft not adopted.}}\n          - {value: full, score: 100, label: {fr: Adopté, ar: مصادق عليه, en: Adopted}, description: {fr: Délibération avec budget., ar: مداولة مع ميزانية., en: Deliberation with a budget.}}\n          - from: dont_know",
         "partial, score: 50, label: {fr: Projet, ar: مشروع, en: Draft}, description: {fr: Un projet non adopté., ar: مشروع غير مصادق عليه., en: A draft not adopted.}}\n          - {value: full, score: 100, label: {fr: Adopté, ar: مصادق عليه, en: Adopted}, description: {fr: Délibération avec budget., ar: مداولة مع ميزانية., en: Deliberation with a budget.}}\n          - from: dont_knw")],
    [E(S, 'from: dont_knw', 'dont_knw', 'unknown choice set "dont_knw" (did you mean "dont_know"?)')])

PRIO_CHOICES = '''        choices:
          - {value: P1, label: {fr: Éducation et culture, ar: التربية والثقافة, en: Education and culture}}
          - {value: P3, label: {fr: Santé, ar: الصحة, en: Health}}
          - {value: P7, label: {fr: Emploi, ar: التشغيل, en: Employment}}
'''
fixture('unknown-choice-set-named',
    [sub(S, PRIO_CHOICES, '        choices: yesno\n')],
    [E(S, 'choices: yesno', 'yesno', 'question priorities: unknown choice set "yesno" (did you mean "yes_no"?)')])

PLAN_FULL = '- {value: full, score: 100, label: {fr: Adopté,'
fixture('duplicate-choice-value',
    [sub(S, PLAN_FULL, '- {value: partial, score: 100, label: {fr: Adopté,')],
    [E(S, '- {value: partial, score: 100, label: {fr: Adopté,', 'partial', 'question plan: choice "partial" appears twice')])

fixture('missing-french-text',
    [sub(S, LABEL_ROLE, '        label: {ar: وظيفتكم, en: Your role}')],
    [E(S, 'label: {ar: وظيفتكم, en: Your role}', '{', 'label: missing French text (fr)')])

fixture('missing-arabic-text',
    [sub(S, LABEL_ROLE, '        label: {fr: Votre fonction, en: Your role}')],
    [E(S, 'label: {fr: Votre fonction, en: Your role}', '{', 'label: missing Arabic text (ar)')])

fixture('arabic-text-in-latin-script',
    [sub(S, LABEL_ROLE, '        label: {fr: Votre fonction, ar: Wadifatukum, en: Your role}')],
    [E(S, 'ar: Wadifatukum', 'Wadifatukum', 'label: the ar text is not written in Arabic script')])

fixture('text-in-undeclared-language',
    [sub(S, LABEL_ROLE, '        label: {fr: Votre fonction, ar: وظيفتكم, en: Your role, es: Su función}')],
    [E(S, 'es: Su función', 'es:', 'label: language "es" is not among the questionnaire\'s languages (fr, ar, en)')])

fixture('unknown-language',
    [sub(S, 'languages: [fr, ar, en]', 'languages: [fr, ar, en, es]')],
    [E(S, 'languages: [fr, ar, en, es]', 'es]', 'unknown language "es"')])

fixture('languages-without-fr',
    [sub(S, 'languages: [fr, ar, en]', 'languages: [ar, en]')],
    [E(S, 'languages: [ar, en]', 'ar', 'languages must include fr')])

fixture('score-above-100',
    [sub(S, PLAN_FULL, '- {value: full, score: 150, label: {fr: Adopté,')],
    [E(S, '- {value: full, score: 150,', '150', 'question plan: score 150 is outside 0–100')])

PLAN_ABSENT = '- {value: absent, score: 0, label: {fr: Aucun, ar: لا يوجد, en: None}, description: {fr: Aucun document.'
fixture('score-negative',
    [sub(S, PLAN_ABSENT, PLAN_ABSENT.replace('score: 0', 'score: -1'))],
    [E(S, 'score: -1', '-1', 'question plan: score -1 is outside 0–100')])

fixture('missing-without-null-score',
    [sub(S, PLAN_ABSENT, PLAN_ABSENT.replace('score: 0, ', 'score: 0, missing: not_applicable, '))],
    [E(S, 'missing: not_applicable, label', 'not_applicable', 'question plan: "missing" goes with score: null')])

UNIT_PARTIAL = '- {value: partial, score: 50, label: {fr: Point focal informel'
fixture('choice-without-score',
    [sub(S, UNIT_PARTIAL, UNIT_PARTIAL.replace('score: 50, ', ''))],
    [E(S, '- {value: partial, label: {fr: Point focal informel', '{', 'question unit: choice "partial" has no score, but other choices do')])

PLAN_TYPE = '      - id: plan\n        type: single\n'
fixture('scored-multiple-choice',
    [sub(S, PLAN_TYPE, PLAN_TYPE.replace('single', 'multiple'))],
    [E(S, PLAN_ABSENT, '-', 'question plan: a multiple choice question cannot be scored')])

fixture('weight-zero',
    [sub(S, '        weight: 2\n', '        weight: 0\n')],
    [E(S, 'weight: 0', '0', 'question health: weight must be a number above 0')])

fixture('when-skipped-bogus',
    [sub(S, '        relevant: has_unit\n', '        relevant: has_unit\n        when_skipped: never\n')],
    [E(S, 'when_skipped: never', 'never', 'question unit_staff: when_skipped must be lowest or exclude, got "never"')])

PLAN_REFS = '        refs: {mgi: D2, snia: [P11], sdg: ["10.7"], gcm: [23], competence: own}'
fixture('unknown-mgi-dimension',
    [sub(S, PLAN_REFS, PLAN_REFS.replace('mgi: D2', 'mgi: D7'))],
    [E(S, 'mgi: D7', 'D7', 'plan: unknown MGI dimension "D7"')])

fixture('bad-sdg-target',
    [sub(S, PLAN_REFS, PLAN_REFS.replace('"10.7"', '"18.1"'))],
    [E(S, '"18.1"', '"18.1"', 'plan: "18.1" is not an SDG target')])

fixture('gcm-out-of-range',
    [sub(S, PLAN_REFS, PLAN_REFS.replace('gcm: [23]', 'gcm: [24]'))],
    [E(S, 'gcm: [24]', '24', 'plan: GCM objectives are numbered 1 to 23, got 24')])

fixture('unknown-competence',
    [sub(S, PLAN_REFS, PLAN_REFS.replace('competence: own', 'competence: mine'))],
    [E(S, 'competence: mine', 'mine', 'plan: unknown competence "mine"')])

fixture('unknown-snia-programme',
    [sub(S, PLAN_REFS, PLAN_REFS.replace('snia: [P11]', 'snia: [P12]'))],
    [E(S, 'snia: [P12]', 'P12', 'plan: unknown SNIA programme "P12"')])

fixture('relevant-not-boolean',
    [sub(S, '        relevant: has_unit\n', '        relevant: residents + 1\n')],
    [E(S, 'relevant: residents + 1', 'residents', 'question unit_staff: relevant: must be true or false')])

fixture('unknown-identifier-quoted',
    [sub(S, '        relevant: score(desk) > 0\n', '        relevant: "score(desk) > 0 && desks_open"\n')],
    [E(S, 'relevant: "score(desk) > 0 && desks_open"', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

DESK_REL = '        relevant: score(desk) > 0\n'
# Escapes make the decoded expression shorter than its source text: columns
# after an escape must still point at the source.
fixture('unknown-identifier-double-quoted-escapes',
    [sub(S, DESK_REL, '        relevant: "selected(priorities, \\"P1\\") && desks_open"\n')],
    [E(S, 'relevant: "selected(priorities, \\"P1\\") && desks_open"', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

fixture('unknown-identifier-single-quoted-escapes',
    [sub(S, DESK_REL, "        relevant: 'selected(priorities, ''P1'') && desks_open'\n")],
    [E(S, "relevant: 'selected(priorities, ''P1'') && desks_open'", 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

fixture('unknown-identifier-literal-block',
    [sub(S, DESK_REL, '        relevant: |\n          score(desk) > 0 &&\n          desks_open\n')],
    [E(S, '          desks_open', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

# A continuation line indented deeper than the block: the extra spaces are part
# of the expression, the block's own indentation is not.
fixture('unknown-identifier-literal-block-indented',
    [sub(S, DESK_REL, '        relevant: |\n          score(desk) > 0 &&\n            desks_open\n')],
    [E(S, '            desks_open', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

# Folded (>) and plain multi-line scalars join their lines with spaces: the
# expression has one line, the file two.
fixture('unknown-identifier-folded-block',
    [sub(S, DESK_REL, '        relevant: >\n          score(desk) > 0 &&\n          desks_open\n')],
    [E(S, '          desks_open', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

fixture('unknown-identifier-plain-multiline',
    [sub(S, DESK_REL, '        relevant: score(desk) > 0 &&\n          desks_open\n')],
    [E(S, '          desks_open', 'desks_open', 'question desk_languages: relevant: unknown name desks_open')])

fixture('unknown-identifier-in-constraint',
    [sub(S, 'constraint: ". >= 0 && . < 10000000"', 'constraint: ". >= 0 && . < max_residents"')],
    [E(S, 'constraint: ". >= 0 && . < max_residents"', 'max_residents', 'question residents: constraint: unknown name max_residents')])

fixture('choice-compared-with-number',
    [sub(S, '        relevant: has_unit\n', '        relevant: plan == 1\n')],
    [E(S, 'relevant: plan == 1', '==', 'question unit_staff: relevant: invalid operation: == (mismatched types string and int)')])

fixture('expression-syntax-error',
    [sub(S, '        relevant: score(desk) > 0\n', '        relevant: score(desk) > 0)\n')],
    [E(S, 'relevant: score(desk) > 0)', ')', 'question desk_languages: relevant: unexpected token Bracket(")")', nth=2)])

fixture('answered-unknown-question',
    [sub(S, 'answered(residents)', 'answered(resident)')],
    [E(S, 'answered(resident)', 'resident)', 'calculate gov_known: answered(): unknown question "resident" (did you mean "residents"?)')])

fixture('relevance-cycle',
    [sub(S, '        type: boolean\n', '        type: boolean\n        relevant: budget > 0\n')],
    [E(S, 'relevant: budget > 0', 'budget', 'dependency cycle between relevance and calculations: shelter -> budget -> shelter')])

fixture('calculate-cycle',
    [sub(S, '    expr: score(unit) > 0\n', '    expr: score(unit) > 0 && gov_known > 0\n'),
     sub(S, 'answered(residents)', 'has_unit')],
    [E(S, 'expr: score(unit) > 0 && gov_known > 0', 'score', 'calculate has_unit: dependency cycle has_unit -> gov_known -> has_unit')])

fixture('constraint-without-message',
    [sub(S, '        constraint_message: {fr: Un nombre entre 0 et 10 millions, ar: عدد بين 0 و10 ملايين, en: A number between 0 and 10 million}\n', '')],
    [E(S, 'constraint: ". >= 0 && . < 10000000"', '"', 'question residents: a constraint needs a constraint_message')])

fixture('second-questionnaire-header',
    [add('questionnaires/sample2.yaml', 'id: sample2\nversion: 1.0.0\nlanguages: [fr]\ntitle: {fr: Doublon}\nsections: []\n')],
    [EAt('questionnaires/sample2.yaml', 1, 1, 'a second questionnaire header (the first is questionnaires/sample.yaml)')])

fixture('section-listed-without-file',
    [sub(S, BUDGET_END, BUDGET_END + '  - access\n')],
    [E(S, '  - access', 'access', 'section "access" is listed but no file defines it')])

ACCESS_SECTION = '''questionnaire: sample
section:
  id: access
  title: {fr: Accès, ar: الولوج, en: Access}
  questions:
    - id: access_info
      type: text
      label: {fr: Informations, ar: معلومات, en: Information}
'''
fixture('section-file-not-listed',
    [add('questionnaires/access.yaml', ACCESS_SECTION)],
    [E('questionnaires/access.yaml', '  id: access', 'access', 'section "access" is not listed in the header\'s sections (questionnaires/sample.yaml)')])

# A section file whose section has no id: it is neither listed nor checked,
# so its questions silently vanish. It must be reported like an inline one.
fixture('section-file-without-id',
    [add('questionnaires/access.yaml', ACCESS_SECTION.replace('  id: access\n', ''))],
    [E('questionnaires/access.yaml', '  title: {fr: Accès', 'title', 'a section needs an "id"')])

# The questionnaires folder holds a section file but no header. (Found by
# FuzzLoadFiles with the input "section:".) The error names the file: it must
# name a line too.
fixture('no-questionnaire-header',
    [delete(S), add('questionnaires/access.yaml', ACCESS_SECTION)],
    [EAt('questionnaires/access.yaml', 1, 1, 'no questionnaire header')])

fixture('policy-bands-gap',
    [sub(P, '      min: 21\n', '      min: 22\n')],
    [E(P, 'min: 22', '22', 'band weak starts at 22, expected 21')])

fixture('policy-bands-short-of-100',
    [sub(P, '      max: 100\n', '      max: 99\n')],
    [E(P, 'max: 99', '99', 'bands must reach 100 (the last one ends at 99)')])

fixture('missing-policy',
    [delete(P)],
    [EAt('rules/', 0, 0, 'no policy')])

fixture('measure-unknown-indicator',
    [sub(M, 'indicators: [plan]', 'indicators: [plans]')],
    [E(M, 'indicators: [plans]', 'plans', 'measure adopt_plan: unknown indicator "plans" (did you mean "plan"?)')])

fixture('measure-bad-horizon',
    [sub(M, '    horizon: short\n    cost: low\n', '    horizon: soon\n    cost: low\n')],
    [E(M, 'horizon: soon', 'soon', 'measure adopt_plan: horizon must be short, medium or long, got "soon"')])

fixture('measure-trigger-not-boolean',
    [sub(M, 'when: score(plan) < 100', 'when: score(plan)')],
    [E(M, 'when: score(plan)', 'score', 'measure adopt_plan: when: must be true or false')])

fixture('priority-unknown-name',
    [sub(P, 'horizon_weight"', 'horizon_weigth"')],
    [E(P, 'horizon_weigth"', 'horizon_weigth', 'policy: priority: unknown name horizon_weigth (did you mean "horizon_weight"?)')])

fixture('anchors-and-aliases',
    [sub(S, LABEL_ROLE, LABEL_ROLE.replace('label: {', 'label: &role {')),
     sub(S, INTRO_LABEL, '        label: *role')],
    [E(S, 'label: &role', '&role', 'anchors and aliases (& and *) are not supported'),
     E(S, 'label: *role', '*role', 'anchors and aliases (& and *) are not supported')])

# The reference tables (rules/references.yaml): required, validated like the rest.
R = 'rules/references.yaml'
ORIENTAL = '  - code: oriental\n    pilot: true\n'
ORIENTAL_NAME = '    name: {fr: "L\'Oriental", ar: جهة الشرق, en: Oriental}'

fixture('references-missing',
    [delete(R)],
    [EAt(R, 0, 0, 'missing: every content set has the reference tables')])

fixture('references-unknown-key',
    [sub(R, ORIENTAL, ORIENTAL + '    pilote: true\n')],
    [E(R, 'pilote: true', 'pilote', 'unknown key "pilote" (did you mean "pilot"?)')])

fixture('references-missing-arabic-name',
    [sub(R, ORIENTAL_NAME, ORIENTAL_NAME.replace(' ar: جهة الشرق,', ''))],
    [E(R, 'name: {fr: "L\'Oriental", en: Oriental}', '{', 'region oriental: name: missing Arabic text (ar)')])

fixture('references-duplicate-code',
    [sub(R, '  - code: PR\n', '  - code: FR\n')],
    [E(R, ('  - code: FR', 2), 'FR', 'mipex: "FR" is listed twice')])

fixture('references-verified-not-snia',
    [sub(R, '  - code: D1\n', '  - code: D1\n    verified: false\n')],
    [E(R, '  - code: D1', 'code', 'mgi D1: "verified" is for SNIA programmes')])

fixture('references-sdg-goal-out-of-range',
    [sub(R, '  - goal: 17\n', '  - goal: 18\n')],
    [E(R, '  - goal: 18', '18', 'sdg: each entry needs a number from 1 to 17')])

# An unknown name inside a helper's arguments, in every kind of expression.
# expr once kept the type its first check pass gave a call and skipped the
# arguments on the second: selected(no_such_question_zz, "x") compiled.
fixture('unknown-name-in-call-relevant',
    [sub(S, '        relevant: has_unit\n', '        relevant: selected(no_such_question_zz, "x")\n')],
    [E(S, 'relevant: selected(no_such_question_zz', 'no_such_question_zz', 'question unit_staff: relevant: unknown name no_such_question_zz')])

fixture('unknown-name-in-call-section-relevant',
    [sub(S, '  - id: gov\n', '  - id: gov\n    relevant: count_selected(no_such_question_zz) > 0\n')],
    [E(S, 'relevant: count_selected(no_such_question_zz)', 'no_such_question_zz', 'section gov: relevant: unknown name no_such_question_zz')])

fixture('unknown-name-in-call-constraint',
    [sub(S, 'constraint: ". >= 0 && . < 10000000"', 'constraint: ". >= 0 && selected(no_such_question_zz, \\"x\\")"')],
    [E(S, 'no_such_question_zz', 'no_such_question_zz', 'question residents: constraint: unknown name no_such_question_zz')])

fixture('unknown-name-in-call-calculation',
    [sub(S, '"count_selected(priorities) + (answered(residents) ? 1 : 0)"', '"count_selected(no_such_question_zz) + (answered(residents) ? 1 : 0)"')],
    [E(S, 'count_selected(no_such_question_zz)', 'no_such_question_zz', 'calculate gov_known: unknown name no_such_question_zz')])

fixture('unknown-name-in-call-trigger',
    [sub(M, 'when: score(plan) < 100', 'when: score(plan) < 100 || selected(no_such_question_zz, "x")')],
    [E(M, 'no_such_question_zz', 'no_such_question_zz', 'measure adopt_plan: when: unknown name no_such_question_zz')])

fixture('unknown-name-in-call-priority',
    [sub(P, 'priority: "gap * competence_weight', 'priority: "max(gap, no_such_factor_zz) * competence_weight')],
    [E(P, 'no_such_factor_zz', 'no_such_factor_zz', 'policy: priority: unknown name no_such_factor_zz')])


fixture('plan-unknown-funding',
    [sub(M, 'funding: [council_budget, cooperation]', 'funding: [council_budget, donors]')],
    [E(M, 'funding: [council_budget, donors]', 'donors', 'measure adopt_plan: plan: unknown funding source "donors" (council_budget, state_convention, cooperation)')])

fixture('plan-objective-missing-arabic',
    [sub(PL, 'title: {fr: Gouverner la migration, ar: حكامة الهجرة, en: Govern migration}', 'title: {fr: Gouverner la migration, en: Govern migration}')],
    [E(PL, 'title: {fr: Gouverner', '{', 'plan: objective obj_governance: title: missing Arabic text (ar)')])

fixture('plan-unknown-key',
    [sub(PL, '  max_actions: 4\n', '  max_action: 4\n')],
    [E(PL, 'max_action: 4', 'max_action', 'unknown key "max_action"')])

fixture('measure-missing-plan',
    [sub(M, "    plan: {cost_mad: {min: 600000, max: 1500000}, funding: [council_budget], kpi_target: {unit: {fr: agents à plein temps, ar: موظفون متفرغون, en: full-time staff}, baseline: 0, target: 3}}\n", '')],
    [E(M, '  - id: create_unit', 'id', 'measure create_unit: missing "plan"')])

fixture('plan-horizon-in-two-phases',
    [sub(PL, 'horizons: [long]', 'horizons: [medium]')],
    [E(PL, '  max_actions: 4', 'max_actions', 'plan: no phase holds the horizon "long"'),
     E(PL, 'id: years_4_6', 'medium', 'plan: phase years_4_6: horizon medium is already in phase years_2_3')])

fixture('plan-cost-inverted',
    [sub(M, 'cost_mad: {min: 150000, max: 400000}', 'cost_mad: {min: 400000, max: 150000}')],
    [E(M, 'cost_mad: {min: 400000', '400000', 'measure adopt_plan: plan: cost_mad: min 400000 and max 150000 must satisfy 0 < min ≤ max')])

fixture('plan-section-not-scored',
    [sub(PL, 'sections: [srv]', 'sections: [srv, nowhere]')],
    [E(PL, 'sections: [srv, nowhere]', 'nowhere', 'plan: objective obj_services: "nowhere" is not a scored section')])


# ---------------------------------------------------------------------------
def main():
    base = BASE
    for old in os.listdir(OUT):  # the previous fixtures, not this script
        if re.match(r'^\d\d-', old) and os.path.isdir(os.path.join(OUT, old)):
            shutil.rmtree(os.path.join(OUT, old))
    for i, (name, edits, expect) in enumerate(FIX):
        files = apply(base, edits)
        d = os.path.join(OUT, f'{i + 1:02d}-{name}')
        for f, text in files.items():
            p = os.path.join(d, f)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, 'w', encoding='utf-8') as fh:
                fh.write(text)
        lines = [locate(files, e) for e in expect]
        with open(os.path.join(d, 'expect.txt'), 'w', encoding='utf-8') as fh:
            fh.write('\n'.join(lines) + '\n')
    print(len(FIX), 'fixtures')

if __name__ == '__main__':
    main()
