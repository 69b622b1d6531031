package taxonomy

import (
	"slices"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"PGOV", "pgov"},
		{"Embassy Belgrade", "embassy-belgrade"},
		{"SECRET//NOFORN", "secret-noforn"},
		{"UNCLASSIFIED//FOR OFFICIAL USE ONLY", "unclassified-for-official-use-only"},
		{"RICE, CONDOLEEZZA", "rice-condoleezza"},
		{"  --KV--  ", "kv"},
		{"../../etc/passwd", "etc-passwd"},
		{"<script>", "script"},
		{"CON", "con-"},
		{"com1", "com1-"},
		{"COM", "com"},
		{"Kosovo’s", "kosovo-s"},
		{"", "x-811c9dc5"},
		{"日本", "x-" + hash8("日本")},
		{strings.Repeat("AB", 50), strings.Repeat("ab", 30)},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"PGOV", "Embassy Belgrade", "", "CON", "../x", "\x00", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" || len(got) > maxSlug+1 || reservedName(got) || got[0] == '-' || got[0] == '.' {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("Slug(%q) = %q: byte %q", s, got, c)
			}
		}
	})
}

func TestGrouping(t *testing.T) {
	// Cables 0-3 in the collection's order 2, 0, 3, 1, with their terms.
	names := [][]string{{"Embassy Belgrade"}, {"A.B"}, {"a-b"}, {"A-B-" + strings.ToUpper(hash8("A.B")), "Embassy Belgrade"}}
	g := NewGrouping("origin")
	terms := make([][]int32, len(names))
	for c, ns := range names {
		for _, n := range ns {
			terms[c] = append(terms[c], g.Intern(n))
		}
	}
	g.Finish([]int32{2, 0, 3, 1}, func(c int32) []int32 { return terms[c] }, OriginSortKey, nil, 3)
	var got []string
	for _, ti := range g.Sorted {
		tm := g.Terms[ti]
		got = append(got, tm.Name+" "+tm.Dir)
	}
	// Slugs are given in name order: "A-B-54538ECC" and "A.B" come before
	// "a-b", whose slug is taken and which gets its hash.
	want := []string{
		"a-b origin/a-/a-b-" + hash8("a-b") + "/",
		"A-B-" + strings.ToUpper(hash8("A.B")) + " origin/a-/a-b-" + hash8("A.B") + "/",
		"A.B origin/a-/a-b/",
		"Embassy Belgrade origin/em/embassy-belgrade/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := g.Terms[g.IDs["Embassy Belgrade"]].Cables; len(c) != 2 || c[0] != 0 || c[1] != 3 {
		t.Errorf("Embassy Belgrade's cables %v, want [0 3]", c)
	}
	h := g.WithCables(map[int32][]int32{g.IDs["A.B"]: nil})
	if len(h.Terms[g.IDs["A.B"]].Cables) != 0 || len(g.Terms[g.IDs["A.B"]].Cables) != 1 {
		t.Error("WithCables changed the grouping it was given")
	}
}

func TestSortKeys(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{OriginSortKey("Embassy Belgrade"), "Belgrade"},
		{OriginSortKey("US Mission to NATO"), "NATO"},
		{OriginSortKey("Embassy "), "Embassy "},
		{ClassificationSortKey("SECRET//NOFORN"), "2SECRET//NOFORN"},
		{ClassificationSortKey("Unclassified"), "0UNCLASSIFIED"},
		{ClassificationSortKey("RESTRICTED"), "9RESTRICTED"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestIndexGroup(t *testing.T) {
	for _, tc := range []struct{ kind, name, want string }{
		{"tag", "PGOV", "P"}, {"tag", "kv", "K"}, {"tag", "9X", "0–9"}, {"tag", "ÉCON", "Other"}, {"tag", "", "Other"},
		{"classification", "SECRET", "Classifications"},
		{"origin", "Embassy Belgrade", IndexGroup("origin", "Embassy Belgrade")},
	} {
		if got := IndexGroup(tc.kind, tc.name); got != tc.want || !slices.Contains(IndexGroups(), got) {
			t.Errorf("IndexGroup(%q, %q) = %q, want %q, one of IndexGroups", tc.kind, tc.name, got, tc.want)
		}
	}
}
