package cable

import (
	"regexp"
	"slices"
	"strings"
)

// classLine is the classification line that opens the body:
// "C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086".
type classLine struct {
	found      bool
	start, end int    // byte range of the line
	word       string // the classification word, spaces removed, upper case: "CONFIDENTIAL", "UNCLAS"
	handling   []string
	section    int // 1 of "SECTION 01 OF 02"
	sections   int // 2 of "SECTION 01 OF 02"
	station    string
	number     string // without leading zeros
}

// reClassWord matches a classification word at the start of a line, written
// plainly or with spaced letters ("S E C R E T", "C o n f i d e n t i a l").
// The alternatives are ordered so that the longest word wins.
// A doubled first letter ("SS E C R E T", "UUNCLAS") is a typing slip.
var reClassWord = regexp.MustCompile(`(?i)^[ \t]*(S? ?S ?E ?C ?R ?E ?T|C? ?C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|U? ?U ?N ?C ?L ?A ?S ?S ?I ?F ?I ?E ?D|U? ?U ?N ?C ?L ?A ?S|L ?I ?M ?I ?T ?E ?D +O ?F ?F ?I ?C ?I ?A ?L +U ?S ?E)\b`)

// handlingWords are the dissemination and handling markings that cables
// write after the classification ("NOFORN", "SIPDIS").
var handlingWords = map[string]bool{
	"SIPDIS": true, "NOFORN": true, "NODIS": true, "EXDIS": true, "LIMDIS": true,
	"STADIS": true, "ROGER": true, "NOCONTRACT": true, "ORCON": true, "PROPIN": true,
	"SENSITIVE": true, "EFTO": true, "CHEROKEE": true, "NOFORN/NOCONTRACT": true,
	"FOUO": true,
}

// handlingWord returns the handling marking w stands for ("Noforn" and
// "STADIS////" give "NOFORN" and "STADIS"), or "".
func handlingWord(w string) string {
	w = strings.Trim(upperASCII(w), "/.,;:")
	if handlingWords[w] {
		return w
	}
	return ""
}

