package invoice

import (
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/internal/money"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
	"github.com/shopspring/decimal"
)

// Amount is an exact amount of money in yuan (元), e.g. 24.8. It never passes
// through float64. On the wire it is a JSON number written in plain notation
// without trailing zeros ("24.8", "30"); it is read exactly from a JSON number
// or a string holding one.
//
// The zero Amount is unset: it is left out of request bodies (the fields
// carry `omitzero`) and reported as missing where the platform requires a
// value. An Amount of 0 yuan is set: build it with AmountFromFen(0) or
// MustAmount("0").
type Amount struct {
	d   decimal.Decimal
	set bool
}

// AmountFromString parses an amount in yuan ("24.80", "30", "0.1"). It
// accepts the JSON number syntax only: no spaces, no '+', no thousands
// separators; and at most 64 digits before and 64 after the point. The
// error matches strconv.ErrSyntax for text that is not a number and
// strconv.ErrRange for a number beyond those limits (errors.Is).
func AmountFromString(s string) (Amount, error) {
	d, err := money.Parse(s)
	if err != nil {
		return Amount{}, fmt.Errorf("invoice: amount %q: %w", s, err)
	}
	return Amount{d: d, set: true}, nil
}

// AmountFromFen returns the amount of fen (分, hundredths of a yuan):
// AmountFromFen(2480) is 24.8 yuan.
func AmountFromFen(fen int64) Amount {
	return Amount{d: decimal.New(fen, -2), set: true}
}

// AmountFromDecimal wraps a decimal amount in yuan. It rejects a decimal
// whose exponent is beyond ±512 or whose coefficient is longer than 2048
// bits, with an error matching strconv.ErrRange (errors.Is): such a value
// (decimal.New(1, math.MaxInt32) is one) would make printing, comparing or
// rounding take seconds and gigabytes. A value accepted here may still have
// more than the 64 digits before or after the point that the wire takes;
// the checks before sending reject it (AmountFromString never accepts one).
func AmountFromDecimal(d decimal.Decimal) (Amount, error) {
	if err := money.Bounded(d); err != nil {
		return Amount{}, fmt.Errorf("invoice: amount: %w", err)
	}
	return Amount{d: d, set: true}, nil
}

// MustAmount is AmountFromString for constants in tests and examples: it
// panics when s is not a number. Use AmountFromString for input.
func MustAmount(s string) Amount {
	a, err := AmountFromString(s)
	if err != nil {
		panic(err)
	}
	return a
}

// IsSet reports whether a holds a value (possibly 0).
func (a Amount) IsSet() bool { return a.set }

// IsZero reports whether a is the zero (unset) Amount, so that `omitzero`
// leaves it out of a body. It is false for a set amount of 0 yuan: test the
// value with Sign.
func (a Amount) IsZero() bool { return !a.set }

// Decimal returns the value (0 when unset).
func (a Amount) Decimal() decimal.Decimal { return a.d }

// Sign returns -1, 0 or +1 for a negative, zero or positive value.
func (a Amount) Sign() int { return a.d.Sign() }

// Cmp compares the values of a and b: -1, 0 or +1.
func (a Amount) Cmp(b Amount) int { return a.d.Cmp(b.d) }

// Equal reports whether a and b have the same value: 24.8 equals 24.80.
func (a Amount) Equal(b Amount) bool { return a.set == b.set && a.d.Equal(b.d) }

// Add returns a + b.
func (a Amount) Add(b Amount) Amount {
	return Amount{d: a.d.Add(b.d), set: a.set || b.set}
}

// Sub returns a - b.
func (a Amount) Sub(b Amount) Amount {
	return Amount{d: a.d.Sub(b.d), set: a.set || b.set}
}

// Mul returns a × q exactly (no rounding): a unit price times a quantity.
func (a Amount) Mul(q Quantity) Amount {
	return Amount{d: a.d.Mul(q.d), set: a.set && q.set}
}

// Round returns a rounded half away from zero to places decimals; Round(2)
// rounds to whole fen. Any places is answered quickly: more places than a
// has leave it as it is.
func (a Amount) Round(places int32) Amount {
	return Amount{d: money.Round(a.d, places), set: a.set}
}

// Fen returns a in fen. ok is false when a is unset, has a fraction of a
// fen, or does not fit in an int64.
func (a Amount) Fen() (fen int64, ok bool) {
	if !a.set || money.Check(a.d) != nil { // beyond 64 digits it cannot fit anyway
		return 0, false
	}
	f := a.d.Shift(2)
	if !f.IsInteger() || !f.BigInt().IsInt64() {
		return 0, false
	}
	return f.BigInt().Int64(), true
}

// String returns the wire form ("24.8", "30"), or "" when unset. A value
// with more digits than the wire takes (possible through arithmetic or
// AmountFromDecimal) is still printed in plain notation, in bounded time.
func (a Amount) String() string {
	if !a.set {
		return ""
	}
	return money.String(a.d)
}

// MarshalJSON writes a JSON number ("24.8"), or null when unset. It fails,
// with an error matching strconv.ErrRange, for a value with more than 64
// digits before or after the point.
func (a Amount) MarshalJSON() ([]byte, error) {
	if !a.set {
		return []byte("null"), nil
	}
	s, err := money.Format(a.d)
	if err != nil {
		return nil, fmt.Errorf("invoice: amount: %w", err)
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a JSON number or a numeric string exactly. null and
// "" leave the amount unset.
func (a *Amount) UnmarshalJSON(data []byte) error {
	d, ok, err := money.DecodeJSON(data)
	if err != nil {
		return fmt.Errorf("invoice: amount: %w", err)
	}
	*a = Amount{d: d, set: ok}
	return nil
}

// checkAmount checks an amount in yuan and reports whether it is set and
// valid. Totals (orderPrice, totalPrice) are what the invoice shows, so they
// must be whole fen; a unit price may carry more decimals, and a total is
// then unitPrice × quantity rounded half up to fen (33.333333 × 3 is 100).
func checkAmount(v *transport.Validator, field string, a Amount, required, wholeFen bool) bool {
	if !a.IsSet() {
		if required {
			v.Add(field, "is required")
		}
		return false
	}
	return checkNumber(v, field, a.d, wholeFen)
}

// checkNumber rejects negative values, values beyond the digits the SDK
// writes (possible through AmountFromDecimal), and, when wholeFen is set,
// fractions of a fen. It reports whether d passed.
func checkNumber(v *transport.Validator, field string, d decimal.Decimal, wholeFen bool) bool {
	switch {
	case d.Sign() < 0:
		v.Add(field, "must not be negative")
	case money.Check(d) != nil:
		v.Add(field, "must have at most %d digits before and after the point", money.MaxDigits)
	case wholeFen && !d.Shift(2).IsInteger():
		v.Add(field, "must be whole fen (at most two decimals), got %s", money.String(d))
	default:
		return true
	}
	return false
}
