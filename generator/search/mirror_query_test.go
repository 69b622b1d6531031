package search

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Query is a parsed query: what the client's parser gives too (see doc.go
// for the syntax). Words, Phrases and Filters must all match; so must one
// atom of each Any group (atoms joined by OR); no atom of Not may match.
type Query struct {
	Words   []Word   // every one must match
	Phrases []Phrase // every one must match
	Filters []Filter // every one must match
	Any     [][]Atom // in each, one at least must match
	Not     []Atom   // none may match
	Notices []Notice // what the page explains; a fatal one stops the search
}

// Atom is one word, phrase or filter of an OR group or an exclusion:
// exactly one of its fields is set.
type Atom struct {
	Word   *Word
	Phrase *Phrase
	Filter *Filter
}

// Notice is what the page explains about a query: an unknown field, an
// unbalanced quote, a query that can only match nothing. Fatal: the
// query is not run.
type Notice struct {
	Code  string
	Text  string
	Fatal bool
}

// Fatal reports whether the query must not be run.
func (q Query) Fatal() bool {
	for _, n := range q.Notices {
		if n.Fatal {
			return true
		}
	}
	return false
}

// Word is one search term; with Prefix, any term starting with it; with
// Exact (quoted), only that form of it.
type Word struct {
	Term   string
	Prefix bool
	Exact  bool
	Offset int // in a phrase: the term's place in it
}

// Phrase is a run of terms that must appear in that order, side by side.
type Phrase struct {
	Terms []string
}

// Filter is a field:value condition.
type Filter struct {
	Field  string // lower case
	Value  string // as written, without quotes
	Quoted bool   // the value was quoted: an exact name, where one matches
}

// filterFields are the fields a filter can name, in the order the page
// lists them.
var filterFields = []string{"tag", "origin", "class", "year", "date", "to", "from", "subject", "signer", "ref", "in"}

func isFilterField(f string) bool {
	for _, x := range filterFields {
		if x == f {
			return true
		}
	}
	return false
}

