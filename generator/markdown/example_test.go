package markdown_test

import (
	"os"

	"github.com/cablesite/cablesite/generator/markdown"
)

func ExampleRenderer_Render() {
	body := []byte("¶1. (C) AS REPORTED IN [TBILISI 1605](cable:07TBILISI1605), " +
		"[XXXXXXXXXXXX][redacted] MET [STATE 126086](cable:07STATE126086).\n\n" +
		"[redacted]: #redacted\n")
	pages := map[string]string{"07TBILISI1605": "../08/07TBILISI1605.html"}
	r := markdown.New()
	err := r.Render(os.Stdout, body, markdown.ResolverFunc(func(id string) string { return pages[id] }))
	if err != nil {
		panic(err)
	}
	// Output:
	// <p id="par1" class="par"><a class="pilcrow" href="#par1" aria-label="Paragraph 1">¶1.</a> <span class="marking marking-c" title="Confidential">(C)</span> AS REPORTED IN <a class="cable-ref" href="../08/07TBILISI1605.html" data-id="07TBILISI1605">TBILISI 1605</a>, <mark class="redacted" title="Redacted by the publisher">XXXXXXXXXXXX</mark> MET <span class="cable-ref missing" title="not in this collection">STATE 126086</span>.</p>
}
