package search

import (
	"cmp"
	"math/bits"
	"slices"
)

// A posting list (p/N, see doc.go) is, for a list of n postings (n is the
// term's document frequency, which its dictionary entry gives):
//
//   - a varint: the first document, times levels plus its level when the
//     list has levels (terms without ':'; facet values and fields have
//     none);
//   - when n > 1, a varint: the Rice parameter k of the list;
//   - when n > 1, bits, 6 to a character (the digits 0..63, most
//     significant bit first, the last character padded with zeros): per
//     later posting, its gap g from the previous document minus one in
//     Rice's code (g>>k zeros, a one, the low k bits of g), then, when
//     the list has levels, its level in the index's canonical prefix
//     code (levelCode).
//
// Gaps are nearly geometric (military, at 250,000 cables: 1 for 57%, 2
// for 24%, 3 for 10.5%), which Rice's code fits within a few percent of
// their entropy; a varint of gap*levels+level took a character (6.5 bits)
// at least.

// maxRice bounds a list's Rice parameter: the client reads the k bits of
// a gap in one step of a 32-bit buffer.
const maxRice = 24

// maxLevelBits bounds the length of a level's code: a prefix code of 8
// symbols is never longer than 7 bits, so the client decodes a level with
// one look-up in a table of 128 entries.
const maxLevelBits = levels - 1

// levelCode is a canonical prefix code of the levels.
type levelCode struct {
	lens  [levels]uint8  // bits of each level's code, 1..maxLevelBits
	codes [levels]uint32 // the codes
}

// newLevelCode builds the Huffman code of the levels for a histogram of
// their postings, each count plus one so that every level has a code,
// and makes it canonical: codes are given in order of length, then of
// level, each the previous plus one, shifted left to its length.
func newLevelCode(hist [levels]int64) levelCode {
	type node struct {
		weight int64
		syms   []int // levels under the node
	}
	var c levelCode
	nodes := make([]node, levels)
	for l := range nodes {
		nodes[l] = node{hist[l] + 1, []int{l}}
	}
	for len(nodes) > 1 {
		// The two lightest, the first in order on ties: deterministic.
		slices.SortStableFunc(nodes, func(a, b node) int { return cmp.Compare(a.weight, b.weight) })
		m := node{nodes[0].weight + nodes[1].weight, append(slices.Clone(nodes[0].syms), nodes[1].syms...)}
		for _, s := range m.syms {
			c.lens[s]++
		}
		nodes = append([]node{m}, nodes[2:]...)
	}
	return canonicalCode(c.lens)
}

// canonicalCode gives the codes of a canonical prefix code with the given
// lengths.
func canonicalCode(lens [levels]uint8) levelCode {
	c := levelCode{lens: lens}
	order := make([]int, levels)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(lens[a]) - int(lens[b]) })
	code, prev := uint32(0), uint8(0)
	for i, l := range order {
		if i > 0 {
			code++
		}
		code <<= lens[l] - prev
		prev = lens[l]
		c.codes[l] = code
	}
	return c
}

// bitWriter packs bits, 6 to a digit of the alphabet.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint // bits in acc not yet written, < 6
}

// write appends the low width bits of v, width <= 56.
func (w *bitWriter) write(v uint64, width uint) {
	w.acc = w.acc<<width | v&(1<<width-1)
	w.n += width
	for w.n >= 6 {
		w.n -= 6
		w.out = append(w.out, alphabet[w.acc>>w.n&63])
	}
}

// flush pads the last digit with zeros.
func (w *bitWriter) flush() []byte {
	if w.n > 0 {
		w.out = append(w.out, alphabet[w.acc<<(6-w.n)&63])
		w.n = 0
	}
	return w.out
}

// riceParameter returns the k that codes the gaps of docs (ascending,
// distinct) in the fewest bits: from floor(log2) of their mean, it
// descends to the minimum of the cost, which is convex in k.
func riceParameter(docs []int32) int {
	m := len(docs) - 1
	if m <= 0 {
		return 0
	}
	sum := int64(docs[m]) - int64(docs[0]) - int64(m) // the gaps minus one
	cost := func(k int) int64 {
		c := int64(m) * int64(k+1)
		prev := docs[0]
		for _, d := range docs[1:] {
			c += int64(d-prev-1) >> k
			prev = d
		}
		return c
	}
	k := 0
	if mean := sum / int64(m); mean > 0 {
		k = min(maxRice, bits.Len64(uint64(mean))-1)
	}
	best := cost(k)
	for _, step := range []int{-1, 1} {
		for k+step >= 0 && k+step <= maxRice {
			c := cost(k + step)
			if c >= best {
				break
			}
			k, best = k+step, c
		}
	}
	return k
}

// appendList appends the list of docs (ascending, distinct, >= 0) and
// their levels (nil for a list without levels), as the package comment
// above says.
func appendList(out []byte, docs []int32, lv []uint8, code *levelCode) []byte {
	if len(docs) == 0 {
		return out
	}
	if lv != nil {
		out = appendVarint(out, int(docs[0])*levels+int(lv[0]))
	} else {
		out = appendVarint(out, int(docs[0]))
	}
	if len(docs) == 1 {
		return out
	}
	k := riceParameter(docs)
	out = appendVarint(out, k)
	w := bitWriter{out: out}
	prev := docs[0]
	for i, d := range docs[1:] {
		g := uint64(d - prev - 1)
		prev = d
		// The posting's bits in one write: q zeros (the leading zeros of
		// v), a one, k bits of g, the level's code.
		q := uint(g >> k)
		for ; q > 24; q -= 24 {
			w.write(0, 24)
		}
		v, width := 1<<k|g&(1<<k-1), q+1+uint(k)
		if lv != nil {
			l := lv[i+1]
			v, width = v<<code.lens[l]|uint64(code.codes[l]), width+uint(code.lens[l])
		}
		w.write(v, width)
	}
	return w.flush()
}
