package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"testing/fstest"
)

func TestLevelCode(t *testing.T) {
	for _, hist := range [][levels]int64{
		{},
		{1, 2, 3, 4, 5, 6, 7, 8},
		{0, 0, 0, 1 << 40, 0, 0, 0, 0},
		{1, 1, 2, 3, 5, 8, 13, 21}, // Fibonacci: the deepest tree, 7 bits
		{9e6, 1e7, 2e7, 3.1e7, 2.9e7, 2.2e7, 5e6, 2e6},
	} {
		c := newLevelCode(hist)
		// A complete prefix code: Kraft's sum is 1, and no code is the
		// start of another.
		sum := 0
		for l := range levels {
			if c.lens[l] < 1 || c.lens[l] > maxLevelBits {
				t.Fatalf("%v: level %d has %d bits", hist, l, c.lens[l])
			}
			sum += 1 << (maxLevelBits - c.lens[l])
			for m := range levels {
				if m != l && c.lens[m] >= c.lens[l] && c.codes[m]>>(c.lens[m]-c.lens[l]) == c.codes[l] {
					t.Fatalf("%v: the code of level %d starts that of %d", hist, l, m)
				}
			}
		}
		if sum != 1<<maxLevelBits {
			t.Errorf("%v: lengths %v, Kraft's sum %d/128", hist, c.lens, sum)
		}
		// The frequent levels have the short codes.
		for l := range levels {
			for m := range levels {
				if hist[l] > hist[m] && c.lens[l] > c.lens[m] {
					t.Errorf("%v: level %d (%d) has %d bits, level %d (%d) %d", hist, l, hist[l], c.lens[l], m, hist[m], c.lens[m])
				}
			}
		}
	}
}

// randomList returns a sorted list of distinct documents below n, with
// gaps of about mean, and levels.
func randomList(r *rand.Rand, df, n, mean int) ([]int32, []uint8) {
	docs := make([]int32, 0, df)
	lv := make([]uint8, 0, df)
	d := r.IntN(max(1, n/4))
	for len(docs) < df && d < n {
		docs = append(docs, int32(d))
		lv = append(lv, uint8(min(levels-1, r.IntN(levels)*r.IntN(2)+r.IntN(3))))
		if r.IntN(50) == 0 {
			d += 1 + r.IntN(50*mean) // a jump
		} else {
			d += 1 + int(r.ExpFloat64()*float64(mean-1))
		}
	}
	return docs, lv
}

func TestPostingListRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	code := newLevelCode([levels]int64{9e6, 1e7, 2e7, 3.1e7, 2.9e7, 2.2e7, 5e6, 2e6})
	var lens []int
	for _, l := range code.lens {
		lens = append(lens, int(l))
	}
	for i := range 2000 {
		n := 1 + r.IntN(1<<(1+r.IntN(24)))
		docs, lv := randomList(r, 1+r.IntN(1+r.IntN(3000)), n, 1+r.IntN(1+r.IntN(5000)))
		withLevels := i%3 != 0
		if !withLevels {
			lv = nil
		}
		list := string(appendList(nil, docs, lv, &code))
		gotDocs, gotLv, err := decodeList(list, len(docs), withLevels, lens, n)
		if err != nil {
			t.Fatalf("list %d (%d postings below %d): %v", i, len(docs), n, err)
		}
		for j := range docs {
			want := 0
			if withLevels {
				want = int(lv[j])
			}
			if gotDocs[j] != int(docs[j]) || gotLv[j] != want {
				t.Fatalf("list %d, posting %d: got %d/%d, want %d/%d", i, j, gotDocs[j], gotLv[j], docs[j], want)
			}
		}
		// One posting more or less, a document past n: corrupt.
		if _, _, err := decodeList(list, len(docs)+1, withLevels, lens, n); err == nil {
			t.Fatalf("list %d read with one posting more", i)
		}
		if _, _, err := decodeList(list, len(docs), withLevels, lens, int(docs[len(docs)-1])); err == nil {
			t.Fatalf("list %d read with its last document past n", i)
		}
	}
}

