package search

// Ranking is BM25F: a term's count in each field is weighted and
// normalised by the field's length, the sum saturates with k1, and the
// term's rarity (idf) scales it. Subject and TAGS weigh more than the body.
//
// The saturated part depends only on the term and the document, so the
// builder computes it, quantises it to one of `levels` levels and stores
// the level in the posting: the client needs no document lengths, and a
// query's score is the sum over its terms of (k1+1) * idf * the level's
// middle value (search-core.js, impact; the Go mirror's impact in
// mirror_test.go).
const (
	k1 = 1.2

	weightBody    = 1.0
	weightSubject = 3.0
	weightTags    = 3.0 // a TAG, or the cable's id
	weightOrigin  = 1.0

	bBody    = 0.75
	bSubject = 0.5
)

// termWeight is the BM25F pseudo-frequency of a term in a document:
// weighted, length-normalised field counts.
func termWeight(c fieldCounts, subjLen, bodyLen int32, avgSubj, avgBody float64) float64 {
	return docNorms{
		body:    1 / (1 - bBody + bBody*float64(bodyLen)/avgBody),
		subject: 1 / (1 - bSubject + bSubject*float64(subjLen)/avgSubj),
	}.weight(c)
}

// docNorms are a document's length normalisations, per field: what BM25F
// divides a field's count by, inverted.
type docNorms struct{ body, subject float64 }

func (n docNorms) weight(c fieldCounts) float64 {
	tf := 0.0
	if c.body > 0 {
		tf += weightBody * float64(c.body) * n.body
	}
	if c.subject > 0 {
		tf += weightSubject * float64(c.subject) * n.subject
	}
	if c.tags {
		tf += weightTags
	}
	if c.origin {
		tf += weightOrigin
	}
	return tf
}

// saturation is BM25's tf/(k1+tf), in [0, 1).
func saturation(tf float64) float64 { return tf / (k1 + tf) }

// impactLevel quantises a term's saturation in a document to a level.
func impactLevel(c fieldCounts, subjLen, bodyLen int32, avgSubj, avgBody float64) int {
	return quantize(saturation(termWeight(c, subjLen, bodyLen, avgSubj, avgBody)))
}

func (n docNorms) level(c fieldCounts) int { return quantize(saturation(n.weight(c))) }

func quantize(s float64) int { return min(levels-1, max(0, int(s*levels))) }
