package cable

import (
	"regexp"
	"strings"
)

// routing is what the routing header of a cable says: the lines from VZCZC
// to the last INFO addressee.
type routing struct {
	found      bool
	start, end int // byte range of the header; end is where the body begins

	dtg      string // the date-time group as written, "072147Z SEP 07"
	route    string // routing indicator of the DE line, "RUEHC"
	serial   string // the DE line's message serial, "6086"
	julian   string // day of year and time of the DE line, "2502200"
	zn       string // the ZNY/ZNR security line's letters, "CCCCC"
	from     string
	to, info []Addressee
}

var (
	// reDTG matches a date-time group: day, hour, minute, Z, month, year.
	reDTG = regexp.MustCompile(`\b(\d\d)(\d\d)(\d\d)Z\s?([A-Za-z]{3})\s?(\d{4}|\d\d)\b`)
	// reDELine matches "DE RUEHC #6086/01 2502200".
	reDELine = regexp.MustCompile(`^DE\s+([A-Z]{4,8})\b(?:\s*#\s*(\d+)(?:/\d+)?)?(?:\s+(\d{7}))?`)
)

// headerKeyword returns the routing-header keyword that starts line l.
func headerKeyword(l string) string {
	switch {
	case strings.HasPrefix(l, "VZCZC"):
		return "VZCZC"
	case strings.HasPrefix(l, "DE ") && reDELine.MatchString(l):
		return "DE"
	case strings.HasPrefix(l, "ZNY ") || strings.HasPrefix(l, "ZNR "):
		return "ZN"
	case strings.HasPrefix(l, "FM "):
		return "FM"
	case strings.HasPrefix(l, "TO "):
		return "TO"
	case strings.HasPrefix(l, "INFO ") || l == "INFO":
		return "INFO"
	case l == "BT":
		return "BT"
	case strings.HasPrefix(l, "XMT "):
		return "XMT"
	case len(l) > maxHeaderLine:
		return ""
	case dtgLine(l) != "":
		return "DTG"
	}
	// "OO RUEHDBU RUEHFL": the precedence line; routing indicators
	// alone: the precedence line wrapped, or an addressee.
	f := strings.Fields(l)
	ri := 0
	for _, w := range f {
		if isRoutingIndicator(w) {
			ri++
		}
	}
	switch {
	case ri == 0:
	case ri == len(f):
		return "RI"
	case ri == len(f)-1 && len(f[0]) <= 2 && strings.Trim(f[0], "ZOPRM") == "":
		return "PREC"
	}
	return ""
}

