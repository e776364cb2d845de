package hotelsupply_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// extremeAmounts are amounts no shop sends, each refused at once.
var extremeAmounts = []string{
	"1e999999999", "1e-999999999", "-1e2147483647", "1e99999999999999999999", "0.1e513",
	"1" + strings.Repeat("0", 64), "0." + strings.Repeat("0", 64) + "1", strings.Repeat("9", 1<<20),
}

// Issue 10 §16: money with a huge exponent made String() take seconds
// (MoneyFromDecimal(decimal.New(1, 1<<20)).String(): 0.29 s and 16 MB;
// Add, Fen: 80 ms and 2 MB each, growing with the exponent), and Fen
// wrapped around (1e30 yuan gave -8814407033341083648 fen, "exact").
// Input is bounded and refused with typed errors; Fen says when it cannot.
func TestMoneyRefusesExtremeInput(t *testing.T) {
	t.Parallel()
	for _, s := range extremeAmounts {
		name := s
		if len(name) > 40 {
			name = name[:20] + "…" + strconv.Itoa(len(s))
		}
		_, err := hotelsupply.NewMoney(s)
		require.ErrorIs(t, err, strconv.ErrRange, name)
		assert.Less(t, len(err.Error()), 160, "the error does not repeat a huge input: %s", err)

		var m hotelsupply.Money
		require.ErrorIs(t, m.UnmarshalText([]byte(s)), strconv.ErrRange, name)
		require.ErrorIs(t, json.Unmarshal([]byte(strconv.Quote(s)), &m), strconv.ErrRange, name)
		if !strings.HasPrefix(s, "0.") && !strings.Contains(s, ".1e") {
			require.ErrorIs(t, json.Unmarshal([]byte(s), &m), strconv.ErrRange, name)
		}
	}
	for _, s := range []string{"abc", "1,5", "1e", "--1", "0x10", "", " ", "1 2"} {
		_, err := hotelsupply.NewMoney(s)
		require.ErrorIs(t, err, strconv.ErrSyntax, s)
	}
	for in, want := range map[string]string{"+5": "5.00", "05.50": "5.50", ".5": "0.50", "5.": "5.00", "-0.00": "0.00",
		"1e+06": "1000000.00", "1E-2": "0.01", "  7 ": "7.00", strings.Repeat("9", 64): strings.Repeat("9", 64) + ".00"} {
		m, err := hotelsupply.NewMoney(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, m.String(), in)
	}

	for _, d := range []decimal.Decimal{decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32), decimal.New(1, 513),
		decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(700), nil), 0)} {
		_, err := hotelsupply.MoneyFromDecimal(d)
		require.ErrorIs(t, err, strconv.ErrRange)
	}
	wide, err := hotelsupply.MoneyFromDecimal(decimal.New(1, 100))
	require.NoError(t, err, "bounded, though too wide for the wire")
	assert.Equal(t, "1"+strings.Repeat("0", 100), wide.String(), "printed in full, in bounded time")
	_, err = json.Marshal(wide)
	require.ErrorIs(t, err, strconv.ErrRange)
	_, err = wide.MarshalText()
	require.ErrorIs(t, err, strconv.ErrRange)

	for in, want := range map[string]struct {
		fen   int64
		exact bool
	}{
		"1e30": {0, false}, "92233720368547758.08": {0, false}, "-92233720368547758.09": {0, false},
		"92233720368547758.07": {math.MaxInt64, true}, "-92233720368547758.08": {math.MinInt64, true},
		"12.345": {1234, false}, "-0.019": {-1, false},
	} {
		fen, exact := hotelsupply.MustMoney(in).Fen()
		assert.Equal(t, want.fen, fen, in)
		assert.Equal(t, want.exact, exact, in)
	}
	fen, exact := wide.Fen()
	assert.Zero(t, fen)
	assert.False(t, exact)
}

// A stay priced with an amount too wide for the wire is refused before
// anything is sent, naming the field; so is an invoice total or MaxTotal.
func TestCreateOrderRefusesAmountsTooWideForTheWire(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	c := newTestClient(t, shop)
	wide, err := hotelsupply.MoneyFromDecimal(decimal.New(1, 100))
	require.NoError(t, err)
	req := wikiCreate()
	req.DatePrices[1].Price = wide
	req.Invoice = &hotelsupply.Invoice{TitleType: hotelsupply.RisePersonal, Title: "张三", TotalPrice: wide}
	_, err = c.CreateOrder(context.Background(), req)
	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorContains(t, err, "date_price[1].price: must have at most 64 digits before and after the point")
	assert.ErrorContains(t, err, "total_price: must have at most 64 digits")
	_, err = c.Book(context.Background(), &hotelsupply.BookRequest{GoodsBuyRequest: *wikiGoodsBuy(), GuestName: "张三",
		Phone: testPhone, MaxTotal: wide})
	assert.ErrorContains(t, err, "max_total: must have at most 64 digits")
	assert.Empty(t, shop.requests(""), "nothing was sent")
}

// An answer with an absurd amount is a DecodeError naming the field, read
// without spending time or memory on the number.
func TestAnswerWithAHugeAmountIsADecodeError(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, strings.Replace(specExample(t), `"total_price": "440.00"`, `"total_price": 1e999999999`, 1)))
	c := newTestClient(t, shop)
	res, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
	assert.Nil(t, res)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, strconv.ErrRange)
	assert.ErrorContains(t, err, "total_price")
	assert.True(t, errors.Is(err, strconv.ErrRange))
}
