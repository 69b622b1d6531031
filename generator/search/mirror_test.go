package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file and mirror_query_test.go are the search client's mirror in Go,
// for tests only (they are no part of the package's API): Searcher reads
// a written index and runs queries as templates/search-core.js does. The
// tests check ranking and sharding with it without a browser, and the
// client against it (client_test.go, in Node; browser_test.go).

// Searcher runs queries against a written index, as the browser client
// does, reading only the shards a query needs, and counts the files and
// bytes each query loads.
type Searcher struct {
	fsys  fs.FS
	root  rootData
	cache map[string]json.RawMessage
}

// Open reads the index's root from fsys, a site folder holding search/.
func Open(fsys fs.FS) (*Searcher, error) {
	s := &Searcher{fsys: fsys, cache: map[string]json.RawMessage{}}
	raw, _, err := s.load("index")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &s.root); err != nil {
		return nil, fmt.Errorf("search/index.js: %w", err)
	}
	if s.root.Version != version {
		return nil, fmt.Errorf("search/index.js: version %d, want %d", s.root.Version, version)
	}
	return s, nil
}

// Docs returns the number of documents indexed.
func (s *Searcher) Docs() int { return s.root.Docs }

// load reads a shard's payload. It returns the bytes read, 0 when cached.
func (s *Searcher) load(key string) (json.RawMessage, int, error) {
	if p, ok := s.cache[key]; ok {
		return p, 0, nil
	}
	name := shardPath(key)
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return nil, 0, err
	}
	prefix := `cablesiteSearch.shard("` + key + `",`
	if !bytes.HasPrefix(data, []byte(prefix)) {
		return nil, 0, fmt.Errorf("%s: %w", name, errCorrupt)
	}
	p := bytes.TrimSpace(data[len(prefix):])
	p, ok := bytes.CutSuffix(p, []byte(");"))
	if !ok {
		return nil, 0, fmt.Errorf("%s: %w", name, errCorrupt)
	}
	s.cache[key] = p
	return p, len(data), nil
}

// loadString reads a shard whose payload is a string.
func (s *Searcher) loadString(q *queryRun, key string) (string, error) {
	raw, err := q.load(key)
	if err != nil {
		return "", err
	}
	var str string
	if err := json.Unmarshal(raw, &str); err != nil {
		return "", fmt.Errorf("%s: %w", shardPath(key), err)
	}
	return str, nil
}

// SearchOptions choose a page of results and their order.
type SearchOptions struct {
	// Sort is "" (relevance), "date" (newest first) or "oldest".
	Sort    string
	Page    int // from 0
	PerPage int // 0 means 20
	// AllFacets counts the facets from every facet block of the results,
	// as the page's "Count them all" does, instead of a sample of them.
	AllFacets bool
}

// Result is a page of results.
type Result struct {
	Total  int   // documents matching
	Hits   []Hit // the page asked for
	Facets Facets
	// Files lists the shards the query loaded (keys, as "p/12"), Bytes
	// their size: what a browser would have loaded for it.
	Files []string
	Bytes int64
}

// Hit is one result.
type Hit struct {
	Doc            int // number in the index: the order by date
	Score          float64
	ID             string
	URL            string
	Date           time.Time // zero: undated
	Subject        string
	Origin         string
	Classification string
	Excerpt        string
}

// queryRun is one query being run: it counts what it loads.
type queryRun struct {
	s     *Searcher
	files []string
	bytes int64
}

func (q *queryRun) load(key string) (json.RawMessage, error) {
	raw, n, err := q.s.load(key)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(q.files, key) {
		q.files = append(q.files, key)
		if n == 0 {
			n = len(raw)
		}
		q.bytes += int64(n)
	}
	return raw, nil
}

// Search runs a query (see doc.go for the syntax) and returns a page of
// its results. Each call counts the shards it needs as loaded, even those
// an earlier call loaded.
func (s *Searcher) Search(query string, opt SearchOptions) (*Result, error) {
	q := &queryRun{s: s}
	// Count the root as loaded: a browser loads it with the page.
	if _, err := q.load("index"); err != nil {
		return nil, err
	}
	pq := ParseQuery(query)
	set, err := q.evaluate(pq)
	if err != nil {
		return nil, err
	}
	res := &Result{Total: len(set.docs)}
	order := make([]int, len(set.docs))
	for i := range order {
		order[i] = i
	}
	switch opt.Sort {
	case "date":
		slices.Reverse(order)
	case "oldest":
	default:
		sort.SliceStable(order, func(a, b int) bool {
			x, y := order[a], order[b]
			if set.scores[x] != set.scores[y] {
				return set.scores[x] > set.scores[y]
			}
			return set.docs[x] > set.docs[y]
		})
	}
	per := cmp.Or(opt.PerPage, 20)
	lo := min(len(order), opt.Page*per)
	hi := min(len(order), lo+per)
	for _, i := range order[lo:hi] {
		h, err := q.hit(set.docs[i])
		if err != nil {
			return nil, err
		}
		h.Score = set.scores[i]
		res.Hits = append(res.Hits, h)
	}
	if len(set.docs) > 0 {
		if res.Facets, err = q.facets(set.docs, opt.AllFacets); err != nil {
			return nil, err
		}
	}
	res.Files, res.Bytes = q.files, q.bytes
	return res, nil
}

