package annotate

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/cable"
)

// appendBody writes the annotated markdown body of c, whose text is
// rec.Text, following the rules of the specification (doc.go).
func appendBody(b []byte, c *cable.Cable, text []byte) []byte {
	lines := bodyLines(text[bodyStart(c, text):])
	in := &inline{refs: newRefKeys(c)}
	bw := bodyWriter{b: b, in: in, paras: c.Paragraphs, width: wrapWidth(lines), text: lines, blockStart: true}

	if len(c.References) > 0 {
		bw.block(kindPara)
		bw.b = append(bw.b, "References:"...)
		for _, r := range c.References {
			bw.block(kindItem)
			bw.b = append(bw.b, "- "...)
			text := strings.TrimSpace(r.Text)
			if text == "" {
				text = r.ID
			}
			text = validText(text)
			if r.ID != "" && linkableID(r.ID) {
				bw.b = appendLink(bw.b, text, r.ID)
			} else {
				bw.b = appendBlockText(bw.b, text)
			}
		}
	}

	bw.signature = signatureLine(lines, c.Signers)
	cont := newContinuationMarks(c.ID)
	for i := 0; i < len(lines); i++ {
		line := cont.drop(lines[i])
		if rest, page, ok := pageHeader(line); ok {
			// A page break of an old cable: text may follow on the line.
			// The first page of a later section repeats the routing and
			// the header up to its second page: skip to that.
			bw.blockStart = true
			if page == 1 && i > 0 {
				if next := nextPageHeader(lines, i+1); next > 0 {
					i = next - 1
					continue
				}
				rest = ""
			}
			if line = rest; line == "" {
				continue
			}
		}
		if line == "" || dropLine(line) {
			// A blank line ends the paragraph, unless it breaks a
			// sentence (a page break, a stray newline): see line.
			bw.blockStart = true
			continue
		}
		if h, rest, ok := splitRuledHeading(line); ok && rest != "" {
			bw.heading(h)
			line = rest
		} else if h, n := bw.findHeading(lines, i, line); n > 0 {
			bw.heading(h)
			i += n - 1
			continue
		}
		if isRule(line) {
			bw.flush()
			bw.blockStart = true
			bw.afterRule = true
			continue
		}
		// A numbered paragraph may start inside a line whose break was
		// lost: "presidency ¶13. (C) According to".
		for {
			j := strings.Index(line, " ¶")
			if j < 0 {
				break
			}
			if _, _, ok := bw.numbered(line[j+1:], false); !ok {
				break
			}
			bw.line(strings.TrimRight(line[:j], " "), i)
			bw.flush()
			bw.blockStart = true
			line = line[j+1:]
		}
		if i == bw.signature {
			// The signature run into the last sentence's line:
			// "...The trade goes on. ARMBRUSTER".
			if head, sig, ok := splitSignature(line, c.Signers); ok {
				bw.line(head, -1)
				bw.flush()
				line = sig
			}
		}
		bw.line(line, i)
		bw.blockStart = false
		bw.afterRule = false
	}
	bw.flush()
	if in.redacted {
		bw.block(kindPara)
		bw.b = append(bw.b, "[redacted]: #redacted"...)
	}
	if bw.started {
		bw.b = append(bw.b, '\n')
	}
	return bw.b
}

type blockKind int

const (
	kindPara blockKind = iota
	kindItem
	kindHeading
	kindNumbered
	kindLettered
)

// bodyWriter gathers the lines of one output paragraph at a time and
// writes it out when the next begins.
type bodyWriter struct {
	b          []byte
	in         *inline
	paras      []cable.Paragraph
	next       int  // index in paras of the next numbered paragraph expected
	width      int  // the wrap width of the text, see wrapWidth
	signature  int  // index of the signature line, or -1
	blockStart bool // the line follows a blank line or a heading
	started    bool // something has been written
	last       blockKind

	cur       []byte // the paragraph being gathered
	curKind   blockKind
	curLines  int                 // lines gathered in cur
	curFresh  bool                // cur began a block: after a blank line, a heading or a sentence's end, not a rule
	afterRule bool                // the line follows a rule: a box's first line, not a heading's
	prefix    string              // "¶1. (U) " or "- " for the paragraph being gathered
	prev      string              // the last line added to cur
	text      []string            // the body's lines, for knownWord
	upper     string              // text in capitals, for knownWord
	lookups   int                 // knownWord's lookups so far
	words     map[string]struct{} // the words of upper, after 16 lookups
}

// heading writes a level-2 heading. The lines gathered since a blank line
// (or the end of a sentence), when they read as the heading's first lines
// ("NO PROSECUTOR GENERAL FOR MONTHS, MINISTER OF" over "INTERIOR & JUSTICE
// RESIGNATION -----"), are its beginning.
func (w *bodyWriter) heading(h string) {
	if !w.blockStart && w.headingPending(h) {
		h = string(w.cur) + " " + h
		w.cur = w.cur[:0]
		w.prev = ""
	}
	w.flush()
	w.block(kindHeading)
	w.b = append(w.b, "## "...)
	w.b = w.in.appendInline(w.b, h, false)
	w.blockStart = true
}

