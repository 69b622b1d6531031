package cable_test

import (
	"fmt"
	"strings"

	"github.com/cablesite/cablesite/generator/cable"
)

func ExampleRecords() {
	const dump = `"1","9/7/2007 21:47","07STATE126086","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC
TO AMEMBASSY BELGRADE","SUBJECT: BELGRADE\'S \"RHETORIC\""
"2","9/7/2007 21:48","07STATE126087"
"3","9/7/2007 21:49","07STATE126088","Secretary of State","SECRET","07STATE126086","FM SECSTATE WASHDC","TEXT"
`
	for rec, err := range cable.Records("cables.csv", strings.NewReader(dump), cable.FormatAuto) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s %s %q\n", rec.Pos, rec.Format, rec.Meta.ID, rec.Text)
	}
	// Output:
	// cables.csv:1: csv 07STATE126086 "FM SECSTATE WASHDC\nTO AMEMBASSY BELGRADE\n\nSUBJECT: BELGRADE'S \"RHETORIC\""
	// cables.csv:3: malformed cables.csv record: only 3 of 8 fields
	// cables.csv:4: csv 07STATE126088 "FM SECSTATE WASHDC\n\nTEXT"
}
