package search

import "strings"

// TextPath returns the file that holds the text of the cable whose page is
// at url, beside the page: "cable/2006/03/06PARIS23.html" has its text at
// "cable/2006/03/06PARIS23.txt.js" (see Texts in doc.go).
func TextPath(url string) string {
	return strings.TrimSuffix(url, ".html") + ".txt.js"
}

// TextScript returns the file of a cable's text: a script of one
// statement, cablesiteSearch.text(URL,TEXT); with the page's url and text
// (a Doc's Body, as the index read it) as JavaScript string literals. The
// search page loads it as a classic script, which works from disk too, to
// cut snippets and check phrases.
func TextScript(url, text string) []byte {
	u, t := quote([]byte(url)), quote([]byte(text))
	out := make([]byte, 0, len(u)+len(t)+32)
	out = append(out, "cablesiteSearch.text("...)
	out = append(out, u...)
	out = append(out, ',')
	out = append(out, t...)
	return append(out, ");\n"...)
}
