package spi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
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

// checkShape reports, as a *hotelsdk.ValidationError, every mandatory field
// of op missing from the JSON object body and every field of another
// operation present in it. body has been decoded once already, so it is a
// valid JSON object: its top-level members are read in one pass without
// decoding them (a repeated name counts with its last value, as in a map).
func checkShape(op Operation, body []byte) error {
	shape := shapes[op]
	var required, foreign [16]bool // present (and, for required, not null)
	if len(shape.required) > len(required) || len(shape.foreign) > len(foreign) ||
		!forEachMember(body, func(key []byte, null bool) {
			for i, name := range shape.required {
				if string(key) == name {
					required[i] = !null
				}
			}
			for i, name := range shape.foreign {
				if string(key) == name {
					foreign[i] = true
				}
			}
		}) {
		return checkShapeDecoded(op, body)
	}
	if !slices.Contains(required[:len(shape.required)], false) && !slices.Contains(foreign[:len(shape.foreign)], true) {
		return nil
	}
	return shapeError(op, func(name string) (present, notNull bool) {
		for i, n := range shape.required {
			if n == name {
				return required[i], required[i]
			}
		}
		for i, n := range shape.foreign {
			if n == name {
				return foreign[i], true
			}
		}
		return false, false
	})
}

// checkShapeDecoded is checkShape through a map of the members: for a body
// whose names have escapes.
func checkShapeDecoded(op Operation, body []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return fmt.Errorf("spi: %s: body is not a JSON object", op) // cannot happen after decodeJSON
	}
	return shapeError(op, func(name string) (present, notNull bool) {
		raw, ok := fields[name]
		return ok, ok && !bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	})
}

// shapeError lists the problems of a body whose members member describes.
func shapeError(op Operation, member func(name string) (present, notNull bool)) error {
	shape := shapes[op]
	v := newValidator(op)
	for _, name := range shape.required {
		_, notNull := member(name)
		v.Check(notNull, name, "is required")
	}
	foreign := make([]string, 0, len(shape.foreign))
	for _, name := range shape.foreign {
		if present, _ := member(name); present {
			foreign = append(foreign, name)
		}
	}
	sort.Strings(foreign)
	for _, name := range foreign {
		v.Add(name, "belongs to another SPI operation: is this body meant for %s?", op.Path())
	}
	return v.Err()
}

// forEachMember calls f with the name of every top-level member of the
// valid JSON object b and whether its value is null. It returns false,
// having called f or not, when b is not an object or a name has escapes.
func forEachMember(b []byte, f func(key []byte, null bool)) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for i < len(b) && b[i] == '"' {
		end := stringEnd(b, i)
		if end < 0 {
			return false
		}
		key := b[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		start := skipSpace(b, i+1)
		i = valueEnd(b, start)
		if i < 0 {
			return false
		}
		f(key, string(b[start:i]) == "null")
		i = skipSpace(b, i)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case '}':
			return true
		case ',':
			i = skipSpace(b, i+1)
		default:
			return false
		}
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the string literal starting at b[i],
// or -1.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// valueEnd returns the index after the (valid) JSON value starting at
// b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j)
				if j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	return j
}
