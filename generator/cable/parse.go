package cable

// Parse derives every field it can from a record: from its text first, then
// from the metadata its source gives beside it. Parse never fails: what it
// cannot read it leaves empty and explains in Cable.Warnings.
func Parse(rec Record) *Cable {
	return &Cable{} // TODO(parser helper): implement
}
