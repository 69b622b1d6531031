package cable

import (
	"io"
	"iter"
)

// Records reads the cables of one source, streaming. TODO(reader helper).
func Records(name string, r io.Reader, f Format) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {}
}
