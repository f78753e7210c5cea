package app

import (
	"errors"
	"strings"

	"github.com/indimaj/indimaj/internal/i18n"
	"github.com/indimaj/indimaj/store"
)

// ErrorText is err's message for the user, in the command line's language:
// the store returns errors with a code (store.Error) and English texts, and
// they are translated here, at the edge, wherever they sit in the chain.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	full := err.Error()
	var se *store.Error
	if errors.As(err, &se) {
		return strings.Replace(full, se.Error(), StoreText(se), 1)
	}
	for kind, code := range store.Kinds {
		if errors.Is(err, kind) {
			return strings.Replace(full, kind.Error(), i18n.M("store."+code), 1)
		}
	}
	return full
}

// StoreText is a store error's message in the command line's language.
func StoreText(se *store.Error) string {
	msg := i18n.M("store."+se.Code, se.Args...)
	if se.Kind != nil {
		msg = i18n.M("store."+store.Kinds[se.Kind]) + i18n.Colon() + msg
	}
	if se.Err != nil && se.Kind != store.ErrCorrupt {
		msg += i18n.Colon() + se.Err.Error()
	}
	return msg
}