// Facets count a query's results by year, TAG, origin and classification,
// as the client shows them.
type Facets struct {
	// Exact is false when the counts of TAGS, origins and classifications
	// are estimated from Sampled of the results (years are always exact).
	Exact   bool
	Sampled int
	Year    []FacetCount // newest first; "undated" last
	Tag     []FacetCount // most frequent first
	Origin  []FacetCount
	Class   []FacetCount
}

// FacetCount is one value of a facet and its count.
type FacetCount struct {
	Name  string
	Count int
}

// maxFacetBlocks is how many facet blocks the client reads for a query:
// the results' blocks, or that many spread evenly over them.
const maxFacetBlocks = 6

// facets counts docs (ascending) as the client does.
func (q *queryRun) facets(docs []int, all bool) (Facets, error) {
	root := &q.s.root
	var f Facets
	years := map[int]int{}
	undated := 0
	yi := 0
	for _, d := range docs {
		if d >= root.Dated {
			undated++
			continue
		}
		for yi+1 < len(root.Years) && root.Years[yi+1][1] <= d {
			yi++
		}
		years[root.Years[yi][0]]++
	}
	for y, n := range years {
		f.Year = append(f.Year, FacetCount{strconv.Itoa(y), n})
	}
	slices.SortFunc(f.Year, func(a, b FacetCount) int {
		x, _ := strconv.Atoi(a.Name)
		y, _ := strconv.Atoi(b.Name)
		return cmp.Compare(y, x)
	})
	if undated > 0 {
		f.Year = append(f.Year, FacetCount{"undated", undated})
	}

	var blocks []int
	for _, d := range docs {
		if b := d / root.FacetBlock; len(blocks) == 0 || blocks[len(blocks)-1] != b {
			blocks = append(blocks, b)
		}
	}
	f.Exact = all || len(blocks) <= maxFacetBlocks
	chosen := blocks
	if !f.Exact {
		chosen = make([]int, maxFacetBlocks)
		for s := range chosen {
			chosen[s] = blocks[s*len(blocks)/maxFacetBlocks]
		}
	}
	raw, err := q.load("tags")
	if err != nil {
		return f, err
	}
	var tagNames []string
	if err := json.Unmarshal(raw, &tagNames); err != nil {
		return f, err
	}
	rows := map[int][]facetRow{}
	for _, b := range chosen {
		payload, err := q.s.loadString(q, shardKey("f", b))
		if err != nil {
			return f, err
		}
		if rows[b], err = parseFacetBlock(payload); err != nil {
			return f, err
		}
	}
	tags, origins, classes := map[int]int{}, map[int]int{}, map[int]int{}
	for _, d := range docs {
		b := d / root.FacetBlock
		blk, ok := rows[b]
		if !ok || d-b*root.FacetBlock >= len(blk) {
			continue
		}
		row := blk[d-b*root.FacetBlock]
		f.Sampled++
		if row.origin >= 0 {
			origins[row.origin]++
		}
		if row.class >= 0 {
			classes[row.class]++
		}
		for _, t := range row.tags {
			tags[t]++
		}
	}
	scale := 1.0
	if !f.Exact && f.Sampled > 0 {
		scale = float64(len(docs)) / float64(f.Sampled)
	}
	list := func(counts map[int]int, names []string) []FacetCount {
		var out []FacetCount
		for k, n := range counts {
			if !f.Exact {
				n = max(1, int(math.Floor(float64(n)*scale+0.5)))
			}
			out = append(out, FacetCount{names[k], n})
		}
		slices.SortFunc(out, func(a, b FacetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Name, b.Name))
		})
		return out
	}
	f.Tag, f.Origin, f.Class = list(tags, tagNames), list(origins, root.Origins), list(classes, root.Classes)
	return f, nil
}

type facetRow struct {
	origin, class int
	tags          []int
}

