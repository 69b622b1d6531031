package timeline_test

import (
	"fmt"
	"os"
	"time"

	"github.com/cablesite/cablesite/generator/timeline"
)

func ExampleCounts() {
	var c timeline.Counts
	for _, d := range []string{"2007-09-07", "2007-09-30", "2007-12-01", "2006-02-14"} {
		t, _ := time.Parse(time.DateOnly, d)
		c.Add(t)
	}
	c.Add(time.Time{}) // a cable whose date could not be read

	c.Each(func(m timeline.Month, n int) { fmt.Println(m, n) })
	busiest, n := c.Max()
	fmt.Printf("%d dated, %d undated, %d months from %v to %v; busiest %s (%d)\n",
		c.Total(), c.Undated(), c.Span(), c.First(), c.Last(), busiest.Name(), n)
	// Output:
	// 2006-02 1
	// 2007-09 2
	// 2007-12 1
	// 4 dated, 1 undated, 23 months from 2006-02 to 2007-12; busiest September 2007 (2)
}

func ExampleWriteChart() {
	var c timeline.Counts
	c.AddMonth(timeline.Month{Year: 2007, Month: time.September}, 1234)
	err := timeline.WriteChart(os.Stdout, &c, timeline.ChartConfig{
		Title: "Cables tagged PGOV",
		ID:    "tag-PGOV",
		Link: func(m timeline.Month) string {
			return fmt.Sprintf("../../date/%d/%02d/index.html", m.Year, int(m.Month))
		},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 720 160" width="720" height="160" role="group" aria-labelledby="tag-PGOV-title" aria-describedby="tag-PGOV-desc" font-size="10" fill="currentColor">
	// <title id="tag-PGOV-title">Cables tagged PGOV</title>
	// <desc id="tag-PGOV-desc">1,234 cables, all in September 2007.</desc>
	// <text class="label caption" x="38" y="12">Cables per month</text>
	// <path class="axis" fill="none" stroke="currentColor" d="M37.5 18V142.5H712"/>
	// <text class="label" text-anchor="end" x="34" y="25">1,234</text>
	// <text class="label" text-anchor="end" x="34" y="142">0</text>
	// <a href="../../date/2007/09/index.html"><title>September 2007: 1,234 cables</title><rect class="hit" fill="transparent" x="359" y="18" width="32" height="124"/><rect class="bar" x="362.2" y="18" width="25.6" height="124"/></a>
	// <path class="tick" fill="none" stroke="currentColor" d="M359 143v4"/>
	// <text class="label" x="361" y="156">Sep 2007</text>
	// </svg>
}

func ExampleSortEvents() {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	thread := []timeline.Event{
		{ID: "07STATE126086", Date: day("2007-09-07"), URL: "07STATE126086.html", Label: "this cable"},
		{ID: "05STATE1234", Label: "STATE 1234 (not in the collection)"},
		{ID: "07MADRID88", Date: day("2007-01-19"), URL: "../01/07MADRID88.html", Label: "referenced"},
	}
	timeline.SortEvents(thread)
	for _, e := range thread {
		fmt.Println(e.ID, e.Label)
	}
	// Output:
	// 07MADRID88 referenced
	// 07STATE126086 this cable
	// 05STATE1234 STATE 1234 (not in the collection)
}
