package hotelsupply

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

func wikiBody(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/goodsbuy_example.json")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// decodeGoodsBuyResponse runs the client's whole decoding path over body.
func decodeGoodsBuyResponse(body []byte) (*GoodsBuyResult, error) {
	r := &transport.Response{Platform: "hotelsupply", Operation: opGoodsBuy, StatusCode: 200, Body: body}
	var out *GoodsBuyResult
	err := decodeEnvelope(r, RouteGoodsBuy, func(data []byte) error {
		res, err := decodeGoodsBuy(data)
		out = res
		return err
	})
	return out, err
}

// FuzzDecodeGoodsBuy checks that no body makes the decoder panic, and that
// it either fails with a typed error or returns a usable pre-order.
func FuzzDecodeGoodsBuy(f *testing.F) {
	f.Add(wikiBody(f))
	for _, s := range []string{
		`{"result":0,"msg":"错误信息",}`, `{"result":0,"msg":"请登录","data":{"login_status":1}}`,
		`{"result":1,"data":{"orders":{"0":{"pre_id":"a"},"2":{"pre_id":"b"}}}}`, `<html></html>`, ``,
		`{"result":"1","data":-1}`, `{"result":1,"data":{"orders":[{"pre_id":5,"goods_total":"2","hotel_supply_order":[]}]}}`,
		`{"result":1,"data":{"total_price":1e400,"orders":[{"pre_id":"x"}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := decodeGoodsBuyResponse(body)
		if err != nil {
			if res != nil {
				t.Fatal("a result with an error")
			}
			var de *hotelsdk.DecodeError
			var ae *APIError
			if !errors.As(err, &de) && !errors.As(err, &ae) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if res == nil || len(res.Orders) == 0 || res.Orders[0].PreID == "" {
			t.Fatal("success without a pre-order")
		}
		// What decoded also marshals and decodes again to the same values.
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var again GoodsBuyResult
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("decode own output: %v", err)
		}
	})
}

func TestDecodeWikiExampleThroughTheEnvelope(t *testing.T) {
	res, err := decodeGoodsBuyResponse(wikiBody(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.TotalPrice.String(); got != "440.00" {
		t.Fatalf("total %s", got)
	}
}

// strictGoodsBuy is the wiki's example as a plain encoding/json struct:
// exactly the types the example happens to use, no tolerance at all.
type strictGoodsBuy struct {
	Result int    `json:"result"`
	Msg    string `json:"msg"`
	Data   struct {
		AmountItems []struct {
			Code   string `json:"code"`
			Name   string `json:"name"`
			Amount string `json:"amount"`
		} `json:"amount_items"`
		DiscountAmountItems []json.RawMessage `json:"discount_amount_items"`
		FeeItems            []json.RawMessage `json:"fee_items"`
		TotalPrice          string            `json:"total_price"`
		Orders              []struct {
			PluginID        int               `json:"plugin_id"`
			IsVirtual       bool              `json:"is_virtual"`
			DispatchTypeID  int               `json:"dispatch_type_id"`
			Mark            string            `json:"mark"`
			GoodsPrice      string            `json:"goods_price"`
			Price           string            `json:"price"`
			OrderGoodsPrice string            `json:"order_goods_price"`
			CostAmount      string            `json:"cost_amount"`
			DiscountPrice   string            `json:"discount_price"`
			FeeAmount       string            `json:"fee_amount"`
			DeductionPrice  string            `json:"deduction_price"`
			DispatchPrice   string            `json:"dispatch_price"`
			GoodsTotal      int               `json:"goods_total"`
			NoRefund        int               `json:"no_refund"`
			OrderSN         string            `json:"order_sn"`
			Note            *string           `json:"note"`
			ShopName        string            `json:"shop_name"`
			NeedAddress     bool              `json:"need_address"`
			InvoiceType     *int              `json:"invoice_type"`
			RiseType        *int              `json:"rise_type"`
			CollectName     *string           `json:"collect_name"`
			CompanyNumber   *string           `json:"company_number"`
			PreID           string            `json:"pre_id"`
			OrderSettings   []json.RawMessage `json:"order_settings"`
			OrderAddress    struct {
				StreetID int    `json:"street_id"`
				Zipcode  string `json:"zipcode"`
			} `json:"order_address"`
			HotelSupplyOrder struct {
				Uniacid    string `json:"uniacid"`
				HuilianOID string `json:"huilian_oid"`
				Price      string `json:"price"`
				HotelID    string `json:"hotel_id"`
				Sid        string `json:"sid"`
				UserName   string `json:"user_name"`
				Tel        string `json:"tel"`
				Nums       string `json:"nums"`
				StartAt    int64  `json:"start_at"`
				EndAt      int64  `json:"end_at"`
				Hotel      struct {
					ID        int    `json:"id"`
					Uniacid   int    `json:"uniacid"`
					HotelID   int    `json:"hotel_id"`
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
					Level     int    `json:"level"`
					IsManfang int    `json:"is_manfang"`
					CreatedAt string `json:"created_at"`
					Fang      struct {
						ID     int    `json:"id"`
						Name   string `json:"name"`
						Image1 string `json:"image_1"`
						Image2 string `json:"image_2"`
						Image3 string `json:"image_3"`
					} `json:"fang"`
					LevelName string `json:"level_name"`
					OtherName string `json:"other_name"`
				} `json:"hotel"`
			} `json:"hotel_supply_order"`
			OrderGoods []struct {
				GoodsOptionID    int    `json:"goods_option_id"`
				GoodsOptionTitle string `json:"goods_option_title"`
				CommentStatus    int    `json:"comment_status"`
				GoodsID          int    `json:"goods_id"`
				Total            int    `json:"total"`
				UID              int    `json:"uid"`
				Uniacid          int    `json:"uniacid"`
				Title            string `json:"title"`
				Thumb            string `json:"thumb"`
				GoodsSN          string `json:"goods_sn"`
				ProductSN        string `json:"product_sn"`
				GoodsPrice       string `json:"goods_price"`
				Price            string `json:"price"`
				GoodsCostPrice   string `json:"goods_cost_price"`
				GoodsMarketPrice string `json:"goods_market_price"`
				CouponPrice      string `json:"coupon_price"`
				NeedAddress      int    `json:"need_address"`
				PaymentAmount    string `json:"payment_amount"`
				Buttons          []struct {
					Name  string `json:"name"`
					API   string `json:"api"`
					Value string `json:"value"`
				} `json:"buttons"`
				GoodsOption          json.RawMessage   `json:"goods_option"`
				OrderGoodsDiscounts  []json.RawMessage `json:"order_goods_discounts"`
				OrderGoodsDeductions map[string]struct {
					Name         string `json:"name"`
					Code         string `json:"code"`
					UID          int    `json:"uid"`
					UsableAmount string `json:"usable_amount"`
					UsableCoin   string `json:"usable_coin"`
					UsedAmount   string `json:"used_amount"`
					UsedCoin     string `json:"used_coin"`
				} `json:"order_goods_deductions"`
			} `json:"order_goods"`
			OrderCoupons       []json.RawMessage `json:"order_coupons"`
			OrderDiscounts     []json.RawMessage `json:"order_discounts"`
			OrderDeductions    []json.RawMessage `json:"order_deductions"`
			HasOneDispatchType json.RawMessage   `json:"has_one_dispatch_type"`
			OrderFees          []json.RawMessage `json:"order_fees"`
		} `json:"orders"`
		Discount struct {
			MemberCoupons []json.RawMessage `json:"member_coupons"`
		} `json:"discount"`
		Dispatch struct {
			DeliveryMethod []struct {
				DispatchTypeID int    `json:"dispatch_type_id"`
				Name           string `json:"name"`
			} `json:"delivery_method"`
			DefaultMemberAddress struct {
				ID        int    `json:"id"`
				Uniacid   int    `json:"uniacid"`
				UID       int    `json:"uid"`
				Username  string `json:"username"`
				Mobile    string `json:"mobile"`
				Zipcode   string `json:"zipcode"`
				Province  string `json:"province"`
				City      string `json:"city"`
				District  string `json:"district"`
				Address   string `json:"address"`
				IsDefault int    `json:"isdefault"`
			} `json:"default_member_address"`
		} `json:"dispatch"`
	} `json:"data"`
}

// BenchmarkDecodeWikiExample decodes the wiki's example the way the client
// does: envelope, tolerant types, checks.
func BenchmarkDecodeWikiExample(b *testing.B) {
	body := wikiBody(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := decodeGoodsBuyResponse(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeWikiExampleStrict decodes the same bytes with plain
// encoding/json into strictGoodsBuy, the baseline.
func BenchmarkDecodeWikiExampleStrict(b *testing.B) {
	body := wikiBody(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var v strictGoodsBuy
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStrictBaselineDecodesTheExample(t *testing.T) {
	var v strictGoodsBuy
	if err := json.Unmarshal(wikiBody(t), &v); err != nil {
		t.Fatal(err)
	}
	if v.Data.Orders[0].HotelSupplyOrder.Hotel.Name != "杭州云廊小庐" {
		t.Fatal("baseline does not decode the example")
	}
}
