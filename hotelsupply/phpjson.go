package hotelsupply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// This file holds the tolerant JSON types. The shop is a PHP application:
// the same field arrives as 6 or "6", an empty object as [], a list with gaps
// as an object keyed by index, a bool as 1 or "1". Each type below decodes
// every form seen on the platform into one natural Go value, and marshals
// back to the form the wiki's example shows, so that a fake shop built on
// these types answers like the real one.

var errNotScalar = errors.New("expected a string, number, bool or null")

// one is the text of true.
var one = []byte("1")

// scalarText returns the text of a JSON scalar: the unquoted, trimmed
// content of a string, the literal of a number, "1" for true. empty is true
// for null, false, "", [] and {} (PHP's many spellings of "nothing").
func scalarText(b []byte) (text string, empty bool, err error) {
	var buf []byte
	t, empty, err := scalarBytes(b, &buf)
	return string(t), empty, err
}

// scalarBytes is scalarText without copying: text is a sub-slice of b, or
// of *buf (reused and grown) when the string has escapes.
func scalarBytes(b []byte, buf *[]byte) (text []byte, empty bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, true, nil
	}
	switch b[0] {
	case 'n', 'f':
		if string(b) == "null" || string(b) == "false" {
			return nil, true, nil
		}
	case 't':
		if string(b) == "true" {
			return one, false, nil
		}
	case '"':
		s, err := stringContent(b, buf)
		if err != nil {
			return nil, false, err
		}
		s = bytes.TrimSpace(s)
		return s, len(s) == 0, nil
	case '[', '{':
		if isEmptyContainer(b) {
			return nil, true, nil
		}
		return nil, false, errNotScalar
	default:
		return b, false, nil
	}
	return nil, false, errNotScalar
}

var errBadString = errors.New("malformed string literal")

// stringContent returns what the string literal b (quotes included)
// holds: a sub-slice of b when it has no escapes, else the unescaped text
// in *buf.
func stringContent(b []byte, buf *[]byte) ([]byte, error) {
	if len(b) < 2 || b[len(b)-1] != '"' {
		return nil, errBadString
	}
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return inner, nil
	}
	t, ok := unquoteInto((*buf)[:0], inner)
	*buf = t
	if !ok {
		return nil, errBadString
	}
	return t, nil
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

// parseIntBytes is parseInt over bytes; plain digits need no copy.
func parseIntBytes(s []byte) (int64, error) {
	if n, ok := smallInt(s); ok {
		return n, nil
	}
	return parseInt(string(s))
}

// smallInt parses an optional '-' and 1 to 18 digits, which always fit.
func smallInt(s []byte) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
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

func (i *Int) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	n, err := decodeIntBuf(raw, &d.buf)
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

func (i *IntString) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	n, err := decodeIntBuf(raw, &d.buf)
	*i = IntString(n)
	return err
}

// MarshalJSON writes a quoted number.
func (i IntString) MarshalJSON() ([]byte, error) {
	b := append([]byte{'"'}, strconv.FormatInt(int64(i), 10)...)
	return append(b, '"'), nil
}

func decodeInt(b []byte) (int64, error) {
	var buf []byte
	return decodeIntBuf(b, &buf)
}

func decodeIntBuf(b []byte, buf *[]byte) (int64, error) {
	s, empty, err := scalarBytes(b, buf)
	if err != nil {
		return 0, fmt.Errorf("integer: %w", err)
	}
	if empty {
		return 0, nil
	}
	n, err := parseIntBytes(s)
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
	var buf []byte
	v, err := decodeString(b, &buf)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

func (s *String) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	v, err := decodeString(raw, &d.buf)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// decodeString reads a string as it is (spaces kept), and any other
// scalar as scalarText does.
func decodeString(b []byte, buf *[]byte) (String, error) {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		t, err := stringContent(b, buf)
		if err != nil {
			return "", fmt.Errorf("string: %w", err)
		}
		return String(t), nil
	}
	t, _, err := scalarBytes(b, buf)
	if err != nil {
		return "", fmt.Errorf("string: %w", err)
	}
	return String(t), nil
}