// isRoutingIndicator reports whether w is a routing indicator: R and three
// to seven more capitals ("RUEHC", "RHMFISS").
func isRoutingIndicator(w string) bool {
	if len(w) < 4 || len(w) > 8 || w[0] != 'R' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// dtgLine returns the date-time group of a header line that carries it
// after up to three precedence letters ("O R 072147Z SEP 07"), or "".
func dtgLine(l string) string {
	i := 0
	for n := 0; n < 3 && i < len(l) && l[i] >= 'A' && l[i] <= 'Z'; n++ {
		j := i
		for j < len(l) && j-i < 3 && l[j] >= 'A' && l[j] <= 'Z' {
			j++
		}
		if j-i > 2 || j == len(l) || l[j] != ' ' && l[j] != '\t' {
			return ""
		}
		i = skipBlanks(l, j)
	}
	// "072147Z", then an optional space, the month, an optional space,
	// the year of two or four digits.
	if i+7 > len(l) || digitsOnly(l[i:i+6]) == "" || l[i+6] != 'Z' {
		return ""
	}
	j := i + 7
	if j < len(l) && l[j] == ' ' {
		j++
	}
	if j+3 > len(l) || !isLetter(l[j]) || !isLetter(l[j+1]) || !isLetter(l[j+2]) {
		return ""
	}
	j += 3
	if j < len(l) && l[j] == ' ' {
		j++
	}
	k := j
	for k < len(l) && k-j < 5 && l[k] >= '0' && l[k] <= '9' {
		k++
	}
	if n := k - j; n != 2 && n != 4 || k < len(l) && isWordByte(l[k]) {
		return ""
	}
	return l[i:k]
}

// maxHeaderLine is the longest line that the routing header's patterns
// are tried on: its lines are short, and a long one is text.
const maxHeaderLine = 200

// maxHeaderSearch is how many lines from the top the routing header may
// start at: some pages put an e-mail client's banner or a metadata dump
// before it.
const maxHeaderSearch = 60

// readRouting finds and reads the routing header among lines, starting the
// search at line from and giving up after within lines. It returns the
// header and the index of the first line after it.
func readRouting(text string, lines []lineSpan, from, within int) (routing, int) {
	var r routing
	first := -1
	for i := from; i < len(lines) && i < from+within; i++ {
		l := trim(text[lines[i].start:lines[i].end])
		switch headerKeyword(l) {
		case "VZCZC", "DE", "ZN", "DTG", "PREC":
			first = i
		}
		if first >= 0 {
			break
		}
		if isParagraphStartLine(l) {
			return r, from
		}
	}
	if first < 0 {
		return r, from
	}
	r.found = true
	r.start = lines[first].start
	state := "" // "", "TO" or "INFO": the addressee list being read
	last := first
	i := first
loop:
	for ; i < len(lines); i++ {
		l := trim(text[lines[i].start:lines[i].end])
		if l == "" {
			if state == "" {
				continue
			}
			// A blank line ends an addressee list unless the header
			// goes on with another keyword.
			j := nextNonBlank(text, lines, i+1)
			if j < 0 {
				break loop
			}
			switch headerKeyword(trim(text[lines[j].start:lines[j].end])) {
			case "TO", "INFO", "BT", "XMT":
				continue
			}
			break loop
		}
		switch headerKeyword(l) {
		case "VZCZC", "PREC", "XMT":
		case "RI":
			if state != "" {
				// A routing indicator alone in a list is an
				// addressee, not the wrapped precedence line.
				r.addAddressee(state, l)
			}
		case "DE":
			m := reDELine.FindStringSubmatch(l)
			r.route, r.serial, r.julian = m[1], m[2], m[3]
		case "ZN":
			if f := strings.Fields(l); len(f) > 1 {
				r.zn = f[1]
			}
		case "DTG":
			if r.dtg == "" {
				r.dtg = dtgLine(l)
			}
		case "FM":
			r.from = collapseSpace(strings.TrimSpace(l[3:]))
			state = ""
		case "TO":
			state = "TO"
			r.addAddressee(state, l[3:])
		case "INFO":
			state = "INFO"
			r.addAddressee(state, strings.TrimPrefix(l, "INFO"))
		case "BT":
			last = i
			break loop
		default:
			if state == "" {
				// Not a header line: the body has begun.
				break loop
			}
			r.addAddressee(state, l)
		}
		last = i
	}
	r.end = lines[last].end
	if last+1 < len(lines) {
		r.end = lines[last+1].start
	} else {
		r.end = len(text)
	}
	return r, last + 1
}

// addAddressee adds one TO or INFO entry as written on line l.
func (r *routing) addAddressee(list, l string) {
	l = collapseSpace(strings.TrimSpace(l))
	if l == "" {
		return
	}
	a := parseAddressee(l)
	if list == "TO" {
		r.to = append(r.to, a)
	} else {
		r.info = append(r.info, a)
	}
}

// precedences are the precedence words that may end an addressee, longest
// first.
var precedences = [...]string{"NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH"}

// parseAddressee splits "RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049" into
// the routing indicator, the name and the precedence; the trailing serial
// number is dropped.
func parseAddressee(l string) Addressee {
	var a Addressee
	rest := l
	if k := strings.IndexByte(rest, '/'); k >= 4 && k <= 8 && isUpperLetters(rest[:k]) {
		a.Route, rest = rest[:k], rest[k+1:]
	}
	if k := strings.LastIndexByte(rest, ' '); k > 0 && len(rest)-k-1 <= 5 && digitsOnly(rest[k+1:]) != "" {
		rest = rest[:k]
	}
	for _, p := range precedences {
		if len(rest) > len(p) && strings.HasSuffix(rest, p) && rest[len(rest)-len(p)-1] == ' ' {
			a.Precedence, rest = p, rest[:len(rest)-len(p)-1]
			break
		}
	}
	a.Name = strings.TrimSpace(rest)
	if a.Name == "" {
		return Addressee{Name: l}
	}
	return a
}

func isUpperLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// nextNonBlank returns the index of the first non-blank line at or after
// i, or -1.
func nextNonBlank(text string, lines []lineSpan, i int) int {
	for ; i < len(lines); i++ {
		if !isBlank(text[lines[i].start:lines[i].end]) {
			return i
		}
	}
	return -1
}
