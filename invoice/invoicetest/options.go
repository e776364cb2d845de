package invoicetest

import (
	"net"
	"time"

	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// Defaults of a sandbox started without options. DefaultAppID,
// DefaultAppSecret and DefaultUserNo are the sandbox's test credentials:
// public, for tests only, never valid on the real platform.
const (
	DefaultAppID     = "sandbox-app"
	DefaultAppSecret = "sandbox-secret"
	// DefaultUserNo is the identity Server.NewClient uses.
	DefaultUserNo = "sandbox-user"
	// DefaultStoreID and DefaultStoreNo name the store every sandbox has
	// unless WithStores replaces it (the store of the documentation's
	// example).
	DefaultStoreID = 100021
	DefaultStoreNo = "STORE-001"
	// DefaultTimestampTolerance is how far a request's timestamp may be from
	// the sandbox's clock.
	DefaultTimestampTolerance = 5 * time.Minute
)

// Store is a store the sandbox knows, by the platform's id and the caller's
// number.
type Store struct {
	ID int64
	No string
}

// Product is goods maintained in the merchant console, which order/get
// reports on each detail line.
type Product struct {
	Identifier   string
	Name         string
	TaxTypeNo    string
	TaxRate      string // percent, e.g. "3"
	Abbreviation string
	Unit         string
	ItemSpec     string
}

// LodgingProduct returns the lodging fee as the documentation's example
// reports it: 住宿费, tax class 3070402000000000000, 3%, 住宿服务.
func LodgingProduct() Product {
	return Product{
		Identifier: invoice.IdentifierLodging, Name: "住宿费", TaxTypeNo: "3070402000000000000",
		TaxRate: "3", Abbreviation: "住宿服务",
	}
}

// Option configures a Server.
type Option func(*config)

type config struct {
	appID, appSecret string
	stores           []Store
	products         map[string]Product
	signedParams     invoice.SignedParams
	tolerance        time.Duration
	now              func() time.Time
	listener         net.Listener
}

// WithApp sets the appId and app secret the sandbox accepts.
func WithApp(appID, appSecret string) Option {
	return func(c *config) { c.appID, c.appSecret = appID, appSecret }
}

// WithStores replaces the known stores (default: one store with
// DefaultStoreID and DefaultStoreNo).
func WithStores(stores ...Store) Option {
	return func(c *config) { c.stores = append([]Store(nil), stores...) }
}

// WithProducts adds goods to the catalogue (default: LodgingProduct()). Items
// with an identifier not in the catalogue are accepted and reported without
// name and tax fields.
func WithProducts(products ...Product) Option {
	return func(c *config) {
		for _, p := range products {
			c.products[p.Identifier] = p
		}
	}
}

// WithSignedParams sets which authentication parameters the sandbox expects
// to be signed (default invoice.SignAllAuthParams, like the client).
func WithSignedParams(p invoice.SignedParams) Option {
	return func(c *config) { c.signedParams = p }
}

// WithTimestampTolerance sets how far a request's timestamp may be from the
// sandbox's clock (default DefaultTimestampTolerance).
func WithTimestampTolerance(d time.Duration) Option {
	return func(c *config) { c.tolerance = d }
}

// WithClock replaces the sandbox's clock, which checks timestamps and
// stamps orderTime.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithListener serves the sandbox on l (e.g. a fixed address for a CLI)
// instead of a free port of 127.0.0.1; the Server closes l when it is
// closed. A nil l keeps the default.
func WithListener(l net.Listener) Option {
	return func(c *config) {
		if l != nil {
			c.listener = l
		}
	}
}