// headingMayStart reports whether a heading may start at line: at the
// start of a block, after a sentence's end or a parenthesis closing a
// note ("End Comment)"), after an unwrapped paragraph's one line, or
// after the heading's first lines.
func (w *bodyWriter) headingMayStart(line string) bool {
	return w.blockStart || w.prev == "" || endsSentence(w.prev) || strings.HasSuffix(w.prev, ")") ||
		utf8.RuneCountInString(w.prev) > w.width+8 || w.headingPending(line)
}

// headingPending reports whether the lines gathered so far could be the
// beginning of a heading whose next line is line.
func (w *bodyWriter) headingPending(line string) bool {
	return w.curKind == kindPara && w.prefix == "" && len(w.cur) > 0 && w.curLines <= 2 && w.curFresh && headingStart(string(w.cur), line)
}

// headingStart reports whether text, the lines before a heading's last
// line h in the same block, reads as the heading's beginning: short, no
// sentence ended in it, and in capitals when h is and only then.
func headingStart(text, h string) bool {
	if utf8.RuneCountInString(text)+utf8.RuneCountInString(h) > 160 || endsSentence(text) || strings.HasSuffix(text, ",") {
		return false
	}
	if inCapitals(h) != inCapitals(text) {
		return false // "SENSITIVE BUT UNCLASSIFIED" over "Summary"
	}
	return utf8.RuneCountInString(text) <= 100
}

// block starts a new output block: a blank line before it, except between
// two list items, which form one tight list.
func (w *bodyWriter) block(k blockKind) {
	if w.started {
		if k == kindItem && w.last == kindItem {
			w.b = append(w.b, '\n')
		} else {
			w.b = append(w.b, "\n\n"...)
		}
	}
	w.started = true
	w.last = k
}

func (w *bodyWriter) flush() {
	if len(w.cur) == 0 && w.prefix == "" {
		return
	}
	w.block(w.curKind)
	if len(w.cur) == 0 {
		w.b = append(w.b, strings.TrimRight(w.prefix, " ")...)
	} else {
		w.b = append(w.b, w.prefix...)
		w.b = w.in.appendInline(w.b, string(w.cur), w.curKind != kindNumbered)
	}
	w.cur = w.cur[:0]
	w.curLines = 0
	w.prefix = ""
	w.prev = ""
}

// line adds one line of text, starting a new output paragraph first when
// the line begins a numbered paragraph, a list item or a lettered item, or
// when the previous line ended one.
func (w *bodyWriter) line(line string, i int) {
	afterSentence := w.prev == "" || endsSentence(w.prev)
	if len(w.cur) > 0 || w.prefix != "" {
		if w.blockStart {
			if !w.brokenSentence(line, i, afterSentence) {
				w.flush()
			}
		} else if w.breakBefore(line, i, afterSentence) {
			w.flush()
		}
	}
	if len(w.cur) == 0 && w.prefix == "" {
		w.curFresh = (w.blockStart || afterSentence) && !w.afterRule
		w.start(line)
		w.curLines = 1
		return
	}
	w.join(line)
	w.curLines++
}

// brokenSentence reports whether a blank line before line, or a dropped
// line, broke a sentence that line continues: the previous line ends no
// sentence, line starts no item, and either the previous line is full
// (wrapped), or ends with a comma, or line starts in lower case.
func (w *bodyWriter) brokenSentence(line string, i int, afterSentence bool) bool {
	if afterSentence || i == w.signature || w.itemStart(line) {
		return false
	}
	if n := utf8.RuneCountInString(w.prev); w.width > 0 && n >= w.width*3/4 && n <= w.width+8 && isAlnum(line[0]) {
		return true
	}
	return strings.HasSuffix(w.prev, ",") || startsLower(line)
}

func (w *bodyWriter) breakBefore(line string, i int, afterSentence bool) bool {
	switch {
	case i == w.signature:
		return true
	case (afterSentence || strings.HasPrefix(line, "¶")) && w.itemStart(line):
		return true
	case w.curKind == kindItem && listItem(line) != "":
		return true
	case !afterSentence && (strings.HasSuffix(w.prev, ",") || startsLower(line)):
		// The sentence goes on, however the lines were broken.
		return false
	case utf8.RuneCountInString(w.prev) > w.width+8:
		// An unwrapped line: it was a paragraph of its own.
		return true
	case afterSentence && utf8.RuneCountInString(w.prev)+1+len(firstWord(line)) <= w.width-10:
		// A short line ending a sentence: the writer broke it there.
		return true
	}
	return false
}

