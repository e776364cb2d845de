package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

func defaults(t *testing.T, args ...string) config {
	t.Helper()
	cfg, err := parseConfig(args, func(string) string { return "" })
	require.NoError(t, err)
	return cfg
}

func TestRunBooksAtTheSandboxByDefault(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	cfg := defaults(t, "-check-in", "2026-12-24", "-nights", "2", "-price", "388.00", "-rooms", "2")
	require.NoError(t, run(context.Background(), cfg, &out))
	got := out.String()
	assert.Contains(t, got, "no shop given: booking at the sandbox shop on http://127.0.0.1:")
	assert.Contains(t, got, "hotel:    杭州云廊小庐 (浙江省杭州市西湖区梅家坞176号(十里琅珰山脚下), tel 0571-86908751)\n")
	assert.Contains(t, got, "room:     山景大床房 × 2\n")
	assert.Contains(t, got, "stay:     2026-12-24 to 2026-12-26\n")
	assert.Contains(t, got, "total:    1552.00 yuan\n")
	assert.Contains(t, got, "order created: ids [1]\n")
}

func TestRunAgainstAGivenShop(t *testing.T) {
	t.Parallel()
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	env := map[string]string{
		"HOTELSUPPLY_BASE_URL": shop.URL(), "HOTELSUPPLY_UNIACID": "6",
		"HOTELSUPPLY_MOBILE": hotelsupplytest.DefaultMobile, "HOTELSUPPLY_PASSWORD": hotelsupplytest.DefaultPassword,
	}
	cfg, err := parseConfig([]string{"-check-in", "2026-01-01", "-nights", "1", "-iso-dates", "-v", "-note", "n",
		"-guest", "李四", "-phone", "13900000000"},
		func(k string) string { return env[k] })
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out))
	assert.NotContains(t, out.String(), "sandbox")
	assert.Contains(t, out.String(), "order created: ids [1]")
	assert.Contains(t, out.String(), "hotelsdk response", "-v logs the requests")
	assert.NotContains(t, out.String(), hotelsupplytest.DefaultPassword)
	require.Len(t, shop.Orders(), 1)
	assert.Equal(t, "n", shop.Orders()[0].Note)
	assert.NotContains(t, out.String(), "13900000000", "the log is redacted")
	assert.Contains(t, shop.Requests(hotelsupply.RouteGoodsBuy)[0].Query.Get("date_price"), "2026-01-01")

	// Quote only creates nothing.
	cfg.QuoteOnly, cfg.Verbose = true, false
	out.Reset()
	require.NoError(t, run(context.Background(), cfg, &out))
	assert.Contains(t, out.String(), "quote only: no order created")
	assert.Len(t, shop.Orders(), 1)
}

func TestRunFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad check-in", []string{"-check-in", "24/12/2026"}, "-check-in"},
		{"bad nights", []string{"-nights", "0"}, "-nights"},
		{"bad price", []string{"-price", "abc"}, "-price"},
		{"bad max total", []string{"-max-total", "x"}, "-max-total"},
		{"above max total", []string{"-max-total", "100", "-check-in", "2026-01-01"}, "above the limit"},
		{"bad phone", []string{"-phone", "123", "-check-in", "2026-01-01"}, "tel: is not a plausible phone number"},
		{"unknown hotel", []string{"-hotel", "1", "-check-in", "2026-01-01"}, "酒店或房型不存在"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(ctx, defaults(t, tc.args...), &out)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, out.String(), "order created")
		})
	}

	t.Run("a real shop without uniacid", func(t *testing.T) {
		t.Parallel()
		err := run(ctx, defaults(t, "-base-url", "https://shop.example", "-quote-only"), &bytes.Buffer{})
		assert.ErrorContains(t, err, "uniacid must be positive")
	})
	t.Run("a real shop gets no made-up guest", func(t *testing.T) {
		t.Parallel()
		shop := hotelsupplytest.NewServer()
		defer shop.Close()
		cfg := defaults(t, "-base-url", shop.URL(), "-uniacid", "6", "-mobile", hotelsupplytest.DefaultMobile,
			"-password", hotelsupplytest.DefaultPassword, "-check-in", "2026-01-01", "-guest", "李四")
		err := run(ctx, cfg, &bytes.Buffer{})
		assert.EqualError(t, err, "-guest and -phone are required to book at a real shop (or use -quote-only)")
		assert.Empty(t, shop.Requests(""), "nothing sent")
	})
	t.Run("an order that may exist is reported as such", func(t *testing.T) {
		t.Parallel()
		shop := hotelsupplytest.NewServer()
		defer shop.Close()
		shop.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: "create.index"})
		cfg := defaults(t, "-base-url", shop.URL(), "-uniacid", "6", "-mobile", hotelsupplytest.DefaultMobile,
			"-password", hotelsupplytest.DefaultPassword, "-check-in", "2026-01-01", "-guest", "李四", "-phone", "13900000000")
		err := run(ctx, cfg, &bytes.Buffer{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "the order may have been created")
		assert.Len(t, shop.Orders(), 1)
	})
}

func TestParseConfig(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	assert.Empty(t, cfg.BaseURL)
	assert.Equal(t, int64(hotelsupplytest.DefaultHotelID), cfg.HotelID)
	assert.Equal(t, 2, cfg.Nights)

	_, err := parseConfig(nil, func(k string) string {
		if k == "HOTELSUPPLY_UNIACID" {
			return "six"
		}
		return ""
	})
	assert.ErrorContains(t, err, "HOTELSUPPLY_UNIACID")
	_, err = parseConfig([]string{"extra"}, func(string) string { return "" })
	assert.ErrorContains(t, err, "unexpected arguments")
	_, err = parseConfig([]string{"-h"}, func(string) string { return "" })
	assert.True(t, errors.Is(err, flag.ErrHelp))
	_, err = parseConfig([]string{"-rooms", "x"}, func(string) string { return "" })
	assert.Error(t, err)
	assert.False(t, strings.Contains(err.Error(), "password"))
}

func TestDefaultCheckInIsAWeekAhead(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), defaults(t, "-quote-only"), &out))
	assert.Contains(t, out.String(), "quote only")
}
