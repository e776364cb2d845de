package hotelsupply

import "encoding/json"

// The data tree of one pre-order in a goods-buy answer (data.orders[i]),
// with the hotel, room type and order lines it holds, and data.discount and
// data.dispatch. The types mirror the wiki's example field by field.

// PreOrder is one element of data.orders: a priced, not yet created order.
type PreOrder struct {
	PluginID        Int    `json:"plugin_id"`
	IsVirtual       Bool   `json:"is_virtual"`
	DispatchTypeID  Int    `json:"dispatch_type_id"`
	Mark            String `json:"mark"`
	GoodsPrice      Money  `json:"goods_price"`
	Price           Money  `json:"price"`
	OrderGoodsPrice Money  `json:"order_goods_price"`
	CostAmount      Money  `json:"cost_amount"`
	DiscountPrice   Money  `json:"discount_price"`
	FeeAmount       Money  `json:"fee_amount"`
	DeductionPrice  Money  `json:"deduction_price"`
	DispatchPrice   Money  `json:"dispatch_price"`
	// GoodsTotal is the number of rooms.
	GoodsTotal Int    `json:"goods_total"`
	NoRefund   Int    `json:"no_refund"`
	OrderSN    String `json:"order_sn"`
	// Note, InvoiceType, RiseType, CollectName and CompanyNumber are null
	// in a fresh pre-order.
	Note          *String `json:"note"`
	ShopName      String  `json:"shop_name"`
	NeedAddress   Bool    `json:"need_address"`
	InvoiceType   *Int    `json:"invoice_type"`
	RiseType      *Int    `json:"rise_type"`
	CollectName   *String `json:"collect_name"`
	CompanyNumber *String `json:"company_number"`
	// PreID identifies the pre-order for CreateOrder: 32 hex digits (the
	// wiki calls it an int; it is a string).
	PreID         String           `json:"pre_id"`
	OrderSettings List[RawObject]  `json:"order_settings"`
	OrderAddress  OrderAddress     `json:"order_address"`
	HotelOrder    HotelSupplyOrder `json:"hotel_supply_order"`
	OrderGoods    List[OrderGoods] `json:"order_goods"`
	OrderCoupons  List[RawObject]  `json:"order_coupons"`
	Discounts     List[RawObject]  `json:"order_discounts"`
	Deductions    List[RawObject]  `json:"order_deductions"`
	DispatchType  *RawObject       `json:"has_one_dispatch_type"`
	Fees          List[RawObject]  `json:"order_fees"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (o *PreOrder) UnmarshalJSON(b []byte) error {
	type plain PreOrder
	return decodeObject(b, (*plain)(o))
}

// OrderAddress is a pre-order's order_address (empty for a hotel room).
type OrderAddress struct {
	StreetID Int    `json:"street_id"`
	Zipcode  String `json:"zipcode"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (a *OrderAddress) UnmarshalJSON(b []byte) error {
	type plain OrderAddress
	return decodeObject(b, (*plain)(a))
}

// HotelSupplyOrder is the hotel part of a pre-order: hotel, room type,
// rooms and the stay. Its ids are strings on the wire ("1385").
type HotelSupplyOrder struct {
	Uniacid IntString `json:"uniacid"`
	// HuilianOID is the supplier's order number (the pre-order's order_sn).
	HuilianOID String    `json:"huilian_oid"`
	Price      Money     `json:"price"`
	HotelID    IntString `json:"hotel_id"`
	// Sid is the room type id.
	Sid      IntString `json:"sid"`
	UserName String    `json:"user_name"`
	Tel      String    `json:"tel"`
	// Nums is the number of rooms.
	Nums IntString `json:"nums"`
	// StartAt is the check-in day, EndAt the check-out day (midnight in
	// ShopTimeZone).
	StartAt UnixTime `json:"start_at"`
	EndAt   UnixTime `json:"end_at"`
	Hotel   Hotel    `json:"hotel"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (h *HotelSupplyOrder) UnmarshalJSON(b []byte) error {
	type plain HotelSupplyOrder
	return decodeObject(b, (*plain)(h))
}

// Hotel is hotel_supply_order.hotel.
type Hotel struct {
	ID        Int    `json:"id"`
	Uniacid   Int    `json:"uniacid"`
	HotelID   Int    `json:"hotel_id"`
	Name      String `json:"name"`
	ShortName String `json:"shortname"`
	// Latitude and Longitude are decimal strings, kept exact as text.
	Latitude  String `json:"latitude"`
	Longitude String `json:"longitude"`
	Tel       String `json:"tel"`
	LogoURL   String `json:"logourl"`
	// Province is sent under the misspelled key "provice".
	Province String `json:"provice"`
	City     String `json:"city"`
	Area     String `json:"area"`
	Address  String `json:"address"`
	// Other lists facility codes (PARKING, WIFI, …); OtherName their names.
	Other     CSV      `json:"other"`
	Level     Int      `json:"level"`
	IsManfang BoolInt  `json:"is_manfang"`
	CreatedAt DateTime `json:"created_at"`
	// Room is the booked room type ("fang").
	Room      Room   `json:"fang"`
	LevelName String `json:"level_name"`
	OtherName CSV    `json:"other_name"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (h *Hotel) UnmarshalJSON(b []byte) error {
	type plain Hotel
	return decodeObject(b, (*plain)(h))
}

// IsFull reports is_manfang (满房: no rooms left).
func (h *Hotel) IsFull() bool { return bool(h.IsManfang) }

// Room is a room type (hotel.fang).
type Room struct {
	ID     Int    `json:"id"`
	Name   String `json:"name"`
	Image1 String `json:"image_1"`
	Image2 String `json:"image_2"`
	Image3 String `json:"image_3"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (r *Room) UnmarshalJSON(b []byte) error {
	type plain Room
	return decodeObject(b, (*plain)(r))
}

// OrderGoods is one line of a pre-order (order_goods).
type OrderGoods struct {
	GoodsOptionID    Int             `json:"goods_option_id"`
	GoodsOptionTitle String          `json:"goods_option_title"`
	CommentStatus    Int             `json:"comment_status"`
	GoodsID          Int             `json:"goods_id"`
	Total            Int             `json:"total"`
	UID              Int             `json:"uid"`
	Uniacid          Int             `json:"uniacid"`
	Title            String          `json:"title"`
	Thumb            String          `json:"thumb"`
	GoodsSN          String          `json:"goods_sn"`
	ProductSN        String          `json:"product_sn"`
	GoodsPrice       Money           `json:"goods_price"`
	Price            Money           `json:"price"`
	GoodsCostPrice   Money           `json:"goods_cost_price"`
	GoodsMarketPrice Money           `json:"goods_market_price"`
	CouponPrice      Money           `json:"coupon_price"`
	NeedAddress      BoolInt         `json:"need_address"`
	PaymentAmount    Money           `json:"payment_amount"`
	Buttons          List[Button]    `json:"buttons"`
	GoodsOption      *RawObject      `json:"goods_option"`
	Discounts        List[RawObject] `json:"order_goods_discounts"`
	// Deductions is keyed by deduction id ({"1":{…}}); each Code is what
	// OrderRef.DeductionCodes takes.
	Deductions Map[Deduction] `json:"order_goods_deductions"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (g *OrderGoods) UnmarshalJSON(b []byte) error {
	type plain OrderGoods
	return decodeObject(b, (*plain)(g))
}

// Button is an action the shop's front end offers (name, api, value).
type Button struct {
	Name  String `json:"name"`
	API   String `json:"api"`
	Value String `json:"value"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (b *Button) UnmarshalJSON(data []byte) error {
	type plain Button
	return decodeObject(data, (*plain)(b))
}

// Deduction is a way to pay part of an order with points or coins
// (order_goods_deductions).
type Deduction struct {
	Name         String `json:"name"`
	Code         String `json:"code"`
	UID          Int    `json:"uid"`
	UsableAmount Money  `json:"usable_amount"`
	UsableCoin   Money  `json:"usable_coin"`
	UsedAmount   Money  `json:"used_amount"`
	UsedCoin     Money  `json:"used_coin"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (d *Deduction) UnmarshalJSON(b []byte) error {
	type plain Deduction
	return decodeObject(b, (*plain)(d))
}

// Discount is data.discount.
type Discount struct {
	// MemberCoupons lists the member's usable coupons; the wiki shows no
	// element, so each is kept raw.
	MemberCoupons List[RawObject] `json:"member_coupons"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (d *Discount) UnmarshalJSON(b []byte) error {
	type plain Discount
	return decodeObject(b, (*plain)(d))
}

// Dispatch is data.dispatch: delivery methods and the member's default
// address (irrelevant to a room, but part of the answer).
type Dispatch struct {
	DeliveryMethods      List[DeliveryMethod] `json:"delivery_method"`
	DefaultMemberAddress MemberAddress        `json:"default_member_address"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (d *Dispatch) UnmarshalJSON(b []byte) error {
	type plain Dispatch
	return decodeObject(b, (*plain)(d))
}

// DeliveryMethod is one element of dispatch.delivery_method.
type DeliveryMethod struct {
	DispatchTypeID Int    `json:"dispatch_type_id"`
	Name           String `json:"name"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (d *DeliveryMethod) UnmarshalJSON(b []byte) error {
	type plain DeliveryMethod
	return decodeObject(b, (*plain)(d))
}

// MemberAddress is dispatch.default_member_address (zero when the member
// has none).
type MemberAddress struct {
	ID        Int     `json:"id"`
	Uniacid   Int     `json:"uniacid"`
	UID       Int     `json:"uid"`
	UserName  String  `json:"username"`
	Mobile    String  `json:"mobile"`
	Zipcode   String  `json:"zipcode"`
	Province  String  `json:"province"`
	City      String  `json:"city"`
	District  String  `json:"district"`
	Address   String  `json:"address"`
	IsDefault BoolInt `json:"isdefault"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (a *MemberAddress) UnmarshalJSON(b []byte) error {
	type plain MemberAddress
	return decodeObject(b, (*plain)(a))
}

// MarshalJSON writes the address; a member without one is [], as PHP
// sends an empty array.
func (a MemberAddress) MarshalJSON() ([]byte, error) {
	if a == (MemberAddress{}) {
		return []byte("[]"), nil
	}
	type plain MemberAddress
	return json.Marshal(plain(a))
}
