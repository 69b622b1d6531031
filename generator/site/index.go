package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/timeline"
)

// entry is what the build keeps of a cable between its two passes: what
// lists, threads and navigation need, never its text. Terms are indexes
// into their taxonomy.
type entry struct {
	id, subject string
	file        string // its path in the content folder
	date        time.Time
	origin      int32 // -1: none
	class       int32 // -1: none
	tags        []int32
	rank        int32 // position in index.order
	originPos   int32 // position in its origin's list
}

func (e *entry) page() string { return cablePath(e.id, e.date) }

// index is the whole collection as pass 2 needs it.
type index struct {
	entries []entry
	// order lists the entries by date, then id; undated cables last.
	order  []int32
	byID   map[string]int32
	tags   *taxo
	origin *taxo
	class  *taxo
	months []monthList // in month order
	// undated lists the cables without a date, by id.
	undated []int32
	// citedBy[citedOff[i]:citedOff[i+1]] are the entries citing entry i,
	// in collection order.
	citedOff []int32
	citedBy  []int32
	counts   timeline.Counts
	// clashes holds, for each content file whose cable was left out
	// because an earlier file's cable has its page, the message saying so.
	clashes map[string]string
}

type monthList struct {
	month  timeline.Month
	cables []int32 // in collection order
}

// taxo is one taxonomy: TAGS, origins or classifications.
type taxo struct {
	kind   string // the folder: "tag", "origin", "classification"
	terms  []*term
	ids    map[string]int32
	sorted []int32 // terms in the order their index lists them
	// bucketed puts each term's folder in a folder named by the first two
	// letters of its slug, when there are too many terms for one folder.
	bucketed bool
}

type term struct {
	name, meaning string
	slug          string
	dir           string  // "tag/pgov/"
	cables        []int32 // in collection order (oldest first)
	link          render.TermLink
}

func newTaxo(kind string) *taxo { return &taxo{kind: kind, ids: map[string]int32{}} }

func (t *taxo) intern(name string) int32 {
	if id, ok := t.ids[name]; ok {
		return id
	}
	id := int32(len(t.terms))
	t.terms = append(t.terms, &term{name: name})
	t.ids[name] = id
	return id
}

// maxTermFolders is how many term folders one taxonomy folder may hold
// before they are spread over folders by their first letters.
const maxTermFolders = 40_000

// finish sorts the terms for their index, gives each a unique slug and a
// folder, and fills their lists of cables from the collection's order.
func (t *taxo) finish(idx *index, maxFolders int, sortKey func(string) string, meaning func(string) string, get func(*entry) []int32) {
	t.sorted = make([]int32, len(t.terms))
	for i := range t.sorted {
		t.sorted[i] = int32(i)
	}
	keys := make([]string, len(t.terms))
	for i, tm := range t.terms {
		keys[i] = strings.ToLower(sortKey(tm.name))
	}
	slices.SortFunc(t.sorted, func(a, b int32) int {
		return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(t.terms[a].name, t.terms[b].name))
	})
	t.bucketed = len(t.terms) > maxFolders
	used := map[string]bool{}
	// Slugs are given in name order, so that the same names always get
	// the same slugs; a name whose slug is taken gets its hash appended,
	// and, should that be taken too (a name such as "A-B-54538ECC" is
	// the slug of "A.B" with its hash), a number.
	byName := slices.Clone(t.sorted)
	slices.SortFunc(byName, func(a, b int32) int { return cmp.Compare(t.terms[a].name, t.terms[b].name) })
	for _, i := range byName {
		tm := t.terms[i]
		s := slug(tm.name)
		if used[s] {
			s = s + "-" + hash8(tm.name)
		}
		for n, base := 2, s; used[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		used[s] = true
		tm.slug = s
		tm.dir = t.kind + "/" + s + "/"
		if t.bucketed {
			tm.dir = t.kind + "/" + s[:min(2, len(s))] + "/" + s + "/"
		}
		if meaning != nil {
			tm.meaning = meaning(tm.name)
		}
	}
	for _, ei := range idx.order {
		for _, ti := range get(&idx.entries[ei]) {
			t.terms[ti].cables = append(t.terms[ti].cables, ei)
		}
	}
	for _, tm := range t.terms {
		tm.link = render.TermLink{Name: tm.name, Meaning: tm.meaning, Slug: tm.slug, Path: listPath(tm.dir, 1), Count: len(tm.cables)}
	}
}

