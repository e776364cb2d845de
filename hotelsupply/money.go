package hotelsupply

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/hotelsdk/hotelsdk-go/internal/money"
)

// Money is an exact amount of yuan. The shop sends money as strings
// ("440.00"), sometimes as JSON numbers; Money never passes through float64,
// so 0.1+0.2 and 1e+06 surprises cannot happen.
//
// The zero value is 0. Money marshals to the shop's wire form, a string with
// two decimals ("440.00"), or with more when the amount needs them. What it
// writes and reads never depends on shopspring/decimal's process-wide
// settings (UseScientificNotation, MarshalJSONWithoutQuotes,
// TrimTrailingZeros, MaxDecodeExponent): an application may set them for its
// own purposes and the shop still gets "1000000.00", never "1E6".
type Money struct {
	d decimal.Decimal
}

// NewMoney parses an exact decimal amount such as "440.00", "100" or "0.5"
// (also "+5", ".5", "1e+06"), with at most 64 digits before and 64 after
// the point. The error matches strconv.ErrSyntax for text that is not a
// number and strconv.ErrRange for a number beyond those limits
// (errors.Is); either is found without work proportional to the number's
// magnitude, so "1e999999999" is refused at once.
func NewMoney(s string) (Money, error) {
	d, err := parseDecimal(s)
	if err != nil {
		return Money{}, fmt.Errorf("hotelsupply: invalid money amount %s: %w", quoteShort(s), err)
	}
	return Money{d: d}, nil
}

