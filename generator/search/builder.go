package search

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Doc is one cable as the index sees it.
type Doc struct {
	ID string
	// URL is the cable's page, relative to the site root:
	// "cable/2007/09/07STATE126086.html".
	URL  string
	Date time.Time // the zero time: undated; so is a date outside years 1 to 9999 in UTC
	// Subject, Origin, Classification and Tags are indexed and shown.
	Subject        string
	Origin         string
	Classification string
	Tags           []string
	// Body is the plain text to index (see PlainText).
	Body string
	// Excerpt is the text shown under a hit, cut to Config.Excerpt bytes;
	// empty means the start of Body.
	Excerpt string
	// To are the addressees (TO and INFO), by name and routing indicator,
	// From is the sender, Signers the names that sign the cable: each is
	// searched by field (to:, from:, signer:), by its words or whole.
	To      []string
	From    string
	Signers []string
	// References are the ids of the cables this one cites (ref:).
	References []string
	// Collections are the slugs of the curated collections that list the
	// cable (in:).
	Collections []string
}

// Config configures a Builder. The zero value works.
type Config struct {
	// Excerpt is how many bytes of text are kept per cable for its
	// snippet; 0 means 320. The text kept is the Doc's Excerpt, else the
	// start of its Body, cut at a word.
	Excerpt int
	// Workers is how many goroutines analyse documents; 0 means
	// GOMAXPROCS.
	Workers int
	// TagMeaning gives the meaning of a TAG, shown beside it in the
	// search page's facets (file tagm); nil or "" for none.
	TagMeaning func(code string) string

	facetBlock int // documents per facet block; 0 means facetBlock (tests make it small)
}

// Builder builds a search index from a stream of documents. Add them in
// any order, from any goroutines; then Write the index once, which also
// stops the Builder's goroutines. The same set of documents always gives
// the same files.
type Builder struct {
	cfg Config

	in      chan *Doc
	workers sync.WaitGroup
	once    sync.Once

	mu      sync.Mutex // guards what follows, but the shards
	docs    []docRecord
	origins interner
	classes interner
	tags    interner
	tokens  int64 // terms seen in subjects and bodies

	// The dictionary is split by hash so that workers merge documents in
	// parallel, each locking one shard at a time.
	shards [dictShards]dictShard
}

const dictShards = 64

type dictShard struct {
	mu    sync.Mutex
	dict  map[string]int32 // term -> index in terms
	terms []termPostings
}

// termPostings is one term's postings while the index is built, in the
// order documents were merged: per document, the zigzag uvarint
// difference from the previous document's arrival number, then the
// field counts and residues (appendPostingData).
type termPostings struct {
	name  string
	buf   []byte
	last  int32 // arrival number of the last document merged, -1 before the first
	df    int32
	class int32 // stem class, set by Write
}

// docRecord is what the index keeps of a document: what a hit shows, its
// facets, and the lengths BM25 needs. Its strings share one allocation.
type docRecord struct {
	text             string   // id, URL, subject and excerpt, back to back
	ends             [3]int32 // where the id, the URL and the subject end in text
	date             int64    // Unix seconds; undated: math.MaxInt64, so it sorts last
	origin, class    int32    // interned; -1: none
	tags             []int32
	subjLen, bodyLen int32
}

func (d *docRecord) id() string      { return d.text[:d.ends[0]] }
func (d *docRecord) url() string     { return d.text[d.ends[0]:d.ends[1]] }
func (d *docRecord) subject() string { return d.text[d.ends[1]:d.ends[2]] }
func (d *docRecord) excerpt() string { return d.text[d.ends[2]:] }
func (d *docRecord) dated() bool     { return d.date != math.MaxInt64 }

// time returns the document's date, the zero time when undated.
func (d *docRecord) time() time.Time {
	if !d.dated() {
		return time.Time{}
	}
	return time.Unix(d.date, 0).UTC()
}

