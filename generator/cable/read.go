package cable

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The reasons a record is rejected. A RecordError wraps one of them, or an
// error that wraps one, so that callers can count rejections by kind.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary data, not cable text")
	ErrNoCable  = errors.New("no cable in page")
	ErrTooLarge = errors.New("record too large")
	ErrCSV      = errors.New("malformed cables.csv record")
	// ErrNotCable is a source that is no cable format at all (markdown,
	// a table, an image), told by its content: import skips it.
	ErrNotCable = errors.New("not a cable")
)

// maxRecord bounds the bytes of one record: the longest real cables are a
// few hundred kilobytes, so anything near this is a wrong input (a whole
// file read as one unterminated field, a disk image) that must not be held
// in memory.
const maxRecord = 64 << 20

// detectSize is how much of a source Detect looks at.
const detectSize = 64 << 10

// RecordError is a record that could not be read. Reading goes on after it
// with the next record of the source.
type RecordError struct {
	Pos Pos
	Err error
}

func (e *RecordError) Error() string { return e.Pos.String() + ": " + e.Err.Error() }

func (e *RecordError) Unwrap() error { return e.Err }

// Records reads the cables of one source, streaming, in source order. name
// is used in positions (a path, or "-"). f selects the format; FormatAuto
// detects it from the first 64 KiB of r without losing them, and refuses a
// source that is no cable format at all (a README, a table, an image) with
// ErrNotCable. A source starting with a UTF-16 byte order mark is decoded
// to UTF-8 first, whatever the format.
//
// A bad record is yielded as (Record{Pos: ...}, *RecordError) and reading
// goes on. An I/O error ends the sequence after being yielded once, as an
// error that is not a *RecordError. The sequence reads r as it goes, so it
// can be ranged over once.
//
// Each yielded Record owns its Text: it stays valid after the next one.
func Records(name string, r io.Reader, f Format) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		br := bufio.NewReaderSize(r, detectSize)
		peek := func(n int) ([]byte, bool) {
			head, err := br.Peek(n)
			if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
				yield(Record{Pos: Pos{File: name, Line: 1}}, fmt.Errorf("%s: %w", name, err))
				return nil, false
			}
			return head, true
		}
		head, ok := peek(2)
		if !ok {
			return
		}
		if enc := utf16BOM(head); enc != nil {
			br = bufio.NewReaderSize(transform.NewReader(br, enc.NewDecoder()), detectSize)
		}
		if f == FormatAuto {
			if head, ok = peek(detectSize); !ok {
				return
			}
			f = Detect(head)
			if why := notCable(head); f == FormatText && why != "" {
				yield(Record{Pos: Pos{File: name, Line: 1}, Format: FormatText}, notCableError(name, why))
				return
			}
		}
		switch f {
		case FormatCSV:
			readCSV(name, br, yield)
		case FormatHTML:
			readHTML(name, br, yield)
		case FormatText:
			readText(name, br, yield)
		default:
			yield(Record{Pos: Pos{File: name}}, fmt.Errorf("%s: unknown format %q", name, string(f)))
		}
	}
}

// utf16BOM returns the encoding of a source that starts with a UTF-16
// byte order mark, or nil. Such a source is read decoded, as UTF-8: its
// records' Text is the UTF-8 text.
func utf16BOM(head []byte) encoding.Encoding {
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	}
	return nil
}

// readAll reads a source that holds one record (a text cable, an HTML
// page), refusing more than maxRecord bytes. It reports an I/O error as it
// is to be yielded, or a *RecordError for an input too large.
func readAll(name string, r io.Reader) ([]byte, error) {
	// io.ReadAll starts at 512 bytes; a page is 40-80 KB.
	data := make([]byte, 0, 64<<10)
	for len(data) <= maxRecord {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):min(cap(data), maxRecord+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(data) > maxRecord {
		return nil, &RecordError{Pos{name, 1}, fmt.Errorf("%w: more than %d MiB in one cable", ErrTooLarge, maxRecord>>20)}
	}
	return data, nil
}