// Bool is a flag that arrives as true, 1, "1", "true", false, 0, "0", "" or
// null. It marshals as a JSON bool (the wiki's is_virtual).
type Bool bool

// UnmarshalJSON accepts the forms listed on Bool.
func (v *Bool) UnmarshalJSON(b []byte) error {
	var buf []byte
	x, err := decodeBool(b, &buf)
	*v = Bool(x)
	return err
}

func (v *Bool) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	x, err := decodeBool(raw, &d.buf)
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
	var buf []byte
	x, err := decodeBool(b, &buf)
	*v = BoolInt(x)
	return err
}

func (v *BoolInt) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	x, err := decodeBool(raw, &d.buf)
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

func decodeBool(b []byte, buf *[]byte) (bool, error) {
	s, empty, err := scalarBytes(b, buf)
	if err != nil {
		return false, fmt.Errorf("bool: %w", err)
	}
	if empty {
		return false, nil
	}
	if v, ok := boolWord(s); ok {
		return v, nil
	}
	if n, err := parseIntBytes(s); err == nil {
		return n != 0, nil
	}
	return false, errors.New("bool: not a boolean")
}

// boolWord reads 1, true, yes, on and their opposites, in any case.
func boolWord(s []byte) (v, ok bool) {
	var lower string
	if !hasNonASCII(s) {
		if len(s) > 5 {
			return false, false
		}
		var a [5]byte
		for i, c := range s {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			a[i] = c
		}
		lower = string(a[:len(s)])
	} else {
		lower = strings.ToLower(string(s))
	}
	switch lower {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}

func hasNonASCII(s []byte) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// CSV is a list the shop sends as one comma-joined string
// ("PARKING,WIFI"). It also accepts a JSON list of strings. It marshals back
// to the comma-joined string.
type CSV []string

// UnmarshalJSON accepts "a,b", ["a","b"], "", null, [] and {}.
func (c *CSV) UnmarshalJSON(b []byte) error {
	var buf []byte
	v, err := decodeCSV(b, &buf)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func (c *CSV) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	v, err := decodeCSV(raw, &d.buf)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func decodeCSV(b []byte, buf *[]byte) (CSV, error) {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' && !isEmptyContainer(b) {
		var items List[String]
		if err := items.UnmarshalJSON(b); err != nil {
			return nil, fmt.Errorf("comma list: %w", err)
		}
		out := make(CSV, 0, len(items))
		for _, it := range items {
			out = append(out, string(it))
		}
		return out, nil
	}
	s, err := decodeString(b, buf)
	if err != nil {
		return nil, fmt.Errorf("comma list: %w", err)
	}
	return splitCSV(string(s)), nil
}

// MarshalJSON writes the comma-joined string.
func (c CSV) MarshalJSON() ([]byte, error) { return json.Marshal(strings.Join(c, ",")) }

// String returns the comma-joined list.
func (c CSV) String() string { return strings.Join(c, ",") }

func splitCSV(s string) CSV {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	out := make(CSV, 0, strings.Count(s, ",")+1)
	for p := range strings.SplitSeq(s, ",") {
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
	if isEmptyJSON(b) {
		*l = nil
		return nil
	}
	return decodeAll(b, l)
}

func (l *List[T]) decodePHP(d *decoder) error {
	switch d.peek() {
	case '[':
		empty, err := d.beginArray()
		if err != nil {
			return err
		}
		if empty {
			*l = nil
			return nil
		}
		f := elemFunc[T]()
		var out []T
		for i := 0; ; i++ {
			var zero T
			out = append(out, zero)
			if err := decodeInto(d, &out[i], f); err != nil {
				return withPath("["+strconv.Itoa(i)+"]", err)
			}
			more, err := d.nextElement()
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
		*l = out
		return nil
	case '{':
		out, err := decodeIndexed[T](d)
		if err != nil {
			return err
		}
		*l = out
		return nil
	}
	raw, err := d.value()
	if err != nil {
		return err
	}
	if isEmptyJSON(raw) {
		*l = nil
		return nil
	}
	return errors.New("expected a list")
}

// decodeIndexed reads an object keyed by index into a list in key order
// (numeric keys by value, then any other keys by name). A repeated key
// keeps its last value.
func decodeIndexed[T any](d *decoder) ([]T, error) {
	empty, err := d.beginObject()
	if err != nil || empty {
		return nil, err
	}
	f := elemFunc[T]()
	var keys []string
	var vals []T
	for {
		k, err := d.key(true)
		if err != nil {
			return nil, err
		}
		key := string(k)
		var v T
		if err := decodeInto(d, &v, f); err != nil {
			return nil, withPath("["+key+"]", err)
		}
		if j := slices.Index(keys, key); j >= 0 {
			vals[j] = v
		} else {
			keys = append(keys, key)
			vals = append(vals, v)
		}
		more, err := d.nextMember()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return lessIndexKey(keys[order[a]], keys[order[b]]) })
	out := make([]T, len(order))
	for i, j := range order {
		out[i] = vals[j]
	}
	return out, nil
}

// MarshalJSON writes a JSON list; an empty one is [].
func (l List[T]) MarshalJSON() ([]byte, error) {
	if len(l) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(l))
}

func sortIndexKeys(keys []string) {
	sort.Slice(keys, func(i, j int) bool { return lessIndexKey(keys[i], keys[j]) })
}

// lessIndexKey orders index keys: numeric keys by value, then any other
// keys by name.
func lessIndexKey(x, y string) bool {
	a, aerr := strconv.ParseInt(x, 10, 64)
	b, berr := strconv.ParseInt(y, 10, 64)
	switch {
	case aerr == nil && berr == nil:
		return a < b
	case aerr == nil:
		return true
	case berr == nil:
		return false
	}
	return x < y
}

// Map is a JSON object keyed by id or index, such as order_goods_deductions
// ({"1":{…}}). PHP sends it as [] when empty and as a list when its keys
// happen to be 0, 1, 2…; a list decodes with keys "0", "1", …. An empty Map
// marshals as [], as PHP's json_encode does.
type Map[T any] map[string]T

// UnmarshalJSON accepts the forms listed on Map.
func (m *Map[T]) UnmarshalJSON(b []byte) error {
	if isEmptyJSON(b) {
		*m = nil
		return nil
	}
	return decodeAll(b, m)
}

func (m *Map[T]) decodePHP(d *decoder) error {
	switch d.peek() {
	case '{':
		empty, err := d.beginObject()
		if err != nil {
			return err
		}
		if empty {
			*m = nil
			return nil
		}
		f := elemFunc[T]()
		out := make(map[string]T)
		for {
			k, err := d.key(true)
			if err != nil {
				return err
			}
			key := string(k)
			var v T
			if err := decodeInto(d, &v, f); err != nil {
				return withPath("["+key+"]", err)
			}
			out[key] = v
			more, err := d.nextMember()
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
		*m = out
		return nil
	case '[':
		empty, err := d.beginArray()
		if err != nil {
			return err
		}
		if empty {
			*m = nil
			return nil
		}
		f := elemFunc[T]()
		out := make(map[string]T)
		for i := 0; ; i++ {
			var v T
			if err := decodeInto(d, &v, f); err != nil {
				return withPath("["+strconv.Itoa(i)+"]", err)
			}
			out[strconv.Itoa(i)] = v
			more, err := d.nextElement()
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
		*m = out
		return nil
	}
	raw, err := d.value()
	if err != nil {
		return err
	}
	if isEmptyJSON(raw) {
		*m = nil
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
// tolerant types. PHP sends an empty object as []: a RawObject keeps it as
// {}, so that it decodes as an empty object.
type RawObject []byte

// UnmarshalJSON keeps a copy of the value; [] is kept as {}.
func (r *RawObject) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' && isEmptyContainer(b) {
		b = []byte("{}")
	}
	*r = append((*r)[:0], b...)
	return nil
}

func (r *RawObject) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	return r.UnmarshalJSON(raw)
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

// decodeAll decodes b, which must hold one value, into v.
func decodeAll(b []byte, v phpValue) error {
	d := &decoder{data: b}
	if err := v.decodePHP(d); err != nil {
		return err
	}
	return d.end()
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
// and nothing else: the engine (phpdecode.go) reads such a struct's fields
// in place, without calling its UnmarshalJSON, when the struct is a field
// or element of another (TestObjectTypesUnmarshalThroughDecodeObject holds
// every UnmarshalJSON of a struct of this package to this form).
func decodeObject[T any](b []byte, v *T) error {
	var zero T
	*v = zero
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	rv := reflect.ValueOf(v).Elem()
	if rv.Kind() != reflect.Struct {
		return json.Unmarshal(b, v)
	}
	d := &decoder{data: b}
	if err := d.object(rv, structInfoFor(rv.Type())); err != nil {
		return err
	}
	return d.end()
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

// locateFieldError runs only after encoding/json failed on a struct the
// engine leaves to it: it decodes the fields one by one to find the one
// that failed.
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

// The amounts and times below decode their common forms here and hand
// anything else to their UnmarshalJSON (money.go, times.go), which stays
// the reference: FuzzFastPathsMatchUnmarshalJSON holds the two to the same
// results.

// zeroDecimals are 0 with 0 to 18 decimals ("0.00"). A decimal.Decimal is
// immutable, so equal amounts can share one.
var zeroDecimals = func() (z [19]decimal.Decimal) {
	for i := range z {
		z[i] = decimal.New(0, int32(-i))
	}
	return z
}()

func (m *Money) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	if v, ok := d.fastMoney(raw); ok {
		*m = v
		return nil
	}
	return m.UnmarshalJSON(raw)
}

// fastMoney reads an amount written as a plain decimal ("440.00", 440,
// -0.5, "") the way UnmarshalJSON would. ok is false for every other form.
// Within one document an amount equal to the previous one shares its
// decimal (PHP repeats the same price across many fields).
func (d *decoder) fastMoney(raw []byte) (m Money, ok bool) {
	s := raw
	if len(s) > 0 && s[0] == '"' {
		s = s[1 : len(s)-1]
		if len(s) == 0 {
			return Money{}, true
		}
	}
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var v int64
	digits, frac, dot := 0, 0, false
	for i, c := range s {
		switch {
		case '0' <= c && c <= '9':
			v = v*10 + int64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return Money{}, false
		}
	}
	if digits == 0 || digits > 18 { // at most 18 decimals: within every bound of parseDecimal
		return Money{}, false
	}
	if v == 0 {
		return Money{d: zeroDecimals[frac]}, true
	}
	if neg {
		v = -v
	}
	exp := int32(-frac)
	if d.lastMoney.set && d.lastMoney.v == v && d.lastMoney.exp == exp {
		return d.lastMoney.m, true
	}
	m = Money{d: decimal.New(v, exp)}
	d.lastMoney.set, d.lastMoney.v, d.lastMoney.exp, d.lastMoney.m = true, v, exp, m
	return m, true
}

func (t *UnixTime) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	if v, ok := fastUnixTime(raw); ok {
		t.Time = v
		return nil
	}
	return t.UnmarshalJSON(raw)
}

func (t *DateTime) decodePHP(d *decoder) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	if v, ok := fastUnixTime(raw); ok {
		t.Time = v
		return nil
	}
	return t.UnmarshalJSON(raw)
}

// fastUnixTime reads unix seconds written as a JSON integer the way
// parseShopTime does; ok is false for every other form.
func fastUnixTime(raw []byte) (time.Time, bool) {
	n, ok := smallInt(raw)
	if !ok || n > 1e11 || n < -1e11 {
		return time.Time{}, false
	}
	if n == 0 {
		return time.Time{}, true
	}
	return time.Unix(n, 0).In(shopZone), true
}
