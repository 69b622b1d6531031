package timeline

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/cablesite/cablesite/internal/escape"
)

// ChartConfig says how WriteChart draws a chart. The zero value draws a
// 720×160 chart titled "Cables per month" without links.
type ChartConfig struct {
	// Width and Height are the chart's size in CSS pixels (its viewBox;
	// a stylesheet may scale it). Zero means 720 and 160; smaller sizes
	// than 160×80 are raised to that.
	Width, Height int

	// Title is the chart's accessible name, its <title>: "Cables tagged
	// PGOV". Empty means Label.
	Title string

	// Label says what the bars count, written above the y axis. Empty
	// means "Cables per month".
	Label string

	// Link returns the URL, relative to the page the chart is embedded
	// in, of a month's page, or "" for no link. It is called only for
	// months with cables; when bars stand for years (see MaxBars), it is
	// called with the first month of the bar that has cables. Nil means
	// no links.
	Link func(Month) string

	// ID prefixes the ids of the chart's <title> and <desc>, which must
	// be unique in the page. Characters other than ASCII letters, digits,
	// '-' and '_' are replaced by '-'. Empty means "timeline".
	ID string

	// MaxBars is the most bars the chart draws. A span of more months
	// than that is drawn a bar per year (or per 2, 5, 10, 20, 50 ...
	// years), so that a stray date centuries off cannot make a chart of a
	// million bars. Zero means 600, which keeps Cablegate's 1966 to 2010
	// a bar per month.
	MaxBars int

	// Inline writes the chart for an HTML page rather than as an SVG
	// document: without the xmlns attribute (HTML puts <svg> in its
	// namespace) and the newlines between elements, and with quotes in
	// texts left as they are: the form an HTML minifier gives, so that a
	// page can splice the chart in past its minifier.
	Inline bool
}

// The chart's defaults and geometry, in CSS pixels; the font is 10px, whose
// digits are about 6px wide.
const (
	defaultWidth   = 720
	defaultHeight  = 160
	minWidth       = 160
	minHeight      = 80
	defaultMaxBars = 600
	defaultLabel   = "Cables per month"
	defaultID      = "timeline"

	fontSize    = 10
	charWidth   = 6  // a generous average, so that labels never overlap
	marginTop   = 18 // room for the caption
	marginRight = 8
	marginBot   = 18 // room for the tick labels
	tickLength  = 4
	maxBarWidth = 32 // a chart of one month is one bar, not a slab
	labelGap    = 8  // between two tick labels
)

// WriteChart writes c as a bar chart of cables per month: inline <svg>
// markup, to be embedded in an HTML page. Each month of the span is one
// slot, empty when the month has no cables; each month with cables is a
// bar, a link to the month's page when cfg.Link gives one, with a <title>
// ("September 2007: 1,234 cables") that browsers show as a tooltip and
// screen readers as the link's name. The chart has no script and no style
// attribute; see the package documentation for the classes a stylesheet
// can use. The same c and cfg always give the same bytes.
func WriteChart(w io.Writer, c *Counts, cfg ChartConfig) error {
	b := appendChart(make([]byte, 0, 4096+200*c.Len()), c, cfg)
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("timeline: writing chart: %w", err)
	}
	return nil
}

// bar is one bar of a chart: a month, or a group of months when the span
// is too long for a bar per month.
type bar struct {
	slot  int   // position from the left, 0-based
	start Month // the first month of the slot
	first Month // the first month of the slot with cables: the link target
	n     int
}

// layout is the geometry of one chart, computed once before writing.
type layout struct {
	width, height float64
	left, top     float64 // the plot's top-left corner
	plotW, plotH  float64
	slotW         float64 // the width of one slot
	offset        float64 // centres a chart narrower than the plot
	base          int     // index of the first slot's first month
	group         int     // months per slot: 1, 12, 24, 60 ...
	slots         int
}

func (l *layout) slotX(slot int) float64 {
	return l.left + l.offset + float64(slot)*l.slotW
}

// monthX returns the left edge of the slot holding the month of index i.
func (l *layout) monthX(i int) float64 {
	return l.slotX((i - l.base) / l.group)
}

