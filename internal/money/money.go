// Package money writes and reads the SDK's decimal numbers (amounts,
// quantities) on every wire, the same way in every package.
//
// The wire form never depends on shopspring/decimal's process-wide settings
// (UseScientificNotation, MarshalJSONWithoutQuotes, TrimTrailingZeros,
// MaxDecodeExponent, DivisionPrecision): an application may set them for its
// own purposes and the SDK's requests do not change. Numbers are written in
// plain positional notation ("24.8", "30", "0.005", never "1E6") and read
// exactly, never through float64.
//
// Every function here is bounded: a decimal with a huge exponent or
// coefficient (decimal.New(1, math.MaxInt32) is a valid decimal.Decimal whose
// String allocates gigabytes) is rejected with an *Error matching
// strconv.ErrRange before any work proportional to its magnitude is done.
package money

import (
	"bytes"
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits. A number on the wire has at most MaxDigits significant digits
// before and MaxDigits after the point, so it is written in at most
// 2*MaxDigits+2 characters, and its text is at most MaxText characters.
// A decimal held by the SDK (through a FromDecimal constructor) has an
// exponent within ±MaxExponent and a coefficient of at most MaxCoefficientBits
// bits, so that comparing, adding, rounding and printing it stay cheap.
const (
	MaxText            = 256
	MaxDigits          = 64
	MaxExponent        = 512
	MaxCoefficientBits = 2048
)

// Error is a number the package does not accept. errors.Is(err,
// strconv.ErrSyntax) is true for text that is not a number and
// errors.Is(err, strconv.ErrRange) for a number beyond the limits.
type Error struct {
	// Err is strconv.ErrSyntax or strconv.ErrRange.
	Err error
	// Reason says what is wrong in a few words, e.g. "more than 64 digits
	// before or after the point".
	Reason string
}

// Error returns "not a decimal number" or "out of range: <reason>"; it never
// repeats the input (which may be huge).
func (e *Error) Error() string {
	msg := "not a decimal number"
	if e.Err == strconv.ErrRange {
		msg = "number out of range"
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap returns strconv.ErrSyntax or strconv.ErrRange.
func (e *Error) Unwrap() error { return e.Err }

var errSyntax = &Error{Err: strconv.ErrSyntax}

func rangeError(reason string) error { return &Error{Err: strconv.ErrRange, Reason: reason} }

var errDigits = rangeError("more than " + strconv.Itoa(MaxDigits) + " digits before or after the point")

// Bounded reports (as an *Error matching strconv.ErrRange) a decimal whose
// exponent or coefficient is beyond MaxExponent or MaxCoefficientBits. A
// bounded decimal can be compared, added, rounded and printed cheaply; it
// may still have more digits than Check allows on the wire.
func Bounded(d decimal.Decimal) error {
	if e := d.Exponent(); e > MaxExponent || e < -MaxExponent {
		return rangeError("exponent beyond ±" + strconv.Itoa(MaxExponent))
	}
	if c := d.Coefficient(); c.BitLen() > MaxCoefficientBits {
		return rangeError("coefficient longer than " + strconv.Itoa(MaxCoefficientBits) + " bits")
	}
	return nil
}

// Check reports (as an *Error matching strconv.ErrRange) a decimal that
// cannot go on the wire: one that is not Bounded, or has more than MaxDigits
// significant digits before or after the point (trailing fractional zeros
// do not count).
func Check(d decimal.Decimal) error {
	if err := Bounded(d); err != nil {
		return err
	}
	if !withinDigits(d) {
		return errDigits
	}
	return nil
}

// withinDigits reports whether a Bounded d has at most MaxDigits
// significant digits before and after the point.
func withinDigits(d decimal.Decimal) bool {
	c := d.Coefficient()
	if c.Sign() == 0 {
		return true
	}
	all := c.Abs(c).String()
	digits := strings.TrimRight(all, "0")
	exp := int64(d.Exponent()) + int64(len(all)-len(digits))
	intDigits := int64(len(digits)) + exp
	return intDigits <= MaxDigits && -exp <= MaxDigits
}

// Format writes d in plain positional notation without trailing fractional
// zeros ("24.8", "30", "0.005", "-1"), or returns an *Error when Check
// rejects d. Negative zero is "0".
func Format(d decimal.Decimal) (string, error) {
	return FormatFixed(d, 0)
}

// FormatFixed is Format with at least minPlaces digits after the point
// ("440.00" for 440 and 2, "0.125" for 0.125 and 2); it never rounds.
// minPlaces is clamped to [0, MaxDigits].
func FormatFixed(d decimal.Decimal, minPlaces int) (string, error) {
	if err := Check(d); err != nil {
		return "", err
	}
	return plain(d, max(0, min(minPlaces, MaxDigits))), nil
}

// plain writes a Bounded d in positional notation without trailing
// fractional zeros but with at least minPlaces digits after the point.
func plain(d decimal.Decimal, minPlaces int) string {
	c := d.Coefficient()
	neg := c.Sign() < 0
	var digits string
	var exp int64
	if c.Sign() == 0 {
		digits = "0"
	} else {
		all := c.Abs(c).String()
		digits = strings.TrimRight(all, "0")
		exp = int64(d.Exponent()) + int64(len(all)-len(digits))
	}
	var intPart, fracPart string
	if exp >= 0 {
		if digits == "0" {
			intPart = "0"
		} else {
			intPart = digits + strings.Repeat("0", int(exp))
		}
	} else {
		frac := int(-exp)
		if len(digits) <= frac {
			digits = strings.Repeat("0", frac-len(digits)+1) + digits
		}
		intPart, fracPart = digits[:len(digits)-frac], digits[len(digits)-frac:]
	}
	if len(fracPart) < minPlaces {
		fracPart += strings.Repeat("0", minPlaces-len(fracPart))
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(fracPart) + 2)
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(intPart)
	if fracPart != "" {
		b.WriteByte('.')
		b.WriteString(fracPart)
	}
	return b.String()
}

// String is Format for printing, in time bounded by MaxExponent and
// MaxCoefficientBits: a Bounded decimal is written in plain notation even
// when it has more digits than the wire allows; any other is shown in
// scientific notation ("1e2147483647") when its coefficient is within
// MaxCoefficientBits, else as "(number out of range)". Only what Format
// accepts is a wire form.
func String(d decimal.Decimal) string {
	if Bounded(d) == nil {
		return plain(d, 0)
	}
	c := d.Coefficient()
	if c.BitLen() > MaxCoefficientBits {
		return "(number out of range)"
	}
	return c.String() + "e" + strconv.FormatInt(int64(d.Exponent()), 10)
}

// Parse reads the JSON number grammar (optionally signed, no '+', no
// leading zeros, optional fraction and exponent; no spaces) of at most
// MaxText characters exactly, within Check's limits. It builds the decimal
// itself, so decimal.MaxDecodeExponent and other package settings play no
// part.
func Parse(s string) (decimal.Decimal, error) {
	if !IsJSONNumber(s) {
		return decimal.Decimal{}, errSyntax
	}
	if len(s) > MaxText {
		return decimal.Decimal{}, rangeError("longer than " + strconv.Itoa(MaxText) + " characters")
	}
	mant, expText := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText = s[:i], s[i+1:]
	}
	neg := mant[0] == '-'
	if neg {
		mant = mant[1:]
	}
	intText, fracText := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intText, fracText = mant[:i], mant[i+1:]
	}
	exp := -int64(len(fracText))
	if expText != "" {
		e, err := strconv.ParseInt(expText, 10, 32)
		if err != nil || e > MaxExponent+MaxText || e < -(MaxExponent+MaxText) {
			return decimal.Decimal{}, rangeError("exponent beyond ±" + strconv.Itoa(MaxExponent))
		}
		exp += e
	}
	c, ok := new(big.Int).SetString(intText+fracText, 10)
	if !ok {
		return decimal.Decimal{}, errSyntax
	}
	if neg {
		c.Neg(c)
	}
	if exp > MaxExponent || exp < -MaxExponent {
		return decimal.Decimal{}, rangeError("exponent beyond ±" + strconv.Itoa(MaxExponent))
	}
	d := decimal.NewFromBigInt(c, int32(exp))
	if err := Check(d); err != nil {
		return decimal.Decimal{}, err
	}
	return d, nil
}

// DecodeJSON reads a JSON number or a JSON string holding one (surrounding
// JSON whitespace allowed) with Parse. ok is false, with a nil error, for
// null and for "" (which a Java server may send for an absent value).
func DecodeJSON(data []byte) (d decimal.Decimal, ok bool, err error) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 {
		return d, false, errSyntax
	}
	if string(t) == "null" {
		return d, false, nil
	}
	s := string(t)
	if t[0] == '"' {
		if len(t) < 2 || t[len(t)-1] != '"' {
			return d, false, errSyntax
		}
		s = string(t[1 : len(t)-1])
		if s == "" {
			return d, false, nil
		}
	}
	d, err = Parse(s)
	if err != nil {
		return d, false, err
	}
	return d, true, nil
}

// IsJSONNumber reports whether s matches the JSON number grammar
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func IsJSONNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	start := i
	n := digits()
	if n == 0 || (n > 1 && s[start] == '0') {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// Round rounds d half away from zero to places decimals (negative places
// round to tens, hundreds, …) in time bounded by d's own size, whatever
// places is: rounding to more places than d has returns d, and rounding
// away every digit returns 0. d must be Bounded.
func Round(d decimal.Decimal, places int32) decimal.Decimal {
	if int64(places) >= -int64(d.Exponent()) {
		return d
	}
	c := d.Coefficient()
	if c.Sign() == 0 {
		return decimal.New(0, 0)
	}
	// |d| < 10^intDigits, which rounds to 0 when 10^intDigits <= 0.5×10^-places.
	intDigits := int64(len(c.Abs(c).String())) + int64(d.Exponent())
	if -int64(places) > intDigits {
		return decimal.New(0, 0)
	}
	return d.Round(places)
}

// IsRange reports whether err is an *Error for a number out of range.
func IsRange(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Err == strconv.ErrRange
}