// parseClassLine reads l as a classification line. It reports false when l
// does not open with a classification, or when what follows is prose
// rather than a station and number.
func parseClassLine(l string) (classLine, bool) {
	var c classLine
	if !mayBeClassLine(l) {
		return c, false
	}
	m := reClassWord.FindStringSubmatchIndex(l)
	if m == nil {
		return c, false
	}
	c.word = strings.ToUpper(strings.Join(strings.Fields(l[m[2]:m[3]]), ""))
	for _, w := range []string{"SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS"} {
		if len(c.word) == len(w)+1 && c.word[1:] == w {
			c.word = w
		}
	}
	rest := l[m[1]:]
	// "SECRET//NOFORN", "UNCLASSIFIED//FOR OFFICIAL USE ONLY".
	if strings.HasPrefix(strings.TrimSpace(rest), "//") {
		r := strings.TrimSpace(rest)[2:]
		switch {
		case hasPrefixFold(r, "FOR OFFICIAL USE ONLY"):
			c.handling = append(c.handling, "FOR OFFICIAL USE ONLY")
			rest = r[len("FOR OFFICIAL USE ONLY"):]
		default:
			f := strings.Fields(r)
			if len(f) > 0 {
				if h := handlingWord(f[0]); h != "" {
					c.handling = append(c.handling, h)
				}
				rest = r[strings.Index(r, f[0])+len(f[0]):]
			} else {
				rest = ""
			}
		}
	}
	toks := strings.Fields(rest)
	i := 0
	// Handling words and spaced single letters ("E F T O") before the
	// section and station.
	for i < len(toks) {
		if h := handlingWord(toks[i]); h != "" {
			c.handling = append(c.handling, h)
			i++
			continue
		}
		if len(toks[i]) == 1 && isLetter(toks[i][0]) {
			j, w := i, ""
			for j < len(toks) && len(toks[j]) == 1 && isLetter(toks[j][0]) {
				w += toks[j]
				j++
			}
			if h := handlingWord(w); h != "" {
				c.handling = append(c.handling, h)
				i = j
				continue
			}
		}
		if t := strings.Trim(toks[i], "/"); t == "" || strings.EqualFold(t, "BUT") || strings.EqualFold(t, "UNCLASSIFIED") {
			i++
			continue
		}
		break
	}
	if i+3 < len(toks) && strings.EqualFold(toks[i], "SECTION") && strings.EqualFold(toks[i+2], "OF") {
		c.section = atoi(toks[i+1])
		c.sections = atoi(toks[i+3])
		i += 4
	}
	if i+1 < len(toks) && strings.EqualFold(toks[i], "PAGE") && digitsOnly(toks[i+1]) != "" {
		// "SECRET PAGE 02 LIMA 02475 ...": a page header after the
		// page's classification, not the cable's classification line.
		return c, false
	}
	// The station: up to four words of letters, then the number.
	var words []string
	for ; i < len(toks) && len(words) <= 4; i++ {
		t := strings.TrimRight(toks[i], `\.,;:`)
		if n := digitsOnly(t); n != "" {
			if len(words) > 0 {
				c.station = upperASCII(strings.Join(words, " "))
				c.number = strings.TrimLeft(n, "0")
				if c.number == "" {
					c.number = "0"
				}
				i++
			}
			break
		}
		if !isStationWord(t) {
			break
		}
		words = append(words, t)
	}
	// Handling words may follow the number when the lines were run
	// together: "ATHENS 000057 NOFORN SIPDIS AMEMBASSY ANKARA PASS TO".
	for ; c.number != "" && i < len(toks); i++ {
		h := handlingWord(toks[i])
		if h == "" {
			break
		}
		c.handling = append(c.handling, h)
	}
	ok := c.number != "" || strings.TrimSpace(rest) == "" || len(c.handling) > 0 && i == len(toks)
	return c, ok
}

// classPrefixes are the classification words with their spaces removed,
// as mayBeClassLine compares them.
var classPrefixes = [...]string{"SECRET", "SSECRET", "CONFIDENTIAL", "CCONFIDENTIAL", "UNCLAS", "UUNCLAS", "LIMITEDOFFICIALUSE"}