func parseFacetBlock(payload string) ([]facetRow, error) {
	d := decoder{s: payload}
	var rows []facetRow
	for d.more() {
		r := facetRow{origin: d.varint() - 1, class: d.varint() - 1}
		n := d.varint()
		if n > len(d.s)-d.i { // a TAG takes a digit at least
			return rows, errCorrupt
		}
		prev := -1
		for range n {
			prev += d.varint() + 1
			r.tags = append(r.tags, prev)
		}
		rows = append(rows, r)
	}
	return rows, d.err
}

// hit reads a document's block.
func (q *queryRun) hit(doc int) (Hit, error) {
	raw, err := q.load(shardKey("d", doc/q.s.root.DocBlock))
	if err != nil {
		return Hit{}, err
	}
	var rows [][]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return Hit{}, err
	}
	row := rows[doc%q.s.root.DocBlock]
	var h Hit
	var dayN, origin, class int
	for i, dst := range []any{&h.ID, &dayN, &h.URL, &h.Subject, &origin, &class, &h.Excerpt} {
		if err := json.Unmarshal(row[i], dst); err != nil {
			return Hit{}, err
		}
	}
	h.Doc = doc
	if dayN >= 0 {
		h.Date = dayBase.AddDate(0, 0, dayN)
	}
	if h.URL == "" {
		h.URL = DefaultURL(h.ID, h.Date)
	}
	if origin >= 0 {
		h.Origin = q.s.root.Origins[origin]
	}
	if class >= 0 {
		h.Classification = q.s.root.Classes[class]
	}
	return h, nil
}

// docSet is a set of documents, ascending, with their scores.
type docSet struct {
	all    bool // every document: no condition yet
	docs   []int
	scores []float64
}

// evaluate computes the documents matching every part of a query: its
// words, phrases and filters, one atom at least of each OR group, and
// none of its exclusions. A query with a fatal notice matches nothing.
func (q *queryRun) evaluate(pq Query) (docSet, error) {
	if pq.Fatal() {
		return docSet{}, nil
	}
	set := docSet{all: true}
	and := func(docs []int, scores []float64) {
		if set.all {
			set = docSet{docs: docs, scores: scores}
			if set.scores == nil {
				set.scores = make([]float64, len(docs))
			}
			return
		}
		set = intersect(set, docs, scores)
	}
	for _, a := range pq.positives() {
		docs, scores, ok, err := q.atom(a)
		if err != nil {
			return set, err
		}
		if ok {
			and(docs, scores)
		}
	}
	for _, g := range pq.Any {
		var u docSet
		any := false
		for _, a := range g {
			docs, scores, ok, err := q.atom(a)
			if err != nil {
				return set, err
			}
			if ok {
				u, any = union(u, docs, scores), true
			}
		}
		if any {
			and(u.docs, u.scores)
		}
	}
	if set.all {
		if len(pq.Filters) == 0 && len(pq.Words) == 0 && len(pq.Phrases) == 0 && len(pq.Any) == 0 {
			return docSet{}, nil // an empty query matches nothing
		}
		set = docSet{docs: make([]int, q.s.root.Docs), scores: make([]float64, q.s.root.Docs)}
		for i := range set.docs {
			set.docs[i] = i
		}
	}
	var not docSet
	for _, a := range pq.Not {
		docs, _, ok, err := q.atom(a)
		if err != nil {
			return set, err
		}
		if ok {
			not = union(not, docs, nil)
		}
	}
	if len(not.docs) > 0 {
		set = subtract(set, not.docs)
	}
	return set, nil
}

// atom returns the documents of a word, phrase or filter with their
// scores (nil for a filter); ok is false when it asks nothing (a phrase of
// stop words).
func (q *queryRun) atom(a Atom) (docs []int, scores []float64, ok bool, err error) {
	switch {
	case a.Word != nil:
		docs, scores, err = q.word(*a.Word)
		return docs, scores, true, err
	case a.Phrase != nil:
		docs, scores, err = q.phrase(*a.Phrase)
		return docs, scores, docs != nil || len(indexedTerms(*a.Phrase)) > 0, err
	case a.Filter != nil:
		docs, err = q.filter(*a.Filter)
		return docs, nil, true, err
	}
	return nil, nil, false, nil
}

