package cable

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMetaOddValues checks what the source's metadata gives that no cable
// holds: a classification none of the six, a zero date.
func TestMetaOddValues(t *testing.T) {
	text := []byte("VZCZC\nO 072147Z SEP 07\nFM SECSTATE WASHDC\n\nC O N F I D E N T I A L STATE 126086\n\nSUBJECT: X\n\n1. (C) TEXT.\n")
	dtg := time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		meta     Meta
		class    string
		date     time.Time
		warnings []string
	}{
		{"a classification of the six", Meta{Classification: "SECRET//NOFORN"}, "SECRET//NOFORN", dtg, nil},
		{"a classification none of the six", Meta{Classification: "SECRET//<script>alert(1)</script>"}, "SECRET//<script>alert(1)</script>", dtg,
			[]string{`the source's classification "SECRET//<script>alert(1)</script>" is none of Cablegate's six`}},
		{"the zero date", Meta{Created: "0001-01-01 00:00"}, "CONFIDENTIAL", dtg, []string{`cannot read the source's date "0001-01-01 00:00"`}},
		{"the zero date, US layout", Meta{Created: "1/1/0001 0:00"}, "CONFIDENTIAL", dtg, []string{`cannot read the source's date "1/1/0001 0:00"`}},
		{"another day", Meta{Created: "2007-09-08 10:00"}, "CONFIDENTIAL", time.Date(2007, 9, 8, 10, 0, 0, 0, time.UTC),
			[]string{"date-time group 072147Z SEP 07 is not on the source's day 2007-09-08"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Parse(Record{Pos: Pos{"m", 1}, Format: FormatHTML, Text: text, Meta: tt.meta})
			if c.Classification != tt.class || !c.Date.Equal(tt.date) {
				t.Errorf("classification %q, date %v; want %q, %v", c.Classification, c.Date, tt.class, tt.date)
			}
			var got []string
			for _, w := range c.Warnings {
				if strings.Contains(w, "source's") {
					got = append(got, w)
				}
			}
			if !slices.Equal(got, tt.warnings) {
				t.Errorf("warnings %q, want %q", got, tt.warnings)
			}
		})
	}
}
