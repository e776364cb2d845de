// Command quickstart tells the story of one hotel booking across the three
// platforms of hotelsdk-go:
//
//  1. Douyin commits an order to the integrator's SPI handler (signed, as
//     Douyin calls it);
//  2. the integrator prices the stay and creates the room order at the
//     hotel-supply shop, and answers Douyin; Douyin reports the payment;
//  3. the integrator confirms the order status to Douyin and syncs the order;
//  4. the stay is submitted for invoicing and read back.
//
// With no flags it runs against the in-process sandboxes of the three
// platforms and needs no credentials and no network:
//
//	go run ./examples/quickstart
//
// Each platform switches to its real endpoint when its flags (or environment
// variables) are given: -douyin-client-key/-douyin-client-secret
// (DOUYIN_CLIENT_KEY, DOUYIN_CLIENT_SECRET, and -douyin-url/DOUYIN_BASE_URL
// for another host than the Open Platform), -shop-url/-shop-uniacid/
// -shop-mobile/-shop-password (HOTELSUPPLY_*), -invoice-url/-invoice-app-id/
// -invoice-app-secret/-invoice-user-no/-invoice-store-id (INVOICE_*).
// Douyin's SPI calls are always played locally, signed with the Douyin
// credentials, since Douyin cannot be asked to call a laptop.
//
// To run it against the standalone sandboxes of the hotelsdk command:
//
//	go run ./cmd/hotelsdk sandbox                                      # terminal 1
//	eval "$(go run ./cmd/hotelsdk sandbox env)"; go run ./examples/quickstart  # terminal 2
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// config is what the quickstart needs; flags override the environment.
type config struct {
	OrderID string
	HotelID int64
	RoomID  int64

	DouyinURL          string
	DouyinClientKey    string
	DouyinClientSecret string
	DouyinSandbox      bool

	ShopURL      string
	ShopUniacid  int64
	ShopMobile   string
	ShopPassword string

	InvoiceURL       string
	InvoiceAppID     string
	InvoiceAppSecret string
	InvoiceUserNo    string
	InvoiceStoreID   int64
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart failed:", err)
		os.Exit(1)
	}
}

func parseConfig(args []string, getenv func(string) string, errOut io.Writer) (config, error) {
	envInt := func(name string) (int64, error) {
		v := getenv(name)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: not a number", name)
		}
		return n, nil
	}
	uniacid, err := envInt("HOTELSUPPLY_UNIACID")
	if err != nil {
		return config{}, err
	}
	store, err := envInt("INVOICE_STORE_ID")
	if err != nil {
		return config{}, err
	}
	cfg := config{}
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&cfg.OrderID, "order-id", "DY"+time.Now().Format("20060102150405"), "Douyin order id to play")
	fs.Int64Var(&cfg.HotelID, "hotel", hotelsupplytest.DefaultHotelID, "shop hotel id")
	fs.Int64Var(&cfg.RoomID, "room", hotelsupplytest.DefaultRoomTypeID, "shop room type id (sid)")
	fs.StringVar(&cfg.DouyinClientKey, "douyin-client-key", getenv("DOUYIN_CLIENT_KEY"), "Douyin client key (empty: the sandbox)")
	fs.StringVar(&cfg.DouyinClientSecret, "douyin-client-secret", getenv("DOUYIN_CLIENT_SECRET"), "Douyin client secret (prefer DOUYIN_CLIENT_SECRET)")
	fs.BoolVar(&cfg.DouyinSandbox, "douyin-open-sandbox", false, "use Douyin's open-sandbox host")
	fs.StringVar(&cfg.DouyinURL, "douyin-url", getenv("DOUYIN_BASE_URL"), "Douyin Open Platform base URL, e.g. a running \"hotelsdk sandbox\" (needs the client key and secret)")
	fs.StringVar(&cfg.ShopURL, "shop-url", getenv("HOTELSUPPLY_BASE_URL"), "shop API entry point .../addons/yun_shop/api.php (empty: the sandbox)")
	fs.Int64Var(&cfg.ShopUniacid, "shop-uniacid", uniacid, "shop account id (i)")
	fs.StringVar(&cfg.ShopMobile, "shop-mobile", getenv("HOTELSUPPLY_MOBILE"), "shop member mobile")
	fs.StringVar(&cfg.ShopPassword, "shop-password", getenv("HOTELSUPPLY_PASSWORD"), "shop member password (prefer HOTELSUPPLY_PASSWORD)")
	fs.StringVar(&cfg.InvoiceURL, "invoice-url", getenv("INVOICE_BASE_URL"), "invoice API base URL (empty: the sandbox)")
	fs.StringVar(&cfg.InvoiceAppID, "invoice-app-id", getenv("INVOICE_APP_ID"), "invoice appId")
	fs.StringVar(&cfg.InvoiceAppSecret, "invoice-app-secret", getenv("INVOICE_APP_SECRET"), "invoice app secret (prefer INVOICE_APP_SECRET)")
	fs.StringVar(&cfg.InvoiceUserNo, "invoice-user-no", getenv("INVOICE_USER_NO"), "invoice userNo")
	fs.Int64Var(&cfg.InvoiceStoreID, "invoice-store-id", store, "invoice storeId")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	return cfg, nil
}
