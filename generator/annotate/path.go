package annotate

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/cablesite/cablesite/generator/cable"
)

// maxIDLen bounds the file name an id gives, well under the 255 bytes most
// file systems allow, leaving room for a hash and the extension.
const maxIDLen = 100

// Path returns where the annotated markdown of c lives, relative to the
// content folder and slash-separated: "cables/2007/09/07STATE126086.md", or
// "cables/undated/<id>.md" when c has no date. See SafeID for how the id
// becomes a file name.
func Path(c *cable.Cable) string {
	return "cables/" + datePart(c) + "/" + SafeID(c.ID) + ".md"
}

// URL returns the page address a Hugo build gives c, as written to the
// front matter's url key: "/cable/2007/09/07STATE126086.html", the
// Cablegate scheme.
func URL(c *cable.Cable) string {
	return "/cable/" + datePart(c) + "/" + SafeID(c.ID) + ".html"
}

func datePart(c *cable.Cable) string {
	if c.Date.IsZero() {
		return "undated"
	}
	d := c.Date.UTC()
	return fmt.Sprintf("%04d/%02d", d.Year(), d.Month())
}

// SafeID returns id as a file name: an id made only of [A-Za-z0-9._-] that
// does not start with a dot (every Cablegate id) is returned as it is.
// Any other id has each other byte, and a leading dot, replaced by '_', is
// cut to 100 bytes, and gets "-" and the 8 hex digits of its FNV-1a hash
// appended, so that two ids differing only in the replaced bytes still get
// two files; the empty id becomes "_-811c9dc5". The result is never empty,
// never starts with a dot, and never contains a slash, so it can never
// name a file outside its folder.
func SafeID(id string) string {
	if id != "" && len(id) <= maxIDLen && id[0] != '.' && strings.IndexFunc(id, notIDRune) < 0 {
		return id
	}
	b := []byte(id)
	if len(b) > maxIDLen {
		b = b[:maxIDLen]
	}
	for i, c := range b {
		if !idByte(c) || (i == 0 && c == '.') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		b = append(b, '_')
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return fmt.Sprintf("%s-%08x", b, h.Sum32())
}

func idByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

func notIDRune(r rune) bool { return r >= 0x80 || !idByte(byte(r)) }
