package interview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests run the real binary: in a real terminal (tmux) for
// the full-screen interface, with a pipe for the accessible mode.

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	// Command-line messages in English whatever the machine's locale.
	os.Setenv("INDIMAJ_LANG", "en")
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary builds cmd/indimaj once per test run.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "indimaj-e2e-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "indimaj")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/indimaj/indimaj/cmd/indimaj")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// indimaj runs the binary to completion with args and stdin.
func indimaj(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	cmd.Env = append(os.Environ(), "INDIMAJ_ACCESSIBLE=", "NO_COLOR=1")
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

var tmuxCount atomic.Int32

type tmuxServer struct {
	t    *testing.T
	sock string
}

// newTmux starts a private tmux server (its own socket, no user config).
func newTmux(t *testing.T) *tmuxServer {
	t.Helper()
	_, err := exec.LookPath("tmux")
	switch tmuxMissing(err == nil, os.Getenv("CI")) {
	case "fail":
		t.Fatal("tmux is not installed, and CI is set: the terminal tests must run in CI (apt-get install tmux)")
	case "skip":
		t.Skip("tmux is not installed (CI=true makes this a failure)")
	}
	x := &tmuxServer{t: t, sock: fmt.Sprintf("indimaj-test-%d-%d", os.Getpid(), tmuxCount.Add(1))}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", x.sock, "kill-server").Run() })
	return x
}

// tmuxMissing says what a terminal test does when tmux is or is not
// found: "" (run), "skip" (a developer's machine) or "fail" (CI is set to a
// true value, as CI services do, so a missing tmux never passes silently).
func tmuxMissing(found bool, ci string) string {
	if found {
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(ci)) {
	case "", "0", "false", "no":
		return "skip"
	}
	return "fail"
}

func (x *tmuxServer) run(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", x.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

func (x *tmuxServer) must(args ...string) string {
	x.t.Helper()
	out, err := x.run(args...)
	if err != nil {
		x.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return out
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// start opens an 80×24 terminal running the binary; the full-screen
// interface draws on standard error, which stays on the terminal.
func (x *tmuxServer) start(name, stdoutFile string, args ...string) {
	x.t.Helper()
	x.startEnv(name, stdoutFile, nil, args...)
}

func (x *tmuxServer) startEnv(name, stdoutFile string, env []string, args ...string) {
	x.t.Helper()
	parts := []string{"exec", "env", "LANG=C.UTF-8", "TERM=xterm-256color", "INDIMAJ_ACCESSIBLE="}
	for _, e := range env {
		parts = append(parts, shellQuote(e))
	}
	parts = append(parts, shellQuote(binary(x.t)))
	for _, a := range args {
		parts = append(parts, shellQuote(a))
	}
	parts = append(parts, ">", shellQuote(stdoutFile))
	x.must("new-session", "-d", "-s", name, "-x", "80", "-y", "24", strings.Join(parts, " "))
}

func (x *tmuxServer) keys(name string, keys ...string) {
	x.t.Helper()
	x.must(append([]string{"send-keys", "-t", name}, keys...)...)
}

func (x *tmuxServer) text(name, s string) {
	x.t.Helper()
	x.must("send-keys", "-t", name, "-l", "--", s)
}

func (x *tmuxServer) capture(name string) string {
	out, _ := x.run("capture-pane", "-p", "-t", name)
	return out
}

// waitFor polls the screen until it shows every part.
func (x *tmuxServer) waitFor(name string, parts ...string) string {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = x.capture(name)
		ok := true
		for _, p := range parts {
			if !strings.Contains(screen, p) {
				ok = false
				break
			}
		}
		if ok {
			return screen
		}
		time.Sleep(40 * time.Millisecond)
	}
	x.t.Fatalf("the terminal never showed %q; it shows:\n%s", parts, screen)
	return ""
}

func (x *tmuxServer) pid(name string) int {
	x.t.Helper()
	out := strings.TrimSpace(x.must("display-message", "-p", "-t", name, "#{pane_pid}"))
	pid, err := strconv.Atoi(out)
	if err != nil {
		x.t.Fatalf("pane pid %q", out)
	}
	return pid
}

func (x *tmuxServer) waitGone(name string, pid int) {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); err != nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	x.t.Fatalf("process %d did not end", pid)
}

type shownJSON struct {
	ID       string `json:"id"`
	Progress struct {
		Answered int `json:"answered"`
	} `json:"progress"`
	Answers map[string]struct {
		Value any    `json:"value"`
		Note  string `json:"note"`
	} `json:"answers"`
}

func showJSON(t *testing.T, db, id string) shownJSON {
	t.Helper()
	out, errOut, code := indimaj(t, "", "--db", db, "show", id, "--json")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	var s shownJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	return s
}

func onlyAssessment(t *testing.T, db string) string {
	t.Helper()
	out, errOut, code := indimaj(t, "", "--db", db, "assessments", "--json")
	if code != 0 {
		t.Fatalf("assessments: %s", errOut)
	}
	var rows []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("assessments: %v %s", err, out)
	}
	return rows[0].ID
}

// TestTerminalKillAndResume answers questions in a real terminal, kills the
// process with SIGKILL, resumes, and finds the same question and every answer;
// then closes the terminal (SIGHUP) right after an answer and finds it saved.
func TestTerminalKillAndResume(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "e2e.db")
	x.start("a", filepath.Join(dir, "out1.txt"), "--db", db, "interview", "--region", "oriental", "--respondent", "Amina",
		"--institution", "Conseil régional", "--role", "Chargée de mission", "--round", "2025-baseline", "--lang", "fr")
	// the setup's institution and role pre-fill ctx_institution and ctx_role
	x.waitFor("a", "ctx_institution", "L'Oriental", "Total 0/", "Prérempli depuis la configuration : Conseil régional", "> 1. Conseil régional")
	x.keys("a", "Down", "Enter") // wilaya
	x.waitFor("a", "ctx_role", "Chargée de mission", "Prérempli depuis la configuration")
	x.keys("a", "End")
	x.text("a", " migration")
	x.keys("a", "Enter")
	x.waitFor("a", "ctx_snia_priorities")
	x.keys("a", "Space", "Down", "Down", "Space", "Enter") // P1 and P3
	x.waitFor("a", "ctx_pdr_axes")
	x.keys("a", "s")
	x.waitFor("a", "Sections — aller à")
	x.keys("a", "Down", "Enter")
	x.waitFor("a", "gov01", "Section 2/9")
	x.keys("a", "Down", "Enter") // partial
	x.waitFor("a", "gov02")
	x.keys("a", "d") // don't know
	x.waitFor("a", "gov03")
	screen := x.waitFor("a", "question 3/12")
	if strings.Contains(screen, "gov03_staff") {
		t.Fatalf("the follow-up shows before its parent is answered:\n%s", screen)
	}
	x.keys("a", "Down", "Enter") // partial: the follow-up gov03_staff appears
	x.waitFor("a", "gov03_staff", "question 4/13", "✓ enregistré")

	id := onlyAssessment(t, db)
	pid := x.pid("a")
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	x.waitGone("a", pid)

	want := map[string]string{"ctx_institution": "wilaya", "ctx_role": "Chargée de mission migration",
		"ctx_snia_priorities": "[P1 P3]", "gov01": "partial", "gov02": "dont_know", "gov03": "partial"}
	got := showJSON(t, db, id)
	for qid, v := range want {
		an, ok := got.Answers[qid]
		if !ok || fmt.Sprint(an.Value) != v {
			t.Errorf("after SIGKILL, %s = %v (present %v), want %s", qid, an.Value, ok, v)
		}
	}
	if len(got.Answers) != len(want) {
		t.Errorf("after SIGKILL, %d answers: %v", len(got.Answers), got.Answers)
	}

	// resume lands on the same question, with every earlier answer counted
	x.start("b", filepath.Join(dir, "out2.txt"), "--db", db, "resume", id[:10])
	x.waitFor("b", "gov03_staff", "question 4/13", "Total 6/")
	x.keys("b", "Down", "Down", "Enter") // full
	x.waitFor("b", "gov04", "Total 7/")
	// closing the terminal (SIGHUP) loses nothing
	pid = x.pid("b")
	x.must("kill-session", "-t", "b")
	x.waitGone("b", pid)
	got = showJSON(t, db, id)
	if an := got.Answers["gov03_staff"]; fmt.Sprint(an.Value) != "full" {
		t.Fatalf("after closing the terminal, gov03_staff = %v", an.Value)
	}
	if got.Progress.Answered != 7 {
		t.Fatalf("progress %d, want 7", got.Progress.Answered)
	}

	// resume in Arabic: same place, Arabic interface, logical order kept
	x.start("c", filepath.Join(dir, "out3.txt"), "--db", db, "resume", id, "--lang", "ar")
	x.waitFor("c", "gov04", "المحور 2/9", "المجموع 7/")
	pid = x.pid("c")
	x.keys("c", "q")
	x.waitGone("c", pid)
	out, _ := os.ReadFile(filepath.Join(dir, "out3.txt"))
	if strings.TrimSpace(string(out)) != id {
		t.Fatalf("resume printed %q on standard output, want the id", out)
	}
}

