package timeline

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// monthLink is the link a site gives: a month page relative to a term page.
func monthLink(m Month) string {
	return fmt.Sprintf("../../date/%04d/%02d/index.html", m.Year, int(m.Month))
}

// counts builds a Counts from "2007-09=3" pairs.
func counts(t testing.TB, pairs ...string) *Counts {
	t.Helper()
	var c Counts
	for _, p := range pairs {
		ms, ns, _ := strings.Cut(p, "=")
		m, err := ParseMonth(ms)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if _, err := fmt.Sscan(ns, &n); err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		c.AddMonth(m, n)
	}
	return &c
}

// cablegate is a Counts shaped like Cablegate's: a few cables a year from
// December 1966, a swell from 2003, hundreds a month by 2009, the last in
// February 2010, with empty months in the sparse years. It is computed,
// not read from the corpus, so that the golden file is the project's own.
func cablegate() *Counts {
	var c Counts
	first, last := Month{1966, time.December}, Month{2010, time.February}
	for i, m := 0, first; m.Compare(last) <= 0; i, m = i+1, m.AddMonths(1) {
		var n int
		switch {
		case m.Year < 1985:
			if i%7 == 0 {
				n = 1 + i%3
			}
		case m.Year < 2003:
			n = (i * 37 % 11) - 4 // negative for some months: none then
		default:
			n = (m.Year-2002)*(m.Year-2002)*40 + (i*53)%97
		}
		c.AddMonth(m, n)
	}
	return &c
}

var chartCases = []struct {
	name   string
	counts func(testing.TB) *Counts
	cfg    ChartConfig
	bars   int // rect.bar elements
	links  int // <a> elements
}{
	{"empty", func(testing.TB) *Counts { return new(Counts) }, ChartConfig{}, 0, 0},
	{"one-month", func(t testing.TB) *Counts { return counts(t, "2007-09=1234") },
		ChartConfig{Title: "Cables of September 2007", Link: monthLink}, 1, 1},
	{"three-years-gaps", func(t testing.TB) *Counts {
		return counts(t, "2006-02=1", "2006-03=14", "2006-11=120", "2007-01=2", "2007-06=88",
			"2007-07=90", "2007-12=1", "2008-05=45", "2008-12=3")
	}, ChartConfig{Title: "Cables tagged PGOV", ID: "tag-PGOV", Link: monthLink}, 9, 9},
	{"forty-five-years", func(testing.TB) *Counts { return cablegate() },
		ChartConfig{Title: "All cables", Link: monthLink}, cablegate().Len(), cablegate().Len()},
	{"stray-year", func(t testing.TB) *Counts {
		c := counts(t, "1066-10=1", "2007-09=30", "2008-02=12", "2009-11=7")
		c.Add(time.Time{})
		return c
	}, ChartConfig{Width: 400, Height: 100, Link: monthLink}, 3, 3},
	{"unlinked-small", func(t testing.TB) *Counts { return counts(t, "2009-11=2", "2010-02=5") },
		ChartConfig{Width: 10, Height: 10, Label: "Secret cables per month"}, 2, 0},
}

func TestWriteChartGolden(t *testing.T) {
	for _, tc := range chartCases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteChart(&buf, tc.counts(t), tc.cfg); err != nil {
				t.Fatal(err)
			}
			f, err := checkChart(buf.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, buf.Bytes())
			}
			if f.bars != tc.bars || len(f.hrefs) != tc.links {
				t.Errorf("%d bars and %d links, want %d and %d", f.bars, len(f.hrefs), tc.bars, tc.links)
			}
			golden := filepath.Join("testdata", tc.name+".svg")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("chart differs from %s (run go test -update if the change is meant):\n%s", golden, buf.Bytes())
			}
		})
	}
}

func TestWriteChartContent(t *testing.T) {
	c := counts(t, "2006-11=1", "2007-09=1234", "2007-10=5")
	var buf bytes.Buffer
	if err := WriteChart(&buf, c, ChartConfig{Link: monthLink}); err != nil {
		t.Fatal(err)
	}
	f, err := checkChart(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	wantTitles := []string{"Cables per month", "November 2006: 1 cable", "September 2007: 1,234 cables", "October 2007: 5 cables"}
	if fmt.Sprint(f.titles) != fmt.Sprint(wantTitles) {
		t.Errorf("titles %q, want %q", f.titles, wantTitles)
	}
	wantHrefs := []string{monthLink(Month{2006, 11}), monthLink(Month{2007, 9}), monthLink(Month{2007, 10})}
	if fmt.Sprint(f.hrefs) != fmt.Sprint(wantHrefs) {
		t.Errorf("hrefs %q, want %q", f.hrefs, wantHrefs)
	}
	for _, want := range []string{
		`role="group"`,
		`<desc id="timeline-desc">1,240 cables from November 2006 to October 2007 (12 months, 3 with cables); the busiest month is September 2007, with 1,234 cables.</desc>`,
		`>1,234</text>`, // the y axis's top
		`class="hit"`,
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("chart lacks %s", want)
		}
	}
}

