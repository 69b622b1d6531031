package cable

import (
	"regexp"
	"strconv"
	"strings"
)

// paraStart is the opening of a numbered paragraph: "¶1. (C) ".
type paraStart struct {
	n       int
	marking string
	pilcrow bool
	text    int // offset in the line where the paragraph's text begins
}

// parseParaStart reads the opening of a numbered paragraph at the start of
// l: an optional pilcrow, a number, a period, an optional marking in
// parentheses. "1.4 (B)" (a reason of E.O. 12958) is not one.
func parseParaStart(l string) (paraStart, bool) {
	var p paraStart
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if strings.HasPrefix(l[i:], pilcrow) {
		p.pilcrow = true
		i += len(pilcrow)
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
	}
	d := i
	for i < len(l) && i-d < 4 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == d || i-d > 3 {
		return p, false
	}
	p.n = atoi(l[d:i])
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i >= len(l) || l[i] != '.' || p.n == 0 {
		return p, false
	}
	i++
	if i < len(l) && l[i] >= '0' && l[i] <= '9' {
		return p, false
	}
	j := i
	for j < len(l) && (l[j] == ' ' || l[j] == '\t') {
		j++
	}
	if j < len(l) && l[j] == '(' {
		if k := strings.IndexByte(l[j:min(len(l), j+32)], ')'); k > 0 {
			if c := l[j+1 : j+k]; validMarking(c) {
				p.marking = strings.TrimSpace(c)
				j += k + 1
				if j < len(l) && l[j] == '.' {
					j++
				}
				for j < len(l) && (l[j] == ' ' || l[j] == '\t') {
					j++
				}
			}
		}
	}
	p.text = j
	return p, true
}

// markingWords are the classifications a paragraph marking starts with.
var markingWords = map[string]bool{
	"U": true, "C": true, "S": true, "SBU": true, "TS": true, "LOU": true, "FOUO": true,
	"UNCLASSIFIED": true, "UNCLAS": true, "CONFIDENTIAL": true, "SECRET": true, "NF": true,
}

// validMarking reports whether c, the inside of parentheses, is a
// paragraph marking: "C", "S//NF", "SBU", "C - ENTIRE TEXT".
func validMarking(c string) bool {
	c = strings.TrimSpace(c)
	if c == "" || len(c) > 24 {
		return false
	}
	u := strings.ToUpper(c)
	k := 0
	for k < len(u) && u[k] >= 'A' && u[k] <= 'Z' {
		k++
	}
	if !markingWords[u[:k]] {
		return false
	}
	for i := k; i < len(u); i++ {
		switch ch := u[i]; {
		case ch >= 'A' && ch <= 'Z', ch == '/', ch == '-', ch == ' ', ch == '&':
		default:
			return false
		}
	}
	return true
}

// number returns the paragraph number p stands for after paragraph last
// (0 before the first), and whether p opens a paragraph at all. A number
// out of sequence opens one only when a marking vouches for it.
func (p paraStart) number(last int) (int, bool) {
	expected := last + 1
	switch {
	case p.n == expected:
		return p.n, true
	case last == 0:
		if p.n <= 3 || p.marking != "" && p.n <= 5 {
			return p.n, true
		}
	case p.marking != "" && p.n >= 10 && p.n-10 == expected && expected <= 9:
		// The pilcrow of "¶6." read as a 1: "16. (SBU)" after ¶5.
		return expected, true
	case p.marking != "" && p.n > expected && p.n <= expected+3:
		return p.n, true
	}
	return 0, false
}

// accepted reports whether p opens a paragraph after paragraph last.
func (p paraStart) accepted(last int) bool {
	_, ok := p.number(last)
	return ok
}

// isParagraphStartLine reports whether l could open a cable's first
// numbered paragraph.
func isParagraphStartLine(l string) bool {
	p, ok := parseParaStart(l)
	return ok && p.accepted(0)
}

// inlineParaStart returns the offset in l of a paragraph opening run into
// the line after other text ("...1.4(B), (C), (D)  1.  (C)"), or -1. Only
// openings with a marking count.
func inlineParaStart(l string) int {
	for i := 1; i < len(l); i++ {
		if l[i] < '0' || l[i] > '9' || l[i-1] != ' ' && l[i-1] != '\t' {
			continue
		}
		if p, ok := parseParaStart(l[i:]); ok && p.marking != "" && p.n <= 3 {
			return i
		}
	}
	return -1
}

// nextInlinePara finds in l the opening of paragraph last+1, with its
// marking, run on after the end of a sentence. It returns its offset and
// opening, or -1.
func nextInlinePara(l string, last int) (int, paraStart) {
	want := strconv.Itoa(last + 1)
	for from := 0; ; {
		k := strings.Index(l[from:], " "+want+".")
		if k < 0 {
			return -1, paraStart{}
		}
		k += from + 1
		from = k
		before := strings.TrimRight(l[:k], " ")
		if before == "" || !strings.ContainsAny(before[len(before)-1:], `.:"')”`) {
			continue
		}
		if p, ok := parseParaStart(l[k:]); ok && p.marking != "" && p.n == last+1 {
			return k, p
		}
	}
}

