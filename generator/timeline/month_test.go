package timeline

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestMonth(t *testing.T) {
	for _, tc := range []struct {
		m    Month
		str  string
		name string
	}{
		{Month{2007, time.September}, "2007-09", "September 2007"},
		{Month{1966, time.December}, "1966-12", "December 1966"},
		{Month{33, time.January}, "0033-01", "January 33"},
		{Month{-44, time.March}, "-0044-03", "March -44"},
		{Month{2007, 13}, "2008-01", "January 2008"},
		{Month{2007, 0}, "2006-12", "December 2006"},
		{Month{2007, -12}, "2005-12", "December 2005"},
	} {
		t.Run(tc.str, func(t *testing.T) {
			if got := tc.m.String(); got != tc.str {
				t.Errorf("String %q, want %q", got, tc.str)
			}
			if got := tc.m.Name(); got != tc.name {
				t.Errorf("Name %q, want %q", got, tc.name)
			}
			back, err := ParseMonth(tc.str)
			if err != nil {
				t.Fatal(err)
			}
			if back != tc.m.normal() {
				t.Errorf("ParseMonth(%q) = %v, want %v", tc.str, back, tc.m.normal())
			}
		})
	}
}

func TestMonthArithmetic(t *testing.T) {
	m := Month{2007, time.November}
	for _, tc := range []struct {
		n    int
		want Month
	}{
		{0, m}, {1, Month{2007, 12}}, {2, Month{2008, 1}}, {-11, Month{2006, 12}}, {-2007*12 - 11, Month{-1, 12}},
	} {
		if got := m.AddMonths(tc.n); got != tc.want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", m, tc.n, got, tc.want)
		}
	}
	if m.Compare(Month{2008, 1}) != -1 || m.Compare(m) != 0 || m.Compare(Month{2007, 2}) != 1 {
		t.Error("Compare is not chronological")
	}
	if got := MonthOf(time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)); got != (Month{2007, 9}) {
		t.Errorf("MonthOf = %v", got)
	}
	if got := m.Time(); !got.Equal(time.Date(2007, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %v", got)
	}
	if !(Month{}).IsZero() || m.IsZero() {
		t.Error("IsZero")
	}
}

func TestParseMonthErrors(t *testing.T) {
	for _, s := range []string{"", "2007", "2007-9", "2007-13", "2007-00", "07-09", "2007/09", "2007-09-01", "-2007", "+2007-09", "２００７-09", "99999999999999999999-01"} {
		t.Run(s, func(t *testing.T) {
			if m, err := ParseMonth(s); !errors.Is(err, ErrMonth) {
				t.Errorf("ParseMonth(%q) = %v, %v; want an ErrMonth", s, m, err)
			}
		})
	}
}

func TestMonthJSON(t *testing.T) {
	in := map[Month]int{{2007, 9}: 3, {1966, 12}: 1}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"1966-12":1,"2007-09":3}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	var out map[Month]int
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[Month{2007, 9}] != 3 {
		t.Errorf("read back %v", out)
	}
	var m Month
	if err := json.Unmarshal([]byte(`"2007-9"`), &m); !errors.Is(err, ErrMonth) {
		t.Errorf("bad month read without ErrMonth: %v", err)
	}
}
