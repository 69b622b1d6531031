// Package templates holds the default templates, stylesheet and script of
// a cablesite site, embedded in the binary. It lives at the top of the
// repository because go:embed cannot reach "..": the command passes FS to
// the generator, and a user's own templates/ folder overrides these files
// one by one (see package render for the files and the data each gets).
package templates

import "embed"

// FS holds the default templates (*.html), the stylesheet, the script and
// the icon.
//
//go:embed *.html *.css *.js *.svg
var FS embed.FS
