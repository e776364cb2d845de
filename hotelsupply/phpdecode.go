package hotelsupply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is the engine under the tolerant types of phpjson.go: one pass
// over the bytes of a document, decoding straight into the Go values.
//
// encoding/json hands each UnmarshalJSON the bytes of its value, which it
// has scanned to find where the value ends; a tolerant struct that calls
// json.Unmarshal on its own fields makes encoding/json scan them again, and
// so on down the tree. Here a struct of this package is decoded by reading
// its members from a shared decoder, so every byte is read once (and a
// value whose bytes a tolerant scalar needs is handed over as a sub-slice,
// never copied).
//
// What it decodes natively:
//   - the types that implement phpValue (the tolerant scalars, List, Map,
//     RawObject, Money, UnixTime, DateTime): decodePHP reads one value;
//   - struct types of this package whose UnmarshalJSON is exactly
//     `type plain T; return decodeObject(b, (*plain)(t))` (a test holds
//     every such method to that form): their fields are read in place,
//     with decodeObject's rules (PHP's empty spellings, reset first);
//   - pointers to any of these (null is nil, as with encoding/json).
// Anything else (a field of a Go type such as int, or of a type with an
// UnmarshalJSON of its own) gets the bytes of its value through
// json.Unmarshal or its UnmarshalJSON, which is what encoding/json would
// have done.
//
// The decoder checks the syntax of everything it reads, skipped values
// included, so a body it accepts is valid JSON.

// phpValue is implemented by the types that read themselves from the
// decoder. decodePHP reads exactly one JSON value.
type phpValue interface {
	decodePHP(d *decoder) error
}

// decoder reads one JSON document.
type decoder struct {
	data  []byte
	i     int // next byte to read
	depth int
	// buf holds an unescaped key or string; it is overwritten by the next.
	buf []byte
	// lastMoney is the last non-zero amount read (see fastMoney).
	lastMoney struct {
		set bool
		v   int64
		exp int32
		m   Money
	}
}

// maxNesting bounds the nesting of arrays and objects, as encoding/json does.
const maxNesting = 10000

// jsonSyntaxError is a document that is not valid JSON.
type jsonSyntaxError struct {
	msg    string
	offset int
}

func (e *jsonSyntaxError) Error() string {
	return "invalid JSON at offset " + strconv.Itoa(e.offset) + ": " + e.msg
}

func (d *decoder) syntaxError(msg string) error {
	return &jsonSyntaxError{msg: msg, offset: d.i}
}

func (d *decoder) unexpected(what string) error {
	if d.i >= len(d.data) {
		return d.syntaxError("unexpected end of input " + what)
	}
	return d.syntaxError(fmt.Sprintf("invalid character %q %s", d.data[d.i], what))
}

// end checks that only white space is left.
func (d *decoder) end() error {
	d.skipSpace()
	if d.i != len(d.data) {
		return d.unexpected("after the top-level value")
	}
	return nil
}

func (d *decoder) skipSpace() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next byte that is not white space, 0 at the end.
func (d *decoder) peek() byte {
	d.skipSpace()
	if d.i < len(d.data) {
		return d.data[d.i]
	}
	return 0
}

// value reads the next value, checking its syntax, and returns its bytes (a
// sub-slice of the document).
func (d *decoder) value() ([]byte, error) {
	d.skipSpace()
	start := d.i
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.i], nil
}

// skip reads the next value, checking its syntax.
func (d *decoder) skip() error {
	switch c := d.peek(); {
	case c == '"':
		_, err := d.scanString()
		return err
	case c == '{':
		return d.skipObject()
	case c == '[':
		return d.skipArray()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		return d.scanNumber()
	}
	return d.unexpected("looking for the beginning of a value")
}

func (d *decoder) literal(lit string) error {
	if len(d.data)-d.i >= len(lit) && string(d.data[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return nil
	}
	for j := 1; j < len(lit); j++ { // point at the first wrong byte
		if d.i+j >= len(d.data) || d.data[d.i+j] != lit[j] {
			d.i += j
			break
		}
	}
	return d.unexpected("in literal " + lit)
}

// scanString reads a string literal (d.data[d.i] is its quote) and reports
// whether it has escapes.
func (d *decoder) scanString() (escaped bool, err error) {
	data := d.data
	i := d.i + 1
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.i = i + 1
			return escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				d.i = len(data)
				return false, d.unexpected("in string escape")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for j := i + 2; j < i+6; j++ {
					if j >= len(data) || !isHex(data[j]) {
						d.i = j
						return false, d.unexpected("in \\u escape")
					}
				}
				i += 6
			default:
				d.i = i + 1
				return false, d.unexpected("in string escape")
			}
		case c < 0x20:
			d.i = i
			return false, d.unexpected("in string literal")
		default:
			i++
		}
	}
	d.i = len(data)
	return false, d.unexpected("in string literal")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// scanNumber reads a number literal.
