package timeline

import (
	"iter"
	"maps"
	"slices"
	"time"
)

// Counts counts cables per month. It keeps one number per month that has
// cables, never the cables themselves, so a build can keep one Counts per
// term (every TAG, origin and classification) whatever the size of the
// collection. The zero value is an empty Counts ready to use. A Counts is
// not safe for concurrent use.
type Counts struct {
	months  map[Month]int // months with at least one cable
	total   int
	undated int
}

// Add counts one cable dated t. A zero t (a cable whose date could not be
// read) is counted as undated, in no month.
func (c *Counts) Add(t time.Time) {
	if t.IsZero() {
		c.undated++
		return
	}
	c.AddMonth(MonthOf(t), 1)
}

// Remove uncounts one cable dated t, as when a rebuild finds it deleted.
func (c *Counts) Remove(t time.Time) {
	if t.IsZero() {
		c.undated = max(c.undated-1, 0)
		return
	}
	c.AddMonth(MonthOf(t), -1)
}

// maxYear bounds the years a Counts keeps: beyond any time.Time (whose
// years stop near 292 billion), so that month arithmetic cannot overflow.
const maxYear = 1 << 40

// AddMonth adds n cables to month m; a negative n removes them. A month's
// count never drops below zero, and a month that falls to zero is
// forgotten, so that First, Last and the chart's span follow the cables.
// A month no date can fall in (a year beyond a trillion) is counted as
// undated.
func (c *Counts) AddMonth(m Month, n int) {
	if n == 0 {
		return
	}
	m = m.normal()
	if m.Year > maxYear || m.Year < -maxYear {
		c.undated = max(c.undated+n, 0)
		return
	}
	old := c.months[m]
	v := max(old+n, 0)
	c.total += v - old
	if v == 0 {
		delete(c.months, m)
		return
	}
	if c.months == nil {
		c.months = make(map[Month]int)
	}
	c.months[m] = v
}

// Merge adds every count of o to c: the collection's Counts is the merge
// of its parts'.
func (c *Counts) Merge(o *Counts) {
	for m, n := range o.months {
		c.AddMonth(m, n)
	}
	c.undated += o.undated
}

// Len returns the number of months with at least one cable.
func (c *Counts) Len() int { return len(c.months) }

// Total returns the number of dated cables counted.
func (c *Counts) Total() int { return c.total }

// Undated returns the number of cables counted without a date.
func (c *Counts) Undated() int { return c.undated }

// Get returns the number of cables in month m.
func (c *Counts) Get(m Month) int { return c.months[m.normal()] }

// First returns the earliest month with cables, or the zero Month when
// there is none.
func (c *Counts) First() Month {
	var first Month
	for m := range c.months {
		if first.IsZero() || m.Compare(first) < 0 {
			first = m
		}
	}
	return first
}

// Last returns the latest month with cables, or the zero Month when there
// is none.
func (c *Counts) Last() Month {
	var last Month
	for m := range c.months {
		if last.IsZero() || m.Compare(last) > 0 {
			last = m
		}
	}
	return last
}

// Span returns the number of months from First to Last, both counted,
// cables or not: the width of the timeline. It is 0 when c is empty.
func (c *Counts) Span() int {
	if len(c.months) == 0 {
		return 0
	}
	return c.Last().index() - c.First().index() + 1
}

// Max returns the busiest month and its count; of months with equal
// counts, the earliest. It returns the zero Month and 0 when c is empty.
func (c *Counts) Max() (Month, int) {
	var best Month
	n := 0
	for m, v := range c.months {
		if v > n || v == n && m.Compare(best) < 0 {
			best, n = m, v
		}
	}
	return best, n
}

// All returns the months with cables and their counts, in month order.
func (c *Counts) All() iter.Seq2[Month, int] {
	return func(yield func(Month, int) bool) {
		for _, m := range c.sorted() {
			if !yield(m, c.months[m]) {
				return
			}
		}
	}
}

// Each calls f for every month with cables, in month order. Months
// without cables are skipped; Span says how many there are.
func (c *Counts) Each(f func(Month, int)) {
	for m, n := range c.All() {
		f(m, n)
	}
}

// sorted returns the months with cables in order. Sorting on demand, a few
// hundred keys a chart, costs less than keeping a sorted structure up to
// date through every Add of a build.
func (c *Counts) sorted() []Month {
	return slices.SortedFunc(maps.Keys(c.months), Month.Compare)
}