// buildIndex interns the terms of the scanned files, in file order, and
// computes every list the pages need.
func (b *builder) buildIndex(files []string, scans []scanned) *index {
	idx := &index{
		byID:   make(map[string]int32, len(scans)),
		tags:   newTaxo("tag"),
		origin: newTaxo("origin"),
		class:  newTaxo("classification"),
	}
	idx.entries = make([]entry, 0, len(scans))
	refs := make([][]string, 0, len(scans))
	pages := make(pageSet, len(scans))
	for i := range scans {
		s := &scans[i]
		if s.err != nil {
			b.warn(s.err.Error())
			b.skipped++
			continue
		}
		if j, dup := idx.byID[s.id]; dup {
			b.warn(fmt.Sprintf("%s:%d: duplicate id %q (also in %s): skipped", b.name(files[i]), s.idLine, s.id, b.name(idx.entries[j].file)))
			b.skipped++
			continue
		}
		e := entry{id: s.id, subject: s.subject, file: files[i], date: s.date, origin: -1, class: -1}
		if j, taken := pages.add(idx.entries, &e, int32(len(idx.entries))); taken {
			msg := clashMessage(b.name(files[i]), s.idLine, &e, &idx.entries[j], b.name(idx.entries[j].file))
			if idx.clashes == nil {
				idx.clashes = map[string]string{}
			}
			idx.clashes[files[i]] = msg
			b.warn(msg)
			b.skipped++
			continue
		}
		if s.origin != "" {
			e.origin = idx.origin.intern(s.origin)
		}
		if s.class != "" {
			e.class = idx.class.intern(s.class)
		}
		if len(s.tags) > 0 {
			e.tags = make([]int32, 0, len(s.tags))
			for _, tg := range s.tags {
				ti := idx.tags.intern(tg)
				if !slices.Contains(e.tags, ti) {
					e.tags = append(e.tags, ti)
				}
			}
		}
		idx.byID[s.id] = int32(len(idx.entries))
		idx.entries = append(idx.entries, e)
		refs = append(refs, s.refs)
		*s = scanned{} // let the scan's strings go
	}

	// The collection's order: by date, then id; undated cables last.
	idx.order = make([]int32, len(idx.entries))
	for i := range idx.order {
		idx.order[i] = int32(i)
	}
	slices.SortFunc(idx.order, func(a, b int32) int { return compareEntries(&idx.entries[a], &idx.entries[b]) })
	idx.rank()

	dict := b.tags
	idx.tags.finish(idx, b.maxTermFolders, func(s string) string { return s }, func(code string) string {
		t, ok := dict.Lookup(code)
		if !ok {
			return ""
		}
		return t.Description()
	}, func(e *entry) []int32 { return e.tags })
	idx.origin.finish(idx, b.maxTermFolders, originSortKey, nil, func(e *entry) []int32 { return one(&e.origin) })
	idx.class.finish(idx, b.maxTermFolders, classSortKey, nil, func(e *entry) []int32 { return one(&e.class) })
	for _, tm := range idx.origin.terms {
		for pos, ei := range tm.cables {
			idx.entries[ei].originPos = int32(pos)
		}
	}

	// Cited by: the reverse of every resolved reference, in the order of
	// the citing cables, each citing cable once.
	counts := make([]int32, len(idx.entries)+1)
	targets := make([][]int32, len(idx.entries))
	for ei, ids := range refs {
		for _, id := range ids {
			ti, ok := idx.byID[id]
			if !ok || ti == int32(ei) || slices.Contains(targets[ei], ti) {
				continue
			}
			targets[ei] = append(targets[ei], ti)
			counts[ti+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	idx.citedOff = counts
	idx.citedBy = make([]int32, counts[len(counts)-1])
	fill := slices.Clone(counts[:len(counts)-1])
	for _, ei := range idx.order {
		for _, ti := range targets[ei] {
			idx.citedBy[fill[ti]] = ei
			fill[ti]++
		}
	}
	return idx
}

// taxonomies returns the index's taxonomies in the order of their pages:
// TAGS, origins, classifications.
func (idx *index) taxonomies() []*taxo { return []*taxo{idx.tags, idx.origin, idx.class} }

// taxonomy returns the taxonomy of a kind ("tag", "origin",
// "classification").
func (idx *index) taxonomy(kind string) *taxo {
	switch kind {
	case idx.tags.kind:
		return idx.tags
	case idx.origin.kind:
		return idx.origin
	}
	return idx.class
}

// setTaxonomy replaces the index's taxonomy of t's kind with t.
func (idx *index) setTaxonomy(t *taxo) {
	switch t.kind {
	case idx.tags.kind:
		idx.tags = t
	case idx.origin.kind:
		idx.origin = t
	default:
		idx.class = t
	}
}

// termsOf returns the terms entry e has in the taxonomy of a kind.
func termsOf(kind string, e *entry) []int32 {
	switch kind {
	case "tag":
		return e.tags
	case "origin":
		return one(&e.origin)
	}
	return one(&e.class)
}

func one(p *int32) []int32 {
	if *p < 0 {
		return nil
	}
	return []int32{*p}
}

// originPrefixes are the words before a place in origin names: the origin
// index sorts "Embassy Belgrade" under B.
var originPrefixes = []string{
	"American Embassy ", "American Consulate ", "Consulate General ", "Consulate ", "Embassy ", "Embasy ",
	"US Interests Section ", "US Mission to ", "US Mission ", "US Office ", "Mission ", "REO ",
}

func originSortKey(name string) string {
	for _, p := range originPrefixes {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			return name[len(p):]
		}
	}
	return name
}

// citing returns the entries citing entry i.
func (idx *index) citing(i int32) []int32 { return idx.citedBy[idx.citedOff[i]:idx.citedOff[i+1]] }

// classSortKey sorts classifications by level, then by name.
func classSortKey(name string) string {
	u := strings.ToUpper(name)
	for i, level := range []string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"} {
		if strings.HasPrefix(u, level) {
			return string(rune('0'+i)) + u
		}
	}
	return "9" + u
}

// rank numbers the entries in the order of idx.order and groups them as
// the date pages list them: the undated, the cables of each month, and
// the counts per month.
func (idx *index) rank() {
	idx.undated, idx.months, idx.counts = nil, nil, timeline.Counts{}
	for r, ei := range idx.order {
		e := &idx.entries[ei]
		e.rank = int32(r)
		if e.date.IsZero() {
			idx.undated = append(idx.undated, ei)
			continue
		}
		m := timeline.MonthOf(e.date)
		if n := len(idx.months); n == 0 || idx.months[n-1].month != m {
			idx.months = append(idx.months, monthList{month: m})
		}
		ml := &idx.months[len(idx.months)-1]
		ml.cables = append(ml.cables, ei)
	}
	for _, ml := range idx.months {
		idx.counts.AddMonth(ml.month, len(ml.cables))
	}
}
