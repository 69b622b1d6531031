package cable

// Station returns the canonical Cablegate station code for a station name as
// cables write it ("SECSTATE" -> "STATE", "RIO DE JAN" -> "RIODEJANEIRO").
// TODO(places helper).
func Station(name string) string { return name }

// OriginName returns the origin as Cablegate names it ("Secretary of State",
// "Embassy Belgrade") for an FM line ("SECSTATE WASHDC") and, when known,
// the routing indicator of the DE line ("RUEHC"). It returns "" when it
// cannot tell. TODO(places helper).
func OriginName(from, route string) string { return "" }

// CanonicalID canonicalises a cable id as a source writes it ("07SECSTATE126086",
// "07 STATE 00126086") to the Cablegate form ("07STATE126086"). It returns ""
// when s is not a cable id. TODO(places helper).
func CanonicalID(s string) string { return "" }