var (
	// rePageLine matches the page header of older cables:
	// "PAGE 02 VATICA 01261 061419Z", after the page's classification
	// when a copy ran the two lines together ("SECRET PAGE 02 LIMA 02475
	// 01 OF 02 121234Z"). The station and number are groups 1 and 2, the
	// day, hour and minute groups 3 to 5.
	rePageLine = regexp.MustCompile(`(?i)^[ \t]*` + pageHeaderPattern)
	// reInlinePage matches a page header inside a line of a field, where
	// a page break landed.
	reInlinePage = regexp.MustCompile(`(?i)(?:^|\s)` + pageHeaderPattern)
)

const pageHeaderPattern = `(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]+)?PAGE[ \t]+\d{2,3}[ \t]+([A-Z][A-Z ]*?)[ \t]+(\d+)[ \t]+.{0,20}?(\d\d)(\d\d)(\d\d)Z\b`

// continuation reads the line that opens each section after the first,
// "STATE 00126086 002 OF 002" or "GUADALAJAR 00000379  001.2 OF 004": the
// station (cut to ten letters by the system), the cable's number, the
// section and the number of sections. It is matched by hand, from the end
// of the line, because it is tried on every line of every body.
func continuation(t string) (station, number string, of int, ok bool) {
	s := strings.TrimRight(t, " \t\\")
	if len(s) < 12 || len(s) > maxFurnitureLine {
		return
	}
	// "OF 002"
	k := len(s) - 3
	if digitsOnly(s[k:]) == "" {
		return
	}
	of = atoi(s[k:])
	rest := strings.TrimRight(s[:k], " \t")
	if len(rest) == len(s[:k]) || len(rest) < 3 || !strings.EqualFold(rest[len(rest)-2:], "OF") {
		return
	}
	rest = strings.TrimRight(rest[:len(rest)-2], " \t")
	// "002" or "001.2"
	if n := len(rest); n >= 2 && rest[n-2] == '.' && rest[n-1] >= '0' && rest[n-1] <= '9' {
		rest = rest[:n-2]
	}
	if n := len(rest); n < 3 || digitsOnly(rest[n-3:]) == "" {
		return
	}
	rest = rest[:len(rest)-3]
	r := strings.TrimRight(rest, " \t")
	if len(r) == len(rest) {
		return
	}
	// The number, then the station.
	k = len(r)
	for k > 0 && r[k-1] >= '0' && r[k-1] <= '9' {
		k--
	}
	if k == len(r) || len(r)-k > 8 {
		return
	}
	number = strings.TrimLeft(r[k:], "0")
	st := strings.TrimSpace(r[:k])
	if len(st) == len(r[:k]) || st == "" || !isLetter(st[0]) {
		return
	}
	for i := 0; i < len(st); i++ {
		if c := st[i]; !isLetter(c) && c != ' ' && c != '.' && c != '\'' && c != '-' {
			return
		}
	}
	return upperASCII(st), number, of, true
}

// pageHeader matches t against rePageLine, after a quick test.
func pageHeader(t string) []string {
	if len(t) > maxFurnitureLine {
		return nil
	}
	if t = t[skipBlanks(t, 0):]; !hasPrefixFold(t, "PAGE") && !(t != "" && strings.IndexByte("SCULscul", t[0]) >= 0 && indexFold(t[:min(len(t), 32)], "PAGE ") >= 0 && mayBeClassLine(t)) {
		return nil
	}
	return rePageLine.FindStringSubmatch(t)
}

// afterPageHeader returns the text that follows a page header on its line
// ("PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER"), if any.
func afterPageHeader(t string) string {
	if pageHeader(t) != nil {
		m := rePageLine.FindStringIndex(t)
		return strings.TrimSpace(t[m[1]:])
	}
	return ""
}

// maxFurnitureLine is the longest line that can be a continuation line, a
// page header or a repeated classification: longer lines are text, and
// need no further look.
const maxFurnitureLine = 160

// isNotBody reports whether line l is transmission furniture rather than
// text: a section's continuation line, a page header, or a classification
// repeated at the top or foot of a page.
func isNotBody(l string) bool {
	t := trim(l)
	if t == "" || len(t) > maxFurnitureLine {
		return false
	}
	if _, _, _, ok := continuation(t); ok || pageHeader(t) != nil {
		return true
	}
	if c, ok := parseClassLine(t); ok && (c.number != "" || len(strings.Fields(t)) <= 2 || strings.Contains(t, "//")) {
		return true
	}
	return false
}

