// Package spi serves Douyin's hotel-order SPI: the three calls Douyin makes
// to an integrator (该接口由接入方实现) — commit an order (下单), notify a
// payment (支付状态通知) and cancel an order (取消订单).
//
// Implement Service and mount the Handler that NewHandler returns under any
// prefix; it checks every call's client key, timestamp and x-life-sign,
// decodes and validates the request, calls your Service and writes the
// reply. ParseRequest does the checks and the decoding alone, for a router
// or framework that wants to answer by itself.
//
// # Endpoints and types
//
//	POST /poi/ext/hotel/order/commit  PoiExtHotelOrderCommit, 下单
//	  operation, callback                 OpCommitOrder, Service.CommitOrder
//	  PoiExtHotelOrderCommit opts         CommitOrderRequest (status: douyin.PayStatus)
//	  PoiExtHotelOrderCommitDatePrice     douyin.DatePrice
//	  PoiExtHotelOrderCommitCustomerList  douyin.Customer
//	  PoiExtHotelOrderCommitRsp data      CommitOrderResult, or an *Error
//
//	POST /poi/ext/hotel/order/status  PoiExtHotelOrderStatus, 支付状态通知
//	  operation, callback                 OpNotifyPayment, Service.NotifyPayment
//	  PoiExtHotelOrderStatus opts         NotifyPaymentRequest (status: douyin.PayStatus)
//	  PoiExtHotelOrderStatusRsp data      NotifyPaymentResult (status: douyin.ConfirmStatus), or an *Error
//
//	POST /poi/ext/hotel/order/cancel  PoiExtHotelOrderCancel, 取消订单
//	  operation, callback                 OpCancelOrder, Service.CancelOrder
//	  PoiExtHotelOrderCancel opts         CancelOrderRequest (order_status: douyin.PayStatus)
//	  PoiExtHotelOrderCancelRsp data      CancelOrderResult (status: douyin.ConfirmStatus, as the spec reuses the status reply), or an *Error
//
// Field types shared with the outbound client (douyin.Fen, douyin.Date,
// douyin.PhoneNumber, douyin.Code, douyin.Extra, …) live in package douyin.
//
// # Replies
//
// By default a reply has the spec's wrapped form
// {"data":{…,"error_code":0,"description":""},"extra":{…,"logid":"…","now":…}};
// WithFlatReplies writes the data object alone, the form three other SDKs
// use. The sandbox douyin/douyintest reads both (its SPIClient calls a
// server exactly as Douyin does) and builds signed requests for tests
// (douyintest.NewSPIRequest, douyintest.SignSPIRequest).
//
// # Signature
//
// Douyin signs each call (developer.open-douyin.com, "SPI签名机制说明"):
// the query carries client_key and timestamp (milliseconds), the headers
// x-life-clientkey and x-life-sign, where
//
//	x-life-sign = hex(sha256(client_secret + "&" + sorted "k=v" of the query without sign, joined by "&" + "&http_body=" + raw body))
//
// The handler compares in constant time and rejects a timestamp outside
// its window. Each failed check has its sentinel error (ErrNotSigned,
// ErrWrongClientKey, ErrInvalidSignature, ErrTooOld, ErrTimestampInFuture),
// reachable with errors.Is from the *Error that ParseRequest returns.
package spi
