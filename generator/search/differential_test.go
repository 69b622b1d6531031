package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDifferential runs 1,000 random queries (seed kept below) of every
// form the language has, over 2,000 generated cables, through the Go
// mirror and the client in Node: both must give the same documents.
// Under -short, the first 150 of them.
func TestDifferential(t *testing.T) {
	docs := differentialDocs(2000)
	files, _ := buildIndex(t, docs, Config{})
	queries := randomQueries(rand.New(rand.NewPCG(2026, 15)), docs, 1000)
	if testing.Short() {
		queries = queries[:150]
	}
	agreeWithClient(t, files, queries)
}

// differentialDocs are testDocs with other forms of some words (exports,
// exported, exporting...), so that stem classes have several terms, and
// derived forms (ministership, fraudulent: forms.go) in rows of forms.
func differentialDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(5, 15))
	suffixes := []string{"s", "ed", "ing", "er", "ly", "ation", "ship", "ulent"}
	docs := testDocs(n)
	for i := range docs {
		words := strings.Fields(docs[i].Body)
		for k, w := range words {
			if r.IntN(5) == 0 && !strings.HasSuffix(w, ".") {
				words[k] = w + strings.ToUpper(suffixes[r.IntN(len(suffixes))])
			}
		}
		docs[i].Body = strings.Join(words, " ")
	}
	return docs
}

// randomQueries writes n queries from the documents' own words, names
// and values: words, forms, prefixes, quoted words, phrases, each filter,
// OR groups and exclusions, and now and then something wrong.
func randomQueries(r *rand.Rand, docs []Doc, n int) []string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	doc := func() Doc { return docs[r.IntN(len(docs))] }
	var atom func(depth int) string
	atom = func(depth int) string {
		switch k := r.IntN(20); {
		case k < 5:
			return pick(testWords)
		case k < 7:
			return pick(testWords) + pick([]string{"s", "ed", "ing", "er", "ship", "ulent"})
		case k < 8:
			w := pick(testWords)
			return w[:min(len(w), 2+r.IntN(3))] + "*"
		case k < 9:
			return `"` + pick(testWords) + `"`
		case k < 11:
			ws := strings.Fields(doc().Body)
			i := r.IntN(max(1, len(ws)-2))
			return `"` + strings.Join(ws[i:min(len(ws), i+2+r.IntN(2))], " ") + `"`
		case k < 12:
			return "tag:" + pick(testTags)
		case k < 13:
			if r.IntN(2) == 0 {
				return `origin:"` + pick(testOrigins) + `"`
			}
			return "origin:" + strings.Fields(pick(testOrigins))[0]
		case k < 14:
			c := pick(testClasses)
			if r.IntN(2) == 0 {
				return `class:"` + c + `"`
			}
			return "class:" + strings.ToLower(strings.Split(c, "//")[0])
		case k < 15:
			y := 2003 + r.IntN(8)
			switch r.IntN(4) {
			case 0:
				return fmt.Sprintf("year:%d", y)
			case 1:
				return fmt.Sprintf("date:%d-%02d..%d-%02d", y, 1+r.IntN(12), y+r.IntN(2), 1+r.IntN(12))
			case 2:
				return fmt.Sprintf("date:%d-%02d-%02d..%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28), y, 1+r.IntN(12), 1+r.IntN(28))
			}
			return fmt.Sprintf("year:..%d", y)
		case k < 17:
			d := doc()
			switch r.IntN(5) {
			case 0:
				if len(d.To) > 0 {
					return `to:"` + d.To[0] + `"`
				}
				return "to:bogota"
			case 1:
				return "to:" + pick([]string{"bogota", "ruehb*", "amembassy", "the", "madrid", "usnato"})
			case 2:
				return pick([]string{"from:secstate", `from:"AMEMBASSY MADRID"`, "from:amem*"})
			case 3:
				return pick([]string{"signer:rice", "signer:o'neill", "signer:mc*", `signer:"<b>ESC</b>"`})
			}
			return "subject:" + pick(testWords)
		case k < 18:
			d := doc()
			if len(d.References) > 0 {
				return "ref:" + d.References[0]
			}
			return "ref:" + d.ID
		case k < 19 && depth == 0:
			parts := []string{atom(1), atom(1)}
			if r.IntN(3) == 0 {
				parts = append(parts, atom(1))
			}
			return strings.Join(parts, " OR ")
		}
		return pick([]string{"the", "U.S.-led", "07STATE126086", "note:x", `"unclosed`, "year:20x", "(iran", "OR", "-", "iran)"})
	}
	out := make([]string, n)
	for i := range out {
		var parts []string
		for range 1 + r.IntN(3) {
			parts = append(parts, atom(0))
		}
		for range r.IntN(2) {
			a := atom(1)
			if r.IntN(2) == 0 {
				parts = append(parts, "-"+a)
			} else {
				parts = append(parts, "NOT "+a)
			}
		}
		r.Shuffle(len(parts), func(a, b int) { parts[a], parts[b] = parts[b], parts[a] })
		out[i] = strings.Join(parts, " ")
	}
	return out
}
