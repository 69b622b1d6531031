package cable_test

import (
	"fmt"

	"github.com/cablesite/cablesite/generator/cable"
)

func ExampleCanonicalID() {
	fmt.Println(cable.CanonicalID("07SECSTATE126086"))
	fmt.Println(cable.CanonicalID("07 RIO DE JAN 00311"))
	fmt.Println(cable.CanonicalID("see the REF line") == "")
	// Output:
	// 07STATE126086
	// 07RIODEJANEIRO311
	// true
}

func ExampleOriginName() {
	fmt.Println(cable.OriginName("SECSTATE WASHDC", "RUEHC"))
	fmt.Println(cable.OriginName("USMISSION USUN NEW YORK", ""))
	fmt.Println(cable.OriginName("USEU BRUSSELS", "RUEHBS"))
	// Output:
	// Secretary of State
	// USUN New York
	// USEU Brussels
}

func ExampleStationNumberID() {
	// REF: A. TBILISI 1605 in a cable of 2007.
	fmt.Println(cable.StationNumberID(2007, "TBILISI", "1605"))
	fmt.Println(cable.StationOrigin("TBILISI"))
	// Output:
	// 07TBILISI1605
	// Embassy Tbilisi
}
