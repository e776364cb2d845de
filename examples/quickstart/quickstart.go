package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// platforms holds the three clients, the credentials Douyin signs its SPI
// calls with, and how to stop whatever sandboxes were started.
type platforms struct {
	douyin      *douyin.Client
	spiKey      string
	spiSecret   string
	shop        *hotelsupply.Client
	invoice     *invoice.Client
	storeID     int64
	hotelID     int64
	roomID      int64
	closers     []func()
	descriptors []string
}

func (p *platforms) close() {
	for i := len(p.closers) - 1; i >= 0; i-- {
		p.closers[i]()
	}
}

// connect builds a client per platform: the real endpoint when cfg names
// one, the in-process sandbox otherwise.
func connect(cfg config) (*platforms, error) {
	p := &platforms{hotelID: cfg.HotelID, roomID: cfg.RoomID, storeID: cfg.InvoiceStoreID}
	ok := false
	defer func() {
		if !ok {
			p.close()
		}
	}()
	var err error

	if cfg.DouyinURL != "" && cfg.DouyinClientKey == "" {
		return nil, errors.New("douyin client: -douyin-url needs -douyin-client-key and -douyin-client-secret")
	}
	if cfg.DouyinClientKey == "" {
		dy := douyintest.NewServer()
		p.closers = append(p.closers, dy.Close)
		p.spiKey, p.spiSecret = douyintest.DefaultClientKey, douyintest.DefaultClientSecret
		p.douyin, err = dy.NewClient()
		p.descriptors = append(p.descriptors, "douyin: sandbox "+dy.URL())
	} else {
		p.spiKey, p.spiSecret = cfg.DouyinClientKey, cfg.DouyinClientSecret
		opts := []douyin.Option{douyin.WithClientCredentials(cfg.DouyinClientKey, cfg.DouyinClientSecret)}
		desc := "douyin: Douyin Open Platform"
		switch {
		case cfg.DouyinURL != "":
			opts = append(opts, douyin.WithBaseURL(cfg.DouyinURL))
			desc = "douyin: " + cfg.DouyinURL
		case cfg.DouyinSandbox:
			opts = append(opts, douyin.WithSandbox())
		}
		p.douyin, err = douyin.NewClient(opts...)
		p.descriptors = append(p.descriptors, desc)
	}
	if err != nil {
		return nil, fmt.Errorf("douyin client: %w", err)
	}

	if cfg.ShopURL == "" {
		shop := hotelsupplytest.NewServer()
		p.closers = append(p.closers, shop.Close)
		p.shop, err = hotelsupply.NewClient(shop.ClientOptions()...)
		p.descriptors = append(p.descriptors, "hotel supply: sandbox shop "+shop.URL())
	} else {
		p.shop, err = hotelsupply.NewClient(
			hotelsupply.WithBaseURL(cfg.ShopURL),
			hotelsupply.WithUniacid(cfg.ShopUniacid),
			hotelsupply.WithCredentials(cfg.ShopMobile, cfg.ShopPassword),
		)
		p.descriptors = append(p.descriptors, "hotel supply: "+cfg.ShopURL)
	}
	if err != nil {
		return nil, fmt.Errorf("hotel-supply client: %w", err)
	}

	if cfg.InvoiceURL == "" {
		inv := invoicetest.NewServer()
		p.closers = append(p.closers, inv.Close)
		p.invoice, err = inv.NewClient()
		p.storeID = invoicetest.DefaultStoreID
		p.descriptors = append(p.descriptors, "invoice: sandbox "+inv.URL())
	} else {
		p.invoice, err = invoice.NewClient(
			invoice.WithBaseURL(cfg.InvoiceURL),
			invoice.WithApp(cfg.InvoiceAppID, cfg.InvoiceAppSecret),
			invoice.WithUserNo(cfg.InvoiceUserNo),
		)
		p.descriptors = append(p.descriptors, "invoice: "+cfg.InvoiceURL)
	}
	if err != nil {
		return nil, fmt.Errorf("invoice client: %w", err)
	}
	ok = true
	return p, nil
}

