package douyintest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

func ExampleNewServer() {
	s := douyintest.NewServer()
	defer s.Close()

	c, err := s.NewClient() // a douyin.Client pointed at the fake
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.UpdateOrderStatus(context.Background(), &douyin.UpdateOrderStatusRequest{
		OrderID: "7000000000001", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9",
		Status: douyin.ConfirmStatusConfirmed,
	})
	fmt.Println("error:", err)
	fmt.Println("updates received:", len(s.StatusUpdates()), "token fetches:", s.TokenFetches())
	// Output:
	// error: <nil>
	// updates received: 1 token fetches: 1
}

func ExampleServer_Inject() {
	s := douyintest.NewServer()
	defer s.Close()
	c, _ := s.NewClient()

	// Douyin records the push, then the connection drops before the answer.
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: douyin.PathOrderSync})
	req, _ := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "HOTEL-9"}, &douyin.HotelOrderDetail{
		OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", SPUExtID: "ROOM-1",
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 2), ReserveAmount: 1, TotalPrice: douyin.Yuan(220),
	})
	_, err := c.SyncOrder(context.Background(), req)
	var te *hotelsdk.TransportError
	fmt.Println("outcome unknown:", errors.As(err, &te) && te.MaybeSent)
	fmt.Println("pushes recorded:", len(s.Syncs()))
	// Output:
	// outcome unknown: true
	// pushes recorded: 1
}

func ExampleServer_ExpireTokens() {
	s := douyintest.NewServer()
	defer s.Close()
	c, _ := s.NewClient()
	req := &douyin.UpdateOrderStatusRequest{OrderID: "1", OrderExtID: "E", SupplierExtID: "S", Status: douyin.ConfirmStatusConfirming}
	_, _ = c.UpdateOrderStatus(context.Background(), req)

	s.ExpireTokens() // the next call is answered 2190008; the client refreshes and repeats it once
	_, err := c.UpdateOrderStatus(context.Background(), req)
	fmt.Println("error:", err, "token fetches:", s.TokenFetches())
	// Output: error: <nil> token fetches: 2
}
