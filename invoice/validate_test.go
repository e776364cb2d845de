package invoice

import (
	"context"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// item is a valid lodging line: price × nights = total.
func item(unit, qty, total string) OrderItem {
	it := OrderItem{Identifier: IdentifierLodging}
	if unit != "" {
		it.UnitPrice = MustAmount(unit)
	}
	if qty != "" {
		it.Quantity = MustQuantity(qty)
	}
	if total != "" {
		it.TotalPrice = MustAmount(total)
	}
	return it
}

func order(price string, items ...OrderItem) Order {
	o := Order{ErpOrderNo: "E1", Items: items}
	if price != "" {
		o.OrderPrice = MustAmount(price)
	}
	return o
}

func TestValidateAddOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  *AddOrdersRequest
		want []hotelsdk.FieldError // nil: valid
	}{
		{"spec example", specAddOrders(), nil},
		{"store number", &AddOrdersRequest{StoreNo: "S1", OrderList: []Order{order("24.8", item("12.4", "2", "24.8"))}}, nil},
		{"float64 gets 0.1 + 0.2 wrong", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0.3", item("", "", "0.1"), item("", "", "0.2"))}}, nil},
		{"12.4 × 2 is exactly 24.8", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("24.8", item("12.4", "2", "24.8"))}}, nil},
		{"float64 gets 12.4 × 3 wrong", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("37.2", item("12.4", "3", "37.2"))}}, nil},
		{"float64 gets 19.99 × 100 wrong", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("1999", item("19.99", "100", "1999"))}}, nil},
		{"trailing zeros are the same value", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("1999.00", item("19.990", "100.0", "1999.0"))}}, nil},
		{"unit price with more decimals, total rounded to fen", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("100", item("33.333333", "3", "100"))}}, nil},
		{"quantity with more decimals", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0.13", item("0.25", "0.5", "0.13"))}}, nil},
		{"amounts built from fen and decimals", &AddOrdersRequest{StoreID: 1, OrderList: []Order{{
			ErpOrderNo: "E1", OrderPrice: AmountFromFen(2480), Items: []OrderItem{{Identifier: IdentifierLodging,
				Quantity: QuantityFromInt(2), UnitPrice: mustAmountDec(t, decimal.RequireFromString("12.40")), TotalPrice: AmountFromFen(2480)}},
		}}}, nil},
		{"zero amounts are allowed", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0", item("0", "1", "0"))}}, nil},
		{"only a total", &AddOrdersRequest{StoreID: 1, OrderList: []Order{order("5", item("", "", "5"))}}, nil},
		{"unit price without quantity", &AddOrdersRequest{StoreID: 1, OrderList: []Order{order("5", item("9", "", "5"))}}, nil},

		{"nil request", nil, []hotelsdk.FieldError{{Message: "request is required"}}},
		{"empty request", &AddOrdersRequest{}, []hotelsdk.FieldError{
			{Field: "storeId", Message: "one of storeId and storeNo is required"},
			{Field: "orderList", Message: "at least one order is required"},
		}},
		{"both store keys", &AddOrdersRequest{StoreID: 1, StoreNo: "S", OrderList: specAddOrders().OrderList}, []hotelsdk.FieldError{
			{Field: "storeNo", Message: "give storeId or storeNo, not both"},
		}},
		{"negative store id", &AddOrdersRequest{StoreID: -5, OrderList: specAddOrders().OrderList}, []hotelsdk.FieldError{
			{Field: "storeId", Message: "must be positive"},
		}},
		{"blank store number", &AddOrdersRequest{StoreNo: "  ", OrderList: specAddOrders().OrderList}, []hotelsdk.FieldError{
			{Field: "storeNo", Message: "must not be blank"},
		}},
		{"0.1 + 0.2 is not 0.30000000000000004", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0.30000000000000004", item("", "", "0.1"), item("", "", "0.2"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must be whole fen (at most two decimals), got 0.30000000000000004"},
		}},
		{"0.1 + 0.2 is not 0.31", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0.31", item("", "", "0.1"), item("", "", "0.2"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must equal the sum of the items' totalPrice: 0.3, got 0.31"},
		}},
		{"19.99 × 100 is not 1998.9999999999998", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("1998.9999999999998", item("19.99", "100", "1998.9999999999998"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must be whole fen (at most two decimals), got 1998.9999999999998"},
			{Field: "orderList[0].items[0].totalPrice", Message: "must be whole fen (at most two decimals), got 1998.9999999999998"},
		}},
		{"19.99 × 100 is not 1998.99", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("1998.99", item("19.99", "100", "1998.99"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].items[0].totalPrice", Message: "must equal unitPrice × quantity: 19.99 × 100 = 1999, got 1998.99"},
		}},
		{"33.333333 × 3 in whole fen is 100", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("99.99", item("33.333333", "3", "99.99"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].items[0].totalPrice", Message: "must equal unitPrice × quantity in whole fen: 33.333333 × 3 = 99.999999 ≈ 100, got 99.99"},
		}},
		{"a total cannot carry a fraction of a fen", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("99.999999", item("33.333333", "3", "99.999999"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must be whole fen (at most two decimals), got 99.999999"},
			{Field: "orderList[0].items[0].totalPrice", Message: "must be whole fen (at most two decimals), got 99.999999"},
		}},
		{"rounding is half up: 0.125 × 1 is 0.13", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("0.12", item("0.125", "1", "0.12"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].items[0].totalPrice", Message: "must equal unitPrice × quantity in whole fen: 0.125 × 1 = 0.125 ≈ 0.13, got 0.12"},
		}},
		{"12.4 × 2 is not 24.79", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("24.79", item("12.4", "2", "24.79"))}}, []hotelsdk.FieldError{
			{Field: "orderList[0].items[0].totalPrice", Message: "must equal unitPrice × quantity: 12.4 × 2 = 24.8, got 24.79"},
		}},
		{"every problem at once", &AddOrdersRequest{OrderList: []Order{
			{Items: []OrderItem{{Quantity: MustQuantity("-1"), UnitPrice: MustAmount("-2")}}},
			{ErpOrderNo: "E2", OrderPrice: MustAmount("-1")},
			order("10", item("3", "3", "9"), OrderItem{Identifier: " ", TotalPrice: MustAmount("-1")}),
		}}, []hotelsdk.FieldError{
			{Field: "storeId", Message: "one of storeId and storeNo is required"},
			{Field: "orderList[0].erpOrderNo", Message: "is required"},
			{Field: "orderList[0].orderPrice", Message: "is required"},
			{Field: "orderList[0].items[0].identifier", Message: "is required"},
			{Field: "orderList[0].items[0].quantity", Message: "must not be negative"},
			{Field: "orderList[0].items[0].unitPrice", Message: "must not be negative"},
			{Field: "orderList[0].items[0].totalPrice", Message: "is required"},
			{Field: "orderList[1].orderPrice", Message: "must not be negative"},
			{Field: "orderList[1].items", Message: "at least one item is required"},
			{Field: "orderList[2].items[1].identifier", Message: "must not be blank"},
			{Field: "orderList[2].items[1].totalPrice", Message: "must not be negative"},
		}},
		{"a value with its own problem is not checked against others", &AddOrdersRequest{StoreID: 1, OrderList: []Order{
			order("-24.8", item("12.4", "-2", "24.8")),
			order("30", item("15", "2", "30.001")),
		}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must not be negative"},
			{Field: "orderList[0].items[0].quantity", Message: "must not be negative"},
			{Field: "orderList[1].items[0].totalPrice", Message: "must be whole fen (at most two decimals), got 30.001"},
		}},
		{"digits beyond what the SDK writes", &AddOrdersRequest{StoreID: 1, OrderList: []Order{{
			ErpOrderNo: "E1", OrderPrice: mustAmountDec(t, decimal.New(1, 64)),
			Items: []OrderItem{{Identifier: IdentifierLodging, Quantity: mustQuantityDec(t, decimal.New(1, -65)),
				UnitPrice: mustAmountDec(t, decimal.New(1, 512)), TotalPrice: mustAmountDec(t, decimal.New(1, 64))}},
		}}}, []hotelsdk.FieldError{
			{Field: "orderList[0].orderPrice", Message: "must have at most 64 digits before and after the point"},
			{Field: "orderList[0].items[0].quantity", Message: "must have at most 64 digits before and after the point"},
			{Field: "orderList[0].items[0].unitPrice", Message: "must have at most 64 digits before and after the point"},
			{Field: "orderList[0].items[0].totalPrice", Message: "must have at most 64 digits before and after the point"},
		}},
		{"total matches but order price does not", &AddOrdersRequest{StoreNo: "S", OrderList: []Order{
			order("24.8", item("12.4", "2", "24.8")), order("30.01", item("15", "2", "30"))}}, []hotelsdk.FieldError{
			{Field: "orderList[1].orderPrice", Message: "must equal the sum of the items' totalPrice: 30, got 30.01"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := validateAddOrders(tt.req)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
			assert.Equal(t, "invoice", ve.Platform)
			assert.Equal(t, OpAddOrders, ve.Operation)
			assert.Equal(t, tt.want, ve.Problems)

			// Through the client nothing is sent.
			mt := httpmock.NewMockTransport()
			mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(200, specAddSuccess))
			res, err := newTestClient(t, mt).AddOrders(context.Background(), tt.req)
			assert.Nil(t, res)
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

func TestValidateGetOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  *GetOrdersRequest
		want []hotelsdk.FieldError
	}{
		{"by id", &GetOrdersRequest{StoreID: 1000021, OrderBatchNo: "B"}, nil},
		{"by number", &GetOrdersRequest{StoreNo: "S", OrderBatchNo: "B"}, nil},
		{"nil", nil, []hotelsdk.FieldError{{Message: "request is required"}}},
		{"empty", &GetOrdersRequest{}, []hotelsdk.FieldError{
			{Field: "storeId", Message: "one of storeId and storeNo is required"},
			{Field: "orderBatchNo", Message: "is required"},
		}},
		{"both stores, blank batch", &GetOrdersRequest{StoreID: 1, StoreNo: "S", OrderBatchNo: " "}, []hotelsdk.FieldError{
			{Field: "storeNo", Message: "give storeId or storeNo, not both"},
			{Field: "orderBatchNo", Message: "must not be blank"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := validateGetOrders(tt.req)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, OpGetOrders, ve.Operation)
			assert.Equal(t, tt.want, ve.Problems)
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	t.Parallel()
	err := validateGetOrders(&GetOrdersRequest{StoreID: 1})
	require.Error(t, err)
	assert.Equal(t, "invoice: order.get: invalid request: orderBatchNo: is required", err.Error())
	err = validateAddOrders(nil)
	assert.EqualError(t, err, "invoice: order.add: invalid request: request is required")
}
