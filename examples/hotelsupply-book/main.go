// Command hotelsupply-book books a hotel room at a 芸众 (yunshop) shop's
// hotel-supply plugin: it logs in, prices the stay (goods-buy) and creates
// the order from the returned pre_id.
//
// With no shop given it starts the in-process sandbox shop
// (hotelsupply/hotelsupplytest) and books there:
//
//	go run ./examples/hotelsupply-book
//
// Against a real shop, pass its API entry point, uniacid and a member's
// credentials by flag or environment (HOTELSUPPLY_BASE_URL,
// HOTELSUPPLY_UNIACID, HOTELSUPPLY_MOBILE, HOTELSUPPLY_PASSWORD), and
// -quote-only to price without creating anything:
//
//	go run ./examples/hotelsupply-book -base-url https://HOST/addons/yun_shop/api.php \
//	    -uniacid 6 -mobile 1xxxxxxxxxx -password '…' -hotel 1385 -room 4499 \
//	    -check-in 2026-12-24 -nights 2 -price 388.00 -quote-only
//
// Booking at a real shop needs the guest's name and phone: -guest 张三
// -phone 1xxxxxxxxxx.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// The guest booked at the sandbox when none is given. A real shop gets no
// made-up guest: a booking there needs -guest and -phone.
const (
	sandboxGuest = "张三"
	sandboxPhone = "15012345678"
)

// config is what the command needs; flags override the environment.
type config struct {
	BaseURL   string
	Uniacid   int64
	Mobile    string
	Password  string
	HotelID   int64
	RoomType  int64
	Rooms     int
	CheckIn   string // yyyy-mm-dd; empty: a week from today
	Nights    int
	Price     string // nightly price of one room, yuan
	MaxTotal  string // refuse to book above this total; empty: no limit
	Guest     string
	Phone     string
	Note      string
	ISODates  bool
	QuoteOnly bool
	Verbose   bool
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hotelsupply-book:", err)
		os.Exit(1)
	}
}

// parseConfig reads flags, with defaults from the environment.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	cfg := config{
		BaseURL:  getenv("HOTELSUPPLY_BASE_URL"),
		Mobile:   getenv("HOTELSUPPLY_MOBILE"),
		Password: getenv("HOTELSUPPLY_PASSWORD"),
	}
	if v := getenv("HOTELSUPPLY_UNIACID"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return cfg, fmt.Errorf("HOTELSUPPLY_UNIACID: not a number")
		}
		cfg.Uniacid = n
	}
	fs := flag.NewFlagSet("hotelsupply-book", flag.ContinueOnError)
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "shop API entry point, https://HOST/addons/yun_shop/api.php (empty: the sandbox)")
	fs.Int64Var(&cfg.Uniacid, "uniacid", cfg.Uniacid, "shop account id (i)")
	fs.StringVar(&cfg.Mobile, "mobile", cfg.Mobile, "member mobile")
	fs.StringVar(&cfg.Password, "password", cfg.Password, "member password (prefer HOTELSUPPLY_PASSWORD)")
	fs.Int64Var(&cfg.HotelID, "hotel", hotelsupplytest.DefaultHotelID, "hotel id")
	fs.Int64Var(&cfg.RoomType, "room", hotelsupplytest.DefaultRoomTypeID, "room type id (sid)")
	fs.IntVar(&cfg.Rooms, "rooms", 1, "number of rooms")
	fs.StringVar(&cfg.CheckIn, "check-in", "", "check-in day, yyyy-mm-dd (default: a week from today)")
	fs.IntVar(&cfg.Nights, "nights", 2, "number of nights")
	fs.StringVar(&cfg.Price, "price", "388.00", "nightly price of one room, yuan")
	fs.StringVar(&cfg.MaxTotal, "max-total", "", "do not book when the quoted total is above this amount")
	fs.StringVar(&cfg.Guest, "guest", "", "guest name (required against a real shop; the sandbox uses "+sandboxGuest+")")
	fs.StringVar(&cfg.Phone, "phone", "", "contact phone (required against a real shop)")
	fs.StringVar(&cfg.Note, "note", "", "order note")
	fs.BoolVar(&cfg.ISODates, "iso-dates", false, "send date_price dates as yyyy-mm-dd instead of dd/mm/yyyy")
	fs.BoolVar(&cfg.QuoteOnly, "quote-only", false, "price the stay, create nothing")
	fs.BoolVar(&cfg.Verbose, "v", false, "log every request (redacted)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	return cfg, nil
}

