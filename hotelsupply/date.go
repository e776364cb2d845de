package hotelsupply

import "time"

// Date is a calendar day: a year, month and day, with no time of day and no
// zone. The zero value is "no date". The shop takes the nights of a stay as
// calendar days (date_price), written dd/mm/yyyy or yyyy-mm-dd (see
// DateFormat).
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date y-m-d. Out-of-range values are normalised the way
// time.Date normalises them (March 32 is April 1).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar day of t in t's own location; convert t to
// ShopTimeZone first for the shop's day.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight of d in ShopTimeZone: the instant the shop writes
// as start_at and end_at for that day.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, shopZone) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.utc().Before(o.utc()) }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.utc().After(o.utc()) }

// String returns "yyyy-mm-dd", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.format(DateISO)
}

// utc is midnight UTC of d, for arithmetic that no zone offset can shift.
func (d Date) utc() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// format writes d in the wire form f.
func (d Date) format(f DateFormat) string { return d.utc().Format(f.layout()) }

// DateFormat selects how dates are written inside the date_price parameter.
type DateFormat int

const (
	// DateDMY writes "19/03/2020", as the wiki's example does (the default).
	DateDMY DateFormat = iota
	// DateISO writes "2020-03-19", as the shop's official H5 front end does.
	DateISO
)

func (f DateFormat) layout() string {
	if f == DateISO {
		return layoutISODate
	}
	return layoutDMY
}