// body is what the reader derives from the body proper.
type bodyFields struct {
	paragraphs []Paragraph
	summary    string
	signers    []string
	sections   int // highest "NNN OF NNN" of continuation lines
	// station and number of the first continuation line, for a cable
	// whose classification line is missing
	contStation, contNumber string
	// station (as the header cuts it, "VATICA") and number of the first
	// page header, for a cable with neither
	pageStation, pageNumber string
	pageDay                 int // day of month of a page header's date-time group
	pageHour                int
	pageMinute              int
}

// readBody reads paragraphs, summary, signers and section lines from the
// lines of text, starting at byte offset from.
func readBody(text string, lines []lineSpan, from int) bodyFields {
	var b bodyFields
	first := lineIndex(lines, from)
	if first < 0 {
		return b
	}
	tail, signers := readSignature(text, lines, first, from)
	tail = max(tail, from) // a signature on the body's first line, after the header
	b.signers = signers

	type openPara struct {
		p     Paragraph
		lines []string
	}
	var cur *openPara
	flush := func() {
		if cur == nil {
			return
		}
		cur.p.Text = joinLines(dropTrailingHeading(cur.lines))
		b.paragraphs = append(b.paragraphs, cur.p)
		cur = nil
	}
	last := 0
	inList := false
	for i := first; i < len(lines) && lines[i].start < tail; i++ {
		start := max(lines[i].start, from)
		l := text[start:min(lines[i].end, tail)]
		t := trim(l)
		if len(t) > maxFurnitureLine {
			t = "" // text, not furniture: skip the checks below
		}
		if st, num, of, ok := continuation(t); ok {
			b.sections = max(b.sections, of)
			if b.contNumber == "" {
				b.contStation, b.contNumber = st, num
			}
			continue
		}
		if m := pageHeader(t); m != nil {
			if b.pageDay == 0 {
				b.pageStation, b.pageNumber = upperASCII(strings.TrimSpace(m[1])), strings.TrimLeft(m[2], "0")
				b.pageDay, b.pageHour, b.pageMinute = atoi(m[3]), atoi(m[4]), atoi(m[5])
			}
			if rest := afterPageHeader(t); rest != "" && cur != nil {
				cur.lines = append(cur.lines, rest)
			}
			continue
		}
		if isNotBody(t) {
			continue
		}
		if ps, ok := parseParaStart(l); ok {
			n, ok := ps.number(last)
			if ok && inList && ps.marking == "" {
				ok = false // "2. SECOND" of a list inside paragraph 1
			}
			switch {
			case ok:
				flush()
				cur = &openPara{p: Paragraph{N: n, Marking: ps.marking}}
				l = l[ps.text:]
				last = n
				inList = false
			case cur != nil && ps.n == 1:
				// A numbered list starts inside the paragraph: its
				// items are not paragraphs, until a marked one comes.
				inList = true
			}
		}
		// Paragraphs run together on one line: "...arguments." 14. (C) On".
		for cur != nil {
			k, ps := nextInlinePara(l, last)
			if k < 0 {
				break
			}
			cur.lines = append(cur.lines, l[:k])
			flush()
			cur = &openPara{p: Paragraph{N: ps.n, Marking: ps.marking}}
			l = l[k+ps.text:]
			last = ps.n
		}
		if cur != nil {
			cur.lines = append(cur.lines, l)
		}
	}
	flush()
	// The furniture after the signature still names the cable: its
	// station and number serve a cable without a classification line.
	for i := lineIndex(lines, tail); i >= 0 && i < len(lines) && (b.contNumber == "" || b.pageDay == 0); i++ {
		t := trim(text[lines[i].start:lines[i].end])
		if st, num, _, ok := continuation(t); ok && b.contNumber == "" {
			b.contStation, b.contNumber = st, num
		} else if m := pageHeader(t); m != nil && b.pageDay == 0 {
			b.pageStation, b.pageNumber = upperASCII(strings.TrimSpace(m[1])), strings.TrimLeft(m[2], "0")
			b.pageDay, b.pageHour, b.pageMinute = atoi(m[3]), atoi(m[4]), atoi(m[5])
		}
	}
	b.summary = readSummary(text, lines, first, from, tail)
	return b
}

