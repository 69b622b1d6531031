package timeline

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

// FuzzWriteChart draws charts of random counts, sizes and titles and
// checks that every one is well-formed XML with finite numbers, every
// shape inside the viewBox, and a bar, a title and a link per bar.
func FuzzWriteChart(f *testing.F) {
	f.Add([]byte{}, 0, 0, 0, "")
	f.Add([]byte{0, 107, 9, 200}, 720, 160, 0, "Cables per month")                    // 2007-09
	f.Add([]byte{0, 66, 12, 33, 0, 110, 2, 250}, 300, 100, 0, "<script>&\"")          // 1966-12 and 2010-02
	f.Add([]byte{0x80, 0, 1, 40, 0x7f, 0xff, 12, 40}, 1<<20, 1<<20, 3, "\xff\x00")    // far apart
	f.Add([]byte{0, 107, 9, 1, 0, 107, 9, 0, 0, 108, 14, 255}, 10, 10, -1, "a\nb\tc") // removals, month 14
	f.Fuzz(func(t *testing.T, data []byte, width, height, maxBars int, title string) {
		var c Counts
		for len(data) >= 4 {
			// Years around 1900, by a signed 16-bit offset; counts from -32
			// (removals) to 223.
			year := 1900 + int(int16(binary.BigEndian.Uint16(data)))
			c.AddMonth(Month{Year: year, Month: time.Month(data[2] % 16)}, int(data[3])-32)
			data = data[4:]
		}
		// Keep sizes to what a page could use; beyond that, only the
		// numbers get longer.
		width, height = width%100_000, height%100_000
		cfg := ChartConfig{Width: width, Height: height, Title: title, Label: title, ID: title, MaxBars: maxBars % 5000, Link: monthLink}
		var buf bytes.Buffer
		if err := WriteChart(&buf, &c, cfg); err != nil {
			t.Fatal(err)
		}
		facts, err := checkChart(buf.Bytes())
		if err != nil {
			t.Fatalf("%v\n%s", err, buf.Bytes())
		}
		limit := cfg.MaxBars
		if limit <= 0 {
			limit = defaultMaxBars
		}
		if facts.bars > limit || facts.bars > c.Len() || c.Len() > 0 && facts.bars == 0 {
			t.Errorf("%d bars for %d months (at most %d bars)", facts.bars, c.Len(), limit)
		}
		if len(facts.hrefs) != facts.bars || len(facts.titles) != facts.bars+1 {
			t.Errorf("%d bars, %d links, %d titles", facts.bars, len(facts.hrefs), len(facts.titles))
		}
		if bytes.Contains(buf.Bytes(), []byte("NaN")) && !bytes.Contains([]byte(title), []byte("NaN")) {
			t.Errorf("NaN in output")
		}
		var again bytes.Buffer
		_ = WriteChart(&again, &c, cfg)
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Error("two charts of the same counts differ")
		}
	})
}

// FuzzParseMonth checks that ParseMonth never panics and that what it
// reads, String writes back the same.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2007-09", "-0044-03", "0033-01", "2007-13", "", "-", "99999999999999999999-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			return
		}
		back, err := ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMonth(%q) = %v, which reads back as %v, %v", s, m, back, err)
		}
	})
}
