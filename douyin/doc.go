// Package douyin is the SDK for Douyin Open Platform hotel orders (抖音开放平台
// POI 酒店订单), both directions:
//
//   - outbound, integrator -> Douyin: Client pushes order status
//     (UpdateOrderStatus) and orders (SyncOrder), getting its access token
//     from /oauth/client_token/ (the default, cached by ReuseTokenSource) or
//     from any TokenSource;
//   - SPI, Douyin -> integrator: package douyin/spi serves the three
//     endpoints Douyin calls (commit, payment notification, cancel),
//     verifies x-life-sign and calls the integrator's spi.Service. The
//     field types those calls share with this package (Fen, Date,
//     PhoneNumber, DatePrice, Customer, Code, Extra, PayStatus,
//     ConfirmStatus) live here.
//
// Package douyintest is an in-process fake of Douyin for tests; its
// SPIClient calls an integrator's SPI endpoints exactly as Douyin would.
//
// # Endpoints and types
//
// Spec names are those of the OrderApi page this package is built from
// (the 2020 generated client for https://open.douyin.com); "opts" is the
// spec's request of an operation, "data" and "extra" the parts of its
// response. Every method returns a result (XResult) holding data's fields
// and extra.logid as RequestID, never the wire envelope.
//
//	POST /poi/order/status  PoiOrderStatus, 订单状态同步 (integrator -> Douyin)
//	  operation                           Client.UpdateOrderStatus
//	  PoiOrderStatus opts                 UpdateOrderStatusRequest (status: ConfirmStatus)
//	  PoiOrderStatus (response)           UpdateOrderStatusResult (balance, ext, logid)
//
//	POST /poi/order/sync  PoiOrderSync, 订单同步 (integrator -> Douyin)
//	  operation                           Client.SyncOrder
//	  InlineObject40                      SyncOrderRequest (order_type: OrderType)
//	    ext_shop_info, mini_app           ExtShopInfo, MiniApp
//	    order_detail (a JSON string)      MarshalOrderDetail, SyncOrderRequest.SetOrderDetail
//	    order_detail of type 140          HotelOrderDetail (SDK proposal; unpublished schema),
//	                                      NewHotelSyncOrder, ParseHotelOrderDetail
//	  PoiOrderSyncRsp                     SyncOrderResult (order_id, logid)
//
//	POST /oauth/client_token/  client token (integrator -> Douyin)
//	  operation                           Client.FetchClientToken; the default token source uses it
//	  response                            ClientTokenResult (a Token, logid)
//
//	POST /oauth/access_token/  user token (integrator -> Douyin)
//	  operation                           Client.ExchangeUserToken
//	  response                            UserTokenResult (a Token, open_id, scope, refresh token, logid)
//
//	any endpoint the SDK does not model (integrator -> Douyin)
//	  operation                           Client.Raw, with the access token, retries and envelope check
//	  request / response                  RawRequest / RawResult (data as json.RawMessage, logid)
//
//	POST /poi/ext/hotel/order/{commit,status,cancel}  the SPI (Douyin -> integrator)
//	  served by                           package douyin/spi (spi.NewHandler)
//	  PoiExtHotelOrderCommitDatePrice     DatePrice
//	  PoiExtHotelOrderCommitCustomerList  Customer
//	  customer_phone                      PhoneNumber
//
// Money is Fen (int64 fen, 分; String prints yuan); yyyyMMdd dates are
// Date; error codes are Code (a JSON number or string); customer_phone is
// PhoneNumber (a JSON string or number; never printed); status fields are
// ConfirmStatus and PayStatus, whose zero values are always
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
// and lets one caller fetch while concurrent callers wait. A store that is
// also a TokenRefreshLocker grants one process at a time an expiring,
// fenced TokenLease to refresh. When Douyin answers 2190002 (invalid) or
// 2190008 (expired) the token is dropped and the call repeated once with a
// new one. The same caching wraps any fetch function of yours:
// ReuseTokenSource(TokenFunc(f)). A Token masks its access token when
// printed or logged; tokens are never logged.
//
// # Errors
//
// A Client call returns a *hotelsdk.ValidationError (before anything
// is sent; errors.Is(err, hotelsdk.ErrInvalidRequest)), an *APIError (the answer
// has a non-zero data.error_code, extra.error_code or extra.sub_error_code;
// it keeps both codes, both descriptions and the logid as RequestID), a *hotelsdk.DecodeError
// (the answer is not the documented JSON) or a *hotelsdk.TransportError (no answer;
// MaybeSent tells whether the other side may have acted).
// errors.Is(err, ErrTokenRejected) spots a rejected access token.
//
// # Retries and idempotency
//
// UpdateOrderStatus and FetchClientToken are idempotent and retried on
// transport failures, 429/5xx answers and the transient codes 2100001 and
// 2100004. SyncOrder and ExchangeUserToken are not: once a request may have
// reached Douyin it is never sent again automatically. The one repeat they
// get is after Douyin refused the call for its token (2190002, 2190008),
// which it does without acting on the call.
package douyin
