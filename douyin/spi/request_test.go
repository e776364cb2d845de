package spi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPhone = "13800138000"

func sampleCommit() *CommitOrderRequest {
	return &CommitOrderRequest{
		OrderID:       "DY1001",
		SPUExtID:      "ROOM-K",
		Status:        douyin.PayStatusPaid,
		ReserveAmount: 1,
		CustomerName:  "张三",
		CustomerPhone: testPhone,
		CustomerList:  []douyin.Customer{{CnName: "张三", GivenName: "San", Surname: "Zhang"}},
		CheckIn:       douyin.NewDate(2024, time.March, 1),
		CheckOut:      douyin.NewDate(2024, time.March, 3),
		TotalPrice:    88000,
		Remark:        "late arrival",
		DatePrice: []douyin.DatePrice{
			{Date: douyin.NewDate(2024, time.March, 1), Price: 44000},
			{Date: douyin.NewDate(2024, time.March, 2), Price: 44000},
		},
	}
}

const sampleCommitJSON = `{"order_id":"DY1001","spu_ext_id":"ROOM-K","status":1,"reserve_amount":1,` +
	`"customer_name":"张三","customer_phone":"13800138000",` +
	`"customer_list":[{"cn_name":"张三","given_name":"San","surname":"Zhang"}],` +
	`"check_in":"20240301","check_out":"20240303","total_price":88000,"remark":"late arrival",` +
	`"date_price":[{"date":"20240301","date_price":44000},{"date":"20240302","date_price":44000}]}`

func TestCommitOrderRequestWireForm(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(sampleCommit())
	require.NoError(t, err)
	assert.JSONEq(t, sampleCommitJSON, string(b))

	var back CommitOrderRequest
	require.NoError(t, json.Unmarshal([]byte(sampleCommitJSON), &back))
	assert.Equal(t, *sampleCommit(), back)
}

func TestCommitOrderRequestPhoneAsNumberAndZeroStatus(t *testing.T) {
	t.Parallel()
	in := strings.Replace(sampleCommitJSON, `"customer_phone":"13800138000"`, `"customer_phone":13800138000`, 1)
	in = strings.Replace(in, `"status":1`, `"status":0`, 1)
	var r CommitOrderRequest
	require.NoError(t, json.Unmarshal([]byte(in), &r))
	assert.Equal(t, testPhone, r.CustomerPhone.Value())
	assert.Equal(t, douyin.PayStatusUnpaid, r.Status)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"status":0`, "unpaid (0) is never dropped")
	assert.Contains(t, string(b), `"customer_phone":"13800138000"`)
}

func TestStatusAndCancelRequestWireForm(t *testing.T) {
	t.Parallel()
	st := NotifyPaymentRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H1", Status: douyin.PayStatusPaid}
	b, err := json.Marshal(st)
	require.NoError(t, err)
	assert.JSONEq(t, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H1","status":1}`, string(b))

	c := CancelOrderRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H1", OrderStatus: douyin.PayStatusUnpaid,
		DatePrice: []douyin.DatePrice{{Date: douyin.NewDate(2024, 3, 1), Price: 1}}}
	b, err = json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H1","order_status":0,`+
		`"date_price":[{"date":"20240301","date_price":1}]}`, string(b))
}

func TestRequestsLogNothingPersonal(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	req := sampleCommit()
	l.Info("commit", "req", *req, "ptr", req, "phone", req.CustomerPhone, "guest", req.CustomerList[0])
	l.Info("status", "req", NotifyPaymentRequest{OrderID: "DY1", OrderExtID: "H1"})
	l.Info("cancel", "req", CancelOrderRequest{OrderID: "DY1", OrderStatus: 1})
	out := buf.String()
	for _, secret := range []string{testPhone, "张三", "Zhang", "San", "late arrival"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"order_id":"DY1001"`)
	assert.Contains(t, out, `"total_price":"880.00"`)
	assert.Contains(t, out, `"check_in":"20240301"`)
	assert.Contains(t, out, `"order_ext_id":"H1"`)
	assert.Contains(t, out, `"order_status":1`)
}

func TestCommitOrderRequestValidate(t *testing.T) {
	t.Parallel()
	require.NoError(t, sampleCommit().Validate())

	var nilReq *CommitOrderRequest
	require.ErrorIs(t, nilReq.Validate(), hotelsdk.ErrInvalidRequest)

	bad := &CommitOrderRequest{
		Status: 7, ReserveAmount: 0, TotalPrice: -1, CustomerPhone: testPhone, CustomerName: "张三",
		DatePrice: []douyin.DatePrice{{Price: -5}},
	}
	err := bad.Validate()
	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, err, &ve)
	fields := map[string]bool{}
	for _, p := range ve.Problems {
		fields[p.Field] = true
	}
	for _, f := range []string{"order_id", "spu_ext_id", "status", "reserve_amount", "check_in", "check_out",
		"total_price", "date_price[0].date", "date_price[0].date_price"} {
		assert.True(t, fields[f], "missing problem for %s in %v", f, ve.Problems)
	}
	assert.NotContains(t, err.Error(), testPhone)
	assert.NotContains(t, err.Error(), "张三")
	assert.Equal(t, string(OpCommitOrder), ve.Operation)

	order := sampleCommit()
	order.CheckOut = order.CheckIn
	err = order.Validate()
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Problems, 1)
	assert.Equal(t, hotelsdk.FieldError{Field: "check_out", Message: "must be after check_in"}, ve.Problems[0])
}

func TestPaymentAndCancelValidate(t *testing.T) {
	t.Parallel()
	require.NoError(t, (&NotifyPaymentRequest{OrderID: "DY1", Status: douyin.PayStatusPaid}).Validate())
	require.NoError(t, (&CancelOrderRequest{OrderID: "DY1"}).Validate())

	var np *NotifyPaymentRequest
	var nc *CancelOrderRequest
	assert.ErrorIs(t, np.Validate(), hotelsdk.ErrInvalidRequest)
	assert.ErrorIs(t, nc.Validate(), hotelsdk.ErrInvalidRequest)

	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, (&NotifyPaymentRequest{Status: 2, DatePrice: []douyin.DatePrice{{}}}).Validate(), &ve)
	assert.Equal(t, []hotelsdk.FieldError{
		{Field: "order_id", Message: "is required"},
		{Field: "status", Message: "must be 0 (unpaid) or 1 (paid), got 2"},
		{Field: "date_price[0].date", Message: "is required (yyyyMMdd)"},
	}, ve.Problems)
	require.ErrorAs(t, (&CancelOrderRequest{OrderStatus: -1}).Validate(), &ve)
	assert.Equal(t, []hotelsdk.FieldError{
		{Field: "order_id", Message: "is required"},
		{Field: "order_status", Message: "must be 0 (unpaid) or 1 (paid), got -1"},
	}, ve.Problems)
}

func TestSPIOperationPath(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "/poi/ext/hotel/order/commit", OpCommitOrder.Path())
	assert.Equal(t, "/poi/ext/hotel/order/status", OpNotifyPayment.Path())
	assert.Equal(t, "/poi/ext/hotel/order/cancel", OpCancelOrder.Path())
	assert.Equal(t, "", Operation("other").Path())
}

func TestRequestsNeverPrintThePhone(t *testing.T) {
	t.Parallel()
	req := sampleCommit()
	s := fmt.Sprintf("%v %+v %#v", *req, *req, *req)
	assert.NotContains(t, s, testPhone)
}
