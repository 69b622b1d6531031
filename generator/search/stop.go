package search

// stopList holds the stop words, sorted. They are left out of the
// postings: they occur in nearly every cable, so their lists would be the
// largest of the index and say nothing about a cable. A query ignores
// them, except inside a phrase, where they keep their place (see doc.go).
// The list is written into the index, so the client reads it from there.
// Keep it short: every word here is one a reader cannot search for alone.
var stopList = []string{
	"an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
	"he", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this",
	"to", "was", "were", "which", "will", "with", "would",
}

// isStopWord reports whether term is in stopList, without hashing: the
// switch compiles to a search by length and value. TestStopWords holds the
// two together.
func isStopWord(term []byte) bool {
	switch string(term) {
	case "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to", "was", "were", "which", "will", "with", "would":
		return true
	}
	return false
}

// maxStopLen is the length of the longest stop word.
const maxStopLen = 5