func (d *decoder) scanNumber() error {
	data, i := d.data, d.i
	digits := func() bool {
		start := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		return i > start
	}
	if data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		digits()
	default:
		d.i = i
		return d.unexpected("in numeric literal")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			d.i = i
			return d.unexpected("after decimal point in numeric literal")
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			d.i = i
			return d.unexpected("in exponent of numeric literal")
		}
	}
	d.i = i
	return nil
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxNesting {
		return d.syntaxError("exceeded max depth")
	}
	return nil
}

func (d *decoder) skipObject() error {
	empty, err := d.beginObject()
	if err != nil || empty {
		return err
	}
	for {
		if _, err := d.key(false); err != nil {
			return err
		}
		if err := d.skip(); err != nil {
			return err
		}
		if more, err := d.nextMember(); err != nil || !more {
			return err
		}
	}
}

func (d *decoder) skipArray() error {
	empty, err := d.beginArray()
	if err != nil || empty {
		return err
	}
	for {
		if err := d.skip(); err != nil {
			return err
		}
		if more, err := d.nextElement(); err != nil || !more {
			return err
		}
	}
}

// beginObject reads '{' (the caller has peeked it) and reports whether the
// object is empty, in which case its '}' is read too.
func (d *decoder) beginObject() (empty bool, err error) {
	if err := d.enter(); err != nil {
		return false, err
	}
	d.i++
	if d.peek() == '}' {
		d.i++
		d.depth--
		return true, nil
	}
	return false, nil
}

// key reads a member's name and its colon. With unescape, an escaped name
// is returned unescaped (in d.buf, valid until the next key or string).
func (d *decoder) key(unescape bool) ([]byte, error) {
	if d.peek() != '"' {
		return nil, d.unexpected("looking for the beginning of an object key string")
	}
	start := d.i
	escaped, err := d.scanString()
	if err != nil {
		return nil, err
	}
	k := d.data[start+1 : d.i-1]
	if escaped && unescape {
		k, _ = unquoteInto(d.buf[:0], k)
		d.buf = k
	}
	if d.peek() != ':' {
		return nil, d.unexpected("after object key")
	}
	d.i++
	return k, nil
}

// nextMember reads the ',' or '}' after a member's value.
func (d *decoder) nextMember() (more bool, err error) {
	switch d.peek() {
	case ',':
		d.i++
		return true, nil
	case '}':
		d.i++
		d.depth--
		return false, nil
	}
	return false, d.unexpected("after object key:value pair")
}

// beginArray reads '[' (the caller has peeked it) and reports whether the
// array is empty, in which case its ']' is read too.
func (d *decoder) beginArray() (empty bool, err error) {
	if err := d.enter(); err != nil {
		return false, err
	}
	d.i++
	if d.peek() == ']' {
		d.i++
		d.depth--
		return true, nil
	}
	return false, nil
}

// nextElement reads the ',' or ']' after an element.
func (d *decoder) nextElement() (more bool, err error) {
	switch d.peek() {
	case ',':
		d.i++
		return true, nil
	case ']':
		d.i++
		d.depth--
		return false, nil
	}
	return false, d.unexpected("after array element")
}

// unquoteInto appends the content of a string literal's inside s (without
// its quotes), escapes resolved, to dst. It follows encoding/json: invalid
// UTF-8 and lone surrogates become U+FFFD. ok is false for a malformed
// escape (which a decoder-checked literal never has).
func unquoteInto(dst, s []byte) (t []byte, ok bool) {
	for r := 0; r < len(s); {
		switch c := s[r]; {
		case c == '\\':
			r++
			if r >= len(s) {
				return dst, false
			}
			switch s[r] {
			case '"', '\\', '/', '\'':
				dst = append(dst, s[r])
				r++
			case 'b':
				dst = append(dst, '\b')
				r++
			case 'f':
				dst = append(dst, '\f')
				r++
			case 'n':
				dst = append(dst, '\n')
				r++
			case 'r':
				dst = append(dst, '\r')
				r++
			case 't':
				dst = append(dst, '\t')
				r++
			case 'u':
				rr := getu4(s[r-1:])
				if rr < 0 {
					return dst, false
				}
				r += 5
				if utf16.IsSurrogate(rr) {
					if dec := utf16.DecodeRune(rr, getu4(s[r:])); dec != unicode.ReplacementChar {
						r += 6
						dst = utf8.AppendRune(dst, dec)
						break
					}
					rr = unicode.ReplacementChar
				}
				dst = utf8.AppendRune(dst, rr)
			default:
				return dst, false
			}
		case c == '"', c < ' ':
			return dst, false
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			dst = utf8.AppendRune(dst, rr)
		}
	}
	return dst, true
}

