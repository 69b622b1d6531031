package cable

import (
	"bytes"
	"fmt"
	"io"
)

// readText reads a raw cable: the whole input is one cable, kept byte for
// byte. Bytes that are not UTF-8 (Windows-1252 quotes, say) stay as they
// are; decoding them for display happens elsewhere.
func readText(name string, r io.Reader, yield func(Record, error) bool) {
	data, err := readAll(name, r)
	pos := Pos{File: name, Line: 1}
	if err != nil {
		yield(Record{Pos: pos, Format: FormatText}, err)
		return
	}
	yield(textRecord(pos, data))
}

// textRecord makes the record of a raw cable, or rejects data that holds
// none.
func textRecord(pos Pos, data []byte) (Record, error) {
	rec := Record{Pos: pos, Format: FormatText}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
		return rec, &RecordError{pos, ErrEmpty}
	}
	if why := binary(data); why != "" {
		return rec, &RecordError{pos, fmt.Errorf("%w: %s", ErrBinary, why)}
	}
	rec.Text = data
	if escapedPre(data) {
		// The content of a Cablegate page's <pre> copied from the page's
		// source: its line breaks are entities, its TAGS links.
		rec.Text = preText(nil, data)
	}
	rec.TextLine = 1
	return rec, nil
}

// escapedPre reports whether data is the source of a Cablegate page's
// <pre> rather than a cable: its line breaks written as "&#x000A;"
// entities, as many as its newlines or more, or the page's paragraph
// anchors and TAGS links in it, which no cable holds.
func escapedPre(data []byte) bool {
	head := data[:min(len(data), detectSize)]
	if bytes.Contains(head, []byte("<a id='par")) || bytes.Contains(head, []byte("<a href='/tag/")) {
		return true
	}
	n := bytes.Count(data, []byte("&#x000A;")) + bytes.Count(data, []byte("&#x000a;")) + bytes.Count(data, []byte("&#10;"))
	return n >= 3 && n >= bytes.Count(data, []byte("\n"))
}

// binary says why data is not text, or returns "". Cables are teletype
// text, which carries the odd control character (a stray ^Z, ESC or NUL:
// they are kept, like any byte); a tenth of the first 64 KiB is no longer
// text but an image, an archive or UTF-16 without its byte order mark.
func binary(data []byte) string {
	head := data[:min(len(data), detectSize)]
	ctl, nul := 0, 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f {
			ctl++
			if c == 0 {
				nul++
			}
		}
	}
	switch {
	case ctl*10 <= len(head):
		return ""
	case nul*3 > len(head):
		return fmt.Sprintf("%d NUL bytes in the first %d bytes (UTF-16 without a byte order mark?)", nul, len(head))
	}
	return fmt.Sprintf("%d control characters in the first %d bytes", ctl, len(head))
}
