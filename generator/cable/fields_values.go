package cable

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var (
	// reTagLink matches a TAG written as a link: markdown "[PGOV](#)" or
	// the Cablegate page's anchor.
	reTagLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)|<a\b[^>]*>([^<]*)</a>`)
	// reHTMLTag matches any other markup left in a TAGS line.
	reHTMLTag = regexp.MustCompile(`<[^>]*>`)
)

// parseTags reads a TAGS value in any of its forms ("PGOV, PREL",
// "PREL PGOV", "prel", "[PGOV](#) [PREL](#)") into upper-case TAGS in
// order, without duplicates. The words of a parenthesised name are TAGS
// of their own, as on Cablegate: "OVIP (RICE, CONDOLEEZZA)" gives OVIP,
// RICE and CONDOLEEZZA; an initial in it ("JAMES B.") is dropped.
func parseTags(v string) []string {
	v = reTagLink.ReplaceAllString(v, " $1$2 ")
	v = reHTMLTag.ReplaceAllString(v, " ")
	var tags []string
	seen := map[string]bool{}
	depth := 0
	add := func(t string) {
		t = strings.Trim(collapseSpace(t), " .,;:()")
		if t == "" || t == "-" || depth > 0 && len(t) == 1 {
			return
		}
		t = upperASCII(t)
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	var cur strings.Builder
	for _, r := range v {
		switch {
		case r == '(' || r == ')':
			add(cur.String())
			cur.Reset()
			if r == '(' {
				depth++
			} else if depth > 0 {
				depth--
			}
		case r == ',' || r == ';' || unicode.IsSpace(r): // any space: a no-break space, U+0085 too
			add(cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	add(cur.String())
	return tags
}

// reReasons finds where the reasons for classification begin in a
// Classified By line: "for Reasons 1.4 (b) and (d)", "REASON: 1.4(B)",
// "reasons 1.5 (b,d)", the word broken by a line end ("for reaso ns",
// "FOR REAS ONS"), or the bare citation "1.4 (b)".
var reReasons = regexp.MustCompile(`(?i)(?:[,;.]?\s*\b(?:for\s+|per\s+)?(?:r ?e ?a ?s ?o ?n(?: ?s)?|E\.?O\.?\s*12958)\b\s*[:.]?\s*)|(?:\b1\.[1-8]\s*\(?[a-h]\b)`)

// classifierTitles are the words of titles and offices that precede the
// classifier's name ("EUR ACTING A/S K. VOLKER").
var classifierTitles = map[string]bool{
	"AMBASSADOR": true, "AMB": true, "AMBASSADOR-AT-LARGE": true, "DCM": true, "CDA": true,
	"CHARGE": true, "CHARGE'": true, "D'AFFAIRES": true, "D'AFFAIRS": true, "DAFFAIRES": true,
	"A.I.": true, "AI": true, "ACTING": true, "POLITICAL": true, "ECONOMIC": true,
	"COUNSELOR": true, "COUNSELLOR": true, "OFFICER": true, "POLOFF": true, "ECONOFF": true,
	"POLCOUNS": true, "ECONCOUNS": true, "POLCOUNSELOR": true, "DEPUTY": true, "CHIEF": true,
	"OF": true, "MISSION": true, "CONSUL": true, "GENERAL": true, "PRINCIPAL": true,
	"SECRETARY": true, "ASSISTANT": true, "A/S": true, "DAS": true, "DIRECTOR": true,
	"OFFICE": true, "SECTION": true, "MINISTER": true, "FOR": true, "AFFAIRS": true,
	"POL/ECON": true, "P/E": true, "POL": true, "ECON": true, "PUBLIC": true, "DIPLOMACY": true,
	"REGIONAL": true, "SECURITY": true, "RSO": true, "MANAGEMENT": true, "CONSULAR": true,
	"DEFENSE": true, "ATTACHE": true, "DATT": true, "USAID": true, "THE": true, "SPECIAL": true,
	"ENVOY": true, "SENIOR": true, "ADVISOR": true, "ADVISER": true, "UNDER": true, "CG": true,
	"PO": true, "CONGEN": true, "CONSULATE": true, "EMBASSY": true, "U.S.": true, "US": true,
	"COORDINATOR": true, "LEGAL": true, "STATE": true, "DEPARTMENT": true, "DEPT": true,
	"EUR": true, "NEA": true, "SCA": true, "WHA": true, "AF": true, "EAP": true, "IO": true,
	"ISN": true, "INR": true, "PM": true, "DRL": true, "PRM": true, "INL": true, "CA": true,
	"DS": true, "OES": true, "EEB": true, "S/CT": true, "POLITICAL/ECONOMIC": true,
	"ECONOMIC/POLITICAL": true, "POLITICAL-ECONOMIC": true, "POL-ECON": true, "MINISTER-COUNSELOR": true,
	"INTERIM": true, "CHARGÉ": true, "AND": true, "POLMILOFF": true, "POL/MIL": true,
	"POLITICAL-MILITARY": true, "EXECUTIVE": true, "ASSISTANT-SECRETARY": true, "DR.": true,
	"MR.": true, "MS.": true, "MRS.": true, "BY": true, ":": true, "HEAD": true, "DEP": true,
	"PRINCIPLE": true, "INTERNAL": true, "EXTERNAL": true, "UNIT": true, "ECONOMICS": true,
	"POLITICS": true, "COUNSEL": true, "COMMERCIAL": true, "AGRICULTURAL": true, "CDDEA": true, "ECOPOL": true, "DIR": true,
	"POLCHIEF": true, "ECONCHIEF": true, "POLECONCHIEF": true, "POLMINCOUNS": true, "ECONMINCOUNSELOR": true,
	"POLCOUN": true, "ECONCOUN": true, "POLECON": true, "POLMIL": true, "PAO": true, "MGMT": true,
	"M/C": true, "D'": true, "AFFAIRES": true, "COM": true, "ECONMINCOUNS": true, "USEU": true, "CHARGE'D'AFFAIRES": true, "PRINCIPAL-OFFICER": true, "CONSUL-GENERAL": true,
}

// curlyQuotes makes a name's curly apostrophes straight ("O’Brien").
var curlyQuotes = strings.NewReplacer("’", "'", "‘", "'")

// parseClassifiedBy splits the content of a Classified By line into the
// classifier's name, titles stripped, and the reasons. Two people ("Ambassador
// John Doe and DCM Jane Roe") give both names joined by " and "; a title
// without a name ("Ambassador for reasons 1.4 (d)") gives the title.
func parseClassifiedBy(v string) (classifier, reasons string) {
	name := v
	if m := reReasons.FindStringIndex(v); m != nil {
		name = v[:m[0]]
		reasons = strings.TrimSpace(v[m[0]:])
		// Drop the introducing words, keep the citation.
		if k := strings.Index(reasons, "1."); k >= 0 {
			reasons = reasons[k:]
		} else if k := strings.Index(reasons, "1 ."); k >= 0 {
			reasons = reasons[k:]
		} else {
			reasons = strings.TrimLeft(reasons, ",;. ")
			for _, w := range []string{"for ", "per "} {
				if hasPrefixFold(reasons, w) {
					reasons = reasons[len(w):]
				}
			}
			if m := reReasonWord.FindStringIndex(reasons); m != nil {
				reasons = reasons[m[1]:]
			}
			reasons = strings.TrimLeft(reasons, ":. ")
		}
		reasons = cutCitation(reasons)
	}
	if strings.IndexByte(name, 0xE2) >= 0 { // the first byte of ’ and ‘
		name = curlyQuotes.Replace(name)
	}
	name = mendBrokenWords(name)
	var people []string
	for _, part := range splitPeople(name) {
		if p := personIn(part); p != "" {
			people = append(people, p)
		}
	}
	if len(people) == 0 {
		return titleAlone(name), reasons
	}
	return strings.Join(people, " and "), reasons
}

// mendBrokenWords joins the words of a Classified By line that a copy
// broke where the original's line ended ("Do nald A. Blome", "Ambassa dor",
// "Joh n F. Tefft", "fo r"): a piece in lower case that is no word of a
// title or name of its own ("van", "de", "and", "officer") goes with the
// capitalised piece before it, or makes "for" or "per" with the one before.
func mendBrokenWords(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	changed := false
	// "fo r", "p er" first, so that the pieces go with each other.
	for i := 0; i+1 < len(words); i++ {
		if j := strings.ToLower(words[i] + strings.TrimRight(words[i+1], ",.;:")); (j == "for" || j == "per") && isLetters(words[i]) {
			words[i] += words[i+1]
			words = append(words[:i+1], words[i+2:]...)
			changed = true
		}
	}
	out := words[:1]
	for _, w := range words[1:] {
		prev := out[len(out)-1]
		core := strings.TrimRight(w, ",.;:")
		if isLowerWord(core) && prev[0] >= 'A' && prev[0] <= 'Z' && isLetters(prev) &&
			!lowerNameWords[core] && !isTitleWord(core, 2) {
			out[len(out)-1] = prev + w
			changed = true
			continue
		}
		out = append(out, w)
	}
	if !changed {
		return name
	}
	return strings.Join(out, " ")
}

// lowerNameWords are the words in lower case that a Classified By line
// writes between or inside names and titles: particles of names,
// conjunctions, prepositions.
var lowerNameWords = map[string]bool{
	"and": true, "for": true, "per": true, "of": true, "the": true, "to": true, "on": true,
	"at": true, "in": true, "by": true, "via": true, "de": true, "da": true, "del": true,
	"della": true, "der": true, "den": true, "van": true, "von": true, "le": true, "la": true,
	"du": true, "dos": true, "das": true, "do": true, "di": true, "y": true, "e": true, "bin": true,
	"al": true, "el": true, "ibn": true, "ter": true, "ten": true, "st": true, "ai": true,
	"reason": true, "reasons": true, "acting": true,
}

// isLowerWord reports whether w is one or more ASCII letters in lower case.
func isLowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// isLetters reports whether w is ASCII letters only.
func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLetter(w[i]) {
			return false
		}
	}
	return w != ""
}

// titleAlone returns the title a Classified By line gives instead of a
// name ("Ambassador for reasons 1.4 (d)"), up to its first comma.
func titleAlone(name string) string {
	if k := strings.IndexAny(name, ",;("); k >= 0 {
		name = name[:k]
	}
	words := strings.Fields(name)
	for len(words) > 0 && (strings.EqualFold(words[len(words)-1], "for") || strings.EqualFold(words[len(words)-1], "per")) {
		words = words[:len(words)-1]
	}
	return strings.Trim(strings.Join(words, " "), ":. ")
}

// reReasonWord matches "reasons" and "reason", broken or not.
var reReasonWord = regexp.MustCompile(`(?i)^r ?e ?a ?s ?o ?n(?: ?s)?\b`)

// splitPeople splits a Classified By line's names at " and " or "&" when
// each side names a person ("Ambassador John Doe and DCM Jane Roe"), not a
// title ("Political and Economic Counselor Jane Roe").
func splitPeople(name string) []string {
	for _, sep := range []string{" and ", " & "} {
		k := indexFold(name, sep)
		if k < 0 {
			continue
		}
		left, right := name[:k], name[k+len(sep):]
		if personIn(left) != "" && personIn(right) != "" {
			return append([]string{left}, splitPeople(right)...)
		}
	}
	return []string{name}
}

// personIn returns the person a part of a Classified By line names, its
// titles and offices stripped, or "" when it holds titles only. The part
// is cut at commas and semicolons: the first piece that is not titles
// alone holds the name ("Daniel V. Speckhard, Ambassador, State, EXEC";
// "CDA, a.i., Michael Matera").
func personIn(part string) string {
	for _, piece := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == ';' || r == '(' || r == ')' }) {
		words := strings.Fields(piece)
		if len(words) == 0 || allTitles(words) {
			continue
		}
		if p := stripTitles(words); p != "" {
			return p
		}
		return ""
	}
	return ""
}

// allTitles reports whether every word of words is a title or office word.
func allTitles(words []string) bool {
	for _, w := range words {
		if !isTitleWord(w, 2) {
			return false
		}
	}
	return true
}

// stripTitles returns the name among words, the titles and offices before
// and after it stripped.
func stripTitles(words []string) string {
	// Titles come first ("EUR ACTING A/S K. VOLKER", "ECOPOL Counselor
	// Andrew Erickson"): the name is what follows the last title word.
	for k := len(words) - 2; k >= 0; k-- {
		if isTitleWord(words[k], 2) {
			words = words[k+1:]
			break
		}
	}
	for len(words) > 1 && isTitleWord(words[len(words)-1], 2) && !isInitial(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	// In a name written in mixed case, leading words in capitals are
	// offices: "COM Carmen Martinez", "EMIN Marc Wall".
	if len(words) > 1 && strings.ToUpper(strings.Join(words, " ")) != strings.Join(words, " ") {
		for len(words) > 1 && len(words[0]) >= 2 && isUpperWord(words[0]) {
			words = words[1:]
		}
	}
	// "Donald Lu per 1.4 (b,d)": the reasons began without their word.
	for len(words) > 1 && (strings.EqualFold(words[len(words)-1], "per") || strings.EqualFold(words[len(words)-1], "for")) {
		words = words[:len(words)-1]
	}
	name := strings.TrimRight(strings.Join(words, " "), ",;: ")
	if strings.HasSuffix(name, ".") && !isInitial(lastWord(name)) {
		name = strings.TrimRight(name, ".")
	}
	return name
}

// cutCitation keeps of s the citation of E.O. 12958's reasons it starts
// with ("1.4 (b), (c), and (d)", "1.5 B AND D", "1.4(b,d)") and drops what
// follows it: a stray classification, a note, the first paragraph.
func cutCitation(s string) string {
	i := 0
	// "1.4", "1. 4", "1 .4", "1.4."
	if i < len(s) && s[i] == '1' {
		i++
		for i < len(s) && (s[i] == ' ' || s[i] == '.') {
			i++
		}
	}
	if i == 0 || i >= len(s) || s[i] < '1' || s[i] > '8' {
		return strings.TrimRight(s, ". ;,")
	}
	i++
	end := i
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '(' || c == ')' || c == ',' || c == '&' || c == '/' || c == '+' || c == '.':
			i++
		case (hasPrefixFold(s[i:], "a nd") || hasPrefixFold(s[i:], "an d")) && (i+4 == len(s) || !isLetter(s[i+4])):
			i += 4 // "and" broken by a line end
		case (c|0x20) >= 'a' && (c|0x20) <= 'h' && (i+1 == len(s) || !isLetter(s[i+1])):
			i++
			end = i
		case hasPrefixFold(s[i:], "and") && (i+3 == len(s) || !isLetter(s[i+3])):
			i += 3
		case c == '1' && i+2 < len(s) && s[i+1] == '.' && s[i+2] >= '1' && s[i+2] <= '8':
			i += 3 // "1.4(B) and 1.4(D)": the section again
		case hasPrefixFold(s[i:], "or") && (i+2 == len(s) || !isLetter(s[i+2])):
			i += 2
		default:
			i = len(s)
		}
	}
	// Keep a closing parenthesis that belongs to the last letter.
	if end < len(s) && s[end] == ' ' && end+1 < len(s) && s[end+1] == ')' {
		end += 2
	} else if end < len(s) && s[end] == ')' {
		end++
	}
	return strings.TrimSpace(s[:end])
}

// isTitleWord reports whether w is a title or office word; left is how many
// words remain, so that a name is never stripped down to nothing.
func isTitleWord(w string, left int) bool {
	if left <= 1 {
		return false
	}
	u := strings.ToUpper(strings.TrimRight(w, ",:"))
	if classifierTitles[u] || classifierTitles[strings.TrimRight(u, ".")] {
		return true
	}
	// Office symbols: "EUR/CE", "P/E", "S/CT".
	if strings.Contains(u, "/") {
		return true
	}
	// A long title typed wrong: "Ambasador", "Counsleor", "Charg'e".
	if len(u) >= 7 {
		for _, t := range longTitles {
			if nearWord(u, t, true) {
				return true
			}
		}
	}
	return false
}

// longTitles are the title words long enough that a slip in typing them
// makes no other word; isTitleWord recognises them misspelt.
var longTitles = [...]string{
	"AMBASSADOR", "COUNSELOR", "COUNSELLOR", "POLITICAL", "ECONOMIC", "OFFICER", "DEPUTY",
	"DIRECTOR", "SECRETARY", "ASSISTANT", "MINISTER", "PRINCIPAL", "AFFAIRES", "D'AFFAIRES",
	"CONSULATE", "EMBASSY", "COORDINATOR", "ATTACHE", "MANAGEMENT", "SECURITY", "REGIONAL",
}

// isInitial reports whether w is an initial: "K.", "E.".
func isInitial(w string) bool {
	return len(w) == 2 && isLetter(w[0]) && w[1] == '.'
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// reDeclDate finds a date in a declassification instruction: 09/07/2017,
// 6/30/08, 2019/01/15, 2019-01-15.
var reDeclDate = regexp.MustCompile(`\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{4}|\d\d)\b`)

// parseDecl reads the value of the E.O. line ("12958: DECL: 09/07/2017")
// into what was written after DECL and, when that holds a date,
// YYYY-MM-DD.
func parseDecl(v string) (text, date string) {
	text = v
	if k := indexFold(v, "DECL"); k >= 0 {
		text = v[k+4:]
		// "DECLAS", "DECLASSIFY ON:".
		for len(text) > 0 && isLetter(text[0]) {
			text = text[1:]
		}
		if hasPrefixFold(strings.TrimSpace(text), "ON") {
			text = strings.TrimSpace(text)[2:]
		}
	} else {
		// "12958: N/A": drop the order's number.
		text = strings.TrimLeft(text, "0123456789")
	}
	text = strings.TrimSpace(strings.Trim(strings.TrimSpace(text), ":"))
	text = strings.TrimRight(text, " ,;")
	if m := reDeclDate.FindStringSubmatch(text); m != nil {
		a, b, c := atoi(m[1]), atoi(m[2]), atoi(m[3])
		var y, mo, d int
		if len(m[1]) == 4 {
			y, mo, d = a, b, c
		} else {
			y, mo, d = fullYear(c, len(m[3])), a, b
		}
		if validDate(y, mo, d) {
			date = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		}
	}
	return text, date
}
