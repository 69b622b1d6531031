package cable

import (
	"fmt"
	"time"
)

// Format names one of the source formats a cable comes in.
type Format string

// The source formats. FormatAuto asks the reader to detect the format from
// the content.
const (
	FormatAuto Format = ""
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatCSV  Format = "csv"
)

// Pos is where a record starts in its source: a file name (or "-" for
// standard input) and a 1-based line number.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Meta holds what a source states about a cable outside its text: the
// metadata table of a Cablegate page, or the columns of cables.csv. Empty
// fields were not given.
type Meta struct {
	ID             string   `json:"id,omitempty" yaml:"id,omitempty"`
	Created        string   `json:"created,omitempty" yaml:"created,omitempty"` // as written: "2007-03-16 07:07", "12/28/1966 18:48"
	Released       string   `json:"released,omitempty" yaml:"released,omitempty"`
	Classification string   `json:"classification,omitempty" yaml:"classification,omitempty"`
	Origin         string   `json:"origin,omitempty" yaml:"origin,omitempty"`
	References     []string `json:"references,omitempty" yaml:"references,omitempty"` // cables.csv column 6, split on '|'
	Row            string   `json:"row,omitempty" yaml:"row,omitempty"`               // cables.csv column 1
	Articles       []string `json:"articles,omitempty" yaml:"articles,omitempty"`     // "Appears in these articles" links
}

// IsZero reports whether the source gave no metadata at all.
func (m Meta) IsZero() bool {
	return m.ID == "" && m.Created == "" && m.Released == "" && m.Classification == "" &&
		m.Origin == "" && len(m.References) == 0 && m.Row == "" && len(m.Articles) == 0
}

// Record is one cable as a source holds it, before parsing: its text (the
// routing header, a blank line, then the body, as the cable was sent) and
// the metadata the source gives beside it.
type Record struct {
	Pos    Pos
	Format Format
	// Text is the cable's text, decoded from the source's own escaping
	// (HTML entities, the CSV dialect's backslash escapes) but otherwise
	// byte for byte: this is what import keeps as the original.
	Text []byte
	// TextLine is the line of Pos.File on which Text begins, so that a
	// line inside Text can be reported as a line of the file.
	TextLine int
	Meta     Meta
}

// Addressee is one entry of a TO or INFO line.
type Addressee struct {
	Name       string `json:"name" yaml:"name"`
	Precedence string `json:"precedence,omitempty" yaml:"precedence,omitempty"`
	Route      string `json:"route,omitempty" yaml:"route,omitempty"`
}

// Reference is one item of a REF line. ID is set only when the item cites
// a cable.
type Reference struct {
	ID   string `json:"id,omitempty" yaml:"id,omitempty"`
	Text string `json:"text" yaml:"text"`
}

// Paragraph is one numbered paragraph of the body.
type Paragraph struct {
	N       int    `json:"n" yaml:"n"`
	Marking string `json:"marking,omitempty" yaml:"marking,omitempty"`
	Text    string `json:"text,omitempty" yaml:"text,omitempty"`
}

// Cable is a parsed cable: every field the reader derives from a record.
// Empty fields could not be found. JSON keys are those of
// `cablesite inspect --json`.
type Cable struct {
	ID             string      `json:"id,omitempty"`
	Date           time.Time   `json:"date,omitzero"`
	Origin         string      `json:"origin,omitempty"`
	From           string      `json:"from,omitempty"`
	To             []Addressee `json:"to,omitempty"`
	Info           []Addressee `json:"info,omitempty"`
	Classification string      `json:"classification,omitempty"`
	Handling       []string    `json:"handling,omitempty"`
	Tags           []string    `json:"tags,omitempty"`
	Subject        string      `json:"subject,omitempty"`
	References     []Reference `json:"references,omitempty"`
	ClassifiedBy   string      `json:"classified_by,omitempty"`
	Classifier     string      `json:"classifier,omitempty"`
	Reasons        string      `json:"reasons,omitempty"`
	Declassify     string      `json:"declassify,omitempty"`
	DeclassifyText string      `json:"declassify_text,omitempty"`
	Signers        []string    `json:"signers,omitempty"`
	Summary        string      `json:"summary,omitempty"`
	Sections       int         `json:"sections,omitempty"`
	Paragraphs     []Paragraph `json:"paragraphs,omitempty"`
	Warnings       []string    `json:"warnings,omitempty"`

	// BodyStart is the byte offset in the record's text where the body
	// proper begins: after the routing header and the header fields
	// (classification line, E.O., TAGS, SUBJECT, REF, Classified By).
	BodyStart int `json:"-"`
}
