package session

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/site"
)

// updateEditorial reads the editorial pages again after an update of the
// session, and renders what that changes: a page may have been added,
// edited or removed, and the cables a collection lists may have come,
// gone or changed their subject, date or page. Every editorial page and
// feed is rendered again, with the home page (its introduction) and each
// cable page whose list of collections changed; every page is left to
// Settle when the menu changed. Reading and rendering a few pages again
// is cheaper than knowing which changed.
func (s *Session) updateEditorial(ctx context.Context, paths []string) error {
	b := s.b
	oldStatic := s.static
	before, oldMenu := s.readEditorial()
	pages, menu := b.Editorial()
	redo := map[string]bool{layout.Home: true}
	if err := s.updateStatic(oldStatic, paths, redo); err != nil {
		return err
	}
	if !slices.Equal(oldMenu, menu) {
		b.Templates().ForgetCached()
		s.pendAll()
	}
	now := map[string]bool{}
	for _, p := range pages {
		if p.Home {
			continue
		}
		now[p.Path] = true
		redo[p.Path] = true
		if p.Feed != "" {
			redo[p.Feed] = true
		}
	}
	for path := range before.pages {
		if !now[path] {
			s.sweep, s.sitemapStale = true, true // a page to remove
			// At once: a file copied may take its folder's name.
			if path != layout.Home {
				if err := s.folder.Remove(path); err != nil {
					return err
				}
			}
		}
	}
	if len(now) != len(before.pages) {
		s.sitemapStale = true
	}
	after := collectionsByID(pages)
	if !maps.EqualFunc(before.byID, after, slices.Equal) {
		s.searchStale = true // the in: filter's terms
	}
	// The cables whose pages list other collections or pages, or the
	// same under other titles.
	idx := b.Index()
	listed := listedByID(pages)
	for id := range maps.Keys(before.listed) {
		if _, ok := listed[id]; !ok {
			listed[id] = nil
		}
	}
	for id, l := range listed {
		if !slices.Equal(before.listed[id], l) {
			if ei, ok := idx.ByID[id]; ok {
				redo[idx.Entries[ei].Page()] = true
			}
		}
	}
	for name := range s.brokenPages() {
		delete(redo, name)
	}
	err := s.render(ctx, redo)
	if err != nil {
		for name := range redo {
			s.redo[name] = true
		}
	}
	return err
}

// editorialState is what the pages were before a session's update.
type editorialState struct {
	pages map[string]bool     // their paths
	byID  map[string][]string // the collections of each cable of the site
	// listed are what each cable's page lists of them (see listedByID).
	listed map[string][]string
}

// readEditorial reads the editorial pages again for the session, its
// problems reported with the update's, and returns what they were.
func (s *Session) readEditorial() (editorialState, []render.MenuLink) {
	pages, menu := s.b.Editorial()
	before := editorialState{pages: map[string]bool{}, byID: collectionsByID(pages), listed: listedByID(pages)}
	for _, p := range pages {
		before.pages[p.Path] = true
	}
	s.edProblems = s.b.ReadEditorial()
	s.static = map[string]bool{}
	for _, f := range s.b.Static() {
		s.static[f] = true
	}
	return before, menu
}

// updateStatic removes from the folder the files copied from the content
// folder (package static) that the site no longer has, and adds to redo
// those to copy again: new ones, and those under the changed paths.
// Removal comes first, as an editorial page may take a removed file's
// place.
func (s *Session) updateStatic(before map[string]bool, paths []string, redo map[string]bool) error {
	for _, f := range slices.Sorted(maps.Keys(before)) {
		if !s.static[f] {
			if err := s.folder.Remove(f); err != nil {
				return err
			}
		}
	}
	for f := range s.static {
		changed := !before[f]
		for _, p := range paths {
			changed = changed || p == "." || f == p || strings.HasPrefix(f, p+"/")
		}
		if changed {
			redo[f] = true
		}
	}
	return nil
}

// collectionsByID returns the paths of the collections each cable of the
// site is in, by the cable's id.
func collectionsByID(pages []site.EditorialPage) map[string][]string {
	out := map[string][]string{}
	for _, p := range pages {
		for _, id := range p.Cables {
			out[id] = append(out[id], p.Path)
		}
	}
	return out
}

// listedByID returns what each cable's page lists of the editorial
// pages, by the cable's id: the collections it is in and the pages
// linking to it, each as its kind, path and title.
func listedByID(pages []site.EditorialPage) map[string][]string {
	out := map[string][]string{}
	for _, p := range pages {
		for _, l := range []struct {
			kind string
			ids  []string
		}{{"collection", p.Cables}, {"cites", p.Cites}} {
			for _, id := range l.ids {
				out[id] = append(out[id], l.kind+"\x00"+p.Path+"\x00"+p.Title)
			}
		}
	}
	return out
}

// kindOf returns the kind of the page at p: an editorial page's, or what
// its path says (layout.KindOf).
func (s *Session) kindOf(p string) render.Kind {
	if s.b.IsEditorial(p) {
		return render.KindPage
	}
	return layout.KindOf(p)
}
