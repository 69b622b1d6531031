package search

import (
	"hash/fnv"
	"slices"
	"strings"
	"time"
)

// day numbers a date: days since dayBase, in UTC. (Seconds, not a
// time.Duration, which holds only 292 years.)
func day(t time.Time) int {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int((d.Unix() - dayBase.Unix()) / (24 * 60 * 60))
}

// DefaultURL is the page of a cable as the site writes it, relative to the
// site's root: cable/YYYY/MM/<id>.html, or cable/undated/<id>.html. Hits
// store their URL only when it differs.
func DefaultURL(id string, date time.Time) string {
	if date.IsZero() {
		return "cable/undated/" + id + ".html"
	}
	return "cable/" + date.UTC().Format("2006/01") + "/" + id + ".html"
}

// writeDocs writes the blocks of hits: per document, in final order, the
// array [id, day or -1, url or "" (the default), subject, origin or -1,
// classification or -1, excerpt], docBlock documents a block.
func (ix *indexWriter) writeDocs() error {
	docs := ix.b.docs
	for blk := 0; blk*docBlock < len(docs); blk++ {
		if err := ix.ctx.Err(); err != nil {
			return err
		}
		lo, hi := blk*docBlock, min(len(docs), (blk+1)*docBlock)
		rows := make([][]any, 0, hi-lo)
		for _, a := range ix.order[lo:hi] {
			d := &docs[a]
			dayN, url := -1, d.url()
			if d.dated() {
				dayN = day(d.time())
			}
			if url == DefaultURL(d.id(), d.time()) {
				url = ""
			}
			rows = append(rows, []any{d.id(), dayN, url, d.subject(), ix.remap(ix.originMap, d.origin), ix.remap(ix.classMap, d.class), d.excerpt()})
		}
		if err := ix.write("docs", shardKey("d", blk), jsonValue(rows)); err != nil {
			return err
		}
	}
	return nil
}

func (ix *indexWriter) remap(m []int32, id int32) int32 {
	if id < 0 {
		return -1
	}
	return m[id]
}

// writeFacets writes the facet blocks, facetBlock documents each: per
// document, varints origin+1, classification+1 (0: none), the number of
// TAGS and the TAGS' numbers, ascending, each as the gap from the previous
// (the first from -1); and the TAG names, most frequent first.
func (ix *indexWriter) writeFacets() error {
	docs := ix.b.docs
	var tags []int32
	size := ix.b.cfg.facetBlock
	for blk := 0; blk*size < len(docs); blk++ {
		if err := ix.ctx.Err(); err != nil {
			return err
		}
		lo, hi := blk*size, min(len(docs), (blk+1)*size)
		var out []byte
		for _, a := range ix.order[lo:hi] {
			d := &docs[a]
			out = appendVarint(out, int(ix.remap(ix.originMap, d.origin)+1))
			out = appendVarint(out, int(ix.remap(ix.classMap, d.class)+1))
			tags = tags[:0]
			for _, t := range d.tags {
				tags = append(tags, ix.tagMap[t])
			}
			slices.Sort(tags)
			tags = slices.Compact(tags)
			out = appendVarint(out, len(tags))
			prev := int32(-1)
			for _, t := range tags {
				out = appendVarint(out, int(t-prev-1))
				prev = t
			}
		}
		if err := ix.write("facets", shardKey("f", blk), quote(out)); err != nil {
			return err
		}
	}
	if err := ix.write("tags", "tags", jsonValue(ix.tagNames)); err != nil {
		return err
	}
	// The TAGS' meanings, in the same order, for the page to show.
	meanings := make([]string, len(ix.tagNames))
	if f := ix.b.cfg.TagMeaning; f != nil {
		for i, t := range ix.tagNames {
			meanings[i] = f(t)
		}
	}
	return ix.write("tags", "tagm", jsonValue(meanings))
}

// IDKey is the key under which the id map files a cable id, the same with
// or without its year: station and number without leading zeros for a
// Cablegate id ("07STATE126086" is "STATE 126086"), else the id in upper
// case.
func IDKey(id string) string {
	id = strings.ToUpper(strings.TrimSpace(id))
	i := 0
	for i < len(id) && i < 2 && '0' <= id[i] && id[i] <= '9' {
		i++
	}
	j := i
	for j < len(id) && 'A' <= id[j] && id[j] <= 'Z' {
		j++
	}
	k := j
	for k < len(id) && '0' <= id[k] && id[k] <= '9' {
		k++
	}
	if i != 2 || j == i || k == j || k != len(id) {
		return id
	}
	num := strings.TrimLeft(id[j:], "0")
	if num == "" {
		num = "0"
	}
	return id[i:j] + " " + num
}

