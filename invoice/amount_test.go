package invoice

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAmountFromString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, wire string }{
		{"24.8", "24.8"}, {"24.80", "24.8"}, {"30", "30"}, {"30.00", "30"}, {"0", "0"}, {"0.00", "0"},
		{"-0.5", "-0.5"}, {"0.005", "0.005"}, {"1e3", "1000"}, {"1.5E-2", "0.015"}, {"12345678901234567890.12", "12345678901234567890.12"},
		{"0.30000000000000004", "0.30000000000000004"}, {"1e63", "1" + strings.Repeat("0", 63)},
		{"1e-64", "0." + strings.Repeat("0", 63) + "1"}, {"1.000000000000000000000000000000000000000000000000000000000000000000000", "1"},
	}
	for _, tt := range tests {
		a, err := AmountFromString(tt.in)
		require.NoError(t, err, tt.in)
		assert.True(t, a.IsSet())
		assert.False(t, a.IsZero())
		assert.Equal(t, tt.wire, a.String(), tt.in)
		b, err := json.Marshal(a)
		require.NoError(t, err)
		assert.Equal(t, tt.wire, string(b), tt.in)
	}
	for _, bad := range []string{"", " 1", "1 ", "+1", "01", "1.", ".5", "1,000", "abc", "1e", "NaN", "Infinity", "0x10", "−1", "1e64", "1e-65", "1e999999999", "0e999999999",
		"12345678901234567890123456789012345678901234567890123456789012345", "0." + strings.Repeat("0", 64) + "1",
		strings.Repeat("1", 257)} {
		_, err := AmountFromString(bad)
		assert.Error(t, err, bad)
		_, err = QuantityFromString(bad)
		assert.Error(t, err, bad)
	}
	assert.Panics(t, func() { MustAmount("x") })
	assert.Panics(t, func() { MustQuantity("x") })
}

func TestAmountFloatTraps(t *testing.T) {
	t.Parallel()
	// 0.1 + 0.2 is 0.30000000000000004 in float64.
	assert.Equal(t, "0.3", MustAmount("0.1").Add(MustAmount("0.2")).String())
	assert.True(t, MustAmount("0.1").Add(MustAmount("0.2")).Equal(MustAmount("0.3")))
	// 12.4 × 3 is 37.199999999999996 in float64.
	assert.Equal(t, "37.2", MustAmount("12.4").Mul(MustQuantity("3")).String())
	assert.Equal(t, "24.8", MustAmount("12.4").Mul(QuantityFromInt(2)).String())
	// 19.99 × 100 is 1998.9999999999998 in float64.
	assert.Equal(t, "1999", MustAmount("19.99").Mul(MustQuantity("100")).String())
	fen, ok := MustAmount("19.99").Fen()
	assert.True(t, ok)
	assert.Equal(t, int64(1999), fen)
}

func TestAmountFen(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "24.8", AmountFromFen(2480).String())
	assert.Equal(t, "0.01", AmountFromFen(1).String())
	assert.Equal(t, "-1", AmountFromFen(-100).String())
	assert.Equal(t, "0", AmountFromFen(0).String())
	assert.True(t, AmountFromFen(0).IsSet())
	fen, ok := MustAmount("24.8").Fen()
	assert.True(t, ok)
	assert.Equal(t, int64(2480), fen)
	_, ok = MustAmount("0.005").Fen()
	assert.False(t, ok, "half a fen")
	_, ok = Amount{}.Fen()
	assert.False(t, ok, "unset")
	_, ok = MustAmount("1e30").Fen()
	assert.False(t, ok, "overflow")
}

func TestAmountArithmeticAndUnset(t *testing.T) {
	t.Parallel()
	var unset Amount
	assert.False(t, unset.IsSet())
	assert.True(t, unset.IsZero())
	assert.Equal(t, "", unset.String())
	b, err := json.Marshal(unset)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	assert.False(t, unset.Equal(AmountFromFen(0)), "unset is not 0")
	assert.True(t, unset.Equal(Amount{}))

	a := MustAmount("10.50")
	assert.Equal(t, "7.25", a.Sub(MustAmount("3.25")).String())
	assert.Equal(t, 1, a.Cmp(MustAmount("10.49")))
	assert.Equal(t, 0, a.Cmp(MustAmount("10.5")))
	assert.Equal(t, 1, a.Sign())
	assert.Equal(t, "3.34", MustAmount("3.335").Round(2).String(), "half away from zero; float64 holds 3.33499… and gives 3.33")
	fromDec, err := AmountFromDecimal(decimal.New(105, -1))
	require.NoError(t, err)
	assert.True(t, fromDec.Equal(a))
	assert.Equal(t, "10.5", a.Decimal().String())
	assert.False(t, a.Mul(Quantity{}).IsSet(), "times an unset quantity is unset")
}

func TestQuantity(t *testing.T) {
	t.Parallel()
	q := MustQuantity("1.50")
	assert.Equal(t, "1.5", q.String())
	assert.True(t, q.IsSet())
	assert.False(t, q.IsZero())
	assert.Equal(t, 1, q.Sign())
	fromDec, err := QuantityFromDecimal(decimal.New(15, -1))
	require.NoError(t, err)
	assert.True(t, q.Equal(fromDec))
	assert.True(t, QuantityFromInt(2).Equal(MustQuantity("2.0")))
	assert.Equal(t, "1.5", q.Decimal().String())
	var unset Quantity
	assert.Equal(t, "", unset.String())
	assert.True(t, unset.IsZero())
	b, err := json.Marshal(unset)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	b, err = json.Marshal(q)
	require.NoError(t, err)
	assert.Equal(t, "1.5", string(b))
	for in, want := range map[string]string{`2`: "2", `"2.5"`: "2.5", `0.333333`: "0.333333"} {
		var got Quantity
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, got.String())
	}
	for _, in := range []string{`null`, `""`} {
		got := MustQuantity("1")
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.False(t, got.IsSet(), in)
	}
	var bad Quantity
	assert.Error(t, json.Unmarshal([]byte(`"x"`), &bad))
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &bad))
}

