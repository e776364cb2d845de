package hotelsupply_test

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// FuzzMoneyText: whatever NewMoney, UnmarshalText and UnmarshalJSON are
// given, nothing panics; a refusal is typed (strconv.ErrSyntax or
// ErrRange) and short; an accepted amount prints a wire form that reads
// back as the same amount. Bounded work is measured by
// BenchmarkMoneyExtremeInput, never timed here.
func FuzzMoneyText(f *testing.F) {
	for _, s := range append([]string{"440.00", "0", "-0.5", "+5", ".5", "5.", "05", "1e+06", "1E-2", "0.125", "", "abc",
		"1e2147483647", "1e-2147483648", "1e9223372036854775807", "NaN", "Inf", "0x10", "1_000", "１２３"}, extremeAmounts[:7]...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := hotelsupply.NewMoney(s)
		if err != nil {
			if !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange) {
				t.Fatalf("NewMoney(%q): untyped error %v", s, err)
			}
			if len(err.Error()) > 200 {
				t.Fatalf("NewMoney: the error repeats the input: %d bytes", len(err.Error()))
			}
		} else {
			out := m.String()
			back, err := hotelsupply.NewMoney(out)
			if err != nil || !back.Equal(m) {
				t.Fatalf("NewMoney(%q) printed %q which reads back as %v (%v)", s, out, back, err)
			}
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatalf("NewMoney(%q) accepted an amount that does not marshal: %v", s, err)
			}
			var j hotelsupply.Money
			if err := json.Unmarshal(b, &j); err != nil || !j.Equal(m) {
				t.Fatalf("%s reads back as %v (%v)", b, j, err)
			}
			_, _ = m.Fen()
		}
		var u hotelsupply.Money
		if err := u.UnmarshalText([]byte(s)); err != nil && !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("UnmarshalText(%q): untyped error %v", s, err)
		}
		_ = json.Unmarshal([]byte(s), &u)
		_ = json.Unmarshal([]byte(strconv.Quote(s)), &u)
	})
}

// FuzzMoneyFromDecimal: any decimal a caller builds is either refused with
// an error matching strconv.ErrRange or usable: printing, adding,
// comparing, converting to fen and marshalling all answer (marshalling with
// ErrRange when it is too wide for the wire).
func FuzzMoneyFromDecimal(f *testing.F) {
	f.Add(int64(1), int32(math.MaxInt32))
	f.Add(int64(math.MinInt64), int32(math.MinInt32))
	f.Add(int64(math.MaxInt64), int32(-512))
	f.Add(int64(1), int32(100))
	f.Add(int64(44000), int32(-2))
	f.Fuzz(func(t *testing.T, coef int64, exp int32) {
		m, err := hotelsupply.MoneyFromDecimal(decimal.New(coef, exp))
		if err != nil {
			if !errors.Is(err, strconv.ErrRange) {
				t.Fatalf("MoneyFromDecimal(%de%d): %v", coef, exp, err)
			}
			return
		}
		_ = m.String()
		_ = m.Add(hotelsupply.MustMoney("0.01")).Cmp(m)
		_, _ = m.Fen()
		if _, err := json.Marshal(m); err != nil && !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("MarshalJSON(%de%d): %v", coef, exp, err)
		}
	})
}

// BenchmarkMoneyExtremeInput measures the work extreme amounts cost (it
// was 0.29 s and 16 MB for String of 1e1048576, 80 ms for its Add or Fen,
// 20 ms and 2 MB to read 1 MiB of digits).
func BenchmarkMoneyExtremeInput(b *testing.B) {
	long := []byte(`"` + strings.Repeat("9", 1<<20) + `"`)
	wide, err := hotelsupply.MoneyFromDecimal(decimal.New(1, 512))
	if err != nil {
		b.Fatal(err)
	}
	one := hotelsupply.MustMoney("1")
	cases := []struct {
		name string
		run  func()
	}{
		{"NewMoney/1e999999999", func() { _, _ = hotelsupply.NewMoney("1e999999999") }},
		{"UnmarshalJSON/1e999999999", func() { var m hotelsupply.Money; _ = json.Unmarshal([]byte(`1e999999999`), &m) }},
		{"UnmarshalJSON/1MiB-digits", func() { var m hotelsupply.Money; _ = m.UnmarshalJSON(long) }},
		{"MoneyFromDecimal/1e2147483647", func() { _, _ = hotelsupply.MoneyFromDecimal(decimal.New(1, math.MaxInt32)) }},
		{"widest/String", func() { _ = wide.String() }},
		{"widest/Add", func() { _ = wide.Add(one) }},
		{"widest/Fen", func() { _, _ = wide.Fen() }},
		{"widest/MarshalJSON", func() { _, _ = wide.MarshalJSON() }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.run()
			}
		})
	}
}