// TestTerminalResizeNoColorAndInvalid checks, in a real terminal, that the
// interface redraws on resize, draws no colour under NO_COLOR, and goes back
// from an invalid entry (huh#655).
func TestTerminalResizeNoColorAndInvalid(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "e2e.db")
	x.startEnv("r", filepath.Join(dir, "out.txt"), []string{"NO_COLOR=1"}, "--db", db, "--content", filepath.Join(repoRoot(t), "examples", "sample"),
		"interview", "--region", "souss-massa", "--respondent", "R", "--institution", "I", "--role", "R", "--round", "r", "--lang", "en")
	x.waitFor("r", "Your role", "enter confirm", "Section 1/2: Governance")
	x.keys("r", "Tab", "Tab")
	x.waitFor("r", "question 3/5 · residents")
	x.text("r", "abc")
	x.keys("r", "Enter")
	x.waitFor("r", "Enter a whole number")
	x.keys("r", "BTab")
	x.waitFor("r", "question 2/5 · priorities")
	styled, _ := x.run("capture-pane", "-p", "-e", "-t", "r")
	if regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;|4[0-9]|10[0-7])[;m]`).MatchString(styled) {
		t.Fatalf("colours under NO_COLOR: %q", styled)
	}
	x.must("resize-window", "-t", "r", "-x", "60", "-y", "16")
	screen := x.waitFor("r", "Priority SNIA programmes", "question 2/5")
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > 16 {
		t.Fatalf("%d lines after resize to 16", len(lines))
	}
	for _, l := range lines {
		if w := len([]rune(l)); w > 60 {
			t.Fatalf("line wider than 60 after resize (%d): %q", w, l)
		}
	}
	x.must("resize-window", "-t", "r", "-x", "100", "-y", "30")
	x.waitFor("r", "Priority SNIA programmes", "Souss-Massa")
	x.keys("r", "Tab")
	x.waitFor("r", "> abc") // the invalid entry was kept as a draft
	x.keys("r", "C-c")
}

// TestTerminalHome runs `indimaj` with no arguments: the home screen lists
// the assessments to resume and opens one.
func TestTerminalHome(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "e2e.db")
	sample := filepath.Join(repoRoot(t), "examples", "sample")
	if _, e, c := indimaj(t, "Directrice\n", "--db", db, "--content", sample, "interview", "--accessible", "--region", "tanger-tetouan-al-hoceima",
		"--respondent", "H", "--institution", "I", "--role", "R", "--round", "2025-baseline", "--lang", "fr"); c != 0 {
		t.Fatal(e)
	}
	x.start("h", filepath.Join(dir, "out.txt"), "--db", db, "--content", sample)
	x.waitFor("h", "Nouvelle évaluation", "Reprendre une évaluation", "Voir les résultats")
	x.keys("h", "2")
	x.waitFor("h", "Tanger-Tétouan-Al Hoceïma", "2025-baseline", "1/8")
	x.keys("h", "Enter")
	x.waitFor("h", "question 2/5 · priorities", "Total 1/8")
	pid := x.pid("h")
	x.keys("h", "q")
	x.waitGone("h", pid)
}

// TestTerminalHomeValidatedReasonAndConsensus: in a real terminal, resuming
// a validated assessment from the home screen asks why, and the workshop
// consensus on a number question is typed in a field; the file then holds
// the consensus, recorded with the reason.
func TestTerminalHomeValidatedReasonAndConsensus(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "e2e.db")
	if _, e, c := indimaj(t, "", sampleArgs(t, db, "answer", "--region", "oriental", "--respondent", "A", "--round", "r1",
		"--answers", writeAnswers(t, dir, "residents: 1000\n"))...); c != 0 {
		t.Fatal(e)
	}
	id := onlyAssessment(t, db)
	if _, e, c := indimaj(t, "", sampleArgs(t, db, "answer", "--assessment", id, "--respondent", "B",
		"--answers", writeAnswers(t, dir, "residents: 3000\n"))...); c != 0 {
		t.Fatal(e)
	}
	if _, e, c := indimaj(t, "", sampleArgs(t, db, "status", id, "validated", "--by", "M")...); c != 0 {
		t.Fatal(e)
	}
	x.start("v", filepath.Join(dir, "out.txt"), sampleArgs(t, db)...)
	x.waitFor("v", "Reprendre une évaluation")
	x.keys("v", "2")
	x.waitFor("v", "L'Oriental", "r1")
	x.keys("v", "Enter")
	x.waitFor("v", "Reprendre une évaluation validée", "Pourquoi les réponses changent-elles ?")
	x.text("v", "chiffre de la préfecture")
	x.keys("v", "Enter")
	x.waitFor("v", "question 1/5 · respondent_role")
	x.keys("v", "Tab", "Tab")
	x.waitFor("v", "residents", "A : 1000", "B : 3000")
	x.keys("v", "M-c")
	x.waitFor("v", "Consensus de l'atelier — residents", "Valeur retenue par l'atelier")
	x.keys("v", "C-u")
	x.text("v", "1800")
	x.keys("v", "Enter")
	x.keys("v", "Enter")
	x.waitFor("v", "Consensus enregistré : 1800")
	pid := x.pid("v")
	x.keys("v", "C-c") // the number field has the focus: q would be typed
	x.waitGone("v", pid)
	hist, _, _ := indimaj(t, "", sampleArgs(t, db, "history", id)...)
	if !strings.Contains(hist, "chiffre de la préfecture") || !strings.Contains(hist, "1800") {
		t.Fatalf("history lacks the consensus and its reason:\n%s", hist)
	}
}

func writeAnswers(t *testing.T, dir, body string) string {
	t.Helper()
	f, err := os.CreateTemp(dir, "answers-*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(body); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return f.Name()
}

func TestTmuxMissingFailsInCI(t *testing.T) {
	for _, c := range []struct {
		found bool
		ci    string
		want  string
	}{
		{true, "true", ""}, {true, "", ""},
		{false, "true", "fail"}, {false, "1", "fail"}, {false, "TRUE", "fail"},
		{false, "", "skip"}, {false, "false", "skip"}, {false, "0", "skip"},
	} {
		if got := tmuxMissing(c.found, c.ci); got != c.want {
			t.Errorf("tmuxMissing(%v, %q) = %q, want %q", c.found, c.ci, got, c.want)
		}
	}
}