// startsLower reports whether line starts with a lower-case letter, after
// any opening quote or parenthesis.
func startsLower(line string) bool {
	t := strings.TrimLeft(line, `"'(`)
	return t != "" && isLower(t[0])
}

// itemStart reports whether line starts a numbered paragraph, a list item
// or a lettered item.
func (w *bodyWriter) itemStart(line string) bool {
	if _, _, ok := w.numbered(line, false); ok {
		return true
	}
	return listItem(line) != "" || lettered(line)
}

// start begins an output paragraph with line.
func (w *bodyWriter) start(line string) {
	w.curKind = kindPara
	if prefix, rest, ok := w.numbered(line, true); ok {
		w.curKind, w.prefix = kindNumbered, prefix
		w.cur = append(w.cur, rest...)
		w.prev = line
		return
	}
	if rest := listItem(line); rest != "" {
		w.curKind, w.prefix = kindItem, "- "
		line = rest
	} else if lettered(line) {
		w.curKind = kindLettered
	}
	w.cur = append(w.cur, line...)
	w.prev = line
}

// join adds a continuation line to the paragraph being gathered, joining a
// word broken by a hyphen at the end of the line.
func (w *bodyWriter) join(line string) {
	cur := w.cur
	n := len(cur)
	if n >= 2 && cur[n-1] == '-' && isLetter(cur[n-2]) && isLetter(line[0]) {
		// JURIS-/DICTION: drop the hyphen when the cable writes the
		// joined word elsewhere, keep it (DRAFT-LAW) otherwise.
		i := n - 1
		for i > 0 && isLetter(cur[i-1]) {
			i--
		}
		if w.knownWord(string(cur[i:n-1]) + firstWord(line)) {
			w.cur = w.cur[:n-1]
		}
	} else if n > 0 {
		w.cur = append(w.cur, ' ')
	}
	w.cur = append(w.cur, line...)
	w.prev = line
}

// knownWord reports whether the body has s as a whole word, ignoring the
// case of ASCII letters. The first lookups search the text; a cable with
// many hyphenated breaks gets a set of its words instead, so that the cost
// stays linear.
func (w *bodyWriter) knownWord(s string) bool {
	s = asciiUpper(s)
	if w.words != nil {
		_, ok := w.words[s]
		return ok
	}
	if w.lookups++; w.lookups <= 16 {
		if w.upper == "" {
			w.upper = asciiUpper(strings.Join(w.text, "\n"))
		}
		for off := 0; ; {
			i := strings.Index(w.upper[off:], s)
			if i < 0 {
				return false
			}
			i += off
			end := i + len(s)
			if (i == 0 || !isAlnum(w.upper[i-1])) && (end == len(w.upper) || !isAlnum(w.upper[end])) {
				return true
			}
			off = i + 1
		}
	}
	w.words = make(map[string]struct{})
	u := w.upper
	for i := 0; i < len(u); {
		if !isAlnum(u[i]) {
			i++
			continue
		}
		j := i
		for j < len(u) && isAlnum(u[j]) {
			j++
		}
		w.words[u[i:j]] = struct{}{}
		i = j
	}
	_, ok := w.words[s]
	return ok
}

// asciiUpper upper-cases the ASCII letters of s, leaving the rest: enough
// to compare cable words, and cheaper than strings.ToUpper on text with
// a few non-ASCII characters.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if isLower(c) {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// numbered recognises the start of the next numbered paragraph: "¶1. (U)",
// "1. (C)", "16. (SBU)" for ¶6 (the pilcrow read as a 1). It returns the
// annotation to write and the rest of the line.
func (w *bodyWriter) numbered(line string, consume bool) (prefix, rest string, ok bool) {
	pilcrow := strings.HasPrefix(line, "¶")
	s := line
	if pilcrow {
		s = strings.TrimLeft(s[len("¶"):], " ")
	}
	i := 0
	for i < len(s) && i < 4 && isDigit(s[i]) {
		i++
	}
	if i == 0 || i == 4 || i == len(s) || s[i] != '.' && s[i] != ')' {
		return "", "", false
	}
	digits := s[:i]
	s = s[i+1:]
	if s != "" && s[0] != ' ' && s[0] != '(' && (!isUpper(s[0]) || len(w.paras) == 0) {
		// "1.The" is a paragraph when the parser says so; "1.4" never.
		return "", "", false
	}
	s = strings.TrimLeft(s, " ")
	marking := ""
	if strings.HasPrefix(s, "(") {
		if j := strings.IndexByte(s, ')'); j > 1 && j <= 16 {
			marking = s[1:j]
		}
	}
	n := atoi(digits)
	j := -1
	if len(w.paras) == 0 {
		// Without the parsed paragraphs, only a pilcrow makes a number.
		if !pilcrow {
			return "", "", false
		}
		if !markingShape(marking) {
			marking = ""
		}
	} else {
		limit := len(w.paras)
		if !consume || !w.blockStart {
			limit = min(limit, w.next+1) // mid-paragraph, only the next one
		}
		for k := w.next; k < limit; k++ {
			p := w.paras[k]
			if p.N == n || !pilcrow && len(digits) >= 2 && digits[0] == '1' && atoi(digits[1:]) == p.N && digits[1] != '0' {
				j = k
				break
			}
		}
		if j < 0 {
			return "", "", false
		}
		n = w.paras[j].N
		if m := w.paras[j].Marking; m == "" || !strings.EqualFold(m, marking) {
			marking = "" // not a marking: leave it in the text
		} else {
			marking = m
		}
	}
	if consume && j >= 0 {
		w.next = j + 1
	}
	if marking != "" {
		s = strings.TrimLeft(s[len(marking)+2:], " ")
		if strings.ContainsAny(marking, "()") {
			marking = ""
		}
	}
	var p []byte
	p = append(p, "¶"...)
	p = appendInt(p, n)
	p = append(p, ". "...)
	if marking != "" {
		p = append(p, '(')
		p = appendText(p, marking)
		p = append(p, ") "...)
	}
	return string(p), s, true
}

