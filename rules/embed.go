// Package rules embeds the default policy, measures catalog and pilot-project
// templates (YAML files in this folder) into the indimaj binary. The format is
// described in docs/CONTENT.md.
package rules

import "embed"

// FS holds every YAML file of this folder.
//
//go:embed *.yaml
var FS embed.FS
