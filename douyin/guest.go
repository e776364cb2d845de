package douyin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// This file holds the field types of a guest's stay that Douyin's calls
// share in both directions (the SPI requests of douyin/spi and the order
// detail pushed by SyncOrder).

// PhoneNumber is a guest's phone number. The spec types customer_phone as
// int64 while other SDKs send a string, so it decodes from a JSON string or
// an integer and always encodes as a string.
//
// It is personal data: String, GoString, every fmt verb and slog print a
// mask ("***"), never the number. Call Value (or convert with string(p)) to
// read it deliberately.
type PhoneNumber string

// Value returns the phone number itself.
func (p PhoneNumber) Value() string { return string(p) }

// String returns a mask: "***" for a number, "" for none.
func (p PhoneNumber) String() string {
	if p == "" {
		return ""
	}
	return transport.Mask
}

// GoString returns the mask, so %#v does not print the number either.
func (p PhoneNumber) GoString() string { return fmt.Sprintf("douyin.PhoneNumber(%q)", p.String()) }

// Format prints the mask for every verb (%v, %s, %q, %d, %x, ...).
func (p PhoneNumber) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", p.String())
	case 'v':
		if f.Flag('#') {
			_, _ = f.Write([]byte(p.GoString()))
			return
		}
		_, _ = f.Write([]byte(p.String()))
	default:
		_, _ = f.Write([]byte(p.String()))
	}
}

// LogValue makes slog print the mask.
func (p PhoneNumber) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalJSON writes the number as a JSON string (the wire needs the value).
func (p PhoneNumber) MarshalJSON() ([]byte, error) { return json.Marshal(string(p)) }

// errPhoneNumber never quotes the offending value.
var errPhoneNumber = errors.New("douyin: customer_phone: want a JSON string or integer")

// UnmarshalJSON accepts "13800138000", 13800138000, "" and null.
func (p *PhoneNumber) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return errPhoneNumber
	case string(b) == "null":
		*p = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return errPhoneNumber
		}
		*p = PhoneNumber(s)
		return nil
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return errPhoneNumber // fractions, exponents, signs, objects
		}
	}
	*p = PhoneNumber(b)
	return nil
}

// DatePrice is the price of one night (the spec's
// PoiExtHotelOrderCommitDatePrice).
type DatePrice struct {
	// Date is the night (yyyyMMdd).
	Date Date `json:"date"`
	// Price is the night's price in fen (wire name date_price).
	Price Fen `json:"date_price"`
}

// Customer is one guest (the spec's PoiExtHotelOrderCommitCustomerList).
// Names are personal data: LogValue masks them.
type Customer struct {
	CnName    string `json:"cn_name"`    // 中文姓名
	GivenName string `json:"given_name"` // 名 (pinyin or foreign name)
	Surname   string `json:"surname"`    // 姓
}

// LogValue masks the names.
func (c Customer) LogValue() slog.Value { return slog.StringValue(transport.Mask) }

// isJSONNull reports whether b is the JSON literal null.
func isJSONNull(b json.RawMessage) bool { return string(bytes.TrimSpace(b)) == "null" }
