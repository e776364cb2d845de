package hotelsupply_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// setDecimalGlobals sets shopspring/decimal's process-wide switches as an
// application might, and restores them when the test ends. Tests calling
// it must not run in parallel.
func setDecimalGlobals(t *testing.T) {
	t.Helper()
	quotes, trim, sci, maxExp := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros,
		decimal.UseScientificNotation, decimal.MaxDecodeExponent
	t.Cleanup(func() {
		decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = quotes, trim
		decimal.UseScientificNotation, decimal.MaxDecodeExponent = sci, maxExp
	})
	decimal.MarshalJSONWithoutQuotes = true
	decimal.TrimTrailingZeros = false
	decimal.UseScientificNotation = true
	decimal.MaxDecodeExponent = 1
}

// Issue 10 §10: with decimal.UseScientificNotation set by the application,
// hotelsupply sent "price":1E6 in date_price; with TrimTrailingZeros off it
// sent 50.50; with MaxDecodeExponent lowered it could not read the shop's
// "440.00". Every amount on the wire, both ways, now goes through
// internal/money. Not parallel: it changes package state, which it
// restores.
func TestMoneyWireIgnoresDecimalGlobals(t *testing.T) {
	million := hotelsupply.MustMoney("1e6") // coefficient 1, exponent 6
	half := hotelsupply.MustMoney("50.50")
	total := hotelsupply.MustMoney("1000050.500")
	setDecimalGlobals(t)

	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`))
	c := newTestClient(t, shop)

	quote, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
	require.NoError(t, err, "the shop's amounts are read whatever MaxDecodeExponent says")
	assert.Equal(t, "440.00", quote.TotalPrice.String())

	req := wikiCreate()
	req.DatePrices[0].Price, req.DatePrices[1].Price = million, half
	req.Invoice = &hotelsupply.Invoice{TitleType: hotelsupply.RisePersonal, Title: "张三", TotalPrice: total}
	_, err = c.CreateOrder(context.Background(), req)
	require.NoError(t, err)
	sent := shop.requests(hotelsupply.RouteCreate)
	require.Len(t, sent, 1)
	assert.JSONEq(t, `[{"date":"19/03/2020","price":1000000},{"date":"20/03/2020","price":50.5},{"date":"21/03/2020","price":70}]`,
		sent[0].Form.Get("date_price"))
	assert.Contains(t, sent[0].Form.Get("date_price"), `"price":1000000}`, "plain notation, never 1E6")
	assert.Equal(t, "1000050.50", sent[0].Form.Get("total_price"))

	b, err := json.Marshal(struct {
		A hotelsupply.Money `json:"a"`
	}{million})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"1000000.00"}`, string(b))
	assert.Equal(t, "1000000.00", million.String())
	txt, err := million.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "1000000.00", string(txt))

	var back hotelsupply.Money
	require.NoError(t, json.Unmarshal([]byte(`"1e+06"`), &back))
	assert.True(t, back.Equal(million))
	m, err := hotelsupply.NewMoney("440.00")
	require.NoError(t, err)
	assert.Equal(t, "440.00", m.String())
}