// mayBeClassLine is a quick test that l could open with a classification
// word, so that most lines of a body cost no regular expression.
func mayBeClassLine(l string) bool {
	t := l[skipBlanks(l, 0):] // not strings.TrimLeft, which builds a set each call
	if t == "" {
		return false
	}
	switch t[0] | 0x20 {
	case 's', 'c', 'u', 'l':
	default:
		return false
	}
	var b [24]byte
	n := 0
	for i := 0; i < len(l) && n < len(b); i++ {
		c := l[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[n] = c
		n++
	}
	if n < 6 {
		return false
	}
	for _, p := range classPrefixes {
		k := min(len(p), n)
		if string(b[:k]) == p[:k] { // compared without allocating
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// isStationWord reports whether t can be a word of a station name as the
// classification line writes it: letters with an inner '.', '-' or '\”.
func isStationWord(t string) bool {
	if t == "" || !isLetter(t[0]) {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !isLetter(c) && c != '.' && c != '-' && c != '\'' {
			return false
		}
	}
	return true
}

// digitsOnly returns t if it is all ASCII digits, else "".
func digitsOnly(t string) string {
	if t == "" {
		return ""
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return ""
		}
	}
	return t
}

// atoi converts a short run of digits, ignoring anything else; it never
// overflows because it stops at nine digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return n
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isHandlingLine reports whether l holds handling markings only
// ("SIPDIS", "NOFORN SIPDIS", "SENSITIVE BUT UNCLASSIFIED"), and returns
// them.
func isHandlingLine(l string) ([]string, bool) {
	toks := strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == '/' })
	if len(toks) == 0 {
		return nil, false
	}
	var hs []string
	for _, t := range toks {
		if h := handlingWord(t); h != "" {
			hs = append(hs, h)
			continue
		}
		if strings.EqualFold(t, "BUT") || strings.EqualFold(t, "UNCLASSIFIED") {
			continue
		}
		return nil, false
	}
	return hs, len(hs) > 0
}

// fieldKind names the header fields that follow the classification line.
type fieldKind int

const (
	fieldEO fieldKind = iota + 1
	fieldTags
	fieldSubject
	fieldRef
	fieldClassifiedBy
	fieldDerivedFrom // "DERIVED FROM: DSCG 05-1 B, D": read only to end the field before it
)

// A marker is where a header field begins: pos is the keyword's offset in
// the text, val where its value starts.
type marker struct {
	kind     fieldKind
	pos, val int
	label    string // the item letter of "REF A:", if any
}

// findMarkers returns the field markers on line l, which starts at offset
// off in the text. A keyword counts at the start of a word: header fields
// are often run together on one line ("E.O. 12958: N/A TAGS: ETTC"), or
// glued to a date ("03/19/2024TAGS:"). Without its colon a keyword counts
// only at the start of the line ("TAGS PREL, PGOV"). When a line break was
// lost, a keyword in capitals with its colon counts even glued to the end
// of the previous value ("N/ATAGS:", "PGOV PRELSUBJECT:"). The scan is
// written out by hand, since it runs on every line of every header.
func findMarkers(l string, off int) []marker {
	var ms []marker
	lineStart := true // nothing but blanks and a pilcrow so far
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if lineStart && strings.HasPrefix(l[i:], pilcrow) {
			i += len(pilcrow) - 1
			continue
		}
		atStart := lineStart
		lineStart = false
		if !isLetter(c) {
			continue
		}
		var m marker
		ok := false
		if i > 0 && isLetter(l[i-1]) {
			if c != 'T' && c != 'S' && c != 'R' {
				continue // the quick test of gluedKeywordAt
			}
			m, ok = gluedKeywordAt(l, i)
		} else {
			m, ok = keywordAt(l, i, atStart)
		}
		if ok {
			ms = append(ms, marker{kind: m.kind, pos: off + m.pos, val: off + m.val, label: m.label})
			i = m.val - 1
		}
	}
	return ms
}

// gluedKeywords are the labels that count glued to the value before
// them: in capitals, or capitalised as mixed-case cables write them, with
// the colon.
var gluedKeywords = [...]struct {
	word string
	kind fieldKind
}{
	{"TAGS:", fieldTags}, {"Tags:", fieldTags},
	{"SUBJECT:", fieldSubject}, {"Subject:", fieldSubject},
	{"REF:", fieldRef}, {"REFS:", fieldRef}, {"Ref:", fieldRef}, {"Refs:", fieldRef},
}

// gluedKeywordAt reads at l[i:], inside a word, one of the keywords that
// cables run into the value before them: in capitals, with the colon.
func gluedKeywordAt(l string, i int) (marker, bool) {
	for _, g := range gluedKeywords {
		if l[i] == g.word[0] && strings.HasPrefix(l[i:], g.word) {
			return marker{kind: g.kind, pos: i, val: i + len(g.word)}, true
		}
	}
	return marker{}, false
}

// refWords are the keywords of a REF field.
var refWords = [...]string{"REF", "REFS", "REFTEL", "REFTELS", "REFERENCE", "REFERENCES"}

