package generator

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
)

// InspectConfig configures Inspect. The zero value detects the format and
// prints text.
type InspectConfig struct {
	Format cable.Format
	// JSON prints one JSON object per cable, one a line, with the keys of
	// cable.Cable; otherwise a readable "field: value" listing.
	JSON bool
}

// Inspect prints the parsed fields of every cable of the sources to w, in
// order. Problems go to problems as "file:line: message"; the summary counts
// the records read and rejected (Wrote counts those printed).
func Inspect(ctx context.Context, cfg InspectConfig, sources []Source, w io.Writer, problems io.Writer) (Summary, error) {
	var sum Summary
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, src := range sources {
		ok := readSource(ctx, src, cfg.Format, new(atomic.Int64), func(j importJob) bool {
			sum.Read++
			var u *unreadable
			switch {
			case j.skip != "":
				sum.Skipped++
				fmt.Fprintf(problems, "%s: skipped: %s\n", j.pos, j.skip)
				return true
			case errors.As(j.err, &u):
				sum.Rejected++
				fmt.Fprintf(problems, "%s: %v\n", j.pos, u)
				return true
			case j.err != nil:
				sum.Rejected++
				fmt.Fprintf(problems, "%s: rejected: %v\n", j.pos, j.err)
				return true
			}
			c := cable.Parse(j.rec)
			sum.Wrote++
			if len(c.Warnings) > 0 {
				sum.Warned++
			}
			if cfg.JSON {
				if err := enc.Encode(c); err != nil {
					return false
				}
			} else {
				if sum.Wrote > 1 {
					bw.WriteString("\n")
				}
				fmt.Fprintf(bw, "# %s\n", j.pos)
				writeFields(bw, c)
			}
			return true
		})
		if !ok {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, nil
}

// writeFields prints a cable as "field: value" lines, in the order of the
// JSON keys, skipping empty fields.
func writeFields(w *bufio.Writer, c *cable.Cable) {
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-15s %s\n", k+":", v)
		}
	}
	addressees := func(as []cable.Addressee) string {
		var parts []string
		for _, a := range as {
			s := a.Name
			if a.Route != "" {
				s = a.Route + "/" + s
			}
			if a.Precedence != "" {
				s += " " + a.Precedence
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "; ")
	}
	line("id", c.ID)
	if !c.Date.IsZero() {
		line("date", c.Date.Format(time.RFC3339))
	}
	line("origin", c.Origin)
	line("from", c.From)
	line("to", addressees(c.To))
	line("info", addressees(c.Info))
	line("classification", c.Classification)
	line("handling", strings.Join(c.Handling, ", "))
	line("tags", strings.Join(c.Tags, ", "))
	line("subject", c.Subject)
	for _, r := range c.References {
		if r.ID != "" {
			line("reference", r.ID+" ("+r.Text+")")
		} else {
			line("reference", r.Text)
		}
	}
	line("classified_by", c.ClassifiedBy)
	line("classifier", c.Classifier)
	line("reasons", c.Reasons)
	line("declassify", c.Declassify)
	line("declassify_text", c.DeclassifyText)
	line("signers", strings.Join(c.Signers, ", "))
	line("summary", c.Summary)
	if c.Sections > 0 {
		line("sections", fmt.Sprint(c.Sections))
	}
	if n := len(c.Paragraphs); n > 0 {
		var marks []string
		for _, p := range c.Paragraphs {
			m := fmt.Sprint(p.N)
			if p.Marking != "" {
				m += " (" + p.Marking + ")"
			}
			marks = append(marks, m)
		}
		line("paragraphs", strings.Join(marks, ", "))
	}
	for _, msg := range c.Warnings {
		line("warning", msg)
	}
}