// union returns the documents of set or of docs, adding the scores of
// those in both (scores nil: 0).
func union(set docSet, docs []int, scores []float64) docSet {
	var out docSet
	i, j := 0, 0
	sc := func(k int) float64 {
		if scores == nil {
			return 0
		}
		return scores[k]
	}
	for i < len(set.docs) || j < len(docs) {
		switch {
		case j >= len(docs) || i < len(set.docs) && set.docs[i] < docs[j]:
			out.docs = append(out.docs, set.docs[i])
			out.scores = append(out.scores, set.scores[i])
			i++
		case i >= len(set.docs) || set.docs[i] > docs[j]:
			out.docs = append(out.docs, docs[j])
			out.scores = append(out.scores, sc(j))
			j++
		default:
			out.docs = append(out.docs, docs[j])
			out.scores = append(out.scores, set.scores[i]+sc(j))
			i++
			j++
		}
	}
	return out
}

// subtract returns set without the documents of not (ascending).
func subtract(set docSet, not []int) docSet {
	var out docSet
	j := 0
	for i, d := range set.docs {
		for j < len(not) && not[j] < d {
			j++
		}
		if j < len(not) && not[j] == d {
			continue
		}
		out.docs = append(out.docs, d)
		out.scores = append(out.scores, set.scores[i])
	}
	return out
}

func intersect(set docSet, docs []int, scores []float64) docSet {
	var out docSet
	i, j := 0, 0
	for i < len(set.docs) && j < len(docs) {
		switch {
		case set.docs[i] < docs[j]:
			i++
		case set.docs[i] > docs[j]:
			j++
		default:
			sc := set.scores[i]
			if scores != nil {
				sc += scores[j]
			}
			out.docs = append(out.docs, docs[j])
			out.scores = append(out.scores, sc)
			i++
			j++
		}
	}
	return out
}

// dictEntry is a term found in the dictionary.
type dictEntry struct {
	term        string
	df          int
	pack, index int
	class       int // stem class, -1: none
}

// dictEntries returns the dictionary entries of term, or with prefix
// set, of every term starting with it. A prefix's terms are contiguous in
// the sorted dictionary: they start in the shard that would hold term and
// go on through the shards whose first term has the prefix.
func (q *queryRun) dictEntries(term string, prefix bool) ([]dictEntry, error) {
	first := q.s.root.Dict
	if len(first) == 0 {
		return nil, nil
	}
	i := max(0, sort.Search(len(first), func(i int) bool { return compareJS(first[i], term) > 0 })-1)
	var out []dictEntry
	for {
		key := shardKey("t", i)
		payload, err := q.s.loadString(q, key)
		if err != nil {
			return nil, err
		}
		entries, err := parseDict(payload)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", shardPath(key), err)
		}
		for _, e := range entries {
			if e.term == term || prefix && strings.HasPrefix(e.term, term) {
				out = append(out, e)
			}
		}
		if !prefix || i+1 >= len(first) || !strings.HasPrefix(first[i+1], term) {
			return out, nil
		}
		i++
	}
}

// parseDict decodes a dictionary shard.
func parseDict(payload string) ([]dictEntry, error) {
	d := decoder{s: payload}
	pack, index := d.varint(), d.varint()
	var out []dictEntry
	prev := ""
	for first := true; d.more(); first = false {
		shared := d.varint()
		n := d.varint()
		if d.err != nil {
			break
		}
		// shared counts UTF-16 units of prev.
		p := prefixUnits(prev, shared)
		term := p + d.str(n)
		v := d.varint()
		if !first {
			if v&2 != 0 {
				pack, index = pack+1, 0
			} else {
				index++
			}
		}
		class := -1
		if v&1 != 0 {
			class = d.varint()
		}
		out = append(out, dictEntry{term: term, df: v >> 2, pack: pack, index: index, class: class})
		prev = term
	}
	return out, d.err
}

// prefixUnits returns the first n UTF-16 units of s.
func prefixUnits(s string, n int) string {
	i := 0
	for n > 0 && i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n--
		if r >= 0x10000 {
			n--
		}
	}
	return s[:i]
}

// postings reads a term's documents and levels.
func (q *queryRun) postings(e dictEntry) (docs []int, lv []int, err error) {
	payload, err := q.s.loadString(q, shardKey("p", e.pack))
	if err != nil {
		return nil, nil, err
	}
	list, err := packList(payload, e.index)
	if err != nil {
		return nil, nil, err
	}
	return decodeList(list, e.df, !strings.Contains(e.term, ":"), q.s.root.LevelCode, q.s.root.Docs)
}

