package invoice

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits that keep a hostile or broken number from costing unbounded memory;
// no amount or quantity needs more. Every value within them is written in at
// most 130 characters, so whatever is read can be written and read again.
const (
	maxNumberText   = 256 // characters of the textual form
	maxNumberDigits = 64  // digits before, and digits after, the point
)

var errNotNumber = errors.New("not a decimal number")

// parseDecimal parses the JSON number grammar (optionally signed, no leading
// '+', no leading zeros, optional fraction and exponent) exactly. It never
// goes through float64 and does not depend on decimal's package settings.
func parseDecimal(s string) (decimal.Decimal, error) {
	if len(s) == 0 || len(s) > maxNumberText || !isJSONNumber(s) {
		return decimal.Decimal{}, errNotNumber
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, errNotNumber
	}
	if !withinLimits(d) {
		return decimal.Decimal{}, fmt.Errorf("%w: more than %d digits before or after the point", errNotNumber, maxNumberDigits)
	}
	return d, nil
}

// withinLimits reports whether d has at most maxNumberDigits significant
// digits before and after the point (trailing fractional zeros ignored).
func withinLimits(d decimal.Decimal) bool {
	c := new(big.Int).Abs(d.Coefficient())
	if c.Sign() == 0 {
		return true
	}
	digits := c.String()
	trimmed := strings.TrimRight(digits, "0")
	exp := int64(d.Exponent()) + int64(len(digits)-len(trimmed))
	intDigits := int64(len(trimmed)) + exp
	return intDigits <= maxNumberDigits && -exp <= maxNumberDigits
}

// isJSONNumber reports whether s matches the JSON number grammar
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
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

// formatDecimal writes d in plain positional notation without trailing
// fractional zeros ("24.8", "30", "0.005"), whatever decimal's package-level
// settings (TrimTrailingZeros, UseScientificNotation) say.
func formatDecimal(d decimal.Decimal) string {
	c := d.Coefficient()
	exp := d.Exponent()
	neg := c.Sign() < 0
	digits := new(big.Int).Abs(c).String()
	if digits == "0" {
		return "0"
	}
	var out string
	if exp >= 0 {
		out = digits + strings.Repeat("0", int(exp))
	} else {
		frac := int(-exp)
		if len(digits) <= frac {
			digits = strings.Repeat("0", frac-len(digits)+1) + digits
		}
		intPart, fracPart := digits[:len(digits)-frac], strings.TrimRight(digits[len(digits)-frac:], "0")
		out = intPart
		if fracPart != "" {
			out += "." + fracPart
		}
	}
	if neg {
		out = "-" + out
	}
	return out
}

// decodeNumberJSON reads a JSON number or a string holding one. ok is false
// for null (and for an empty string, which a Java server may send for an
// absent value).
func decodeNumberJSON(data []byte) (d decimal.Decimal, ok bool, err error) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 {
		return d, false, errNotNumber
	}
	if string(t) == "null" {
		return d, false, nil
	}
	s := string(t)
	if t[0] == '"' {
		if len(t) < 2 || t[len(t)-1] != '"' {
			return d, false, errNotNumber
		}
		s = string(t[1 : len(t)-1])
		if s == "" {
			return d, false, nil
		}
	}
	d, err = parseDecimal(s)
	if err != nil {
		return d, false, err
	}
	return d, true, nil
}
