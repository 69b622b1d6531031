package cable

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// The 2011 cables.csv is not RFC 4180 CSV, which encoding/csv reads: it has
// no header row, and every record is eight double-quoted fields
//
//	"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED","66STATE106206|66STATE1","header…","body…"
//
// (row, created, id, origin, classification, references joined by '|',
// header, body) in which a quote is written \" (and ' as \', \ as \\), and
// header and body hold raw newlines. A backslash before any other byte is
// kept with that byte. The real file is 1.7 GB: csvReader holds one record
// at a time.

const (
	csvFields  = 8
	csvBufSize = 64 << 10
)

// csvReader is a state machine over a window of the input. It scans for
// the three bytes that matter inside a field (quote, backslash, newline)
// and copies the runs between them.
type csvReader struct {
	name string
	r    io.Reader
	buf  []byte // the window: unread bytes are buf[pos:end]
	pos  int
	end  int
	eof  bool
	err  error // the first read error other than io.EOF
	line int   // line of buf[pos]

	field []byte         // decoded fields of the current record, one after another
	ends  [csvFields]int // end of each field in field
	start int            // line on which the current record starts
}

// readCSV reads a cables.csv dump, one record at a time.
func readCSV(name string, r io.Reader, yield func(Record, error) bool) {
	c := &csvReader{name: name, r: r, buf: make([]byte, csvBufSize), line: 1}
	c.run(yield)
}

// run yields the records, then a read error, or ErrEmpty when the input
// held no record at all.
func (c *csvReader) run(yield func(Record, error) bool) {
	if c.ensure(3) && bytes.HasPrefix(c.buf[c.pos:c.end], []byte("\xef\xbb\xbf")) {
		c.pos += 3
	}
	seen := false
	for {
		if !c.skipBlankLines() {
			break
		}
		seen = true
		rec, err := c.record()
		if c.err != nil {
			break
		}
		if !yield(rec, err) {
			return
		}
	}
	if c.err != nil {
		yield(Record{Pos: Pos{c.name, c.line}, Format: FormatCSV}, fmt.Errorf("%s:%d: %w", c.name, c.line, c.err))
		return
	}
	if !seen {
		pos := Pos{c.name, 1}
		yield(Record{Pos: pos, Format: FormatCSV}, &RecordError{pos, fmt.Errorf("%w: no records", ErrEmpty)})
	}
}

// fill moves the unread bytes to the front of the window and reads more.
// It reports whether it read anything.
func (c *csvReader) fill() bool {
	if c.eof || c.err != nil {
		return false
	}
	if c.pos > 0 {
		c.end = copy(c.buf, c.buf[c.pos:c.end])
		c.pos = 0
	}
	for range 100 {
		n, err := c.r.Read(c.buf[c.end:])
		c.end += n
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			c.err = err
		}
		if n > 0 || c.eof || c.err != nil {
			return n > 0
		}
	}
	c.err = io.ErrNoProgress
	return false
}

// ensure makes n bytes readable if the input has them.
func (c *csvReader) ensure(n int) bool {
	for c.end-c.pos < n {
		if !c.fill() {
			return false
		}
	}
	return true
}

// skipBlankLines passes empty lines between records and reports whether a
// record follows.
func (c *csvReader) skipBlankLines() bool {
	for c.ensure(1) {
		switch {
		case c.buf[c.pos] == '\n':
			c.pos++
			c.line++
		case c.buf[c.pos] == '\r' && c.ensure(2) && c.buf[c.pos+1] == '\n':
			c.pos += 2
			c.line++
		default:
			return true
		}
	}
	return false
}

// atRecordStart reports whether the input continues with the start of a
// record, "<digits>",". Inside a field this cannot happen in a well-formed
// file: a quote there is escaped, or closes the field and is followed by a
// comma or a newline.
func (c *csvReader) atRecordStart() bool {
	if c.pos < c.end && c.buf[c.pos] != '"' {
		return false // the common case, without refilling
	}
	c.ensure(csvStartLen)
	return csvRecordStart(c.buf[c.pos:min(c.end, c.pos+csvStartLen)])
}

// fail makes the error of the current record; with resync, it first skips
// to the next line that starts a record.
func (c *csvReader) fail(resync bool, format string, args ...any) error {
	pos := Pos{c.name, c.start}
	if resync {
		c.resync()
	}
	return &RecordError{pos, fmt.Errorf("%w: "+format, append([]any{ErrCSV}, args...)...)}
}

// resync skips the rest of the current line and every following line that
// does not start a record.
func (c *csvReader) resync() {
	for {
		for {
			i := bytes.IndexByte(c.buf[c.pos:c.end], '\n')
			if i >= 0 {
				c.pos += i + 1
				c.line++
				break
			}
			c.pos = c.end
			if !c.fill() {
				return
			}
		}
		if c.atRecordStart() {
			return
		}
	}
}