// decodeList reads a posting list of df postings (postings.go), with
// levels or without (then all 0), of documents below n, the lengths of the
// level codes given: bit by bit, as the format says, not as the client
// does it.
func decodeList(list string, df int, hasLevels bool, lens []int, n int) (docs []int, lv []int, err error) {
	if len(lens) != levels {
		return nil, nil, errCorrupt
	}
	var ll [levels]uint8
	for l, b := range lens {
		if b < 1 || b > maxLevelBits {
			return nil, nil, errCorrupt
		}
		ll[l] = uint8(b)
	}
	code := canonicalCode(ll)
	d := decoder{s: list}
	v := d.varint()
	doc, level := v, 0
	if hasLevels {
		doc, level = v/levels, v%levels
	}
	docs, lv = append(docs, doc), append(lv, level)
	k := 0
	if df > 1 {
		k = d.varint()
	}
	if d.err != nil || df < 1 || k > maxRice || doc >= n {
		return nil, nil, errCorrupt
	}
	bitsOf := list[d.i:]
	pos := 0 // bits read
	bit := func() (int, bool) {
		if pos >= 6*len(bitsOf) {
			return 0, false
		}
		c := bitsOf[pos/6]
		if c >= 128 || digitValue[c] < 0 || digitValue[c] >= 64 {
			return 0, false
		}
		b := int(digitValue[c]) >> (5 - pos%6) & 1
		pos++
		return b, true
	}
	for i := 1; i < df; i++ {
		q := 0
		for {
			b, ok := bit()
			if !ok || q > n {
				return nil, nil, errCorrupt
			}
			if b == 1 {
				break
			}
			q++
		}
		r := 0
		for range k {
			b, ok := bit()
			if !ok {
				return nil, nil, errCorrupt
			}
			r = r<<1 | b
		}
		doc += q<<k + r + 1
		level := 0
		if hasLevels {
			c, w := uint32(0), uint8(0)
			for level = -1; level < 0; {
				b, ok := bit()
				if !ok || w == maxLevelBits {
					return nil, nil, errCorrupt
				}
				c, w = c<<1|uint32(b), w+1
				for l := range levels {
					if code.lens[l] == w && code.codes[l] == c {
						level = l
					}
				}
			}
		}
		if doc >= n {
			return nil, nil, errCorrupt
		}
		docs, lv = append(docs, doc), append(lv, level)
	}
	// What is left is the last digit's padding: fewer than 6 zero bits.
	if 6*len(bitsOf)-pos >= 6 {
		return nil, nil, errCorrupt
	}
	for pos < 6*len(bitsOf) {
		if b, ok := bit(); !ok || b != 0 {
			return nil, nil, errCorrupt
		}
	}
	return docs, lv, nil
}

// positions reads a term's residue sets, one per posting.
func (q *queryRun) positions(e dictEntry) ([][]int, error) {
	payload, err := q.s.loadString(q, shardKey("q", e.pack))
	if err != nil {
		return nil, err
	}
	list, err := packList(payload, e.index)
	if err != nil {
		return nil, err
	}
	d := decoder{s: list}
	var out [][]int
	var cur []int
	for d.more() {
		v := d.digit()
		switch {
		case v == emptyResidues:
			out = append(out, nil)
		case v >= posMod:
			cur = append(cur, v-posMod)
		default:
			out = append(out, append(cur, v))
			cur = nil
		}
	}
	return out, d.err
}

// packList returns the index-th list of a pack.
func packList(payload string, index int) (string, error) {
	d := decoder{s: payload}
	k := d.varint()
	// Each list's length takes a digit at least: a count past what the
	// payload holds is corrupt (and would keep this loop going for ever).
	if index >= k || k > len(payload) {
		return "", errCorrupt
	}
	off := 0
	var n int
	for i := 0; i < k && d.err == nil; i++ {
		l := d.varint()
		if i < index {
			off += l
		} else if i == index {
			n = l
		}
	}
	start := d.i + off
	if d.err != nil || start+n > len(payload) {
		return "", errCorrupt
	}
	return payload[start : start+n], nil
}

// maxExpansions bounds the terms a prefix stands for: the most frequent.
const maxExpansions = 16

// minStartLen is the length (in code points) from which a word that the
// index does not hold matches the words that start with it (the
// maxExpansions most frequent).
const minStartLen = 4

