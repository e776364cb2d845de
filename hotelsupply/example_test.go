package hotelsupply_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// The examples run against the sandbox shop of package hotelsupplytest; a
// real shop only needs its own base URL, uniacid and member credentials.

func ExampleNewClient() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()

	c, err := hotelsupply.NewClient(
		hotelsupply.WithBaseURL(shop.URL()), // https://HOST/addons/yun_shop/api.php
		hotelsupply.WithUniacid(hotelsupplytest.DefaultUniacid),
		hotelsupply.WithCredentials(hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.BaseURL() == shop.URL())

	_, err = hotelsupply.NewClient(hotelsupply.WithBaseURL("ftp://shop"))
	fmt.Println(err)
	// Output:
	// true
	// hotelsupply: invalid configuration: base URL must be an absolute http(s) URL; uniacid must be positive (WithUniacid)
}

func ExampleClient_Login() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(append(shop.ClientOptions(),
		hotelsupply.WithCredentials(hotelsupplytest.DefaultMobile, "wrong password"))...)

	err := c.Login(context.Background())
	fmt.Println(errors.Is(err, hotelsupply.ErrLoginFailed))
	// Output: true
}

func ExampleClient_GoodsBuy() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)

	quote, err := c.GoodsBuy(context.Background(), &hotelsupply.GoodsBuyRequest{
		HotelID:    1385,
		RoomTypeID: 4499,
		Rooms:      2,
		DatePrices: []hotelsupply.DatePrice{
			{Date: hotelsupply.NewDate(2020, 3, 19), Price: hotelsupply.MustMoney("100")},
			{Date: hotelsupply.NewDate(2020, 3, 20), Price: hotelsupply.MustMoney("50")},
			{Date: hotelsupply.NewDate(2020, 3, 21), Price: hotelsupply.MustMoney("70")},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := quote.Orders[0]
	fmt.Println("total:", quote.TotalPrice)
	fmt.Println("hotel:", o.HotelOrder.Hotel.Name, o.HotelOrder.Hotel.Tel)
	fmt.Println("room:", o.HotelOrder.Hotel.Room.Name, "×", o.HotelOrder.Nums)
	fmt.Println("stay:", o.HotelOrder.StartAt.Format("2006-01-02"), "to", o.HotelOrder.EndAt.Format("2006-01-02"))
	fmt.Println("pre_id length:", len(o.PreID))
	// Output:
	// total: 440.00
	// hotel: 杭州云廊小庐 0571-86908751
	// room: 山景大床房 × 2
	// stay: 2020-03-19 to 2020-03-22
	// pre_id length: 32
}

func ExampleClient_CreateOrder() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)
	ctx := context.Background()

	nights := hotelsupply.Nights(hotelsupply.NewDate(2020, 3, 19), hotelsupply.NewDate(2020, 3, 21), hotelsupply.MustMoney("388.00"))
	quote, err := c.GoodsBuy(ctx, &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.CreateOrder(ctx, &hotelsupply.CreateOrderRequest{
		HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights,
		GuestName: "张三", Phone: "15012345678",
		Orders: []hotelsupply.OrderRef{{PreID: quote.PreIDs()[0], Note: "late arrival"}},
	})
	var te *hotelsdk.TransportError
	switch {
	case errors.As(err, &te) && te.MaybeSent:
		fmt.Println("the order may exist: look it up before booking again")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println("order ids:", res.OrderIDs, "total:", quote.TotalPrice)
	}
	// Output: order ids: [1] total: 776.00
}

func ExampleClient_Book() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)

	res, err := c.Book(context.Background(), &hotelsupply.BookRequest{
		GoodsBuyRequest: hotelsupply.GoodsBuyRequest{
			HotelID: 1385, RoomTypeID: 4499, Rooms: 1,
			DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 12, 24), hotelsupply.NewDate(2026, 12, 26), hotelsupply.MustMoney("520")),
		},
		GuestName: "张三",
		Phone:     "15012345678",
		MaxTotal:  hotelsupply.MustMoney("1200"),
		Invoice:   &hotelsupply.Invoice{Type: hotelsupply.InvoiceElectronic, TitleType: hotelsupply.RisePersonal, Title: "张三"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Order.OrderIDs, res.Quote.TotalPrice)
	fmt.Println("invoiced:", shop.Orders()[0].Invoice.TotalPrice)
	// Output:
	// [1] 1040.00
	// invoiced: 1040.00
}

func ExampleAPIError() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	shop.SetClosed(true)
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)

	_, err := c.GoodsBuy(context.Background(), &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1,
		DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 1, 1), hotelsupply.NewDate(2026, 1, 2), hotelsupply.MustMoney("1"))})
	var apiErr *hotelsupply.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Msg, errors.Is(err, hotelsupply.ErrSiteClosed))
	}
	fmt.Println(err)
	// Output:
	// 站点已关闭 true
	// hotelsupply: login: shop answered result 0: 站点已关闭 (site closed)
}

func ExampleClient_CreateOrder_validation() {
	c, _ := hotelsupply.NewClient(hotelsupply.WithBaseURL("https://shop.example"), hotelsupply.WithUniacid(6))
	_, err := c.CreateOrder(context.Background(), &hotelsupply.CreateOrderRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1,
		DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 1, 1), hotelsupply.NewDate(2026, 1, 2), hotelsupply.MustMoney("1")),
		Phone:      "12345"})
	fmt.Println(errors.Is(err, hotelsdk.ErrInvalidRequest))
	fmt.Println(err)
	// Output:
	// true
	// hotelsupply: create: invalid request: user_name: is required; tel: is not a plausible phone number; orders: needs at least one pre-order (pre_id from GoodsBuy)
}

func ExampleMoney() {
	a := hotelsupply.MustMoney("0.1")
	b := hotelsupply.MustMoney("0.2")
	fmt.Println(a.Add(b), a.Add(b).Equal(hotelsupply.MustMoney("0.3")))

	var m struct {
		Price hotelsupply.Money `json:"price"`
	}
	_ = json.Unmarshal([]byte(`{"price":"440.00"}`), &m)
	out, _ := json.Marshal(m)
	fmt.Println(string(out))
	// Output:
	// 0.30 true
	// {"price":"440.00"}
}

func ExampleList() {
	// PHP sends a list with gaps as an object keyed by index, and an empty
	// one as {} or "": all decode into a plain slice.
	var v struct {
		Items hotelsupply.List[hotelsupply.AmountItem] `json:"items"`
		Empty hotelsupply.List[hotelsupply.AmountItem] `json:"empty"`
	}
	_ = json.Unmarshal([]byte(`{"items":{"0":{"code":"a"},"2":{"code":"b"}},"empty":""}`), &v)
	fmt.Println(len(v.Items), v.Items[1].Code, len(v.Empty))
	// Output: 2 b 0
}

func ExampleClient_Close() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, err := hotelsupply.NewClient(shop.ClientOptions()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close() // releases the connections the client opened

	if err := c.Login(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	_ = c.Close()
	fmt.Println(c.Login(context.Background()))
	// Output: hotelsupply: login: client closed
}
