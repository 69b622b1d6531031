package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/goccy/go-yaml"
)

// notesMarker is the line that opens the editor's notes, between the body
// and the original.
const notesMarker = "<!-- cablesite:notes -->"

// digestLine starts the front matter line that holds the digest, the last
// of the source mapping; digestLen is the length of the whole line.
const (
	digestLine   = "  digest: \"sha256:"
	digestHexLen = 2 * sha256.Size
	digestLen    = len(digestLine) + digestHexLen + len("\"\n")
)

// span is a range of a file's bytes; start < 0 means absent.
type span struct{ start, end int }

var none = span{-1, -1}

func (s span) found() bool { return s.start >= 0 }

// layout is where the parts of an annotated file are, found from its lines
// alone, without reading YAML, so that it can be found in a file whose
// front matter does not read.
type layout struct {
	fmEnd    int  // start of the line closing the front matter; -1 when there is none
	title    span // the title key's lines
	digest   span // the digest line
	notes    span // the notes section: its marker line up to the original's marker
	original int  // start of the original's marker line, or -1
	body     int  // where the body starts
}

// locate finds the parts of data. The title key is its line ("title:" at
// the start) and the lines after it that are blank or indented (a folded
// or block scalar); the digest is the first line of the front matter
// starting with "  digest:"; the original's marker is the first marker
// line after the front matter, the notes marker the first before it.
func locate(data []byte) layout {
	l := layout{fmEnd: -1, title: none, digest: none, notes: none, original: -1}
	off := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		off = 3
	}
	first, rest, _ := cutLine(data[off:])
	if string(trimLineEnd(first)) != "---" {
		rest = data[off:]
	} else {
		inTitle := false
		for len(rest) > 0 {
			start := len(data) - len(rest)
			line, next, _ := cutLine(rest)
			end := len(data) - len(next)
			if string(trimLineEnd(line)) == "---" {
				l.fmEnd = start
				rest = next
				break
			}
			rest = next
			if inTitle && (len(trimLineEnd(line)) == 0 || line[0] == ' ' || line[0] == '\t') {
				l.title.end = end
				continue
			}
			inTitle = false
			switch {
			case !l.title.found() && bytes.HasPrefix(line, []byte("title:")):
				l.title, inTitle = span{start, end}, true
			case !l.digest.found() && bytes.HasPrefix(line, []byte("  digest:")):
				l.digest = span{start, end}
			}
		}
		if l.fmEnd < 0 {
			// Never closed: there is no front matter, and Read refuses
			// the file.
			l.title, l.digest, l.body = none, none, len(data)
			return l
		}
	}
	l.body = len(data) - len(rest)
	end := len(data)
	if m := markerIndex(rest, originalMarker); m >= 0 {
		l.original = l.body + m
		end = l.original
	}
	if n := markerIndex(data[l.body:end], notesMarker); n >= 0 {
		l.notes = span{l.body + n, end}
	}
	return l
}

// Digest returns the digest of an annotated file's source-derived parts:
// "sha256:" and the hex SHA-256 of the file without its title key, its
// digest line and its notes section. Write records it in the front matter
// (source.digest); a file whose recorded digest is not Digest of the file
// was edited outside the title and the notes.
func Digest(data []byte) string {
	return digestOf(data, locate(data))
}

func digestOf(data []byte, l layout) string {
	left := []span{l.title, l.digest, l.notes}
	slices.SortFunc(left, func(a, b span) int { return a.start - b.start })
	h := sha256.New()
	at := 0
	for _, s := range left {
		if !s.found() {
			continue
		}
		h.Write(data[at:s.start])
		at = s.end
	}
	h.Write(data[at:])
	var sum [sha256.Size]byte
	return "sha256:" + hex.EncodeToString(h.Sum(sum[:0]))
}

// Unedited reports whether the source-derived parts of data, a file that
// Read read as d, are byte for byte as Write wrote them: whether it
// carries a digest (has), and whether the digest holds (ok).
func Unedited(data []byte, d *Document) (has, ok bool) {
	if d.Source.Digest == "" {
		return false, false
	}
	return true, d.Source.Digest == Digest(data)
}

// EditedLine returns the line of data, a file whose digest does not
// hold, where it first differs from want, what Write writes from the
// file's own original and source, leaving out the title, the digest and
// the notes. It returns 0 unless want's digest is the one data records:
// only then was the file written by this version of the parser, so that
// the difference is the edit.
func EditedLine(data []byte, d *Document, want []byte) int {
	if d.Source.Digest == "" || d.Source.Digest != Digest(want) {
		return 0
	}
	got, exp := digestedLines(data), digestedLines(want)
	for i, g := range got {
		if i >= len(exp) || !bytes.Equal(g.text, exp[i].text) {
			return g.n
		}
	}
	if len(got) < len(exp) {
		return bytes.Count(data, []byte("\n")) + 1
	}
	return 0
}

