package search_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/search"
)

// Build an index and write it into a folder (here, in memory): the
// files a site publishes under search/, which the browser client
// (templates/search-core.js) loads as it needs them.
func Example() {
	b := search.NewBuilder(search.Config{})
	b.Add(search.Doc{
		ID: "07STATE126086", Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		Subject: "KOSOVO,S FUTURE STATUS", Origin: "Secretary of State", Classification: "CONFIDENTIAL",
		Tags: []string{"PREL", "KV"}, Body: "WE WANT TO STRESS THAT KOSOVO,S INDEPENDENCE IS THE ONLY WAY FORWARD.",
	})
	b.Add(search.Doc{
		ID: "08BELGRADE55", Date: time.Date(2008, 2, 17, 10, 0, 0, 0, time.UTC),
		Subject: "Kosovo's declaration", Origin: "Embassy Belgrade", Classification: "SECRET",
		Tags: []string{"PGOV", "SR"}, Body: "Kosovo's parliament declared independence today.",
	})
	site := fstest.MapFS{}
	stats, err := b.Write(context.Background(), search.WriterFunc(func(name string, data []byte) error {
		site[name] = &fstest.MapFile{Data: data}
		return nil
	}))
	if err != nil {
		panic(err)
	}
	fmt.Println(stats.Docs, "cables indexed")
	for _, name := range slices.Sorted(maps.Keys(site)) {
		fmt.Println(name)
	}
	// Output:
	// 2 cables indexed
	// search/d/0/0.js
	// search/days.js
	// search/f/0/0.js
	// search/i/0/0.js
	// search/index.js
	// search/p/0/0.js
	// search/q/0/0.js
	// search/s/0/0.js
	// search/t/0/0.js
	// search/tagm.js
	// search/tags.js
}
