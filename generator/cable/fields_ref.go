package cable

import (
	"regexp"
	"strings"
)

// reRefLabel finds the item letters of a REF list: "A.", "(B)", "C)", "D:".
// Letters count only in sequence (A, B, C...), so "U.S." is not an item.
// Some write them in lower case: "(a)", "b.".
var reRefLabel = regexp.MustCompile(`(?:^|[\s;,])(?:` + pilcrow + `\s*)?(?:REF\s+)?\(?([A-Za-z])(?:\)|\.|:)(?:\s|$)`)

// parseRefs splits the values of the REF markers into items and reads the
// cable each one cites. year is the citing cable's year, for items that
// omit theirs.
func parseRefs(vals []refValue, year int) []Reference {
	var refs []Reference
	seen := map[string]bool{}
	for _, v := range vals {
		for _, item := range splitRefItems(v) {
			for _, r := range citations(item, year) {
				key := r.ID
				if key == "" {
					key = strings.ToUpper(r.Text)
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				refs = append(refs, r)
			}
		}
	}
	return refs
}

// splitRefItems splits one REF value into its items, as written, without
// their letters.
func splitRefItems(v refValue) []string {
	s := strings.TrimSpace(v.text)
	switch strings.ToUpper(strings.Trim(s, ". ")) {
	case "", "NONE", "N/A", "NA":
		return nil
	}
	// Find the labels in sequence, starting at A (or at the marker's own
	// letter: "REF B: ...").
	want := byte('A')
	if v.label != "" {
		want = v.label[0] + 1
	}
	var cuts [][2]int // label start, text start
	for _, m := range reRefLabel.FindAllStringSubmatchIndex(s, -1) {
		c := s[m[2]] &^ 0x20 // upper case
		if c != want && !(len(cuts) == 0 && v.label == "" && c == 'A') {
			continue
		}
		start := m[0]
		if start > 0 || s[0] == ';' || s[0] == ',' || s[0] == ' ' {
			// keep the separator out of the label
			for start < len(s) && (s[start] == ' ' || s[start] == ';' || s[start] == ',' || s[start] == '\t') {
				start++
			}
		}
		cuts = append(cuts, [2]int{start, m[1]})
		want = c + 1
	}
	var parts []string
	if len(cuts) == 0 {
		parts = []string{s}
	} else {
		if pre := strings.TrimSpace(s[:cuts[0][0]]); pre != "" {
			parts = append(parts, pre)
		}
		for k, c := range cuts {
			end := len(s)
			if k+1 < len(cuts) {
				end = cuts[k+1][0]
			}
			// "A. A) BERN 1253": some copies write the letter twice.
			letter := s[c[1]-2]
			if letter == ')' || letter == '.' || letter == ':' {
				letter = s[c[1]-3]
			}
			parts = append(parts, dropLabel(s[c[1]:end], letter))
		}
	}
	var items []string
	for _, p := range parts {
		// A pilcrow inside an item is the next paragraph run on.
		if k := strings.Index(p, pilcrow); k >= 0 {
			p = p[:k]
		}
		for _, q := range strings.Split(p, ";") {
			for _, r := range splitCiteList(q) {
				r = strings.Trim(strings.TrimSpace(r), ",;")
				r = strings.TrimSpace(strings.TrimPrefix(r, "AND "))
				if r != "" {
					items = append(items, r)
				}
			}
		}
	}
	return items
}

// dropLabel removes from the start of s a repetition of the item letter.
func dropLabel(s string, letter byte) string {
	t := strings.TrimLeft(s, " \t")
	t = strings.TrimPrefix(t, "(")
	if len(t) >= 2 && t[0]&^0x20 == letter&^0x20 && (t[1] == '.' || t[1] == ')') {
		return t[2:]
	}
	return s
}

// splitCiteList splits "BARCELONA 009, MADRID 0113, BARCELONA 012" (or
// "TEHRAN 1091: TEHRAN 263") into its citations when every part is one;
// otherwise it keeps q whole, since commas also occur inside an item
// ("NOV 2, 1966").
func splitCiteList(q string) []string {
next:
	for _, sep := range []string{",", ":", " AND "} {
		if !strings.Contains(q, sep) {
			continue
		}
		parts := strings.Split(q, sep)
		for _, p := range parts {
			p = strings.TrimSpace(p)
			m := reCite.FindStringSubmatchIndex(p)
			if m == nil || m[1] != len(p) {
				continue next
			}
		}
		return parts
	}
	return []string{q}
}

// reCite reads a cable citation at the start of a REF item: an optional
// year ("06", "2005"), a station of one to four words, the number, and an
// optional year after it ("DOHA 152 (08)").
var reCite = regexp.MustCompile(`(?i)^(?:(\d{4}|\d\d)\s+)?([A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]*){0,3}?)\s+0*(\d{1,7})\b(?:\s*\((\d{4}|\d\d)\))?`)

// notStations are first words of REF items that cite something other than
// a cable: e-mails, memoranda, telephone calls, reports.
var notStations = map[string]bool{
	"EMAIL": true, "E-MAIL": true, "MEMO": true, "MEMCON": true, "TELCON": true, "TELECON": true,
	"FAX": true, "LETTER": true, "REPORT": true, "PHONE": true, "DIPNOTE": true, "NOTE": true,
	"IIR": true, "DAO": true, "EMAILS": true, "CALL": true, "MEETING": true, "PARA": true,
	"PARAGRAPH": true, "SEPTEL": true, "REFTEL": true, "THE": true, "AND": true, "FBIS": true,
	"JANUARY": true, "FEBRUARY": true, "MARCH": true, "APRIL": true, "MAY": true, "JUNE": true,
	"JULY": true, "AUGUST": true, "SEPTEMBER": true, "OCTOBER": true, "NOVEMBER": true, "DECEMBER": true,
	"JAN": true, "FEB": true, "MAR": true, "APR": true, "JUN": true, "JUL": true, "AUG": true,
	"SEP": true, "SEPT": true, "OCT": true, "NOV": true, "DEC": true, "FROM": true, "TO": true,
	"CA": true, "A": true, "AN": true, "IN": true, "ON": true, "OF": true, "PAGE": true, "EO": true,
}

// reMoreNumbers matches the further numbers of one station after a
// citation: "STATE 41252 AND 44603", "STATE 41252, 44603 AND 44610".
var reMoreNumbers = regexp.MustCompile(`^(?:\s*(?:,|AND|and|&)\s*0*\d{1,7}\b)+`)

// reYearAfter matches the year written after a citation: "(08)".
var reYearAfter = regexp.MustCompile(`^\((?:\d{4}|\d\d)\)`)

// citations returns the references of one REF item: the item itself, and,
// when it cites more numbers of its station ("C. STATE 41252 AND 44603"),
// one reference for each, its Text the station and number.
func citations(item string, year int) []Reference {
	first := Reference{Text: item, ID: citedID(item, year)}
	// The quick test of reMoreNumbers: a comma, "&", "AND" or "and".
	if first.ID == "" || !strings.ContainsAny(item, ",&") && !strings.Contains(item, "AND") && !strings.Contains(item, "and") {
		return []Reference{first}
	}
	m := reCite.FindStringSubmatchIndex(stripPilcrow(item))
	off := len(item) - len(stripPilcrow(item))
	rest := item[off+m[1]:]
	more := reMoreNumbers.FindString(rest)
	if more == "" || m[8] >= 0 { // a year after the number: "DOHA 152 (08)"
		return []Reference{first}
	}
	tail := strings.TrimSpace(rest[len(more):])
	if y := reYearAfter.FindString(tail); y != "" {
		// "DOHA 152 AND 153 (08)": the year is of every number.
		first.ID = citedID(item[:off+m[1]]+" "+y, year)
	}
	station := item[off+m[4] : off+m[5]]
	yearPrefix := ""
	if m[2] >= 0 {
		yearPrefix = item[off+m[2]:off+m[3]] + " "
	}
	refs := []Reference{{Text: strings.TrimSpace(item[:off+m[1]]), ID: first.ID}}
	nums := strings.FieldsFunc(more, func(r rune) bool { return r < '0' || r > '9' })
	for k, n := range nums {
		text := yearPrefix + station + " " + n
		if k == len(nums)-1 && tail != "" {
			text += " " + tail
		}
		refs = append(refs, Reference{Text: text, ID: citedID(text, year)})
	}
	return refs
}

// citedID returns the id of the cable that item cites ("06 TBILISI 2601"
// gives "06TBILISI2601"), or "".
func citedID(item string, year int) string {
	item = stripPilcrow(item)
	m := reCite.FindStringSubmatch(item)
	if m == nil {
		return ""
	}
	words := strings.Fields(m[2])
	// A word that is no station's ("E-MAIL", "JAN", "THE") makes no
	// citation, unless the words together spell one: "THE HAGUE", "RIO
	// DE JAN".
	for _, w := range words {
		if notStations[strings.ToUpper(strings.Trim(w, "."))] && !spelledStation(m[2]) {
			return ""
		}
	}
	// The number must end there: "3/11", "08.11.20" are dates.
	if rest := item[len(m[0]):]; rest != "" {
		if c := rest[0]; c == '/' || c == '-' || (c == '.' || c == ':') && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			return ""
		}
	}
	// Only a post of the collections makes a cable citation: not "E-MAIL
	// 3", "DESK 3", nor a redacted "XXXXXXXXXXXX 167".
	if !spelledStation(m[2]) {
		return ""
	}
	y := year
	switch {
	case m[1] != "":
		y = fullYear(atoi(m[1]), len(m[1]))
	case m[4] != "":
		y = fullYear(atoi(m[4]), len(m[4]))
	}
	if y == 0 {
		return ""
	}
	return StationNumberID(y, upperASCII(strings.Join(words, " ")), m[3])
}

// fullYear turns a year as written into a full year: two digits below 60
// are 20xx (cables run from 1966), above are 19xx.
func fullYear(y, digits int) int {
	if digits >= 4 {
		return y
	}
	if y < 60 {
		return 2000 + y
	}
	return 1900 + y
}