// word returns the documents holding a query word (a prefix's expansions,
// any of them) with the word's impact on each.
func (q *queryRun) word(w Word) ([]int, []float64, error) {
	entries, err := q.dictEntries(w.Term, w.Prefix)
	if err != nil {
		return nil, nil, err
	}
	if w.Prefix {
		slices.SortStableFunc(entries, func(a, b dictEntry) int {
			if (a.term == w.Term) != (b.term == w.Term) {
				if a.term == w.Term {
					return -1
				}
				return 1
			}
			return cmp.Compare(b.df, a.df)
		})
		entries = slices.DeleteFunc(entries, func(e dictEntry) bool { return strings.IndexByte(e.term, ':') >= 0 })
		if len(entries) > maxExpansions {
			entries = entries[:maxExpansions]
		}
	} else if !w.Exact {
		if len(entries) == 1 && entries[0].class >= 0 {
			// The word's other forms: the terms of its row of forms.
			forms, err := q.stemClass(entries[0].class)
			if err != nil {
				return nil, nil, err
			}
			for _, f := range forms {
				if f == w.Term {
					continue
				}
				es, err := q.dictEntries(f, false)
				if err != nil {
					return nil, nil, err
				}
				entries = append(entries, es...)
			}
		}
		if len(entries) == 0 && utf8.RuneCountInString(w.Term) >= minStartLen {
			// A word the index does not hold: the most frequent words
			// that start with it.
			more, err := q.dictEntries(w.Term, true)
			if err != nil {
				return nil, nil, err
			}
			more = slices.DeleteFunc(more, func(e dictEntry) bool { return strings.IndexByte(e.term, ':') >= 0 })
			slices.SortStableFunc(more, func(a, b dictEntry) int { return cmp.Compare(b.df, a.df) })
			entries = more[:min(len(more), maxExpansions)]
		}
	}
	best := map[int]float64{}
	for _, e := range entries {
		docs, lv, err := q.postings(e)
		if err != nil {
			return nil, nil, err
		}
		for i, doc := range docs {
			if v := impact(q.s.root.Docs, e.df, lv[i]); v > best[doc] {
				best[doc] = v
			}
		}
	}
	docs := make([]int, 0, len(best))
	for doc := range best {
		docs = append(docs, doc)
	}
	slices.Sort(docs)
	scores := make([]float64, len(docs))
	for i, doc := range docs {
		scores[i] = best[doc]
	}
	return docs, scores, nil
}

// stemClass returns the terms of a row of forms (file s/N).
func (q *queryRun) stemClass(class int) ([]string, error) {
	key := shardKey("s", class/q.s.root.StemShard)
	raw, err := q.load(key)
	if err != nil {
		return nil, err
	}
	var classes []string
	if err := json.Unmarshal(raw, &classes); err != nil {
		return nil, fmt.Errorf("%s: %w", shardPath(key), err)
	}
	if i := class % q.s.root.StemShard; i < len(classes) {
		return strings.Split(classes[i], " "), nil
	}
	return nil, fmt.Errorf("%s: %w", shardPath(key), errCorrupt)
}

// indexedTerms returns the terms of a phrase that are in the postings,
// with their offsets in the phrase.
func indexedTerms(ph Phrase) []Word {
	var out []Word
	for i, t := range ph.Terms {
		if indexable([]byte(t)) {
			out = append(out, Word{Term: t, Offset: i})
		}
	}
	return out
}

// phrase returns the documents holding a phrase: all its indexed terms,
// each followed by the phrase's next word as far as the index can tell
// (a posting keeps the nextResidue of the words that follow its term).
func (q *queryRun) phrase(ph Phrase) ([]int, []float64, error) {
	terms := indexedTerms(ph)
	if len(terms) == 0 {
		return nil, nil, nil
	}
	type list struct {
		docs   []int
		res    [][]int // per posting, the residues of the words after the term
		want   int     // the residue of the phrase's word after the term, -1 for none
		impact []float64
	}
	lists := make([]list, len(terms))
	for i, w := range terms {
		entries, err := q.dictEntries(w.Term, false)
		if err != nil {
			return nil, nil, err
		}
		if len(entries) == 0 {
			return []int{}, nil, nil
		}
		e := entries[0]
		docs, lv, err := q.postings(e)
		if err != nil {
			return nil, nil, err
		}
		l := list{docs: docs, want: -1, impact: make([]float64, len(docs))}
		for j := range docs {
			l.impact[j] = impact(q.s.root.Docs, e.df, lv[j])
		}
		if w.Offset+1 < len(ph.Terms) {
			l.want = nextResidue([]byte(ph.Terms[w.Offset+1]))
			if l.res, err = q.positions(e); err != nil {
				return nil, nil, err
			}
		}
		lists[i] = l
	}
	// Walk the lists together.
	idx := make([]int, len(lists))
	var docs []int
	var scores []float64
	for idx[0] < len(lists[0].docs) {
		doc := lists[0].docs[idx[0]]
		found := true
		for k := 1; k < len(lists); k++ {
			l := &lists[k]
			for idx[k] < len(l.docs) && l.docs[idx[k]] < doc {
				idx[k]++
			}
			if idx[k] >= len(l.docs) {
				return docs, scores, nil
			}
			if l.docs[idx[k]] != doc {
				found = false
			}
		}
		for k := 0; k < len(lists) && found; k++ {
			if l := &lists[k]; l.want >= 0 {
				found = slices.Contains(l.res[idx[k]], l.want)
			}
		}
		if found {
			sc := 0.0
			for k := range lists {
				sc += lists[k].impact[idx[k]]
			}
			docs = append(docs, doc)
			scores = append(scores, sc)
		}
		idx[0]++
	}
	return docs, scores, nil
}

