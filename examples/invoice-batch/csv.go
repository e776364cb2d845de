package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// csvHeader is the required first row of an orders file.
var csvHeader = []string{"erpOrderNo", "partnerOrderNo", "identifier", "quantity", "unitPrice", "totalPrice"}

// readOrders reads one item per row; rows with the same erpOrderNo become one
// order whose orderPrice is the sum of the rows' totalPrice. It returns the
// orders in file order and the number of item rows.
func readOrders(r io.Reader, name string) ([]invoice.Order, int, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = len(csvHeader)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, fmt.Errorf("%s: no header row", name)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	if strings.Join(header, ",") != strings.Join(csvHeader, ",") {
		return nil, 0, fmt.Errorf("%s: header must be %s", name, strings.Join(csvHeader, ","))
	}
	var orders []invoice.Order
	index := map[string]int{}
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		item, err := parseItem(rec)
		if err != nil {
			return nil, 0, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		rows++
		erp, partner := rec[0], rec[1]
		i, seen := index[erp]
		if !seen {
			i = len(orders)
			index[erp] = i
			orders = append(orders, invoice.Order{ErpOrderNo: erp, PartnerOrderNo: partner, OrderPrice: invoice.AmountFromFen(0)})
		}
		o := &orders[i]
		o.Items = append(o.Items, item)
		o.OrderPrice = o.OrderPrice.Add(item.TotalPrice)
	}
	if len(orders) == 0 {
		return nil, 0, fmt.Errorf("%s: no orders", name)
	}
	return orders, rows, nil
}

// parseItem reads the item columns; empty quantity and unitPrice stay unset.
func parseItem(rec []string) (invoice.OrderItem, error) {
	it := invoice.OrderItem{Identifier: rec[2]}
	var err error
	if rec[3] != "" {
		if it.Quantity, err = invoice.QuantityFromString(rec[3]); err != nil {
			return it, fmt.Errorf("quantity: %w", err)
		}
	}
	if rec[4] != "" {
		if it.UnitPrice, err = invoice.AmountFromString(rec[4]); err != nil {
			return it, fmt.Errorf("unitPrice: %w", err)
		}
	}
	if it.TotalPrice, err = invoice.AmountFromString(rec[5]); err != nil {
		return it, fmt.Errorf("totalPrice: %w", err)
	}
	return it, nil
}
