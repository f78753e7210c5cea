// Package tests embeds the golden cases of the embedded content (YAML files
// in this folder), which `indimaj test` runs. The format is described in
// docs/CONTENT.md ("Golden cases").
package tests

import "embed"

// FS holds every case of this folder.
//
//go:embed *.yaml
var FS embed.FS
