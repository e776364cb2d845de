package hotelsupply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// This file holds the tolerant JSON types. The shop is a PHP application:
// the same field arrives as 6 or "6", an empty object as [], a list with gaps
// as an object keyed by index, a bool as 1 or "1". Each type below decodes
// every form seen on the platform into one natural Go value, and marshals
// back to the form the wiki's example shows, so that a fake shop built on
// these types answers like the real one.

var errNotScalar = errors.New("expected a string, number, bool or null")

// scalarText returns the text of a JSON scalar: the unquoted, trimmed
// content of a string, the literal of a number, "1" for true. empty is true
// for null, false, "", [] and {} (PHP's many spellings of "nothing").
func scalarText(b []byte) (text string, empty bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "", true, nil
	}
	switch b[0] {
	case 'n', 'f':
		if string(b) == "null" || string(b) == "false" {
			return "", true, nil
		}
	case 't':
		if string(b) == "true" {
			return "1", false, nil
		}
	case '"':
		var s string
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 && b[len(b)-1] == '"' {
			s = string(b[1 : len(b)-1])
		} else if err := json.Unmarshal(b, &s); err != nil {
			return "", false, err
		}
		s = strings.TrimSpace(s)
		return s, s == "", nil
	case '[', '{':
		if isEmptyContainer(b) {
			return "", true, nil
		}
		return "", false, errNotScalar
	default:
		return string(b), false, nil
	}
	return "", false, errNotScalar
}

// isEmptyContainer reports whether b is [] or {} (with any inner spaces).
func isEmptyContainer(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	open, last := b[0], b[len(b)-1]
	if !(open == '[' && last == ']') && !(open == '{' && last == '}') {
		return false
	}
	return len(bytes.TrimSpace(b[1:len(b)-1])) == 0
}

// isEmptyJSON reports whether b is one of PHP's spellings of an absent
// value: null, false, "", [] or {}.
func isEmptyJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "", "null", "false", `""`:
		return true
	}
	return isEmptyContainer(b)
}

// int64 bounds as decimals, for the range check of parseInt.
var (
	minInt64 = decimal.NewFromInt(math.MinInt64)
	maxInt64 = decimal.NewFromInt(math.MaxInt64)
)

// parseInt parses an integer written as "6", "6.00", "6e2" or 6. A value
// outside int64 is an error, never a wrapped-around number.
func parseInt(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	d, err := parseDecimal(s)
	if err != nil || !d.IsInteger() {
		return 0, errors.New("not an integer")
	}
	if d.LessThan(minInt64) || d.GreaterThan(maxInt64) {
		return 0, errors.New("integer out of range")
	}
	return d.IntPart(), nil
}

// Int is an integer that arrives as 6, "6", "" or null. It marshals as a
// JSON number, the form the wiki shows for ids such as hotel.id.
type Int int64

// UnmarshalJSON accepts a number, a numeric string, true/false, "", null, [] and {}.
func (i *Int) UnmarshalJSON(b []byte) error {
	n, err := decodeInt(b)
	*i = Int(n)
	return err
}

// MarshalJSON writes a JSON number.
func (i Int) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(i), 10), nil }

// IntString is an integer the shop writes as a string ("6", as in
// hotel_supply_order.uniacid). It decodes like Int and marshals as "6".
type IntString int64

// UnmarshalJSON accepts a number, a numeric string, true/false, "", null, [] and {}.
func (i *IntString) UnmarshalJSON(b []byte) error {
	n, err := decodeInt(b)
	*i = IntString(n)
	return err
}

// MarshalJSON writes a quoted number.
func (i IntString) MarshalJSON() ([]byte, error) {
	b := append([]byte{'"'}, strconv.FormatInt(int64(i), 10)...)
	return append(b, '"'), nil
}

func decodeInt(b []byte) (int64, error) {
	s, empty, err := scalarText(b)
	if err != nil {
		return 0, fmt.Errorf("integer: %w", err)
	}
	if empty {
		return 0, nil
	}
	n, err := parseInt(s)
	if err != nil {
		return 0, fmt.Errorf("integer: %w", err)
	}
	return n, nil
}

// String is text that may arrive as a number (6), null, false or "".
// Numbers keep their literal text; null, false, [] and {} become "".
type String string

// UnmarshalJSON accepts a string, a number, a bool, null, [] and {}.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 && b[len(b)-1] == '"' {
			*s = String(b[1 : len(b)-1])
			return nil
		}
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("string: %w", err)
		}
		*s = String(v)
		return nil
	}
	t, _, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("string: %w", err)
	}
	*s = String(t)
	return nil
}

// Bool is a flag that arrives as true, 1, "1", "true", false, 0, "0", "" or
// null. It marshals as a JSON bool (the wiki's is_virtual).
type Bool bool

