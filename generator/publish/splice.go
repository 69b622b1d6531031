package publish

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// Hole marks, in a file given to WriteSpliced, where a fill goes. It is
// made of characters from Unicode's private use area, which HTML leaves
// as they are and cables do not hold.
const Hole = "\uE000cablesite-hole\uE001"

// A Splicer writes files that arrive in parts: data holding one Hole per
// fill, and the fills to put in their places, in order, after data is
// transformed. A fill is HTML already in its final form, which a
// transformation would only copy, or nearly: a cable's original text,
// escaped, in a <pre>, and its body as package markdown renders it, with
// the space between blocks trimmed (see TrimBlockSpace). They are two
// thirds of a cable's page, and as much of the time minifying it takes.
type Splicer interface {
	WriteSpliced(name string, data []byte, fills ...[]byte) error
}

// WriteSpliced writes through w the file name whose data holds one Hole
// per fill, each replaced by its fill: with w's own WriteSpliced when it
// has one, with WriteFile of the joined bytes otherwise.
func WriteSpliced(w Writer, name string, data []byte, fills ...[]byte) error {
	if s, ok := w.(Splicer); ok {
		return s.WriteSpliced(name, data, fills...)
	}
	joined, err := splice(nil, data, fills)
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", name, err)
	}
	return w.WriteFile(name, joined)
}

// Mark returns mark i (from 0), which a page may hold in place of a fill
// when the order of its fills is not known until it is rendered (a
// template places its fields as it likes, or leaves one out): PlaceMarks
// turns the marks into Holes and says in which order they came.
func Mark(i int) string {
	return Hole[:len(Hole)-len("\uE001")] + "-" + strconv.Itoa(i) + "\uE001"
}

// PlaceMarks appends to dst page with each of the marks 0 to n-1 it holds
// replaced by Hole, and returns the numbers of the marks found in the
// order of the page; false when a mark is there more than once, or the
// page holds anything else that looks like one, escaped or not (a mark
// in an attribute or a URL): the page must then be made with its fills.
func PlaceMarks(dst, page []byte, n int) ([]byte, []int, bool) {
	type place struct{ at, i, n int }
	places := make([]place, 0, n)
	for i := range n {
		m := []byte(Mark(i))
		switch bytes.Count(page, m) {
		case 0:
			continue
		case 1:
			places = append(places, place{bytes.Index(page, m), i, len(m)})
		default:
			return nil, nil, false
		}
	}
	name := Hole[len("\uE000") : len(Hole)-len("\uE001")]
	if bytes.Count(page, []byte(name)) != len(places) {
		return nil, nil, false
	}
	slices.SortFunc(places, func(a, b place) int { return a.at - b.at })
	order := make([]int, len(places))
	last := 0
	for k, p := range places {
		dst = append(dst, page[last:p.at]...)
		dst = append(dst, Hole...)
		order[k] = p.i
		last = p.at + p.n
	}
	return append(dst, page[last:]...), order, true
}

// splice appends to dst data with its holes replaced by fills.
func splice(dst, data []byte, fills [][]byte) ([]byte, error) {
	if n := bytes.Count(data, []byte(Hole)); n != len(fills) {
		return dst, fmt.Errorf("%d holes for %d fills", n, len(fills))
	}
	for _, fill := range fills {
		i := bytes.Index(data, []byte(Hole))
		dst = append(dst, data[:i]...)
		dst = append(dst, fill...)
		data = data[i+len(Hole):]
	}
	return append(dst, data...), nil
}

// trimVerified is the tdewolff/minify release TrimBlockSpace was last
// checked against: it removes the newlines the HTML minifier removes, so
// that a fill spliced past the minifier is what the minifier would have
// made of it. TestMirrorsVerified fails when go.mod requires another.
const trimVerified = "v2.24.25"

// TrimBlockSpace removes, in place, the newlines between HTML tags that
// browsers ignore and the minifier drops: those next to the tag of a
// block element (</p>\n<p>, <ul>\n<li>), and those at either end of b
// next to one (b is meant to be the content of a block element). A
// newline between inline elements is a space, and stays. It returns the
// shortened slice.
func TrimBlockSpace(b []byte) []byte {
	n := 0    // bytes kept, moved to b[:n]
	from := 0 // the start of the bytes not yet kept
	for at := 0; ; {
		j := bytes.IndexByte(b[at:], '\n')
		if j < 0 {
			break
		}
		i := at + j
		at = i + 1
		after := i+1 < len(b) && b[i+1] == '<'
		before := i > 0 && b[i-1] == '>'
		switch {
		case before && after && (blockTag(tagBefore(b[:i])) || blockTag(tagAfter(b[i+1:]))),
			before && i+1 == len(b) && blockTag(tagBefore(b[:i])),
			after && i == 0 && blockTag(tagAfter(b[i+1:])):
			n += copy(b[n:], b[from:i])
			from = i + 1
		}
	}
	n += copy(b[n:], b[from:])
	return b[:n]
}

// tagBefore returns the name of the tag b ends with: "p" for "...</p>".
func tagBefore(b []byte) []byte {
	i := bytes.LastIndexByte(b, '<')
	if i < 0 {
		return nil
	}
	return tagName(b[i+1:])
}

// tagAfter returns the name of the tag b starts with: "li" for "<li>...".
func tagAfter(b []byte) []byte { return tagName(b[1:]) }

func tagName(b []byte) []byte {
	if len(b) > 0 && b[0] == '/' {
		b = b[1:]
	}
	n := 0
	for n < len(b) && ('a' <= b[n] && b[n] <= 'z' || '0' <= b[n] && b[n] <= '9') {
		n++
	}
	return b[:n]
}

// blockTag reports whether name is an element whose surrounding
// whitespace HTML ignores, of those package markdown writes.
func blockTag(name []byte) bool {
	switch string(name) {
	case "p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
		"table", "thead", "tbody", "tr", "th", "td", "div", "dl", "dt", "dd", "section", "figure":
		return true
	}
	return false
}
