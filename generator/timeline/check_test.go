package timeline

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// chartFacts is what checkChart reads back from a chart.
type chartFacts struct {
	titles []string // the text of every <title>, the chart's first
	hrefs  []string // the href of every link, in order
	bars   int      // rect.bar elements
	labels []string // the text of every <text>
}

// checkChart parses svg as XML and checks what every chart must satisfy:
// well-formed, one <svg> root labelled by its <title> and <desc>, no
// script, no style attribute, no event handler attribute, every number
// finite and every shape inside the viewBox.
func checkChart(svg []byte) (chartFacts, error) {
	var f chartFacts
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var stack []string
	var width, height float64
	var text *strings.Builder
	roots := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return f, fmt.Errorf("not well-formed XML: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if len(stack) == 0 {
				roots++
				if name != "svg" {
					return f, fmt.Errorf("root is <%s>, want <svg>", name)
				}
			}
			switch name {
			case "svg", "title", "desc", "text", "g", "a", "rect", "path":
			default:
				return f, fmt.Errorf("unexpected element <%s>", name)
			}
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				k := a.Name.Local
				if k == "style" || strings.HasPrefix(k, "on") {
					return f, fmt.Errorf("<%s> has a %s attribute", name, k)
				}
				attrs[k] = a.Value
			}
			if name == "svg" && len(stack) == 0 {
				var x, y float64
				if _, err := fmt.Sscanf(attrs["viewBox"], "%g %g %g %g", &x, &y, &width, &height); err != nil {
					return f, fmt.Errorf("viewBox %q: %v", attrs["viewBox"], err)
				}
				for _, ref := range strings.Fields(attrs["aria-labelledby"] + " " + attrs["aria-describedby"]) {
					if !bytes.Contains(svg, []byte(`id="`+ref+`"`)) {
						return f, fmt.Errorf("aria reference %q names no element", ref)
					}
				}
			}
			for _, k := range []string{"x", "y", "width", "height"} {
				v, ok := attrs[k]
				if !ok || name == "svg" {
					continue
				}
				n, err := strconv.ParseFloat(v, 64)
				if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
					return f, fmt.Errorf("<%s %s=%q>: not a finite number", name, k, v)
				}
				if n < 0 || (k == "x" || k == "width") && n > width+0.01 || (k == "y" || k == "height") && n > height+0.01 {
					return f, fmt.Errorf("<%s %s=%q>: outside the %gx%g viewBox", name, k, v, width, height)
				}
			}
			if name == "rect" {
				x, _ := strconv.ParseFloat(attrs["x"], 64)
				w, _ := strconv.ParseFloat(attrs["width"], 64)
				y, _ := strconv.ParseFloat(attrs["y"], 64)
				h, _ := strconv.ParseFloat(attrs["height"], 64)
				if x+w > width+0.02 || y+h > height+0.02 || w <= 0 || h < 1 {
					return f, fmt.Errorf("rect %v,%v %vx%v: empty or outside the %gx%g viewBox", x, y, w, h, width, height)
				}
				if attrs["class"] == "bar" {
					f.bars++
				}
			}
			if name == "path" {
				for _, field := range strings.FieldsFunc(attrs["d"], func(r rune) bool { return strings.ContainsRune("MVHv ", r) }) {
					n, err := strconv.ParseFloat(field, 64)
					if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
						return f, fmt.Errorf("path d=%q: %q is not a finite number", attrs["d"], field)
					}
				}
			}
			if name == "a" {
				f.hrefs = append(f.hrefs, attrs["href"])
			}
			if name == "title" || name == "text" {
				text = new(strings.Builder)
			}
			stack = append(stack, name)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch name {
			case "title":
				f.titles = append(f.titles, text.String())
				text = nil
			case "text":
				f.labels = append(f.labels, text.String())
				text = nil
			}
		case xml.CharData:
			if text != nil {
				text.Write(tok)
			}
		}
	}
	if roots != 1 {
		return f, fmt.Errorf("%d root elements, want 1", roots)
	}
	return f, nil
}
