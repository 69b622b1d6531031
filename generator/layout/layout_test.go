package layout

import (
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/timeline"
)

func TestPaths(t *testing.T) {
	date := time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{CablePath("07STATE126086", date), "cable/2007/09/07STATE126086.html"},
		{CablePath("07STATE126086", time.Time{}), "cable/undated/07STATE126086.html"},
		{CablePath("../x", date), "cable/2007/09/_._x-" + strings.TrimPrefix(CablePath("../x", date), "cable/2007/09/_._x-")},
		{ListPath("tag/pgov/", 1), "tag/pgov/index.html"},
		{ListPath("tag/pgov/", 3), "tag/pgov/page-3.html"},
		{RootOf("index.html"), ""},
		{RootOf("cable/2007/09/x.html"), "../../../"},
		{YearPath(2007), "date/2007/index.html"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if p := CablePath("../x", date); strings.Count(p, "/") != 3 || strings.Contains(p, "..") {
		t.Errorf("CablePath(../x) = %q", p)
	}
}

func TestKindOf(t *testing.T) {
	for p, want := range map[string]render.Kind{
		Home: render.KindHome, Search: render.KindSearch, NotFound: render.KindNotFound, Dates: render.KindTerms,
		"cable/2007/09/X.html": render.KindCable, "tag/index.html": render.KindTerms, "date/2007/index.html": render.KindTerms,
		"date/2007/09/index.html": render.KindList, "date/undated/index.html": render.KindList, "tag/pgov/page-2.html": render.KindList,
	} {
		if got := KindOf(p); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestWriteMonth(t *testing.T) {
	for _, tc := range []struct {
		year  int
		month time.Month
		want  string
	}{{2007, 9, "2007/09"}, {1966, 12, "1966/12"}, {5, 1, "0005/01"}, {12345, 3, "12345/03"}} {
		var b strings.Builder
		writeMonth(&b, timeline.Month{Year: tc.year, Month: tc.month})
		if b.String() != tc.want {
			t.Errorf("writeMonth(%d, %d) = %q, want %q", tc.year, tc.month, b.String(), tc.want)
		}
	}
}
