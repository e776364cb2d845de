// Package douyin is the SDK for Douyin Open Platform hotel orders (抖音开放平台
// POI 酒店订单), both directions:
//
//   - outbound, integrator -> Douyin: Client pushes order status
//     (UpdateOrderStatus) and orders (SyncOrder), getting its access token
//     from /oauth/client_token/ (ClientCredentialsSource, the default) or
//     from any TokenSource;
//   - SPI, Douyin -> integrator: NewSPIHandler serves the three endpoints
//     Douyin calls (commit, payment status, cancel), verifies x-life-sign
//     and calls the integrator's SPI implementation; SPIClient calls an
//     integrator's endpoints exactly as Douyin would, and SignSPI computes
//     x-life-sign.
//
// Package douyintest is an in-process fake of Douyin for tests.
//
// # Endpoints and types
//
// Spec names are those of the OrderApi page this package is built from
// (the 2020 generated client for https://open.douyin.com).
//
//	POST /poi/order/status  PoiOrderStatus, 订单状态同步 (integrator -> Douyin)
//	  operation                           Client.UpdateOrderStatus
//	  PoiOrderStatus opts                 UpdateOrderStatusRequest
//	  PoiOrderStatus (response)           UpdateOrderStatusResponse, UpdateOrderStatusData
//
//	POST /poi/order/sync  PoiOrderSync, 订单同步 (integrator -> Douyin)
//	  operation                           Client.SyncOrder
//	  InlineObject40                      SyncOrderRequest, ExtShopInfo, MiniApp, OrderType
//	  order_detail of type 140            HotelOrderDetail (SDK proposal; unpublished schema), MarshalOrderDetail, NewHotelSyncOrder
//	  PoiOrderSyncRsp                     SyncOrderResponse, SyncOrderData
//
//	POST /oauth/client_token/  client token (integrator -> Douyin)
//	  operation                           Client.FetchClientToken; ClientCredentialsSource uses it
//	  request, response                   ClientTokenRequest, ClientTokenResponse, ClientTokenData
//
//	POST /oauth/access_token/  user token (integrator -> Douyin)
//	  operation                           Client.ExchangeUserToken
//	  request, response                   UserTokenRequest, UserTokenResponse, UserTokenData
//
//	POST /poi/ext/hotel/order/commit  PoiExtHotelOrderCommit, 下单 (Douyin -> integrator, SPI)
//	  operation                           SPI.CommitOrder (served by NewSPIHandler), SPIClient.CommitOrder
//	  PoiExtHotelOrderCommit opts         CommitOrderRequest
//	  PoiExtHotelOrderCommitDatePrice     DatePrice
//	  PoiExtHotelOrderCommitCustomerList  Customer
//	  PoiExtHotelOrderCommitRsp           CommitOrderReply, CommitOrderReplyData
//
//	POST /poi/ext/hotel/order/status  PoiExtHotelOrderStatus, 支付状态通知 (Douyin -> integrator, SPI)
//	  operation                           SPI.NotifyPayment (served by NewSPIHandler), SPIClient.NotifyPayment
//	  PoiExtHotelOrderStatus opts         PaymentStatusRequest
//	  PoiExtHotelOrderStatusRsp           PaymentStatusReply, PaymentStatusReplyData
//
//	POST /poi/ext/hotel/order/cancel  PoiExtHotelOrderCancel, 取消订单 (Douyin -> integrator, SPI)
//	  operation                           SPI.CancelOrder (served by NewSPIHandler), SPIClient.CancelOrder
//	  PoiExtHotelOrderCancel opts         CancelOrderRequest
//	  PoiExtHotelOrderCancelRsp           CancelOrderReply, CancelOrderReplyData
//
//	every Douyin response                 Extra (extra: logid, now, error codes)
//	x-life-sign of SPI calls              SignSPI
//
// Money is Fen (int64 fen, 分); yyyyMMdd dates are Date; error codes are
// Code (a JSON number or string); status fields are ConfirmStatus,
// PayStatus and CancelStatus, whose zero values are always sent.
//
// # Access tokens
//
// /poi/order/* calls carry an access token, by default both as the header
// "access-token" and as the query parameter "access_token" (sources
// disagree on which Douyin reads; WithTokenPlacement picks one). With
// WithClientCredentials the client gets a client token from
// /oauth/client_token/, keeps it in a TokenStore (in-process by default;
// give a shared one with WithTokenStore so a fleet uses one token, since
// Douyin keeps only the latest two valid), replaces it before it expires,
// and lets one caller fetch while concurrent callers wait. When Douyin
// answers 2190002 (invalid) or 2190008 (expired) the token is dropped and
// the call repeated once with a new one. Tokens are never logged.
//
// # Errors
//
// A call returns a *ValidationError (before anything is sent), an
// *APIError (Douyin answered with a non-zero data.error_code,
// extra.error_code or extra.sub_error_code; it keeps both codes, both
// descriptions and the logid), a *DecodeError (the answer is not the
// documented JSON) or a *TransportError (no answer; MaybeSent tells
// whether Douyin may have acted). errors.Is(err, ErrTokenRejected) spots a
// rejected token.
//
// # Retries and idempotency
//
// UpdateOrderStatus and FetchClientToken are idempotent and retried on
// transport failures, 429/5xx answers and the transient codes 2100001 and
// 2100004. SyncOrder and ExchangeUserToken are not: once a request may have
// reached Douyin it is never sent again automatically.
package douyin