// record reads one record starting at c.pos, which is not a newline.
func (c *csvReader) record() (Record, error) {
	c.start = c.line
	c.field = c.field[:0]
	if err := c.fields(); err != nil {
		return Record{Pos: Pos{c.name, c.start}, Format: FormatCSV}, err
	}
	return c.makeRecord(), nil
}

// fields reads the eight fields of a record into c.field and c.ends.
func (c *csvReader) fields() error {
	for k := 0; k < csvFields; k++ {
		if c.buf[c.pos] != '"' {
			if k == 0 {
				return c.fail(true, "expected a record starting with a quoted row number, found %q", c.lineHead())
			}
			return c.fail(true, "field %d is not quoted", k+1)
		}
		c.pos++
		if err := c.quoted(k); err != nil {
			return err
		}
		c.ends[k] = len(c.field)
		// After the closing quote: a comma, or the end of the record.
		c.ensure(2)
		switch {
		case c.pos >= c.end:
			if k < csvFields-1 {
				return c.fail(false, "the file ends after field %d of %d", k+1, csvFields)
			}
		case c.buf[c.pos] == ',':
			c.pos++
			if k == csvFields-1 {
				return c.fail(true, "more than %d fields", csvFields)
			}
			if !c.ensure(1) {
				return c.fail(false, "the file ends after field %d of %d", k+1, csvFields)
			}
		default: // a newline, as quoted checked
			if c.buf[c.pos] == '\r' {
				c.pos++
			}
			c.pos++
			c.line++
			if k < csvFields-1 {
				return c.fail(false, "only %d of %d fields", k+1, csvFields)
			}
		}
	}
	return nil
}

// quoted decodes the content of quoted field k into c.field, up to and
// not including its closing quote, which it leaves at c.pos.
func (c *csvReader) quoted(k int) error {
	for {
		win := c.buf[c.pos:c.end]
		i := bytes.IndexAny(win, "\"\\\n")
		if i < 0 {
			c.field = append(c.field, win...)
			c.pos = c.end
			if len(c.field) > maxRecord {
				return c.fail(true, "%w: more than %d MiB in one record", ErrTooLarge, maxRecord>>20)
			}
			if !c.fill() {
				return c.fail(false, "the file ends inside field %d (unterminated quote)", k+1)
			}
			continue
		}
		c.field = append(c.field, win[:i]...)
		c.pos += i
		switch c.buf[c.pos] {
		case '\n':
			c.field = append(c.field, '\n')
			c.pos++
			c.line++
			if c.atRecordStart() {
				return c.fail(false, "field %d is not terminated before the record on line %d", k+1, c.line)
			}
		case '\\':
			c.ensure(2)
			if c.pos+1 < c.end {
				if e := c.buf[c.pos+1]; e == '"' || e == '\'' || e == '\\' {
					c.field = append(c.field, e)
					c.pos += 2
					continue
				}
			}
			c.field = append(c.field, '\\')
			c.pos++
		case '"':
			c.ensure(3)
			next := c.buf[c.pos+1 : min(c.end, c.pos+3)]
			if len(next) == 0 || next[0] == ',' || next[0] == '\n' || bytes.HasPrefix(next, []byte("\r\n")) {
				c.pos++
				return nil
			}
			// A quote inside a field that its writer forgot to escape:
			// keep it rather than lose the record.
			c.field = append(c.field, '"')
			c.pos++
		}
	}
}

// lineHead is the start of the current line, for messages.
func (c *csvReader) lineHead() string {
	c.ensure(40)
	b := c.buf[c.pos:min(c.end, c.pos+40)]
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// makeRecord copies the fields of the record read into a Record that owns
// its bytes.
func (c *csvReader) makeRecord() Record {
	f := func(k int) []byte {
		from := 0
		if k > 0 {
			from = c.ends[k-1]
		}
		return c.field[from:c.ends[k]]
	}
	header, body := f(6), f(7)
	text := make([]byte, 0, len(header)+2+len(body))
	text = append(append(append(text, header...), "\n\n"...), body...)
	return Record{
		Pos:      Pos{c.name, c.start},
		Format:   FormatCSV,
		Text:     text,
		TextLine: c.start,
		Meta: Meta{
			Row:            string(f(0)),
			Created:        string(f(1)),
			ID:             string(f(2)),
			Origin:         string(f(3)),
			Classification: string(f(4)),
			References:     splitRefs(f(5)),
		},
	}
}

// splitRefs splits the references column, "66STATE106206|66STATE1".
func splitRefs(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	var refs []string
	for r := range strings.SplitSeq(string(b), "|") {
		if r = strings.TrimSpace(r); r != "" {
			refs = append(refs, r)
		}
	}
	return refs
}
