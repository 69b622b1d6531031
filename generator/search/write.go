package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Writer receives the index's files, each named by its slash-separated
// path from the site's root ("search/index.js"). Write calls it from one
// goroutine at a time. publish.Dir satisfies it.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// WriterFunc adapts a function to Writer.
type WriterFunc func(name string, data []byte) error

// WriteFile calls f.
func (f WriterFunc) WriteFile(name string, data []byte) error { return f(name, data) }

// Stats accounts for a written index.
type Stats struct {
	Docs     int
	Terms    int   // distinct terms, facet terms included
	Postings int64 // (term, document) pairs
	Tokens   int64 // terms read in subjects and bodies
	// PostingBytes is the memory the postings took before Write: the
	// capacity of their buffers.
	PostingBytes int64
	Files        int
	Bytes        int64
	// Kinds gives files and bytes per kind of file: "root", "dict",
	// "postings", "positions", "docs", "facets", "tags", "ids", "days".
	Kinds map[string]KindStats
}

// KindStats counts the files of one kind.
type KindStats struct {
	Files int
	Bytes int64
}

func (s Stats) String() string {
	return fmt.Sprintf("%d documents, %d terms, %d postings, %d files, %d bytes", s.Docs, s.Terms, s.Postings, s.Files, s.Bytes)
}

// Sizes of the index's shards, in characters of payload. Each is a
// trade-off between the bytes a query loads (smaller is better) and the
// number of files (Netlify and file systems prefer fewer).
const (
	packTarget  = 32 << 10 // postings of a pack; a longer list has a pack of its own
	dictTarget  = 12 << 10 // a dictionary shard
	docBlock    = 4        // documents per block of hits
	facetBlock  = 1024     // documents per facet block
	idsPerShard = 1024     // ids per id shard, on average
	maxIDShards = 4096
	filesPerDir = 1024 // files per folder of a sharded kind
	levels      = 8    // impact levels of a posting
	stemShard   = 128  // stem classes per file
	// version 6: postings in Rice's code and a prefix code of levels,
	// packed 6 bits to a character (postings.go), no levels for facet
	// values and fields; hits in blocks of 4 documents, facets of 1,024,
	// rows of forms 128 a file (all three sizes read from the root);
	// 5: a term's row of forms (s/N) holds its derived forms
	// too, and a word no longer matches the terms it starts;
	// 4: dictionary entries carry stem classes, fielded terms;
	// 3: days count from 0001-01-01 (2: from 1900-01-01).
	version = 6
)

// dayBase is day 0 of the index's day numbers: the first day a date can
// have, so that every day number is a varint.
var dayBase = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

// lastDay is the last day a document may have: later dates, and dates
// before dayBase, are indexed as undated.
var lastDay = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)

// Write writes the index through w and returns what it wrote. The
// Builder cannot be used afterwards. It stops at the first error of w or
// when ctx is done.
func (b *Builder) Write(ctx context.Context, w Writer) (Stats, error) {
	b.finish()
	ix := &indexWriter{b: b, w: w, ctx: ctx, stats: Stats{Docs: len(b.docs), Tokens: b.tokens, Kinds: map[string]KindStats{}}}
	ix.orderDocs()
	ix.lengths()
	steps := []func() error{ix.writeTerms, ix.writeDocs, ix.writeFacets, ix.writeIDs, ix.writeDays, ix.writeRoot}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return ix.stats, err
		}
		if err := step(); err != nil {
			return ix.stats, err
		}
	}
	return ix.stats, nil
}

// indexWriter is one Write in progress.
type indexWriter struct {
	b     *Builder
	w     Writer
	ctx   context.Context
	stats Stats

	order []int32    // final number -> arrival number
	final []int32    // arrival number -> final number
	dated int        // documents 0..dated-1 have a date
	norms []docNorms // by arrival number

	originMap, classMap, tagMap []int32 // interned id -> id in frequency order
	originNames, classNames     []string
	tagNames                    []string

	dictFirst []string // first term of each dictionary shard
	packs     int
	stems     int       // stem classes
	levelCode levelCode // code of the postings' levels (postings.go)
}

