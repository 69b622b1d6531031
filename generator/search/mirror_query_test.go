package search

import "strings"

// Query is a parsed query: what the client's parser gives too (see doc.go
// for the syntax).
type Query struct {
	Words   []Word   // every one must match
	Phrases []Phrase // every one must match
	Filters []Filter // every one must match
}

// Word is one search term; with Prefix, any term starting with it.
type Word struct {
	Term   string
	Prefix bool
	Offset int // in a phrase: the term's place in it
}

// Phrase is a run of terms that must appear in that order, side by side.
type Phrase struct {
	Terms []string
}

// Filter is a field:value condition: tag, origin, class or year.
type Filter struct {
	Field  string // lower case
	Value  string // as written, without quotes
	Quoted bool   // the value was quoted: an exact name, where one matches
}

// filterFields are the fields a filter can name.
var filterFields = map[string]bool{"tag": true, "origin": true, "class": true, "year": true, "date": true}

// ParseQuery parses a query as the client does: words (a trailing * makes
// a prefix), "quoted phrases", and filters field:value or
// field:"quoted value". A word that the tokenizer splits ("U.S.-led",
// "20,000") is a phrase; stop words and single letters are dropped
// outside phrases.
func ParseQuery(s string) Query {
	var q Query
	var tok Tokenizer
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' {
			i++
			continue
		}
		if s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			text := s[i+1:]
			if end >= 0 {
				text = s[i+1 : i+1+end]
				i += end + 2
			} else {
				i = len(s)
			}
			q.addPhrase(tok.Terms(text))
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' {
			j++
		}
		run := s[i:j]
		if field, value, ok := strings.Cut(run, ":"); ok && filterFields[strings.ToLower(field)] {
			quoted := strings.HasPrefix(value, "\"")
			if quoted {
				start := i + len(field) + 2
				end := strings.IndexByte(s[start:], '"')
				if end >= 0 {
					value = s[start : start+end]
					j = start + end + 1
				} else {
					value = s[start:]
					j = len(s)
				}
			}
			if value = strings.TrimSpace(value); value != "" {
				q.Filters = append(q.Filters, Filter{Field: strings.ToLower(field), Value: value, Quoted: quoted})
			}
			i = j
			continue
		}
		i = j
		prefix := strings.HasSuffix(run, "*")
		terms := tok.Terms(strings.TrimRight(run, "*"))
		switch {
		case len(terms) == 1 && prefix:
			q.Words = append(q.Words, Word{Term: terms[0], Prefix: true})
		case len(terms) == 1:
			if indexable([]byte(terms[0])) {
				q.Words = append(q.Words, Word{Term: terms[0]})
			}
		case len(terms) > 1:
			q.addPhrase(terms)
		}
	}
	return q
}

func (q *Query) addPhrase(terms []string) {
	switch {
	case len(terms) == 1:
		if indexable([]byte(terms[0])) {
			q.Words = append(q.Words, Word{Term: terms[0]})
		}
	case len(terms) > 1:
		q.Phrases = append(q.Phrases, Phrase{Terms: terms})
	}
}
