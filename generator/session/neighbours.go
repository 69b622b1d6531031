package session

import (
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/timeline"
)

// neighboursChanged returns, for an index idx1 that follows idx0, the
// months of idx1 (as indexes into idx1.Months) and the years whose
// previous or next month or year with cables is not the same as in idx0:
// their pages link to them (monthNeighbours, yearNeighbours), so they
// are rendered again when months come or go.
func neighboursChanged(idx0, idx1 *index.Index) (months []int, years []int) {
	type around struct{ prev, next timeline.Month }
	aroundOf := func(ms []index.MonthList) map[timeline.Month]around {
		out := make(map[timeline.Month]around, len(ms))
		for i, ml := range ms {
			var a around
			if i > 0 {
				a.prev = ms[i-1].Month
			}
			if i+1 < len(ms) {
				a.next = ms[i+1].Month
			}
			out[ml.Month] = a
		}
		return out
	}
	yearsOf := func(ms []index.MonthList) []int {
		var ys []int
		for _, ml := range ms {
			if len(ys) == 0 || ys[len(ys)-1] != ml.Month.Year {
				ys = append(ys, ml.Month.Year)
			}
		}
		return ys
	}
	before, after := aroundOf(idx0.Months), aroundOf(idx1.Months)
	for i, ml := range idx1.Months {
		if a, ok := before[ml.Month]; !ok || a != after[ml.Month] {
			months = append(months, i)
		}
	}
	y0, y1 := yearsOf(idx0.Months), yearsOf(idx1.Months)
	type yaround struct{ prev, next int }
	yAround := func(ys []int) map[int]yaround {
		out := make(map[int]yaround, len(ys))
		for i, y := range ys {
			var a yaround
			if i > 0 {
				a.prev = ys[i-1]
			}
			if i+1 < len(ys) {
				a.next = ys[i+1]
			}
			out[y] = a
		}
		return out
	}
	yb, ya := yAround(y0), yAround(y1)
	for _, y := range y1 {
		if a, ok := yb[y]; !ok || a != ya[y] {
			years = append(years, y)
		}
	}
	return months, years
}