// getu4 decodes \uXXXX at the start of s, or returns -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// ---- decoding into Go values ----

// decodeFunc decodes the next value into v, which is addressable.
type decodeFunc func(d *decoder, v reflect.Value) error

var (
	decodeFuncs     sync.Map // reflect.Type -> decodeFunc
	phpValueType    = reflect.TypeFor[phpValue]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	thisPackage     = reflect.TypeFor[Int]().PkgPath()
)

// decodeFuncFor returns how values of type t are decoded.
func decodeFuncFor(t reflect.Type) decodeFunc {
	if f, ok := decodeFuncs.Load(t); ok {
		return f.(decodeFunc)
	}
	f, _ := decodeFuncs.LoadOrStore(t, newDecodeFunc(t))
	return f.(decodeFunc)
}

func newDecodeFunc(t reflect.Type) decodeFunc {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(phpValueType):
		return decodeSelf
	case t.Kind() == reflect.Pointer:
		return newPointerFunc(t)
	case isPHPObject(t):
		return newStructFunc(t)
	case pt.Implements(unmarshalerType):
		return decodeUnmarshaler
	}
	return decodeStd
}

// isPHPObject reports whether t is a struct of this package whose
// UnmarshalJSON is decodeObject over its own fields (see
// TestObjectTypesUnmarshalThroughDecodeObject).
func isPHPObject(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == thisPackage && t.Name() != "" &&
		reflect.PointerTo(t).Implements(unmarshalerType)
}

func decodeSelf(d *decoder, v reflect.Value) error {
	return v.Addr().Interface().(phpValue).decodePHP(d)
}

// decodeUnmarshaler hands the value's bytes to its UnmarshalJSON, null
// included, as encoding/json does for a value that is not a pointer.
func decodeUnmarshaler(d *decoder, v reflect.Value) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
}

// decodeStd hands the value's bytes to encoding/json.
func decodeStd(d *decoder, v reflect.Value) error {
	raw, err := d.value()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v.Addr().Interface())
}

