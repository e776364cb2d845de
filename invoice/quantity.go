package invoice

import (
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/internal/money"
	"github.com/shopspring/decimal"
)

// Quantity is an exact decimal quantity (nights, rooms, units), e.g. 2 or
// 1.5. Like Amount it never passes through float64, is written as a JSON
// number and read from a JSON number or numeric string; the zero Quantity is
// unset and left out of request bodies.
type Quantity struct {
	d   decimal.Decimal
	set bool
}

// QuantityFromString parses a quantity in JSON number syntax ("2", "0.5"),
// within the limits of AmountFromString (errors match strconv.ErrSyntax or
// strconv.ErrRange).
func QuantityFromString(s string) (Quantity, error) {
	d, err := money.Parse(s)
	if err != nil {
		return Quantity{}, fmt.Errorf("invoice: quantity %q: %w", s, err)
	}
	return Quantity{d: d, set: true}, nil
}

// QuantityFromInt returns the whole quantity n.
func QuantityFromInt(n int64) Quantity {
	return Quantity{d: decimal.NewFromInt(n), set: true}
}

// QuantityFromDecimal wraps a decimal quantity. Like AmountFromDecimal it
// rejects a decimal with an exponent beyond ±512 or a coefficient longer
// than 2048 bits (strconv.ErrRange).
func QuantityFromDecimal(d decimal.Decimal) (Quantity, error) {
	if err := money.Bounded(d); err != nil {
		return Quantity{}, fmt.Errorf("invoice: quantity: %w", err)
	}
	return Quantity{d: d, set: true}, nil
}

// MustQuantity is QuantityFromString for constants in tests and examples: it
// panics when s is not a number.
func MustQuantity(s string) Quantity {
	q, err := QuantityFromString(s)
	if err != nil {
		panic(err)
	}
	return q
}

// IsSet reports whether q holds a value (possibly 0).
func (q Quantity) IsSet() bool { return q.set }

// IsZero reports whether q is the zero (unset) Quantity, for `omitzero`. It
// is false for a set quantity of 0.
func (q Quantity) IsZero() bool { return !q.set }

// Decimal returns the value (0 when unset).
func (q Quantity) Decimal() decimal.Decimal { return q.d }

// Sign returns -1, 0 or +1 for a negative, zero or positive value.
func (q Quantity) Sign() int { return q.d.Sign() }

// Equal reports whether p and q have the same value: 2 equals 2.0.
func (q Quantity) Equal(p Quantity) bool { return q.set == p.set && q.d.Equal(p.d) }

// String returns the wire form ("2", "1.5"), or "" when unset.
func (q Quantity) String() string {
	if !q.set {
		return ""
	}
	return money.String(q.d)
}

// MarshalJSON writes a JSON number, or null when unset; like
// Amount.MarshalJSON it fails for a value beyond 64 digits.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if !q.set {
		return []byte("null"), nil
	}
	s, err := money.Format(q.d)
	if err != nil {
		return nil, fmt.Errorf("invoice: quantity: %w", err)
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a JSON number or a numeric string exactly. null and
// "" leave the quantity unset.
func (q *Quantity) UnmarshalJSON(data []byte) error {
	d, ok, err := money.DecodeJSON(data)
	if err != nil {
		return fmt.Errorf("invoice: quantity: %w", err)
	}
	*q = Quantity{d: d, set: ok}
	return nil
}
