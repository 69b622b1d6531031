package site

import (
	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/search"
)

// cleanDocument cleans every text of doc the cable's page shows: its
// fields, body and original. The ids of its references stay as written,
// for they name cables (references shows them cleaned).
func cleanDocument(doc *annotate.Document) {
	c := &doc.Cable
	for _, s := range []*string{&c.ID, &c.Origin, &c.From, &c.Classification, &c.Subject, &c.ClassifiedBy, &c.Classifier,
		&c.Reasons, &c.Declassify, &c.DeclassifyText, &c.Summary} {
		*s = cable.CleanText(*s)
	}
	for _, list := range [][]string{c.Handling, c.Tags, c.Signers, c.Warnings} {
		for i := range list {
			list[i] = cable.CleanText(list[i])
		}
	}
	for _, list := range [][]cable.Addressee{c.To, c.Info} {
		for i := range list {
			a := &list[i]
			a.Name, a.Precedence, a.Route = cable.CleanText(a.Name), cable.CleanText(a.Precedence), cable.CleanText(a.Route)
		}
	}
	for i := range c.References {
		c.References[i].Text = cable.CleanText(c.References[i].Text)
	}
	for i := range c.Paragraphs {
		p := &c.Paragraphs[i]
		p.Marking, p.Text = cable.CleanText(p.Marking), cable.CleanText(p.Text)
	}
	doc.Body = cable.CleanBytes(doc.Body)
	if doc.Original != nil {
		doc.Original = cable.CleanBytes(doc.Original)
	}
}

// searchDoc is what the search index holds of entry e, whose document
// doc is cleaned.
func searchDoc(doc *annotate.Document, e *index.Entry) search.Doc {
	d := search.FromDocument(doc)
	d.ID = cable.CleanText(e.ID)
	d.URL = e.Page()
	return d
}