// UnmarshalJSON accepts the forms listed on Bool.
func (v *Bool) UnmarshalJSON(b []byte) error {
	x, err := decodeBool(b)
	*v = Bool(x)
	return err
}

// MarshalJSON writes true or false.
func (v Bool) MarshalJSON() ([]byte, error) { return strconv.AppendBool(nil, bool(v)), nil }

// BoolInt is a flag the shop writes as 1 or 0 (the wiki's isdefault,
// is_manfang, order_goods.need_address). It decodes like Bool.
type BoolInt bool

// UnmarshalJSON accepts the forms listed on Bool.
func (v *BoolInt) UnmarshalJSON(b []byte) error {
	x, err := decodeBool(b)
	*v = BoolInt(x)
	return err
}

// MarshalJSON writes 1 or 0.
func (v BoolInt) MarshalJSON() ([]byte, error) {
	if v {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

func decodeBool(b []byte) (bool, error) {
	s, empty, err := scalarText(b)
	if err != nil {
		return false, fmt.Errorf("bool: %w", err)
	}
	if empty {
		return false, nil
	}
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	if n, err := parseInt(s); err == nil {
		return n != 0, nil
	}
	return false, errors.New("bool: not a boolean")
}

// CSV is a list the shop sends as one comma-joined string
// ("PARKING,WIFI"). It also accepts a JSON list of strings. It marshals back
// to the comma-joined string.
type CSV []string

// UnmarshalJSON accepts "a,b", ["a","b"], "", null, [] and {}.
func (c *CSV) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' && !isEmptyContainer(b) {
		var items List[String]
		if err := items.UnmarshalJSON(b); err != nil {
			return fmt.Errorf("comma list: %w", err)
		}
		out := make(CSV, 0, len(items))
		for _, it := range items {
			out = append(out, string(it))
		}
		*c = out
		return nil
	}
	var s String
	if err := s.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("comma list: %w", err)
	}
	*c = splitCSV(string(s))
	return nil
}

// MarshalJSON writes the comma-joined string.
func (c CSV) MarshalJSON() ([]byte, error) { return json.Marshal(strings.Join(c, ",")) }

// String returns the comma-joined list.
func (c CSV) String() string { return strings.Join(c, ",") }

func splitCSV(s string) CSV {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make(CSV, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// List is a JSON list that PHP may also send as an object keyed by index
// ({"0":…,"2":…}, a list with gaps) or as null, "", false or {} when empty.
// Elements of an index-keyed object are kept in key order. An empty List
// marshals as [] (never null), as PHP's json_encode does.
type List[T any] []T

// UnmarshalJSON accepts the forms listed on List.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isEmptyJSON(b) {
		*l = nil
		return nil
	}
	switch b[0] {
	case '[':
		s, err := decodeSlice[T](b)
		if err != nil {
			return err
		}
		*l = s
		return nil
	case '{':
		m, keys, err := indexedObject(b)
		if err != nil {
			return err
		}
		out := make([]T, len(keys))
		for i, k := range keys {
			if err := json.Unmarshal(m[k], &out[i]); err != nil {
				return withPath("["+k+"]", err)
			}
		}
		*l = out
		return nil
	}
	return errors.New("expected a list")
}

// MarshalJSON writes a JSON list; an empty one is [].
func (l List[T]) MarshalJSON() ([]byte, error) {
	if len(l) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(l))
}

// indexedObject decodes an object keyed by index and returns its keys in
// order: numeric keys by value, then any other keys by name.
func indexedObject(b []byte) (map[string]json.RawMessage, []string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, nil, err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortIndexKeys(keys)
	return m, keys, nil
}

func sortIndexKeys(keys []string) {
	sort.Slice(keys, func(i, j int) bool {
		a, aerr := strconv.ParseInt(keys[i], 10, 64)
		b, berr := strconv.ParseInt(keys[j], 10, 64)
		switch {
		case aerr == nil && berr == nil:
			return a < b
		case aerr == nil:
			return true
		case berr == nil:
			return false
		}
		return keys[i] < keys[j]
	})
}

// Map is a JSON object keyed by id or index, such as order_goods_deductions
// ({"1":{…}}). PHP sends it as [] when empty and as a list when its keys
// happen to be 0, 1, 2…; a list decodes with keys "0", "1", …. An empty Map
// marshals as [], as PHP's json_encode does.
type Map[T any] map[string]T

