package hotelsupplytest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

func ExampleNewServer() {
	shop := hotelsupplytest.NewServer() // DefaultConfig: the wiki's shop
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)

	res, err := c.Book(context.Background(), &hotelsupply.BookRequest{
		GoodsBuyRequest: hotelsupply.GoodsBuyRequest{HotelID: hotelsupplytest.DefaultHotelID,
			RoomTypeID: hotelsupplytest.DefaultRoomTypeID, Rooms: 1,
			DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 5, 1), hotelsupply.NewDate(2026, 5, 3), hotelsupply.MustMoney("300"))},
		GuestName: "张三", Phone: "15012345678",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := shop.Orders()[0]
	fmt.Println(res.Order.OrderIDs, o.Total, len(o.Nights), "nights")
	for _, r := range shop.Requests("") {
		fmt.Println(r.Method, r.Route)
	}
	// Output:
	// [1] 600.00 2 nights
	// POST member.login.index
	// GET plugin.hotel-supply.frontend.goods-buy.index
	// POST plugin.hotel-supply.frontend.create.index
}

func ExampleServer_Inject() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)
	ctx := context.Background()
	nights := hotelsupply.Nights(hotelsupply.NewDate(2026, 5, 1), hotelsupply.NewDate(2026, 5, 2), hotelsupply.MustMoney("300"))
	quote, _ := c.GoodsBuy(ctx, &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights})

	// The shop creates the order, then the connection drops before the answer.
	shop.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: hotelsupply.RouteCreate})
	_, err := c.CreateOrder(ctx, &hotelsupply.CreateOrderRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights,
		GuestName: "张三", Phone: "15012345678", Orders: []hotelsupply.OrderRef{{PreID: quote.PreIDs()[0]}}})

	var te *hotelsdk.TransportError
	fmt.Println(errors.As(err, &te) && te.MaybeSent)
	fmt.Println("orders on the shop:", len(shop.Orders()), "create requests:", len(shop.Requests(hotelsupply.RouteCreate)))
	// Output:
	// true
	// orders on the shop: 1 create requests: 1
}

func ExampleServer_ExpireSessions() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)
	ctx := context.Background()
	stay := &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1,
		DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 5, 1), hotelsupply.NewDate(2026, 5, 2), hotelsupply.MustMoney("300"))}
	_, _ = c.GoodsBuy(ctx, stay)

	// The shop forgets every session: the next call is answered 请登录,
	// and the client logs in again once and repeats it.
	shop.ExpireSessions()
	quote, err := c.GoodsBuy(ctx, stay)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(quote.TotalPrice)
	for _, r := range shop.Requests("") {
		fmt.Println(r.Route, r.Result)
	}
	// Output:
	// 300.00
	// member.login.index 1
	// plugin.hotel-supply.frontend.goods-buy.index 1
	// plugin.hotel-supply.frontend.goods-buy.index 0
	// member.login.index 1
	// plugin.hotel-supply.frontend.goods-buy.index 1
}
