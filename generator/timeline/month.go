package timeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month: the unit a timeline counts by. It is
// comparable, so it serves as a map key. The zero value, year 0 month 0,
// is no month and reports IsZero.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month of t, read in t's own location (cable dates are
// in UTC, so their month is the one the date-time group names).
func MonthOf(t time.Time) Month {
	y, m, _ := t.Date()
	return Month{Year: y, Month: m}
}

// index numbers months consecutively, so that spans and gaps are
// subtractions. A Month outside January..December is counted from the
// year's January, so that Month{2007, 13} and Month{2008, 1} are one month.
func (m Month) index() int {
	return m.Year*12 + int(m.Month) - 1
}

// monthAt is the inverse of index.
func monthAt(i int) Month {
	y, r := i/12, i%12
	if r < 0 { // Go's division truncates; the calendar floors
		y, r = y-1, r+12
	}
	return Month{Year: y, Month: time.Month(r + 1)}
}

// normal returns m with its Month in January..December.
func (m Month) normal() Month {
	if m.Month >= time.January && m.Month <= time.December {
		return m
	}
	carry := floorDiv(int(m.Month)-1, 12) // without index, which could overflow
	return Month{Year: m.Year + carry, Month: m.Month - time.Month(carry*12)}
}

// IsZero reports whether m is the zero Month, which names no month.
func (m Month) IsZero() bool { return m == Month{} }

// AddMonths returns the month n months after m (before it when n < 0).
func (m Month) AddMonths(n int) Month { return monthAt(m.index() + n) }

// Compare returns -1, 0 or +1 as m is before, the same as, or after o.
func (m Month) Compare(o Month) int {
	a, b := m.index(), o.index()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Time returns the first instant of m in UTC.
func (m Month) Time() time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC)
}

// String returns m as "2007-09", the form ParseMonth reads.
func (m Month) String() string {
	m = m.normal()
	if m.Year < 0 {
		return fmt.Sprintf("-%04d-%02d", -m.Year, int(m.Month))
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// Name returns m as a reader says it: "September 2007".
func (m Month) Name() string {
	m = m.normal()
	return m.Month.String() + " " + strconv.Itoa(m.Year)
}

// ErrMonth is wrapped by the errors of ParseMonth.
var ErrMonth = errors.New("not a month")

// ParseMonth reads a month written as String writes it: "2007-09", four
// or more digits of year (with an optional minus sign), a hyphen, two
// digits of month.
func ParseMonth(s string) (Month, error) {
	i := strings.LastIndexByte(s, '-')
	if i <= 0 || len(s)-i != 3 {
		return Month{}, fmt.Errorf("timeline: %q: %w (want YYYY-MM)", s, ErrMonth)
	}
	ys, ms := s[:i], s[i+1:]
	digits := strings.TrimPrefix(ys, "-")
	if len(digits) < 4 || !allDigits(digits) || !allDigits(ms) {
		return Month{}, fmt.Errorf("timeline: %q: %w (want YYYY-MM)", s, ErrMonth)
	}
	y, err := strconv.Atoi(ys)
	if err != nil {
		return Month{}, fmt.Errorf("timeline: %q: %w: year out of range", s, ErrMonth)
	}
	mo, _ := strconv.Atoi(ms)
	if mo < 1 || mo > 12 {
		return Month{}, fmt.Errorf("timeline: %q: %w: month %d is not 01 to 12", s, ErrMonth, mo)
	}
	return Month{Year: y, Month: time.Month(mo)}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MarshalText writes m as String does, so that a Month is a readable JSON
// value and map key.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a month written by MarshalText.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
