package hotelsupply_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// wikiEnvelope decodes the wiki's example answer with this package's types.
type wikiEnvelope struct {
	Result int                        `json:"result"`
	Msg    string                     `json:"msg"`
	Data   hotelsupply.GoodsBuyResult `json:"data"`
}

func TestWikiExampleRoundTripsToTheWireForm(t *testing.T) {
	t.Parallel()
	raw := specExample(t)
	var env wikiEnvelope
	require.NoError(t, json.Unmarshal([]byte(raw), &env))

	out, err := json.Marshal(hotelsupply.Envelope{Result: env.Result, Msg: env.Msg, Data: &env.Data})
	require.NoError(t, err)
	assert.JSONEq(t, raw, string(out), "marshalling gives back the wiki's example, quirks included")

	// Decoding our own output gives the same values.
	var again wikiEnvelope
	require.NoError(t, json.Unmarshal(out, &again))
	assert.Equal(t, env, again)
}

func TestMoneyMarshalIgnoresDecimalGlobals(t *testing.T) {
	// Not parallel: it flips a package-level setting of shopspring/decimal.
	decimal.MarshalJSONWithoutQuotes = true
	defer func() { decimal.MarshalJSONWithoutQuotes = false }()
	b, err := json.Marshal(struct {
		A hotelsupply.Money `json:"a"`
	}{hotelsupply.MustMoney("440")})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"440.00"}`, string(b))
}

func TestMoney(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`"440.00"`: "440.00", `440`: "440.00", `"0.1"`: "0.10", `0.125`: "0.125", `"1e+06"`: "1000000.00",
		`1e+06`: "1000000.00", `""`: "0.00", `null`: "0.00", `false`: "0.00", `" 12.5 "`: "12.50", `[]`: "0.00",
		`"-3.456"`: "-3.456", `"99999999999999999999.99"`: "99999999999999999999.99",
	} {
		var m hotelsupply.Money
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, want, m.String(), in)
	}
	for _, in := range []string{`"abc"`, `{"a":1}`, `[1]`, `true`} {
		var m hotelsupply.Money
		assert.Error(t, json.Unmarshal([]byte(in), &m), in)
	}
	sum := hotelsupply.MustMoney("0.1").Add(hotelsupply.MustMoney("0.2"))
	assert.True(t, sum.Equal(hotelsupply.MustMoney("0.3")), "exact, no float64")
	assert.Equal(t, "0.20", hotelsupply.MustMoney("0.3").Sub(hotelsupply.MustMoney("0.1")).String())
	assert.Equal(t, "880.00", hotelsupply.MustMoney("440").Mul(2).String())
	assert.Equal(t, 1, hotelsupply.MustMoney("2").Cmp(hotelsupply.MustMoney("1.99")))
	fen, exact := hotelsupply.MustMoney("12.34").Fen()
	assert.Equal(t, int64(1234), fen)
	assert.True(t, exact)
	_, exact = hotelsupply.MustMoney("0.001").Fen()
	assert.False(t, exact)
	assert.Equal(t, "1.05", hotelsupply.MoneyFromFen(105).String())
	seven, err := hotelsupply.MoneyFromDecimal(decimal.NewFromInt(7))
	require.NoError(t, err)
	assert.Equal(t, "7.00", seven.String())
	assert.True(t, seven.Decimal().Equal(decimal.NewFromInt(7)))

	txt, err := hotelsupply.MustMoney("5").MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "5.00", string(txt))
	var m hotelsupply.Money
	require.NoError(t, m.UnmarshalText([]byte("6.5")))
	assert.Equal(t, "6.50", m.String())
	require.NoError(t, m.UnmarshalText(nil))
	assert.True(t, m.IsZero())
	assert.Error(t, m.UnmarshalText([]byte("x")))

	_, err = hotelsupply.NewMoney("1,5")
	assert.Error(t, err)
	assert.Panics(t, func() { hotelsupply.MustMoney("") })
}

// quirky lists PHP payloads for one field each; every one must decode.
func TestQuirkyPayloads(t *testing.T) {
	t.Parallel()
	type probe struct {
		ID      hotelsupply.Int                          `json:"id"`
		IDS     hotelsupply.IntString                    `json:"ids"`
		S       hotelsupply.String                       `json:"s"`
		B       hotelsupply.Bool                         `json:"b"`
		BI      hotelsupply.BoolInt                      `json:"bi"`
		M       hotelsupply.Money                        `json:"m"`
		L       hotelsupply.List[hotelsupply.AmountItem] `json:"l"`
		Map     hotelsupply.Map[hotelsupply.Deduction]   `json:"map"`
		CSV     hotelsupply.CSV                          `json:"csv"`
		T       hotelsupply.UnixTime                     `json:"t"`
		DT      hotelsupply.DateTime                     `json:"dt"`
		Addr    hotelsupply.MemberAddress                `json:"addr"`
		IDs     hotelsupply.OrderIDs                     `json:"ids2"`
		Raw     hotelsupply.RawObject                    `json:"raw"`
		RawList hotelsupply.List[hotelsupply.RawObject]  `json:"rawlist"`
	}
	day := hotelsupply.NewDate(2020, 3, 18).Time()
	for _, tc := range []struct {
		in    string
		check func(t *testing.T, p probe)
	}{
		{`{"id":"6","ids":6}`, func(t *testing.T, p probe) {
			assert.Equal(t, hotelsupply.Int(6), p.ID)
			assert.Equal(t, hotelsupply.IntString(6), p.IDS)
		}},
		{`{"id":6,"ids":"6"}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.Int(6), p.ID) }},
		{`{"id":"","ids":null}`, func(t *testing.T, p probe) { assert.Zero(t, p.ID) }},
		{`{"id":"2.00","ids":" 7 "}`, func(t *testing.T, p probe) {
			assert.Equal(t, hotelsupply.Int(2), p.ID)
			assert.Equal(t, hotelsupply.IntString(7), p.IDS)
		}},
		{`{"id":true,"ids":false}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.Int(1), p.ID) }},
		{`{"id":[],"ids":{}}`, func(t *testing.T, p probe) { assert.Zero(t, p.ID) }},
		{`{"s":123}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.String("123"), p.S) }},
		{`{"s":30.20004733695}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.String("30.20004733695"), p.S) }},
		{`{"s":null}`, func(t *testing.T, p probe) { assert.Empty(t, p.S) }},
		{`{"s":false}`, func(t *testing.T, p probe) { assert.Empty(t, p.S) }},
		{`{"s":"a\"b\u00e9"}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.String(`a"bé`), p.S) }},
		{`{"s":" keep spaces "}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.String(" keep spaces "), p.S) }},
		{`{"b":true,"bi":1}`, func(t *testing.T, p probe) { assert.True(t, bool(p.B)); assert.True(t, bool(p.BI)) }},
		{`{"b":"1","bi":"true"}`, func(t *testing.T, p probe) { assert.True(t, bool(p.B)); assert.True(t, bool(p.BI)) }},
		{`{"b":"0","bi":0}`, func(t *testing.T, p probe) { assert.False(t, bool(p.B)); assert.False(t, bool(p.BI)) }},
		{`{"b":"","bi":null}`, func(t *testing.T, p probe) { assert.False(t, bool(p.B)) }},
		{`{"b":2,"bi":"no"}`, func(t *testing.T, p probe) { assert.True(t, bool(p.B)); assert.False(t, bool(p.BI)) }},
		{`{"m":"440.00"}`, func(t *testing.T, p probe) { assert.Equal(t, "440.00", p.M.String()) }},
		{`{"m":440}`, func(t *testing.T, p probe) { assert.Equal(t, "440.00", p.M.String()) }},
		{`{"l":[{"code":"a","name":"n","amount":"1.00"}]}`, func(t *testing.T, p probe) {
			require.Len(t, p.L, 1)
			assert.Equal(t, hotelsupply.String("a"), p.L[0].Code)
		}},
		{`{"l":{"0":{"code":"a"},"2":{"code":"c"},"10":{"code":"k"}}}`, func(t *testing.T, p probe) {
			require.Len(t, p.L, 3, "a list with gaps arrives as an index-keyed object")
			assert.Equal(t, []hotelsupply.String{"a", "c", "k"}, []hotelsupply.String{p.L[0].Code, p.L[1].Code, p.L[2].Code})
		}},
		{`{"l":{}}`, func(t *testing.T, p probe) { assert.Empty(t, p.L) }},
		{`{"l":null}`, func(t *testing.T, p probe) { assert.Empty(t, p.L) }},
		{`{"l":""}`, func(t *testing.T, p probe) { assert.Empty(t, p.L) }},
		{`{"l":false}`, func(t *testing.T, p probe) { assert.Empty(t, p.L) }},
		{`{"l":[[]]}`, func(t *testing.T, p probe) {
			require.Len(t, p.L, 1, "an element that is [] is an empty object")
			assert.Equal(t, hotelsupply.AmountItem{}, p.L[0])
		}},
		{`{"map":{"1":{"code":"point","used_amount":"1.50"}}}`, func(t *testing.T, p probe) {
			assert.Equal(t, "1.50", p.Map["1"].UsedAmount.String())
		}},
		{`{"map":[{"code":"point"},{"code":"love"}]}`, func(t *testing.T, p probe) {
			assert.Equal(t, []string{"0", "1"}, p.Map.Keys())
			assert.Equal(t, hotelsupply.String("love"), p.Map["1"].Code)
		}},
		{`{"map":[]}`, func(t *testing.T, p probe) { assert.Empty(t, p.Map) }},
		{`{"csv":"PARKING, WIFI,,XIYI"}`, func(t *testing.T, p probe) {
			assert.Equal(t, hotelsupply.CSV{"PARKING", "WIFI", "XIYI"}, p.CSV)
		}},
		{`{"csv":["a",2]}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.CSV{"a", "2"}, p.CSV) }},
		{`{"csv":""}`, func(t *testing.T, p probe) { assert.Empty(t, p.CSV) }},
		{`{"t":1584460800,"dt":"2020-03-18 00:00:00"}`, func(t *testing.T, p probe) {
			assert.True(t, p.T.Equal(day))
			assert.True(t, p.DT.Equal(day))
		}},
		{`{"t":"1584460800","dt":"18/03/2020"}`, func(t *testing.T, p probe) {
			assert.True(t, p.T.Equal(day))
			assert.True(t, p.DT.Equal(day))
		}},
		{`{"t":"2020-03-18","dt":1584460800000}`, func(t *testing.T, p probe) {
			assert.True(t, p.T.Equal(day))
			assert.True(t, p.DT.Equal(day), "milliseconds")
		}},
		{`{"t":"2020-03-17T16:00:00Z","dt":"2020/03/18"}`, func(t *testing.T, p probe) {
			assert.True(t, p.T.Equal(day))
			assert.True(t, p.DT.Equal(day))
		}},
		{`{"t":0,"dt":"0000-00-00 00:00:00"}`, func(t *testing.T, p probe) {
			assert.True(t, p.T.IsZero())
			assert.True(t, p.DT.IsZero())
		}},
		{`{"t":null,"dt":""}`, func(t *testing.T, p probe) { assert.True(t, p.T.IsZero()) }},
		{`{"addr":[]}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.MemberAddress{}, p.Addr) }},
		{`{"addr":""}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.MemberAddress{}, p.Addr) }},
		{`{"addr":null}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.MemberAddress{}, p.Addr) }},
		{`{"addr":{"id":"41","isdefault":"1","unknown":{"deep":[1,2]}}}`, func(t *testing.T, p probe) {
			assert.Equal(t, hotelsupply.Int(41), p.Addr.ID)
			assert.True(t, bool(p.Addr.IsDefault))
		}},
		{`{"ids2":"12,13"}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.OrderIDs{12, 13}, p.IDs) }},
		{`{"ids2":12}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.OrderIDs{12}, p.IDs) }},
		{`{"ids2":["12",13]}`, func(t *testing.T, p probe) { assert.Equal(t, hotelsupply.OrderIDs{12, 13}, p.IDs) }},
		{`{"ids2":""}`, func(t *testing.T, p probe) { assert.Empty(t, p.IDs) }},
		{`{"raw":{"a":1},"rawlist":[{"coupon_id":"3"}]}`, func(t *testing.T, p probe) {
			assert.JSONEq(t, `{"a":1}`, string(p.Raw))
			var c struct {
				CouponID hotelsupply.Int `json:"coupon_id"`
			}
			require.NoError(t, p.RawList[0].Decode(&c))
			assert.Equal(t, hotelsupply.Int(3), c.CouponID)
		}},
		{`{"unknown":1,"extra":{"x":[]}}`, func(t *testing.T, p probe) { assert.Zero(t, p.ID) }},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var p probe
			require.NoError(t, json.Unmarshal([]byte(tc.in), &p))
			tc.check(t, p)
		})
	}
}

func TestQuirkyPayloadsThatMustFail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in string
		v  any
	}{
		{`"abc"`, new(hotelsupply.Int)},
		{`"1.5"`, new(hotelsupply.IntString)},
		{`[1]`, new(hotelsupply.Int)},
		{`{"a":1}`, new(hotelsupply.String)},
		{`"maybe"`, new(hotelsupply.Bool)},
		{`[1]`, new(hotelsupply.BoolInt)},
		{`"yesterday"`, new(hotelsupply.UnixTime)},
		{`{"a":1}`, new(hotelsupply.DateTime)},
		{`12`, new(hotelsupply.List[hotelsupply.AmountItem])},
		{`{"0":12}`, new(hotelsupply.List[hotelsupply.AmountItem])},
		{`[12]`, new(hotelsupply.List[hotelsupply.AmountItem])},
		{`12`, new(hotelsupply.Map[hotelsupply.Deduction])},
		{`[1]`, new(hotelsupply.Map[hotelsupply.Deduction])},
		{`{"1":2}`, new(hotelsupply.Map[hotelsupply.Deduction])},
		{`{"a":1}`, new(hotelsupply.CSV)},
		{`[{"a":1}]`, new(hotelsupply.CSV)},
		{`"12,x"`, new(hotelsupply.OrderIDs)},
		{`["x"]`, new(hotelsupply.OrderIDs)},
		{`[12,0]`, new(hotelsupply.OrderIDs)},
		{`"12,-1"`, new(hotelsupply.OrderIDs)},
		{`{"a":1}`, new(hotelsupply.OrderIDs)},
		{`12`, new(hotelsupply.Hotel)},
		{`"x"`, new(hotelsupply.PreOrder)},
	} {
		assert.Error(t, json.Unmarshal([]byte(tc.in), tc.v), "%s into %T", tc.in, tc.v)
	}
	var r hotelsupply.RawObject
	assert.Error(t, r.Decode(new(map[string]any)))
	_, err := hotelsupply.RawObject("{").MarshalJSON()
	assert.Error(t, err)
}

func TestWireFormsOfTheTolerantTypes(t *testing.T) {
	t.Parallel()
	v := struct {
		I   hotelsupply.Int                          `json:"i"`
		IS  hotelsupply.IntString                    `json:"is"`
		B   hotelsupply.Bool                         `json:"b"`
		BI  hotelsupply.BoolInt                      `json:"bi"`
		BI0 hotelsupply.BoolInt                      `json:"bi0"`
		L   hotelsupply.List[hotelsupply.AmountItem] `json:"l"`
		M   hotelsupply.Map[hotelsupply.Button]      `json:"m"`
		M2  hotelsupply.Map[hotelsupply.Button]      `json:"m2"`
		C   hotelsupply.CSV                          `json:"c"`
		T   hotelsupply.UnixTime                     `json:"t"`
		T0  hotelsupply.UnixTime                     `json:"t0"`
		D   hotelsupply.DateTime                     `json:"d"`
		D0  hotelsupply.DateTime                     `json:"d0"`
		R   hotelsupply.RawObject                    `json:"r"`
		IDs hotelsupply.OrderIDs                     `json:"ids"`
		E   hotelsupply.Envelope                     `json:"e"`
	}{
		I: 6, IS: 6, B: true, BI: true, M2: hotelsupply.Map[hotelsupply.Button]{"2": {Name: "x"}},
		C: hotelsupply.CSV{"A", "B"}, T: hotelsupply.UnixTime{Time: hotelsupply.NewDate(2020, 3, 18).Time()},
		D:   hotelsupply.DateTime{Time: time.Date(2020, 3, 11, 6, 49, 50, 0, time.UTC)},
		IDs: hotelsupply.OrderIDs{12, 13}, E: hotelsupply.Envelope{Msg: "请登录"},
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"i":6,"is":"6","b":true,"bi":1,"bi0":0,"l":[],"m":[],"m2":{"2":{"name":"x","api":"","value":""}},
		"c":"A,B","t":1584460800,"t0":0,"d":"2020-03-11 14:49:50","d0":null,"r":null,"ids":"12,13",
		"e":{"result":0,"msg":"请登录","data":[]}}`, string(b))
}

func TestDecodeErrorsNameTheFieldByItsWirePath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`{"orders":[{"pre_id":"x","goods_total":"a"}]}`:                                            "orders[0].goods_total: integer: not an integer",
		`{"orders":[{},{"hotel_supply_order":{"hotel":{"level":"x"}}}]}`:                           "orders[1].hotel_supply_order.hotel.level: integer",
		`{"orders":{"3":{"order_goods":[{"order_goods_deductions":{"1":{"used_amount":"zz"}}}]}}}`: "orders[3].order_goods[0].order_goods_deductions[1].used_amount: money",
		`{"orders":[{"order_goods":[{"order_goods_deductions":[{"uid":"u"}]}]}]}`:                  "orders[0].order_goods[0].order_goods_deductions[0].uid",
		`{"total_price":"abc"}`:                                       "total_price: money: not a decimal amount",
		`{"orders":[{"hotel_supply_order":5}]}`:                       "orders[0].hotel_supply_order: expected an object",
		`{"dispatch":{"delivery_method":[{"dispatch_type_id":[1]}]}}`: "dispatch.delivery_method[0].dispatch_type_id",
	} {
		var r hotelsupply.GoodsBuyResult
		err := json.Unmarshal([]byte(in), &r)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
}
