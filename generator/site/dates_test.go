package site_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
)

// datedCable is a cable whose front matter's date line is date, as a
// person may write it; a second cable, of 2007, keeps the site's span
// wide.
func datedSite(date string) fstest.MapFS {
	file := func(id, date string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`---
title: "EDGE"
date: ` + date + `
id: "` + id + `"
origin: "Embassy Paris"
classification: "SECRET"
tags: ["PGOV"]
subject: "AT THE EDGE OF THE CALENDAR"
---

¶1. (S) THE CALENDAR HAS EDGES.
`), Mode: 0o644}
	}
	return fstest.MapFS{
		"cables/2007/09/07PARIS1.md": file("07PARIS1", "2007-09-07T21:47:00Z"),
		"cables/edge/EDGE.md":        file("EDGE", date),
	}
}

// checkDated builds the site of datedSite(date) with its search index.
// want is the cable's date in UTC, or the zero time when the file must
// be reported and skipped. Either way the build succeeds and the other
// cable builds.
func checkDated(t *testing.T, date string, want time.Time) {
	t.Helper()
	var warnings []string
	out, sum := buildSite(t, datedSite(date), func(cfg *site.Config) {
		cfg.Search = search.NewBuilder(search.Config{Workers: 1})
		cfg.BaseURL = "https://example.org/"
		cfg.Warn = func(msg string) { warnings = append(warnings, msg) }
	})
	out.file(t, "cable/2007/09/07PARIS1.html")
	if want.IsZero() {
		if sum.Skipped != 1 || sum.Cables != 1 || len(warnings) != 1 ||
			!regexp.MustCompile(`^content/cables/edge/EDGE\.md:3: date: `).MatchString(warnings[0]) {
			t.Fatalf("date: %s: %+v, warnings %q; want the file reported at its line 3 and skipped", date, sum, warnings)
		}
		return
	}
	if sum.Skipped != 0 || sum.Cables != 2 || len(warnings) != 0 {
		t.Fatalf("date: %s: %+v, warnings %q; want both cables built", date, sum, warnings)
	}
	ym := want.Format("2006/01")
	page := out.file(t, "cable/"+ym+"/EDGE.html")
	if iso := want.Format(time.RFC3339); !strings.Contains(page, `datetime="`+iso+`"`) {
		t.Errorf("date: %s: the page does not show %s", date, iso)
	}
	month := out.file(t, "date/"+ym+"/index.html")
	if !strings.Contains(month, `EDGE.html"`) {
		t.Errorf("date/%s/index.html does not list the cable", ym)
	}
	if !strings.Contains(out.file(t, "date/"+want.Format("2006")+"/index.html"), want.Format("2006/01")[5:]) {
		t.Errorf("date/%s/index.html does not link its month", want.Format("2006"))
	}
	if !strings.Contains(out.file(t, "date/index.html"), want.Format("2006")+"/index.html") {
		t.Errorf("date/index.html does not link the year %s", want.Format("2006"))
	}
	// The home page's chart links the month, the feeds and the sitemap
	// hold the cable.
	if !strings.Contains(out.file(t, "index.html"), `href="date/`+ym+`/index.html"`) {
		t.Errorf("the home page's chart has no bar for %s", ym)
	}
	if !strings.Contains(out.file(t, "tag/pgov/feed.xml"), "<updated>"+want.Format(time.RFC3339)+"</updated>") {
		t.Errorf("tag/pgov/feed.xml has no entry updated %s", want.Format(time.RFC3339))
	}
	if !strings.Contains(out.file(t, "sitemap.xml"), "cable/"+ym+"/EDGE.html") {
		t.Errorf("the sitemap lacks the cable")
	}
	// The search index gives the cable's day (days since 0001-01-01);
	// that its date and year filters find it is the search package's
	// TestDatesAtTheEdges.
	if got, wantDay := indexedDay(t, out, "EDGE"), int((want.Unix()-time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix())/86400); got != wantDay {
		t.Errorf("date: %s: the search index has the cable on day %d, want %d", date, got, wantDay)
	}
}