// idShard is the shard of an id key: FNV-1a of its UTF-8 bytes.
func idShard(key string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(shards))
}

// idShards is how many id shards n documents get: a power of two.
func idShards(n int) int {
	s := 1
	for s*idsPerShard < n && s < maxIDShards {
		s *= 2
	}
	return s
}

// writeIDs writes the id map: shards by IDKey's hash, each the array
// [id, document, id, document, ...] sorted by id.
func (ix *indexWriter) writeIDs() error {
	docs := ix.b.docs
	n := idShards(len(docs))
	shards := make([][]int32, n)
	for f, a := range ix.order {
		if docs[a].id() == "" {
			continue
		}
		s := idShard(IDKey(docs[a].id()), n)
		shards[s] = append(shards[s], int32(f))
	}
	for s, list := range shards {
		slices.SortFunc(list, func(x, y int32) int {
			return strings.Compare(docs[ix.order[x]].id(), docs[ix.order[y]].id())
		})
		row := make([]any, 0, 2*len(list))
		for _, f := range list {
			row = append(row, docs[ix.order[f]].id(), f)
		}
		if err := ix.write("ids", shardKey("i", s), jsonValue(row)); err != nil {
			return err
		}
	}
	return nil
}

// writeDays writes the day table: for each day that has cables, in order,
// the varint gap in days from the previous day (the first from day 0,
// 0001-01-01) and the number of cables of that day.
func (ix *indexWriter) writeDays() error {
	var out []byte
	prev, count := 0, 0
	cur := -1
	for _, a := range ix.order[:ix.dated] {
		d := day(ix.b.docs[a].time())
		if d != cur {
			if count > 0 {
				out = appendVarint(appendVarint(out, cur-prev), count)
				prev = cur
			}
			cur, count = d, 0
		}
		count++
	}
	if count > 0 {
		out = appendVarint(appendVarint(out, cur-prev), count)
	}
	return ix.write("days", "days", quote(out))
}

// rootData is search/index.js: what the client loads first.
type rootData struct {
	Version    int      `json:"v"`
	Docs       int      `json:"n"`
	Dated      int      `json:"dated"` // documents 0..dated-1 have a date, in order
	Alphabet   string   `json:"alphabet"`
	Terminal   int      `json:"terminal"`
	Levels     int      `json:"levels"`
	LevelCode  []int    `json:"levelCode"` // bits of each level's code (postings.go)
	K1         float64  `json:"k1"`
	PosMod     int      `json:"posMod"`
	Stop       []string `json:"stop"`
	Dict       []string `json:"dict"` // first term of each dictionary shard
	Packs      int      `json:"packs"`
	DocBlock   int      `json:"docBlock"`
	FacetBlock int      `json:"facetBlock"`
	IDShards   int      `json:"idShards"`
	Years      [][2]int `json:"years"` // [year, first document], ascending
	Origins    []string `json:"origins"`
	Classes    []string `json:"classes"`
	Tags       int      `json:"tags"`
	Files      int      `json:"filesPerDir"`
	Stems      int      `json:"stems"`     // stem classes
	StemShard  int      `json:"stemShard"` // stem classes per file s/N
}

func (ix *indexWriter) writeRoot() error {
	r := rootData{
		Version: version, Docs: len(ix.b.docs), Dated: ix.dated,
		Alphabet: alphabet, Terminal: terminal, Levels: levels, K1: k1, PosMod: posMod,
		Stop: stopList, Dict: ix.dictFirst, Packs: ix.packs,
		DocBlock: docBlock, FacetBlock: ix.b.cfg.facetBlock, IDShards: idShards(len(ix.b.docs)),
		Origins: ix.originNames, Classes: ix.classNames, Tags: len(ix.tagNames), Files: filesPerDir,
		Stems: ix.stems, StemShard: stemShard,
	}
	for _, l := range ix.levelCode.lens {
		r.LevelCode = append(r.LevelCode, int(l))
	}
	if r.Dict == nil {
		r.Dict = []string{}
	}
	if r.Origins == nil {
		r.Origins = []string{}
	}
	if r.Classes == nil {
		r.Classes = []string{}
	}
	r.Years = [][2]int{}
	for f, a := range ix.order[:ix.dated] {
		y := ix.b.docs[a].time().Year()
		if len(r.Years) == 0 || r.Years[len(r.Years)-1][0] != y {
			r.Years = append(r.Years, [2]int{y, f})
		}
	}
	return ix.write("root", "index", jsonValue(r))
}
