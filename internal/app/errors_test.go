package app_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/indimaj/indimaj/internal/app"
	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// Every code and kind the store returns has its text in the three languages.
func TestStoreMessagesTranslated(t *testing.T) {
	for code := range store.Messages {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, "store."+code) {
				t.Errorf("store.%s has no %s text", code, lang)
			}
		}
	}
	for _, code := range store.Kinds {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, "store."+code) {
				t.Errorf("store.%s has no %s text", code, lang)
			}
		}
	}
}

// A store error is translated where it sits in the chain, the rest kept.
func TestErrorTextTranslatesStoreErrors(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(p, []byte("not a database, not at all, but long enough to be read as one"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.OpenExisting(p)
	if !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("open = %v", err)
	}
	wrapped := fmt.Errorf("opening: %w", err)
	for lang, want := range map[string]string{
		"fr": "base de données endommagée : " + p + " est endommagée",
		"ar": "قاعدة البيانات تالفة: " + p + " تالف",
		"en": "database damaged: " + p + " is damaged",
	} {
		t.Setenv("INDIMAJ_LANG", lang)
		got := app.ErrorText(wrapped)
		if !strings.HasPrefix(got, "opening: "+want) {
			t.Errorf("%s: %q, want the prefix %q", lang, got, "opening: "+want)
		}
	}
	t.Setenv("INDIMAJ_LANG", "fr")
	if got := app.ErrorText(store.ErrNeedsReason); !strings.Contains(got, "donnez la raison") {
		t.Errorf("a bare sentinel: %q", got)
	}
}