// keywordAt reads a field keyword at l[i:], at the start of a word.
func keywordAt(l string, i int, atStart bool) (marker, bool) {
	if l[i]|0x20 == 'e' {
		if v, ok := eoAt(l, i); ok && (atStart || !afterReasonWord(l[:i]) && !citedOrder(l, v)) {
			return marker{kind: fieldEO, pos: i, val: v}, true
		}
	}
	j := i
	for j < len(l) && isLetter(l[j]) {
		j++
	}
	word := l[i:j]
	k := skipBlanks(l, j)
	colon := k < len(l) && l[k] == ':'
	switch {
	case strings.EqualFold(word, "TAG") || strings.EqualFold(word, "TAGS"):
		if colon {
			return marker{kind: fieldTags, pos: i, val: k + 1}, true
		}
		if atStart {
			return marker{kind: fieldTags, pos: i, val: k}, true
		}
	case strings.EqualFold(word, "SUBJ") || strings.EqualFold(word, "SUBJECT"):
		if colon {
			return marker{kind: fieldSubject, pos: i, val: k + 1}, true
		}
		if atStart {
			if k < len(l) && l[k] == '-' {
				k++
			}
			return marker{kind: fieldSubject, pos: i, val: k}, true
		}
	case slices.ContainsFunc(refWords[:], func(w string) bool { return strings.EqualFold(word, w) }):
		if k < len(l) && l[k] == '.' { // "REF.:"
			if k2 := skipBlanks(l, k+1); k2 < len(l) && l[k2] == ':' {
				return marker{kind: fieldRef, pos: i, val: k2 + 1}, true
			}
		}
		if k+3 < len(l) && strings.EqualFold(l[k:k+3], "(S)") { // "REF(S):"
			if k2 := skipBlanks(l, k+3); k2 < len(l) && l[k2] == ':' {
				return marker{kind: fieldRef, pos: i, val: k2 + 1}, true
			}
		}
		if colon {
			return marker{kind: fieldRef, pos: i, val: k + 1}, true
		}
		if strings.EqualFold(word, "REF") && k > j {
			// "REF A:", "REF (B).": the marker of one item.
			q := k
			if q < len(l) && l[q] == '(' {
				q++
			}
			if q < len(l) && isLetter(l[q]) && (q+1 == len(l) || !isLetter(l[q+1])) {
				label := strings.ToUpper(l[q : q+1])
				r := q + 1
				if r < len(l) && l[r] == ')' {
					r++
				}
				r = skipBlanks(l, r)
				if r < len(l) && (l[r] == ':' || l[r] == '.' || l[r] == ')') {
					return marker{kind: fieldRef, pos: i, val: r + 1, label: label}, true
				}
			}
		}
		// "REF" without a colon must start the line and be followed by
		// something, or, inside a line (a subject run into it), be
		// followed by a cable's citation: "... URANIUM REF 07 KINSHASA 798".
		if atStart && strings.TrimSpace(l[k:]) != "" || k > j && startsWithCitation(l[k:]) {
			return marker{kind: fieldRef, pos: i, val: k}, true
		}
	case strings.EqualFold(word, "CLASSIFIED") || len(word) >= 8 && nearWord(word, "CLASSIFIED", true):
		if v, ok := nextWord(l, k, "BY"); ok && k > j {
			return marker{kind: fieldClassifiedBy, pos: i, val: v}, true
		}
	case strings.EqualFold(word, "DERIVED"):
		if v, ok := nextWord(l, k, "FROM"); ok && k > j {
			return marker{kind: fieldDerivedFrom, pos: i, val: v}, true
		}
	case colon && atStart && nearWord(word, "TAGS", false):
		// A label typed wrong at the start of a line, with its colon:
		// "TAS:", "TAGES:", "TGS:", "AGS:".
		return marker{kind: fieldTags, pos: i, val: k + 1}, true
	case colon && atStart && len(word) >= 5 && nearWord(word, "SUBJECT", true):
		// "UBJECT:", "SUBJET:", "SUBJEC:".
		return marker{kind: fieldSubject, pos: i, val: k + 1}, true
	}
	return marker{}, false
}

