package timeline

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Event is one cable of a thread: a cable a page references, or one that
// cites it, placed in time.
type Event struct {
	ID    string    // the cable's id: "07STATE126086"
	Date  time.Time // zero when the cable is not in the collection and its REF line gives no date
	URL   string    // the cable's page, relative to the page the thread is on; "" when it is not in the collection
	Label string    // what to show: the subject, or the REF line's own words
}

// SortEvents sorts a thread in time: by date, undated events last, then by
// id, so that the same thread is always listed in the same order whatever
// order its references were found in. Events equal in date and id (one
// cable referenced twice) keep a fixed order too, by URL and label.
func SortEvents(ev []Event) {
	slices.SortFunc(ev, compareEvents)
}

func compareEvents(a, b Event) int {
	if az, bz := a.Date.IsZero(), b.Date.IsZero(); az != bz {
		if az {
			return 1
		}
		return -1
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(a.URL, b.URL), strings.Compare(a.Label, b.Label))
}
