package annotate

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"

	"github.com/cablesite/cablesite/generator/cable"
)

// originalMarker is the line that separates the annotated body from the
// original text.
const originalMarker = "<!-- cablesite:original -->"

// Write writes the annotated markdown of one cable: YAML front matter, the
// annotated body, and the original text verbatim. c is what cable.Parse
// derived from rec. The same c and rec always give the same bytes.
func Write(w io.Writer, c *cable.Cable, rec cable.Record) error {
	b, err := Append(nil, c, rec)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("annotate: writing %s: %w", c.ID, err)
	}
	return nil
}

// Append appends the annotated markdown of one cable to b, as Write writes
// it, so that a caller writing many cables can reuse one buffer.
func Append(b []byte, c *cable.Cable, rec cable.Record) ([]byte, error) {
	if y := c.Date.UTC().Year(); !c.Date.IsZero() && (y < 1 || y > 9999) {
		return b, fmt.Errorf("annotate: %s: date %v out of range (years 1-9999 in UTC)", c.ID, c.Date)
	}
	start := len(b)
	b = appendFrontMatter(b, c, rec)
	fmEnd := len(b)
	b = append(b, '\n')
	n := len(b)
	b = appendBody(b, c, rec.Text)
	if len(b) > n {
		b = append(b, '\n')
	}
	b = appendOriginal(b, rec.Text)

	// The digest line is the front matter's last; the title its first.
	file := b[start:]
	l := layout{title: none, notes: none}
	l.digest.end = fmEnd - start - len("---\n")
	l.digest.start = l.digest.end - digestLen
	if title := file[len("---\n"):]; bytes.HasPrefix(title, []byte("title:")) {
		l.title = span{len("---\n"), len("---\n") + bytes.IndexByte(title, '\n') + 1}
	}
	sum := digestOf(file, l)
	copy(file[l.digest.start+len(digestLine):], sum[len("sha256:"):])
	return b, nil
}

// appendOriginal writes the marker line and the original text in a tilde
// fence longer than any run of tildes in it, or, when the text holds what
// a Hugo build would take for a shortcode, as base64.
func appendOriginal(b, text []byte) []byte {
	b = append(b, originalMarker...)
	b = append(b, '\n')
	if bytes.Contains(text, []byte("{{<")) || bytes.Contains(text, []byte("{{%")) {
		b = append(b, "~~~~ base64\n"...)
		enc := base64.StdEncoding
		buf := make([]byte, enc.EncodedLen(len(text)))
		enc.Encode(buf, text)
		for len(buf) > 76 {
			b = append(b, buf[:76]...)
			b = append(b, '\n')
			buf = buf[76:]
		}
		b = append(b, buf...)
		return append(b, "\n~~~~\n"...)
	}
	n := max(longestRun(text, '~')+1, 4)
	b = appendFence(b, n)
	b = append(b, " text\n"...)
	b = append(b, text...)
	b = append(b, '\n')
	b = appendFence(b, n)
	return append(b, '\n')
}

func appendFence(b []byte, n int) []byte {
	for range n {
		b = append(b, '~')
	}
	return b
}

func longestRun(s []byte, c byte) int {
	best := 0
	for {
		i := bytes.IndexByte(s, c)
		if i < 0 {
			return best
		}
		n := 1
		for i+n < len(s) && s[i+n] == c {
			n++
		}
		best = max(best, n)
		s = s[i+n:]
	}
}