// quoteShort quotes s, or its first 32 bytes followed by "…" and its length:
// an error never repeats a huge input.
func quoteShort(s string) string {
	const n = 32
	if len(s) <= n {
		return strconv.Quote(s)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// MustMoney is like NewMoney but panics on a malformed literal. It is meant
// for constants in programs and tests.
func MustMoney(s string) Money {
	m, err := NewMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// MoneyFromDecimal wraps an exact decimal. It rejects a decimal whose
// exponent is beyond ±512 or whose coefficient is longer than 2048 bits,
// with an error matching strconv.ErrRange (errors.Is): such a value
// (decimal.New(1, math.MaxInt32) is one) would make adding, comparing or
// converting it take seconds and gigabytes. A value accepted here may still
// have more than the 64 digits before or after the point that the shop is
// sent; the checks before sending reject it.
func MoneyFromDecimal(d decimal.Decimal) (Money, error) {
	if err := money.Bounded(d); err != nil {
		return Money{}, fmt.Errorf("hotelsupply: money: %w", err)
	}
	return Money{d: d}, nil
}

// MoneyFromFen converts an amount in fen (1/100 yuan), the unit Douyin uses,
// to yuan.
func MoneyFromFen(fen int64) Money { return Money{d: decimal.New(fen, -2)} }

// Decimal returns the amount as a decimal.Decimal.
func (m Money) Decimal() decimal.Decimal { return m.d }

// Fen returns the amount in fen and whether it converts exactly: an amount
// with fractions of a fen does not (the fen are then truncated toward
// zero), and neither does one beyond an int64 of fen (0 is returned; it
// never wraps around).
func (m Money) Fen() (int64, bool) {
	if money.Check(m.d) != nil { // beyond 64 digits it cannot fit anyway
		return 0, false
	}
	f := m.d.Shift(2)
	whole := f.Truncate(0).BigInt()
	if !whole.IsInt64() {
		return 0, false
	}
	return whole.Int64(), f.IsInteger()
}

// IsZero reports whether the amount is 0.
func (m Money) IsZero() bool { return m.d.IsZero() }

// IsNegative reports whether the amount is below 0.
func (m Money) IsNegative() bool { return m.d.IsNegative() }

// Equal reports whether m and o are the same amount ("440" equals "440.00").
func (m Money) Equal(o Money) bool { return m.d.Equal(o.d) }

// Cmp compares m and o: -1 if m < o, 0 if equal, +1 if m > o.
func (m Money) Cmp(o Money) int { return m.d.Cmp(o.d) }

// Add returns m + o.
func (m Money) Add(o Money) Money { return Money{d: m.d.Add(o.d)} }

// Sub returns m - o.
func (m Money) Sub(o Money) Money { return Money{d: m.d.Sub(o.d)} }

// Mul returns m × n, e.g. a nightly price times the number of rooms.
func (m Money) Mul(n int64) Money { return Money{d: m.d.Mul(decimal.NewFromInt(n))} }

// String returns the amount with two decimals ("440.00"), or with as many as
// it needs when it has more (never rounded), in plain notation.
func (m Money) String() string {
	if s, err := m.wire(); err == nil {
		return s
	}
	return money.String(m.d) // beyond the wire's digits: still printed, in bounded time
}

// wire returns the amount as the shop reads it, "440.00" (see String), or
// an error matching strconv.ErrRange for an amount beyond the digits the
// SDK writes.
func (m Money) wire() (string, error) {
	s, err := money.FormatFixed(m.d, 2)
	if err != nil {
		return "", fmt.Errorf("hotelsupply: money: %w", err)
	}
	return s, nil
}

// numberText returns the amount as a JSON number literal without trailing
// zeros ("100", "50.5"): the form the wiki's date_price example uses.
func (m Money) numberText() (string, error) {
	s, err := money.Format(m.d)
	if err != nil {
		return "", fmt.Errorf("hotelsupply: money: %w", err)
	}
	return s, nil
}

// MarshalJSON writes the amount as a string: "440.00".
func (m Money) MarshalJSON() ([]byte, error) {
	s, err := m.wire()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// errNotAmount is the error of a value that is no amount at all.
var errNotAmount = fmt.Errorf("money: not a decimal amount: %w", strconv.ErrSyntax)

// decodeError is the error of an amount parseDecimal refused: errNotAmount,
// or one matching strconv.ErrRange that says which limit was passed.
func decodeError(err error) error {
	if money.IsRange(err) {
		return fmt.Errorf("money: %w", err)
	}
	return errNotAmount
}

// UnmarshalJSON accepts "440.00", 440, 440.5, "", null and false (zero).
// An amount beyond 64 digits before or after the point, or with a huge
// exponent ("1e999999999"), is refused at once with an error matching
// strconv.ErrRange; any other non-amount with one matching
// strconv.ErrSyntax.
func (m *Money) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "true" {
		return errNotAmount
	}
	s, empty, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("money: %w", err)
	}
	if empty {
		*m = Money{}
		return nil
	}
	d, err := parseDecimal(s)
	if err != nil {
		return decodeError(err)
	}
	m.d = d
	return nil
}

// MarshalText writes the amount as String does.
func (m Money) MarshalText() ([]byte, error) {
	s, err := m.wire()
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// UnmarshalText parses a decimal amount as NewMoney does; an empty text is
// zero.
func (m *Money) UnmarshalText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		*m = Money{}
		return nil
	}
	d, err := parseDecimal(string(b))
	if err != nil {
		return decodeError(err)
	}
	m.d = d
	return nil
}

// EncodeValues implements go-querystring's query.Encoder, so that a Money
// field goes into a query or form as "440.00" and never through float64.
func (m Money) EncodeValues(key string, v *url.Values) error {
	s, err := m.wire()
	if err != nil {
		return err
	}
	v.Set(key, s)
	return nil
}

// parseDecimal reads a decimal literal exactly ("-12.30", "1e+06"): the
// JSON number grammar, plus what PHP and people write around it (a leading
// '+', leading zeros, ".5", "5."). It reads through internal/money, so the
// limits are that package's (64 digits before and after the point; an
// error matching strconv.ErrRange beyond) and shopspring/decimal's
// package settings play no part.
func parseDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if s != "" && len(s) <= 4*money.MaxText {
		s = canonicalNumber(s)
	}
	return money.Parse(s)
}

// canonicalNumber rewrites [+-]digits[.digits][exponent] in the JSON number
// grammar: no '+', no leading zeros, a digit on each side of the point. Any
// other text is returned as is (money.Parse rejects it).
func canonicalNumber(s string) string {
	i, sign := 0, ""
	if s[0] == '+' || s[0] == '-' {
		if s[0] == '-' {
			sign = "-"
		}
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intPart, frac := s[start:i], ""
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		frac = s[fs:i]
	}
	if intPart == "" && frac == "" {
		return s
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac != "" {
		intPart += "." + frac
	}
	return sign + intPart + s[i:]
}
