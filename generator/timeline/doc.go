// Package timeline places cables in time: it counts them per month, draws
// the counts as an SVG bar chart, and orders the thread of a cable (the
// cables it references and those that cite it) by date.
//
// # Counting
//
// A build feeds every cable's date to a Counts, one for the whole
// collection and one per term (each TAG, origin and classification):
//
//	var all timeline.Counts
//	for c := range cables {
//		all.Add(c.Date)
//	}
//
// A Counts keeps one number per month that has cables, so its memory grows
// with the span of the collection (Cablegate's 1966 to 2010 is 519
// months), never with the number of cables. Cables without a date are
// counted apart (Undated). Months are calendar months of the date as
// given; cable dates are UTC.
//
// # Charts
//
// WriteChart draws a Counts as inline SVG for an HTML page: one slot per
// month from the first month with cables to the last, empty where a month
// has none; a bar per month with cables, at least 1px high, linking to the
// month's page; a y axis labelled with the largest count; a time axis
// labelled every 1, 2, 3 or 6 months or every 1, 2, 5, 10 ... years,
// whichever is the smallest step whose labels do not overlap. A span
// longer than ChartConfig.MaxBars months (600 by default, so a stray date
// in 1066 cannot make a chart of eleven thousand bars) is drawn a bar per
// year or per 2, 5, 10 ... years.
//
// The markup is written for a page served under a strict
// Content-Security-Policy and read by anyone:
//
//   - no script and no style attribute; colours come from currentColor
//     and presentation attributes that any stylesheet overrides;
//   - the <svg> is labelled by its <title> (ChartConfig.Title) and
//     described by its <desc>, a sentence giving the span, the total and
//     the busiest month; its role is "img", or "group" when the bars are
//     links, since the children of an img are hidden from assistive
//     technology;
//   - every bar has a <title>, "September 2007: 1,234 cables", shown as a
//     tooltip and read as the link's name, and a transparent hit area the
//     height of the plot, so that a bar of one cable is as easy to point
//     at as the tallest;
//   - all text is escaped as XML, and bytes XML cannot carry become
//     U+FFFD, so titles taken from a hostile collection stay text;
//   - numbers have at most two decimals and the order of everything is
//     fixed: the same counts always give the same bytes.
//
// The classes a stylesheet can use:
//
//	svg.timeline        the chart; its width and height attributes give its
//	                    natural size, which CSS may scale (width: 100%; height: auto)
//	.caption            the label above the y axis (ChartConfig.Label)
//	.label              every text: the caption, y axis and tick labels
//	path.axis           the y axis and the baseline
//	path.tick           the marks of the time axis
//	rect.bar            a bar; fill follows currentColor
//	rect.hit            a bar's transparent hit area, the height of the plot
//	a                   a bar's link: style a:hover .bar and a:focus .bar
//
// # Threads
//
// A cable page lists its thread: the cables it references and the cables
// that cite it, as Events. SortEvents orders them by date, undated ones
// (references to cables outside the collection whose date is unknown)
// last, then by id, so that a page is the same whichever order its
// references were read in.
package timeline