// FuzzPostingList encodes lists made from random bytes and reads them back;
// and reads the bytes as a list: an error, never a panic.
func FuzzPostingList(f *testing.F) {
	f.Add([]byte{1, 2, 3}, uint16(0), true)
	f.Add([]byte{0, 0, 0, 0, 255, 7, 1, 200, 9}, uint16(1000), false)
	f.Fuzz(func(t *testing.T, data []byte, first uint16, withLevels bool) {
		var hist [levels]int64
		for i, b := range data {
			hist[i%levels] += int64(b)
		}
		code := newLevelCode(hist)
		var lens []int
		for _, l := range code.lens {
			lens = append(lens, int(l))
		}
		decodeList(string(data), len(data), withLevels, lens, 1<<20)
		docs, lv := []int32{int32(first)}, []uint8{uint8(first % levels)}
		for i := 0; i+1 < len(data); i += 2 {
			docs = append(docs, docs[len(docs)-1]+1+int32(data[i])<<(data[i+1]%12))
			lv = append(lv, data[i+1]%levels)
		}
		if !withLevels {
			lv = nil
		}
		n := int(docs[len(docs)-1]) + 1
		list := string(appendList(nil, docs, lv, &code))
		got, gotLv, err := decodeList(list, len(docs), withLevels, lens, n)
		if err != nil {
			t.Fatal(err)
		}
		for j := range docs {
			if got[j] != int(docs[j]) || (withLevels && gotLv[j] != int(lv[j])) {
				t.Fatalf("posting %d: got %d/%d, want %d/%v", j, got[j], gotLv[j], docs[j], lv)
			}
		}
	})
}

// TestClientDecodesLists runs the client's decoder of posting lists on
// random lists, of every Rice parameter, and on corrupt ones: it reads
// what the Go side reads, and refuses what it refuses.
func TestClientDecodesLists(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 60))
	const n = 1 << 30
	code := newLevelCode([levels]int64{3e6, 1e6, 2e7, 3.1e7, 2.9e7, 2.2e7, 5e6, 2e6})
	ks := map[int]bool{}
	var entries []listEntry
	var lens []int
	var lists []string
	for i := range 400 {
		docs, lv := randomList(r, 1+r.IntN(1+r.IntN(20000)), n, 1<<(i%26)+r.IntN(1<<(i%26)))
		ks[riceParameter(docs)] = true
		term := "word"
		if i%4 == 0 {
			term, lv = "tag:word", nil
		}
		list := string(appendList(nil, docs, lv, &code))
		df := len(docs)
		switch i % 10 {
		case 7:
			df++ // corrupt: a posting short
		case 8:
			list += "!" // corrupt: a digit too many
		}
		entries = append(entries, listEntry{term, df, 0, i})
		lens = append(lens, len(list))
		lists = append(lists, list)
	}
	var all string
	for _, l := range lists {
		all += l
	}
	var levelLens []int
	for _, l := range code.lens {
		levelLens = append(levelLens, int(l))
	}
	root := rootData{Version: version, Docs: n, Alphabet: alphabet, Terminal: terminal, Levels: levels, LevelCode: levelLens,
		Stop: []string{}, Dict: []string{}, Packs: 1, Files: filesPerDir}
	dir := writeDir(t, fstest.MapFS{
		"search/index.js": {Data: fmt.Appendf(nil, "cablesiteSearch.shard(\"index\",%s);\n", jsonValue(root))},
		"search/p/0/0.js": {Data: fmt.Appendf(nil, "cablesiteSearch.shard(\"p/0\",%s);\n", quote(packPayload(lens, []byte(all))))},
	})
	for k := range maxRice + 1 {
		if !ks[k] {
			t.Errorf("no list has the Rice parameter %d", k)
		}
	}
	// The core as written, and as the site's build publishes it.
	for name, script := range map[string]string{"source": coreScript(), "minified": minified(t, coreJS)} {
		t.Run(name, func(t *testing.T) {
			clientReadsLists(t, script, dir, entries, lists, levelLens, n)
		})
	}
}

type listEntry struct {
	Term  string `json:"term"`
	DF    int    `json:"df"`
	Pack  int    `json:"pack"`
	Index int    `json:"index"`
}

// clientReadsLists compares the lists as the client reads them with the
// Go side's reading.
func clientReadsLists(t *testing.T, script, dir string, entries []listEntry, lists []string, levelLens []int, n int) {
	var out struct {
		Lists []struct {
			Docs, Lv []int
			Error    bool
		}
	}
	node(t, script, map[string]any{"index": dir, "lists": entries}, &out)
	if len(out.Lists) != len(entries) {
		t.Fatalf("%d lists read, want %d", len(out.Lists), len(entries))
	}
	for i, e := range entries {
		docs, lv, err := decodeList(lists[i], e.DF, e.Term == "word", levelLens, n)
		got := out.Lists[i]
		if (err != nil) != got.Error {
			t.Fatalf("list %d (%d postings): Go error %v, client error %v", i, e.DF, err, got.Error)
		}
		if err == nil && (!reflect.DeepEqual(docs, got.Docs) || !reflect.DeepEqual(lv, got.Lv)) {
			for j := range docs {
				if j >= len(got.Docs) || docs[j] != got.Docs[j] || lv[j] != got.Lv[j] {
					t.Logf("posting %d of %d/%d", j, len(docs), len(got.Docs))
					break
				}
			}
			t.Fatalf("list %d (%d postings): the client reads other documents or levels:\nGo     %v %v\nclient %v %v", i, e.DF, head(docs), head(lv), head(got.Docs), head(got.Lv))
		}
	}
}