// fileLine is a line of a file and its number.
type fileLine struct {
	n    int
	text []byte
}

// digestedLines returns the lines of data that its digest covers.
func digestedLines(data []byte) []fileLine {
	l := locate(data)
	in := func(s span, off int) bool { return s.found() && off >= s.start && off < s.end }
	var lines []fileLine
	for n, off := 1, 0; off < len(data); n++ {
		line, _, _ := cutLine(data[off:])
		if !in(l.title, off) && !in(l.digest, off) && !in(l.notes, off) {
			lines = append(lines, fileLine{n, line})
		}
		off += len(line) + 1
	}
	return lines
}

// Kept says what Merge kept of an old file.
type Kept struct {
	Title, Notes bool
	// TitleLost is a title that did not read on its own, in a file whose
	// front matter does not read: it was left out.
	TitleLost bool
}

// Merge returns md, a file as Append wrote it, with the parts of old that
// its editor owns: the notes section, byte for byte, and the title key's
// lines, byte for byte, when the title is the editor's (when it is not the
// default, the subject else the id). d is old as Read read it, or nil when
// old does not read; then the title is kept when its lines read on their
// own and give another title than md's.
func Merge(md, old []byte, d *Document) (merged []byte, kept Kept) {
	ol, ml := locate(old), locate(md)
	var title []byte
	switch {
	case ol.title.found() && d != nil:
		lines := old[ol.title.start:ol.title.end]
		if v, ok := titleValue(lines); d.Title != "" && ok && v == d.Title {
			title = lines
		} else if d.Title != "" {
			// Lines that read otherwise on their own (an alias of an
			// anchor elsewhere, say): the value is kept.
			title = appendStringKey(nil, "title", d.Title)
		}
	case ol.title.found():
		lines := old[ol.title.start:ol.title.end]
		v, ok := titleValue(lines)
		var def string
		if ml.title.found() {
			def, _ = titleValue(md[ml.title.start:ml.title.end])
		}
		switch {
		case !ok:
			kept.TitleLost = true
		case v != "" && v != def:
			title = lines
		}
	case d != nil && d.Title != "":
		// The title is where its lines cannot be told (inside a flow
		// mapping, say): keep its value.
		title = appendStringKey(nil, "title", d.Title)
	}
	var notes []byte
	if ol.notes.found() {
		notes = old[ol.notes.start:ol.notes.end]
	}
	kept.Title, kept.Notes = title != nil, notes != nil
	if title == nil && notes == nil {
		return md, kept
	}
	merged = make([]byte, 0, len(md)+len(title)+len(notes)+1)
	at := 0
	if title != nil {
		t := ml.title
		if !t.found() {
			// Write always writes a title; a hand-made md may not have
			// one: the title goes first.
			first := bytes.IndexByte(md, '\n') + 1
			t = span{first, first}
		}
		merged = append(merged, md[:t.start]...)
		merged = append(merged, title...)
		if title[len(title)-1] != '\n' {
			merged = append(merged, '\n')
		}
		at = t.end
	}
	cut := ml.original
	if cut < 0 {
		cut = len(md)
	}
	merged = append(merged, md[at:cut]...)
	if notes != nil {
		merged = append(merged, notes...)
		if notes[len(notes)-1] != '\n' && cut < len(md) {
			// Notes that ended the file without a line end: the
			// original's marker must start a line.
			merged = append(merged, '\n')
		}
	}
	return append(merged, md[cut:]...), kept
}

// titleValue reads the title key's lines on their own.
func titleValue(lines []byte) (string, bool) {
	if len(lines) == 0 {
		return "", true
	}
	if v, ok := parseQuoted(string(bytes.TrimSuffix(bytes.TrimPrefix(lines, []byte("title: ")), []byte("\n")))); ok {
		return v, true
	}
	var y struct {
		Title any `yaml:"title"`
	}
	if err := yaml.Unmarshal(lines, &y); err != nil {
		return "", false
	}
	return scalarString(y.Title), true
}

// scalarString is a YAML scalar as a string, as Hugo reads a title: a
// number or a boolean as written, a list or a mapping as nothing.
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil, []any, map[string]any:
		return ""
	default:
		return fmt.Sprint(v)
	}
}
