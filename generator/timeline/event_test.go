package timeline

import (
	"fmt"
	"testing"
	"time"
)

func TestSortEvents(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		in   []Event
		want []string // ids, in order
	}{
		{"empty", nil, nil},
		{"by date", []Event{
			{ID: "07STATE126086", Date: d(2007, 9, 7)},
			{ID: "06MADRID1", Date: d(2006, 1, 2)},
			{ID: "07MADRID9", Date: d(2007, 3, 1)},
		}, []string{"06MADRID1", "07MADRID9", "07STATE126086"}},
		{"undated last, by id", []Event{
			{ID: "07STATE9"},
			{ID: "07MADRID9", Date: d(2007, 3, 1)},
			{ID: "06STATE1"},
		}, []string{"07MADRID9", "06STATE1", "07STATE9"}},
		{"same date by id", []Event{
			{ID: "07B", Date: d(2007, 3, 1)},
			{ID: "07A", Date: d(2007, 3, 1)},
		}, []string{"07A", "07B"}},
		{"same id by url then label", []Event{
			{ID: "07A", Label: "b", URL: "x.html"},
			{ID: "07A", Label: "a", URL: "x.html"},
			{ID: "07A", Label: "c"},
		}, []string{"07A/c", "07A/a", "07A/b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Every rotation of the input sorts the same.
			for r := range max(len(tc.in), 1) {
				ev := append(append([]Event(nil), tc.in[r:]...), tc.in[:r]...)
				SortEvents(ev)
				var got []string
				for _, e := range ev {
					id := e.ID
					if tc.name == "same id by url then label" {
						id += "/" + e.Label
					}
					got = append(got, id)
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Errorf("rotation %d: %q, want %q", r, got, tc.want)
				}
			}
		})
	}
}