var (
	reFieldName = regexp.MustCompile(`^[A-Za-z]+$`)
	reYearValue = regexp.MustCompile(`^(\d{1,4})?(\.\.(\d{1,4})?)?$`)
	reDateValue = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$`)
)

// queryUnit is one word, phrase or filter of a query as written, before
// OR groups it: atom is nil for a stop word.
type queryUnit struct {
	atom *Atom
	neg  bool
	or   bool // an OR marker, not an atom
	text string
}

func isQuerySpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ParseQuery parses a query as the client does (doc.go, "Query syntax").
// A word that the tokenizer splits ("U.S.-led", "20,000") is a phrase;
// stop words and single letters are dropped outside phrases.
func ParseQuery(s string) Query { return parseQuery(s, false) }

// parseQuery is ParseQuery; with live set, the last word, unless a space
// follows it, is a prefix (the reader is typing it).
func parseQuery(s string, live bool) Query {
	var q Query
	var tok Tokenizer
	var units []queryUnit
	neg := false
	parens := false
	lastWord := -1 // the unit of a word that ends the query, for live
	notice := func(code, text string, fatal bool) {
		for _, n := range q.Notices {
			if n.Code == code && n.Text == text {
				return
			}
		}
		q.Notices = append(q.Notices, Notice{code, text, fatal})
	}
	push := func(a *Atom, text string) {
		units = append(units, queryUnit{atom: a, neg: neg, text: text})
		neg = false
	}
	phraseAtom := func(terms []string, exact bool) *Atom {
		switch {
		case len(terms) == 1 && indexable([]byte(terms[0])):
			return &Atom{Word: &Word{Term: terms[0], Exact: exact}}
		case len(terms) > 1:
			return &Atom{Phrase: &Phrase{Terms: terms}}
		}
		return nil
	}
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		if isQuerySpace(c) {
			i++
			continue
		}
		if c == '(' || c == ')' {
			parens = true
			i++
			continue
		}
		lastWord = -1
		if c == '-' && i+1 < n && !isQuerySpace(s[i+1]) && s[i+1] != '-' {
			neg = true
			i++
			continue
		}
		if c == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			text := s[i+1:]
			if end >= 0 {
				text = s[i+1 : i+1+end]
				i += end + 2
			} else {
				notice("quote", `A quotation mark is not closed: the phrase runs to the end of the query.`, false)
				i = n
			}
			push(phraseAtom(tok.Terms(text), true), `"`+text+`"`)
			continue
		}
		j := i
		for j < n && !isQuerySpace(s[j]) && s[j] != '(' && s[j] != ')' {
			j++
		}
		run := s[i:j]
		if run == "OR" {
			units = append(units, queryUnit{or: true})
			i = j
			continue
		}
		if run == "NOT" {
			neg = true
			i = j
			continue
		}
		if field, value, ok := strings.Cut(run, ":"); ok && field != "" {
			lf := strings.ToLower(field)
			if isFilterField(lf) {
				quoted := strings.HasPrefix(value, `"`)
				if quoted {
					start := i + len(field) + 2
					end := strings.IndexByte(s[start:], '"')
					if end >= 0 {
						value = s[start : start+end]
						j = start + end + 1
					} else {
						notice("quote", `A quotation mark is not closed: the phrase runs to the end of the query.`, false)
						value = s[start:]
						j = n
					}
				}
				i = j
				value = strings.TrimSpace(value)
				if value == "" {
					neg = false
					continue
				}
				if msg := checkFilterValue(lf, value); msg != "" {
					notice("value", msg, true)
				}
				push(&Atom{Filter: &Filter{Field: lf, Value: value, Quoted: quoted}}, run)
				continue
			}
			if reFieldName.MatchString(field) && strings.TrimSpace(value) != "" {
				notice("field", `There is no field "`+field+`:". Fields: `+strings.Join(filterFields, ": ")+`:.`, true)
				i = j
				neg = false
				continue
			}
		}
		i = j
		prefix := strings.HasSuffix(run, "*")
		terms := tok.Terms(strings.TrimRight(run, "*"))
		switch {
		case len(terms) == 1 && prefix:
			push(&Atom{Word: &Word{Term: terms[0], Prefix: true}}, run)
		case len(terms) == 1:
			if j == n && !neg {
				lastWord = len(units)
			}
			push(phraseAtom(terms, false), run)
		case len(terms) > 1:
			push(phraseAtom(terms, false), run)
		default:
			neg = false
		}
	}
	if neg {
		notice("not", `An exclusion (- or NOT) needs a word, phrase or filter after it.`, false)
	}
	if parens {
		notice("parens", `Parentheses do not group: OR joins the word, phrase or filter on each side of it, and everything else must match.`, false)
	}
	if live && lastWord >= 0 {
		u := &units[lastWord]
		terms := tok.Terms(u.text)
		if len(terms) == 1 && utf8.RuneCountInString(terms[0]) >= 2 {
			if u.atom == nil {
				u.atom = &Atom{Word: &Word{Term: terms[0]}}
			}
			u.atom.Word.Prefix = true
		}
	}
	// Group the units joined by OR.
	var groups [][]queryUnit
	joinNext := false
	for k, u := range units {
		if u.or {
			if len(groups) == 0 || k+1 >= len(units) || units[k+1].or {
				notice("or", `OR needs a word, phrase or filter on each side.`, false)
				continue
			}
			joinNext = true
			continue
		}
		if joinNext {
			groups[len(groups)-1] = append(groups[len(groups)-1], u)
		} else {
			groups = append(groups, []queryUnit{u})
		}
		joinNext = false
	}
	for _, g := range groups {
		if len(g) == 1 {
			u := g[0]
			switch {
			case u.atom == nil:
			case u.neg:
				q.Not = append(q.Not, *u.atom)
			default:
				q.addAtom(*u.atom)
			}
			continue
		}
		var alts []Atom
		for _, u := range g {
			if u.neg {
				notice("ornot", `An exclusion cannot be a side of OR.`, true)
			}
			if u.atom != nil && !containsAtom(alts, *u.atom) {
				alts = append(alts, *u.atom)
			}
		}
		switch {
		case len(alts) == 1:
			q.addAtom(alts[0])
		case len(alts) > 1:
			q.Any = append(q.Any, alts)
		}
	}
	positive := len(q.Words) + len(q.Phrases) + len(q.Filters) + len(q.Any)
	if positive == 0 && len(q.Not) > 0 {
		notice("onlynot", `A query of exclusions alone matches nothing: add what to search for.`, true)
	}
	for _, a := range q.Not {
		if containsAtom(q.positives(), a) {
			notice("never", `The query excludes `+a.String()+` and asks for it: nothing can match.`, false)
		}
	}
	return q
}

