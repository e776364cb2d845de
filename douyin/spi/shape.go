package spi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Douyin's signature covers the query and the body but not the path, so a
// signed body captured from one endpoint verifies on the other two. Each
// operation therefore requires its own mandatory fields to be present
// (absent is not zero: a cancel without order_status is not the cancel of
// an unpaid order) and refuses the fields that only another operation
// sends. A commit body is the only one with spu_ext_id, check_in, …; a
// payment notification's state is "status", a cancel's "order_status".
// Fields that no SPI operation has are tolerated: Douyin may add some.

// commitOnly are the fields only a commit carries.
var commitOnly = []string{"spu_ext_id", "reserve_amount", "customer_name", "customer_phone",
	"customer_list", "check_in", "check_out", "total_price", "remark"}

// shapes lists, per operation, the fields that must be present (and not
// null) and the fields that belong to another operation.
var shapes = map[Operation]struct{ required, foreign []string }{
	OpCommitOrder: {
		required: []string{"order_id", "spu_ext_id", "status", "reserve_amount", "check_in", "check_out", "total_price"},
		foreign:  []string{"order_status"},
	},
	OpNotifyPayment: {
		required: []string{"order_id", "status"},
		foreign:  append([]string{"order_status"}, commitOnly...),
	},
	OpCancelOrder: {
		required: []string{"order_id", "order_status"},
		foreign:  append([]string{"status"}, commitOnly...),
	},
}

// checkShape reports, as a *douyin.ValidationError, every mandatory field
// of op missing from the JSON object body and every field of another
// operation present in it. body has been decoded once already.
func checkShape(op Operation, body []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return fmt.Errorf("spi: %s: body is not a JSON object", op) // cannot happen after decodeJSON
	}
	shape := shapes[op]
	v := newValidator(op)
	for _, name := range shape.required {
		raw, ok := fields[name]
		v.Check(ok && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")), name, "is required")
	}
	foreign := make([]string, 0, len(shape.foreign))
	for _, name := range shape.foreign {
		if _, ok := fields[name]; ok {
			foreign = append(foreign, name)
		}
	}
	sort.Strings(foreign)
	for _, name := range foreign {
		v.Add(name, "belongs to another SPI operation: is this body meant for %s?", op.Path())
	}
	return v.Err()
}
