package cable

import (
	"regexp"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"JAN": time.January, "FEB": time.February, "MAR": time.March, "APR": time.April,
	"MAY": time.May, "JUN": time.June, "JUL": time.July, "AUG": time.August,
	"SEP": time.September, "OCT": time.October, "NOV": time.November, "DEC": time.December,
}

// validDate reports whether y-m-d is a day of the calendar.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// parseDTG reads a date-time group, "072147Z SEP 07", as a time in UTC.
func parseDTG(s string) (time.Time, bool) {
	m := reDTG.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	d, hh, mm := atoi(m[1]), atoi(m[2]), atoi(m[3])
	mon, ok := months[strings.ToUpper(m[4])]
	y := fullYear(atoi(m[5]), len(m[5]))
	if !ok || hh > 24 || mm > 59 || !validDate(y, int(mon), d) {
		return time.Time{}, false
	}
	return time.Date(y, mon, d, hh, mm, 0, 0, time.UTC), true
}

// dtgYear returns the year of a date-time group whose day, hour or month
// is impossible ("321299Z FOO 07" is of 2007), or 0.
func dtgYear(s string) int {
	m := reDTG.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	return fullYear(atoi(m[5]), len(m[5]))
}

// metaLayouts are the ways sources write a cable's creation time:
// Cablegate pages, cables.csv, and the dumps some pages hold.
var metaLayouts = []string{
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	"1/2/2006 15:04",
	"1/2/2006 15:04:05",
	"2006-01-02",
	"1/2/2006",
	time.RFC3339,
}

// parseMetaDate reads Meta.Created in any of the sources' layouts, in UTC.
// 0001-01-01, the zero date of databases (and of Go), is no date.
func parseMetaDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range metaLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			if y, m, d := t.Date(); y < 1 || y == 1 && m == time.January && d == 1 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// reDateline matches the dateline that some releases put at the top of the
// body: "Tuesday, 17 October 2006, 06:20".
var reDateline = regexp.MustCompile(`^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4}),\s+(\d{1,2}):(\d\d)\b`)

// parseDateline reads a dateline as a time in UTC.
func parseDateline(l string) (time.Time, bool) {
	m := reDateline.FindStringSubmatch(l)
	if m == nil {
		return time.Time{}, false
	}
	mon := months[strings.ToUpper(m[2][:3])]
	y, d, hh, mm := atoi(m[3]), atoi(m[1]), atoi(m[4]), atoi(m[5])
	if !validDate(y, int(mon), d) || hh > 24 || mm > 59 {
		return time.Time{}, false
	}
	return time.Date(y, mon, d, hh, mm, 0, 0, time.UTC), true
}

// sameDay reports whether a and b fall on the same day in UTC.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

// reYear finds the years a text mentions, for guessing the year of a cable
// that states none.
var reYear = regexp.MustCompile(`\b(19[6-9]\d|20[0-2]\d)\b`)

// Cables in the collections run from 1966 to 2010; a guessed year outside
// this span is no guess.
const (
	firstYear = 1966
	lastYear  = 2011
)

// guessYear guesses the year of a cable without a date from its
// declassification date, which is most often ten years after the cable,
// and the years its text mentions. It returns 0 when there is nothing to
// go on.
func guessYear(text string, declYear int) int {
	count := map[int]int{}
	for _, m := range reYear.FindAllString(text, 500) {
		y := atoi(m)
		if y >= firstYear && y <= lastYear && (declYear == 0 || y < declYear) {
			count[y]++
		}
	}
	c := declYear - 10
	if declYear > 0 && c >= firstYear && c <= lastYear {
		// Trust the declassification date unless the text keeps coming
		// back to a later year before it: the cable was then marked for
		// a shorter term.
		later := false
		for y, n := range count {
			if y >= c+2 && n >= 3 {
				later = true
			}
		}
		if !later {
			return c
		}
	}
	best, bestN := 0, 0
	for y, n := range count {
		if n > bestN || n == bestN && y > best {
			best, bestN = y, n
		}
	}
	return best
}

// reWeekdayDate finds a weekday written with its date, "Saturday, July 9"
// or "Thursday, 21 February".
var reWeekdayDate = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})\b|(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b)`)

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// weekdaysFit reports whether every weekday the text gives with a date
// ("Saturday, July 9") falls on that date in year y; ok is false when the
// text gives none.
func weekdaysFit(ms [][]string, y int) bool {
	for _, m := range ms {
		mon, day := m[2], m[3]
		if mon == "" {
			mon, day = m[5], m[4]
		}
		d := atoi(day)
		mo := months[strings.ToUpper(mon[:3])]
		if !validDate(y, int(mo), d) || time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Weekday() != weekdays[m[1]] {
			return false
		}
	}
	return true
}

// weekdayCheck returns the year to use instead of y, a guess for a cable
// without a date, when the weekdays the text gives with its dates do not
// fit y: the declassification date less another usual term, else the
// nearest year within [lo, hi] that fits them. It returns y when they fit
// it, when the text gives none, or when no year fits.
func weekdayCheck(text string, y, declYear, lo, hi int) int {
	ms := reWeekdayDate.FindAllStringSubmatch(text, 5)
	if len(ms) == 0 || weekdaysFit(ms, y) {
		return y
	}
	if declYear > 0 {
		for _, term := range [...]int{10, 5, 25, 20, 15} {
			if c := declYear - term; c >= lo && c <= hi && weekdaysFit(ms, c) {
				return c
			}
		}
	}
	for d := 1; d <= 2; d++ {
		for _, c := range [...]int{y + d, y - d} {
			if c >= lo && c <= hi && (declYear == 0 || c < declYear) && weekdaysFit(ms, c) {
				return c
			}
		}
	}
	return y
}

// weekdayYear guesses the year of a text that names no year from the
// weekdays it gives with its dates: the latest year of the collections in
// which every such date falls on its weekday. Cables cite the days around
// them, and most cables are from the last decade of the span.
func weekdayYear(text string) int {
	ms := reWeekdayDate.FindAllStringSubmatch(text, 5)
	if len(ms) == 0 {
		return 0
	}
	for y := lastYear - 1; y >= firstYear; y-- {
		if weekdaysFit(ms, y) {
			return y
		}
	}
	return 0
}
