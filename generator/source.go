package generator

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source is one input of import or inspect: a file, or standard input.
type Source struct {
	// Name is how problems name the source: the path as given, or "-".
	Name string
	// Open opens the source for reading. It is called once, when the
	// source's turn comes, so that a long list of files keeps one open.
	Open func() (io.ReadCloser, error)
}

// FileSources expands command-line arguments into sources: a file is
// itself, a folder is every regular file below it (walked recursively, in
// lexical order, skipping hidden files and folders), and "-" is stdin.
func FileSources(args []string, stdin io.Reader) ([]Source, error) {
	var out []Source
	for _, arg := range args {
		if arg == "-" {
			out = append(out, Source{Name: "-", Open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, fileSource(arg))
			continue
		}
		var files []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading folder %s: %w", arg, err)
		}
		// WalkDir is lexical per folder already; sorting the whole list
		// makes the order independent of how folders nest.
		slices.Sort(files)
		for _, f := range files {
			out = append(out, fileSource(f))
		}
	}
	return out, nil
}

func fileSource(path string) Source {
	return Source{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}
