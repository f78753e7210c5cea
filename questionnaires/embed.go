// Package questionnaires embeds the default questionnaire (YAML files in this
// folder) into the indimaj binary. The format is described in docs/CONTENT.md.
package questionnaires

import "embed"

// FS holds every YAML file of this folder.
//
//go:embed *.yaml
var FS embed.FS
