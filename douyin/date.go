package douyin

import (
	"encoding/json"
	"fmt"
	"time"
)

// dateLayout is Douyin's wire form of a calendar date: yyyyMMdd.
const dateLayout = "20060102"

// Date is a calendar day sent as "yyyyMMdd" (e.g. "20240301"). The zero
// value is "no date" and marshals as "".
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date y-m-d. Out-of-range values are normalised the way
// time.Date normalises them; use ParseDate to reject invalid input.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// ParseDate parses "yyyyMMdd" and rejects anything else, including
// impossible days such as "20230230".
func ParseDate(s string) (Date, error) {
	if len(s) != len(dateLayout) {
		return Date{}, fmt.Errorf("douyin: invalid date %q: want yyyyMMdd", s)
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("douyin: invalid date %q: want yyyyMMdd", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.Time().After(o.Time()) }

// DaysUntil returns the number of nights from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int { return int(o.Time().Sub(d.Time()).Hours() / 24) }

// String returns the wire form "yyyyMMdd", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(dateLayout)
}

// MarshalJSON writes the date as a "yyyyMMdd" JSON string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a "yyyyMMdd" string (or a JSON number of that form);
// "" and null leave the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" || string(b) == `""` {
		*d = Date{}
		return nil
	}
	var s string
	switch {
	case len(b) == len(dateLayout)+2 && b[0] == '"' && b[len(b)-1] == '"' && allDigits(b[1:len(b)-1]):
		// The common case, "yyyyMMdd", read without a JSON decoder or
		// time.Parse (an SPI commit carries several dates).
		if v, ok := digitsDate(b[1 : len(b)-1]); ok {
			*d = v
			return nil
		}
		s = string(b[1 : len(b)-1]) // an impossible day: ParseDate's error
	case len(b) >= 2 && b[0] == '"':
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	default:
		s = string(b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// allDigits reports whether b holds only ASCII digits.
func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// digitsDate reads the eight digits of "yyyyMMdd" as ParseDate would,
// reporting false for an impossible month or day.
func digitsDate(b []byte) (Date, bool) {
	n := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, day := n(b[:4]), time.Month(n(b[4:6])), n(b[6:8])
	if m < time.January || m > time.December || day < 1 {
		return Date{}, false
	}
	// time.Date normalises an impossible day (Feb 30 → Mar 2): compare.
	if t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC); t.Month() != m || t.Day() != day {
		return Date{}, false
	}
	return Date{y, m, day}, true
}
