package cable

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// A coverageField is one field of the coverage report: whether a parsed
// cable has it, and whether its text carries the field's label (nil for a
// field without one), found by a loose pattern of its own so that a label
// the parser misses shows.
type coverageField struct {
	name  string
	has   func(*Cable) bool
	label *regexp.Regexp
	// floor is the number of real pages that must have the field, and
	// missing the most that may have its label but no value: a parser
	// change that loses a field on a real page fails the test.
	floor, missing int
}

// coverageFields are the fields that come from the cable's text. Their
// floors are what the parser reads today; raise them as it improves.
var coverageFields = []coverageField{
	{name: "id", has: func(c *Cable) bool { return c.ID != "" }, floor: 215},
	{name: "date", has: func(c *Cable) bool { return !c.Date.IsZero() }, floor: 215},
	{name: "tags", has: func(c *Cable) bool { return len(c.Tags) > 0 },
		label: regexp.MustCompile(`(?im)^\W{0,4}(?:TAGS?|TAS|TAGES|TGS|AGS)\b\s*:?`), floor: 215},
	{name: "subject", has: func(c *Cable) bool { return c.Subject != "" },
		label: regexp.MustCompile(`(?i)\b(?:SUBJECT|SUBJ|UBJECT|SUBJET)\s*[:.-]`), floor: 207},
	{name: "references", has: func(c *Cable) bool { return len(c.References) > 0 },
		label: regexp.MustCompile(`(?im)^\W{0,4}(?:REFS?|REFTELS?|REFERENCES?)(?:\s*\(S\))?\s*(?::|\(?[A-Z][.):])`), floor: 125},
	{name: "references citing a cable", has: func(c *Cable) bool {
		return slices.ContainsFunc(c.References, func(r Reference) bool { return r.ID != "" })
	}, floor: 121},
	{name: "classified by", has: func(c *Cable) bool { return c.Classifier != "" },
		label: regexp.MustCompile(`(?i)\bclassified\s+by\b`), floor: 149, missing: 1},
	{name: "reasons", has: func(c *Cable) bool { return c.Reasons != "" },
		label: regexp.MustCompile(`(?i)\bclassified\s+by\b[^\n]*(?:\n[^\n]+)?\b1\s?\.\s?[45]\b`), floor: 149, missing: 1},
	{name: "declassify", has: func(c *Cable) bool { return c.DeclassifyText != "" },
		label: regexp.MustCompile(`(?i)\bDECL\s*:`), floor: 214},
	{name: "signers", has: func(c *Cable) bool { return len(c.Signers) > 0 }, floor: 201},
	{name: "summary", has: func(c *Cable) bool { return c.Summary != "" },
		label: regexp.MustCompile(`(?im)(?:^\W*(?:\d+\.\s*(?:\([A-Z/ ]+\)\s*)?)?(?:BEGIN\s+|EXECUTIVE\s+)?SUMMARY\b|\bEND\s+(?:OF\s+)?SUMMARY\b)`), floor: 149},
	{name: "paragraphs", has: func(c *Cable) bool { return len(c.Paragraphs) > 0 }, floor: 206},
}

// notNames are values that must never be read as a signer or classifier:
// classification and handling markings.
var notNames = regexp.MustCompile(`(?i)^(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SBU|NOFORN|SIPDIS|NNNN|BT|MINIMIZE CONSIDERED|END|COMMENT)$`)

// TestFieldCoverage reports, over the real corpus, how many cables have
// each field that comes from the text, and which carry the field's label
// but got no value. It fails when a field falls below its floor, when more
// labels go unread than allowed, or when a classification marking is read
// as a name. Run it with -v for the report.
func TestFieldCoverage(t *testing.T) {
	files := corpus.Files(t, "real/cablegate-html", ".html")
	type tally struct {
		has     int
		labeled int
		missing []string
	}
	tallies := make([]tally, len(coverageFields))
	n := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range Records(name, f, FormatHTML) {
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			n++
			c := Parse(rec)
			text := string(rec.Text)
			for i, fld := range coverageFields {
				has := fld.has(c)
				if has {
					tallies[i].has++
				}
				if fld.label != nil && fld.label.MatchString(text) {
					tallies[i].labeled++
					if !has {
						tallies[i].missing = append(tallies[i].missing, c.ID)
					}
				}
			}
			for _, s := range c.Signers {
				if notNames.MatchString(s) {
					t.Errorf("%s: signer %q is a marking, not a name", c.ID, s)
				}
			}
			if notNames.MatchString(c.Classifier) {
				t.Errorf("%s: classifier %q is a marking, not a name", c.ID, c.Classifier)
			}
		}
		f.Close()
	}
	t.Logf("%d cables", n)
	t.Logf("%-26s %5s %8s %s", "field", "have", "labeled", "label but no value")
	for i, fld := range coverageFields {
		tl := tallies[i]
		labeled := "-"
		if fld.label != nil {
			labeled = strconv.Itoa(tl.labeled)
		}
		t.Logf("%-26s %5d %8s %d %s", fld.name, tl.has, labeled, len(tl.missing), strings.Join(tl.missing, " "))
		if tl.has < fld.floor {
			t.Errorf("%s: %d cables have it, fewer than the %d it had", fld.name, tl.has, fld.floor)
		}
		if len(tl.missing) > fld.missing {
			t.Errorf("%s: %d cables have the label but no value, more than the %d allowed: %s", fld.name, len(tl.missing), fld.missing, strings.Join(tl.missing, " "))
		}
	}
}