// NewBuilder returns a Builder ready for Add.
func NewBuilder(cfg Config) *Builder {
	if cfg.Excerpt <= 0 {
		cfg.Excerpt = 320
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.facetBlock <= 0 {
		cfg.facetBlock = facetBlock
	}
	b := &Builder{
		cfg: cfg,
		in:  make(chan *Doc, 4*cfg.Workers),
	}
	for i := range b.shards {
		b.shards[i].dict = map[string]int32{}
	}
	for range cfg.Workers {
		b.workers.Go(func() {
			var tok Tokenizer
			dt := newDocTerms()
			bt := newBatch()
			for d := range b.in {
				dt.analyze(&tok, d, cfg.Excerpt)
				b.add(dt, bt)
				if bt.docs >= batchDocs {
					b.merge(bt)
				}
			}
			b.merge(bt)
		})
	}
	return b
}

// SetTagMeaning sets Config.TagMeaning, for a caller that knows the
// TAG dictionary only after it made the Builder. Call it before Write.
func (b *Builder) SetTagMeaning(f func(code string) string) { b.cfg.TagMeaning = f }

// Add adds a document. It may be called from several goroutines at once,
// but not after Write (it panics then). The document is analysed on one of
// the Builder's goroutines; Add blocks while they are all busy.
func (b *Builder) Add(d Doc) {
	b.in <- &d
}

// finish waits until every document added has been merged.
func (b *Builder) finish() {
	b.once.Do(func() {
		close(b.in)
		b.workers.Wait()
	})
}

// add numbers an analysed document, keeps its record, and adds its terms
// to the worker's batch.
func (b *Builder) add(dt *docTerms, bt *batch) {
	rec := dt.doc
	b.mu.Lock()
	doc := int32(len(b.docs))
	rec.origin = b.origins.id(dt.origin)
	rec.class = b.classes.id(dt.class)
	if len(dt.tagNames) > 0 {
		rec.tags = make([]int32, len(dt.tagNames))
		for i, t := range dt.tagNames {
			rec.tags[i] = b.tags.id(t)
		}
	}
	b.docs = append(b.docs, rec)
	b.tokens += int64(rec.subjLen + rec.bodyLen)
	b.mu.Unlock()

	for i := range dt.ents {
		e := &dt.ents[i]
		t := bt.term(dt.arena[e.off:e.off+e.n], e.hash)
		bt.posts = append(bt.posts, batchPosting{term: t, doc: doc, counts: e.counts.pack(), residues: e.residues})
		bt.terms[t].count++
	}
	bt.docs++
}

// batchDocs is how many documents a worker inverts on its own before it
// merges them into the dictionary: a term of the batch is looked up there
// once, not once per document, and its postings are appended at once.
const batchDocs = 512

// batch is a worker's postings of its last documents, by local term.
type batch struct {
	table []int32 // open addressing over terms: index+1, 0 empty; a power of two long
	terms []batchTerm
	arena []byte // the terms' names
	posts []batchPosting
	docs  int

	start []int32 // by term: where its postings start in order
	order []int32 // the postings, grouped by term, each group in document order
}

type batchTerm struct {
	off, n int32
	hash   uint32
	count  int32
}

type batchPosting struct {
	term, doc int32
	counts    uint64
	residues  uint64
}

func newBatch() *batch { return &batch{table: make([]int32, 1<<16)} }

// term returns the local number of a term, adding it if new.
func (bt *batch) term(name []byte, h uint32) int32 {
	mask := uint32(len(bt.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		t := bt.table[i] - 1
		if t < 0 {
			if 2*(len(bt.terms)+1) > len(bt.table) {
				bt.grow()
				return bt.term(name, h)
			}
			t = int32(len(bt.terms))
			bt.table[i] = t + 1
			bt.terms = append(bt.terms, batchTerm{off: int32(len(bt.arena)), n: int32(len(name)), hash: h})
			bt.arena = append(bt.arena, name...)
			return t
		}
		if e := &bt.terms[t]; e.hash == h && string(bt.arena[e.off:e.off+e.n]) == string(name) {
			return t
		}
	}
}

func (bt *batch) grow() {
	bt.table = make([]int32, 2*len(bt.table))
	mask := uint32(len(bt.table) - 1)
	for t := range bt.terms {
		i := bt.terms[t].hash & mask
		for bt.table[i] != 0 {
			i = (i + 1) & mask
		}
		bt.table[i] = int32(t) + 1
	}
}

// merge adds a batch's postings to the dictionary and empties it. Terms
// are grouped by shard, and each shard locked once.
func (b *Builder) merge(bt *batch) {
	if bt.docs == 0 {
		return
	}
	// Group the postings by term (a counting sort, which keeps them in
	// document order within a term).
	bt.start = slices.Grow(bt.start[:0], len(bt.terms)+1)[:len(bt.terms)+1]
	sum := int32(0)
	for t := range bt.terms {
		bt.start[t] = sum
		sum += bt.terms[t].count
	}
	bt.start[len(bt.terms)] = sum
	bt.order = slices.Grow(bt.order[:0], len(bt.posts))[:len(bt.posts)]
	next := slices.Clone(bt.start[:len(bt.terms)])
	for i := range bt.posts {
		t := bt.posts[i].term
		bt.order[next[t]] = int32(i)
		next[t]++
	}
	// Group the terms by shard.
	var count [dictShards + 1]int32
	for t := range bt.terms {
		count[bt.terms[t].hash>>(32-dictShardBits)+1]++
	}
	for i := 1; i <= dictShards; i++ {
		count[i] += count[i-1]
	}
	byShard := make([]int32, len(bt.terms))
	at := count
	for t := range bt.terms {
		sh := bt.terms[t].hash >> (32 - dictShardBits)
		byShard[at[sh]] = int32(t)
		at[sh]++
	}
	for sh := range dictShards {
		lo, hi := count[sh], count[sh+1]
		if lo == hi {
			continue
		}
		shard := &b.shards[sh]
		shard.mu.Lock()
		for _, lt := range byShard[lo:hi] {
			e := &bt.terms[lt]
			key := bt.arena[e.off : e.off+e.n]
			ti, ok := shard.dict[string(key)]
			if !ok {
				ti = int32(len(shard.terms))
				name := string(key)
				shard.dict[name] = ti
				shard.terms = append(shard.terms, termPostings{name: name, last: -1})
			}
			t := &shard.terms[ti]
			for _, pi := range bt.order[bt.start[lt]:bt.start[lt+1]] {
				p := &bt.posts[pi]
				delta := int64(p.doc - t.last)
				t.buf = binary.AppendUvarint(t.buf, uint64(delta<<1^delta>>63))
				t.buf = appendPostingData(t.buf, p.counts, p.residues)
				t.last = p.doc
			}
			t.df += e.count
		}
		shard.mu.Unlock()
	}
	clear(bt.table)
	bt.terms, bt.arena, bt.posts, bt.docs = bt.terms[:0], bt.arena[:0], bt.posts[:0], 0
}

const dictShardBits = 6 // 1<<dictShardBits == dictShards

// appendPostingData appends a posting's field counts and residues as a
// uvarint V and extra bytes. The commonest posting, a term once in the
// body, takes one byte: V < posMod is that residue. Otherwise V-posMod is
// (counts<<3 | min(residues, 7))<<6 | first residue (63: none), followed
// by the number of residues when seven or more, then the other residues,
// one byte each.
func appendPostingData(b []byte, counts uint64, set uint64) []byte {
	n := bits.OnesCount64(set)
	if n == 1 && counts == onceInBody {
		return append(b, byte(bits.TrailingZeros64(set)))
	}
	first := uint64(63)
	if set != 0 {
		first = uint64(bits.TrailingZeros64(set))
		set &= set - 1
	}
	b = binary.AppendUvarint(b, posMod+((counts<<3|uint64(min(n, 7)))<<6|first))
	if n >= 7 {
		b = append(b, byte(n))
	}
	for set != 0 {
		b = append(b, byte(bits.TrailingZeros64(set)))
		set &= set - 1
	}
	return b
}

// onceInBody is the packed fieldCounts of a term found once, in the body.
var onceInBody = fieldCounts{body: 1}.pack()

// readPosting reads the next posting of a term's build-time list
// (termPostings.buf): its arrival, written as a zigzag varint from the
// previous one (prev; -1 before the first), then its data, whose residues
// it appends to res.
func readPosting(b []byte, prev int64, res []byte) (arrival int64, counts uint64, out []byte, rest []byte) {
	zz, n := binary.Uvarint(b)
	arrival = prev + (int64(zz>>1) ^ -int64(zz&1))
	counts, out, rest = readPostingData(b[n:], res)
	return arrival, counts, out, rest
}

// readPostingData reads what appendPostingData wrote, appending the
// residues to res.
func readPostingData(b []byte, res []byte) (counts uint64, out []byte, rest []byte) {
	v, n := binary.Uvarint(b)
	b = b[n:]
	if v < posMod {
		return onceInBody, append(res, byte(v)), b
	}
	v -= posMod
	counts = v >> 9
	nres := int(v >> 6 & 7)
	first := v & 63
	if nres == 7 {
		nres = int(b[0])
		b = b[1:]
	}
	if first != 63 {
		res = append(res, byte(first))
		res = append(res, b[:nres-1]...)
		b = b[nres-1:]
	}
	return counts, res, b
}

// interner numbers strings in the order they are first seen and counts them.
type interner struct {
	ids    map[string]int32
	names  []string
	counts []int32
}

func (in *interner) id(s string) int32 {
	if s == "" {
		return -1
	}
	if in.ids == nil {
		in.ids = map[string]int32{}
	}
	i, ok := in.ids[s]
	if !ok {
		i = int32(len(in.names))
		in.ids[s] = i
		in.names = append(in.names, strings.Clone(s))
		in.counts = append(in.counts, 0)
	}
	in.counts[i]++
	return i
}

// fieldCounts says where a term occurs in a document.
type fieldCounts struct {
	body, subject uint32
	tags          bool // a TAG, the id
	origin        bool
}

func (c fieldCounts) pack() uint64 {
	v := uint64(c.body)<<4 | uint64(min(c.subject, 3))<<2
	if c.tags {
		v |= 2
	}
	if c.origin {
		v |= 1
	}
	return v
}

func unpackCounts(v uint64) fieldCounts {
	return fieldCounts{body: uint32(v >> 4), subject: uint32(v>>2) & 3, tags: v&2 != 0, origin: v&1 != 0}
}

// docTerms is one document analysed: its distinct terms with their counts
// and residues, in a small hash table that is reused from one document to
// the next, so that analysing allocates nothing in the steady state.
type docTerms struct {
	arena    []byte
	ents     []docTerm
	table    []int32 // indexes into ents, -1 empty; a power of two long
	doc      docRecord
	origin   string
	class    string
	tagNames []string
	key      []byte
	text     []byte
}

type docTerm struct {
	off, n   int32
	hash     uint32
	counts   fieldCounts
	residues uint64 // residueOf each word that follows the term, as a bit set
}

func newDocTerms() *docTerms {
	dt := &docTerms{table: make([]int32, 1024)}
	for i := range dt.table {
		dt.table[i] = -1
	}
	return dt
}

func (dt *docTerms) reset() {
	if len(dt.ents) > 0 {
		for i := range dt.table {
			dt.table[i] = -1
		}
	}
	dt.arena = dt.arena[:0]
	dt.ents = dt.ents[:0]
	dt.tagNames = dt.tagNames[:0]
}

// termHash returns the 32-bit FNV-1a hash of term.
func termHash(term []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range term {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// residueOf is what a posting keeps of a word that follows its term, of
// termHash h (the word's FNV-1a hash): h mixed by MurmurHash3's finalizer
// (FNV-1a's low bits vary little between short words), modulo posMod. The
// client's nextResidue is the same, from the word.
func residueOf(h uint32) int {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return int(h % posMod)
}

// get returns the entry of term, adding it if new.
func (dt *docTerms) get(term []byte) *docTerm { return &dt.ents[dt.add(term, termHash(term))] }

// add returns the number in dt.ents of term's entry, whose hash (termHash) is
// h, adding it if new.
func (dt *docTerms) add(term []byte, h uint32) int32 {
	mask := uint32(len(dt.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		ei := dt.table[i]
		if ei < 0 {
			if 2*(len(dt.ents)+1) > len(dt.table) {
				dt.grow()
				return dt.add(term, h)
			}
			dt.table[i] = int32(len(dt.ents))
			dt.ents = append(dt.ents, docTerm{off: int32(len(dt.arena)), n: int32(len(term)), hash: h})
			dt.arena = append(dt.arena, term...)
			return int32(len(dt.ents) - 1)
		}
		e := &dt.ents[ei]
		if e.hash == h && string(dt.arena[e.off:e.off+e.n]) == string(term) {
			return ei
		}
	}
}

func (dt *docTerms) grow() {
	dt.table = make([]int32, 2*len(dt.table))
	for i := range dt.table {
		dt.table[i] = -1
	}
	mask := uint32(len(dt.table) - 1)
	for ei := range dt.ents {
		i := dt.ents[ei].hash & mask
		for dt.table[i] >= 0 {
			i = (i + 1) & mask
		}
		dt.table[i] = int32(ei)
	}
}

// posMod is the modulus of the residues kept: a posting keeps the set of
// the residues (residueOf) of the words that follow its term, enough to
// check most phrases (see doc.go). Residues are written as one digit each,
// with 45 values for the last residue of a set, 45 for the others, and one
// for the empty set.
const posMod = 45

// emptyResidues is the digit of an empty residue set: a term that occurs
// only in the TAGS, the origin or the id, or only as the last word of its
// field.
const emptyResidues = 2 * posMod

// analyze tokenizes a document into dt.
func (dt *docTerms) analyze(tok *Tokenizer, d *Doc, excerptBytes int) {
	dt.reset()
	var subjLen, bodyLen int32
	// Each indexed term keeps the residues of the words that follow it
	// (residueOf), for phrases; prev is the entry of the word before,
	// -1 when that word is not indexed.
	prev := int32(-1)
	next := func(term []byte) (h uint32) {
		h = termHash(term)
		if prev >= 0 {
			dt.ents[prev].residues |= 1 << residueOf(h)
		}
		prev = -1
		return h
	}
	tok.Tokens(d.Subject, func(term []byte, _ int) {
		subjLen++
		h := next(term)
		if indexable(term) {
			ei := dt.add(term, h)
			dt.ents[ei].counts.subject++
			prev = ei
		}
	})
	prev = -1 // a phrase never spans the subject and the body
	tok.Tokens(d.Body, func(term []byte, _ int) {
		bodyLen++
		h := next(term)
		if indexable(term) {
			ei := dt.add(term, h)
			dt.ents[ei].counts.body++
			prev = ei
		}
	})
	tok.Tokens(d.ID, func(term []byte, _ int) {
		if indexable(term) {
			dt.get(term).counts.tags = true
		}
	})
	for _, tag := range d.Tags {
		tag = strings.TrimSpace(tag)
		if tag == "" || slices.Contains(dt.tagNames, tag) {
			continue
		}
		dt.tagNames = append(dt.tagNames, tag)
		tok.Tokens(tag, func(term []byte, _ int) {
			if indexable(term) {
				dt.get(term).counts.tags = true
			}
		})
		dt.facet(tok, "tag:", tag)
	}
	origin := strings.TrimSpace(d.Origin)
	tok.Tokens(origin, func(term []byte, _ int) {
		if indexable(term) {
			dt.get(term).counts.origin = true
		}
	})
	dt.facet(tok, "origin:", origin)
	class := strings.TrimSpace(d.Classification)
	dt.facet(tok, "class:", class)
	dt.origin, dt.class = origin, class

	// Fielded terms (doc.go, "Fields"): the subject's words, the words
	// and whole names of the addressees, sender and signers, the cables
	// cited.
	tok.Tokens(d.Subject, func(term []byte, _ int) {
		if indexable(term) {
			dt.key = append(append(dt.key[:0], "subject:"...), term...)
			dt.get(dt.key)
		}
	})
	for _, v := range d.To {
		dt.name(tok, "to", v)
	}
	dt.name(tok, "from", d.From)
	for _, v := range d.Signers {
		dt.name(tok, "signer", v)
	}
	for _, v := range d.References {
		dt.facet(tok, "ref:", v)
	}
	for _, v := range d.Collections {
		dt.facet(tok, "in:", v)
	}

	excerpt := d.Excerpt
	if excerpt == "" {
		excerpt = d.Body
	}
	id := strings.TrimSpace(d.ID)
	subject := collapseSpace(d.Subject, 1<<10)
	dt.text = append(dt.text[:0], id...)
	dt.text = append(dt.text, d.URL...)
	dt.text = append(dt.text, subject...)
	dt.text = appendCollapsed(dt.text, excerpt, excerptBytes)
	dt.doc = docRecord{
		text:    string(dt.text),
		ends:    [3]int32{int32(len(id)), int32(len(id) + len(d.URL)), int32(len(id) + len(d.URL) + len(subject))},
		date:    math.MaxInt64,
		subjLen: subjLen,
		bodyLen: bodyLen,
	}
	if !d.Date.IsZero() && !d.Date.Before(dayBase) && !d.Date.After(lastDay) {
		dt.doc.date = d.Date.Unix()
	}
}

// facet adds the facet term of a value: prefix and the value's terms
// joined by spaces ("origin:embassy madrid"), as FacetKey gives.
func (dt *docTerms) facet(tok *Tokenizer, prefix, value string) {
	if value == "" {
		return
	}
	dt.key = append(dt.key[:0], prefix...)
	n := len(dt.key)
	tok.Tokens(value, func(term []byte, _ int) {
		if len(dt.key) > n {
			dt.key = append(dt.key, ' ')
		}
		dt.key = append(dt.key, term...)
	})
	if len(dt.key) > n {
		dt.get(dt.key)
	}
}

// name adds the terms of a name in a field: "to:" and each of its words,
// and "to:=" and the whole name, as FacetKey gives it.
func (dt *docTerms) name(tok *Tokenizer, field, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	tok.Tokens(value, func(term []byte, _ int) {
		dt.key = append(append(append(dt.key[:0], field...), ':'), term...)
		dt.get(dt.key)
	})
	dt.facet(tok, field+":=", value)
}

// FacetKey returns the key under which a facet value is indexed: its terms
// joined by single spaces. "Embassy Madrid" is "embassy madrid",
// "SECRET//NOFORN" is "secret noforn".
func FacetKey(value string) string {
	var tok Tokenizer
	return strings.Join(tok.Terms(value), " ")
}

// indexable reports whether a term goes into the postings: not a stop
// word, not a single letter (paragraph markings, initials).
func indexable(term []byte) bool {
	r, size := utf8.DecodeRune(term)
	if size == len(term) {
		return !unicode.IsLetter(r)
	}
	return len(term) > maxStopLen || !isStopWord(term)
}

// collapseSpace returns s with runs of white space made one space, cut to
// at most max bytes at a word boundary, as a new string (never a slice of
// s, which may be a whole file).
func collapseSpace(s string, max int) string { return string(appendCollapsed(nil, s, max)) }

// appendCollapsed appends s as collapseSpace returns it.
func appendCollapsed(b []byte, s string, max int) []byte {
	start := len(b)
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v' {
			space = len(b) > start
			continue
		}
		if space {
			if len(b)-start+1 >= max {
				break
			}
			b = append(b, ' ')
			space = false
		}
		if len(b)-start+utf8.RuneLen(r) > max {
			// Cut at the last space rather than inside a word.
			if i := bytes.LastIndexByte(b[start:], ' '); i > max/2 {
				b = b[:start+i]
			}
			return append(b, "…"...)
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}