// checkFilterValue returns what is wrong with a year: or date: value, ""
// when nothing is.
func checkFilterValue(field, v string) string {
	switch field {
	case "year":
		if v == ".." || !reYearValue.MatchString(v) {
			return `year: takes a year or a range of years: year:2006, year:2006..2008, year:..2005.`
		}
	case "date":
		a, b, isRange := strings.Cut(v, "..")
		ok := (a != "" || b != "") && (a == "" || validDate(a)) && (!isRange || b == "" || validDate(b))
		if !ok {
			return `date: takes a day, a month or a year, or a range of them: date:2006-03-15, date:2006-03..2006-06.`
		}
	}
	return ""
}

func validDate(s string) bool {
	m := reDateValue.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	if m[2] != "" {
		if mo, _ := strconv.Atoi(m[2]); mo < 1 || mo > 12 {
			return false
		}
	}
	if m[3] != "" {
		if d, _ := strconv.Atoi(m[3]); d < 1 || d > 31 {
			return false
		}
	}
	return true
}

func (q *Query) addAtom(a Atom) {
	switch {
	case a.Word != nil:
		q.Words = append(q.Words, *a.Word)
	case a.Phrase != nil:
		q.Phrases = append(q.Phrases, *a.Phrase)
	case a.Filter != nil:
		q.Filters = append(q.Filters, *a.Filter)
	}
}

// positives returns the words, phrases and filters that must all match,
// as atoms.
func (q *Query) positives() []Atom {
	var out []Atom
	for i := range q.Words {
		out = append(out, Atom{Word: &q.Words[i]})
	}
	for i := range q.Phrases {
		out = append(out, Atom{Phrase: &q.Phrases[i]})
	}
	for i := range q.Filters {
		out = append(out, Atom{Filter: &q.Filters[i]})
	}
	return out
}

func containsAtom(as []Atom, a Atom) bool {
	for _, b := range as {
		if b.String() == a.String() {
			return true
		}
	}
	return false
}

// String writes an atom as a query would: word, word*, "a phrase",
// field:value or field:"value".
func (a Atom) String() string {
	switch {
	case a.Word != nil:
		s := a.Word.Term
		if a.Word.Exact {
			s = `"` + s + `"`
		}
		if a.Word.Prefix {
			s += "*"
		}
		return s
	case a.Phrase != nil:
		return `"` + strings.Join(a.Phrase.Terms, " ") + `"`
	case a.Filter != nil:
		if a.Filter.Quoted {
			return a.Filter.Field + `:"` + a.Filter.Value + `"`
		}
		return a.Filter.Field + ":" + a.Filter.Value
	}
	return ""
}

// Canon writes a parsed query in one line, for tests that compare the Go
// parser with the client's (the harness writes the client's the same way).
func (q Query) Canon() string {
	var parts []string
	for _, a := range q.positives() {
		parts = append(parts, a.String())
	}
	for _, g := range q.Any {
		var alts []string
		for _, a := range g {
			alts = append(alts, a.String())
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	for _, a := range q.Not {
		parts = append(parts, "-"+a.String())
	}
	for _, n := range q.Notices {
		f := ""
		if n.Fatal {
			f = "!"
		}
		parts = append(parts, "["+f+n.Code+"]")
	}
	return strings.Join(parts, " ")
}