// filter returns the documents a filter allows.
func (q *queryRun) filter(f Filter) ([]int, error) {
	switch f.Field {
	case "tag", "origin", "class":
		keys := q.facetKeys(f)
		seen := map[int]bool{}
		for _, key := range keys {
			entries, err := q.dictEntries(f.Field+":"+key, false)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				docs, _, err := q.postings(e)
				if err != nil {
					return nil, err
				}
				for _, d := range docs {
					seen[d] = true
				}
			}
		}
		out := make([]int, 0, len(seen))
		for d := range seen {
			out = append(out, d)
		}
		slices.Sort(out)
		return out, nil
	case "year":
		lo, hi := yearRange(f.Value)
		var out []int
		years := q.s.root.Years
		for i, y := range years {
			if y[0] < lo || y[0] > hi {
				continue
			}
			end := q.s.root.Dated
			if i+1 < len(years) {
				end = years[i+1][1]
			}
			for d := y[1]; d < end; d++ {
				out = append(out, d)
			}
		}
		return out, nil
	case "date":
		return q.dateFilter(f.Value)
	case "to", "from", "subject", "signer", "ref", "in":
		return q.fieldFilter(f)
	}
	return nil, fmt.Errorf("search: unknown filter %q", f.Field+":")
}

// fieldKey is a term of a field filter to look up: with prefix, every
// term that starts with it.
type fieldKey struct {
	term   string
	prefix bool
}

// fieldKeys returns the terms a to:, from:, subject:, signer: or ref:
// filter asks for, all of which must match (doc.go, "Fields"): for ref:
// and a quoted name, the whole value ("to:=amembassy bogota"); else each
// of its words ("to:bogota"). A word ending in * is a prefix.
func fieldKeys(f Filter) []fieldKey {
	var tok Tokenizer
	whole := f.Field == "ref" || f.Field == "in"
	if whole || f.Quoted && f.Field != "subject" {
		key := FacetKey(strings.TrimRight(f.Value, "*"))
		if key == "" {
			return nil
		}
		name := f.Field + ":"
		if !whole {
			name += "="
		}
		return []fieldKey{{name + key, strings.HasSuffix(f.Value, "*")}}
	}
	var out []fieldKey
	for _, chunk := range strings.FieldsFunc(f.Value, func(r rune) bool { return r < 128 && isQuerySpace(byte(r)) }) {
		prefix := strings.HasSuffix(chunk, "*")
		terms := tok.Terms(strings.TrimRight(chunk, "*"))
		for k, t := range terms {
			p := prefix && k == len(terms)-1
			if f.Field == "subject" && !p && !indexable([]byte(t)) {
				continue
			}
			out = append(out, fieldKey{f.Field + ":" + t, p})
		}
	}
	return out
}

// fieldFilter returns the documents of a to:, from:, subject:, signer: or
// ref: filter: those holding every key of fieldKeys, a prefix key by any
// of the terms it starts.
func (q *queryRun) fieldFilter(f Filter) ([]int, error) {
	keys := fieldKeys(f)
	if len(keys) == 0 {
		return []int{}, nil
	}
	var set []int
	for k, key := range keys {
		entries, err := q.dictEntries(key.term, key.prefix)
		if err != nil {
			return nil, err
		}
		var u docSet
		for _, e := range entries {
			docs, _, err := q.postings(e)
			if err != nil {
				return nil, err
			}
			u = union(u, docs, nil)
		}
		if k == 0 {
			set = u.docs
		} else {
			set = intersect(docSet{docs: set, scores: make([]float64, len(set))}, u.docs, nil).docs
		}
		if len(set) == 0 {
			return []int{}, nil
		}
	}
	return set, nil
}

