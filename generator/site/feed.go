package site

import (
	"fmt"
	"strings"
	"time"

	"github.com/cablesite/cablesite/generator/atom"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
)

// feedSize is how many cables a feed holds: the newest.
const feedSize = 50

// feed writes the Atom feed at path of the newest dated cables of list
// (oldest first; nil means the whole collection). tag names the TAG of a
// TAG's feed, "" for the collection's.
func (w *worker) feed(path, tag string, list []int32) error {
	title := w.b.site.Title + ": newest cables"
	if tag != "" {
		title += " tagged " + tag
	}
	return w.feedTitled(path, title, list)
}

// feedTitled writes the feed at path titled title of the newest dated
// cables of list (see feed).
func (w *worker) feedTitled(path, title string, list []int32) error {
	b, idx := w.b, w.b.idx
	if list == nil {
		list = idx.Order
	}
	root := layout.RootOf(path)
	f := atom.Feed{
		Title:  title,
		ID:     b.feedID(path),
		Author: atom.Person{Name: b.site.Title},
		Links: []atom.Link{
			{Rel: "self", Type: "application/atom+xml", Href: b.href(root, path)},
			{Rel: "alternate", Type: "text/html", Href: b.href(root, strings.TrimSuffix(path, "feed.xml")+"index.html")},
		},
	}
	var newest time.Time
	for i := len(list) - 1; i >= 0 && len(f.Entries) < feedSize; i-- {
		e := &idx.Entries[list[i]]
		if e.Date.IsZero() {
			continue
		}
		if newest.IsZero() {
			newest = e.Date
		}
		id := cable.CleanText(e.ID)
		title := e.Subject
		if title == "" {
			title = id
		}
		entry := atom.Entry{
			Title:   title,
			ID:      b.cableID(e),
			Updated: e.Date.UTC().Format(time.RFC3339),
			Links:   []atom.Link{{Rel: "alternate", Type: "text/html", Href: b.href(root, e.Page())}},
		}
		var sum []string
		sum = append(sum, id)
		if e.Origin >= 0 {
			name := idx.Origins.Terms[e.Origin].Name
			entry.Author = &atom.Person{Name: name}
			sum = append(sum, name)
		}
		if e.Class >= 0 {
			sum = append(sum, idx.Classes.Terms[e.Class].Name)
		}
		for _, ti := range e.Tags {
			tm := idx.Tags.Terms[ti]
			entry.Categories = append(entry.Categories, atom.Category{Term: tm.Name, Label: tm.Meaning})
		}
		entry.Summary = strings.Join(sum, ", ")
		f.Entries = append(f.Entries, entry)
	}
	// A feed's updated is its newest entry's date, never the time of the
	// build, so that the same content gives the same bytes.
	f.Updated = newest.UTC().Format(time.RFC3339)
	if newest.IsZero() {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	if out, ok := atom.Append(w.feedBuf[:0], &f); ok {
		w.feedBuf = out
		return w.writeWhole(path, out)
	}
	data, err := atom.Encode(&f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return b.write(path, data)
}

// href returns the address of path in a file whose root is root: absolute
// with a base URL, relative without one (feed readers resolve it against
// the feed's own address).
func (b *Builder) href(root, path string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + path
	}
	return root + path
}

// cableID is a cable's Atom id: its page's URL, or a URN naming it when
// the site's address is not known, by its id with every byte but
// [A-Za-z0-9._-] percent-encoded (SafeID would give a/b and a?b one).
func (b *Builder) cableID(e *index.Entry) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + e.Page()
	}
	const hex = "0123456789ABCDEF"
	id := []byte("urn:cablesite:cable:")
	for _, c := range []byte(e.ID) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' {
			id = append(id, c)
		} else {
			id = append(id, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(id)
}

func (b *Builder) feedID(path string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + path
	}
	return "urn:cablesite:feed:" + strings.ReplaceAll(strings.TrimSuffix(path, ".xml"), "/", ":")
}
