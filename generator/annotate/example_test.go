package annotate_test

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
)

func Example() {
	rec := cable.Record{
		Pos:    cable.Pos{File: "example.txt", Line: 1},
		Format: cable.FormatText,
		Text:   []byte("SUBJECT: KOSOVO,S ELECTIONS\n\n1. (C) XXXXXXXXXXXX SAID THE VOTE,\nAS REFTEL EXPECTED, WILL GO AHEAD.\n"),
	}
	c := &cable.Cable{
		ID:         "07STATE126086",
		Date:       time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		Subject:    "KOSOVO,S ELECTIONS",
		References: []cable.Reference{{ID: "07TBILISI1605", Text: "TBILISI 1605"}},
		Paragraphs: []cable.Paragraph{{N: 1, Marking: "C"}},
		BodyStart:  len("SUBJECT: KOSOVO,S ELECTIONS\n\n"),
	}
	var md bytes.Buffer
	if err := annotate.Write(&md, c, rec); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(annotate.Path(c))
	os.Stdout.Write(md.Bytes())

	d, err := annotate.Read(annotate.Path(c), md.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Cable.ID, d.BodyLine, bytes.Equal(d.Original, rec.Text))
	// Output:
	// cables/2007/09/07STATE126086.md
	// ---
	// title: "KOSOVO,S ELECTIONS"
	// date: 2007-09-07T21:47:00Z
	// id: "07STATE126086"
	// url: "/cable/2007/09/07STATE126086.html"
	// subject: "KOSOVO,S ELECTIONS"
	// references:
	//   - id: "07TBILISI1605"
	//     text: "TBILISI 1605"
	// paragraphs:
	//   - n: 1
	//     marking: "C"
	// source:
	//   format: "text"
	//   file: "example.txt"
	//   line: 1
	//   digest: "sha256:4fda1f5f6140e8b59891bb73914b9cf860fea64f8eadc78a8c9ebb2c824cb207"
	// ---
	//
	// References:
	//
	// - [TBILISI 1605](cable:07TBILISI1605)
	//
	// ¶1. (C) [XXXXXXXXXXXX][redacted] SAID THE VOTE, AS [REFTEL](cable:07TBILISI1605) EXPECTED, WILL GO AHEAD.
	//
	// [redacted]: #redacted
	//
	// <!-- cablesite:original -->
	// ~~~~ text
	// SUBJECT: KOSOVO,S ELECTIONS
	//
	// 1. (C) XXXXXXXXXXXX SAID THE VOTE,
	// AS REFTEL EXPECTED, WILL GO AHEAD.
	//
	// ~~~~
	// 07STATE126086 19 true
}