// nearWord reports whether w is the word target typed with one slip,
// ignoring case: a letter left out, one added, two swapped, and, when sub
// is set (for long words, where it cannot make another word), one
// replaced. w and target must be ASCII letters.
func nearWord(w, target string, sub bool) bool {
	if len(w) < 3 || len(w) > len(target)+1 || len(w) < len(target)-1 || strings.EqualFold(w, target) {
		return false
	}
	// The common prefix and suffix; what differs is between them.
	i := 0
	for i < len(w) && i < len(target) && w[i]|0x20 == target[i]|0x20 {
		i++
	}
	j, k := len(w), len(target)
	for j > i && k > i && w[j-1]|0x20 == target[k-1]|0x20 {
		j--
		k--
	}
	switch dw, dt := j-i, k-i; {
	case dw == 0 && dt == 1, dw == 1 && dt == 0: // left out, added
		return true
	case dw == 1 && dt == 1: // replaced
		return sub
	case dw == 2 && dt == 2: // swapped
		return w[i]|0x20 == target[i+1]|0x20 && w[i+1]|0x20 == target[i]|0x20
	}
	return false
}

// afterReasonWord reports whether s, the text before an "E.O. 12958" in a
// line, ends with a word that makes it the citation of a reason
// ("...for reasons E.O. 12958, 1.4(b)") rather than the E.O. field.
func afterReasonWord(s string) bool {
	s = strings.TrimRight(s, " \t:,;")
	k := len(s)
	for k > 0 && isLetter(s[k-1]) {
		k--
	}
	switch strings.ToUpper(s[k:]) {
	case "REASON", "REASONS", "PER", "UNDER", "OF", "AND", "BY":
		return true
	}
	return false
}

// citedOrder reports whether the executive order whose keyword ends at v
// in l is followed by a comma: inside a line, "..., E.O. 12958, reasons
// 1.4 (b)" cites the order in a Classified By line; the field has a colon
// or its value.
func citedOrder(l string, v int) bool {
	c := skipBlanks(l, v)
	return c < len(l) && l[c] == ','
}

// startsWithCitation reports whether s opens with the citation of a cable
// of a known station: "07 KINSHASA 798", "STATE 12345".
func startsWithCitation(s string) bool {
	s = strings.TrimLeft(s, " \t")
	m := reCite.FindStringSubmatch(s)
	return m != nil && KnownStation(upperASCII(m[2])) && !strings.ContainsAny(m[2], "abcdefghijklmnopqrstuvwxyz")
}

// nextWord reports whether l[k:] starts with the word w, and returns the
// offset after it and an optional colon.
func nextWord(l string, k int, w string) (int, bool) {
	e := k + len(w)
	if e > len(l) || !strings.EqualFold(l[k:e], w) || e < len(l) && isLetter(l[e]) {
		return 0, false
	}
	if c := skipBlanks(l, e); c < len(l) && l[c] == ':' {
		return c + 1, true
	}
	return e, true
}

// eoAt reads the executive order keyword at l[i:] ("E.O. 12958:", "EO
// 12958", "E.0. 12958", "E.O.12958") and returns the offset after it.
func eoAt(l string, i int) (int, bool) {
	p := i + 1
	if p < len(l) && l[p] == '.' {
		p++
	}
	if p < len(l) && l[p] == ' ' {
		p++
	}
	if p >= len(l) || (l[p]|0x20 != 'o' && l[p] != '0') {
		return 0, false
	}
	p++
	if p < len(l) && l[p] == '.' {
		p++
	}
	if p < len(l) && l[p] == ' ' {
		p++
	}
	if p+5 > len(l) || l[p] != '1' || digitsOnly(l[p:p+5]) == "" || p+5 < len(l) && isWordByte(l[p+5]) {
		return 0, false
	}
	p += 5
	c := skipBlanks(l, p)
	if c < len(l) && l[c] == ':' {
		return c + 1, true
	}
	// "E.O. 12958, 1.4(b)(d)", "E.O. 12958 1.4 (D)": a reason cited, not
	// the field.
	if c < len(l) && l[c] == ',' {
		c = skipBlanks(l, c+1)
	}
	if c < len(l) && (l[c] >= '0' && l[c] <= '9' || l[c] == '(') {
		return 0, false
	}
	return p, true
}

