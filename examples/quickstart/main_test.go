package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstartRunsAgainstTheSandboxes(t *testing.T) {
	cfg, err := parseConfig([]string{"-order-id", "DY-TEST-1"}, func(string) string { return "" }, &bytes.Buffer{})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out))
	got := out.String()
	for _, want := range []string{
		"1. douyin -> integrator  commit order DY-TEST-1: 2 rooms, ",
		", 1632.00 yuan\n",
		"goods-buy 杭州云廊小庐 / 山景大床房: 2 room(s) x 2 night(s), total 1632.00 yuan, pre_id ",
		"create: shop order ids [1]\n",
		"commit accepted: order_ext_id HS-1\n",
		"commit retried: replayed order_ext_id HS-1, shop booked once\n",
		"2. douyin -> integrator  payment of DY-TEST-1: paid; reply status 0 (confirmed)\n",
		"3. integrator -> douyin  order status confirmed sent (logid ",
		"order synced: douyin order id ",
		"4. integrator -> invoice submitted HS-1: 2 lines, 1632.00 yuan; batch ",
		"order HS-1, 1632.00 yuan, to invoice 1632.00 yuan\n",
		"done: booked, confirmed, synced and invoiced\n",
	} {
		assert.Contains(t, got, want)
	}
	// The story never prints the guest's name or phone number.
	assert.NotContains(t, got, "张三")
	assert.NotContains(t, got, "13800138000")
	assert.Regexp(t, regexp.MustCompile(`using douyin: sandbox http://127\.0\.0\.1:\d+`), got)
}

// TestQuickstartAgainstGivenEndpoints points the quickstart at endpoints
// named by environment variables (here: sandboxes the test controls) and
// checks that each platform really received its part.
func TestQuickstartAgainstGivenEndpoints(t *testing.T) {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	inv := invoicetest.NewServer()
	defer inv.Close()
	env := map[string]string{
		"HOTELSUPPLY_BASE_URL": shop.URL(), "HOTELSUPPLY_UNIACID": fmt.Sprint(hotelsupplytest.DefaultUniacid),
		"HOTELSUPPLY_MOBILE": hotelsupplytest.DefaultMobile, "HOTELSUPPLY_PASSWORD": hotelsupplytest.DefaultPassword,
		"INVOICE_BASE_URL": inv.URL(), "INVOICE_APP_ID": inv.AppID(), "INVOICE_APP_SECRET": inv.AppSecret(),
		"INVOICE_USER_NO": "quickstart", "INVOICE_STORE_ID": fmt.Sprint(invoicetest.DefaultStoreID),
	}
	cfg, err := parseConfig([]string{"-order-id", "DY-TEST-2"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out), out.String())
	assert.Contains(t, out.String(), "using hotel supply: "+shop.URL())
	assert.Contains(t, out.String(), "using invoice: "+inv.URL())

	orders := shop.Orders()
	require.Len(t, orders, 1)
	records := inv.Records("HS-1")
	require.Len(t, records, 1)
	assert.Equal(t, "DY-TEST-2", records[0].PartnerOrderNo)
	assert.Equal(t, "1632", records[0].OrderPrice.String())
}

func TestQuickstartFailsLoudly(t *testing.T) {
	t.Run("the shop is closed", func(t *testing.T) {
		shop := hotelsupplytest.NewServer()
		defer shop.Close()
		shop.SetClosed(true)
		cfg := config{OrderID: "DY-FAIL-1", HotelID: hotelsupplytest.DefaultHotelID, RoomID: hotelsupplytest.DefaultRoomTypeID,
			ShopURL: shop.URL(), ShopUniacid: hotelsupplytest.DefaultUniacid,
			ShopMobile: hotelsupplytest.DefaultMobile, ShopPassword: hotelsupplytest.DefaultPassword}
		var out bytes.Buffer
		err := run(context.Background(), cfg, &out)
		require.Error(t, err)
		assert.True(t, strings.HasPrefix(err.Error(), "commit: "), err.Error())
		assert.NotContains(t, out.String(), "done")
	})
	t.Run("an unknown room type is refused by the integrator", func(t *testing.T) {
		cfg := config{OrderID: "DY-FAIL-2", HotelID: 1, RoomID: 2}
		err := run(context.Background(), cfg, &bytes.Buffer{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "commit: ")
	})
	t.Run("an unknown invoice store", func(t *testing.T) {
		inv := invoicetest.NewServer()
		defer inv.Close()
		cfg := config{OrderID: "DY-FAIL-3", HotelID: hotelsupplytest.DefaultHotelID, RoomID: hotelsupplytest.DefaultRoomTypeID,
			InvoiceURL: inv.URL(), InvoiceAppID: inv.AppID(), InvoiceAppSecret: inv.AppSecret(), InvoiceUserNo: "u", InvoiceStoreID: 999}
		err := run(context.Background(), cfg, &bytes.Buffer{})
		require.ErrorContains(t, err, "invoice submission: ")
	})
	t.Run("bad configuration", func(t *testing.T) {
		_, err := parseConfig(nil, func(k string) string {
			if k == "INVOICE_STORE_ID" {
				return "x"
			}
			return ""
		}, &bytes.Buffer{})
		require.EqualError(t, err, "INVOICE_STORE_ID: not a number")
		_, err = parseConfig([]string{"extra"}, func(string) string { return "" }, &bytes.Buffer{})
		require.Error(t, err)
		cfg := config{OrderID: "X", DouyinClientKey: "k"} // a key without a secret
		require.ErrorContains(t, run(context.Background(), cfg, &bytes.Buffer{}), "client key and client secret are required")
	})
}
