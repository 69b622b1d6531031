package cable

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Parse derives every field it can from a record: from its text first, then
// from the metadata its source gives beside it. Parse never fails: what it
// cannot read it leaves empty and explains in Cable.Warnings.
//
// The metadata wins for the id, origin and classification when it gives
// them. For the date, the header's date-time group wins when it falls on
// the day the metadata gives (it is the more precise), the metadata's date
// otherwise; without metadata, the date-time group, then a dateline, then
// an estimate.
//
// Every string of the Cable is valid UTF-8: bytes of the text that are not
// UTF-8 are read as Windows-1252 (see ToUTF8).
func Parse(rec Record) *Cable {
	p := &cableParser{text: string(rec.Text), c: &Cable{}}
	p.read()
	p.merge(rec.Meta)
	// A REF item without a year is of the citing cable's year.
	year := p.year
	switch {
	case len(p.c.ID) > 2 && digitsOnly(p.c.ID[:2]) != "":
		year = fullYear(atoi(p.c.ID[:2]), 2)
	case year == 0 && !p.c.Date.IsZero():
		year = p.c.Date.Year()
	}
	p.c.References = dropCutRefs(parseRefs(p.h.refs, year))
	lastYearRefs(p.c.References, p.c.ID, year)
	p.c.toUTF8()
	return p.c
}

