package douyin

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Fen is an amount of renminbi in fen (分, 1/100 yuan), the unit Douyin uses
// for every price. It is an exact integer: no floating point on a money path.
type Fen int64

// ErrAmountOutOfRange is matched (errors.Is) by the error of YuanChecked
// and ParseYuan for an amount Fen cannot hold.
var ErrAmountOutOfRange = errors.New("douyin: amount out of range")

// FenOutOfRange is what Yuan returns for an amount Fen cannot hold: the
// most negative Fen, never a plausible price. Every SDK check of an amount
// rejects it (amounts sent to Douyin must not be negative).
const FenOutOfRange Fen = math.MinInt64

// Yuan returns an amount of whole yuan as Fen, for amounts written in code
// (douyin.Yuan(440)). An amount beyond ±92233720368547757 yuan does not
// wrap around: it yields FenOutOfRange. Convert amounts that come from
// input with YuanChecked or ParseYuan, which return an error instead.
func Yuan(y int64) Fen {
	f, err := YuanChecked(y)
	if err != nil {
		return FenOutOfRange
	}
	return f
}

// YuanChecked returns an amount of whole yuan as Fen, or an error matching
// ErrAmountOutOfRange when y*100 does not fit in a Fen.
func YuanChecked(y int64) (Fen, error) {
	if y > math.MaxInt64/100 || y < math.MinInt64/100 {
		return 0, fmt.Errorf("%w: %d yuan", ErrAmountOutOfRange, y)
	}
	return Fen(y * 100), nil
}

// String formats the amount in yuan with two decimals, e.g. "440.00".
func (f Fen) String() string {
	sign := ""
	v := uint64(f)
	if f < 0 {
		sign = "-"
		v = -v // two's complement: exact even for the most negative Fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// maxYuanText bounds the text ParseYuan reads: an error never quotes more,
// and no work grows with a longer input.
const maxYuanText = 64

// ParseYuan parses a yuan amount such as "440", "440.5" or "-0.01" into Fen.
// More than two decimals is an error, never a rounding; an amount Fen
// cannot hold (and FenOutOfRange itself), and any text longer than 64
// characters, is an error matching ErrAmountOutOfRange. Exponents
// ("1e999999999") are not amounts.
func ParseYuan(s string) (Fen, error) {
	if len(s) > maxYuanText { // no amount Fen holds is written this long
		return 0, fmt.Errorf("%w: yuan amount of %d characters", ErrAmountOutOfRange, len(s))
	}
	neg := false
	t := s
	if len(t) > 0 && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	whole, frac := t, ""
	for i := 0; i < len(t); i++ {
		if t[i] == '.' {
			whole, frac = t[:i], t[i+1:]
			break
		}
	}
	if whole == "" && frac == "" || len(frac) > 2 {
		return 0, fmt.Errorf("douyin: invalid yuan amount %q", s)
	}
	var w, f int64
	var err error
	if whole != "" {
		if w, err = strconv.ParseInt(whole, 10, 64); err != nil || w < 0 {
			if errors.Is(err, strconv.ErrRange) {
				return 0, fmt.Errorf("%w: yuan amount %q", ErrAmountOutOfRange, s)
			}
			return 0, fmt.Errorf("douyin: invalid yuan amount %q", s)
		}
	}
	if frac != "" {
		for len(frac) < 2 {
			frac += "0"
		}
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil || f < 0 {
			return 0, fmt.Errorf("douyin: invalid yuan amount %q", s)
		}
	}
	if w > (1<<63-1-f)/100 {
		return 0, fmt.Errorf("%w: yuan amount %q", ErrAmountOutOfRange, s)
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return Fen(v), nil
}