// run books one stay as cfg says and prints what happened to out.
func run(ctx context.Context, cfg config, out io.Writer) error {
	checkIn := hotelsupply.DateOf(time.Now().In(hotelsupply.ShopTimeZone())).AddDays(7)
	if cfg.CheckIn != "" {
		t, err := time.Parse("2006-01-02", cfg.CheckIn)
		if err != nil {
			return fmt.Errorf("-check-in: want yyyy-mm-dd")
		}
		checkIn = hotelsupply.DateOf(t)
	}
	if cfg.Nights < 1 {
		return fmt.Errorf("-nights: at least 1")
	}
	price, err := hotelsupply.NewMoney(cfg.Price)
	if err != nil {
		return fmt.Errorf("-price: %w", err)
	}
	var maxTotal hotelsupply.Money
	if cfg.MaxTotal != "" {
		if maxTotal, err = hotelsupply.NewMoney(cfg.MaxTotal); err != nil {
			return fmt.Errorf("-max-total: %w", err)
		}
	}

	if cfg.BaseURL == "" {
		shop := hotelsupplytest.NewServer()
		defer shop.Close()
		cfg.BaseURL, cfg.Uniacid = shop.URL(), hotelsupplytest.DefaultUniacid
		cfg.Mobile, cfg.Password = hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword
		fmt.Fprintln(out, "no shop given: booking at the sandbox shop on", shop.URL())
		if cfg.Guest == "" {
			cfg.Guest = sandboxGuest
		}
		if cfg.Phone == "" {
			cfg.Phone = sandboxPhone
		}
	} else if !cfg.QuoteOnly && (cfg.Guest == "" || cfg.Phone == "") {
		return errors.New("-guest and -phone are required to book at a real shop (or use -quote-only)")
	}
	opts := []hotelsupply.Option{
		hotelsupply.WithBaseURL(cfg.BaseURL),
		hotelsupply.WithUniacid(cfg.Uniacid),
		hotelsupply.WithCredentials(cfg.Mobile, cfg.Password),
	}
	if cfg.ISODates {
		opts = append(opts, hotelsupply.WithDateFormat(hotelsupply.DateISO))
	}
	if cfg.Verbose {
		opts = append(opts, hotelsupply.WithLogger(slog.New(slog.NewTextHandler(out, nil))))
	}
	c, err := hotelsupply.NewClient(opts...)
	if err != nil {
		return err
	}

	stay := hotelsupply.GoodsBuyRequest{
		HotelID: cfg.HotelID, RoomTypeID: cfg.RoomType, Rooms: cfg.Rooms,
		DatePrices: hotelsupply.Nights(checkIn, checkIn.AddDays(cfg.Nights), price),
	}
	if cfg.QuoteOnly {
		quote, err := c.GoodsBuy(ctx, &stay)
		if err != nil {
			return err
		}
		printQuote(out, quote)
		fmt.Fprintln(out, "quote only: no order created")
		return nil
	}
	res, err := c.Book(ctx, &hotelsupply.BookRequest{
		GoodsBuyRequest: stay, GuestName: cfg.Guest, Phone: cfg.Phone, Note: cfg.Note, MaxTotal: maxTotal,
	})
	var te *hotelsdk.TransportError
	if errors.As(err, &te) && te.MaybeSent {
		return fmt.Errorf("%w\nthe order may have been created: check the shop's orders before booking again", err)
	}
	if err != nil {
		return err
	}
	printQuote(out, res.Quote)
	fmt.Fprintf(out, "order created: ids %v\n", res.Order.OrderIDs)
	return nil
}

func printQuote(out io.Writer, q *hotelsupply.GoodsBuyResult) {
	for _, o := range q.Orders {
		h := o.HotelOrder
		fmt.Fprintf(out, "hotel:    %s (%s, tel %s)\n", h.Hotel.Name, h.Hotel.Address, h.Hotel.Tel)
		fmt.Fprintf(out, "room:     %s × %d\n", h.Hotel.Room.Name, h.Nums)
		fmt.Fprintf(out, "stay:     %s to %s\n", h.StartAt.Format("2006-01-02"), h.EndAt.Format("2006-01-02"))
		fmt.Fprintf(out, "order sn: %s, pre_id %s\n", o.OrderSN, o.PreID)
	}
	fmt.Fprintf(out, "total:    %s yuan\n", q.TotalPrice)
}
