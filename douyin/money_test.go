package douyin

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 10 §16: Yuan overflowed silently (one case printed -0.80).
func TestYuanDoesNotOverflowSilently(t *testing.T) {
	t.Parallel()
	for _, y := range []int64{math.MaxInt64, math.MinInt64, math.MaxInt64/100 + 1, math.MinInt64/100 - 1, 92233720368547759} {
		f, err := YuanChecked(y)
		require.ErrorIs(t, err, ErrAmountOutOfRange, y)
		assert.Zero(t, f, y)
		assert.Equal(t, FenOutOfRange, Yuan(y), "Yuan(%d) is never a plausible amount", y)
	}
	for _, y := range []int64{0, 1, -1, 440, math.MaxInt64 / 100, math.MinInt64 / 100} {
		f, err := YuanChecked(y)
		require.NoError(t, err, y)
		assert.Equal(t, Fen(y*100), f)
		assert.Equal(t, f, Yuan(y))
	}
	_, err := ParseYuan("92233720368547758.08")
	require.ErrorIs(t, err, ErrAmountOutOfRange)
	_, err = ParseYuan("99999999999999999999")
	require.ErrorIs(t, err, ErrAmountOutOfRange)
	f, err := ParseYuan("92233720368547758.07")
	require.NoError(t, err)
	assert.Equal(t, Fen(math.MaxInt64), f)
}

// Issue 10 §16: LockRefresh with a nil context panicked.
func TestLockRefreshWithNilContext(t *testing.T) {
	t.Parallel()
	s := NewMemoryTokenStore()
	var nilCtx context.Context
	l, err := s.LockRefresh(nilCtx, "k", time.Minute)
	require.NoError(t, err, "a nil context is context.Background()")
	require.NoError(t, l.Save(nilCtx, Token{AccessToken: "x"}))
	require.NoError(t, l.Release(nilCtx))
	got, err := s.Load(nilCtx, "k")
	require.NoError(t, err)
	assert.Equal(t, "x", got.AccessToken)
}

func FuzzYuanChecked(f *testing.F) {
	for _, y := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64, math.MaxInt64 / 100, math.MinInt64 / 100, math.MaxInt64/100 + 1} {
		f.Add(y)
	}
	f.Fuzz(func(t *testing.T, y int64) {
		v, err := YuanChecked(y)
		if err != nil {
			if y >= math.MinInt64/100 && y <= math.MaxInt64/100 {
				t.Fatalf("YuanChecked(%d) refused an amount in range: %v", y, err)
			}
			return
		}
		if int64(v)/100 != y || int64(v)%100 != 0 {
			t.Fatalf("YuanChecked(%d) = %d", y, v)
		}
	})
}

// FuzzParseYuan: a parsed amount prints back to a string that parses to the
// same amount; nothing panics; extreme exponents and lengths stay fast.
func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"0", "440", "440.5", "-0.01", "+1.00", ".5", "5.", "92233720368547758.07", "-92233720368547758.08",
		"99999999999999999999", "1e400", "", "-", ".", "1.234", "0x10", strconv.Itoa(math.MaxInt64),
		"1e999999999", "-1e-999999999", strings.Repeat("0", 63) + "1", strings.Repeat("9", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		back, err := ParseYuan(v.String())
		if err != nil || back != v {
			t.Fatalf("ParseYuan(%q) = %d, printed %q, parsed back %d, %v", s, v, v.String(), back, err)
		}
	})
}

// Issue 10 §16: extreme amounts are refused at once with a typed error that
// does not repeat them; BenchmarkParseYuanExtreme measures the work.
func TestParseYuanRefusesExtremeInput(t *testing.T) {
	t.Parallel()
	for _, s := range []string{strings.Repeat("9", 1<<20), "1" + strings.Repeat("0", 64), strings.Repeat("9", 20)} {
		_, err := ParseYuan(s)
		require.ErrorIs(t, err, ErrAmountOutOfRange, len(s))
		assert.Less(t, len(err.Error()), 120, err.Error())
	}
	for _, s := range []string{"1e999999999", "1E2", "NaN", "Inf", "0x10", "1_000"} {
		_, err := ParseYuan(s)
		require.Error(t, err, s)
		assert.NotErrorIs(t, err, ErrAmountOutOfRange, s)
	}
	f, err := ParseYuan(strings.Repeat("0", 60) + "1.50")
	require.NoError(t, err, "leading zeros within 64 characters")
	assert.Equal(t, Fen(150), f)
}

// BenchmarkParseYuanExtreme measures ParseYuan on extreme input: a 1 MiB
// digit string cost 23 ms and 4 MB and its error quoted all of it; now it is
// refused by its length.
func BenchmarkParseYuanExtreme(b *testing.B) {
	for name, s := range map[string]string{"1MiB-digits": strings.Repeat("9", 1<<20), "1e999999999": "1e999999999",
		"max": "92233720368547758.07"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, _ = ParseYuan(s)
			}
		})
	}
}
