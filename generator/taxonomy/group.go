package taxonomy

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
)

// A Grouping is one taxonomy of a collection (its TAGS, origins or
// classifications): its terms, each with a unique slug, a folder and the
// cables that have it. Cables are numbers the caller gives (the positions
// of its own entries); terms are numbered in the order Intern met them.
type Grouping struct {
	// Kind names the taxonomy and is its folder: "tag", "origin",
	// "classification".
	Kind  string
	Terms []*Term
	// IDs maps a term's name to its number.
	IDs map[string]int32
	// Sorted lists the terms in the order their index shows them.
	Sorted []int32
	// Bucketed is true when the terms' folders are spread over folders
	// named by the first two letters of their slugs (see Finish).
	Bucketed bool
}

// A Term is a term of a Grouping.
type Term struct {
	Name, Meaning string
	// Slug is the term's file name (see Slug), unique in its taxonomy.
	Slug string
	// Dir is the term's folder: "tag/pgov/", or "tag/pg/pgov/" when its
	// taxonomy is bucketed.
	Dir string
	// Cables are the cables having the term, in the collection's order.
	Cables []int32
}

// NewGrouping returns an empty taxonomy of a kind.
func NewGrouping(kind string) *Grouping { return &Grouping{Kind: kind, IDs: map[string]int32{}} }

// Intern returns the number of the term name, adding it if new.
func (g *Grouping) Intern(name string) int32 {
	if id, ok := g.IDs[name]; ok {
		return id
	}
	id := int32(len(g.Terms))
	g.Terms = append(g.Terms, &Term{Name: name})
	g.IDs[name] = id
	return id
}

// Finish completes the grouping once every term is interned. It sorts the
// terms for their index by sortKey (case aside, then by name), gives each
// a slug and a folder, its meaning when meaning is not nil, and fills the
// terms' lists of cables from the collection's order: termsOf returns the
// terms a cable has. When there are more than maxFolders terms, their
// folders are bucketed.
//
// Slugs are given in name order, so that the same names always get the
// same slugs; a name whose slug is taken gets its hash appended, and,
// should that be taken too (a name such as "A-B-54538ECC" is the slug of
// "A.B" with its hash), a number.
func (g *Grouping) Finish(order []int32, termsOf func(cable int32) []int32, sortKey, meaning func(string) string, maxFolders int) {
	g.Sorted = make([]int32, len(g.Terms))
	for i := range g.Sorted {
		g.Sorted[i] = int32(i)
	}
	keys := make([]string, len(g.Terms))
	for i, tm := range g.Terms {
		keys[i] = strings.ToLower(sortKey(tm.Name))
	}
	slices.SortFunc(g.Sorted, func(a, b int32) int {
		return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(g.Terms[a].Name, g.Terms[b].Name))
	})
	g.Bucketed = len(g.Terms) > maxFolders
	used := map[string]bool{}
	byName := slices.Clone(g.Sorted)
	slices.SortFunc(byName, func(a, b int32) int { return cmp.Compare(g.Terms[a].Name, g.Terms[b].Name) })
	for _, i := range byName {
		tm := g.Terms[i]
		s := Slug(tm.Name)
		if used[s] {
			s = s + "-" + hash8(tm.Name)
		}
		for n, base := 2, s; used[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		used[s] = true
		tm.Slug = s
		tm.Dir = g.Kind + "/" + s + "/"
		if g.Bucketed {
			tm.Dir = g.Kind + "/" + s[:min(2, len(s))] + "/" + s + "/"
		}
		if meaning != nil {
			tm.Meaning = meaning(tm.Name)
		}
	}
	for _, c := range order {
		for _, ti := range termsOf(c) {
			g.Terms[ti].Cables = append(g.Terms[ti].Cables, c)
		}
	}
}

// WithCables returns a copy of g in which the terms of lists have those
// lists of cables; g is left as it was.
func (g *Grouping) WithCables(lists map[int32][]int32) *Grouping {
	c := *g
	c.Terms = slices.Clone(g.Terms)
	for ti, cables := range lists {
		tm := *g.Terms[ti]
		tm.Cables = cables
		c.Terms[ti] = &tm
	}
	return &c
}

// maxSlug bounds a term's file name.
const maxSlug = 60

// Slug returns a term's file name: lower-case ASCII letters and digits,
// other runs of characters as one '-': "Embassy Belgrade" gives
// "embassy-belgrade", "SECRET//NOFORN" "secret-noforn". Lower case keeps
// two terms apart on file systems that ignore case. A name with nothing
// left gets "x-" and its hash; names Windows reserves get a trailing '-'.
func Slug(name string) string {
	b := make([]byte, 0, len(name))
	dash := false
	for i := 0; i < len(name) && len(b) < maxSlug; i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			dash = len(b) > 0
			continue
		}
		if dash {
			b = append(b, '-')
			dash = false
		}
		b = append(b, c)
	}
	if len(b) == 0 {
		return "x-" + hash8(name)
	}
	s := string(b)
	if reservedName(s) {
		s += "-"
	}
	return s
}

// reservedName reports whether Windows refuses s as a file name.
func reservedName(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) && '0' <= s[3] && s[3] <= '9' {
		return true
	}
	return false
}

func hash8(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// originPrefixes are the words before a place in origin names: the origin
// index sorts "Embassy Belgrade" under B.
var originPrefixes = []string{
	"American Embassy ", "American Consulate ", "Consulate General ", "Consulate ", "Embassy ", "Embasy ",
	"US Interests Section ", "US Mission to ", "US Mission ", "US Office ", "Mission ", "REO ",
}

// OriginSortKey returns the key an origin sorts by in an index: its place,
// without the words before it ("Embassy Belgrade" sorts under B).
func OriginSortKey(name string) string {
	for _, p := range originPrefixes {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			return name[len(p):]
		}
	}
	return name
}

// ClassificationSortKey returns the key a classification sorts by: its
// level (UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET, then any other),
// then its name.
func ClassificationSortKey(name string) string {
	u := strings.ToUpper(name)
	for i, level := range []string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"} {
		if strings.HasPrefix(u, level) {
			return string(rune('0'+i)) + u
		}
	}
	return "9" + u
}

// IndexGroups returns the groups of the index of a taxonomy's terms, in
// order: the classifications in one, the others by first letter.
func IndexGroups() []string {
	return []string{"Classifications", "0–9", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
		"N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Other"}
}

// IndexGroup returns the group of IndexGroups a term of a kind is listed
// in: the first letter of its sort key.
func IndexGroup(kind, name string) string {
	switch kind {
	case "classification":
		return "Classifications"
	case "origin":
		name = OriginSortKey(name)
	}
	if name == "" {
		return "Other"
	}
	switch c := name[0]; {
	case 'A' <= c && c <= 'Z':
		return string(c)
	case 'a' <= c && c <= 'z':
		return string(c - 'a' + 'A')
	case '0' <= c && c <= '9':
		return "0–9"
	}
	return "Other"
}
