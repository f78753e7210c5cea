package store_test

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/indimaj/indimaj/store"
	bolt "go.etcd.io/bbolt"
)

// The test binary doubles as a helper process: with STORE_HELPER set it
// holds the database, or commits answers and reports each one, until killed.
func TestMain(m *testing.M) {
	// Messages in English whatever the machine's locale (tests read them).
	os.Setenv("INDIMAJ_LANG", "en")
	switch os.Getenv("STORE_HELPER") {
	case "hold":
		db, err := bolt.Open(os.Getenv("STORE_PATH"), 0o600, nil)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		db.Close()
		os.Exit(0)
	case "commit":
		s, err := store.Open(os.Getenv("STORE_PATH"))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		id := os.Getenv("STORE_ID")
		for i := 0; ; i++ {
			an := store.Answer{Question: "q" + strconv.Itoa(i), Value: float64(i), Respondent: "r", At: time.Now().UTC()}
			if err := s.PutAnswers(id, []store.Answer{an}, nil); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			fmt.Println("saved", i) // reported to the user only after the commit returned
		}
	}
	os.Exit(m.Run())
}

func newAssessment(id string) *store.Assessment {
	now := time.Now().UTC()
	return &store.Assessment{ID: id, Region: "oriental", Round: "2026-baseline", Questionnaire: "q", Version: "1.0.0",
		ContentHash: "sha256:x", Lang: "fr", Status: "draft", Created: now, Updated: now, Respondents: []store.Respondent{{Name: "r"}}}
}

func TestCreateGetAndPermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "indimaj")
	path := filepath.Join(dir, "indimaj.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	content := map[string][]byte{"questionnaires/q.yaml": []byte("id: q")}
	if err := s.Create(newAssessment("A1"), content, []store.Answer{{Question: "x", Value: "full", Respondent: "r", At: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Create(newAssessment("A1"), content, nil); !errors.Is(err, store.ErrExists) {
		t.Fatalf("second Create = %v, want ErrExists", err)
	}
	if err := s.PutAnswers("A1", []store.Answer{{Question: "y", Value: []any{"a"}, Note: "n", Respondent: "s", At: time.Now()}}, func(a *store.Assessment) error {
		a.Current = "y"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A second handle, as another process would have, sees everything.
	s2, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	a, answers, err := s2.Get("A1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Current != "y" || len(answers) != 2 || !a.HasRespondent("s") {
		t.Fatalf("got %+v, %d answers", a, len(answers))
	}
	files, err := s2.Content("sha256:x")
	if err != nil || string(files["questionnaires/q.yaml"]) != "id: q" {
		t.Fatalf("content snapshot = %v, %v", files, err)
	}
	if id, err := s2.Resolve("a1"); err == nil {
		t.Fatalf("Resolve(a1) = %s; too-short prefixes must not match", id)
	}
	if _, _, err := s2.Get("nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get(nope) = %v", err)
	}
	if err := s.Delete("A1"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s2.List(); len(list) != 0 {
		t.Fatalf("after delete: %d assessments", len(list))
	}
}

func TestOpenExistingDoesNotCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "x.db")
	s, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	if list, err := s.List(); err != nil || len(list) != 0 {
		t.Fatalf("List on a missing file = %v, %v", list, err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a read created the file")
	}
}

func TestLockTimeoutAgainstAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if _, err := store.Open(path); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORE_HELPER=hold", "STORE_PATH="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "holding" {
		t.Fatalf("helper said %q", line)
	}
	old := store.LockTimeout
	store.LockTimeout = 300 * time.Millisecond
	defer func() { store.LockTimeout = old }()
	start := time.Now()
	_, err := store.OpenExisting(path)
	if !errors.Is(err, store.ErrBusy) {
		t.Fatalf("List while another process holds the file = %v, want ErrBusy", err)
	}
	if !strings.Contains(err.Error(), "another indimaj process") {
		t.Fatalf("message = %q", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatal("did not give up")
	}
	// Once the holder is gone, the database opens and reads.
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	s, err := store.OpenExisting(path)
	if err != nil {
		t.Fatalf("after the holder exited: %v", err)
	}
	if _, err := s.List(); err != nil {
		t.Fatalf("after the holder exited: %v", err)
	}
}

func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := store.Open(good)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		a := newAssessment(fmt.Sprintf("A%04d", i))
		if err := s.Create(a, nil, []store.Answer{{Question: "q", Value: strings.Repeat("x", 500), Respondent: "r", At: time.Now()}}); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = fdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	fdb.Close()
	garbage := make([]byte, len(data))
	rand.New(rand.NewSource(1)).Read(garbage)
	zeroed := append([]byte(nil), data...)
	for i := 4 * 4096; i < len(zeroed); i++ {
		zeroed[i] = 0
	}
	cases := map[string][]byte{
		"empty":      {},
		"text":       []byte("hello, this is not a database\n"),
		"truncated8": data[:8192],
		"half":       data[:len(data)/2],
		"garbage":    garbage,
		"zeroed":     zeroed,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name+".db")
			if err := os.WriteFile(p, content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := store.OpenExisting(p)
			if err == nil {
				_, err = s.List()
			}
			if err == nil {
				for i := 0; i < 200 && err == nil; i++ {
					_, _, err = s.Get(fmt.Sprintf("A%04d", i))
				}
			}
			if err == nil {
				t.Fatal("a damaged file was read without error")
			}
			if !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("error = %v, want ErrCorrupt", err)
			}
			checkDamageMessage(t, err, p)
			after, _ := os.ReadFile(p)
			if string(after) != string(content) {
				t.Fatal("the damaged file was modified")
			}
		})
	}
	t.Run("foreign", func(t *testing.T) {
		_, err := store.Open(foreign)
		if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), "not an indimaj database") {
			t.Fatalf("foreign bbolt file: %v", err)
		}
	})
}

// TestCrashKeepsConfirmedAnswers kills a process committing answers at random
// moments; every answer it reported saved must be there after reopening.
func TestCrashKeepsConfirmedAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	total := 0
	for round := 0; round < 8; round++ {
		id := fmt.Sprintf("R%02d", round)
		if err := s.Create(newAssessment(id), nil, nil); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "STORE_HELPER=commit", "STORE_PATH="+path, "STORE_ID="+id)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		confirmed := -1
		done := make(chan struct{})
		first := make(chan struct{}) // the helper's first confirmed commit: it is running
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				var n int
				if _, err := fmt.Sscanf(sc.Text(), "saved %d", &n); err == nil {
					if confirmed < 0 {
						close(first)
					}
					confirmed = n
				}
			}
			close(done)
		}()
		// Kill at a random moment once it commits, however loaded the machine.
		select {
		case <-first:
		case <-done:
		}
		time.Sleep(time.Duration(rng.Intn(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		<-done
		if confirmed < 0 {
			t.Fatalf("round %d: the helper confirmed nothing", round)
		}
		_, answers, err := s.Get(id)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		have := map[string]bool{}
		for _, an := range answers {
			have[an.Question] = true
		}
		for i := 0; i <= confirmed; i++ {
			if !have["q"+strconv.Itoa(i)] {
				t.Fatalf("round %d: answer q%d was confirmed but is missing", round, i)
			}
		}
		total += confirmed + 1
	}
	// The whole file is still consistent.
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			return e
		}
		return nil
	}); err != nil {
		t.Fatalf("consistency: %v", err)
	}
	t.Logf("%d confirmed answers verified over 8 kills", total)
}
