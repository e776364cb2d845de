package douyin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jarcoal/httpmock"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Raw reaches an endpoint the SDK does not model, with the client's token,
// retries, envelope check, redacted logs and hooks.
func ExampleClient_Raw() {
	mt := fakeDouyin() // omit in production
	mt.RegisterResponder(http.MethodPost, douyin.DefaultBaseURL+"/goodlife/v1/fulfilment/certificate/query/",
		httpmock.NewStringResponder(200, `{"data":{"certificates":[{"certificate_id":"7000123","status":1}],"error_code":0,"description":""},`+
			`"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"202403011200000103","now":1709294400000}}`))
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithTransport(mt), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}

	var out struct {
		Certificates []struct {
			ID     string `json:"certificate_id"`
			Status int    `json:"status"`
		} `json:"certificates"`
	}
	res, err := c.Raw(context.Background(), &douyin.RawRequest{
		Operation:  "certificate.query", // names the call in logs, hooks and errors
		Path:       "/goodlife/v1/fulfilment/certificate/query/",
		Body:       map[string]any{"encrypted_code": "CODE-1"},
		Idempotent: true, // a query: safe to retry after it may have been sent
	}, &out)
	var apiErr *douyin.APIError
	switch {
	case errors.As(err, &apiErr):
		fmt.Println("Douyin refused:", apiErr.ErrorCode, apiErr.Description, "logid", apiErr.RequestID)
	case hotelsdk.OutcomeUnknown(err):
		fmt.Println("a non-idempotent call may have taken effect: check before sending it again")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println(out.Certificates[0].ID, out.Certificates[0].Status, "logid", res.RequestID)
	}

	_, err = c.Raw(context.Background(), &douyin.RawRequest{Operation: "oops", Path: "https://elsewhere.example/x"}, nil)
	fmt.Println(err)
	// Output:
	// 7000123 1 logid 202403011200000103
	// douyin: oops: invalid request: Path: must be relative to the client's base URL, not an absolute URL
}
