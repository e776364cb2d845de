package hotelsupply_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

func TestDateIsACalendarDay(t *testing.T) {
	t.Parallel()
	d := hotelsupply.NewDate(2020, 3, 19)
	assert.Equal(t, "2020-03-19", d.String())
	assert.False(t, d.IsZero())
	assert.True(t, hotelsupply.Date{}.IsZero())
	assert.Empty(t, hotelsupply.Date{}.String())
	assert.Equal(t, hotelsupply.NewDate(2020, 4, 1), hotelsupply.NewDate(2020, 3, 32), "normalised as time.Date does")
	assert.Equal(t, hotelsupply.NewDate(2024, 3, 1), hotelsupply.NewDate(2024, 2, 28).AddDays(2), "a leap year")
	assert.Equal(t, hotelsupply.NewDate(2020, 12, 31), hotelsupply.NewDate(2021, 1, 1).AddDays(-1))
	assert.True(t, d.Before(d.AddDays(1)))
	assert.True(t, d.AddDays(1).After(d))
	assert.False(t, d.Before(d))

	// DateOf takes the day in the time's own location.
	late := time.Date(2020, 12, 31, 23, 0, 0, 0, time.UTC)
	assert.Equal(t, hotelsupply.NewDate(2020, 12, 31), hotelsupply.DateOf(late))
	assert.Equal(t, hotelsupply.NewDate(2021, 1, 1), hotelsupply.DateOf(late.In(hotelsupply.ShopTimeZone())))

	// Time is midnight in the shop's zone: the instant of start_at.
	assert.Equal(t, int64(1584547200), d.Time().Unix())
	assert.Equal(t, hotelsupply.ShopTimeZone(), d.Time().Location())
}