// markingShape reports whether s looks like a classification marking:
// "U", "SBU", "S//NF", "C/NF".
func markingShape(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && s[i] != '/' {
			return false
		}
	}
	return isLetter(s[0])
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// listItem returns the text of a "-- " or "- " item, or "".
func listItem(line string) string {
	if !strings.HasPrefix(line, "-") {
		return ""
	}
	rest := strings.TrimLeft(line, "-")
	dashes := len(line) - len(rest)
	if dashes > 2 || dashes == 1 && !strings.HasPrefix(rest, " ") {
		return ""
	}
	return strings.TrimLeft(rest, " ")
}

// lettered reports whether line starts a lettered sub-item: "A. ", "(B) ".
func lettered(line string) bool {
	if len(line) >= 3 && isUpper(line[0]) && (line[1] == '.' || line[1] == ')') && line[2] == ' ' {
		return true
	}
	return len(line) >= 4 && line[0] == '(' && isLetter(line[1]) && line[2] == ')' && line[3] == ' '
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')`)
	if s == "" {
		return true
	}
	switch s[len(s)-1] {
	case '.', ':', '?', '!', ';':
		return true
	}
	return false
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// bodyStart returns where the body begins in text: c.BodyStart, or when the
// parser gave none, after the first blank line that follows the SUBJECT
// line, or the routing header, skipping header blocks (REF, Classified
// By, E.O., TAGS).
func bodyStart(c *cable.Cable, text []byte) int {
	if c.BodyStart > 0 {
		return min(c.BodyStart, len(text))
	}
	start := 0
	upper := bytes.ToUpper(text[:min(len(text), 8192)])
	if i := subjectLine(upper); i >= 0 {
		start = i
	} else if bytes.HasPrefix(upper, []byte("VZCZC")) {
		start = 0
	} else {
		return 0
	}
	// Skip to the end of the subject's (or header's) block.
	p := start
	for p < len(text) {
		e := bytes.IndexByte(text[p:], '\n')
		if e < 0 {
			return len(text)
		}
		line := bytes.TrimSpace(text[p : p+e])
		p += e + 1
		if len(line) == 0 {
			break
		}
	}
	// Skip the header blocks that follow.
	for p < len(text) {
		e := bytes.IndexByte(text[p:], '\n')
		if e < 0 {
			e = len(text) - p
		}
		line := bytes.ToUpper(bytes.TrimSpace(text[p : p+e]))
		if len(line) != 0 && !headerLine(line) {
			break
		}
		p += e + 1
	}
	return min(p, len(text))
}

func subjectLine(upper []byte) int {
	for p := 0; p < len(upper); {
		line := upper[p:]
		if e := bytes.IndexByte(line, '\n'); e >= 0 {
			line = line[:e+1]
		}
		t := bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(t, []byte("SUBJECT")) || bytes.HasPrefix(t, []byte("SUBJ:")) {
			return p
		}
		p += len(line)
	}
	return -1
}

func headerLine(upper []byte) bool {
	for _, p := range []string{"REF", "CLASSIFIED BY", "E.O.", "EO ", "TAGS", "SIPDIS", "SUBJ", "DECL", "REASON"} {
		if bytes.HasPrefix(upper, []byte(p)) {
			return true
		}
	}
	return false
}

// bodyLines splits the body into lines trimmed of surrounding space, as
// valid UTF-8 (bytes that are not UTF-8 read as Windows-1252) with line
// breaks normalised, tabs and form feeds as spaces, and other control
// characters as U+FFFD.
func bodyLines(text []byte) []string {
	s := string(text)
	if !plainText(text) {
		s = cable.ToUTF8(s)
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\t', r == '\f', r == '\v':
				return ' '
			case r == '\r', r == '\n':
				return r
			case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F, r == 0x2028, r == 0x2029, r == 0xFEFF:
				return '\uFFFD'
			}
			return r
		}, s)
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// plainText reports whether text is valid UTF-8 without characters that
// bodyLines must replace, as cables mostly are.
func plainText(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 || escapeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// validText is s as valid UTF-8 without control characters, for markdown.
func validText(s string) string {
	l := bodyLines([]byte(s))
	return strings.Join(l, " ")
}

// wrapWidth estimates the width the text was wrapped at: the 90th
// percentile of the lengths of the lines that another line follows in the
// same block, counting only lines of at most 100 characters (longer ones
// were not wrapped). It is 0 when no line was wrapped.
func wrapWidth(lines []string) int {
	var hist [101]int
	n := 0
	for i := 0; i+1 < len(lines); i++ {
		if lines[i] == "" || lines[i+1] == "" {
			continue
		}
		if l := utf8.RuneCountInString(lines[i]); l <= 100 {
			hist[l]++
			n++
		}
	}
	if n == 0 {
		return 0
	}
	k := n - n/10 // the k-th smallest
	for l, c := range hist {
		if k -= c; k <= 0 {
			return l
		}
	}
	return 100
}

// signatureLine returns the index of the signature: the last line of the
// body when it names the last signer, or when it is a short line of
// capitals (at most three words) after a line ending a sentence; or -1.
func signatureLine(lines []string, signers []string) int {
	last := -1
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l == "" || dropLine(l) {
			continue
		}
		if last < 0 {
			last = i
			if len(signers) > 0 && strings.Contains(strings.ToUpper(l), strings.ToUpper(signers[len(signers)-1])) {
				return i
			}
			if len(strings.Fields(l)) > 3 || strings.IndexFunc(l, func(r rune) bool {
				return !('A' <= r && r <= 'Z' || r == ' ' || r == '.' || r == '-')
			}) >= 0 || strings.HasSuffix(l, ".") {
				return -1
			}
			continue
		}
		if endsSentence(l) {
			return last
		}
		return -1
	}
	return -1
}