// orderDocs numbers the documents in their final order: by date, undated
// last, then by id; ties (the same id twice) by the rest, so that the order
// never depends on the order of Add.
func (ix *indexWriter) orderDocs() {
	docs := ix.b.docs
	ix.order = make([]int32, len(docs))
	for i := range ix.order {
		ix.order[i] = int32(i)
	}
	slices.SortFunc(ix.order, func(x, y int32) int {
		a, b := &docs[x], &docs[y]
		return cmp.Or(cmp.Compare(a.date, b.date), strings.Compare(a.id(), b.id()), strings.Compare(a.text, b.text),
			cmp.Compare(a.bodyLen, b.bodyLen), cmp.Compare(a.subjLen, b.subjLen))
	})
	ix.final = make([]int32, len(docs))
	for f, a := range ix.order {
		ix.final[a] = int32(f)
		if docs[a].dated() {
			ix.dated = f + 1
		}
	}
	ix.originMap, ix.originNames = byFrequency(&ix.b.origins)
	ix.classMap, ix.classNames = byFrequency(&ix.b.classes)
	ix.tagMap, ix.tagNames = byFrequency(&ix.b.tags)
}

// byFrequency renumbers interned names, most frequent first, so that the
// common ones take one digit in the facet blocks.
func byFrequency(in *interner) (remap []int32, names []string) {
	ids := make([]int32, len(in.names))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortFunc(ids, func(a, b int32) int {
		return cmp.Or(cmp.Compare(in.counts[b], in.counts[a]), strings.Compare(in.names[a], in.names[b]))
	})
	remap = make([]int32, len(ids))
	names = make([]string, len(ids))
	for rank, id := range ids {
		remap[id] = int32(rank)
		names[rank] = in.names[id]
	}
	return remap, names
}

func (ix *indexWriter) lengths() {
	var body, subj int64
	for i := range ix.b.docs {
		body += int64(ix.b.docs[i].bodyLen)
		subj += int64(ix.b.docs[i].subjLen)
	}
	n := float64(max(1, len(ix.b.docs)))
	avgBody, avgSubj := max(1, float64(body)/n), max(1, float64(subj)/n)
	ix.norms = make([]docNorms, len(ix.b.docs))
	for i := range ix.b.docs {
		d := &ix.b.docs[i]
		ix.norms[i] = docNorms{
			body:    1 / (1 - bBody + bBody*float64(d.bodyLen)/avgBody),
			subject: 1 / (1 - bSubject + bSubject*float64(d.subjLen)/avgSubj),
		}
	}
}

// write writes one shard: a script that hands its payload to the client.
func (ix *indexWriter) write(kind, key string, payload []byte) error {
	name := shardPath(key)
	var buf bytes.Buffer
	buf.Grow(len(payload) + len(key) + 32)
	buf.WriteString(`cablesiteSearch.shard("`)
	buf.WriteString(key)
	buf.WriteString(`",`)
	buf.Write(payload)
	buf.WriteString(");\n")
	if err := ix.w.WriteFile(name, buf.Bytes()); err != nil {
		return fmt.Errorf("search: writing %s: %w", name, err)
	}
	k := ix.stats.Kinds[kind]
	k.Files++
	k.Bytes += int64(buf.Len())
	ix.stats.Kinds[kind] = k
	ix.stats.Files++
	ix.stats.Bytes += int64(buf.Len())
	return nil
}

// shardKey names the n-th shard of a sharded kind: "p/12".
func shardKey(kind string, n int) string { return kind + "/" + strconv.Itoa(n) }

// shardPath is the file of a shard key: "p/1234" is search/p/1/1234.js
// (no folder holds more than filesPerDir files), "index" is
// search/index.js. The client computes the same path.
func shardPath(key string) string {
	kind, num, ok := strings.Cut(key, "/")
	if !ok {
		return "search/" + key + ".js"
	}
	n, _ := strconv.Atoi(num)
	return "search/" + kind + "/" + strconv.Itoa(n/filesPerDir) + "/" + num + ".js"
}

