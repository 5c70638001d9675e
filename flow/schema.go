package flow

import _ "embed"

// SchemaURL is where the JSON Schema of JSONSchema is published, as the
// "#:schema" line of a TOML SOP names it.
const SchemaURL = "https://raw.githubusercontent.com/sopflow/sopflow/main/flow/sop.schema.json"

//go:embed sop.schema.json
var schema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of the SOP model, for
// editors (Taplo and VS Code's Even Better TOML read it through the
// "#:schema" line that `sopflow init` writes) and for apps that store SOPs
// as JSON. It checks the keys, the types and the kinds; what a schema
// cannot say (an actor named in the list, a step reference that exists,
// every step reachable) is left to Parse. The slice is a copy.
func JSONSchema() []byte { return append([]byte(nil), schema...) }