// lineIndex returns the index of the line holding byte offset off, or -1.
func lineIndex(lines []lineSpan, off int) int {
	lo, hi := 0, len(lines)
	for lo < hi {
		m := (lo + hi) / 2
		if lines[m].end < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(lines) {
		return -1
	}
	return lo
}

// dropTrailingHeading removes from the end of a paragraph's lines the
// underlined heading of the next section ("-----\nPARSON'S DAUGHTER\n-----"),
// which belongs to no paragraph.
func dropTrailingHeading(ls []string) []string {
	for {
		n := len(ls)
		for n > 0 && isBlank(ls[n-1]) {
			n--
		}
		ls = ls[:n]
		if n == 0 {
			return ls
		}
		t := trim(ls[n-1])
		switch {
		case isDashLine(t):
			ls = ls[:n-1]
		case n >= 2 && isDashLine(trim(ls[n-2])) || n >= 2 && isBlank(ls[n-2]) && len(t) < 60 && !strings.HasSuffix(t, ".") && headingFollowsDash(ls, n):
			ls = ls[:n-1]
		case strings.HasSuffix(t, "---") || strings.HasSuffix(t, "- -"):
			// A heading run together with its underline.
			ls = ls[:n-1]
		default:
			return ls
		}
	}
}

// headingFollowsDash reports whether the line before the blank line before
// ls[n-1] is a dash line: a heading between two rules.
func headingFollowsDash(ls []string, n int) bool {
	for k := n - 2; k >= 0; k-- {
		if isBlank(ls[k]) {
			continue
		}
		return isDashLine(trim(ls[k]))
	}
	return false
}

// readSignature finds the signature at the end of the text, after skipping
// the trailing furniture of the various sources (NNNN, "CABLE ENDS",
// footers, declassification stamps). It returns the offset where the
// signature (or the furniture) begins and the signers.
func readSignature(text string, lines []lineSpan, first, from int) (int, []string) {
	tail := len(text)
	i := len(lines) - 1
	for ; i >= first; i-- {
		t := trim(text[lines[i].start:lines[i].end])
		// A section's continuation line or a page header may follow the
		// signature too, as the last section's or page's first line.
		if !isTrailer(t) && !isNotBody(t) {
			break
		}
		tail = lines[i].start
	}
	var signers []string
	sigStart := tail
	for k := 0; k < 2 && i >= first; k++ {
		t := signerCandidate(trim(text[lines[i].start:lines[i].end]))
		if !isSignerLine(t) {
			break
		}
		// The line before must end a sentence: a lone word after
		// "...TO THE" is the end of a paragraph, not a signature. The
		// furniture of a section or page break between them ("BERN
		// 00000351 002 OF 002") and blank lines are passed over; a
		// redacted line alone before a blank line ends the text too.
		j := i - 1
		blank := false
		for j >= first {
			l := text[lines[j].start:lines[j].end]
			if isBlank(l) {
				blank = true
			} else if !isNotBody(l) {
				break
			}
			j--
		}
		if j < first || !endsSentence(trim(text[lines[j].start:lines[j].end])) && !(blank && isRedaction(trim(text[lines[j].start:lines[j].end]))) {
			if k == 0 {
				break
			}
		}
		signers = append([]string{t}, signers...)
		sigStart = lines[i].start
		i = j
		if j < first || isParagraphStartLine(text[lines[j].start:lines[j].end]) {
			break
		}
		if !isSignerLine(signerCandidate(trim(text[lines[j].start:lines[j].end]))) {
			break
		}
	}
	if len(signers) == 0 && i >= first {
		// The signature run into the last sentence's line: "...with
		// him. DELL", "...END COMMENT THORNE".
		l := text[lines[i].start:min(lines[i].end, tail)]
		if k, name := signatureInLine(l); k >= 0 && lines[i].start+k >= from {
			return lines[i].start + k, []string{name}
		}
	}
	return sigStart, signers
}

// signerCandidate returns what of a line that may be a signature could be
// the name: without a trailing " ." or end-of-message marks ("MURRAY
// NNNN"), and without the "MINIMIZE CONSIDERED" that some cables put
// before the name on its line. A line that ends a sentence ("Russia.") gives "".
func signerCandidate(t string) string {
	t = trimTrailerWords(t)
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, " .") && !isInitial(lastWord(t)) {
		return ""
	}
	t = strings.TrimRight(t, " .")
	if hasPrefixFold(t, "MINIMIZE CONSIDERED") {
		t = strings.TrimSpace(t[len("MINIMIZE CONSIDERED"):])
	}
	return t
}

// trimTrailerWords removes from the end of t the end-of-message words that
// some copies run into the signature's line: "HENZEL NNNN End Cable Text".
func trimTrailerWords(t string) string {
	if k := strings.IndexByte(t, '\t'); k >= 0 && reDumpDate.MatchString(t[k+1:]) {
		t = t[:k] // "BURNS\t2006-08-30": a dump's next column
	}
	for {
		u := strings.TrimRight(t, " \t.")
		switch {
		case hasSuffixFold(u, "END CABLE TEXT"):
			u = u[:len(u)-len("END CABLE TEXT")]
		case u == "NNNN" || u == "BT":
			u = ""
		case strings.HasSuffix(u, " NNNN") || strings.HasSuffix(u, " BT"):
			u = u[:strings.LastIndexByte(u, ' ')]
		default:
			return t
		}
		t = strings.TrimRight(u, " \t")
	}
}

// reDumpDate matches the date column that follows a cable's text in the
// tab-separated dumps some pages hold.
var reDumpDate = regexp.MustCompile(`^\s*(?:19|20)\d\d-\d\d-\d\d`)