// splitSignature splits a line that ends with the last signer after a
// sentence's end into the text and the signature.
func splitSignature(line string, signers []string) (head, sig string, ok bool) {
	if len(signers) == 0 {
		return "", "", false
	}
	name := strings.TrimSpace(signers[len(signers)-1])
	t := strings.TrimRight(line, " .")
	if name == "" || len(t) <= len(name) || !strings.EqualFold(t[len(t)-len(name):], name) {
		return "", "", false
	}
	head = strings.TrimRight(t[:len(t)-len(name)], " ")
	if head == "" || t[len(head)] != ' ' {
		return "", "", false // the name glued to a word
	}
	if u := strings.ToUpper(head); !endsSentence(head) && !strings.HasSuffix(u, "MINIMIZE CONSIDERED") && !strings.HasSuffix(u, "END COMMENT") {
		return "", "", false
	}
	return head, strings.TrimSpace(line[len(head):]), true
}

// dropLine reports whether a line is left out of the body: SIPDIS, the
// continuation line of a section ("STATE 00126086 002 OF 002"), a section
// line ("C O N F I D E N T I A L SECTION 02 OF 03 HARARE 006677"), the
// classification alone on a line, and the teletype's BT and NNNN.
func dropLine(l string) bool {
	switch l {
	case "SIPDIS", "S I P D I S", "BT", "NNNN", "UNQUOTE SIPDIS",
		// The classification alone on a line: a page's footer or header.
		"UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET", "TOP SECRET", "LIMITED OFFICIAL USE",
		"C O N F I D E N T I A L", "S E C R E T", "SECRET NOFORN", "CONFIDENTIAL NOFORN":
		return true
	}
	if cl, id, ok := strings.Cut(l, " "); ok && (cl == "CONFIDENTIAL" || cl == "SECRET" || cl == "UNCLASSIFIED") &&
		len(id) <= 12 && strings.ContainsAny(id, "0123456789") && strings.IndexFunc(id, func(r rune) bool {
		return !('A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		// The footer of a page with the message's number: CONFIDENTIAL PTQ1865.
		return true
	}
	return continuationLine(l) || sectionLine(l)
}

// pageHeader matches the page header of an old cable, "PAGE 02 VATICA
// 01261 061419Z" or "PAGE 02 HARARE 06677 01 OF 03 291400Z", also after
// the page's classification on the same line ("SECRET PAGE 02 LIMA ..."),
// and returns the text that follows it on the line and the page number.
func pageHeader(l string) (rest string, page int, ok bool) {
	if !strings.HasPrefix(l, "PAGE ") {
		if len(l) < 12 || l[0] != 'U' && l[0] != 'C' && l[0] != 'S' && l[0] != 'L' {
			return "", 0, false
		}
		for _, cl := range [...]string{"UNCLASSIFIED ", "UNCLAS ", "CONFIDENTIAL ", "SECRET ", "LIMITED OFFICIAL USE "} {
			if strings.HasPrefix(l, cl) && strings.HasPrefix(l[len(cl):], "PAGE ") {
				return pageHeader(l[len(cl):])
			}
		}
		return "", 0, false
	}
	f := strings.Fields(l)
	if len(f) < 5 || len(f[1]) != 2 || !allDigits(f[1]) {
		return "", 0, false
	}
	// The date-time group ends the header: DDHHMMZ.
	for k := 3; k < len(f) && k < 10; k++ {
		if dtg := f[k]; len(dtg) == 7 && dtg[6] == 'Z' && allDigits(dtg[:6]) {
			rest := l
			for j := 0; j <= k; j++ {
				rest = strings.TrimLeft(rest, " ")
				rest = rest[len(f[j]):]
			}
			return strings.TrimSpace(rest), atoi(f[1]), true
		}
	}
	return "", 0, false
}

// nextPageHeader returns the index of the first page header at or after
// lines[from], or -1.
func nextPageHeader(lines []string, from int) int {
	for i := from; i < len(lines); i++ {
		if _, _, ok := pageHeader(lines[i]); ok {
			return i
		}
	}
	return -1
}

// continuationMarks finds the continuation lines of a cable's sections
// where they landed inside a line of text, when a copy ran the lines
// together ("the \"Druzhba MOSCOW 00009482 002 OF 003 discount.\"") or
// wrote them in mixed case ("Vladivosto 00000005 002.2 of 003"): the
// station (cut to ten letters by the system), the cable's number with its
// zeros, the section and the number of sections.
type continuationMarks struct {
	station string // the id's station, "MOSCOW"; "" when the id is unknown
	number  string // the id's number, "9482"
}

func newContinuationMarks(id string) continuationMarks {
	i := 0
	for i < len(id) && isDigit(id[i]) {
		i++
	}
	j := len(id)
	for j > i && isDigit(id[j-1]) {
		j--
	}
	if i != 2 || j == len(id) || j == i {
		return continuationMarks{}
	}
	return continuationMarks{station: id[i:j], number: id[j:]}
}

// reContinuationMark matches the number part of a continuation line:
// "00009482 002 OF 003", "00000005 002.2 of 003".
var reContinuationMark = regexp.MustCompile(`\b(\d{5,8}) +\d{3}(?:\.\d)? +(?:OF|of|Of) +\d{3}\b`)

// drop returns line without the continuation marks of this cable in it.
func (cm continuationMarks) drop(line string) string {
	if len(line) < 20 || !hasSectionCount(line) {
		return line // the quick test: "00000005 002 OF 003"
	}
	for from := 0; from < len(line); {
		m := reContinuationMark.FindStringSubmatchIndex(line[from:])
		if m == nil {
			break
		}
		start, end := from+m[0], from+m[1]
		num := strings.TrimLeft(line[from+m[2]:from+m[3]], "0")
		k := cm.stationBefore(line[:start], num)
		if k < 0 {
			from = end
			continue
		}
		before, after := strings.TrimRight(line[:k], " "), strings.TrimLeft(line[end:], " ")
		switch {
		case before == "":
			line = after
		case after == "":
			line = before
		default:
			line = before + " " + after
		}
		from = len(before)
	}
	return line
}

// hasSectionCount is the quick test of reContinuationMark: whether line
// holds a section's count, " 002 OF 003" or " 002.2 of 003", after a
// digit. It looks only where a blank is followed by a 0, as the count of a
// section, written on three digits, always is (a cable has fewer than 100
// sections).
func hasSectionCount(line string) bool {
	for from := 0; ; {
		k := strings.Index(line[from:], " 0")
		if k < 0 {
			return false
		}
		k += from
		from = k + 1
		if k == 0 || !isDigit(line[k-1]) && line[k-1] != ' ' || k+4 > len(line) || !allDigits(line[k+1:k+4]) {
			continue
		}
		a := k + 4
		if a+1 < len(line) && line[a] == '.' && isDigit(line[a+1]) {
			a += 2
		}
		b := a
		for b < len(line) && line[b] == ' ' {
			b++
		}
		if b == a || b+2 > len(line) {
			continue
		}
		if of := line[b : b+2]; of == "OF" || of == "of" || of == "Of" {
			return true
		}
	}
}

// stationBefore returns where the station of a continuation mark begins in
// s, the text before its number, or -1 when s does not end with the
// cable's station (one to three words, cut or not) or the number is not the
// cable's.
func (cm continuationMarks) stationBefore(s, num string) int {
	if cm.number != "" && num != cm.number {
		return -1
	}
	k := len(strings.TrimRight(s, " "))
	letters := ""
	for words := 0; words < 3 && k > 0; words++ {
		w := strings.LastIndexByte(s[:k], ' ') + 1
		word := s[w:k]
		if !isLetter(word[0]) {
			return -1
		}
		if cm.station == "" {
			// No id to check against: one word in capitals.
			if word == asciiUpper(word) && len(word) >= 3 {
				return w
			}
			return -1
		}
		letters = lettersOnly(asciiUpper(word)) + letters
		switch {
		case len(letters) >= 3 && strings.HasPrefix(cm.station, letters):
			return w
		case len(letters) >= len(cm.station):
			return -1
		}
		k = len(strings.TrimRight(s[:w], " "))
	}
	return -1
}

// lettersOnly returns the ASCII letters of s.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

// continuationLine matches "STATE 00126086 002 OF 002" and
// "VLADIVOSTO 00000005 001.2 OF 003".
func continuationLine(l string) bool {
	if l == "" || !isDigit(l[len(l)-1]) {
		return false
	}
	i := strings.LastIndex(l, " OF ")
	if i < 0 || !allDigits(l[i+4:]) {
		return false
	}
	f := strings.Fields(l)
	n := len(f)
	if n < 5 || n > 8 || f[n-2] != "OF" || !allDigits(f[n-1]) {
		return false
	}
	page := f[n-3]
	if i := strings.IndexByte(page, '.'); i > 0 && allDigits(page[i+1:]) {
		page = page[:i]
	}
	if !allDigits(page) || !allDigits(f[n-4]) || len(f[n-4]) < 5 {
		return false
	}
	for _, w := range f[:n-4] {
		if strings.IndexFunc(w, func(r rune) bool { return !('A' <= r && r <= 'Z' || r == '.' || r == '-' || r == '\'') }) >= 0 {
			return false
		}
	}
	return true
}

// sectionLine matches a classification line with SECTION N OF M.
func sectionLine(l string) bool {
	i := strings.Index(l, "SECTION ")
	if i < 0 || len(l) > 100 || strings.IndexFunc(l, func(r rune) bool { return 'a' <= r && r <= 'z' }) >= 0 {
		return false
	}
	f := strings.Fields(l[i+len("SECTION "):])
	if len(f) < 3 || !allDigits(f[0]) || f[1] != "OF" || !allDigits(f[2]) {
		return false
	}
	head := strings.ReplaceAll(l[:i], " ", "")
	switch head {
	case "", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITEDOFFICIALUSE", "UNCLASE/F/T/O", "UNCLASEFTO",
		"SECRETNOFORN", "CONFIDENTIALNOFORN", "TOPSECRET", "SENSITIVE", "UNCLASSIFIEDSENSITIVE":
		return true
	}
	return strings.HasPrefix(head, "UNCLAS") || strings.HasPrefix(head, "CONFIDENTIAL") || strings.HasPrefix(head, "SECRET")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// findHeading recognises an underlined or ruled heading starting at
// lines[i] (line, as the body reads it): "------- SUMMARY -------" on one
// line, a text line between two rules, or, where a heading may start
// (headingMayStart, asked last), a text line over a rule, a blank line
// between them or not. It returns the heading's text
// and how many lines it took, or 0.
func (w *bodyWriter) findHeading(lines []string, i int, line string) (string, int) {
	l := lines[i]
	if t, ok := ruledHeading(l); ok {
		return t, 1
	}
	if isRule(l) {
		// One line between rules, or two, the first visibly going on
		// ("Concerns with Lack of Progress on / Possible Military
		// Dimensions") or both in capitals; not a box of notes ("Copy
		// from the National Archives / File: POL 33-4 ARG"). Lines that
		// repeat the header (a section's continuation line) are left out.
		var text []string
		j := i + 1
		for ; j < len(lines) && j <= i+3 && !isRule(lines[j]); j++ {
			if dropLine(lines[j]) {
				continue
			}
			if !headingText(lines[j]) {
				break
			}
			text = append(text, lines[j])
		}
		if j < len(lines) && isRule(lines[j]) {
			switch {
			case len(text) == 1:
				return text[0], j - i + 1
			case len(text) == 2 && (continuesPhrase(text[0]) || inCapitals(text[0]) && inCapitals(text[1]) && !endsSentence(text[0])):
				return text[0] + " " + text[1], j - i + 1
			}
		}
	}
	// The underline, of dashes or equals signs, right under the text or,
	// five or more long, after a blank line; not the top rule of the next
	// framed heading. (Rules of asterisks frame boxes of notes and links.)
	r := i + 1
	if r < len(lines) && lines[r] == "" {
		r++
		if r < len(lines) && len(lines[r]) < 5 {
			return "", 0
		}
	}
	if r >= len(lines) || !isRule(lines[r]) || lines[r][0] != '-' && lines[r][0] != '=' ||
		r+2 < len(lines) && headingText(lines[r+1]) && isRule(lines[r+2]) {
		return "", 0
	}
	if !headingText(l) || endsWithStop(l) || strings.IndexByte("-+*#>=_|", l[0]) >= 0 ||
		opensNumbered(l) || strings.Contains(l, "://") || !w.headingMayStart(line) {
		return "", 0
	}
	return l, r - i + 1
}

// opensNumbered reports whether l opens with a paragraph's number: "¶14.",
// "3.", "2)".
func opensNumbered(l string) bool {
	l = strings.TrimLeft(strings.TrimPrefix(l, "¶"), " ")
	i := 0
	for i < len(l) && isDigit(l[i]) {
		i++
	}
	return i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')')
}

// endsWithStop reports whether l ends a sentence with a full stop after a
// word ("End Comment."), which a heading does not; an ellipsis or an
// abbreviation ("...BUT...", "WITH U.S.") may end one.
func endsWithStop(l string) bool {
	if !strings.HasSuffix(l, ".") || strings.HasSuffix(l, "..") {
		return false
	}
	w := l[strings.LastIndexByte(l, ' ')+1 : len(l)-1]
	return !strings.Contains(w, ".") && len(w) > 1
}

// continuesPhrase reports whether l ends with a word that cannot end a
// heading: a preposition, an article or a conjunction.
func continuesPhrase(l string) bool {
	switch strings.ToLower(l[strings.LastIndexByte(l, ' ')+1:]) {
	case "of", "on", "and", "or", "for", "to", "the", "a", "an", "in", "with", "at", "by", "from", "over", "into", "about", "against", "between", "after", "before", "as", "&":
		return true
	}
	return false
}

func headingText(l string) bool {
	return l != "" && !isRule(l) && utf8.RuneCountInString(l) <= 100 && listItem(l) == ""
}

// inCapitals reports whether l has letters, all of them capitals.
func inCapitals(l string) bool {
	return asciiUpper(l) == l && strings.IndexFunc(l, func(r rune) bool { return 'A' <= r && r <= 'Z' }) >= 0
}

// ruledHeading matches "------- SUMMARY -------", "=== Summary ===" and
// "SUMMARY -------" (a heading whose underline lost its line break), the
// rules possibly broken by spaces or followed by a stray period.
func ruledHeading(l string) (string, bool) {
	t, rest, ok := splitRuledHeading(l)
	return t, ok && rest == ""
}

// splitRuledHeading matches a ruled heading at the start of l and returns
// its text and what follows it on the line: "---------- Czech Message
// ---------- 3. (C) The Czechs" lost its line breaks.
func splitRuledHeading(l string) (text, rest string, ok bool) {
	lead, c := ruleRun(l)
	var t string
	if lead > 0 {
		// Ruled on both sides: the text runs to the next rule of 5 or more.
		t = l[lead:]
		i := strings.Index(t, strings.Repeat(string(c), 5))
		if i < 0 {
			return "", "", false
		}
		n, _ := ruleRun(t[i:])
		rest = strings.TrimSpace(t[i+n:])
		t = strings.TrimSpace(t[:i])
	} else {
		// Underlined: a short text, then a rule of 5 or more to the end.
		end, n := len(l), 0
		for end > 0 && (l[end-1] == ' ' || l[end-1] == '.' || l[end-1] == '-' || l[end-1] == '=') {
			if l[end-1] == '-' || l[end-1] == '=' {
				c = l[end-1]
				n++
			}
			end--
		}
		if n < 5 || end == 0 || l[end] != ' ' || strings.Count(l[end:], string(c)) != n {
			return "", "", false
		}
		t = strings.TrimSpace(l[:end])
		if len(t) > 100 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
			return "", "", false
		}
	}
	if t == "" || t[0] == '-' || t[0] == '=' || utf8.RuneCountInString(t) > 100 {
		return "", "", false
	}
	return t, rest, true
}

// ruleRun returns the length of the rule that starts l, with the spaces
// after it, and its character: three or more dashes or equals signs, five
// or more when spaces break it. It returns 0 when l starts no rule.
func ruleRun(l string) (int, byte) {
	if l == "" || l[0] != '-' && l[0] != '=' {
		return 0, 0
	}
	c := l[0]
	i, n, spaced := 0, 0, false
	for i < len(l) && (l[i] == c || l[i] == ' ') {
		if l[i] == c {
			n++
			if i > 0 && l[i-1] == ' ' {
				spaced = true
			}
		}
		i++
	}
	if n < 3 || spaced && n < 5 || i < len(l) && l[i-1] != ' ' {
		return 0, 0
	}
	return i, c
}

// isRule reports whether l is a line of one repeated character among
// - = _ * (spaces allowed), at least three of them.
func isRule(l string) bool {
	if len(l) < 3 {
		return false
	}
	c := l[0]
	if c != '-' && c != '=' && c != '_' && c != '*' {
		return false
	}
	n := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case c:
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}
