package search_test

import (
	"context"
	"fmt"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/search"
)

// Build an index, write it into a folder (here, in memory), and query it
// as the browser would.
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

	s, err := search.Open(site)
	if err != nil {
		panic(err)
	}
	for _, q := range []string{"kosovo's independence", `"kosovo independence"`, "tag:KV", "class:secret kosovo"} {
		res, err := s.Search(q, search.SearchOptions{})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-24s", q)
		for _, h := range res.Hits {
			fmt.Printf(" %s (%s)", h.ID, h.URL)
		}
		fmt.Println()
	}
	// Output:
	// 2 cables indexed
	// kosovo's independence    08BELGRADE55 (cable/2008/02/08BELGRADE55.html) 07STATE126086 (cable/2007/09/07STATE126086.html)
	// "kosovo independence"    07STATE126086 (cable/2007/09/07STATE126086.html)
	// tag:KV                   07STATE126086 (cable/2007/09/07STATE126086.html)
	// class:secret kosovo      08BELGRADE55 (cable/2008/02/08BELGRADE55.html)
}
