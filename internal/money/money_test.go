package money

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAndFormat(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, wire, fixed2 string }{
		{"24.8", "24.8", "24.80"}, {"24.80", "24.8", "24.80"}, {"30", "30", "30.00"}, {"30.00", "30", "30.00"},
		{"0", "0", "0.00"}, {"0.00", "0", "0.00"}, {"-0", "0", "0.00"}, {"-0.5", "-0.5", "-0.50"},
		{"0.005", "0.005", "0.005"}, {"1e3", "1000", "1000.00"}, {"1.5E-2", "0.015", "0.015"},
		{"1E+6", "1000000", "1000000.00"}, {"12345678901234567890.12", "12345678901234567890.12", "12345678901234567890.12"},
		{"0.30000000000000004", "0.30000000000000004", "0.30000000000000004"},
		{"1e63", "1" + strings.Repeat("0", 63), "1" + strings.Repeat("0", 63) + ".00"},
		{"1e-64", "0." + strings.Repeat("0", 63) + "1", "0." + strings.Repeat("0", 63) + "1"},
		{"1.000000000000000000000000000000000000000000000000000000000000000000000", "1", "1.00"},
		{"0e500", "0", "0.00"}, {"100000e-69", "0." + strings.Repeat("0", 63) + "1", "0." + strings.Repeat("0", 63) + "1"},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		require.NoError(t, err, tt.in)
		got, err := Format(d)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.wire, got, tt.in)
		assert.Equal(t, tt.wire, String(d), tt.in)
		got, err = FormatFixed(d, 2)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.fixed2, got, tt.in)
		assert.True(t, d.Equal(decimal.RequireFromString(tt.in)), tt.in)
	}
	syntax := []string{"", " 1", "1 ", "+1", "01", "1.", ".5", "1,000", "abc", "1e", "NaN", "Infinity", "0x10", "−1", "-", "1e+", "--1"}
	for _, bad := range syntax {
		_, err := Parse(bad)
		require.Error(t, err, bad)
		assert.ErrorIs(t, err, strconv.ErrSyntax, bad)
		assert.Equal(t, "not a decimal number", err.Error())
	}
	ranged := []string{"1e64", "1e-65", "1e999999999", "0e999999999", "1e2147483648", "1e-99999999999999999999",
		"12345678901234567890123456789012345678901234567890123456789012345", "0." + strings.Repeat("0", 64) + "1",
		strings.Repeat("1", 257), "1." + strings.Repeat("0", 300)}
	for _, bad := range ranged {
		_, err := Parse(bad)
		require.Error(t, err, bad)
		assert.ErrorIs(t, err, strconv.ErrRange, bad)
		assert.True(t, IsRange(err), bad)
		assert.NotContains(t, err.Error(), bad, "the input is not repeated")
	}
	assert.EqualError(t, func() error { _, err := Parse("1e64"); return err }(),
		"number out of range: more than 64 digits before or after the point")
}

func TestFormatFixedClamps(t *testing.T) {
	t.Parallel()
	d := decimal.New(5, -1)
	s, err := FormatFixed(d, -3)
	require.NoError(t, err)
	assert.Equal(t, "0.5", s)
	s, err = FormatFixed(d, math.MaxInt)
	require.NoError(t, err)
	assert.Equal(t, "0.5"+strings.Repeat("0", MaxDigits-1), s)
}