// dropCutRefs drops the references cut short with "..." by the truncated
// copy of a text that some pages put before the whole ("PRAGUE DAILY
// 08.11.20..." before "PRAGUE DAILY 08.11.2008") when the whole is there.
func dropCutRefs(refs []Reference) []Reference {
	out := refs[:0]
	for _, r := range refs {
		if stem, ok := strings.CutSuffix(r.Text, "..."); ok && slices.ContainsFunc(refs, func(o Reference) bool {
			return o.Text != r.Text && strings.HasPrefix(o.Text, stem)
		}) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// lastYearRefs corrects the year of the references that omit theirs and
// cite the citing cable's own station by a number higher than its own:
// numbers start again each year, and a cable cites only what came before
// it, so "MELBOURNE 114" in 10MELBOURNE14 is of the year before, 09.
func lastYearRefs(refs []Reference, id string, year int) {
	station, number, ok := splitID(id)
	if !ok || year <= firstYear {
		return
	}
	for i, r := range refs {
		rs, rn, ok := splitID(r.ID)
		if !ok || rs != station || atoi(rn) <= atoi(number) || citedID(r.Text, 0) != "" {
			continue // another station, an earlier number, or a year written
		}
		if prev := citedID(r.Text, year-1); prev != "" {
			refs[i].ID = prev
		}
	}
}

// splitID splits a canonical cable id into its station and number:
// "10MELBOURNE14" gives "MELBOURNE", "14".
func splitID(id string) (station, number string, ok bool) {
	if len(id) < 4 || digitsOnly(id[:2]) == "" {
		return "", "", false
	}
	k := len(id)
	for k > 2 && id[k-1] >= '0' && id[k-1] <= '9' {
		k--
	}
	if k == len(id) || k == 2 || len(id)-k > maxNumber {
		return "", "", false
	}
	return id[2:k], id[k:], true
}

// cableParser holds the state of one Parse call.
type cableParser struct {
	text  string
	lines []lineSpan
	c     *Cable

	rt routing
	h  headerFields
	b  bodyFields

	textID   string    // the id the text gives, without metadata
	textDate time.Time // the date the text gives
	dateFrom string    // where textDate came from, for warnings
	dtgOK    bool
	year     int // the cable's year as the text gives it, for the id and REF
	// idStation is the station the id was made of; idNumber the number
	// still waiting for a year.
	idStation, idNumber string
}

func (p *cableParser) warn(format string, args ...any) {
	p.c.Warnings = append(p.c.Warnings, fmt.Sprintf(format, args...))
}

// read derives the fields from the text alone.
func (p *cableParser) read() {
	text := p.text
	p.lines = splitLines(text)
	next := 0
	p.rt, next = readRouting(text, p.lines, 0, maxHeaderSearch)
	if p.rt.found {
		// Some pages hold a dump of the record between two copies of
		// the routing header: read past the second copy.
		if rt2, next2 := readRouting(text, p.lines, next, 12); rt2.found && !classLineBetween(text, p.lines, next, lineIndex(p.lines, rt2.start)) {
			if p.rt.dtg == "" {
				p.rt.dtg = rt2.dtg
			}
			if p.rt.from == "" {
				p.rt.from, p.rt.route = rt2.from, rt2.route
			}
			next = next2
		}
	}
	if p.rt.dtg == "" {
		// A fragment without its routing header may still carry the
		// cable's date-time group: on a line of its own, labelled,
		// or glued into a header whose line breaks were lost.
		p.rt.dtg = looseDTG(text, p.lines)
	}
	p.h = readHeader(text, p.lines, next)
	if k := dumpTextStart(text, p.lines, next); k > 0 {
		// A database dump's copy of the cable: its fields are whole,
		// those before it may be cut short.
		if h2 := readHeader(text, p.lines, k); h2.class.found || len(h2.markers) > 0 {
			p.h = h2
		}
	}
	bodyStart := p.h.end
	for bodyStart < len(text) && strings.IndexByte(" \t\r\n\\", text[bodyStart]) >= 0 {
		bodyStart++
	}
	p.c.BodyStart = bodyStart
	p.b = readBody(text, p.lines, bodyStart)

	c := p.c
	c.From = p.rt.from
	c.To, c.Info = p.rt.to, p.rt.info
	c.Handling = p.h.handling
	c.Origin = OriginName(p.rt.from, p.rt.route)
	p.readClassification()
	if v := p.first(fieldTags); v != "" {
		c.Tags = parseTags(v)
	}
	c.Subject = p.first(fieldSubject)
	if v := p.first(fieldEO); v != "" {
		c.DeclassifyText, c.Declassify = parseDecl(v)
	}
	c.ClassifiedBy = p.first(fieldClassifiedBy)
	if c.ClassifiedBy == "" {
		c.ClassifiedBy = p.classifiedByInBody()
	}
	if c.ClassifiedBy != "" {
		c.Classifier, c.Reasons = parseClassifiedBy(c.ClassifiedBy)
	}
	c.Sections = max(p.h.class.sections, p.b.sections)
	c.Paragraphs = p.b.paragraphs
	c.Summary = p.b.summary
	c.Signers = p.b.signers
	p.readDate()
	p.readID()
	if c.Origin == "" && p.idStation != "" {
		// No FM line (a partial extract): the station of the id names
		// the post.
		c.Origin = StationOrigin(p.idStation)
	}
}

// dumpTextStart returns the index of the line after the "-----
// header ends -----" of a database dump that some pages hold (its record's
// id, date, origin..., the routing header, then the whole text), when it
// comes among the first lines after line from; otherwise 0.
func dumpTextStart(text string, lines []lineSpan, from int) int {
	for i := from; i < len(lines) && i < from+maxDumpLines; i++ {
		l := text[lines[i].start:lines[i].end]
		if len(l) < 80 && strings.HasPrefix(trim(l), "---") && strings.Contains(l, "header ends") {
			return i + 1
		}
	}
	return 0
}

// maxDumpLines bounds the search for a dump's copy of the text: it follows
// the header and a cut copy of the first lines of the text.
const maxDumpLines = 200

// classLineBetween reports whether one of lines[from:to] is a
// classification line with a station and number.
func classLineBetween(text string, lines []lineSpan, from, to int) bool {
	for i := from; i < to && i < len(lines); i++ {
		if c, ok := parseClassLine(trim(text[lines[i].start:lines[i].end])); ok && c.number != "" {
			return true
		}
	}
	return false
}

// first returns the first value of a header field. A value cut short with
// "..." (a truncated copy some pages put before the full text) gives way
// to a later, complete one.
func (p *cableParser) first(k fieldKind) string {
	vs := p.h.values[k]
	for _, v := range vs {
		if v != "" && !strings.HasSuffix(v, "...") {
			return v
		}
	}
	if len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// classifiedByInBody finds a Classified By line written as the first
// paragraph ("1. (U) CLASSIFIED BY: JOSIAH H. BEEMAN, AMBASSADOR.").
func (p *cableParser) classifiedByInBody() string {
	for i, para := range p.b.paragraphs {
		if i >= 2 {
			break
		}
		// "1. (U) CLASSIFIED BY: ...", "1. (C) (CLASSIFIED BY ...)".
		t := strings.TrimLeft(para.Text, " ")
		paren := strings.HasPrefix(t, "(")
		t = strings.TrimLeft(t, "( ")
		if t == "" || !isLetter(t[0]) {
			continue
		}
		if m, ok := keywordAt(t, 0, true); ok && m.kind == fieldClassifiedBy {
			v := strings.TrimLeft(t[m.val:], ": ")
			if k := strings.Index(v, "\n\n"); k >= 0 {
				v = v[:k]
			}
			v = strings.TrimSpace(v)
			if paren {
				v = strings.TrimSpace(strings.TrimSuffix(v, ")"))
			}
			return v
		}
	}
	return ""
}

// readClassification derives the classification from the classification
// line, the handling markings before the subject, and the routing
// header's security line.
func (p *cableParser) readClassification() {
	base := ""
	switch w := p.h.class.word; {
	case w == "SECRET":
		base = "SECRET"
	case w == "CONFIDENTIAL":
		base = "CONFIDENTIAL"
	case w == "UNCLASSIFIED", w == "UNCLAS":
		base = "UNCLASSIFIED"
	case strings.HasPrefix(w, "LIMITED"):
		base = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
	}
	if base == "" {
		switch {
		case strings.HasPrefix(p.rt.zn, "S"):
			base = "SECRET"
		case strings.HasPrefix(p.rt.zn, "C"):
			base = "CONFIDENTIAL"
		case strings.HasPrefix(p.rt.zn, "U"), strings.HasPrefix(p.rt.zn, "E"):
			base = "UNCLASSIFIED"
		}
		if base != "" {
			p.warn("no classification line: classification from the header's %s", p.rt.zn)
		} else {
			p.warn("no classification line")
		}
	}
	has := func(h string) bool {
		for _, x := range p.h.handling {
			if x == h {
				return true
			}
		}
		return false
	}
	switch base {
	case "SECRET":
		if has("NOFORN") {
			base += "//NOFORN"
		}
	case "CONFIDENTIAL":
		// Cablegate shows CONFIDENTIAL cables marked SENSITIVE as
		// CONFIDENTIAL//NOFORN (three of the four in the sample).
		if has("NOFORN") || has("SENSITIVE") {
			base += "//NOFORN"
		}
	case "UNCLASSIFIED":
		if has("SENSITIVE") || has("FOR OFFICIAL USE ONLY") || has("FOUO") {
			base += "//FOR OFFICIAL USE ONLY"
		}
	}
	p.c.Classification = base
}

// readDate derives the date from the text: the date-time group, else the
// dateline of some releases, else a page header's day in the month the
// declassification date suggests.
func (p *cableParser) readDate() {
	if p.rt.dtg != "" {
		if t, ok := parseDTG(p.rt.dtg); ok {
			p.textDate, p.dtgOK, p.dateFrom = t, true, "date-time group"
		} else {
			p.warn("impossible date-time group %q", p.rt.dtg)
		}
	}
	if p.textDate.IsZero() {
		// The dateline sits among the first lines of the body.
		for i := 0; i < len(p.lines) && i < 80; i++ {
			if t, ok := parseDateline(p.text[p.lines[i].start:p.lines[i].end]); ok {
				p.textDate, p.dateFrom = t, "dateline"
				break
			}
		}
	}
	if p.textDate.IsZero() {
		declYear := 0
		if d := p.c.Declassify; len(d) == 10 {
			declYear = atoi(d[:4])
		}
		head := p.text[:min(len(p.text), maxGuessBytes)]
		lo, hi := p.yearBounds()
		y := guessYear(head, declYear)
		if y < lo || y > hi {
			y = fitYear(head, declYear, lo, hi)
		}
		if y != 0 {
			y = weekdayCheck(head, y, declYear, lo, hi)
		}
		if y == 0 {
			if y = weekdayYear(head); y != 0 {
				p.warn("year guessed from the weekdays of the dates the text mentions")
			}
		}
		if y == 0 && lo > firstYear && hi-lo <= 1 {
			y = lo // the order and the references leave one year, or two
		}
		if y != 0 {
			p.year = y
			if declYear > y {
				mo, d := atoi(p.c.Declassify[5:7]), atoi(p.c.Declassify[8:10])
				hh, mm := 0, 0
				if p.b.pageDay != 0 {
					d, hh, mm = p.b.pageDay, p.b.pageHour, p.b.pageMinute
				}
				if validDate(y, mo, d) {
					p.textDate = time.Date(y, time.Month(mo), d, hh, mm, 0, 0, time.UTC)
					p.dateFrom = "estimate"
				}
			}
		}
	}
	if !p.textDate.IsZero() {
		p.year = p.textDate.Year()
	}
	if p.year == 0 && p.rt.dtg != "" && !p.dtgOK {
		// The cable stays undated, but its id needs only the year.
		if y := dtgYear(p.rt.dtg); y != 0 {
			p.year = y
			p.warn("year of the id read from the impossible date-time group")
		}
	}
	if !p.dtgOK && p.rt.dtg == "" {
		p.warn("no date-time group in the header")
	}
	p.c.Date = p.textDate
}

// yearBounds returns the first and last year a cable without a date can be
// of, from what its header cites: the executive order its classification
// is under (E.O. 11652 from 1972, 12065 from 1978, 12356 from 1982, 12958
// from 1995, 13526 from 2010), the section of E.O. 12958 its reasons cite
// (1.5 until the order's amendment of 2003, 1.4 after), and the years of
// the cables its REF line cites, which it cannot precede.
func (p *cableParser) yearBounds() (lo, hi int) {
	lo, hi = firstYear, lastYear
	switch p.h.eoOrder {
	case "11652":
		lo, hi = 1972, 1978
	case "12065":
		lo, hi = 1978, 1982
	case "12356":
		lo, hi = 1982, 1995
	case "12958":
		lo, hi = 1995, 2010
		switch {
		case strings.HasPrefix(p.c.Reasons, "1.4") || indexFold(p.first(fieldEO), "AMENDED") >= 0:
			lo = 2003
		case strings.HasPrefix(p.c.Reasons, "1.5"):
			hi = 2005 // the old numbering lingered into 2004 and 2005
		}
	case "13526":
		lo = 2009
	}
	if y := max(maxRefYear(p.h.refs), refDTGYear(p.h.refs)); y > lo {
		lo = y
		hi = max(hi, lo)
	}
	return lo, hi
}

// refDTGYear returns the latest year of the date-time groups by which the
// REF line cites messages ("REF: STATE 251624Z FEB 09"), or 0: the cable
// cannot be older than what it cites.
func refDTGYear(vals []refValue) int {
	y := 0
	for _, v := range vals {
		for _, m := range reDTG.FindAllString(v.text, 20) {
			if t, ok := parseDTG(m); ok {
				y = max(y, t.Year())
			}
		}
	}
	return y
}

// looseDTG returns the date-time group of a text whose routing header was
// not found: a line among the first that holds one after up to three
// precedence letters, in any case, glued to them ("R251624Z FEB 09") or
// after a short label ("DTG: 251624Z FEB 09"); else one glued into a
// routing header run together on one line ("...ZNY SSSSS ZZH051636Z FEB
// 09AMEMBASSY KUWAIT..."). It returns "" when there is none.
func looseDTG(text string, lines []lineSpan) string {
	for i := 0; i < len(lines) && i < maxHeaderSearch; i++ {
		t := trim(text[lines[i].start:lines[i].end])
		if len(t) > 60 || len(t) < 13 {
			if isParagraphStartLine(t) {
				break
			}
			continue
		}
		if isParagraphStartLine(t) {
			break
		}
		if k := strings.IndexByte(t, ':'); k > 0 && k <= 12 && isLetters(strings.TrimSpace(t[:k])) {
			t = trim(t[k+1:])
		}
		u := upperASCII(t)
		if len(u) > 1 && strings.IndexByte("ZOPRM", u[0]) >= 0 && u[1] >= '0' && u[1] <= '9' {
			u = u[:1] + " " + u[1:]
		}
		if d := dtgLine(u); d != "" {
			if _, ok := parseDTG(d); ok {
				return d
			}
		}
	}
	head := text[:min(len(text), 8<<10)]
	for at := 0; ; {
		k := strings.Index(head[at:], "ZZH")
		if k < 0 {
			break
		}
		k += at
		at = k + 3
		if m := reGluedDTG.FindStringSubmatch(head[at:min(len(head), at+24)]); m != nil {
			if _, ok := parseDTG(m[1]); ok {
				return m[1]
			}
		}
	}
	return ""
}

// reGluedDTG matches a date-time group right after the ZZH of a security
// line run together with the next lines: "051636Z FEB 09AMEMBASSY".
var reGluedDTG = regexp.MustCompile(`^\s?(\d{6}Z\s?[A-Z]{3}\s?\d\d)`)

// maxRefYear returns the latest year written in a REF item ("06 TBILISI
// 2601", "DOHA 152 (08)"), or 0.
func maxRefYear(vals []refValue) int {
	y := 0
	for _, v := range vals {
		for _, item := range splitRefItems(v) {
			m := reCite.FindStringSubmatch(stripPilcrow(item))
			if m == nil || !spelledStation(m[2]) {
				continue
			}
			for _, w := range []string{m[1], m[4]} {
				if w != "" {
					y = max(y, fullYear(atoi(w), len(w)))
				}
			}
		}
	}
	return y
}

// fitYear chooses the year of a cable without a date within [lo, hi] when
// the usual guess falls outside: the declassification date less one of the
// usual terms (10, 5, 25, 20 or 15 years), else the year the text mentions
// most within the span, else 0.
func fitYear(text string, declYear, lo, hi int) int {
	if declYear > 0 {
		for _, term := range [...]int{10, 5, 25, 20, 15} {
			if y := declYear - term; y >= lo && y <= hi {
				return y
			}
		}
	}
	best, bestN := 0, 0
	count := map[int]int{}
	for _, m := range reYear.FindAllString(text, 500) {
		if y := atoi(m); y >= lo && y <= hi && (declYear == 0 || y < declYear) {
			count[y]++
			if n := count[y]; n > bestN || n == bestN && y > best {
				best, bestN = y, n
			}
		}
	}
	return best
}

// maxGuessBytes is how much of the text the guesses of a missing year read.
const maxGuessBytes = 64 << 10

// readID forms the id from the classification line's station and number
// (or a section's continuation line) and the year. The DE line's serial is
// the number's last four digits: when it differs and the FM line names
// another station too, the body under this header is another cable's
// (some pages pair them wrongly), and the header is believed for the id
// and classification.
func (p *cableParser) readID() {
	station, number := p.h.class.station, p.h.class.number
	if number == "" {
		station, number = p.b.contStation, p.b.contNumber
	}
	if number == "" {
		// Older cables: the page header names the station, cut to six
		// letters ("VATICA"), and the number.
		station, number = p.b.pageStation, p.b.pageNumber
	}
	// The sender as the header names it: the FM line, else the post
	// of the DE line's routing indicator.
	sender := p.rt.from
	if sender == "" {
		sender = RouteStation(p.rt.route)
	}
	if number == "" && p.rt.serial != "" && sender != "" && Station(sender) != "STATE" && p.year >= 1990 {
		// Neither the classification line nor a section's or page's
		// furniture survives: the DE line's serial is the last four
		// digits of the number, which posts other than the Department
		// seldom pass in a year.
		station, number = sender, strings.TrimLeft(p.rt.serial, "0")
		p.warn("the cable's number from the header's DE line serial #%s", p.rt.serial)
	}
	if serial := strings.TrimLeft(p.rt.serial, "0"); serial != "" && number != "" && p.rt.from != "" {
		if atoi(serial) != atoi(number)%10000 && Station(p.rt.from) != Station(station) {
			p.warn("the classification line (%s %s) is not the header's cable (DE #%s, FM %s)", station, number, p.rt.serial, p.rt.from)
			station, number = p.rt.from, serial
			if p.rt.zn != "" {
				p.h.class.word = ""
				p.h.handling = nil
				p.c.Warnings = slices.DeleteFunc(p.c.Warnings, func(w string) bool { return strings.HasPrefix(w, "no classification line") })
				p.readClassification()
			}
		}
	}
	redacted := strings.Trim(station, "X") == "" && station != ""
	if redacted && sender != "" {
		station, redacted = sender, false // the station redacted: "XXXXXXXXXXXX 000004"
	}
	switch {
	case redacted:
		p.warn("no id: the station is redacted and the header names no sender")
	case number == "":
		p.warn("no id: no station and number on the classification line")
	case p.year == 0:
		p.warn("no id: the text gives no year")
		p.idStation, p.idNumber = station, number // for the metadata's year
	default:
		p.textID = StationNumberID(p.year, station, number)
		p.idStation = station
		if p.textID == "" {
			p.warn("no id: cannot make one of %q and %q", station, number)
		}
	}
	p.c.ID = p.textID
}

// classifications are the six classifications of Cablegate, lowest first.
var classifications = [...]string{
	"UNCLASSIFIED",
	"UNCLASSIFIED//FOR OFFICIAL USE ONLY",
	"CONFIDENTIAL",
	"CONFIDENTIAL//NOFORN",
	"SECRET",
	"SECRET//NOFORN",
}

// merge lets the source's metadata complete or override what the text
// gave.
func (p *cableParser) merge(m Meta) {
	c := p.c
	// What the text lacked but the metadata gives is not missing: drop
	// the warnings about it.
	drop := func(prefix string) {
		c.Warnings = slices.DeleteFunc(c.Warnings, func(w string) bool { return strings.HasPrefix(w, prefix) })
	}
	if m.ID != "" {
		if id := CanonicalID(m.ID); id != "" {
			if p.textID != "" && id != p.textID {
				p.warn("the text's id %s differs from the source's %s", p.textID, id)
			}
			c.ID = id
			drop("no id")
		} else {
			p.warn("the source's id %q is not a cable id", m.ID)
		}
	}
	if o := strings.TrimSpace(m.Origin); o != "" {
		c.Origin = o
	}
	if cl := strings.TrimSpace(m.Classification); cl != "" {
		if !slices.Contains(classifications[:], cl) {
			// Kept as the source gives it, nothing being dropped; but
			// the site's lists and search expect one of the six.
			p.warn("the source's classification %q is none of Cablegate's six", cl)
		}
		c.Classification = cl
		drop("no classification line")
	}
	if m.Created != "" {
		t, ok := parseMetaDate(m.Created)
		switch {
		case !ok:
			p.warn("cannot read the source's date %q", m.Created)
		case p.dtgOK && sameDay(p.textDate, t):
			// The date-time group is the more precise.
		default:
			if p.dtgOK {
				p.warn("date-time group %s is not on the source's day %s", p.rt.dtg, t.Format("2006-01-02"))
			}
			c.Date = t
			drop("no date-time group")
			drop("year guessed")
		}
	}
	if c.ID == "" && p.idNumber != "" && !c.Date.IsZero() {
		// The text gave the station and number, the metadata the year.
		if c.ID = StationNumberID(c.Date.Year(), p.idStation, p.idNumber); c.ID != "" {
			drop("no id")
		}
	}
	if c.Date.IsZero() {
		p.warn("no date")
	} else if !p.dtgOK && p.dateFrom == "estimate" && m.Created == "" {
		p.warn("date estimated from the declassification date")
	}
}
