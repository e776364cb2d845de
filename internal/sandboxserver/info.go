package sandboxserver

import (
	"fmt"
	"net"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// Info describes the sandboxes: where they are and the test credentials
// they accept. Only started platforms are set.
type Info struct {
	Douyin      *DouyinInfo      `json:"douyin,omitempty"`
	HotelSupply *HotelSupplyInfo `json:"hotelsupply,omitempty"`
	Invoice     *InvoiceInfo     `json:"invoice,omitempty"`
}

// DouyinInfo describes the Douyin Open Platform sandbox.
type DouyinInfo struct {
	// URL is the base URL (douyin.WithBaseURL).
	URL      string `json:"url"`
	AdminURL string `json:"admin_url"`
	// ClientKey and ClientSecret are the sandbox application's test
	// credentials: tokens are issued for them, SPI calls signed with them.
	ClientKey    string `json:"client_key"`
	ClientSecret string `json:"client_secret"`
}

// HotelSupplyInfo describes the yunshop hotel-supply sandbox.
type HotelSupplyInfo struct {
	// URL is the shop's API entry point, .../addons/yun_shop/api.php
	// (hotelsupply.WithBaseURL).
	URL        string `json:"url"`
	AdminURL   string `json:"admin_url"`
	Uniacid    int64  `json:"uniacid"`
	Mobile     string `json:"mobile"`
	Password   string `json:"password"`
	HotelID    int64  `json:"hotel_id"`
	RoomTypeID int64  `json:"room_type_id"`
}

// InvoiceInfo describes the invoice (开票助手) sandbox.
type InvoiceInfo struct {
	// URL is the base URL (invoice.WithBaseURL).
	URL       string `json:"url"`
	AdminURL  string `json:"admin_url"`
	AppID     string `json:"app_id"`
	AppSecret string `json:"app_secret"`
	UserNo    string `json:"user_no"`
	StoreID   int64  `json:"store_id"`
	StoreNo   string `json:"store_no"`
}

// describePlatform fills p's part of info for a sandbox at base.
func describePlatform(info *Info, p Platform, base string) {
	admin := base + AdminPrefix
	switch p {
	case Douyin:
		info.Douyin = &DouyinInfo{URL: base, AdminURL: admin,
			ClientKey: douyintest.DefaultClientKey, ClientSecret: douyintest.DefaultClientSecret}
	case HotelSupply:
		info.HotelSupply = &HotelSupplyInfo{URL: base + hotelsupplytest.APIPath, AdminURL: admin,
			Uniacid: hotelsupplytest.DefaultUniacid, Mobile: hotelsupplytest.DefaultMobile,
			Password: hotelsupplytest.DefaultPassword, HotelID: hotelsupplytest.DefaultHotelID,
			RoomTypeID: hotelsupplytest.DefaultRoomTypeID}
	case Invoice:
		info.Invoice = &InvoiceInfo{URL: base, AdminURL: admin, AppID: invoicetest.DefaultAppID,
			AppSecret: invoicetest.DefaultAppSecret, UserNo: invoicetest.DefaultUserNo,
			StoreID: invoicetest.DefaultStoreID, StoreNo: invoicetest.DefaultStoreNo}
	}
}

func (s *Sandboxes) describe() Info {
	var info Info
	for p, r := range s.running {
		describePlatform(&info, p, baseURL(r.ln))
	}
	return info
}

// Describe returns the Info of sandboxes listening on addrs, without
// starting them (for printing the environment of a running "hotelsdk
// sandbox"). Every address needs a fixed port.
func Describe(addrs map[Platform]string) (Info, error) {
	var info Info
	for _, p := range Platforms {
		addr, ok := addrs[p]
		if !ok {
			continue
		}
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return Info{}, fmt.Errorf("%s address %q: %v", p, addr, err)
		}
		if port == "0" || port == "" {
			return Info{}, fmt.Errorf("%s address %q: a fixed port is needed", p, addr)
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		describePlatform(&info, p, "http://"+net.JoinHostPort(host, port))
	}
	return info, nil
}

// EnvVar is one environment variable.
type EnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Env returns the environment that points the quickstart example
// (DOUYIN_*, HOTELSUPPLY_*, INVOICE_*) and the hotelsdk command
// (HOTELSDK_*) at the sandboxes.
func (info Info) Env() []EnvVar {
	var env []EnvVar
	add := func(name string, v any) { env = append(env, EnvVar{name, fmt.Sprint(v)}) }
	if d := info.Douyin; d != nil {
		add("DOUYIN_BASE_URL", d.URL)
		add("DOUYIN_CLIENT_KEY", d.ClientKey)
		add("DOUYIN_CLIENT_SECRET", d.ClientSecret)
		add("HOTELSDK_DOUYIN_BASE_URL", d.URL)
		add("HOTELSDK_DOUYIN_CLIENT_KEY", d.ClientKey)
		add("HOTELSDK_DOUYIN_CLIENT_SECRET", d.ClientSecret)
	}
	if h := info.HotelSupply; h != nil {
		add("HOTELSUPPLY_BASE_URL", h.URL)
		add("HOTELSUPPLY_UNIACID", h.Uniacid)
		add("HOTELSUPPLY_MOBILE", h.Mobile)
		add("HOTELSUPPLY_PASSWORD", h.Password)
	}
	if i := info.Invoice; i != nil {
		add("INVOICE_BASE_URL", i.URL)
		add("INVOICE_APP_ID", i.AppID)
		add("INVOICE_APP_SECRET", i.AppSecret)
		add("INVOICE_USER_NO", i.UserNo)
		add("INVOICE_STORE_ID", i.StoreID)
		add("HOTELSDK_INVOICE_APP_ID", i.AppID)
		add("HOTELSDK_INVOICE_APP_SECRET", i.AppSecret)
	}
	return env
}

// ShellExports returns Env as POSIX shell export lines.
func (info Info) ShellExports() string {
	var b strings.Builder
	for _, e := range info.Env() {
		fmt.Fprintf(&b, "export %s='%s'\n", e.Name, strings.ReplaceAll(e.Value, "'", `'\''`))
	}
	return b.String()
}
