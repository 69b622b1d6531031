package site

import "github.com/cablesite/cablesite/internal/panicerr"

// A PanicError is a panic of the code that builds the site (a bug, never
// the content's fault) recovered as an error: one page that cannot be
// rendered stops the build, or the update, as an error would, and a
// preview server keeps running.
type PanicError = panicerr.Error
