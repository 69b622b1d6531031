package cable

import (
	"bytes"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"csv", `"1","12/28/1966 18:48","66BUENOSAIRES2481"`, FormatCSV},
		{"csv with BOM and blank line", "\xef\xbb\xbf\n\"251287\",\"", FormatCSV},
		{"csv row cut short", `"1",`, FormatText},
		{"quoted text", `"NOT A ROW" SAID THE CABLE`, FormatText},
		{"doctype", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", FormatHTML},
		{"html", "\n  <html><head>", FormatHTML},
		{"fragment", "<table class='cable'>", FormatHTML},
		{"comment", "<!-- saved page -->", FormatHTML},
		{"raw cable", "VZCZCXRO1609\nOO RUEHDBU", FormatText},
		{"raw cable after blank lines", "\n\nUNCLAS STATE 000001", FormatText},
		{"text starting with <<", "<<142612>>\nUNCLAS", FormatText},
		{"a piece of a page's <pre> from a paragraph", "<a id='par5' href='#par5'>¶</a>5. (S) TEXT. &#x000A;KURTZER", FormatText},
		{"a page's <pre> with its paragraph anchors", "<a id='par5' href='#par5'>¶</a>5. <pre>", FormatHTML},
		{"empty", "", FormatText},
		{"binary", "\x00\x01\x02", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.in)); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRecordsAuto checks that detection loses none of the bytes it peeks
// at, also when the source is longer than the peek.
func TestRecordsAuto(t *testing.T) {
	long := "VZCZC\n" + strings.Repeat("TEXT LINE\n", 10000)
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"text", "VZCZC\nTEXT", FormatText},
		{"long text", long, FormatText},
		{"csv", csvRow(1, "07A1", "h", "b"), FormatCSV},
		{"html", page("", "BODY"), FormatHTML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "-", []byte(tt.in), FormatAuto)
			if len(got) != 1 || got[0].err != nil || got[0].rec.Format != tt.want {
				t.Fatalf("got %d results, %v; want one %s record", len(got), firstErr(got), tt.want)
			}
			if tt.want == FormatText && !bytes.Equal(got[0].rec.Text, []byte(tt.in)) {
				t.Errorf("Text differs from the input")
			}
		})
	}
}
