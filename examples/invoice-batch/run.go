package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// shippedOrders is orders.csv, so the example runs from any directory.
//
//go:embed orders.csv
var shippedOrders []byte

// breakfast is the second goods of the shipped file, known to the sandbox.
var breakfast = invoicetest.Product{Identifier: "ZSF0000002", Name: "早餐", TaxRate: "6", Abbreviation: "餐饮服务"}

// settings are the flags, defaulted from the environment.
type settings struct {
	csvPath                   string
	baseURL, appID, appSecret string
	userID, userNo            string
	accessKey, accessSecret   string
	storeID                   int64
	storeNo                   string
	signType                  string
	timeout                   time.Duration
}

func parseSettings(args []string, getenv func(string) string, out io.Writer) (settings, error) {
	var s settings
	fs := flag.NewFlagSet("invoice-batch", flag.ContinueOnError)
	fs.SetOutput(out)
	env := func(name string) string { return getenv("INVOICE_" + name) }
	fs.StringVar(&s.csvPath, "csv", "", "orders file (default: the orders.csv shipped with the example)")
	fs.StringVar(&s.baseURL, "base-url", env("BASE_URL"), "API base URL; empty runs against the in-process sandbox [INVOICE_BASE_URL]")
	fs.StringVar(&s.appID, "app-id", env("APP_ID"), "appId [INVOICE_APP_ID]")
	fs.StringVar(&s.appSecret, "app-secret", env("APP_SECRET"), "app secret [INVOICE_APP_SECRET]")
	fs.StringVar(&s.userID, "user-id", env("USER_ID"), "identity: userId [INVOICE_USER_ID]")
	fs.StringVar(&s.userNo, "user-no", env("USER_NO"), "identity: userNo [INVOICE_USER_NO]")
	fs.StringVar(&s.accessKey, "access-key", env("ACCESS_KEY"), "identity: accessKey [INVOICE_ACCESS_KEY]")
	fs.StringVar(&s.accessSecret, "access-secret", env("ACCESS_SECRET"), "identity: accessSecret [INVOICE_ACCESS_SECRET]")
	fs.StringVar(&s.storeNo, "store-no", env("STORE_NO"), "store number (storeNo) [INVOICE_STORE_NO]")
	fs.StringVar(&s.signType, "sign-type", firstNonEmpty(env("SIGN_TYPE"), "MD5"), "MD5, SHA1 or SHA256 [INVOICE_SIGN_TYPE]")
	fs.DurationVar(&s.timeout, "timeout", time.Minute, "time limit for the whole run")
	storeID := fs.String("store-id", env("STORE_ID"), "store id (storeId) [INVOICE_STORE_ID]")
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *storeID != "" {
		id, err := strconv.ParseInt(*storeID, 10, 64)
		if err != nil || id <= 0 {
			return s, fmt.Errorf("store id must be a positive integer")
		}
		s.storeID = id
	}
	return s, nil
}

// run submits the orders of the CSV file and reads the batch back. It
// starts the sandbox when no base URL is given.
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	s, err := parseSettings(args, getenv, out)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	name, data := "orders.csv (shipped)", shippedOrders
	if s.csvPath != "" {
		if data, err = os.ReadFile(s.csvPath); err != nil {
			return err
		}
		name = s.csvPath
	}
	orders, rows, err := readOrders(bytes.NewReader(data), name)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "read %d orders (%d lines) from %s, total %s yuan\n", len(orders), rows, name, sum(orders))

	client, storeID, storeNo, closeFn, err := connect(s, out)
	if err != nil {
		return err
	}
	defer closeFn()

	fmt.Fprintf(out, "submitting %d orders to %s ...\n", len(orders), storeLabel(storeID, storeNo))
	added, err := client.AddOrders(ctx, &invoice.AddOrdersRequest{StoreID: storeID, StoreNo: storeNo, OrderList: orders})
	if err != nil {
		if hotelsdk.OutcomeUnknown(err) {
			return fmt.Errorf("%w\nthe orders may have been stored: check them by erpOrderNo before running again, "+
				"or the platform will create duplicate records", err)
		}
		return err
	}
	fmt.Fprintf(out, "batch %s accepted\n", added.OrderBatchNo)

	fmt.Fprintf(out, "reading batch %s back ...\n", added.OrderBatchNo)
	got, err := client.GetOrders(ctx, &invoice.GetOrdersRequest{StoreID: storeID, StoreNo: storeNo, OrderBatchNo: added.OrderBatchNo})
	if err != nil {
		return err
	}
	for _, o := range got.Orders {
		fmt.Fprintf(out, "  %-14s %8s yuan, invoice %8s yuan\n", o.ErpOrderNo, o.OrderPrice, o.InvoiceAmount())
		for _, d := range o.OrderDetailDtos {
			fmt.Fprintf(out, "      %s\n", describe(d))
		}
	}
	if err := compare(orders, got.Orders); err != nil {
		return err
	}
	fmt.Fprintf(out, "read back %d orders, total %s yuan: matches what was sent\n", len(got.Orders), sumRecords(got.Orders))
	return nil
}

