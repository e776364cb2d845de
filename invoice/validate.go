package invoice

import (
	"fmt"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/money"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
	"github.com/shopspring/decimal"
)

// validateAddOrders checks an order/add request before anything is sent and
// reports every problem at once.
func validateAddOrders(req *AddOrdersRequest) error {
	v := newValidator(OpAddOrders, req == nil)
	if req == nil {
		return v.Err()
	}
	checkStore(v, req.StoreID, req.StoreNo)
	if len(req.OrderList) == 0 {
		v.Add("orderList", "at least one order is required")
	}
	for i, o := range req.OrderList {
		checkOrder(v, fmt.Sprintf("orderList[%d]", i), o)
	}
	return v.Err()
}

// validateGetOrders checks an order/get request.
func validateGetOrders(req *GetOrdersRequest) error {
	v := newValidator(OpGetOrders, req == nil)
	if req == nil {
		return v.Err()
	}
	checkStore(v, req.StoreID, req.StoreNo)
	checkText(v, "orderBatchNo", req.OrderBatchNo)
	return v.Err()
}

// newValidator starts the checks of op; a nil request is the first problem.
func newValidator(op string, nilRequest bool) *transport.Validator {
	v := &transport.Validator{Platform: platform, Operation: op}
	if nilRequest {
		v.Add("", "request is required")
	}
	return v
}

// checkStore requires exactly one of storeId and storeNo.
func checkStore(v *transport.Validator, id int64, no string) {
	switch {
	case id == 0 && no == "":
		v.Add("storeId", "one of storeId and storeNo is required")
	case id != 0 && no != "":
		v.Add("storeNo", "give storeId or storeNo, not both")
	case id < 0:
		v.Add("storeId", "must be positive")
	case id == 0:
		checkText(v, "storeNo", no)
	}
}

// checkText requires a non-blank value.
func checkText(v *transport.Validator, field, s string) {
	switch {
	case s == "":
		v.Add(field, "is required")
	case strings.TrimSpace(s) == "":
		v.Add(field, "must not be blank")
	}
}

func checkOrder(v *transport.Validator, path string, o Order) {
	checkText(v, path+".erpOrderNo", o.ErpOrderNo)
	priceOK := checkAmount(v, path+".orderPrice", o.OrderPrice, true, true)
	if len(o.Items) == 0 {
		v.Add(path+".items", "at least one item is required")
		return
	}
	// The relations below are checked only between values that passed
	// their own checks: one problem is reported once.
	sum := AmountFromFen(0)
	sumKnown := true
	for j, it := range o.Items {
		ip := fmt.Sprintf("%s.items[%d]", path, j)
		checkText(v, ip+".identifier", it.Identifier)
		qtyOK := it.Quantity.IsSet() && checkNumber(v, ip+".quantity", it.Quantity.d, false)
		unitOK := checkAmount(v, ip+".unitPrice", it.UnitPrice, false, false)
		if !checkAmount(v, ip+".totalPrice", it.TotalPrice, true, true) {
			sumKnown = false
			continue
		}
		sum = sum.Add(it.TotalPrice)
		if !qtyOK || !unitOK {
			continue
		}
		product := it.UnitPrice.Mul(it.Quantity)
		switch want := product.Round(2); {
		case it.TotalPrice.Equal(want):
		case want.Equal(product):
			v.Add(ip+".totalPrice", "must equal unitPrice × quantity: %s × %s = %s, got %s",
				it.UnitPrice, it.Quantity, product, it.TotalPrice)
		default:
			v.Add(ip+".totalPrice", "must equal unitPrice × quantity in whole fen: %s × %s = %s ≈ %s, got %s",
				it.UnitPrice, it.Quantity, product, want, it.TotalPrice)
		}
	}
	if sumKnown && priceOK && !o.OrderPrice.Equal(sum) {
		v.Add(path+".orderPrice", "must equal the sum of the items' totalPrice: %s, got %s", sum, o.OrderPrice)
	}
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