// run tells the story of one booking and prints it to out. It returns the
// first step that failed.
func run(ctx context.Context, cfg config, out io.Writer) error {
	p, err := connect(cfg)
	if err != nil {
		return err
	}
	defer p.close()
	for _, d := range p.descriptors {
		fmt.Fprintln(out, "using", d)
	}

	// The integrator's SPI server, as Douyin reaches it. Douyin cannot be
	// asked to call a laptop, so its calls are played by douyintest.SPIClient,
	// signed with the same credentials Douyin would use.
	in := newIntegrator(p.shop, out)
	// The ledger runs each commit at most once per order_id and replays its
	// reply to Douyin's retries. One process: the in-memory store; a fleet
	// shares contrib/redisstore or contrib/sqlstore instead.
	handler, err := spi.NewHandler(in, spi.WithCredentials(p.spiKey, p.spiSecret),
		spi.WithLedger(ledger.NewMemoryStore(), ledger.WithAbandonedHook(in.onAbandoned)))
	if err != nil {
		return err
	}
	spiServer := httptest.NewServer(http.StripPrefix("/douyin", handler))
	defer spiServer.Close()
	caller, err := douyintest.NewSPIClient(spiServer.URL+"/douyin", p.spiKey, p.spiSecret)
	if err != nil {
		return err
	}

	// 1. A guest books 2 rooms for 2 nights on Douyin, which commits the
	//    order to the integrator.
	checkIn := douyin.DateOf(time.Now().In(hotelsupply.ShopTimeZone())).AddDays(7)
	nightly := []douyin.Fen{38800, 42800} // 388.00 and 428.00 yuan
	order := &spi.CommitOrderRequest{
		OrderID:       cfg.OrderID,
		SPUExtID:      fmt.Sprintf("%d-%d", p.hotelID, p.roomID),
		Status:        douyin.PayStatusUnpaid,
		ReserveAmount: 2,
		CustomerName:  "张三",
		CustomerPhone: "13800138000",
		CustomerList:  []douyin.Customer{{CnName: "张三"}, {CnName: "李四"}},
		CheckIn:       checkIn,
		CheckOut:      checkIn.AddDays(len(nightly)),
	}
	for i, price := range nightly {
		order.DatePrice = append(order.DatePrice, douyin.DatePrice{Date: checkIn.AddDays(i), Price: price})
		order.TotalPrice += price * douyin.Fen(order.ReserveAmount)
	}
	fmt.Fprintf(out, "1. douyin -> integrator  commit order %s: %d rooms, %s to %s, %s yuan\n",
		order.OrderID, order.ReserveAmount, order.CheckIn, order.CheckOut, order.TotalPrice)
	commit, err := caller.CommitOrder(ctx, order)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	fmt.Fprintf(out, "   integrator -> douyin  commit accepted: order_ext_id %s\n", commit.Data.OrderExtID)
	// Douyin retries a commit it thinks timed out: the ledger replays the
	// reply, the shop is not asked twice.
	again, err := caller.CommitOrder(ctx, order)
	if err != nil {
		return fmt.Errorf("commit retry: %w", err)
	}
	if again.Data.OrderExtID != commit.Data.OrderExtID || in.shopBookings() != 1 {
		return fmt.Errorf("commit retry: answered %s after %s, %d shop bookings", again.Data.OrderExtID, commit.Data.OrderExtID, in.shopBookings())
	}
	fmt.Fprintf(out, "   douyin -> integrator  commit retried: replayed order_ext_id %s, shop booked once\n", again.Data.OrderExtID)
	b, ok := in.booking(order.OrderID)
	if !ok {
		return errors.New("commit: the integrator kept no booking")
	}

	// 2. Douyin reports the payment; the integrator confirms.
	paid, err := caller.NotifyPayment(ctx, &spi.NotifyPaymentRequest{
		SupplierExtID: fmt.Sprint(p.hotelID), OrderID: order.OrderID, OrderExtID: b.orderExtID, Status: douyin.PayStatusPaid,
	})
	if err != nil {
		return fmt.Errorf("payment notification: %w", err)
	}
	fmt.Fprintf(out, "2. douyin -> integrator  payment of %s: paid; reply status %d (%s)\n",
		order.OrderID, paid.Data.Status, paid.Data.Status)

	// 3. The integrator confirms the order to Douyin and syncs it.
	status, err := p.douyin.UpdateOrderStatus(ctx, &douyin.UpdateOrderStatusRequest{
		OrderID: order.OrderID, OrderExtID: b.orderExtID, SupplierExtID: fmt.Sprint(p.hotelID),
		Status: douyin.ConfirmStatusConfirmed,
	})
	if err != nil {
		return fmt.Errorf("order status: %w", err)
	}
	fmt.Fprintf(out, "3. integrator -> douyin  order status %s sent (logid %s)\n", douyin.ConfirmStatusConfirmed, status.RequestID)
	syncReq, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: fmt.Sprint(p.hotelID)}, &douyin.HotelOrderDetail{
		OrderID: order.OrderID, OrderExtID: b.orderExtID, SupplierExtID: fmt.Sprint(p.hotelID),
		HotelName: b.hotelName, SPUExtID: order.SPUExtID, RoomName: b.roomName,
		CheckIn: order.CheckIn, CheckOut: order.CheckOut, ReserveAmount: order.ReserveAmount,
		TotalPrice: order.TotalPrice, DatePrice: order.DatePrice,
		CustomerName: order.CustomerName, CustomerPhone: order.CustomerPhone, CustomerList: order.CustomerList,
		Status: douyin.ConfirmStatusConfirmed, PayStatus: douyin.PayStatusPaid,
	})
	if err != nil {
		return fmt.Errorf("order sync: %w", err)
	}
	synced, err := p.douyin.SyncOrder(ctx, syncReq)
	if err != nil {
		return fmt.Errorf("order sync: %w", err)
	}
	fmt.Fprintf(out, "   integrator -> douyin  order synced: douyin order id %s\n", synced.OrderID)

	// 4. The stay is submitted for invoicing, one line per night, and read back.
	inv := invoice.Order{ErpOrderNo: b.orderExtID, PartnerOrderNo: order.OrderID}
	rooms := invoice.QuantityFromInt(order.ReserveAmount)
	for _, dp := range order.DatePrice {
		unit := invoice.AmountFromFen(int64(dp.Price))
		line := unit.Mul(rooms)
		inv.Items = append(inv.Items, invoice.OrderItem{
			Identifier: invoice.IdentifierLodging, Quantity: rooms, UnitPrice: unit, TotalPrice: line,
		})
		inv.OrderPrice = inv.OrderPrice.Add(line)
	}
	added, err := p.invoice.AddOrders(ctx, &invoice.AddOrdersRequest{StoreID: p.storeID, OrderList: []invoice.Order{inv}})
	if err != nil {
		if hotelsdk.OutcomeUnknown(err) {
			return fmt.Errorf("invoice submission: outcome unknown, check before resubmitting: %w", err)
		}
		return fmt.Errorf("invoice submission: %w", err)
	}
	fmt.Fprintf(out, "4. integrator -> invoice submitted %s: %d lines, %s yuan; batch %s\n",
		inv.ErpOrderNo, len(inv.Items), yuan(inv.OrderPrice), added.OrderBatchNo)
	got, err := p.invoice.GetOrders(ctx, &invoice.GetOrdersRequest{StoreID: p.storeID, OrderBatchNo: added.OrderBatchNo})
	if err != nil {
		return fmt.Errorf("invoice read-back: %w", err)
	}
	if len(got.Orders) != 1 || !got.Orders[0].OrderPrice.Equal(inv.OrderPrice) {
		return fmt.Errorf("invoice read-back: batch %s holds %d orders, want 1 of %s yuan", added.OrderBatchNo, len(got.Orders), inv.OrderPrice)
	}
	rec := got.Orders[0]
	fmt.Fprintf(out, "   invoice -> integrator batch %s: order %s, %s yuan, to invoice %s yuan\n",
		added.OrderBatchNo, rec.ErpOrderNo, yuan(rec.OrderPrice), yuan(rec.InvoiceAmount()))
	fmt.Fprintln(out, "done: booked, confirmed, synced and invoiced")
	return nil
}

// yuan formats an invoice amount with two decimals, like the other steps.
func yuan(a invoice.Amount) string { return a.Decimal().StringFixed(2) }
