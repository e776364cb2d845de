package hotelsupply

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/benchcpu"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 12 §1: the tolerant decode of a goods-buy answer against the floor,
// a strict encoding/json decode of the same bytes into a struct of exactly
// the types they happen to have. Run the pairs side by side:
//
//	go test -run '^$' -bench 'DecodeGoodsBuy' -benchmem -count 6 ./hotelsupply > new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /decoder new.txt
//
// "wiki" is the wiki's example answer; "php" is the same answer as a real
// PHP shop sends it (testdata/goodsbuy_php.json): numbers as strings and
// strings as numbers, [] for empty objects, index-keyed objects for lists,
// and json_encode's default escapes (\uXXXX for every Chinese character,
// \/ for every slash), without spaces.

func phpBody(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/goodsbuy_php.json")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// strictGoodsBuyPHP is goodsbuy_php.json as a plain encoding/json struct:
// the types that document happens to use (a string where it sends "48", a
// map where it sends an index-keyed object, raw values where it sends []).
type strictGoodsBuyPHP struct {
	Result string `json:"result"`
	Msg    string `json:"msg"`
	Data   struct {
		AmountItems []struct {
			Code   string `json:"code"`
			Name   string `json:"name"`
			Amount string `json:"amount"`
		} `json:"amount_items"`
		DiscountAmountItems []json.RawMessage `json:"discount_amount_items"`
		FeeItems            []json.RawMessage `json:"fee_items"`
		TotalPrice          json.Number       `json:"total_price"`
		Orders              map[string]struct {
			PluginID        string            `json:"plugin_id"`
			IsVirtual       string            `json:"is_virtual"`
			DispatchTypeID  string            `json:"dispatch_type_id"`
			Mark            string            `json:"mark"`
			GoodsPrice      json.Number       `json:"goods_price"`
			Price           string            `json:"price"`
			OrderGoodsPrice string            `json:"order_goods_price"`
			CostAmount      string            `json:"cost_amount"`
			DiscountPrice   json.Number       `json:"discount_price"`
			FeeAmount       string            `json:"fee_amount"`
			DeductionPrice  string            `json:"deduction_price"`
			DispatchPrice   string            `json:"dispatch_price"`
			GoodsTotal      string            `json:"goods_total"`
			NoRefund        string            `json:"no_refund"`
			OrderSN         string            `json:"order_sn"`
			Note            *string           `json:"note"`
			ShopName        string            `json:"shop_name"`
			NeedAddress     int               `json:"need_address"`
			InvoiceType     *int              `json:"invoice_type"`
			RiseType        *int              `json:"rise_type"`
			CollectName     *string           `json:"collect_name"`
			CompanyNumber   *string           `json:"company_number"`
			PreID           string            `json:"pre_id"`
			OrderSettings   []json.RawMessage `json:"order_settings"`
			OrderAddress    []json.RawMessage `json:"order_address"`
			HotelOrder      struct {
				Uniacid    int         `json:"uniacid"`
				HuilianOID string      `json:"huilian_oid"`
				Price      json.Number `json:"price"`
				HotelID    int         `json:"hotel_id"`
				Sid        int         `json:"sid"`
				UserName   string      `json:"user_name"`
				Tel        string      `json:"tel"`
				Nums       int         `json:"nums"`
				StartAt    string      `json:"start_at"`
				EndAt      string      `json:"end_at"`
				Hotel      struct {
					ID        string `json:"id"`
					Uniacid   string `json:"uniacid"`
					HotelID   string `json:"hotel_id"`
					Name      string `json:"name"`
					ShortName string `json:"shortname"`
					Latitude  string `json:"latitude"`
					Longitude string `json:"longitude"`
					Tel       string `json:"tel"`
					LogoURL   string `json:"logourl"`
					Provice   string `json:"provice"`
					City      string `json:"city"`
					Area      string `json:"area"`
					Address   string `json:"address"`
					Other     string `json:"other"`
					Level     string `json:"level"`
					IsManfang string `json:"is_manfang"`
					CreatedAt string `json:"created_at"`
					Fang      struct {
						ID     string `json:"id"`
						Name   string `json:"name"`
						Image1 string `json:"image_1"`
						Image2 string `json:"image_2"`
						Image3 string `json:"image_3"`
					} `json:"fang"`
					LevelName string `json:"level_name"`
					OtherName string `json:"other_name"`
				} `json:"hotel"`
			} `json:"hotel_supply_order"`
			OrderGoods map[string]struct {
				GoodsOptionID    string `json:"goods_option_id"`
				GoodsOptionTitle string `json:"goods_option_title"`
				CommentStatus    string `json:"comment_status"`
				GoodsID          string `json:"goods_id"`
				Total            string `json:"total"`
				UID              string `json:"uid"`
				Uniacid          string `json:"uniacid"`
				Title            string `json:"title"`
				Thumb            string `json:"thumb"`
				GoodsSN          string `json:"goods_sn"`
				ProductSN        string `json:"product_sn"`
				GoodsPrice       string `json:"goods_price"`
				Price            string `json:"price"`
				GoodsCostPrice   string `json:"goods_cost_price"`
				GoodsMarketPrice string `json:"goods_market_price"`
				CouponPrice      string `json:"coupon_price"`
				NeedAddress      string `json:"need_address"`
				PaymentAmount    string `json:"payment_amount"`
				Buttons          map[string]struct {
					Name  string `json:"name"`
					API   string `json:"api"`
					Value string `json:"value"`
				} `json:"buttons"`
				GoodsOption          []json.RawMessage `json:"goods_option"`
				OrderGoodsDiscounts  []json.RawMessage `json:"order_goods_discounts"`
				OrderGoodsDeductions map[string]struct {
					Name         string `json:"name"`
					Code         string `json:"code"`
					UID          string `json:"uid"`
					UsableAmount string `json:"usable_amount"`
					UsableCoin   string `json:"usable_coin"`
					UsedAmount   string `json:"used_amount"`
					UsedCoin     string `json:"used_coin"`
				} `json:"order_goods_deductions"`
			} `json:"order_goods"`
			OrderCoupons       []json.RawMessage `json:"order_coupons"`
			OrderDiscounts     []json.RawMessage `json:"order_discounts"`
			OrderDeductions    []json.RawMessage `json:"order_deductions"`
			HasOneDispatchType []json.RawMessage `json:"has_one_dispatch_type"`
			OrderFees          []json.RawMessage `json:"order_fees"`
		} `json:"orders"`
		Discount []json.RawMessage `json:"discount"`
		Dispatch struct {
			DeliveryMethod map[string]struct {
				DispatchTypeID string `json:"dispatch_type_id"`
				Name           string `json:"name"`
			} `json:"delivery_method"`
			DefaultMemberAddress struct {
				ID        string `json:"id"`
				Uniacid   string `json:"uniacid"`
				UID       string `json:"uid"`
				Username  string `json:"username"`
				Mobile    string `json:"mobile"`
				Zipcode   string `json:"zipcode"`
				Province  string `json:"province"`
				City      string `json:"city"`
				District  string `json:"district"`
				Address   string `json:"address"`
				IsDefault string `json:"isdefault"`
			} `json:"default_member_address"`
		} `json:"dispatch"`
	} `json:"data"`
}

// TestPHPVariantDecodesLikeTheWikiExample: the PHP-shaped answer carries the
// same facts as the wiki's example, and the tolerant decoder reads the
// same values from both (so the benchmark compares equal work).
func TestPHPVariantDecodesLikeTheWikiExample(t *testing.T) {
	t.Parallel()
	var strict strictGoodsBuyPHP
	require.NoError(t, json.Unmarshal(phpBody(t), &strict), "the strict floor decodes the variant")
	require.Equal(t, "杭州云廊小庐", strict.Data.Orders["0"].HotelOrder.Hotel.Name)

	wiki, err := decodeGoodsBuyResponse(wikiBody(t))
	require.NoError(t, err)
	php, err := decodeGoodsBuyResponse(phpBody(t))
	require.NoError(t, err)

	o, w := php.Orders[0], wiki.Orders[0]
	assert.Equal(t, Int(48), o.PluginID)
	assert.True(t, bool(o.IsVirtual))
	assert.Equal(t, Int(2), o.GoodsTotal)
	assert.True(t, o.GoodsPrice.Equal(MustMoney("440")))
	assert.Equal(t, "440.00", php.TotalPrice.String())
	assert.Equal(t, IntString(1385), o.HotelOrder.HotelID)
	assert.Equal(t, IntString(2), o.HotelOrder.Nums)
	assert.True(t, o.HotelOrder.StartAt.Equal(w.HotelOrder.StartAt.Time))
	assert.Equal(t, Int(76), o.HotelOrder.Hotel.ID)
	assert.Equal(t, w.HotelOrder.Hotel.Name, o.HotelOrder.Hotel.Name, "\\u escapes")
	assert.Equal(t, w.HotelOrder.Hotel.LogoURL, o.HotelOrder.Hotel.LogoURL, "\\/ escapes")
	assert.Equal(t, w.HotelOrder.Hotel.OtherName, o.HotelOrder.Hotel.OtherName)
	assert.True(t, o.HotelOrder.Hotel.CreatedAt.Equal(time.Date(2020, 3, 11, 14, 49, 50, 0, shopZone)))
	assert.Equal(t, OrderAddress{}, o.OrderAddress, "[] for an empty object")
	require.Len(t, o.OrderGoods, 1, "index-keyed list")
	assert.Equal(t, w.OrderGoods[0].Buttons, o.OrderGoods[0].Buttons)
	assert.Equal(t, w.OrderGoods[0].Deductions, o.OrderGoods[0].Deductions)
	assert.Equal(t, Discount{}, php.Discount)
	assert.Equal(t, wiki.Dispatch, php.Dispatch, "index-keyed delivery methods in key order, the address")
	assert.Equal(t, wiki.PreIDs(), php.PreIDs())
}

func benchDecode(b *testing.B, body []byte, decode func([]byte) error) {
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	cpu := benchcpu.Start(b)
	for b.Loop() {
		if err := decode(body); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report()
}

// BenchmarkDecodeGoodsBuy pairs the client's whole decoding path
// (envelope, tolerant types, checks) with the strict floor, per document.
func BenchmarkDecodeGoodsBuy(b *testing.B) {
	tolerant := func(body []byte) error {
		_, err := decodeGoodsBuyResponse(body)
		return err
	}
	b.Run("doc=wiki/decoder=tolerant", func(b *testing.B) { benchDecode(b, wikiBody(b), tolerant) })
	b.Run("doc=wiki/decoder=strict", func(b *testing.B) {
		benchDecode(b, wikiBody(b), func(body []byte) error {
			var v strictGoodsBuy
			return json.Unmarshal(body, &v)
		})
	})
	b.Run("doc=php/decoder=tolerant", func(b *testing.B) { benchDecode(b, phpBody(b), tolerant) })
	b.Run("doc=php/decoder=strict", func(b *testing.B) {
		benchDecode(b, phpBody(b), func(body []byte) error {
			var v strictGoodsBuyPHP
			return json.Unmarshal(body, &v)
		})
	})
	// json.Unmarshal into GoodsBuyResult: what an integrator decoding a
	// stored answer pays (encoding/json checks the bytes, then hands them to
	// the tolerant engine once).
	b.Run("doc=wiki/decoder=tolerant-via-encoding-json", func(b *testing.B) {
		benchDecode(b, wikiBody(b), func(body []byte) error {
			var v struct {
				Data GoodsBuyResult `json:"data"`
			}
			return json.Unmarshal(body, &v)
		})
	})
}

// BenchmarkScanGoodsBuy is the engine's syntax check alone over each
// document (the cost of one pass that only reads).
func BenchmarkScanGoodsBuy(b *testing.B) {
	scan := func(body []byte) error {
		d := &decoder{data: body}
		if err := d.skip(); err != nil {
			return err
		}
		return d.end()
	}
	b.Run("doc=wiki", func(b *testing.B) { benchDecode(b, wikiBody(b), scan) })
	b.Run("doc=php", func(b *testing.B) { benchDecode(b, phpBody(b), scan) })
}
