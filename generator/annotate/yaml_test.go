package annotate

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// hostileStrings are field values that break naive YAML or markdown.
var hostileStrings = []string{
	"",
	"plain",
	`quote " inside`,
	`back\slash`,
	"key: value",
	"# not a comment",
	"---",
	"...",
	"{{< shortcode >}}",
	"{{% shortcode %}}",
	"*bold* &anchor !tag |pipe >fold %directive @at `tick",
	"[a](javascript:alert(1))",
	"<img src=x onerror=alert(1)>",
	"new\nline",
	"tab\there",
	"cr\rhere",
	"nul\x00here",
	"bell\x07 esc\x1b del\x7f",
	"nel\u0085 c1\u009f",
	"line sep\u2028para sep\u2029",
	"bom\ufeff nonchar\uffff\ufffe",
	"replacement \ufffd",
	"emoji 😀 and 中文",
	"invalid \xff\xfe utf-8 \xc3",
	" leading and trailing spaces ",
	"true",
	"null",
	"~",
	"0x1F",
	"2007-09-07",
	"1e3",
	"- dash",
	"? question",
	": colon",
	"'single'",
	"\"",
	"\\",
	"\\u0041",
	"a\\nb",
}

func TestQuoted(t *testing.T) {
	for _, s := range hostileStrings {
		t.Run(s, func(t *testing.T) {
			want := strings.ToValidUTF8(s, "\uFFFD")
			q := appendQuoted(nil, s)
			var m map[string]string
			if err := yaml.Unmarshal(append([]byte("v: "), q...), &m); err != nil {
				t.Fatalf("goccy/go-yaml cannot read %s: %v", q, err)
			}
			y := m["v"]
			if y != want {
				t.Errorf("goccy/go-yaml read %s as %q, want %q", q, y, want)
			}
			var j string
			if err := json.Unmarshal(q, &j); err != nil {
				t.Fatalf("encoding/json cannot read %s: %v", q, err)
			}
			if j != want {
				t.Errorf("encoding/json read %s as %q, want %q", q, j, want)
			}
			f, ok := parseQuoted(string(q))
			if !ok || f != want {
				t.Errorf("parseQuoted(%s) = %q, %v; want %q", q, f, ok, want)
			}
		})
	}
}
