package hotelsdk_test

import (
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Telling the SDK's errors apart after a call.
func Example_errors() {
	var err error = &hotelsdk.TransportError{Platform: "invoice", Operation: "order.add",
		Method: "POST", Path: "/open/order/add", Attempts: 1, MaybeSent: true, Err: errors.New("read: connection reset")}

	var ve *hotelsdk.ValidationError
	var te *hotelsdk.TransportError
	switch {
	case errors.As(err, &ve):
		fmt.Println("fix the request:", ve.Problems)
	case hotelsdk.OutcomeUnknown(err):
		fmt.Println("may have been received: look it up before sending again")
	case errors.As(err, &te):
		fmt.Println("not sent:", te.Err)
	}
	// Output: may have been received: look it up before sending again
}