// dateFilter returns the documents of a date range: "2007-01-01..2007-06-30",
// "2007-03", "2007", "..2005-12-31"; a bound may be a year, a month or a day.
func (q *queryRun) dateFilter(v string) ([]int, error) {
	a, b, isRange := strings.Cut(v, "..")
	if !isRange {
		b = a
	}
	from, to := math.MinInt, math.MaxInt
	var ok bool
	if a != "" {
		if from, ok = parseDay(a, false); !ok {
			return nil, nil
		}
	}
	if b != "" {
		if to, ok = parseDay(b, true); !ok {
			return nil, nil
		}
	}
	payload, err := q.s.loadString(q, "days")
	if err != nil {
		return nil, err
	}
	d := decoder{s: payload}
	var out []int
	dayN, doc := 0, 0
	for d.more() {
		dayN += d.varint()
		n := d.varint()
		if dayN >= from && dayN <= to {
			for i := range n {
				out = append(out, doc+i)
			}
		}
		doc += n
	}
	return out, d.err
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD as a day number: its first
// day, or with end set its last.
func parseDay(s string, end bool) (int, bool) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 4 {
			return 0, false
		}
		n[i] = v
	}
	var t time.Time
	switch {
	case len(parts) == 3:
		t = time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	case len(parts) == 2 && end:
		t = time.Date(n[0], time.Month(n[1])+1, 0, 0, 0, 0, 0, time.UTC)
	case len(parts) == 2:
		t = time.Date(n[0], time.Month(n[1]), 1, 0, 0, 0, 0, time.UTC)
	case end:
		t = time.Date(n[0], 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		t = time.Date(n[0], 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return day(t), true
}

// facetKeys returns the facet keys a filter stands for: for tag, the key
// of its value; for origin and class, every name of the root whose terms
// include all the value's (class:secret is SECRET and SECRET//NOFORN), or
// for a quoted value, the name it is, when there is one
// (class:"SECRET").
func (q *queryRun) facetKeys(f Filter) []string {
	key := FacetKey(f.Value)
	if f.Field == "tag" {
		return []string{key}
	}
	names := q.s.root.Origins
	if f.Field == "class" {
		names = q.s.root.Classes
	}
	want := strings.Fields(key)
	var out []string
	for _, n := range names {
		k := FacetKey(n)
		if f.Quoted && k == key {
			return []string{k}
		}
		have := strings.Fields(k)
		all := len(want) > 0
		for _, w := range want {
			all = all && slices.Contains(have, w)
		}
		if all {
			out = append(out, k)
		}
	}
	return out
}

// yearRange reads "2006", "2006..2008", "..2008", "2006..".
func yearRange(v string) (lo, hi int) {
	a, b, ok := strings.Cut(v, "..")
	if !ok {
		b = a
	}
	lo, hi = -1<<31, 1<<31-1
	if n, err := strconv.Atoi(strings.TrimSpace(a)); err == nil {
		lo = n
	}
	if n, err := strconv.Atoi(strings.TrimSpace(b)); err == nil {
		hi = n
	}
	return lo, hi
}

// digitValue maps a character to its digit value, or -1.
var digitValue = func() (t [128]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

var errCorrupt = errors.New("search: corrupt index data")

// decoder reads varints, digits and strings from a payload: the reader
// of encode.go's format, as the client's core reads it.
type decoder struct {
	s   string
	i   int
	err error
}

func (d *decoder) more() bool { return d.err == nil && d.i < len(d.s) }

func (d *decoder) digit() int {
	if d.i >= len(d.s) {
		d.err = errCorrupt
		return 0
	}
	c := d.s[d.i]
	d.i++
	if c >= 128 || digitValue[c] < 0 {
		d.err = errCorrupt
		return 0
	}
	return int(digitValue[c])
}

func (d *decoder) varint() int {
	n, mult := 0, 1
	for {
		v := d.digit()
		if d.err != nil {
			return 0
		}
		if v < terminal {
			return n + mult*v
		}
		// A continuation digit v stands for terminal + (v-terminal): v.
		n += mult * v
		mult *= cont
		if mult > 1<<40 {
			d.err = errCorrupt
			return 0
		}
	}
}

// str reads n UTF-16 code units.
func (d *decoder) str(n int) string {
	start := d.i
	for n > 0 && d.i < len(d.s) {
		r, size := utf8.DecodeRuneInString(d.s[d.i:])
		d.i += size
		n--
		if r >= 0x10000 {
			n--
		}
	}
	if n != 0 {
		d.err = errCorrupt
	}
	return d.s[start:d.i]
}

// levelValue is the saturation a level stands for: its middle.
func levelValue(level int) float64 { return (float64(level) + 0.5) / levels }

// idf is BM25's inverse document frequency of a term found in df of n
// documents; never negative.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// impact is a term's contribution to a document's score: what the client
// adds up, (k1+1) * idf * the level's value.
func impact(n, df, level int) float64 { return (k1 + 1) * idf(n, df) * levelValue(level) }

// nextResidue is residueOf the word: what a posting keeps of it when it
// follows the posting's term.
func nextResidue(term []byte) int { return residueOf(termHash(term)) }