func TestAmountUnmarshalJSON(t *testing.T) {
	t.Parallel()
	ok := map[string]string{
		`24.8`: "24.8", `30`: "30", `"24.80"`: "24.8", `"30"`: "30", `0.1`: "0.1", `1.0E+2`: "100",
		`123456789012345678.99`: "123456789012345678.99", ` 5 `: "5",
	}
	for in, want := range ok {
		var a Amount
		require.NoError(t, json.Unmarshal([]byte(in), &a), in)
		assert.True(t, a.IsSet(), in)
		assert.Equal(t, want, a.String(), in)
	}
	for _, in := range []string{`null`, `""`} {
		a := MustAmount("1")
		require.NoError(t, json.Unmarshal([]byte(in), &a), in)
		assert.False(t, a.IsSet(), in)
	}
	for _, in := range []string{`true`, `"abc"`, `"1 "`, `{}`, `[]`, `"\u0031"`, `"`, `1e999`} {
		var a Amount
		assert.Error(t, a.UnmarshalJSON([]byte(in)), in)
	}
	var a Amount
	assert.Error(t, a.UnmarshalJSON(nil))
}

// TestWireFormatIgnoresDecimalSettings flips shopspring/decimal's
// package-level switches: the SDK's wire format must not move. It does not
// run in parallel because it changes package state.
func TestWireFormatIgnoresDecimalSettings(t *testing.T) {
	saved := [3]bool{decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation}
	savedMaxExp := decimal.MaxDecodeExponent
	t.Cleanup(func() {
		decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation = saved[0], saved[1], saved[2]
		decimal.MaxDecodeExponent = savedMaxExp
	})
	check := func() {
		b, err := json.Marshal(specAddOrders())
		require.NoError(t, err)
		assert.JSONEq(t, specAddRequest, string(b))
		assert.Contains(t, string(b), `"orderPrice":24.8,`)
		assert.Contains(t, string(b), `"orderPrice":30,`)
		assert.Equal(t, "1000", MustAmount("1e3").String())
		assert.Equal(t, "24.8", MustAmount("24.80").String())
	}
	for _, v := range [][3]bool{{false, true, false}, {true, true, false}, {false, false, true}, {true, false, true}} {
		decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation = v[0], v[1], v[2]
		check()
	}
	// Reading does not depend on decimal's decoding limit either.
	decimal.MaxDecodeExponent = 1
	check()
	var a Amount
	require.NoError(t, json.Unmarshal([]byte(`"1.5e2"`), &a))
	assert.Equal(t, "150", a.String())
}

func mustAmountDec(t testing.TB, d decimal.Decimal) Amount {
	t.Helper()
	a, err := AmountFromDecimal(d)
	require.NoError(t, err)
	return a
}

func mustQuantityDec(t testing.TB, d decimal.Decimal) Quantity {
	t.Helper()
	q, err := QuantityFromDecimal(d)
	require.NoError(t, err)
	return q
}

// TestHugeExponentRejected is issue 10 §16: an amount built from a decimal
// with a huge exponent made String and MarshalJSON allocate gigabytes (and
// Cmp, Add, Round and Fen rescale to it). The constructors reject it with an
// error matching strconv.ErrRange; what they accept stays cheap to use.
func TestHugeExponentRejected(t *testing.T) {
	t.Parallel()
	for _, d := range []decimal.Decimal{decimal.New(1, math.MaxInt32), decimal.New(-3, math.MinInt32), decimal.New(0, 1<<30), decimal.New(1, 513)} {
		_, err := AmountFromDecimal(d)
		require.Error(t, err)
		assert.ErrorIs(t, err, strconv.ErrRange)
		assert.Contains(t, err.Error(), "invoice: amount: number out of range")
		_, err = QuantityFromDecimal(d)
		assert.ErrorIs(t, err, strconv.ErrRange)
	}
	// Accepted but beyond the wire's 64 digits: printed, compared, rounded,
	// never written.
	big := mustAmountDec(t, decimal.New(1, 512))
	assert.Equal(t, "1"+strings.Repeat("0", 512), big.String())
	_, err := json.Marshal(big)
	assert.ErrorIs(t, err, strconv.ErrRange)
	_, err = json.Marshal(mustQuantityDec(t, decimal.New(1, -512)))
	assert.ErrorIs(t, err, strconv.ErrRange)
	_, ok := big.Fen()
	assert.False(t, ok)
	assert.Equal(t, 1, big.Cmp(MustAmount("1")))
	assert.True(t, big.Round(math.MaxInt32).Equal(big))
	assert.Equal(t, "0", MustAmount("3.335").Round(math.MinInt32).String())
	_, err = AmountFromString("1e2147483647")
	assert.ErrorIs(t, err, strconv.ErrRange)
	_, err = AmountFromString("1e-99")
	assert.ErrorIs(t, err, strconv.ErrRange)
	_, err = AmountFromString("x")
	assert.ErrorIs(t, err, strconv.ErrSyntax)
}
