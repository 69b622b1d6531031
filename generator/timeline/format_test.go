package timeline

import (
	"math"
	"testing"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 1: "1", 999: "999", 1000: "1,000", 12345: "12,345", 251287: "251,287",
		1234567: "1,234,567", -1: "-1", -1000: "-1,000", -123456: "-123,456",
	} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAppendNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {-0.001, "0"}, {1, "1"}, {1.5, "1.5"}, {1.25, "1.25"}, {1.299999, "1.3"},
		{709.4, "709.4"}, {12.005, "12.01"}, {-3.5, "-3.5"}, {1e6, "1000000"},
		{math.NaN(), "0"}, {math.Inf(1), "0"},
	} {
		if got := string(appendNum(nil, tc.v)); got != tc.want {
			t.Errorf("appendNum(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