// TestHugeExponentIsBounded is issue 10 §16: a decimal with a huge exponent
// made formatting allocate gigabytes and take seconds. Every function must
// reject it (or stay bounded) instead.
func TestHugeExponentIsBounded(t *testing.T) {
	t.Parallel()
	for _, d := range []decimal.Decimal{
		decimal.New(1, math.MaxInt32), decimal.New(-7, math.MaxInt32), decimal.New(1, math.MinInt32),
		decimal.New(0, math.MaxInt32), decimal.New(1, MaxExponent+1), decimal.New(1, -MaxExponent-1),
		decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), MaxCoefficientBits), 0),
	} {
		err := Bounded(d)
		require.Error(t, err)
		assert.ErrorIs(t, err, strconv.ErrRange)
		assert.ErrorIs(t, Check(d), strconv.ErrRange)
		_, err = Format(d)
		assert.ErrorIs(t, err, strconv.ErrRange)
		_, err = FormatFixed(d, 2)
		assert.ErrorIs(t, err, strconv.ErrRange)
		assert.LessOrEqual(t, len(String(d)), 700)
	}
	assert.Equal(t, "1e2147483647", String(decimal.New(1, math.MaxInt32)))
	assert.Equal(t, "-7e2147483647", String(decimal.New(-7, math.MaxInt32)))
	assert.Equal(t, "(number out of range)", String(decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), MaxCoefficientBits), 0)))
	// Within the representation bound but beyond the wire's digits: printable, not writable.
	d := decimal.New(1, 100)
	require.NoError(t, Bounded(d))
	_, err := Format(d)
	assert.ErrorIs(t, err, strconv.ErrRange)
	assert.Equal(t, "1"+strings.Repeat("0", 100), String(d))
}

func TestRoundIsBounded(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString("3.335")
	assert.Equal(t, "3.34", String(Round(d, 2)))
	assert.Equal(t, "3.335", String(Round(d, math.MaxInt32)), "more places than d has: d itself")
	assert.Equal(t, "0", String(Round(d, math.MinInt32)), "every digit rounded away")
	assert.Equal(t, "0", String(Round(d, -1)))
	assert.Equal(t, "10", String(Round(decimal.New(7, 0), -1)))
	assert.Equal(t, "-10", String(Round(decimal.New(-5, 0), -1)), "half away from zero")
	assert.Equal(t, "0", String(Round(decimal.New(0, -5), 2)))
	assert.Equal(t, "0", String(Round(decimal.New(4, 0), -1)))
}

func TestDecodeJSON(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{`24.8`: "24.8", `"24.80"`: "24.8", ` 5 `: "5", `1.0E+2`: "100"} {
		d, ok, err := DecodeJSON([]byte(in))
		require.NoError(t, err, in)
		assert.True(t, ok, in)
		assert.Equal(t, want, String(d), in)
	}
	for _, in := range []string{`null`, `""`, " null "} {
		_, ok, err := DecodeJSON([]byte(in))
		require.NoError(t, err, in)
		assert.False(t, ok, in)
	}
	for _, in := range []string{``, `true`, `"abc"`, `"1 "`, `{}`, `[]`, `"\u0031"`, `"`, `1e999`} {
		_, ok, err := DecodeJSON([]byte(in))
		assert.Error(t, err, in)
		assert.False(t, ok, in)
		var e *Error
		assert.True(t, errors.As(err, &e), in)
	}
}

// TestIgnoresDecimalSettings sets shopspring/decimal's process-wide switches
// as an application might: nothing this package writes or reads may change.
// It does not run in parallel because it changes package state, which it
// restores.
func TestIgnoresDecimalSettings(t *testing.T) {
	saved := struct {
		quotes, trim, sci bool
		maxExp            int
		divPrec           int
	}{decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation,
		decimal.MaxDecodeExponent, decimal.DivisionPrecision}
	t.Cleanup(func() {
		decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation = saved.quotes, saved.trim, saved.sci
		decimal.MaxDecodeExponent, decimal.DivisionPrecision = saved.maxExp, saved.divPrec
	})
	check := func(name string) {
		for in, want := range map[string]string{"1e6": "1000000", "24.80": "24.8", "1e-64": "0." + strings.Repeat("0", 63) + "1", "-0.005": "-0.005"} {
			d, err := Parse(in)
			require.NoError(t, err, name, in)
			got, err := Format(d)
			require.NoError(t, err)
			assert.Equal(t, want, got, name+" "+in)
		}
		got, err := FormatFixed(decimal.New(44000, -2), 2)
		require.NoError(t, err)
		assert.Equal(t, "440.00", got, name)
		got, err = Format(decimal.New(1, 6))
		require.NoError(t, err)
		assert.Equal(t, "1000000", got, name)
	}
	check("defaults")
	decimal.UseScientificNotation = true
	check("UseScientificNotation")
	decimal.MarshalJSONWithoutQuotes = true
	decimal.TrimTrailingZeros = false
	check("MarshalJSONWithoutQuotes, TrimTrailingZeros=false")
	decimal.MaxDecodeExponent = 1
	decimal.DivisionPrecision = 1
	check("MaxDecodeExponent=1")
}