// skipBlanks returns the offset of the first byte at or after k that is
// not a space or tab.
func skipBlanks(l string, k int) int {
	for k < len(l) && (l[k] == ' ' || l[k] == '\t') {
		k++
	}
	return k
}

// header holds the header fields read between the routing header and the
// first paragraph.
type headerFields struct {
	class    classLine
	handling []string // before the subject, in order, as written (upper case)
	markers  []marker
	values   map[fieldKind][]string // values of each marker kind, in order
	refs     []refValue
	eoOrder  string // the executive order of the E.O. line: "12958"
	end      int    // byte offset where the header fields end
}

// eoNumber returns the executive order's number in an E.O. keyword
// ("E.O. 12958:").
func eoNumber(kw string) string {
	for i := 0; i+5 <= len(kw); i++ {
		if d := digitsOnly(kw[i : i+5]); d != "" {
			return d
		}
	}
	return ""
}

// refValue is the value of one REF marker.
type refValue struct {
	label, text string
}

// maxPreambleLines bounds the search for header fields, so that a body
// without numbered paragraphs is not read as a header; maxPreambleLine
// bounds how much of one line is searched, for cables run together on one
// line.
const (
	maxPreambleLines = 150
	maxPreambleLine  = 16 << 10
)

// readHeader reads the header fields from line index from on; bodyFrom is
// the byte offset where the body begins (after the routing header).
func readHeader(text string, lines []lineSpan, from int) headerFields {
	h := headerFields{values: map[fieldKind][]string{}}
	h.end = len(text)
	if from < len(lines) {
		h.end = lines[from].start
	}
	limit := min(len(lines), from+maxPreambleLines)
	// Find the preamble's lines and the markers on them.
	type pline struct {
		idx     int
		markers []marker
	}
	var pls []pline
	seenField := false
	subjectSeen := false
	afterBlank := false
	classIdx := -1
	lastKind := fieldKind(0)
	pageBreak := false // a page break since the last line of text
	for i := from; i < limit; i++ {
		sp := lines[i]
		l := text[sp.start:sp.end]
		if isBlank(l) {
			afterBlank = true
			pls = append(pls, pline{idx: i})
			continue
		}
		if ps, ok := parseParaStart(l); ok && ps.accepted(0) {
			break
		}
		t := trim(l)
		if classIdx < 0 {
			if c, ok := parseClassLine(t); ok {
				c.found = true
				c.start, c.end = sp.start, sp.end
				h.class = c
				classIdx = i
				if !subjectSeen {
					h.handling = appendHandling(h.handling, c.handling...)
				}
				ms := findMarkers(l[:min(len(l), maxPreambleLine)], sp.start)
				pls = append(pls, pline{idx: i, markers: ms})
				afterBlank = false
				continue
			}
		}
		ms := findMarkers(l[:min(len(l), maxPreambleLine)], sp.start)
		if len(ms) == 0 && isNotBody(t) {
			// A section's continuation line or a page header
			// among the fields.
			pls = append(pls, pline{idx: i})
			pageBreak = pageBreak || isPageBreak(t)
			continue
		}
		if len(ms) == 0 {
			if hs, ok := isHandlingLine(t); ok {
				if !subjectSeen {
					h.handling = appendHandling(h.handling, hs...)
				}
				pls = append(pls, pline{idx: i})
				afterBlank = false
				continue
			}
			if seenField && afterBlank && !pageBreak && !(lastKind == fieldRef && isRefItemLine(t)) && !isDashLine(t) &&
				!markerAhead(text, lines, i+1, limit) {
				break // prose: the body has begun
			}
		}
		pageBreak = false
		for _, m := range ms {
			lastKind = m.kind
			seenField = seenField || m.kind != fieldRef
			if m.kind == fieldSubject && (classIdx >= 0 || !h.class.found) {
				subjectSeen = true
			}
		}
		pls = append(pls, pline{idx: i, markers: ms})
		afterBlank = false
	}
	if classIdx >= 0 {
		h.end = h.class.end
	}
	// Collect the markers in order, then cut each value at the next
	// marker and by its own rules.
	for _, pl := range pls {
		h.markers = append(h.markers, pl.markers...)
	}
	lastLine := from - 1
	if len(pls) > 0 {
		lastLine = pls[len(pls)-1].idx
	}
	for k, m := range h.markers {
		stop := len(text)
		if lastLine+1 < len(lines) {
			stop = lines[lastLine].end
		}
		if k+1 < len(h.markers) {
			stop = min(stop, h.markers[k+1].pos)
		}
		val, end := fieldValue(text, lines, m, stop)
		h.values[m.kind] = append(h.values[m.kind], val)
		if m.kind == fieldEO && h.eoOrder == "" {
			h.eoOrder = eoNumber(text[m.pos:m.val])
		}
		if m.kind == fieldRef {
			h.refs = append(h.refs, refValue{label: m.label, text: val})
		}
		h.end = max(h.end, end)
	}
	return h
}

