package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestVarint(t *testing.T) {
	if len(alphabet) != 92 || strings.ContainsAny(alphabet, "\"\\") {
		t.Fatalf("alphabet %q", alphabet)
	}
	for _, n := range []int{0, 1, 63, 64, 65, 91, 92, 1855, 1856, 1857, 52031, 52032, 1 << 20, 1<<31 - 1, 1 << 40} {
		b := appendVarint(nil, n)
		d := decoder{s: string(b)}
		if got := d.varint(); got != n || d.err != nil || d.more() {
			t.Errorf("%d: encoded %q, decoded %d (%v)", n, b, got, d.err)
		}
		want := 1
		for lim, m := terminal, terminal; n >= lim; want++ {
			m *= cont
			lim += m
		}
		if len(b) != want {
			t.Errorf("%d takes %d digits, want %d", n, len(b), want)
		}
	}
}

func FuzzVarint(f *testing.F) {
	f.Add(uint64(0), "!")
	f.Add(uint64(123456789), "~~~~~~~~~~~~~~~~~~")
	f.Fuzz(func(t *testing.T, n uint64, junk string) {
		n %= 1 << 45
		d := decoder{s: string(appendVarint(nil, int(n)))}
		if got := d.varint(); got != int(n) || d.err != nil {
			t.Fatalf("%d decoded as %d", n, got)
		}
		// Junk never panics.
		d = decoder{s: junk}
		for d.more() {
			d.varint()
		}
	})
}

func TestCompareJS(t *testing.T) {
	words := []string{"", "a", "ab", "b", "é", "\uE000", "\uFFFD", "\U0001F600", "\U0001D400", "z\U0001F600", "z\uFFFF", "Z"}
	for _, a := range words {
		for _, b := range words {
			ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
			want := slices.Compare(ua, ub)
			if got := compareJS(a, b); got != want {
				t.Errorf("compareJS(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// FuzzIndexPayloads feeds junk to the readers of the index's shards: they
// fail with an error, never a panic.
func FuzzIndexPayloads(f *testing.F) {
	f.Add("!!#!a#", 0)
	f.Add("#!$$abc#", 1)
	f.Fuzz(func(t *testing.T, payload string, index int) {
		parseDict(payload)
		if index >= 0 && index < 1<<20 {
			packList(payload, index)
		}
	})
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{`nuclear "prime minister" tag:PGOV origin:"Embassy Madrid" year:2006..2008 gov*`, `"`, `tag:"`, `:`, `a:b:c`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq := ParseQuery(q)
		for _, w := range pq.Words {
			if w.Term == "" {
				t.Fatalf("%q: empty word", q)
			}
		}
		for _, p := range pq.Phrases {
			if len(p.Terms) < 2 {
				t.Fatalf("%q: phrase of %d terms", q, len(p.Terms))
			}
		}
		for _, f := range pq.Filters {
			if !isFilterField(f.Field) || f.Value == "" {
				t.Fatalf("%q: filter %+v", q, f)
			}
		}
	})
}
