// Command invoice-batch submits a batch of orders for invoicing from a CSV
// file and reads the batch back, printing its progress.
//
// By default it runs against the in-process sandbox (invoice/invoicetest)
// with the orders.csv shipped beside it:
//
//	go run ./examples/invoice-batch
//
// Against a real endpoint, give the base URL, the app and one identity by
// flags or environment (flags win):
//
//	INVOICE_BASE_URL=https://… INVOICE_APP_ID=… INVOICE_APP_SECRET=… \
//	INVOICE_USER_NO=… INVOICE_STORE_NO=… go run ./examples/invoice-batch -csv my-orders.csv
//
// Run with -h for every flag.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "invoice-batch:", err)
		stop()
		os.Exit(1)
	}
}
