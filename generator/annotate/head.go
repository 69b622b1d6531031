package annotate

import (
	"bytes"
	"io"
	"io/fs"
)

// What a reader of many files needs of this format without reading every
// file whole: the front matter alone (ReadFrontMatter, then Read), the
// line of a key for its messages (KeyLine), and a file whose original
// section is broken read without it (ReadWithoutOriginal).

// ReadFrontMatter reads the start of the file name of fsys, up to the end
// of its front matter (the line "---" that closes it), into buf, which it
// may grow and returns for reuse. Read reads what it returns as a file
// with an empty body. Reading only the front matter keeps a scan of many
// files cheap whatever the size of their text. A file that does not start
// with "---" is returned up to the end of its first line, and a front
// matter never closed whole: Read reports either.
func ReadFrontMatter(fsys fs.FS, name string, buf []byte) (fm, grown []byte, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, buf, err
	}
	defer f.Close()
	buf = buf[:0]
	scanned := 0    // bytes of buf already searched for the closing line
	opened := false // the opening line has been seen
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, cap(buf)+4096)...)[:len(buf)]
		}
		n, rerr := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		for {
			i := bytes.IndexByte(buf[scanned:], '\n')
			if i < 0 {
				break
			}
			line := buf[scanned : scanned+i]
			scanned += i + 1
			if !opened {
				line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
				if string(trimLineEnd(line)) != "---" {
					return buf[:scanned], buf, nil
				}
				opened = true
				continue
			}
			if string(trimLineEnd(line)) == "---" {
				return buf[:scanned], buf, nil
			}
		}
		if rerr == io.EOF {
			return buf, buf, nil
		}
		if rerr != nil {
			return nil, buf, rerr
		}
	}
}

// KeyLine returns the line of data, a file or its front matter as
// ReadFrontMatter gives it, on which the top-level front matter key is
// (the line "---" that opens the front matter is line 1), or 1 when it is
// absent.
func KeyLine(data []byte, key string) int {
	line := 1
	for rest := data; len(rest) > 0; line++ {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.HasPrefix(l, []byte(key+":")) {
			return line
		}
		rest = after
	}
	return 1
}

// ReadWithoutOriginal reads a file that Read refuses because of its
// original section (a fence never closed, say): the document of what
// precedes the original's marker line, its front matter, body and notes,
// with no original. It returns false when the file has no original
// section or is broken before it: Read's error is then the file's.
func ReadWithoutOriginal(name string, data []byte) (*Document, bool) {
	l := locate(data)
	if l.original < 0 {
		return nil, false
	}
	d, err := Read(name, data[:l.original])
	if err != nil {
		return nil, false
	}
	return d, true
}
