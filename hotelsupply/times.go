package hotelsupply

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// shopZone is China Standard Time (UTC+8, no daylight saving), the zone the
// shop writes its dates in. A fixed zone needs no tzdata on the host.
var shopZone = time.FixedZone("CST", 8*3600)

// ShopTimeZone returns the zone the shop's dates and unix times are read in:
// China Standard Time, UTC+8.
func ShopTimeZone() *time.Location { return shopZone }

// Wire layouts the shop uses for the same concept.
const (
	layoutDateTime = "2006-01-02 15:04:05"
	layoutISODate  = "2006-01-02"
	layoutDMY      = "02/01/2006"
)

// parseShopTime reads any date form seen on the platform: unix seconds
// (number or numeric string; milliseconds when the value is too large for
// seconds), "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd", "dd/mm/yyyy", "yyyy/mm/dd"
// and RFC 3339. Zone-less forms are read in ShopTimeZone.
func parseShopTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n == 0 {
			return time.Time{}, nil
		}
		if n > 1e11 || n < -1e11 { // milliseconds
			return time.UnixMilli(n).In(shopZone), nil
		}
		return time.Unix(n, 0).In(shopZone), nil
	}
	for _, layout := range []string{layoutDateTime, layoutISODate, layoutDMY, "2006/01/02", "2006/01/02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, shopZone); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if strings.HasPrefix(s, "0000-00-00") { // MySQL's zero date
		return time.Time{}, nil
	}
	return time.Time{}, errors.New("unrecognised date format")
}

func decodeTime(b []byte) (time.Time, error) {
	s, empty, err := scalarText(b)
	if err != nil {
		return time.Time{}, fmt.Errorf("time: %w", err)
	}
	if empty {
		return time.Time{}, nil
	}
	t, err := parseShopTime(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time: %w", err)
	}
	return t, nil
}

// UnixTime is an instant the shop writes as unix seconds (start_at,
// end_at). It also decodes every date form seen on the platform
// ("yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd", "dd/mm/yyyy", numeric strings);
// 0, "", null and false are the zero time. It marshals as unix seconds (0
// for the zero time).
type UnixTime struct{ time.Time }

// UnmarshalJSON accepts the forms listed on UnixTime.
func (t *UnixTime) UnmarshalJSON(b []byte) error {
	v, err := decodeTime(b)
	t.Time = v
	return err
}

// MarshalJSON writes unix seconds.
func (t UnixTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, t.Unix(), 10), nil
}

// DateTime is an instant the shop writes as "yyyy-mm-dd hh:mm:ss" in
// ShopTimeZone (created_at). It decodes the same forms as UnixTime and
// marshals back to "yyyy-mm-dd hh:mm:ss" (null for the zero time).
type DateTime struct{ time.Time }

// UnmarshalJSON accepts the forms listed on UnixTime.
func (t *DateTime) UnmarshalJSON(b []byte) error {
	v, err := decodeTime(b)
	t.Time = v
	return err
}

// MarshalJSON writes "yyyy-mm-dd hh:mm:ss" in ShopTimeZone.
func (t DateTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	var buf bytes.Buffer
	buf.WriteByte('"')
	buf.WriteString(t.In(shopZone).Format(layoutDateTime))
	buf.WriteByte('"')
	return buf.Bytes(), nil
}