func appendChart(b []byte, c *Counts, cfg ChartConfig) []byte {
	width, height := cfg.Width, cfg.Height
	if width <= 0 {
		width = defaultWidth
	}
	if height <= 0 {
		height = defaultHeight
	}
	width, height = max(width, minWidth), max(height, minHeight)
	label := cfg.Label
	if label == "" {
		label = defaultLabel
	}
	title := cfg.Title
	if title == "" {
		title = label
	}
	id := sanitizeID(cfg.ID)
	maxBars := cfg.MaxBars
	if maxBars <= 0 {
		maxBars = defaultMaxBars
	}

	months := c.sorted()
	l := layout{width: float64(width), height: float64(height)}
	var bars []bar
	top := 0
	if len(months) > 0 {
		l.base, l.group, l.slots = slots(months[0], months[len(months)-1], maxBars)
		bars = make([]bar, 0, min(len(months), l.slots))
		for _, m := range months {
			slot := (m.index() - l.base) / l.group
			if k := len(bars) - 1; k >= 0 && bars[k].slot == slot {
				bars[k].n += c.months[m]
				continue
			}
			bars = append(bars, bar{slot: slot, start: monthAt(l.base + slot*l.group), first: m, n: c.months[m]})
		}
		for _, br := range bars {
			top = max(top, br.n)
		}
	}
	topLabel := thousands(top)
	l.left = float64(max(len(topLabel), 1)*charWidth + 8)
	l.top = marginTop
	l.plotW = l.width - l.left - marginRight
	l.plotH = l.height - marginTop - marginBot
	if l.slots > 0 {
		l.slotW = min(l.plotW/float64(l.slots), maxBarWidth)
		l.offset = (l.plotW - l.slotW*float64(l.slots)) / 2
	}

	// The root: role "group" rather than "img" when the bars are links,
	// because an img's children are hidden from assistive technology and
	// its links would be focusable but nameless. Presentation attributes
	// (fill, font-size) give a readable chart without any stylesheet, and
	// a stylesheet overrides them; a style attribute would break a strict
	// Content-Security-Policy.
	role := "img"
	if cfg.Link != nil && len(bars) > 0 {
		role = "group"
	}
	start := len(b)
	b = append(b, `<svg`...)
	if !cfg.Inline {
		b = append(b, ` xmlns="http://www.w3.org/2000/svg"`...)
	}
	b = append(b, ` class="timeline" viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(height), 10)
	b = append(b, `" width="`...)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(height), 10)
	b = append(b, `" role="`...)
	b = append(b, role...)
	b = append(b, `" aria-labelledby="`...)
	b = append(b, id...)
	b = append(b, `-title" aria-describedby="`...)
	b = append(b, id...)
	b = append(b, `-desc" font-size="`...)
	b = strconv.AppendInt(b, fontSize, 10)
	b = append(b, `" fill="currentColor">`+"\n"...)

	b = append(b, `<title id="`...)
	b = append(b, id...)
	b = append(b, `-title">`...)
	b = appendContent(b, title, cfg.Inline)
	b = append(b, "</title>\n"...)
	b = append(b, `<desc id="`...)
	b = append(b, id...)
	b = append(b, `-desc">`...)
	b = escape.AppendXML(b, summary(c, months))
	b = append(b, "</desc>\n"...)

	b = append(b, `<text class="label caption" x="`...)
	b = appendNum(b, l.left)
	b = append(b, `" y="`...)
	b = appendNum(b, l.top-6)
	b = append(b, `">`...)
	b = appendContent(b, label, cfg.Inline)
	b = append(b, "</text>\n"...)

	b = appendAxes(b, &l, topLabel)
	b = appendBars(b, &l, bars, cfg.Link)
	if len(bars) > 0 {
		b = appendTicks(b, &l, months[len(months)-1])
	}
	b = append(b, "</svg>\n"...)
	if cfg.Inline {
		// Every newline is one written between elements above: a text
		// holding one has it as a character reference.
		b = append(b[:start], bytes.ReplaceAll(b[start:], []byte{'\n'}, nil)...)
	}
	return b
}

// slots chooses how the span from first to last is cut into at most
// maxBars slots: a month each when it fits, else whole years, 1, 2, 5,
// 10, 20, 50 ... of them, aligned on a multiple of that many years so that
// a bar is a calendar year or decade. It returns the index of the first
// slot's first month, the months per slot and the number of slots.
func slots(first, last Month, maxBars int) (base, group, n int) {
	lo, hi := first.index(), last.index()
	if hi-lo+1 <= maxBars {
		return lo, 1, hi - lo + 1
	}
	for years := range niceSteps() {
		group = 12 * years
		base = floorDiv(first.Year, years) * years * 12
		n = (hi-base)/group + 1
		if n <= maxBars {
			return base, group, n
		}
	}
	return lo, hi - lo + 1, 1 // not reached: niceSteps outgrows any span of months
}

// niceSteps yields 1, 2, 5, 10, 20, 50 ... up to a step that holds any
// span of years an int can count.
func niceSteps() func(func(int) bool) {
	return func(yield func(int) bool) {
		for p := 1; ; p *= 10 {
			for _, k := range [...]int{1, 2, 5} {
				if !yield(k * p) {
					return
				}
			}
			if p > (1<<62)/120 {
				return
			}
		}
	}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// sanitizeID keeps an id usable in an id attribute and in the
// space-separated list of aria-labelledby.
func sanitizeID(s string) string {
	if s == "" {
		return defaultID
	}
	b := []byte(s)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	return string(b)
}

// summary is the chart's <desc>: what a reader sees at a glance, in words.
func summary(c *Counts, months []Month) string {
	var s string
	if len(months) == 0 {
		s = "No dated cables."
	} else {
		first, last := months[0], months[len(months)-1]
		busiest, n := c.Max()
		if first == last {
			s = fmt.Sprintf("%s, all in %s.", cables(c.Total()), first.Name())
		} else {
			s = fmt.Sprintf("%s from %s to %s (%s, %s with cables); the busiest month is %s, with %s.",
				cables(c.Total()), first.Name(), last.Name(),
				plural(c.Span(), "month"), thousands(len(months)),
				busiest.Name(), cables(n))
		}
	}
	switch u := c.Undated(); u {
	case 0:
	case 1:
		s += " 1 cable has no date."
	default:
		s += " " + thousands(u) + " cables have no date."
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// appendAxes writes the y axis and the baseline as one path, and the
// labels of the y axis: the largest bar's count and 0. The lines run half a
// pixel outside the plot, so that their 1px stroke lies beside the bars
// rather than over them, and a bar of one cable, 1px high, stays visible.
func appendAxes(b []byte, l *layout, topLabel string) []byte {
	bottom := l.top + l.plotH
	b = append(b, `<path class="axis" fill="none" stroke="currentColor" d="M`...)
	b = appendNum(b, l.left-0.5)
	b = append(b, ' ')
	b = appendNum(b, l.top)
	b = append(b, 'V')
	b = appendNum(b, bottom+0.5)
	b = append(b, 'H')
	b = appendNum(b, l.left+l.plotW)
	b = append(b, "\"/>\n"...)
	for _, y := range [...]struct {
		y    float64
		text string
	}{{l.top + 7, topLabel}, {bottom, "0"}} {
		b = append(b, `<text class="label" text-anchor="end" x="`...)
		b = appendNum(b, l.left-4)
		b = append(b, `" y="`...)
		b = appendNum(b, y.y)
		b = append(b, `">`...)
		b = append(b, y.text...)
		b = append(b, "</text>\n"...)
	}
	return b
}

// appendBars writes one element per bar: a link (or a group, without a
// link) holding the bar's <title>, a transparent hit area the height of
// the plot, so that a bar of one cable is as easy to point at as the
// tallest, and the bar itself, at least 1px high.
func appendBars(b []byte, l *layout, bars []bar, link func(Month) string) []byte {
	top := 0
	for _, br := range bars {
		top = max(top, br.n)
	}
	gap := 0.0
	if l.slotW >= 3 {
		gap = max(1, l.slotW/5)
	}
	bottom := l.top + l.plotH
	for _, br := range bars {
		href := ""
		if link != nil {
			href = link(br.first)
		}
		if href != "" {
			b = append(b, `<a href="`...)
			b = escape.AppendXML(b, href)
			b = append(b, `">`...)
		} else {
			b = append(b, `<g>`...)
		}
		b = append(b, `<title>`...)
		b = appendBarTitle(b, br, l.group)
		b = append(b, `</title>`...)

		x := l.slotX(br.slot)
		b = append(b, `<rect class="hit" fill="transparent" x="`...)
		b = appendNum(b, x)
		b = append(b, `" y="`...)
		b = appendNum(b, l.top)
		b = append(b, `" width="`...)
		b = appendNum(b, max(l.slotW, 1))
		b = append(b, `" height="`...)
		b = appendNum(b, l.plotH)
		b = append(b, `"/>`...)

		h := max(float64(br.n)/float64(top)*l.plotH, 1)
		b = append(b, `<rect class="bar" x="`...)
		b = appendNum(b, x+gap/2)
		b = append(b, `" y="`...)
		b = appendNum(b, bottom-h)
		b = append(b, `" width="`...)
		b = appendNum(b, max(l.slotW-gap, 1)) // slots narrower than a pixel still show
		b = append(b, `" height="`...)
		b = appendNum(b, h)
		b = append(b, `"/>`...)
		if href != "" {
			b = append(b, "</a>\n"...)
		} else {
			b = append(b, "</g>\n"...)
		}
	}
	return b
}

// appendBarTitle names a bar and its count: "September 2007: 1,234
// cables", "2007: 12,345 cables", "1960–1969: 3 cables". Its words are
// the package's own, with nothing to escape.
func appendBarTitle(b []byte, br bar, group int) []byte {
	switch {
	case group == 1:
		b = append(b, br.start.Month.String()...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(br.start.Year), 10)
	case group == 12:
		b = strconv.AppendInt(b, int64(br.start.Year), 10)
	default:
		b = strconv.AppendInt(b, int64(br.start.Year), 10)
		b = append(b, "–"...)
		b = strconv.AppendInt(b, int64(br.start.Year+group/12-1), 10)
	}
	b = append(b, ": "...)
	return appendCables(b, br.n)
}

// tick is one labelled mark under the baseline.
type tick struct {
	x    float64
	text string
}

// appendTicks writes the time axis: marks and labels every 1, 2, 3 or 6
// months, or every 1, 2, 5, 10 ... years, the smallest step whose labels
// do not overlap, starting from the first slot.
func appendTicks(b []byte, l *layout, last Month) []byte {
	end := l.base + l.slots*l.group
	yearWidth := max(len(strconv.Itoa(monthAt(l.base).Year)), len(strconv.Itoa(last.Year))) * charWidth
	step := 0
	for _, s := range tickSteps(l.group) {
		need := float64(yearWidth)
		if s < 12 {
			need = float64(max(yearWidth, 3*charWidth)) // "2008" or "Feb"
		}
		if float64(s/l.group)*l.slotW >= need+labelGap {
			step = s
			break
		}
	}
	if step == 0 {
		return b // a step of more years than an int holds: no labels at all
	}

	var ticks []tick
	t0 := ceilMultiple(l.base, step)
	if t0 != l.base {
		lead := tick{x: l.slotX(0), text: tickLabel(monthAt(l.base), step, true)}
		if t0 >= end || l.monthX(t0)-lead.x >= textWidth(lead.text)+labelGap {
			ticks = append(ticks, lead)
		}
	}
	for t := t0; t < end; t += step {
		ticks = append(ticks, tick{x: l.monthX(t), text: tickLabel(monthAt(t), step, len(ticks) == 0)})
	}

	// Drop what would overlap or overflow: a label of month and year is
	// wider than the step was chosen for.
	kept := ticks[:0]
	for _, tk := range ticks {
		if k := len(kept); k > 0 && tk.x < kept[k-1].x+textWidth(kept[k-1].text)+labelGap {
			continue
		}
		if tk.x+2+textWidth(tk.text) > l.width {
			continue
		}
		kept = append(kept, tk)
	}
	if len(kept) == 0 {
		return b
	}

	bottom := l.top + l.plotH
	b = append(b, `<path class="tick" fill="none" stroke="currentColor" d="`...)
	for _, tk := range kept {
		b = append(b, 'M')
		b = appendNum(b, tk.x)
		b = append(b, ' ')
		b = appendNum(b, bottom+1)
		b = append(b, 'v')
		b = strconv.AppendInt(b, tickLength, 10)
	}
	b = append(b, "\"/>\n"...)
	for _, tk := range kept {
		b = append(b, `<text class="label" x="`...)
		b = appendNum(b, tk.x+2)
		b = append(b, `" y="`...)
		b = appendNum(b, bottom+tickLength+fontSize)
		b = append(b, `">`...)
		b = escape.AppendXML(b, tk.text)
		b = append(b, "</text>\n"...)
	}
	return b
}

// tickSteps returns the candidate steps of the time axis, in months, for
// slots of group months: every step is a whole number of slots.
func tickSteps(group int) []int {
	var steps []int
	if group == 1 {
		steps = append(steps, 1, 2, 3, 6)
	}
	for years := range niceSteps() {
		if s := 12 * years; s%group == 0 {
			steps = append(steps, 12*years)
		}
	}
	return steps
}

// tickLabel labels a tick at month m: the year, at a January or when
// ticks are years apart; else the month, with the year when it is the
// first label ("Sep 2007", "Oct", "Nov", "Dec", "2008", "Feb").
func tickLabel(m Month, step int, first bool) string {
	year := strconv.Itoa(m.Year)
	switch {
	case step >= 12 || m.Month == 1:
		return year
	case first:
		return m.Month.String()[:3] + " " + year
	}
	return m.Month.String()[:3]
}

func textWidth(s string) float64 {
	return float64(len([]rune(s)) * charWidth)
}

// ceilMultiple returns the least multiple of step at or after i.
func ceilMultiple(i, step int) int {
	return -floorDiv(-i, step) * step
}
