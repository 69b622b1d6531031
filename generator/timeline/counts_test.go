package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		add     []time.Time
		each    string // "2007-09=2 ..." in month order
		total   int
		undated int
		first   Month
		last    Month
		span    int
		max     Month
		maxN    int
	}{
		{name: "empty", each: ""},
		{
			name:  "single month",
			add:   []time.Time{date(2007, 9, 7), date(2007, 9, 30), date(2007, 9, 1)},
			each:  "2007-09=3",
			total: 3, first: Month{2007, 9}, last: Month{2007, 9}, span: 1, max: Month{2007, 9}, maxN: 3,
		},
		{
			name:  "gaps are not listed",
			add:   []time.Time{date(2007, 1, 1), date(2007, 4, 1), date(2007, 4, 2)},
			each:  "2007-01=1 2007-04=2",
			total: 3, first: Month{2007, 1}, last: Month{2007, 4}, span: 4, max: Month{2007, 4}, maxN: 2,
		},
		{
			name:  "span across years, added out of order",
			add:   []time.Time{date(2010, 2, 28), date(1966, 12, 1), date(2006, 12, 31), date(2007, 1, 1)},
			each:  "1966-12=1 2006-12=1 2007-01=1 2010-02=1",
			total: 4, first: Month{1966, 12}, last: Month{2010, 2}, span: 519, max: Month{1966, 12}, maxN: 1,
		},
		{
			name:  "undated cables are in no month",
			add:   []time.Time{{}, date(2008, 5, 5), {}},
			each:  "2008-05=1",
			total: 1, undated: 2, first: Month{2008, 5}, last: Month{2008, 5}, span: 1, max: Month{2008, 5}, maxN: 1,
		},
		{
			name: "the month is the date's own, not UTC's",
			add: []time.Time{
				time.Date(2007, 9, 30, 23, 0, 0, 0, time.FixedZone("EDT", -4*3600)), // October in UTC
			},
			each:  "2007-09=1",
			total: 1, first: Month{2007, 9}, last: Month{2007, 9}, span: 1, max: Month{2007, 9}, maxN: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counts
			for _, d := range tc.add {
				c.Add(d)
			}
			var each []string
			c.Each(func(m Month, n int) { each = append(each, fmt.Sprintf("%v=%d", m, n)) })
			if got := strings.Join(each, " "); got != tc.each {
				t.Errorf("Each: %q, want %q", got, tc.each)
			}
			if c.Len() != len(each) {
				t.Errorf("Len %d, want %d", c.Len(), len(each))
			}
			if c.Total() != tc.total || c.Undated() != tc.undated {
				t.Errorf("Total %d Undated %d, want %d and %d", c.Total(), c.Undated(), tc.total, tc.undated)
			}
			if c.First() != tc.first || c.Last() != tc.last || c.Span() != tc.span {
				t.Errorf("First %v Last %v Span %d, want %v %v %d", c.First(), c.Last(), c.Span(), tc.first, tc.last, tc.span)
			}
			if m, n := c.Max(); m != tc.max || n != tc.maxN {
				t.Errorf("Max %v %d, want %v %d", m, n, tc.max, tc.maxN)
			}
		})
	}
}

func TestCountsAddMonth(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ops   func(*Counts)
		each  string
		total int
	}{
		{"negative removes", func(c *Counts) { c.AddMonth(Month{2007, 9}, 5); c.AddMonth(Month{2007, 9}, -2) }, "2007-09=3", 3},
		{"never below zero", func(c *Counts) { c.AddMonth(Month{2007, 9}, 1); c.AddMonth(Month{2007, 9}, -5) }, "", 0},
		{"zero forgets the month", func(c *Counts) {
			c.AddMonth(Month{2001, 1}, 1)
			c.AddMonth(Month{2007, 9}, 2)
			c.AddMonth(Month{2001, 1}, -1)
		}, "2007-09=2", 2},
		{"remove by date", func(c *Counts) {
			c.Add(date(2007, 9, 1))
			c.Add(date(2007, 9, 2))
			c.Remove(date(2007, 9, 3))
			c.Remove(time.Time{}) // no undated cable to remove
		}, "2007-09=1", 1},
		{"month 13 is next January", func(c *Counts) { c.AddMonth(Month{2007, 13}, 1); c.AddMonth(Month{2008, 0}, 1) }, "2007-12=1 2008-01=1", 2},
		{"years beyond any date are undated", func(c *Counts) { c.AddMonth(Month{1 << 50, 1}, 3) }, "", 0},
		{"merge", func(c *Counts) {
			var o Counts
			o.AddMonth(Month{2007, 9}, 2)
			o.Add(time.Time{})
			c.AddMonth(Month{2007, 9}, 1)
			c.AddMonth(Month{2006, 1}, 1)
			c.Merge(&o)
		}, "2006-01=1 2007-09=3", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Counts
			tc.ops(&c)
			var each []string
			for m, n := range c.All() {
				each = append(each, fmt.Sprintf("%v=%d", m, n))
			}
			if got := strings.Join(each, " "); got != tc.each {
				t.Errorf("All: %q, want %q", got, tc.each)
			}
			if c.Total() != tc.total {
				t.Errorf("Total %d, want %d", c.Total(), tc.total)
			}
		})
	}
}

func TestCountsAllStops(t *testing.T) {
	c := cablegate()
	n := 0
	for range c.All() {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("ranged %d months, want 3", n)
	}
}

// TestCountsKeepsMonths checks that a Counts grows with the months, not
// with the cables: counting one more cable in a month already counted
// allocates nothing.
func TestCountsKeepsMonths(t *testing.T) {
	var c Counts
	for i := range 250_000 {
		c.Add(date(2003+i%8, time.Month(1+(i/8)%12), 1+i%28))
	}
	if c.Len() != 8*12 || c.Total() != 250_000 {
		t.Fatalf("Len %d Total %d, want 96 and 250000", c.Len(), c.Total())
	}
	d := date(2005, 6, 1)
	if allocs := testing.AllocsPerRun(1000, func() { c.Add(d) }); allocs != 0 {
		t.Errorf("Add allocates %v times a cable, want 0", allocs)
	}
}
