package hotelsdkotel_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	hotelsdkotel "github.com/hotelsdk/hotelsdk-go/contrib/otel"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// Trace a Douyin client: each call is a span, each HTTP attempt a span
// under it. The first call fetches an access token, which is a call of its
// own under the first one.
func ExampleInstrumentation_Hooks() {
	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	defer func() { _ = tp.Shutdown(context.Background()) }()

	inst, err := hotelsdkotel.New(hotelsdkotel.WithTracerProvider(tp)) // metrics: the global MeterProvider
	if err != nil {
		fmt.Println(err)
		return
	}
	sandbox := douyintest.NewServer()
	defer sandbox.Close()
	client, err := sandbox.NewClient(douyin.WithHooks(inst.Hooks()))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = client.UpdateOrderStatus(context.Background(), &douyin.UpdateOrderStatusRequest{
		OrderID: "7000000000001", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", Status: douyin.ConfirmStatusConfirmed,
	})
	fmt.Println("error:", err)
	for _, s := range exporter.GetSpans() { // in the order they ended
		fmt.Println(s.SpanKind, s.Name)
	}
	// Output:
	// error: <nil>
	// client douyin oauth.client_token attempt
	// internal douyin oauth.client_token
	// client douyin order.status attempt
	// internal douyin order.status
}

// Trace the SPI server: Middleware opens a SERVER span per request, and the
// handler's hooks name it after the operation.
func ExampleInstrumentation_Middleware() {
	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	inst, _ := hotelsdkotel.New(hotelsdkotel.WithTracerProvider(tp))

	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials(spiKey, spiSecret), spi.WithHooks(inst.Hooks()))
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/douyin/", inst.Middleware(handler))

	req, _ := douyintest.NewSPIRequest("/douyin"+spi.OpCommitOrder.Path(), spiKey, spiSecret, []byte(commitBody), time.Now())
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	for _, s := range exporter.GetSpans() {
		fmt.Println(s.SpanKind, s.Name, rec.Code)
	}
	// Output:
	// server douyin.spi spi.commit_order 200
}
