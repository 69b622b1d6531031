package site

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// A PanicError is a panic of the code that builds the site (a bug, never
// the content's fault) recovered as an error: one page that cannot be
// rendered stops the build, or the update, as an error would, and a
// preview server keeps running.
type PanicError struct {
	Value any
	// Where is the function and line that panicked.
	Where string
	// Stack is the panicking goroutine's stack, for a bug report.
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error: %v (in %s)", e.Value, e.Where)
}

// recovered, deferred, turns a panic into *err, a PanicError wrapped with
// what was being done.
func recovered(err *error, what string) {
	r := recover()
	if r == nil {
		return
	}
	*err = fmt.Errorf("%s: %w", what, newPanicError(r))
}

// newPanicError returns the PanicError of r, recovered by the caller's
// caller (a deferred function).
func newPanicError(r any) *PanicError {
	return &PanicError{Value: r, Where: panicked(), Stack: debug.Stack()}
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
