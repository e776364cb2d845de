package hotelsdktest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

func TestFaultValidate(t *testing.T) {
	t.Parallel()
	good := []hotelsdktest.Fault{
		{},
		{Kind: hotelsdktest.DropAfterRequest, Path: "/x", Times: 3},
		{Kind: hotelsdktest.Latency, Delay: 2 * time.Second},
		{Kind: hotelsdktest.ServerError, Status: 429, RetryAfter: 1},
		{Kind: hotelsdktest.ServerError, Times: -1},
		{Kind: hotelsdktest.DropBeforeRequest, Delay: time.Second}, // ignored
	}
	for _, f := range good {
		if err := f.Validate(); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
	bad := map[string]hotelsdktest.Fault{
		"unknown kind":   {Kind: hotelsdktest.NonJSON + 1},
		"negative kind":  {Kind: -1},
		"status 42":      {Kind: hotelsdktest.ServerError, Status: 42},
		"status 600":     {Kind: hotelsdktest.ServerError, Status: 600},
		"negative delay": {Kind: hotelsdktest.Latency, Delay: -time.Second},
		"negative retry": {Kind: hotelsdktest.ServerError, RetryAfter: -1},
	}
	for name, f := range bad {
		if err := f.Validate(); !errors.Is(err, hotelsdktest.ErrInvalidFault) {
			t.Errorf("%s: Validate = %v, want ErrInvalidFault", name, err)
		}
	}
}
