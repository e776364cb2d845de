package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// playDouyin calls the server at base exactly as Douyin would (signed, with
// douyintest.SPIClient) and prints each step: a booking, its repetition, the
// payment, a sold-out and a mispriced booking, an unsigned call, and the
// cancellation. It fails if any answer is not the expected one.
// Its order ids are orderPrefix-1, -2, -3.
func playDouyin(ctx context.Context, base, clientKey, clientSecret, orderPrefix string, h *hotel, out io.Writer) error {
	c, err := douyintest.NewSPIClient(base, clientKey, clientSecret)
	if err != nil {
		return err
	}
	checkIn := douyin.DateOf(time.Now()).AddDays(7)
	booking := &spi.CommitOrderRequest{
		OrderID: orderPrefix + "-1", SPUExtID: "KING-ROOM", Status: douyin.PayStatusUnpaid, ReserveAmount: 2,
		CustomerName: "张三", CustomerPhone: "13800138000",
		CheckIn: checkIn, CheckOut: checkIn.AddDays(2),
		TotalPrice: douyin.Yuan(440) * 4,
		DatePrice: []douyin.DatePrice{
			{Date: checkIn, Price: douyin.Yuan(440)}, {Date: checkIn.AddDays(1), Price: douyin.Yuan(440)},
		},
	}

	commit, err := c.CommitOrder(ctx, booking)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	fmt.Fprintf(out, "commit %s: 2 x KING-ROOM, 2 nights, %s yuan -> order_ext_id %s (rooms left %d)\n",
		booking.OrderID, booking.TotalPrice, commit.Data.OrderExtID, h.roomsLeft("KING-ROOM"))

	again, err := c.CommitOrder(ctx, booking)
	if err != nil || again.Data.OrderExtID != commit.Data.OrderExtID {
		return fmt.Errorf("repeated commit: want the same order_ext_id: %v", err)
	}
	fmt.Fprintf(out, "commit %s again -> same order_ext_id %s (rooms left %d)\n",
		booking.OrderID, again.Data.OrderExtID, h.roomsLeft("KING-ROOM"))

	paid, err := c.NotifyPayment(ctx, &spi.NotifyPaymentRequest{
		OrderID: booking.OrderID, OrderExtID: commit.Data.OrderExtID, Status: douyin.PayStatusPaid,
	})
	if err != nil {
		return fmt.Errorf("payment: %w", err)
	}
	fmt.Fprintf(out, "payment of %s -> status %d (%s)\n", booking.OrderID, paid.Data.Status, paid.Data.Status)

	tooMany := *booking
	tooMany.OrderID, tooMany.ReserveAmount, tooMany.TotalPrice = orderPrefix+"-2", 4, douyin.Yuan(440)*8
	if err := expectSPIError(ctx, c, &tooMany, codeSoldOut, out); err != nil {
		return err
	}
	cheap := *booking
	cheap.OrderID, cheap.TotalPrice = orderPrefix+"-3", douyin.Yuan(1)
	if err := expectSPIError(ctx, c, &cheap, codePriceChanged, out); err != nil {
		return err
	}

	unsigned, err := http.NewRequestWithContext(ctx, http.MethodPost, base+spi.OpCancelOrder.Path(),
		strings.NewReader(`{"order_id":"`+booking.OrderID+`","order_status":1}`))
	if err != nil {
		return fmt.Errorf("unsigned call: %w", err)
	}
	unsigned.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(unsigned)
	if err != nil {
		return fmt.Errorf("unsigned call: %w", err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		return fmt.Errorf("unsigned call: HTTP %d, want 401", resp.StatusCode)
	}
	fmt.Fprintf(out, "unsigned cancel of %s -> HTTP %d, refused\n", booking.OrderID, resp.StatusCode)

	if _, err := c.CancelOrder(ctx, &spi.CancelOrderRequest{
		OrderID: booking.OrderID, OrderExtID: commit.Data.OrderExtID, OrderStatus: douyin.PayStatusPaid,
	}); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	fmt.Fprintf(out, "cancel %s -> accepted (rooms left %d)\n", booking.OrderID, h.roomsLeft("KING-ROOM"))
	return nil
}

// expectSPIError commits req and requires the hotel to refuse it with code.
func expectSPIError(ctx context.Context, c *douyintest.SPIClient, req *spi.CommitOrderRequest, code douyin.Code, out io.Writer) error {
	_, err := c.CommitOrder(ctx, req)
	var ae *douyin.APIError
	if !errors.As(err, &ae) || ae.ErrorCode != code {
		return fmt.Errorf("commit %s: want error_code %d, got %v", req.OrderID, code, err)
	}
	fmt.Fprintf(out, "commit %s: %d x %s, %s yuan -> refused: error_code %d (%s)\n",
		req.OrderID, req.ReserveAmount, req.SPUExtID, req.TotalPrice, ae.ErrorCode, ae.Description)
	return nil
}
