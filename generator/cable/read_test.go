package cable

import (
	"bytes"
	"testing"
)

// result is one pair yielded by Records.
type result struct {
	rec Record
	err error
}

// collect reads data as Records does from a file called name.
func collect(t testing.TB, name string, data []byte, f Format) []result {
	t.Helper()
	var out []result
	for rec, err := range Records(name, bytes.NewReader(data), f) {
		out = append(out, result{rec, err})
	}
	return out
}

func firstErr(rs []result) error {
	for _, r := range rs {
		if r.err != nil {
			return r.err
		}
	}
	return nil
}