// quote returns s as a JavaScript string literal: as it is between double
// quotes when nothing in it needs escaping, which is the case of every
// payload of digits and terms, else JSON-escaped.
func quote(s []byte) []byte {
	safe := true
	for i := 0; i < len(s) && safe; {
		c := s[i]
		if c < utf8.RuneSelf {
			safe = c >= 0x20 && c != '"' && c != '\\'
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		safe = r != utf8.RuneError && r != '\u2028' && r != '\u2029'
		i += size
	}
	if safe {
		out := make([]byte, 0, len(s)+2)
		out = append(out, '"')
		out = append(out, s...)
		return append(out, '"')
	}
	return jsonValue(string(s))
}

// jsonValue encodes v as JSON without escaping <, > and &: the files are
// scripts, never inlined in HTML.
func jsonValue(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers and slices of them
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// encodedTerm is one term's lists, ready for a pack.
type encodedTerm struct {
	name      string
	df        int
	class     int32 // stem class, -1 for none
	postings  []byte
	positions []byte
}

// writeTerms writes the dictionary shards and the packs of postings and
// positions. Terms are encoded in parallel, in chunks, and packed in
// order.
func (ix *indexWriter) writeTerms() error {
	var terms []*termPostings
	for i := range ix.b.shards {
		sh := &ix.b.shards[i]
		for j := range sh.terms {
			terms = append(terms, &sh.terms[j])
		}
		sh.dict = nil // the names live on in terms
	}
	ix.stats.Terms = len(terms)
	for _, t := range terms {
		ix.stats.PostingBytes += int64(cap(t.buf))
	}
	slices.SortFunc(terms, func(a, b *termPostings) int { return compareJS(a.name, b.name) })
	if err := ix.writeStems(terms); err != nil {
		return err
	}
	ix.levelCode = newLevelCode(ix.levelHistogram(terms))

	// Chunks of about 4 MB of postings, so that workers share the load.
	var chunks [][2]int
	for lo := 0; lo < len(terms); {
		hi, size := lo, 0
		for hi < len(terms) && (hi == lo || size < 4<<20) {
			size += len(terms[hi].buf)
			hi++
		}
		chunks = append(chunks, [2]int{lo, hi})
		lo = hi
	}
	ctx, cancel := context.WithCancel(ix.ctx)
	defer cancel()
	workers := ix.b.cfg.Workers
	slots := make(chan struct{}, 2*workers) // chunks encoded but not yet packed
	jobs := make(chan int)
	outs := make([]chan []encodedTerm, len(chunks))
	for i := range outs {
		outs[i] = make(chan []encodedTerm, 1)
	}
	go func() {
		defer close(jobs)
		for ci := range chunks {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			jobs <- ci
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var enc termEncoder
			for ci := range jobs {
				lo, hi := chunks[ci][0], chunks[ci][1]
				out := make([]encodedTerm, 0, hi-lo)
				for _, t := range terms[lo:hi] {
					out = append(out, ix.encodeTerm(&enc, t))
				}
				outs[ci] <- out
			}
		})
	}
	defer wg.Wait()

	p := packer{ix: ix}
	for ci := range chunks {
		var out []encodedTerm
		select {
		case out = <-outs[ci]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-slots
		for i := range out {
			if err := p.add(&out[i]); err != nil {
				return err
			}
		}
	}
	return p.close()
}

// levelSample is the share of the terms whose levels levelHistogram
// counts: at 250,000 cables, every eighth term (or sixteenth) gives the
// same code of levels as every term, in an eighth of the time (0.26 s
// against 2.2 s on a shared machine).
const levelSample = 8

// levelHistogram counts the postings of each level over every
// levelSample-th term of the dictionary that has levels (not facet values
// nor fields), for the code of levels, which every list's encoding needs:
// a pass of its own, on the workers, before the encoding.
func (ix *indexWriter) levelHistogram(terms []*termPostings) [levels]int64 {
	var mu sync.Mutex
	var hist [levels]int64
	var next atomic.Int64
	var wg sync.WaitGroup
	const chunk = 256
	for range ix.b.cfg.Workers {
		wg.Go(func() {
			var h [levels]int64
			var res []byte
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(terms) {
					break
				}
				for ti, t := range terms[lo:min(len(terms), lo+chunk)] {
					if (lo+ti)%levelSample != 0 || strings.IndexByte(t.name, ':') >= 0 {
						continue
					}
					buf, arrival := t.buf, int64(-1)
					for len(buf) > 0 {
						var packed uint64
						arrival, packed, res, buf = readPosting(buf, arrival, res[:0])
						h[ix.level(arrival, packed)]++
					}
				}
			}
			mu.Lock()
			for l, c := range h {
				hist[l] += c
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return hist
}

// level returns the impact level of a posting of the document that
// arrived arrival-th, with the packed field counts counts.
func (ix *indexWriter) level(arrival int64, counts uint64) uint8 {
	return uint8(ix.norms[arrival].level(unpackCounts(counts)))
}

// termEncoder holds one worker's buffers.
type termEncoder struct {
	posts  []posting
	sorted []posting
	res    []byte
	bits   []uint64 // one bit per document, all zero between uses
	slot   []int32  // document -> index in posts, where its bit is set
	docs   []int32  // the list's documents and levels, for appendList
	lv     []uint8
}

// bitmapSort sorts a long list of postings by document in time linear in
// the list and the number of documents over 64: each posting sets its
// document's bit, and the set bits are read back in order. Documents are
// distinct within a list.
func (enc *termEncoder) bitmapSort(docs int) {
	if len(enc.bits) < docs/64+1 {
		enc.bits = make([]uint64, docs/64+1)
		enc.slot = make([]int32, docs)
	}
	lo, hi := int32(docs), int32(0)
	for i, p := range enc.posts {
		enc.bits[p.doc>>6] |= 1 << (p.doc & 63)
		enc.slot[p.doc] = int32(i)
		lo, hi = min(lo, p.doc), max(hi, p.doc)
	}
	out := enc.sorted[:0]
	for w := lo >> 6; w <= hi>>6; w++ {
		for x := enc.bits[w]; x != 0; x &= x - 1 {
			out = append(out, enc.posts[enc.slot[w<<6+int32(bits.TrailingZeros64(x))]])
		}
		enc.bits[w] = 0
	}
	enc.posts, enc.sorted = out, enc.posts
}

type posting struct {
	doc    int32 // final number
	level  uint8
	resN   uint8
	resOff int32
}

// encodeTerm encodes one term's postings (appendList: documents in final
// order, and levels unless the term is a facet value or a field); and its
// positions: per document, its residues, one digit each. It frees the
// term's build-time list.
func (ix *indexWriter) encodeTerm(enc *termEncoder, t *termPostings) encodedTerm {
	facet := strings.IndexByte(t.name, ':') >= 0
	enc.posts = enc.posts[:0]
	enc.res = enc.res[:0]
	buf := t.buf
	arrival := int64(-1)
	sorted := true
	for len(buf) > 0 {
		resOff := len(enc.res)
		var packed uint64
		arrival, packed, enc.res, buf = readPosting(buf, arrival, enc.res)
		p := posting{doc: ix.final[arrival], resN: uint8(len(enc.res) - resOff), resOff: int32(resOff)}
		if !facet {
			p.level = ix.level(arrival, packed)
		}
		if k := len(enc.posts); k > 0 && enc.posts[k-1].doc > p.doc {
			sorted = false
		}
		enc.posts = append(enc.posts, p)
	}
	if !sorted {
		switch {
		case len(enc.posts) >= 64 && len(enc.posts) >= len(ix.final)/512:
			enc.bitmapSort(len(ix.final))
		case insertionSort(enc.posts, 4*len(enc.posts)):
		default:
			slices.SortFunc(enc.posts, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
		}
	}
	et := encodedTerm{name: t.name, df: len(enc.posts), class: t.class}
	enc.docs, enc.lv = enc.docs[:0], enc.lv[:0]
	for _, p := range enc.posts {
		enc.docs = append(enc.docs, p.doc)
		enc.lv = append(enc.lv, p.level)
	}
	lv := enc.lv
	if facet {
		lv = nil
	}
	et.postings = appendList(make([]byte, 0, len(enc.posts)*2/3+8), enc.docs, lv, &ix.levelCode)
	if !facet {
		pos := make([]byte, 0, 2*len(enc.posts))
		for _, p := range enc.posts {
			if p.resN == 0 {
				pos = appendDigit(pos, emptyResidues)
				continue
			}
			for i, r := range enc.res[p.resOff : p.resOff+int32(p.resN)] {
				if i < int(p.resN)-1 {
					pos = appendDigit(pos, int(r)+posMod)
				} else {
					pos = appendDigit(pos, int(r))
				}
			}
		}
		et.positions = pos
	}
	t.buf = nil
	return et
}

// writeStems gives each term that has other forms (forms.go: the terms
// sharing its English stem, Snowball's Porter2 from package
// github.com/kljensen/snowball/english, and the terms derived from those)
// its row of forms, numbered in the order of the rows' first terms in the
// dictionary, and writes the rows to the files s/N, stemShard rows each: a
// JSON array of strings, each a row's terms in dictionary order, joined by
// spaces. Terms that are not words of three ASCII letters or more
// (numbers, names with diacritics, fielded terms) have no row.
func (ix *indexWriter) writeStems(terms []*termPostings) error {
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = t.name
	}
	rows, rowOf := formRows(names)
	for i, t := range terms {
		t.class = rowOf[i]
	}
	ix.stems = len(rows)
	for lo := 0; lo < len(rows); lo += stemShard {
		payload := make([]string, 0, stemShard)
		for _, row := range rows[lo:min(len(rows), lo+stemShard)] {
			forms := make([]string, len(row))
			for k, m := range row {
				forms[k] = names[m]
			}
			payload = append(payload, strings.Join(forms, " "))
		}
		if err := ix.write("stems", shardKey("s", lo/stemShard), jsonValue(payload)); err != nil {
			return err
		}
	}
	return nil
}

// stemmable reports whether a term has a stem class: three ASCII
// letters or more.
func stemmable(term string) bool {
	if len(term) < 3 {
		return false
	}
	for i := 0; i < len(term); i++ {
		if c := term[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// packer groups encoded terms into packs and dictionary shards.
type packer struct {
	ix *indexWriter

	pack      int // number of the pack being filled
	packTerms int // terms in it
	lens      []int
	plens     []int
	posts     []byte
	pos       []byte

	dict      []byte // entries of the dictionary shard being filled
	dictStart []byte // its header
	prevTerm  string
}

func (p *packer) add(t *encodedTerm) error {
	ix := p.ix
	ix.stats.Postings += int64(t.df)
	if p.packTerms > 0 && len(p.posts)+len(t.postings) > packTarget {
		if err := p.flushPack(); err != nil {
			return err
		}
	}
	// The dictionary entry.
	first := len(p.dict) == 0
	if first {
		p.dictStart = appendVarint(appendVarint(p.dictStart[:0], p.pack), p.packTerms)
		ix.dictFirst = append(ix.dictFirst, t.name)
		p.prevTerm = ""
	}
	shared := commonPrefix(p.prevTerm, t.name)
	p.dict = appendVarint(p.dict, utf16Len(t.name[:shared]))
	p.dict = appendVarint(p.dict, utf16Len(t.name[shared:]))
	p.dict = append(p.dict, t.name[shared:]...)
	flag := 0
	if !first && p.packTerms == 0 {
		flag = 1 // the term starts a new pack
	}
	if t.class < 0 {
		p.dict = appendVarint(p.dict, 4*t.df+2*flag)
	} else {
		p.dict = appendVarint(appendVarint(p.dict, 4*t.df+2*flag+1), int(t.class))
	}
	p.prevTerm = t.name

	p.lens = append(p.lens, len(t.postings))
	p.plens = append(p.plens, len(t.positions))
	p.posts = append(p.posts, t.postings...)
	p.pos = append(p.pos, t.positions...)
	p.packTerms++
	if len(p.posts) >= packTarget {
		if err := p.flushPack(); err != nil {
			return err
		}
	}
	if len(p.dict) >= dictTarget {
		if err := p.flushDict(); err != nil {
			return err
		}
	}
	return nil
}

// commonPrefix returns the length in bytes of the longest common prefix
// of a and b that ends at a rune boundary.
func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}

func (p *packer) flushPack() error {
	if p.packTerms == 0 {
		return nil
	}
	key := shardKey("p", p.pack)
	if err := p.ix.write("postings", key, quote(packPayload(p.lens, p.posts))); err != nil {
		return err
	}
	if err := p.ix.write("positions", shardKey("q", p.pack), quote(packPayload(p.plens, p.pos))); err != nil {
		return err
	}
	p.pack++
	p.ix.packs = p.pack
	p.packTerms = 0
	p.lens, p.plens = p.lens[:0], p.plens[:0]
	p.posts, p.pos = p.posts[:0], p.pos[:0]
	return nil
}

// packPayload is a pack: the number of lists, their lengths, the lists.
func packPayload(lens []int, lists []byte) []byte {
	out := appendVarint(nil, len(lens))
	for _, n := range lens {
		out = appendVarint(out, n)
	}
	return append(out, lists...)
}

func (p *packer) flushDict() error {
	if len(p.dict) == 0 {
		return nil
	}
	n := len(p.ix.dictFirst) - 1
	payload := append(p.dictStart, p.dict...)
	if err := p.ix.write("dict", shardKey("t", n), quote(payload)); err != nil {
		return err
	}
	p.dict = p.dict[:0]
	return nil
}

func (p *packer) close() error {
	if err := p.flushPack(); err != nil {
		return err
	}
	return p.flushDict()
}

// insertionSort sorts postings that are nearly in order, as they are when
// documents were added in about their final order, giving up (and
// reporting false) after maxMoves moves.
func insertionSort(p []posting, maxMoves int) bool {
	for i := 1; i < len(p); i++ {
		x := p[i]
		j := i
		for j > 0 && p[j-1].doc > x.doc {
			p[j] = p[j-1]
			j--
			if maxMoves--; maxMoves < 0 {
				p[j] = x // still a permutation, for the caller's full sort
				return false
			}
		}
		p[j] = x
	}
	return true
}
