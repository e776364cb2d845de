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
// (the 2020 generated client for https://open.douyin.com); "opts" is the
// spec's request of an operation, "data" and "extra" the parts of its
// response.
//
//	POST /poi/order/status  PoiOrderStatus, 订单状态同步 (integrator -> Douyin)
//	  operation                           Client.UpdateOrderStatus
//	  PoiOrderStatus opts                 UpdateOrderStatusRequest (status: ConfirmStatus)
//	  PoiOrderStatus (response)           UpdateOrderStatusResponse
//	    data, extra                       UpdateOrderStatusData, Extra
//
//	POST /poi/order/sync  PoiOrderSync, 订单同步 (integrator -> Douyin)
//	  operation                           Client.SyncOrder
//	  InlineObject40                      SyncOrderRequest (order_type: OrderType)
//	    ext_shop_info, mini_app           ExtShopInfo, MiniApp
//	    order_detail (a JSON string)      MarshalOrderDetail, SyncOrderRequest.SetOrderDetail
//	    order_detail of type 140          HotelOrderDetail (SDK proposal; unpublished schema),
//	                                      NewHotelSyncOrder, ParseHotelOrderDetail
//	  PoiOrderSyncRsp                     SyncOrderResponse
//	    data, extra                       SyncOrderData, Extra
//
//	POST /oauth/client_token/  client token (integrator -> Douyin)
//	  operation                           Client.FetchClientToken; ClientCredentialsSource uses it
//	  request, response, data             ClientTokenRequest, ClientTokenResponse, ClientTokenData
//
//	POST /oauth/access_token/  user token (integrator -> Douyin)
//	  operation                           Client.ExchangeUserToken
//	  request, response, data             UserTokenRequest, UserTokenResponse, UserTokenData
//
//	POST /poi/ext/hotel/order/commit  PoiExtHotelOrderCommit, 下单 (Douyin -> integrator, SPI)
//	  served by                           SPIHandler (NewSPIHandler) calling SPI.CommitOrder
//	  called by                           SPIClient.CommitOrder
//	  PoiExtHotelOrderCommit opts         CommitOrderRequest (status: PayStatus)
//	  PoiExtHotelOrderCommitDatePrice     DatePrice
//	  PoiExtHotelOrderCommitCustomerList  Customer
//	  integrator's answer                 CommitOrderResult, or an *SPIError
//	  PoiExtHotelOrderCommitRsp           CommitOrderReply
//	    data, extra                       CommitOrderReplyData, Extra
//
//	POST /poi/ext/hotel/order/status  PoiExtHotelOrderStatus, 支付状态通知 (Douyin -> integrator, SPI)
//	  served by                           SPIHandler (NewSPIHandler) calling SPI.NotifyPayment
//	  called by                           SPIClient.NotifyPayment
//	  PoiExtHotelOrderStatus opts         PaymentStatusRequest (status: PayStatus)
//	  integrator's answer                 PaymentStatusResult, or an *SPIError
//	  PoiExtHotelOrderStatusRsp           PaymentStatusReply
//	    data, extra                       PaymentStatusReplyData (status: ConfirmStatus), Extra
//
//	POST /poi/ext/hotel/order/cancel  PoiExtHotelOrderCancel, 取消订单 (Douyin -> integrator, SPI)
//	  served by                           SPIHandler (NewSPIHandler) calling SPI.CancelOrder
//	  called by                           SPIClient.CancelOrder
//	  PoiExtHotelOrderCancel opts         CancelOrderRequest (order_status: PayStatus)
//	  integrator's answer                 CancelOrderResult, or an *SPIError
//	  PoiExtHotelOrderCancelRsp           CancelOrderReply
//	    data, extra                       CancelOrderReplyData (status: CancelStatus), Extra
//
//	x-life-sign of SPI calls              SignSPI, VerifySPISign; for tests SignSPIRequest,
//	                                      NewSignedSPIRequest
//
// Money is Fen (int64 fen, 分; String prints yuan); yyyyMMdd dates are
// Date; error codes are Code (a JSON number or string); customer_phone is
// PhoneNumber (a JSON string or number; never printed); status fields are
// ConfirmStatus, PayStatus and CancelStatus, whose zero values are always
// sent.
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
// A Client or SPIClient call returns a *ValidationError (before anything
// is sent; errors.Is(err, ErrInvalidRequest)), an *APIError (the answer
// has a non-zero data.error_code, extra.error_code or extra.sub_error_code;
// it keeps both codes, both descriptions and the logid), a *DecodeError
// (the answer is not the documented JSON) or a *TransportError (no answer;
// MaybeSent tells whether the other side may have acted).
// errors.Is(err, ErrTokenRejected) spots a rejected access token. An SPI
// implementation returns an *SPIError to answer a business failure; any
// other error, and a panic, is answered as CodeUnknownError with HTTP 500.
//
// # Retries and idempotency
//
// UpdateOrderStatus and FetchClientToken are idempotent and retried on
// transport failures, 429/5xx answers and the transient codes 2100001 and
// 2100004. SyncOrder and ExchangeUserToken are not: once a request may have
// reached Douyin it is never sent again automatically. The one repeat they
// get is after Douyin refused the call for its token (2190002, 2190008),
// which it does without acting on the call. SPIClient repeats
// NotifyPayment and CancelOrder as Douyin does, never CommitOrder.
package douyin
