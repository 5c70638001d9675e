package flow

import "testing"

// TOMLToJSON is asJSON for the tests of package flow_test: a TOML SOP
// re-encoded as JSON, key for key, dates as strings.
func TOMLToJSON(t *testing.T, src []byte) []byte { return asJSON(t, src) }
