package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"
)

// funcs returns the functions templates can call, besides html/template's
// own:
//
//	partialCached "header" . .Root .Section
//	                    the template "header" executed with the page,
//	                    once per distinct keys (see Templates.partialCached)
//	num 1234            "1,234"
//	date t              "2007-09-07" (UTC)
//	datetime t          "2007-09-07 21:47 UTC"
//	isodate t           "2007-09-07T21:47:00Z", for <time datetime>
//	monthname t         "September 2007"
//	join list ", "      strings.Join
//
// Every value they return is plain text, escaped by html/template where it
// is used.
func (t *Templates) funcs() template.FuncMap {
	return template.FuncMap{
		"partialCached": t.partialCached,
		"num":           Num,
		"date":          func(t time.Time) string { return t.UTC().Format("2006-01-02") },
		"datetime":      func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"isodate":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"monthname":     func(t time.Time) string { return t.UTC().Format("January 2006") },
		"join":          strings.Join,
	}
}

// Num formats n with a comma between groups of three digits: "251,287".
func Num(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(s[:first])
	for i := first; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