// TestWriteChartTicks checks the time axis labels: years for long spans,
// months for short ones, never overlapping.
func TestWriteChartTicks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		c      *Counts
		labels []string // after the two of the y axis and the caption
	}{
		{"one month", counts(t, "2007-09=3"), []string{"Sep 2007"}},
		{"a few months", counts(t, "2007-09=3", "2008-02=1"), []string{"Sep 2007", "Nov", "Dec", "2008", "Feb"}}, // "Oct" would touch "Sep 2007"
		{"three years", counts(t, "2006-02=1", "2008-12=3"), []string{"Mar 2006", "Jul", "Sep", "Nov", "2007", "Mar", "May", "Jul", "Sep", "Nov", "2008", "Mar", "May", "Jul", "Sep", "Nov"}},
		{"forty-five years", cablegate(), []string{"1966", "1970", "1975", "1980", "1985", "1990", "1995", "2000", "2005"}}, // "2010" would overflow
		{"years as bars", counts(t, "1066-10=1", "2007-09=30"), []string{"1100", "1150", "1200", "1250", "1300", "1350", "1400", "1450", "1500", "1550", "1600", "1650", "1700", "1750", "1800", "1850", "1900", "1950"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteChart(&buf, tc.c, ChartConfig{}); err != nil {
				t.Fatal(err)
			}
			f, err := checkChart(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			got := f.labels[3:]
			if fmt.Sprint(got) != fmt.Sprint(tc.labels) {
				t.Errorf("tick labels %q, want %q", got, tc.labels)
			}
		})
	}
}

// TestWriteChartHostile feeds a chart text from a hostile collection: a
// title, a caption, an id and links that try to break out of the SVG.
func TestWriteChartHostile(t *testing.T) {
	const evil = `</title><script>alert("x")</script> & "quoted" 'single' <b>`
	c := counts(t, "2007-09=3", "2007-11=1")
	cfg := ChartConfig{
		Title: evil,
		Label: evil,
		ID:    `x" onload="alert(1)`,
		Link:  func(Month) string { return `"><script>alert(1)</script><a href="` },
	}
	var buf bytes.Buffer
	if err := WriteChart(&buf, c, cfg); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	f, err := checkChart(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if f.titles[0] != evil {
		t.Errorf("title read back as %q, want %q", f.titles[0], evil)
	}
	if f.labels[0] != evil {
		t.Errorf("caption read back as %q, want %q", f.labels[0], evil)
	}
	for _, h := range f.hrefs {
		if h != `"><script>alert(1)</script><a href="` {
			t.Errorf("href read back as %q", h)
		}
	}
	for _, bad := range []string{"<script", "<b>", `onload="`} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("output contains %s unescaped:\n%s", bad, out)
		}
	}
}

// TestWriteChartInvalidText checks that bytes XML cannot carry are
// replaced rather than making the chart unreadable.
func TestWriteChartInvalidText(t *testing.T) {
	var buf bytes.Buffer
	err := WriteChart(&buf, counts(t, "2007-09=3"), ChartConfig{Title: "bad \xff\x00\x01 bytes"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkChart(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if want := "bad \uFFFD\uFFFD\uFFFD bytes"; f.titles[0] != want {
		t.Errorf("title %q, want %q", f.titles[0], want)
	}
}

func TestWriteChartDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		// The same counts, added in a different order each time.
		var c Counts
		ref := cablegate()
		months := ref.sorted()
		for j := range months {
			m := months[(j*7+i*13)%len(months)]
			c.AddMonth(m, ref.Get(m))
		}
		var buf bytes.Buffer
		if err := WriteChart(&buf, &c, ChartConfig{Link: monthLink}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteChartWriteError(t *testing.T) {
	err := WriteChart(failingWriter{}, counts(t, "2007-09=3"), ChartConfig{})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("error %v, want one wrapping %v", err, errDiskFull)
	}
}

func BenchmarkWriteChart45Years(b *testing.B) {
	c := cablegate()
	var buf bytes.Buffer
	cfg := ChartConfig{Link: monthLink}
	for b.Loop() {
		buf.Reset()
		if err := WriteChart(&buf, c, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// TestWriteChartInline checks the chart written for an HTML page: the same
// chart as the SVG document, without the namespace and the newlines, and
// with quotes in texts as they are; hostile text stays text.
func TestWriteChartInline(t *testing.T) {
	const evil = `</title><script>alert("x")</script> & "quoted" 'single' <b>`
	c := counts(t, "2007-09=3", "2007-11=1", "2009-01=12")
	for _, title := range []string{"Cables from Embassy N'Djamena", evil} {
		link := func(m Month) string { return "../date/" + m.String() + "/index.html" }
		var doc, inline bytes.Buffer
		if err := WriteChart(&doc, c, ChartConfig{Title: title, Link: link}); err != nil {
			t.Fatal(err)
		}
		if err := WriteChart(&inline, c, ChartConfig{Title: title, Link: link, Inline: true}); err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(doc.String(), "\n", "")
		want = strings.Replace(want, ` xmlns="http://www.w3.org/2000/svg"`, "", 1)
		want = strings.NewReplacer("&#34;", `"`, "&#39;", "'").Replace(want)
		if inline.String() != want {
			t.Errorf("inline chart\n%s\nwant\n%s", inline.String(), want)
		}
		f, err := checkChart(append([]byte(`<svg xmlns="http://www.w3.org/2000/svg"`), bytes.TrimPrefix(inline.Bytes(), []byte("<svg"))...))
		if err != nil {
			t.Fatalf("%v\n%s", err, inline.String())
		}
		if f.titles[0] != title {
			t.Errorf("title read back as %q, want %q", f.titles[0], title)
		}
		if bytes.Contains(inline.Bytes(), []byte("<script")) || bytes.Contains(inline.Bytes(), []byte("<b>")) {
			t.Errorf("markup passed through:\n%s", inline.String())
		}
	}
}
