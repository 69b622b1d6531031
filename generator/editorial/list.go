package editorial

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/cablesite/cablesite/generator/index"
)

// A Listing is what the content folder holds outside cables/.
type Listing struct {
	// Pages are the markdown files, the editorial pages, and Files the
	// others, to copy into the site as they are (package static): paths
	// in the content folder, in lexical order.
	Pages, Files []string
	// Problems are what was skipped, "content/x: message"; Skipped counts
	// the files among them that could not be read (a symbolic link, not
	// followed, is no such file).
	Problems []string
	Skipped  int
}

// List lists the files of the content folder fsys outside cables/,
// naming them in messages by name. Hidden files and folders are skipped,
// so are names starting with '_' other than _index.md and, at the top of
// the folder, Netlify's own _headers and _redirects (which Netlify reads
// from the published folder); symbolic links are reported and not
// followed.
func List(fsys fs.FS, name func(file string) string) Listing {
	var l Listing
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != "." {
				l.Problems = append(l.Problems, fmt.Sprintf("%s: %v: skipped", name(p), index.UnwrapPath(err)))
				l.Skipped++
			}
			return nil
		}
		base := d.Name()
		switch {
		case p == ".":
			return nil
		case p == index.CablesDir && d.IsDir():
			return fs.SkipDir
		case strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") && base != "_index.md" && !netlifyFile(p, d):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			if p != index.CablesDir {
				l.Problems = append(l.Problems, fmt.Sprintf("%s: a symbolic link: not followed", name(p)))
			}
		case d.IsDir():
		case strings.HasSuffix(base, ".md"):
			l.Pages = append(l.Pages, p)
		default:
			l.Files = append(l.Files, p)
		}
		return nil
	})
	if err != nil {
		l.Problems = append(l.Problems, fmt.Sprintf("%s: %v", name("."), err))
	}
	return l
}

// netlifyFile reports whether p is one of the files Netlify reads from the
// top of the published folder: _headers and _redirects.
func netlifyFile(p string, d fs.DirEntry) bool {
	return (p == "_headers" || p == "_redirects") && d.Type().IsRegular()
}