// markerAhead reports whether one of the next few non-blank lines from i
// opens a header field: then a stray line ("OF 10/6 D) STATE 215870", a
// REF item broken over a blank line) does not end the header.
func markerAhead(text string, lines []lineSpan, i, limit int) bool {
	for n := 0; i < limit && n < 3; i++ {
		l := text[lines[i].start:lines[i].end]
		if isBlank(l) {
			continue
		}
		if ps, ok := parseParaStart(l); ok && ps.accepted(0) {
			return false
		}
		if len(findMarkers(l[:min(len(l), maxPreambleLine)], 0)) > 0 {
			return true
		}
		n++
	}
	return false
}

// appendHandling appends markings not yet in hs.
func appendHandling(hs []string, add ...string) []string {
next:
	for _, a := range add {
		for _, h := range hs {
			if h == a {
				continue next
			}
		}
		hs = append(hs, a)
	}
	return hs
}

// isRefItemLine reports whether t is an item of a REF list continued after
// a blank line ("B. SAN JOSE 001488", "(B) ...").
func isRefItemLine(t string) bool {
	t = stripPilcrow(t)
	if len(t) >= 3 && isLetter(t[0]) && (t[1] == '.' || t[1] == ')' || t[1] == ':') && t[2] == ' ' {
		return true
	}
	return len(t) >= 4 && t[0] == '(' && isLetter(t[1]) && t[2] == ')'
}

// maxFieldBytes bounds the value of one header field.
const maxFieldBytes = 4 << 10

// fieldValue returns the value of the field at m, which cannot reach past
// stop, and the offset where it ends in the text.
func fieldValue(text string, lines []lineSpan, m marker, stop int) (string, int) {
	if stop < m.val {
		return "", m.val
	}
	// A field is a few lines; a cable run together on one line must not
	// make its subject the whole text.
	stop = min(stop, m.val+maxFieldBytes)
	region := text[m.val:stop]
	var out []string
	end := m.val
	off := m.val
	blank := false
	for n := 0; off <= stop; n++ {
		j := strings.IndexByte(region[off-m.val:], '\n')
		lend := stop
		if j >= 0 {
			lend = off + j
		}
		l := strings.TrimRight(text[off:lend], "\r")
		t := trim(l)
		if n > 0 && isNotBody(t) {
			// Page furniture inside a wrapped field; a page header may
			// carry on with the field's text.
			if rest := afterPageHeader(t); rest != "" {
				out = append(out, rest)
				end = off + len(strings.TrimRight(l, " \t\\"))
			}
			if j < 0 {
				break
			}
			off = lend + 1
			continue
		}
		if n > 0 && t == "" && len(out) > 0 && m.kind != fieldRef && j >= 0 {
			// A page break, between blank lines, inside the field:
			// the field goes on after it.
			if next := afterPageBreak(text, lend+1, stop); next > 0 && !strings.HasSuffix(out[len(out)-1], ".") {
				off = next
				continue
			}
		}
		if n > 0 && !fieldContinues(m.kind, t, out, blank) {
			break
		}
		if t == "" {
			blank = len(out) > 0
		} else {
			if m.kind == fieldClassifiedBy {
				if k := inlineParaStart(l); k >= 0 {
					l, t = l[:k], trim(l[:k])
					out = append(out, t)
					end = off + len(strings.TrimRight(l, " \t"))
					break
				}
			}
			if n > 0 && m.kind == fieldSubject {
				// Cablegate's pages anchor any line that starts with a
				// number as a paragraph, even a subject's wrapped year
				// ("JANUARY 28,\n¶2009."): that pilcrow is not the cable's.
				t = strings.TrimPrefix(t, "¶")
			}
			blank = false
			out = append(out, t)
			end = off + len(strings.TrimRight(l, " \t\\"))
		}
		if m.kind == fieldEO || j < 0 {
			break
		}
		off = lend + 1
	}
	v := collapseSpace(strings.Join(out, " "))
	if indexFold(v, "PAGE ") >= 0 {
		// A page header that landed inside the field's line.
		v = collapseSpace(reInlinePage.ReplaceAllString(v, " "))
	}
	v = strings.TrimLeft(v, ":;-. ")
	return strings.TrimSpace(v), end
}