// UnmarshalJSON accepts the forms listed on Map.
func (m *Map[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isEmptyJSON(b) {
		*m = nil
		return nil
	}
	switch b[0] {
	case '{':
		var out map[string]T
		if err := json.Unmarshal(b, &out); err != nil {
			raw, keys, ierr := indexedObject(b)
			if ierr != nil {
				return err
			}
			elems := make([]json.RawMessage, len(keys))
			for i, k := range keys {
				elems[i] = raw[k]
			}
			return locateElementError[T](elems, keys, err)
		}
		*m = out
		return nil
	case '[':
		s, err := decodeSlice[T](b)
		if err != nil {
			return err
		}
		out := make(map[string]T, len(s))
		for i, v := range s {
			out[strconv.Itoa(i)] = v
		}
		*m = out
		return nil
	}
	return errors.New("expected an object")
}

// MarshalJSON writes a JSON object with sorted keys; an empty Map is [].
func (m Map[T]) MarshalJSON() ([]byte, error) {
	if len(m) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(map[string]T(m))
}

// Keys returns the keys in index order (numeric keys by value first).
func (m Map[T]) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortIndexKeys(keys)
	return keys
}

// Values returns the values in the order of Keys.
func (m Map[T]) Values() []T {
	out := make([]T, 0, len(m))
	for _, k := range m.Keys() {
		out = append(out, m[k])
	}
	return out
}

// RawObject keeps a JSON value whose shape the wiki does not document (for
// example the elements of order_coupons, always [] in the wiki's example).
// Decode reads it into a struct of your own, which may use this package's
// tolerant types.
type RawObject []byte

// UnmarshalJSON keeps a copy of the value.
func (r *RawObject) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], bytes.TrimSpace(b)...)
	return nil
}

// MarshalJSON writes the value as received; an empty RawObject is null.
func (r RawObject) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	if !json.Valid(r) {
		return nil, errors.New("raw object: invalid JSON")
	}
	return r, nil
}

// Decode unmarshals the value into v.
func (r RawObject) Decode(v any) error {
	if len(r) == 0 {
		return errors.New("raw object: empty")
	}
	return json.Unmarshal(r, v)
}

// decodeObject decodes a JSON object into v and treats PHP's empty
// spellings (null, false, "", [], {}) as an empty object. v is first reset
// to its zero value, so nothing of an earlier decode survives. On failure it
// names the offending field by its wire path.
//
// It is the body of every struct's UnmarshalJSON, called as
//
//	type plain Hotel // the same fields, without the UnmarshalJSON method
//	return decodeObject(b, (*plain)(h))
//
// The local type is what stops json.Unmarshal from calling the method again.
func decodeObject[T any](b []byte, v *T) error {
	var zero T
	*v = zero
	b = bytes.TrimSpace(b)
	if isEmptyJSON(b) {
		return nil
	}
	if b[0] != '{' {
		return errors.New("expected an object")
	}
	err := json.Unmarshal(b, v)
	if err != nil {
		return locateFieldError(b, v, err)
	}
	return nil
}

// fieldError is a decode error with the wire path of the value that failed,
// e.g. orders[0].hotel_supply_order.nums.
type fieldError struct {
	path string
	err  error
}

func (e *fieldError) Error() string { return e.path + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// withPath prefixes err with a path element: a key ("nums") or an index
// ("[0]").
func withPath(elem string, err error) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		sep := "."
		if strings.HasPrefix(fe.path, "[") {
			sep = ""
		}
		return &fieldError{path: elem + sep + fe.path, err: fe.err}
	}
	return &fieldError{path: elem, err: err}
}

// locateFieldError runs only after a failure: it decodes the fields of the
// struct behind v one by one to find the one that failed.
func locateFieldError(b []byte, v any, err error) error {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return err
	}
	rt := reflect.TypeOf(v).Elem()
	if rt.Kind() != reflect.Struct {
		return err
	}
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		raw, ok := m[name]
		if !ok || name == "" || name == "-" {
			continue
		}
		if ferr := json.Unmarshal(raw, reflect.New(f.Type).Interface()); ferr != nil {
			return withPath(name, ferr)
		}
	}
	return err
}

// decodeSlice decodes a JSON list; on failure it names the element that
// failed by its index.
func decodeSlice[T any](b []byte) ([]T, error) {
	var s []T
	if err := json.Unmarshal(b, &s); err != nil {
		var elems []json.RawMessage
		if json.Unmarshal(b, &elems) != nil {
			return nil, err
		}
		return nil, locateElementError[T](elems, nil, err)
	}
	return s, nil
}

// locateElementError finds which element of a list failed to decode.
func locateElementError[T any](elems []json.RawMessage, keys []string, err error) error {
	for i, raw := range elems {
		var v T
		if eerr := json.Unmarshal(raw, &v); eerr != nil {
			if keys != nil {
				return withPath("["+keys[i]+"]", eerr)
			}
			return withPath("["+strconv.Itoa(i)+"]", eerr)
		}
	}
	return err
}