// connect returns a client for the real endpoint when a base URL is set,
// else for a freshly started sandbox, with the store to use.
func connect(s settings, out io.Writer) (*invoice.Client, int64, string, func(), error) {
	opts := []invoice.Option{invoice.WithSignType(invoice.SignType(s.signType))}
	if s.baseURL == "" {
		srv := invoicetest.NewServer(invoicetest.WithProducts(breakfast))
		fmt.Fprintf(out, "using the in-process sandbox at %s (set -base-url or INVOICE_BASE_URL for a real endpoint)\n", srv.URL())
		c, err := srv.NewClient(opts...)
		if err != nil {
			srv.Close()
			return nil, 0, "", nil, err
		}
		if s.storeID == 0 && s.storeNo == "" {
			s.storeID = invoicetest.DefaultStoreID
		}
		return c, s.storeID, s.storeNo, func() { _ = c.Close(); srv.Close() }, nil
	}
	fmt.Fprintf(out, "using %s\n", s.baseURL)
	opts = append(opts, invoice.WithBaseURL(s.baseURL), invoice.WithApp(s.appID, s.appSecret))
	if s.userID != "" {
		opts = append(opts, invoice.WithUserID(s.userID))
	}
	if s.userNo != "" {
		opts = append(opts, invoice.WithUserNo(s.userNo))
	}
	if s.accessKey != "" || s.accessSecret != "" {
		opts = append(opts, invoice.WithAccessKey(s.accessKey, s.accessSecret))
	}
	c, err := invoice.NewClient(opts...)
	if err != nil {
		return nil, 0, "", nil, err
	}
	return c, s.storeID, s.storeNo, func() { _ = c.Close() }, nil
}

// compare checks that every order sent came back with the same amount.
func compare(sent []invoice.Order, got []invoice.OrderRecord) error {
	back := map[string]invoice.Amount{}
	for _, o := range got {
		back[o.ErpOrderNo] = o.OrderPrice
	}
	for _, o := range sent {
		a, ok := back[o.ErpOrderNo]
		switch {
		case !ok:
			return fmt.Errorf("order %s is missing from the batch", o.ErpOrderNo)
		case !a.Equal(o.OrderPrice):
			return fmt.Errorf("order %s came back with %s yuan, sent %s", o.ErpOrderNo, a, o.OrderPrice)
		}
	}
	return nil
}

func sum(orders []invoice.Order) invoice.Amount {
	total := invoice.AmountFromFen(0)
	for _, o := range orders {
		total = total.Add(o.OrderPrice)
	}
	return total
}

func sumRecords(orders []invoice.OrderRecord) invoice.Amount {
	total := invoice.AmountFromFen(0)
	for _, o := range orders {
		total = total.Add(o.OrderPrice)
	}
	return total
}

// describe prints one detail line: "ZSF0000001 住宿费 2 × 12.4 = 24.8 (tax 3%)".
func describe(d invoice.OrderDetail) string {
	s := d.Identifier
	if d.Name != "" {
		s += " " + d.Name
	}
	s += ": "
	if d.Quantity.IsSet() && d.UnitPrice.IsSet() {
		s += fmt.Sprintf("%s × %s = ", d.Quantity, d.UnitPrice)
	}
	s += d.TotalPrice.String()
	if d.TaxRate != "" {
		s += " (tax " + d.TaxRate + "%)"
	}
	return s
}

func storeLabel(id int64, no string) string {
	if id != 0 {
		return fmt.Sprintf("store %d", id)
	}
	return "store " + no
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