// isPageBreak reports whether t, a line of page furniture, is the header
// of an older cable's next page, which may fall inside a field. (A
// section's continuation line, "HERMOSILLO 00000071 001.2 OF 005", often
// stands between the header and the text: it breaks no field.)
func isPageBreak(t string) bool {
	return pageHeader(t) != nil
}

// afterPageBreak returns the offset of the first line of text after the
// blank lines and page furniture from offset from, when they hold a page
// break and the text is before stop; otherwise 0.
func afterPageBreak(text string, from, stop int) int {
	brk := false
	for off := from; off < stop; {
		j := strings.IndexByte(text[off:stop], '\n')
		lend := stop
		if j >= 0 {
			lend = off + j
		}
		t := trim(text[off:lend])
		switch {
		case t == "":
		case isNotBody(t):
			brk = brk || isPageBreak(t)
			if afterPageHeader(t) != "" {
				return 0 // the page header carries text: read it there
			}
		case brk:
			return off
		default:
			return 0
		}
		if j < 0 {
			break
		}
		off = lend + 1
	}
	return 0
}

// fieldContinues reports whether line t (trimmed) still belongs to a field
// of the given kind whose lines so far are out; blank tells whether a
// blank line came between.
func fieldContinues(kind fieldKind, t string, out []string, blank bool) bool {
	if t == "" {
		return kind == fieldRef // REF items may follow a blank line
	}
	if ps, ok := parseParaStart(t); ok && ps.accepted(0) {
		return false
	}
	if isDashLine(t) {
		return false
	}
	if _, heading, ok := summaryStart(t); ok && !heading {
		return false // "SUMMARY: ..." right after the field
	}
	switch kind {
	case fieldTags:
		if blank {
			return false
		}
		if _, ok := isHandlingLine(t); ok {
			return false // "SIPDIS" after the TAGS
		}
		if len(out) == 0 {
			return looksLikeTags(t) // "TAGS:" alone, its value on the next line
		}
		return strings.HasSuffix(out[len(out)-1], ",") || looksLikeTags(t)
	case fieldSubject, fieldClassifiedBy:
		if _, ok := isHandlingLine(t); ok {
			return false
		}
		return !blank
	case fieldRef:
		return !blank || isRefItemLine(t)
	}
	return false
}

// looksLikeTags reports whether every word of t could be a TAG: the
// continuation of a TAGS line wrapped over two lines.
func looksLikeTags(t string) bool {
	n := 0
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ',' }) {
		if len(w) > 6 || !isUpperWord(w) {
			return false
		}
		n++
	}
	return n > 0
}

func isUpperWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return w != ""
}