// newPointerFunc follows encoding/json: null sets the pointer to nil,
// anything else is decoded into the pointed-to value, allocated when nil.
func newPointerFunc(t reflect.Type) decodeFunc {
	elem := t.Elem()
	var elemFunc decodeFunc
	var once sync.Once
	return func(d *decoder, v reflect.Value) error {
		if d.peek() == 'n' {
			if err := d.literal("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		}
		once.Do(func() { elemFunc = decodeFuncFor(elem) })
		if v.IsNil() {
			v.Set(reflect.New(elem))
		}
		return elemFunc(d, v.Elem())
	}
}

// structInfo is how the engine fills a struct: its fields by wire name.
type structInfo struct {
	once   sync.Once
	t      reflect.Type
	fields []fieldInfo
	// std is set when the struct has a shape the engine leaves to
	// encoding/json (embedded fields, the ",string" option, clashing names).
	std bool
}

type fieldInfo struct {
	name   string
	bname  []byte
	index  int
	decode decodeFunc
}

var structInfos sync.Map // reflect.Type -> *structInfo

// structInfoFor returns the (lazily built) field table of the struct t.
func structInfoFor(t reflect.Type) *structInfo {
	if s, ok := structInfos.Load(t); ok {
		return s.(*structInfo)
	}
	s, _ := structInfos.LoadOrStore(t, &structInfo{t: t})
	return s.(*structInfo)
}

func newStructFunc(t reflect.Type) decodeFunc {
	info := structInfoFor(t)
	return func(d *decoder, v reflect.Value) error {
		return d.object(v, info)
	}
}

func (s *structInfo) build() {
	seen := map[string]bool{}
	for i := 0; i < s.t.NumField(); i++ {
		f := s.t.Field(i)
		if f.Anonymous {
			s.std = true
			return
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "" {
			for _, o := range strings.Split(opts, ",") {
				if o == "string" {
					s.std = true
					return
				}
			}
		}
		if !simpleTag(name) {
			if name != "" {
				s.std = true // let encoding/json apply its own tag rules
				return
			}
			name = f.Name
		}
		if seen[name] {
			s.std = true
			return
		}
		seen[name] = true
		s.fields = append(s.fields, fieldInfo{name: name, bname: []byte(name), index: i, decode: decodeFuncFor(f.Type)})
	}
}

// simpleTag reports whether a json tag name is one encoding/json takes as
// is (letters, digits, '_' and '-').
func simpleTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c != '_' && c != '-' && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// lookup finds the field for a member name, as encoding/json does: an exact
// match first, then a case-insensitive one. hint is where the previous
// member matched: members usually come in field order.
func (s *structInfo) lookup(key []byte, hint int) int {
	n := len(s.fields)
	for j := 0; j < n; j++ {
		k := hint + j
		if k >= n {
			k -= n
		}
		if string(key) == s.fields[k].name {
			return k
		}
	}
	for k := range s.fields {
		if bytes.EqualFold(key, s.fields[k].bname) {
			return k
		}
	}
	return -1
}

// object decodes into the struct v the way decodeObject does: v is reset,
// PHP's empty spellings (null, false, "", [], {}) leave it empty, anything
// else but an object is an error. A failing field is named by its wire path.
func (d *decoder) object(v reflect.Value, s *structInfo) error {
	s.once.Do(s.build)
	v.SetZero()
	switch d.peek() {
	case '{':
	case 'n', 'f', '"', '[':
		raw, err := d.value()
		if err != nil {
			return err
		}
		if isEmptyJSON(raw) {
			return nil
		}
		return errors.New("expected an object")
	default:
		if err := d.skip(); err != nil {
			return err
		}
		return errors.New("expected an object")
	}
	if s.std {
		raw, err := d.value()
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
			return locateFieldError(raw, v.Addr().Interface(), err)
		}
		return nil
	}
	empty, err := d.beginObject()
	if err != nil || empty {
		return err
	}
	next := 0
	for {
		key, err := d.key(true)
		if err != nil {
			return err
		}
		if k := s.lookup(key, next); k < 0 {
			if err := d.skip(); err != nil {
				return err
			}
		} else {
			f := &s.fields[k]
			if err := f.decode(d, v.Field(f.index)); err != nil {
				return withPath(f.name, err)
			}
			next = k + 1
		}
		if more, err := d.nextMember(); err != nil || !more {
			return err
		}
	}
}

// decodeInto decodes the next value into *p.
func decodeInto[T any](d *decoder, p *T, f decodeFunc) error {
	if pv, ok := any(p).(phpValue); ok {
		return pv.decodePHP(d)
	}
	return f(d, reflect.ValueOf(p).Elem())
}

// elemFunc returns the decodeFunc for T, or nil when *T decodes itself.
func elemFunc[T any]() decodeFunc {
	t := reflect.TypeFor[T]()
	if reflect.PointerTo(t).Implements(phpValueType) {
		return nil
	}
	return decodeFuncFor(t)
}

// readEnvelope decodes the shop's envelope in one pass. Result and Data are
// sub-slices of body (not copies), valid as long as body is.
func readEnvelope(body []byte, env *wireEnvelope) error {
	*env = wireEnvelope{}
	d := &decoder{data: body}
	if d.peek() != '{' {
		if err := d.skip(); err != nil {
			return err
		}
		return errors.New("expected an object")
	}
	empty, err := d.beginObject()
	if err != nil {
		return err
	}
	for !empty {
		key, err := d.key(true)
		if err != nil {
			return err
		}
		switch {
		case matchKey(key, "result"):
			raw, err := d.value()
			if err != nil {
				return err
			}
			env.Result = raw
		case matchKey(key, "data"):
			raw, err := d.value()
			if err != nil {
				return err
			}
			env.Data = raw
		case matchKey(key, "msg"):
			if err := env.Msg.decodePHP(d); err != nil {
				return withPath("msg", err)
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
		more, err := d.nextMember()
		if err != nil {
			return err
		}
		empty = !more
	}
	return d.end()
}

// matchKey matches a member name to a field name as encoding/json does.
func matchKey(key []byte, name string) bool {
	return string(key) == name || bytes.EqualFold(key, []byte(name))
}