// FuzzParse: whatever Parse accepts, Format writes as a JSON number that
// Parse reads back as the same value; nothing panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"24.8", "-0", "1e64", "1e-64", "0e500", "1e2147483647", "1e-2147483649", "9" + strings.Repeat("9", 63),
		"0.30000000000000004", "1.5E-3", "1." + strings.Repeat("0", 250)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("untyped error %T", err)
			}
			return
		}
		out, err := Format(d)
		if err != nil {
			t.Fatalf("%q parsed but does not format: %v", s, err)
		}
		if !IsJSONNumber(out) || len(out) > 2*MaxDigits+2 {
			t.Fatalf("%q wrote %q", s, out)
		}
		back, err := Parse(out)
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q wrote %q which reads back as %v (%v)", s, out, back, err)
		}
	})
}

// FuzzExtremeDecimals builds decimals from any coefficient and exponent (as
// a FromDecimal constructor receives them): every function answers, with a
// typed error where the value is out of range, and a bounded value rounds
// to any number of places.
func FuzzExtremeDecimals(f *testing.F) {
	f.Add(int64(1), int32(math.MaxInt32), int32(2))
	f.Add(int64(math.MinInt64), int32(math.MinInt32), int32(math.MinInt32))
	f.Add(int64(math.MaxInt64), int32(-MaxExponent), int32(math.MaxInt32))
	f.Add(int64(0), int32(MaxExponent), int32(-3))
	f.Add(int64(2480), int32(-2), int32(1))
	f.Fuzz(func(t *testing.T, coef int64, exp int32, places int32) {
		d := decimal.New(coef, exp)
		_ = String(d)
		if err := Bounded(d); err != nil {
			if !IsRange(err) {
				t.Fatalf("Bounded: %v", err)
			}
			if _, err := Format(d); !IsRange(err) {
				t.Fatalf("Format of an unbounded decimal: %v", err)
			}
			return
		}
		if r := Round(d, places); r.Exponent() < d.Exponent() && !r.IsZero() {
			t.Fatalf("Round(%v, %d) added digits: exponent %d", d, places, r.Exponent())
		}
		s, err := Format(d)
		if err != nil {
			if !IsRange(err) {
				t.Fatalf("Format: %v", err)
			}
			return
		}
		back, err := Parse(s)
		if err != nil || !back.Equal(d) {
			t.Fatalf("%v wrote %q which reads back as %v (%v)", d, s, back, err)
		}
	})
}

// BenchmarkExtremeInput measures what the bounds cost on the inputs that
// made shopspring/decimal spend seconds and gigabytes: each is answered in
// time independent of the number's magnitude (the 1 MiB text in time
// linear in its length, to check its syntax).
func BenchmarkExtremeInput(b *testing.B) {
	long := strings.Repeat("9", 1<<20)
	cases := map[string]func(){
		"Parse/1e999999999":            func() { _, _ = Parse("1e999999999") },
		"Parse/1e-2147483648":          func() { _, _ = Parse("1e-2147483648") },
		"Parse/1MiB-digits":            func() { _, _ = Parse(long) },
		"DecodeJSON/1e999999999":       func() { _, _, _ = DecodeJSON([]byte(`"1e999999999"`)) },
		"String/1e2147483647":          func() { _ = String(decimal.New(1, math.MaxInt32)) },
		"Format/1e2147483647":          func() { _, _ = Format(decimal.New(1, math.MaxInt32)) },
		"Round/1e-512-to-MaxInt32":     func() { _ = Round(decimal.New(1, -MaxExponent), math.MaxInt32) },
		"Round/MaxInt64e512-to-MinI32": func() { _ = Round(decimal.New(math.MaxInt64, MaxExponent), math.MinInt32) },
	}
	for name, run := range cases {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				run()
			}
		})
	}
}