// signatureInLine finds a signature at the end of line l, after the last
// sentence of the text: one to three words that make a signer line, after
// a sentence's end. It returns the name's offset in l and the name, or -1.
func signatureInLine(l string) (int, string) {
	t := trimTrailerWords(strings.TrimRight(l, " \t\\"))
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, " .") {
		return -1, "" // the line ends a sentence
	}
	t = strings.TrimRight(t, " .")
	best, name := -1, ""
	end := len(t)
	k := end
	for n := 1; n <= 3; n++ {
		// Step back over one word.
		for k > 0 && (t[k-1] == ' ' || t[k-1] == '\t') {
			k--
		}
		w := k
		for w > 0 && t[w-1] != ' ' && t[w-1] != '\t' {
			w--
		}
		if w == 0 {
			break
		}
		k = w
		cand := signerCandidate(t[k:end])
		before := strings.TrimRight(t[:k], " \t")
		if cand != "" && isSignerLine(cand) && (sentenceBefore(before) || afterRedaction(before, cand)) {
			best, name = k+strings.Index(t[k:], cand), cand
		}
	}
	return best, name
}

// sentenceBefore reports whether before, the start of a line whose end may
// be a signature, ends a sentence of the text: not a paragraph's opening
// ("2. (C)"), nor a list's number ("1. FIRST 2."), nor a name.
func sentenceBefore(before string) bool {
	if hasSuffixFold(before, "MINIMIZE CONSIDERED") {
		return true
	}
	if !endsSentence(before) || isSignerLine(before) {
		return false
	}
	if p, ok := parseParaStart(before); ok && p.text >= len(before) {
		return false
	}
	w := lastWord(before)
	return strings.Trim(w, "0123456789.()") != ""
}

// isRedaction reports whether t is a redaction alone: "XXXXXXXXXXXX".
func isRedaction(t string) bool {
	return len(t) >= 4 && strings.Trim(t, "Xx ") == ""
}

