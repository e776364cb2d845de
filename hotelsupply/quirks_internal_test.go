package hotelsupply

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReferenceQuirksDecodeInTheWholeAnswer walks the list of PHP quirks in
// REFERENCE.md section 2 and, for each, rewrites the wiki's example answer
// to show it and decodes it through the client's whole path (envelope,
// data, pre-order check). Every rewrite must apply exactly once, so a case
// cannot pass by leaving the example untouched.
func TestReferenceQuirksDecodeInTheWholeAnswer(t *testing.T) {
	t.Parallel()
	wiki := string(wikiBody(t))
	day := func(d int) time.Time { return NewDate(2020, 3, d).Time() }
	for _, tc := range []struct {
		quirk string
		edits [][2]string // old, new: each old occurs once in the example
		check func(t *testing.T, r *GoodsBuyResult)
	}{
		{"1 numbers as strings and strings as numbers", [][2]string{
			{`"result": 1,`, `"result": "1",`},
			{`"plugin_id": 48,`, `"plugin_id": "48",`},
			{`"goods_total": 2,`, `"goods_total": "2",`},
			{`"uniacid": "6",`, `"uniacid": 6,`},
			{`"nums": "2",`, `"nums": 2,`},
			{`"id": 76,`, `"id": "76",`},
			{`"latitude": "30.20004733695",`, `"latitude": 30.20004733695,`},
			{`"total_price": "440.00",`, `"total_price": 440,`},
			{`"pre_id": "413a5200241cc7fe7dd5945331bace78",`, `"pre_id": 413,`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			o := r.Orders[0]
			assert.Equal(t, Int(48), o.PluginID)
			assert.Equal(t, Int(2), o.GoodsTotal)
			assert.Equal(t, IntString(6), o.HotelOrder.Uniacid)
			assert.Equal(t, IntString(2), o.HotelOrder.Nums)
			assert.Equal(t, Int(76), o.HotelOrder.Hotel.ID)
			assert.Equal(t, String("30.20004733695"), o.HotelOrder.Hotel.Latitude, "kept exact as text")
			assert.Equal(t, "440.00", r.TotalPrice.String())
			assert.Equal(t, String("413"), o.PreID)
		}},
		{"2 [] for an empty object; {}, null, \"\" and false for empty", [][2]string{
			{`"order_address": {
                    "street_id": 0, 
                    "zipcode": ""
                },`, `"order_address": [],`},
			{`"discount": {
            "member_coupons": [ ]
        },`, `"discount": [],`},
			{`"amount_items": [`, `"amount_items_was": [`},
			{`"fee_items": [ ],`, `"fee_items": null, "amount_items": {},`},
			{`"discount_amount_items": [ ],`, `"discount_amount_items": false,`},
			{`"order_settings": [ ],`, `"order_settings": "",`},
			{`"goods_option": null,`, `"goods_option": [],`},
			{`"has_one_dispatch_type": null,`, `"has_one_dispatch_type": {},`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			assert.Empty(t, r.AmountItems)
			assert.Empty(t, r.FeeItems)
			assert.Empty(t, r.DiscountAmountItems)
			assert.Empty(t, r.Discount.MemberCoupons)
			assert.Equal(t, OrderAddress{}, r.Orders[0].OrderAddress)
			assert.Empty(t, r.Orders[0].OrderSettings)
		}},
		{"3 a list with gaps as an index-keyed object", [][2]string{
			{`"orders": [`, `"orders": {"2":`},
			{`"order_fees": [ ]
            }
        ],`, `"order_fees": [ ]
            }
        },`},
			{`"order_goods_deductions": {
                            "1": {`, `"order_goods_deductions": {
                            "7": {`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			require.Len(t, r.Orders, 1)
			assert.Equal(t, String("413a5200241cc7fe7dd5945331bace78"), r.Orders[0].PreID)
			assert.Equal(t, String("point"), r.Orders[0].OrderGoods[0].Deductions["7"].Code)
		}},
		{"4 bools as true, 1 and \"1\"", [][2]string{
			{`"is_virtual": true,`, `"is_virtual": "1",`},
			{`"need_address": 1,`, `"need_address": "true",`},
			{`"need_address": true,`, `"need_address": 1,`},
			{`"isdefault": 1`, `"isdefault": "1"`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			o := r.Orders[0]
			assert.True(t, bool(o.IsVirtual))
			assert.True(t, bool(o.NeedAddress))
			assert.True(t, bool(o.OrderGoods[0].NeedAddress))
			assert.True(t, bool(r.Dispatch.DefaultMemberAddress.IsDefault))
		}},
		{"5 null for absent strings and objects", [][2]string{
			{`"mark": "",`, `"mark": null,`},
			{`"shop_name": "酒店-杭州云廊小庐",`, `"shop_name": null,`},
			{`"fang": {`, `"fang": null, "fang_was": {`},
			{`"default_member_address": {`, `"default_member_address": null, "dma_was": {`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			o := r.Orders[0]
			assert.Empty(t, o.Mark)
			assert.Empty(t, o.ShopName)
			assert.Equal(t, Room{}, o.HotelOrder.Hotel.Room)
			assert.Equal(t, MemberAddress{}, r.Dispatch.DefaultMemberAddress)
		}},
		{"6 dates as dd/mm/yyyy, yyyy-mm-dd, yyyy-mm-dd hh:mm:ss or unix seconds", [][2]string{
			{`"start_at": 1584460800,`, `"start_at": "18/03/2020",`},
			{`"end_at": 1584720000,`, `"end_at": "2020-03-21 00:00:00",`},
			{`"created_at": "2020-03-11 14:49:50",`, `"created_at": "1583909390",`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			h := r.Orders[0].HotelOrder
			assert.True(t, h.StartAt.Equal(day(18)), h.StartAt.String())
			assert.True(t, h.EndAt.Equal(day(21)), h.EndAt.String())
			assert.True(t, h.Hotel.CreatedAt.Equal(time.Date(2020, 3, 11, 14, 49, 50, 0, shopZone)), h.Hotel.CreatedAt.String())
		}},
		{"6 (cont.) yyyy-mm-dd", [][2]string{
			{`"start_at": 1584460800,`, `"start_at": "2020-03-18",`},
			{`"end_at": 1584720000,`, `"end_at": "1584720000",`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			h := r.Orders[0].HotelOrder
			assert.True(t, h.StartAt.Equal(day(18)))
			assert.True(t, h.EndAt.Equal(day(21)))
		}},
		{"7 comma-joined lists in strings", [][2]string{
			{`"other": "PARKING,WIFI,XICANG,RESHUI,XIYI,JIAOXING,SHANGWANG,XINGLI",`, `"other": "PARKING",`},
			{`"other_name": "停车位,WIFI,XICANG,热水,洗衣,叫醒,上网,行李"`, `"other_name": ""`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			h := r.Orders[0].HotelOrder.Hotel
			assert.Equal(t, CSV{"PARKING"}, h.Other)
			assert.Empty(t, h.OtherName)
		}},
		{"8 unknown extra keys", [][2]string{
			{`"result": 1,`, `"result": 1, "extra": {"a": [1, {}]},`},
			{`"plugin_id": 48,`, `"plugin_id": 48, "brand_new": [{"x": null}],`},
			{`"name": "山景大床房",
                            "image_1"`, `"name": "山景大床房", "bed": {"w": 1.8},
                            "image_1"`},
		}, func(t *testing.T, r *GoodsBuyResult) {
			assert.Equal(t, String("山景大床房"), r.Orders[0].HotelOrder.Hotel.Room.Name)
		}},
	} {
		t.Run(tc.quirk, func(t *testing.T) {
			t.Parallel()
			body := wiki
			for _, e := range tc.edits {
				require.Equal(t, 1, strings.Count(body, e[0]), "edit %q must apply once", e[0])
				body = strings.Replace(body, e[0], e[1], 1)
			}
			res, err := decodeGoodsBuyResponse([]byte(body))
			require.NoError(t, err)
			tc.check(t, res)
		})
	}
}

// TestParseIntRejectsWhatInt64CannotHold: PHP may write an id as "6.00" or
// 6e2; a value out of int64 range is an error, not a wrapped number.
func TestParseIntRejectsWhatInt64CannotHold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{
		"6": 6, "6.00": 6, "6e2": 600, "-7": -7, "9223372036854775807": 9223372036854775807,
		"-9223372036854775808": -9223372036854775808, "9223372036854775807.000": 9223372036854775807,
	} {
		got, err := parseInt(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"9223372036854775808", "99999999999999999999", "1e20", "-1e19", "1e10000", "1.5", "1e-2", "x", ""} {
		_, err := parseInt(in)
		assert.Error(t, err, in)
	}
}

// TestDatePriceIsExactJSON: every price goes into date_price as an exact
// JSON number literal, never in float64's exponent form (1e+06) and never
// rounded.
func TestDatePriceIsExactJSON(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"100": "100", "100.00": "100", "50.50": "50.5", "0.10": "0.1", "0": "0", "0.005": "0.005",
		"1e6": "1000000", "1e+06": "1000000", "1000000.50": "1000000.5", "0.1e1": "1",
		"12345678901234567890.12": "12345678901234567890.12", "99999999.99": "99999999.99",
	} {
		p := datePriceParam{items: []DatePrice{{Date: NewDate(2020, 3, 19), Price: MustMoney(in)}}}
		v := url.Values{}
		require.NoError(t, p.EncodeValues("date_price", &v))
		assert.Equal(t, `[{"date":"19/03/2020","price":`+want+`}]`, v.Get("date_price"), in)
	}
	iso := datePriceParam{format: DateISO, items: []DatePrice{
		{Date: DateOf(time.Date(2020, 12, 31, 23, 0, 0, 0, time.UTC)), Price: MustMoney("1")},
		{Date: NewDate(2021, 1, 1), Price: MustMoney("2")},
	}}
	v := url.Values{}
	require.NoError(t, iso.EncodeValues("date_price", &v))
	assert.Equal(t, `[{"date":"2020-12-31","price":1},{"date":"2021-01-01","price":2}]`, v.Get("date_price"),
		"a date is its calendar day in its own location")
}

// FuzzTolerantScalars: no input makes a tolerant type panic, and what
// decodes marshals to the wire form and decodes again to the same value.
func FuzzTolerantScalars(f *testing.F) {
	for _, s := range []string{`6`, `"6"`, `"6.00"`, `6e2`, `""`, `null`, `false`, `true`, `"1"`, `[]`, `{}`,
		`"440.00"`, `1e+06`, `"-0.5"`, `"99999999999999999999"`, `"1e10000"`, `"yes"`, `{"0":1}`, `[1,"2"]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, new(Int), func(a, b *Int) bool { return *a == *b })
		roundTrip(t, b, new(IntString), func(a, b *IntString) bool { return *a == *b })
		roundTrip(t, b, new(Bool), func(a, b *Bool) bool { return *a == *b })
		roundTrip(t, b, new(BoolInt), func(a, b *BoolInt) bool { return *a == *b })
		roundTrip(t, b, new(Money), func(a, b *Money) bool { return a.Equal(*b) })
		roundTrip(t, b, new(OrderIDs), func(a, b *OrderIDs) bool { return slices.Equal(*a, *b) })
		var s String
		_ = s.UnmarshalJSON(b)
		var c CSV
		_ = c.UnmarshalJSON(b)
		var l List[Int]
		_ = l.UnmarshalJSON(b)
		var m Map[Int]
		_ = m.UnmarshalJSON(b)
		var u UnixTime
		_ = u.UnmarshalJSON(b)
	})
}

// roundTrip decodes b into v the way encoding/json would (only valid JSON
// reaches a decoder) and, when that works, checks marshal-then-decode.
func roundTrip[T any](t *testing.T, b []byte, v *T, same func(a, b *T) bool) {
	t.Helper()
	if json.Unmarshal(b, v) != nil {
		return
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T: marshal %v: %v", v, *v, err)
	}
	again := new(T)
	if err := json.Unmarshal(out, again); err != nil {
		t.Fatalf("%T: decode own output %s: %v", v, out, err)
	}
	if !same(v, again) {
		t.Fatalf("%T: %s decoded as %v, wrote %s, read back %v", v, b, *v, out, *again)
	}
}
