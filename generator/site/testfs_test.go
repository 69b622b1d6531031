package site

import (
	"io/fs"
	"testing/fstest"
)

// testFS is a content folder of files given as strings, read in small
// pieces to exercise readers.
type testFS map[string]string

func (t testFS) Open(name string) (fs.File, error) {
	m := fstest.MapFS{}
	for k, v := range t {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m.Open(name)
}
