package annotate

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/cablesite/cablesite/generator/cable"
)

// Document is an annotated markdown file read back.
type Document struct {
	// Cable holds the fields of the front matter. Paragraph texts are not
	// stored there: Paragraphs carry only numbers and markings.
	Cable  cable.Cable
	Source Source
	// Original is the cable's text, byte for byte, or nil when the file
	// has no original section.
	Original []byte
	// Body is the annotated body: what follows the front matter, up to the
	// notes' marker line or the original's.
	Body []byte
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
	// Title is the editor's display title: the front matter's title when
	// it is not the default Write gives (the subject, else the id), and ""
	// when it is the default or absent.
	Title string
	// Notes is the editor's notes, markdown: what follows the notes'
	// marker line, up to the original's marker, as written; nil when the
	// file has no notes section.
	Notes []byte
	// NotesLine is the line of the file on which Notes starts.
	NotesLine int
}

// Source is where the cable was imported from: front matter key `source`.
type Source struct {
	Format cable.Format `yaml:"format"`
	File   string       `yaml:"file"`
	Line   int          `yaml:"line"`
	Meta   cable.Meta   `yaml:"meta"`
	// Digest is the digest of the source-derived parts as Write wrote
	// them ("sha256:..."; see Digest), "" in files written before it.
	Digest string `yaml:"digest"`
}

// Record returns the cable.Record that Parse would be given to re-derive
// the fields: the original text, the source's format, place and metadata.
func (d *Document) Record() cable.Record {
	return cable.Record{
		Pos:    cable.Pos{File: d.Source.File, Line: d.Source.Line},
		Format: d.Source.Format,
		Text:   d.Original,
		Meta:   d.Source.Meta,
	}
}

// A ReadError is a file that Read cannot read, at a line of it.
type ReadError struct {
	Name string
	Line int
	Msg  string
}

func (e *ReadError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg) }

// Read parses an annotated markdown file, as Write writes it or as edited
// by hand. name is used in errors only, which are *ReadError and read
// "name:line: message".
// Original and Body are slices of data, not copies.
func Read(name string, data []byte) (*Document, error) {
	d := &Document{}
	p := data
	if bytes.HasPrefix(p, []byte("\xEF\xBB\xBF")) {
		p = p[3:]
	}
	first, _, _ := cutLine(p)
	if string(trimLineEnd(first)) != "---" {
		return nil, &ReadError{name, 1, "no front matter: the file must start with a line \"---\""}
	}
	l := locate(data)
	if l.fmEnd < 0 {
		return nil, &ReadError{name, 1, "front matter not closed by a line \"---\""}
	}
	fmStart := len(data) - len(p) + len(first) + 1
	fm := data[fmStart:l.fmEnd]
	if err := decodeFrontMatter(fm, d); err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, &ReadError{name, 1 + le.line, le.msg}
		}
		return nil, &ReadError{name, 2, "front matter: " + err.Error()}
	}
	if d.Title == d.Cable.Subject || (d.Cable.Subject == "" && d.Title == d.Cable.ID) {
		d.Title = ""
	}
	d.BodyLine = lineAt(data, l.body)
	end := l.original
	if end < 0 {
		end = len(data)
	}
	d.Body = data[l.body:end]
	if l.notes.found() {
		d.Body = data[l.body:l.notes.start]
		_, d.Notes, _ = cutLine(data[l.notes.start:l.notes.end])
		if d.Notes == nil {
			d.Notes = data[l.notes.end:l.notes.end] // a section, empty
		}
		d.NotesLine = lineAt(data, l.notes.start) + 1
	}
	if l.original < 0 {
		return d, nil
	}
	after := data[l.original:]
	_, after, _ = cutLine(after)
	fenceOff := len(data) - len(after)
	fenceLine, content, ok := cutLine(after)
	fenceLine = trimLineEnd(fenceLine)
	n := 0
	for n < len(fenceLine) && fenceLine[n] == '~' {
		n++
	}
	info := string(bytes.TrimSpace(fenceLine[n:]))
	if !ok || n < 4 || (info != "text" && info != "base64") {
		return nil, &ReadError{name, lineAt(data, fenceOff), "the line after " + originalMarker + " must open the original: ~~~~ text"}
	}
	end, tail := closingFence(content, n)
	if end < 0 {
		return nil, &ReadError{name, lineAt(data, fenceOff), fmt.Sprintf("the original's fence is not closed by a line of %d tildes", n)}
	}
	if len(bytes.TrimSpace(tail)) > 0 {
		off := len(data) - len(tail)
		return nil, &ReadError{name, lineAt(data, off), "text after the original's closing fence"}
	}
	d.Original = content[:end]
	if info == "base64" {
		clean := bytes.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, d.Original)
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
		k, err := base64.StdEncoding.Decode(dec, clean)
		if err != nil {
			return nil, &ReadError{name, lineAt(data, fenceOff) + 1, "the original is not valid base64: " + err.Error()}
		}
		d.Original = dec[:k]
	}
	return d, nil
}

// markerIndex returns where the first marker line (the line holding
// marker alone, trailing spaces aside) starts in s, or -1.
func markerIndex(s []byte, marker string) int {
	for off := 0; ; {
		i := bytes.Index(s[off:], []byte(marker))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(marker)
		if (i == 0 || s[i-1] == '\n') && len(bytes.TrimRight(lineOf(s[end:]), " \t\r")) == 0 {
			return i
		}
		off = end
	}
}

// closingFence finds the closing fence of n tildes in content, which
// starts after the opening fence's line. It returns where the original
// ends (before the "\n" that Write adds) and what follows the fence's line.
func closingFence(content []byte, n int) (int, []byte) {
	fence := append([]byte{'\n'}, bytes.Repeat([]byte{'~'}, n)...)
	for off := 0; ; {
		var i int
		if off == 0 && bytes.HasPrefix(content, fence[1:]) {
			// An empty original: the closing fence follows at once. Write
			// never produces this (it always adds "\n"); hand edits may.
			i = -1
		} else {
			i = bytes.Index(content[off:], fence)
			if i < 0 {
				return -1, nil
			}
			i += off
		}
		after := content[i+len(fence):]
		line, tail, _ := cutLine(after)
		if len(bytes.TrimRight(line, " \t\r")) == 0 {
			if i < 0 {
				return 0, tail
			}
			return i, tail
		}
		off = i + len(fence)
	}
}

// cutLine splits s after its first "\n"; ok is false when there is none.
func cutLine(s []byte) (line, rest []byte, ok bool) {
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, nil, false
}

func lineOf(s []byte) []byte {
	l, _, _ := cutLine(s)
	return l
}

func trimLineEnd(s []byte) []byte { return bytes.TrimRight(s, " \t\r") }

// lineAt returns the 1-based line of data that offset off is on.
func lineAt(data []byte, off int) int {
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// lineError is an error at a line of the front matter (1 is its first).
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }
