package site

import "github.com/cablesite/cablesite/generator/timeline"

// neighboursChanged returns, for an index idx1 that follows idx0, the
// months of idx1 (as indexes into idx1.months) and the years whose
// previous or next month or year with cables is not the same as in idx0:
// their pages link to them (monthNeighbours, yearNeighbours), so they
// are rendered again when months come or go.
func neighboursChanged(idx0, idx1 *index) (months []int, years []int) {
	type around struct{ prev, next timeline.Month }
	aroundOf := func(ms []monthList) map[timeline.Month]around {
		out := make(map[timeline.Month]around, len(ms))
		for i, ml := range ms {
			var a around
			if i > 0 {
				a.prev = ms[i-1].month
			}
			if i+1 < len(ms) {
				a.next = ms[i+1].month
			}
			out[ml.month] = a
		}
		return out
	}
	yearsOf := func(ms []monthList) []int {
		var ys []int
		for _, ml := range ms {
			if len(ys) == 0 || ys[len(ys)-1] != ml.month.Year {
				ys = append(ys, ml.month.Year)
			}
		}
		return ys
	}
	before, after := aroundOf(idx0.months), aroundOf(idx1.months)
	for i, ml := range idx1.months {
		if a, ok := before[ml.month]; !ok || a != after[ml.month] {
			months = append(months, i)
		}
	}
	y0, y1 := yearsOf(idx0.months), yearsOf(idx1.months)
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