// indexedDay returns the day number the search index's hits give the
// cable id, from the rows of search/d/ ([id, day, ...]).
func indexedDay(t *testing.T, out *memSite, id string) int {
	t.Helper()
	for name, data := range out.files {
		if !strings.HasPrefix(name, "search/d/") {
			continue
		}
		js := strings.TrimSpace(string(data))
		_, payload, ok := strings.Cut(js, `",`)
		if !ok || !strings.HasSuffix(payload, ");") {
			t.Fatalf("%s: not a shard: %.60q", name, js)
		}
		var rows [][]any
		if err := json.Unmarshal([]byte(strings.TrimSuffix(payload, ");")), &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rows {
			if r[0] == id {
				return int(r[1].(float64))
			}
		}
	}
	t.Fatalf("the search index has no hit for %s", id)
	return 0
}

// Every date of years 1 to 9999 in UTC builds: the cable's page, the date
// pages with a four-digit year, the charts, the feeds, the sitemap and
// the search index (which panicked before 1900). A date outside those
// years in UTC, or the zero time, is reported at its line and skipped.
func TestBuildDates(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	for _, tc := range []struct {
		date string
		want time.Time // zero: reported and skipped
	}{
		{"1899-12-31T00:00:00Z", utc(1899, 12, 31, 0, 0, 0)},
		{"1900-01-01T00:00:00+14:00", utc(1899, 12, 31, 10, 0, 0)},
		{`"1899-12-31 10:00"`, utc(1899, 12, 31, 10, 0, 0)},
		{"1900-01-01T00:00:00Z", utc(1900, 1, 1, 0, 0, 0)},
		{"1860-02-29T08:00:00Z", utc(1860, 2, 29, 8, 0, 0)},
		{"1861-03-04", utc(1861, 3, 4, 0, 0, 0)},
		{"2000-02-29T12:00:00Z", utc(2000, 2, 29, 12, 0, 0)},
		{"0001-01-01T00:00:01Z", utc(1, 1, 1, 0, 0, 1)},
		{"0001-01-01T10:00:00+09:00", utc(1, 1, 1, 1, 0, 0)},
		{"0050-06-15T00:00:00Z", utc(50, 6, 15, 0, 0, 0)},
		{"0004-02-29T00:00:00Z", utc(4, 2, 29, 0, 0, 0)},
		{"9999-12-31T23:59:59Z", utc(9999, 12, 31, 23, 59, 59)},
		{"9999-12-31T23:00:00+05:00", utc(9999, 12, 31, 18, 0, 0)},

		{"0001-01-01T00:00:00Z", time.Time{}}, // the zero time stands for no date
		{"0001-01-01", time.Time{}},
		{"0001-01-01T05:00:00+14:00", time.Time{}}, // year 0 in UTC
		{"0000-06-01T00:00:00Z", time.Time{}},
		{"9999-12-31T23:00:00-05:00", time.Time{}}, // year 10000 in UTC
		{"1900-02-29", time.Time{}},                // 1900 is no leap year
		{"10000-01-01T00:00:00Z", time.Time{}},
	} {
		t.Run(tc.date, func(t *testing.T) { checkDated(t, tc.date, tc.want) })
	}
}

// dateLayouts are ways a person may write a date in front matter.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", `"2006-01-02 15:04"`, "2006-01-02"}

// FuzzBuildDates builds a site whose cable has a front matter date of any
// year, month, day, time and zone written any of those ways: the build
// succeeds, and the cable is built on its day in UTC when time.Parse reads
// the date in years 1 to 9999 (and it is not the zero time), else
// reported at its line and skipped.
func FuzzBuildDates(f *testing.F) {
	f.Add(1899, 12, 31, 0, 0, 0, 0, uint8(0))
	f.Add(1900, 1, 1, 0, 0, 0, 14*60, uint8(0))
	f.Add(1, 1, 1, 0, 0, 0, 0, uint8(0))
	f.Add(1, 1, 1, 5, 0, 0, 14*60, uint8(0))
	f.Add(9999, 12, 31, 23, 0, 0, -5*60, uint8(0))
	f.Add(1860, 2, 29, 8, 0, 0, 0, uint8(3))
	f.Add(2007, 9, 7, 21, 47, 0, 0, uint8(1))
	f.Fuzz(func(t *testing.T, year, month, day, hour, minute, second, offset int, layout uint8) {
		year, month, day = mod(year, 10001), 1+mod(month, 12), 1+mod(day, 31)
		hour, minute, second, offset = mod(hour, 24), mod(minute, 60), mod(second, 60), offset%(24*60)
		l := dateLayouts[int(layout)%len(dateLayouts)]
		if l != time.RFC3339Nano {
			offset = 0
		}
		text := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s", year, month, day, hour, minute, second, zoneText(offset))
		switch l {
		case dateLayouts[1]:
			text = text[:19]
		case dateLayouts[2]:
			text = `"` + text[:10] + " " + text[11:16] + `"`
		case dateLayouts[3]:
			text = text[:10]
		}
		parsed, err := time.Parse(strings.Trim(l, `"`), strings.Trim(text, `"`))
		want := parsed.UTC()
		if err != nil || want.IsZero() || want.Year() < 1 || want.Year() > 9999 {
			want = time.Time{}
		}
		checkDated(t, text, want)
	})
}

// mod is n modulo m, from 0 to m-1 whatever n's sign.
func mod(n, m int) int { return (n%m + m) % m }

// zoneText writes an offset in minutes as RFC 3339 does: Z, +14:00.
func zoneText(offset int) string {
	if offset == 0 {
		return "Z"
	}
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("%c%02d:%02d", sign, offset/60, offset%60)
}
