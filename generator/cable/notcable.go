package cable

import (
	"bytes"
	"fmt"
	"regexp"
)

// notCable says why a source that detection would read as raw text is no
// cable at all, from its first bytes (up to 64 KiB), or returns "". A raw
// cable has no signature of its own, but every cable has a line of its
// routing header or of its header fields near its start; files that sit
// beside cables in a collection (a README, a manifest, a picture) have
// none, or betray their format first:
//
//   - a known binary format by its first bytes: an image, a PDF, an
//     archive, an office document, a database, a program;
//   - markdown: YAML front matter ("---" then a lower-case "key:"), or an ATX
//     heading ("# Title") as the first line that is not blank;
//   - a table of tab-separated values: of its first 20 lines that are not
//     blank, at least two, all holding tabs, and as many each;
//   - text (binary data of no known format is left to be rejected as such,
//     being perhaps a damaged cable) none of whose lines in the first
//     64 KiB starts (after spaces) with a
//     cable's marker: VZCZC, a precedence and date-time group
//     ("O 072147Z SEP 07"), FM, TO, INFO, DE, ZNY, ZNR, BT, NNNN, SIPDIS,
//     PAGE, a classification (UNCLAS, UNCLASSIFIED, CONFIDENTIAL, SECRET,
//     LIMITED OFFICIAL USE, spaced out or not), in any case, SUBJECT:,
//     SUBJ:, TAGS, E.O., EO 1, REF:, REFS:, CLASSIFIED BY, DECL, or a
//     numbered paragraph with its marking ("5. (C)", "¶5."): a piece cut
//     from a cable's body is a cable's text still.
func notCable(head []byte) string {
	if len(head) > detectSize {
		head = head[:detectSize]
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.what
		}
	}
	p := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(p)) == 0 {
		return "" // empty: rejected as such
	}
	lines := bytes.Split(p, []byte("\n"))
	if len(lines) > 1 && string(bytes.TrimRight(lines[0], " \t\r")) == "---" && frontMatterKey.Match(lines[1]) {
		return "markdown with front matter"
	}
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if atxHeading.Match(l) {
			return "markdown: it starts with a heading"
		}
		break
	}
	if tsv(lines) {
		return "a table of tab-separated values"
	}
	if binary(p) != "" {
		return "" // rejected as binary data: perhaps a cable, damaged
	}
	for _, l := range lines {
		if cableMarker.Match(l) {
			return ""
		}
	}
	return "no line of a cable's header or fields in its first 64 KiB"
}

// magics are the first bytes of binary formats that turn up beside
// cables.
var magics = []struct{ prefix, what string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or an office document)"},
	{"\x1f\x8b", "a gzip archive"},
	{"BZh", "a bzip2 archive"},
	{"\xfd7zXZ\x00", "an xz archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an office document"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"\x7fELF", "a program"},
	{"%!PS", "a PostScript document"},
}

var (
	frontMatterKey = regexp.MustCompile(`^[a-z_][a-z0-9_-]*:(\s|$)`)
	atxHeading     = regexp.MustCompile(`^ {0,3}#{1,6}[ \t]+\S`)
	cableMarker    = regexp.MustCompile(`^[ \t]*(?:` +
		`VZCZC|[OPRZ]{1,2} \d{6}Z|FM |TO |INFO |DE |ZNY |ZNR |BT\s*$|NNNN|SIPDIS|PAGE \d|` +
		`UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|U N C L A S|C O N F I D E N T I A L|S E C R E T|` +
		`(?i:SUBJECT:|SUBJ:|TAGS|E\.\s?O\.|EO 1|REFS?:|CLASSIFIED BY|DECL)|` +
		`¶\d|\d{1,2}\.\s?\((?:U|C|S|SBU|LOU|S/NF|C/NF|S//NF|C//NF|SBU/NF)\))`)
)

// tsv reports whether lines start like a table of tab-separated values.
func tsv(lines [][]byte) bool {
	n, tabs := 0, -1
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		k := bytes.Count(l, []byte("\t"))
		if k == 0 || tabs >= 0 && k != tabs {
			return false
		}
		tabs = k
		if n++; n == 20 {
			break
		}
	}
	return n >= 2
}

// notCableError is the error of a source that notCable refuses.
func notCableError(name, why string) error {
	return &RecordError{Pos{name, 1}, fmt.Errorf("%w (%s)", ErrNotCable, why)}
}
