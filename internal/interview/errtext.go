package interview

import "github.com/indimaj/indimaj/internal/app"

// errText is an error's message in the user's language (the store's errors
// are translated at this edge).
func errText(err error) string { return app.ErrorText(err) }
