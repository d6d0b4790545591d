// Package migrations embeds the schema. It is named so that it does not shadow
// database/sql in the store code that imports it.
package migrations

import "embed"

// FS holds the tern migrations, applied in file-name order.
//
//go:embed *.sql
var FS embed.FS
