// Package panicerr turns a panic of cablesite's own code (a bug, never
// the content's fault) into an error that says where it was raised, so
// that one page that cannot be rendered stops a build, or an update, as
// an error would, and a preview server keeps running.
package panicerr

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// An Error is a recovered panic.
type Error struct {
	Value any
	// Where is the function and line that panicked.
	Where string
	// Stack is the panicking goroutine's stack, for a bug report.
	Stack []byte
}

func (e *Error) Error() string {
	return fmt.Sprintf("internal error: %v (in %s)", e.Value, e.Where)
}

// Recover, deferred, turns a panic into *err, an Error wrapped with what
// was being done.
func Recover(err *error, what string) {
	r := recover()
	if r == nil {
		return
	}
	*err = fmt.Errorf("%s: %w", what, New(r))
}

// New returns the Error of r, recovered by the caller's caller (a
// deferred function).
func New(r any) *Error {
	return &Error{Value: r, Where: panicked(), Stack: debug.Stack()}
}

// panicked returns the first frame below the panic that is not the
// runtime's: where the panic was raised.
func panicked() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s, %s:%d", f.Function[strings.LastIndexByte(f.Function, '/')+1:], filepath.Base(f.File), f.Line)
		}
		if !more {
			return "an unknown place"
		}
	}
}