// afterRedaction reports whether a name in capitals at the end of a line
// of mixed-case text follows a redaction that ends the text: "...email at
// xxxxxxxxxxxx CHRITTON". A name in capitals after a redaction in a text
// written in capitals is the redaction's sentence going on.
func afterRedaction(before, name string) bool {
	w := lastWord(before)
	if !isRedaction(w) || upperASCII(name) != name {
		return false
	}
	return strings.ContainsFunc(before[:len(before)-len(w)], func(r rune) bool { return r >= 'a' && r <= 'z' })
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// isTrailer reports whether t is furniture that follows a cable's text in
// some sources: the end-of-message NNNN, rules, a repeated classification,
// declassification stamps, a database dump's residue.
func isTrailer(t string) bool {
	if t == "" || t == "BT" || isDashLine(t) || len(t) >= 3 && strings.Trim(t, "N") == "" {
		return true
	}
	if strings.Trim(t, `."'>#0123456789 `) == "" {
		return true
	}
	for _, s := range []string{"CABLE ENDS", "SELECT * FROM", "@ EL PA", "Track impresi", "- Classification:"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	// "Declassified/Released US Department of State EO Systematic Review
	// 30 JUN 2005", "<< END OF DOCUMENT >>", "MINIMIZE CONSIDERED".
	if u := trimTrailerWords(t); u != t {
		return isTrailer(u) // "NNNN End Cable Text", but not "HENZEL NNNN"
	}
	for _, s := range []string{"DECLASSIFIED/RELEASED", "SYSTEMATIC REVIEW", "END OF DOCUMENT", "NOTE BY OC/T", "END OF MESSAGE"} {
		if indexFold(t, s) >= 0 {
			return true
		}
	}
	if strings.EqualFold(strings.TrimRight(t, " ."), "MINIMIZE CONSIDERED") {
		return true
	}
	if strings.HasPrefix(t, "ID:") || strings.HasSuffix(t, "...") && !isParagraphStartLine(t) {
		return true // a record's id, a truncated repetition
	}
	if c, ok := parseClassLine(t); ok && c.number == "" {
		return true // "CONFIDENTIAL", "SECRET NOFORN", "C O N F I D E N T I A L"
	}
	return false
}

// notSigners are words that end cables without being a signature: among
// them every classification and handling word, so that a marking is never
// read as a name.
var notSigners = map[string]bool{
	"END": true, "COMMENT": true, "SIPDIS": true, "NOFORN": true, "BT": true, "NNNN": true,
	"UNQUOTE": true, "QUOTE": true, "REGARDS": true, "CONFIDENTIAL": true, "SECRET": true,
	"UNCLASSIFIED": true, "UNCLAS": true, "MINIMIZE": true, "CONSIDERED": true, "NONE": true,
	"LIMITED": true, "OFFICIAL": true, "USE": true, "SENSITIVE": true, "SBU": true, "BUT": true,
	"EXDIS": true, "NODIS": true, "LIMDIS": true, "STADIS": true, "FOUO": true, "ONLY": true,
	"THANKS": true, "THANK": true, "BEGIN": true, "TEXT": true, "SUMMARY": true, "NOTE": true,
	"CLASSIFICATION": true, "NNN": true, "PAGE": true,
}

// isSignerLine reports whether t looks like a signature: one to three
// capitalised words of letters, short, none a marking.
func isSignerLine(t string) bool {
	if t == "" || len(t) > 30 {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !isLetter(w[0]) || w[0] >= 'a' {
			return false
		}
		for i := 0; i < len(w); i++ {
			if c := w[i]; !isLetter(c) && c != '-' && c != '\'' && c != '.' {
				return false
			}
		}
		u := strings.ToUpper(strings.Trim(w, "."))
		if notSigners[u] || strings.Trim(u, "X") == "" || handlingWord(u) != "" {
			return false
		}
	}
	if _, ok := parseClassLine(t); ok {
		return false // "S E C", "UNCLAS": a marking
	}
	return true
}

// reGroupMarking matches the declassification group of older cables that
// stands between the text and the signature: "GP-3", "GDS".
var reGroupMarking = regexp.MustCompile(`^(?:GP-\d|X?GDS(?:-\d)?)$`)

// endsSentence reports whether the line before a signature ends the text:
// a full stop, closing quote or parenthesis, a URL, a rule, or a group
// marking.
func endsSentence(t string) bool {
	if t == "" {
		return true
	}
	switch t[len(t)-1] {
	case '.', '"', ')', '!', '?', '\'', '/', '*', '-', '=':
		return true
	}
	if strings.HasSuffix(t, "”") || strings.HasSuffix(t, "’") {
		return true
	}
	// "End Comment", "END COMMENT", "UNQUOTE", "END TEXT" without a stop;
	// a closing formula ("Regards,").
	u := strings.ToUpper(t)
	for _, e := range [...]string{"END COMMENT", "END NOTE", "MINIMIZE CONSIDERED", "UNQUOTE", "END QUOTE", "END TEXT", "REGARDS,",
		"END OF PART ONE", "END OF PART TWO", "END OF PART THREE"} {
		if strings.HasSuffix(u, e) && (len(u) == len(e) || !isWordByte(u[len(u)-len(e)-1])) {
			return true
		}
	}
	if strings.Contains(t, "http") {
		return true
	}
	if reGroupMarking.MatchString(t) {
		return true
	}
	return isSignerLine(strings.TrimRight(t, " ."))
}

// endSummary returns the offset in s of the end of a summary, "END
// SUMMARY", "End of summary" or "END EXECUTIVE SUMMARY", else of one
// misspelt ("End Sumary"), or -1.
func endSummary(s string) int {
	f := newSummaryFinder(s)
	for from := 0; ; {
		k := f.index(from)
		if k < 0 {
			return endSummaryMisspelt(s)
		}
		from = k + len("SUMMARY")
		if from < len(s) && isWordByte(s[from]) {
			continue
		}
		before := strings.TrimRight(s[:k], " \t\r\n")
		for _, w := range [...]string{"EXECUTIVE", "OF"} {
			if n := len(before) - len(w); n >= 0 && strings.EqualFold(before[n:], w) && (n == 0 || !isWordByte(before[n-1])) {
				before = strings.TrimRight(before[:n], " \t\r\n")
			}
		}
		n := len(before)
		if n >= 3 && strings.EqualFold(before[n-3:], "END") && (n == 3 || !isWordByte(before[n-4])) {
			return n - 3
		}
	}
}

// endSummaryMisspelt returns the offset in s of an END SUMMARY whose
// second word is SUMMARY typed with one slip ("End Sumary", "END
// SUMMMARY"), or -1.
func endSummaryMisspelt(s string) int {
	best := -1
	for _, e := range [...]string{"END", "End", "end"} {
		for at := 0; at < len(s); {
			k := strings.Index(s[at:], e)
			if k < 0 {
				break
			}
			k += at
			at = k + len(e)
			if best >= 0 && k > best {
				break
			}
			if k > 0 && isWordByte(s[k-1]) {
				continue
			}
			j := skipBlanks(s, at)
			w := j
			for w < len(s) && isLetter(s[w]) {
				w++
			}
			if j > at && (w == len(s) || !isWordByte(s[w])) && nearWord(s[j:w], "SUMMARY", true) {
				best = k
				break
			}
		}
	}
	return best
}

// indexSummary returns the offset of the first "SUMMARY" in s, in capitals,
// capitalised or in lower case, or -1.
func indexSummary(s string) int {
	f := newSummaryFinder(s)
	return f.index(0)
}

// A summaryFinder finds the places of "SUMMARY" in a text, in capitals,
// capitalised or in lower case, in order. It searches for "UMMARY" and
// "ummary" with strings.Index, much faster over a whole body than a search
// ignoring case, and keeps the next place of each, so that asking again
// further on scans the text once for each, however many times it is asked.
type summaryFinder struct {
	s    string
	next [2]int // the next place of each word's "SUMMARY"; -1 none; below the place asked, to be searched again
}

func newSummaryFinder(s string) summaryFinder {
	return summaryFinder{s: s, next: [2]int{-2, -2}}
}

// index returns the offset of the first "SUMMARY" at or after from, or -1;
// from must not decrease from one call to the next.
func (f *summaryFinder) index(from int) int {
	best := -1
	for w, word := range [...]string{"UMMARY", "ummary"} {
		if f.next[w] != -1 && f.next[w] < from {
			f.next[w] = -1
			for at := from + 1; at < len(f.s); {
				k := strings.Index(f.s[at:], word)
				if k < 0 {
					break
				}
				k += at
				if f.s[k-1]|0x20 == 's' {
					f.next[w] = k - 1
					break
				}
				at = k + 1
			}
		}
		if k := f.next[w]; k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// maxSummarySearch bounds how far into the body a summary may start, and
// how long it may be.
const (
	maxSummaryStartLines = 400
	maxSummaryBytes      = 64 << 10
	maxUnopenedSummary   = 16 << 10
)

// readSummary returns the text between SUMMARY and END SUMMARY, in their
// variants; the rest of the paragraph that opens with "SUMMARY:" when there
// is no end, or the paragraph after a SUMMARY heading; or, for an END
// SUMMARY without an opening, the paragraph it ends.
func readSummary(text string, lines []lineSpan, first, from, tail int) string {
	for i := first; i < len(lines) && i < first+maxSummaryStartLines && lines[i].start < tail; i++ {
		start := max(lines[i].start, from)
		l := text[start:lines[i].end]
		k, heading, ok := summaryStart(l)
		if !ok {
			continue
		}
		if heading && nextOpensSummary(text, lines, i+1, tail) {
			continue // "SUMMARY\n-------\n\n1. (C) Summary: ...": the paragraph's own opening
		}
		begin := start + k
		limit := min(tail, begin+maxSummaryBytes)
		if k := endSummary(text[begin:limit]); k >= 0 {
			return cleanSummary(text[begin : begin+k])
		}
		// No end: the summary is the rest of its paragraph, or, after a
		// heading, the paragraph that follows it.
		j := i + 1
		if heading {
			for j < len(lines) && lines[j].start < limit && (isBlank(text[lines[j].start:lines[j].end]) || isDashLine(trim(text[lines[j].start:lines[j].end]))) {
				j++
			}
			if j >= len(lines) || lines[j].start >= limit {
				return ""
			}
			begin = lines[j].start
			if p, ok := parseParaStart(text[lines[j].start:lines[j].end]); ok {
				begin += p.text
			}
			j++
		}
		return cleanSummary(text[begin:paragraphEnd(text, lines, j, limit)])
	}
	// "END SUMMARY" without an opening: the paragraph it ends, among the
	// first paragraphs.
	limit := min(tail, from+maxUnopenedSummary)
	if from >= limit {
		return ""
	}
	k := endSummary(text[from:limit])
	if k < 0 {
		return ""
	}
	end := from + k
	// Back to the paragraph's opening or the rule of a heading, or, when
	// the text has no numbered paragraphs, to the blank line before its
	// block.
	last := lineIndex(lines, end)
	i := last
	for i > first && !paraOpening(text[lines[i].start:lines[i].end]) && !isDashLine(trim(text[lines[i-1].start:lines[i-1].end])) {
		i--
	}
	if i == first && !paraOpening(text[lines[i].start:lines[i].end]) {
		for i = last; i > first && !isBlank(text[lines[i-1].start:lines[i-1].end]); i-- {
		}
	}
	begin := max(lines[i].start, from)
	if begin >= end {
		return ""
	}
	// "¶1. Action request in paragraph 5. 2. Summary: ...": an opening
	// run into the paragraph.
	for p := text[begin:end]; ; {
		k := indexSummary(p)
		if k < 0 {
			break
		}
		if c := skipBlanks(p, k+len("SUMMARY")); c < len(p) && p[c] == ':' && (k == 0 || !isWordByte(p[k-1])) {
			begin = end - len(p) + c + 1
			break
		}
		p = p[k+len("SUMMARY"):]
	}
	return cleanSummary(text[begin:end])
}

// nextOpensSummary reports whether the first line of text at or after
// line j, past blank lines and rules, opens a summary on its own line
// ("1. (C) Summary: ...") rather than being a heading.
func nextOpensSummary(text string, lines []lineSpan, j, tail int) bool {
	for ; j < len(lines) && lines[j].start < tail; j++ {
		l := text[lines[j].start:lines[j].end]
		if isBlank(l) || isDashLine(trim(l)) {
			continue
		}
		_, heading, ok := summaryStart(l)
		return ok && !heading
	}
	return false
}

// paragraphEnd returns the offset where the paragraph that goes on at line
// j ends: at the next paragraph's opening or heading (a rule, and the
// line it underlines), before limit.
func paragraphEnd(text string, lines []lineSpan, j, limit int) int {
	start := j
	for ; j < len(lines) && lines[j].start < limit; j++ {
		l := text[lines[j].start:lines[j].end]
		if t := trim(l); paraOpening(l) || strings.HasPrefix(t, "---") && strings.HasSuffix(t, "---") && !isDashLine(t) {
			return lines[j].start // a paragraph, or a heading between rules
		}
		if isDashLine(trim(l)) {
			// "Dual Citizen Killed\n-----": the heading's text is
			// the line above the rule, after a blank line.
			if j-2 >= start && isBlank(text[lines[j-2].start:lines[j-2].end]) {
				if h := trim(text[lines[j-1].start:lines[j-1].end]); h != "" && !strings.HasSuffix(h, ".") {
					return lines[j-1].start
				}
			}
			return lines[j].start
		}
	}
	return limit
}

// paraOpening reports whether l opens a paragraph: a number that would
// open the first paragraph, or one with a marking.
func paraOpening(l string) bool {
	p, ok := parseParaStart(l)
	return ok && (p.accepted(0) || p.marking != "")
}

// summaryStart reports whether line l opens a summary, the offset in l
// where its text begins, and whether it is a heading whose text starts on
// a later line. It accepts "1. (C) SUMMARY: ...", "(C) Summary: ...",
// "1) (SBU) SUMMARY.", "Summary.", "SUMMARY AND COMMENT:", "BEGIN
// SUMMARY", and headings: "------- Summary -------", "Summary =====",
// "SUMMARY AND INTRODUCTION" alone on its line.
func summaryStart(l string) (int, bool, bool) {
	i := summaryOpener(l)
	for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '-' || l[i] == '=') {
		i++
	}
	rest := l[i:]
	for _, pre := range []string{"EXECUTIVE ", "INTRODUCTION AND ", "BEGIN "} {
		if hasPrefixFold(rest, pre) {
			rest = rest[len(pre):]
			i += len(pre)
		}
	}
	if !hasPrefixFold(rest, "SUMMARY") {
		return 0, false, false
	}
	i += len("SUMMARY")
	if i < len(l) && isWordByte(l[i]) {
		return 0, false, false // "SUMMARYS"
	}
	after := strings.TrimLeft(l[i:], " \t")
	switch {
	case after == "" || strings.Trim(after, "-= \t") == "":
		return len(l), true, true // a heading: the text starts on the next line
	case after[0] == ':' || after[0] == '.' || after[0] == '-':
		return len(l) - len(after) + 1, false, true
	case hasPrefixFold(after, "AND ") || after[0] == '/' || i > 0 && isLetter(after[0]):
		// "SUMMARY AND COMMENT:", "Summary/Comment:": the text starts
		// after the colon; without one, a short line is a heading
		// ("Summary and Key Themes").
		if k := strings.IndexAny(after[:min(len(after), 40)], ":."); k > 0 {
			return len(l) - len(after) + k + 1, false, true
		}
		if t := strings.Trim(after, "-= \t"); len(t) <= 40 {
			return len(l), true, true
		}
	}
	return 0, false, false
}

// summaryOpener returns the offset in l after the paragraph opening that
// may come before SUMMARY: a numbered paragraph with its marking, a
// number twice ("¶1. 1. Summary"), "1)" for "1.", a marking without a
// number or without its opening parenthesis ("(C) Summary", "C) Summary").
func summaryOpener(l string) int {
	i := 0
	if p, ok := parseParaStart(l); ok {
		i = p.text
		if i < len(l) && (l[i] >= '0' && l[i] <= '9' || strings.HasPrefix(l[i:], pilcrow)) {
			if q, ok := parseParaStart(l[i:]); ok && q.n == p.n {
				i += q.text // "¶1. 1. Summary"
			}
		}
	} else {
		t := stripPilcrow(l)
		i = len(l) - len(t)
		j := 0
		for j < len(t) && j < 3 && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j > 0 && j < len(t) && t[j] == ')' {
			i += j + 1 // "1) (SBU) SUMMARY."
		}
	}
	i = skipBlanks(l, i)
	// A marking with or without its opening parenthesis: "(C)", "C)".
	j := i
	if j < len(l) && l[j] == '(' {
		j++
	} else if j >= len(l) || !isLetter(l[j]) {
		return i
	}
	if k := strings.IndexByte(l[j:min(len(l), j+24)], ')'); k > 0 && validMarking(l[j:j+k]) {
		i = skipBlanks(l, j+k+1)
	}
	return i
}

// cleanSummary re-flows the text of a summary, leaving out the paragraph
// openings, rules and section lines inside it.
func cleanSummary(s string) string {
	ls := strings.Split(s, "\n")
	out := ls[:0]
	for _, l := range ls {
		t := trim(l)
		if isDashLine(t) || isNotBody(t) {
			continue
		}
		if p, ok := parseParaStart(l); ok && (p.marking != "" || p.pilcrow) {
			l = l[p.text:]
		}
		out = append(out, l)
	}
	r := joinLines(out)
	r = strings.TrimRight(r, " (-\t\n")
	return strings.TrimSpace(strings.TrimLeft(r, ":.- "))
}
