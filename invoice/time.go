package invoice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// chinaTime is the zone (UTC+8) in which the platform's date and datetime
// strings are read: they carry no offset.
var chinaTime = time.FixedZone("CST", 8*60*60)

// ChinaTime returns the zone (UTC+8) in which the platform's date and
// datetime strings are read and written.
func ChinaTime() *time.Location { return chinaTime }

// TimeForm says how a Time was written on the wire; a Time is written back
// the way it was read.
type TimeForm int

const (
	// TimeDateTime is "2006-01-02 15:04:05" (the default for a new Time).
	TimeDateTime TimeForm = iota
	// TimeDate is a date without a time, "2006-01-02".
	TimeDate
	// TimeEpochMillis is a JSON number of milliseconds since the Unix epoch.
	TimeEpochMillis
	// TimeRFC3339 is an RFC 3339 string with an offset or Z.
	TimeRFC3339
	// TimeISOLocal is "2006-01-02T15:04:05" without an offset.
	TimeISOLocal
	// TimeCompactDate is a date written as eight digits, "20060102"
	// (yyyyMMdd), read from a string or a JSON number and written as a
	// string.
	TimeCompactDate
)

// Time is a point in time or a date as order/get reports it (orderTime,
// beginDate, endDate). Their format is not documented, so it is read from a
// date string ("2024-03-01", or "20240301" as yyyyMMdd), a datetime string
// ("2024-03-01 14:00:00", "2024-03-01T14:00:00", RFC 3339) or epoch
// milliseconds (a number or a numeric string of 12 or 13 digits), and
// written back in the same form (epoch milliseconds always as a number).
// Strings without an offset are read in ChinaTime(). The zero Time is unset
// (null, "" or absent).
//
// A numeric value is never guessed at: eight digits are yyyyMMdd (and must
// be a valid date), 12 or 13 digits are epoch milliseconds, anything else
// (epoch seconds, a negative number, a fraction) is an error. When an
// order/get answer holds a value that cannot be read, the order keeps it as
// Raw text and says so in OrderRecord.Errors instead of failing the batch.
type Time struct {
	t    time.Time
	form TimeForm
	set  bool
	raw  []byte // the JSON of a value that could not be read (then set is false)
}

// NewTime returns t, written as a datetime string.
func NewTime(t time.Time) Time { return Time{t: t.In(chinaTime), form: TimeDateTime, set: true} }

// NewDate returns the date y-m-d, written as "yyyy-mm-dd".
func NewDate(y int, m time.Month, d int) Time {
	return Time{t: time.Date(y, m, d, 0, 0, 0, 0, chinaTime), form: TimeDate, set: true}
}

// Time returns the instant (the zero time.Time when unset).
func (t Time) Time() time.Time { return t.t }

// Form returns the wire form t was read in or will be written in.
func (t Time) Form() TimeForm { return t.form }

// IsSet reports whether t holds a value.
func (t Time) IsSet() bool { return t.set }

// IsZero reports whether t is unset and holds no unreadable Raw value, for
// `omitzero`.
func (t Time) IsZero() bool { return !t.set && t.raw == nil }

// Raw returns the wire text of a value that could not be read (without the
// quotes of a JSON string), kept by OrderRecord decoding with an entry in
// OrderRecord.Errors; "" for any other Time. Such a Time is not set, and is
// written back as it came.
func (t Time) Raw() string {
	if t.raw == nil {
		return ""
	}
	var s string
	if json.Unmarshal(t.raw, &s) == nil {
		return s
	}
	return string(t.raw)
}

// String returns the wire text (without quotes), or "" when unset.
func (t Time) String() string {
	if !t.set {
		return ""
	}
	switch t.form {
	case TimeDate:
		return t.t.In(chinaTime).Format(time.DateOnly)
	case TimeCompactDate:
		return t.t.In(chinaTime).Format("20060102")
	case TimeEpochMillis:
		return strconv.FormatInt(t.t.UnixMilli(), 10)
	case TimeRFC3339:
		return t.t.Format(time.RFC3339Nano)
	case TimeISOLocal:
		return t.t.In(chinaTime).Format("2006-01-02T15:04:05.999999999")
	}
	return t.t.In(chinaTime).Format("2006-01-02 15:04:05.999999999")
}

// MarshalJSON writes t in its form: a string, or a number for epoch
// milliseconds; null when unset.
func (t Time) MarshalJSON() ([]byte, error) {
	if !t.set {
		if t.raw != nil {
			return append([]byte(nil), t.raw...), nil
		}
		return []byte("null"), nil
	}
	if t.form == TimeEpochMillis {
		return []byte(t.String()), nil
	}
	return json.Marshal(t.String())
}

// UnmarshalJSON reads any of the accepted forms.
func (t *Time) UnmarshalJSON(data []byte) error {
	b := bytes.TrimSpace(data)
	if string(b) == "null" {
		*t = Time{}
		return nil
	}
	if len(b) > 0 && b[0] != '"' {
		if !isDigits(string(b)) {
			if len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')) {
				return fmt.Errorf("invoice: time: epoch milliseconds must be a positive integer")
			}
			return fmt.Errorf("invoice: time: want a string or epoch milliseconds")
		}
		v, err := parseDigits(string(b))
		if err != nil {
			return err
		}
		*t = v
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("invoice: time: %w", err)
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTime reads the textual forms Time accepts; "" is the unset Time.
func ParseTime(s string) (Time, error) {
	if s == "" {
		return Time{}, nil
	}
	if isDigits(s) {
		return parseDigits(s)
	}
	layouts := []struct {
		layout string
		form   TimeForm
	}{
		{time.DateOnly, TimeDate},
		{time.DateTime, TimeDateTime},
		{"2006-01-02T15:04:05.999999999", TimeISOLocal},
	}
	for _, l := range layouts {
		if v, err := time.ParseInLocation(l.layout, s, chinaTime); err == nil {
			return Time{t: v, form: l.form, set: true}, nil
		}
	}
	if v, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return Time{t: v, form: TimeRFC3339, set: true}, nil
	}
	return Time{}, fmt.Errorf("invoice: time: %q is not a date, a datetime or epoch milliseconds", s)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDigits reads an all-digit value without guessing: eight digits are
// a yyyyMMdd date, 12 or 13 digits (no leading zero) epoch milliseconds
// (March 1973 to November 2286); any other length is an error.
func parseDigits(s string) (Time, error) {
	switch {
	case len(s) == 8:
		v, err := time.ParseInLocation("20060102", s, chinaTime)
		if err != nil {
			return Time{}, fmt.Errorf("invoice: time: %q is not a valid yyyyMMdd date", s)
		}
		return Time{t: v, form: TimeCompactDate, set: true}, nil
	case (len(s) == 12 || len(s) == 13) && s[0] != '0':
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return Time{}, fmt.Errorf("invoice: time: %q: %w", s, err)
		}
		return Time{t: time.UnixMilli(ms).In(chinaTime), form: TimeEpochMillis, set: true}, nil
	}
	return Time{}, fmt.Errorf("invoice: time: %q is neither a yyyyMMdd date (8 digits) nor epoch milliseconds (12 or 13 digits)", s)
}
