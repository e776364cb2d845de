package invoice

// The documentation's examples, verbatim.
const (
	specAddRequest = `{
"storeId":100021,
"orderList":[
{
"erpOrderNo":"erp1231231",
"orderPrice":24.8,
"items":[
{
"identifier":"ZSF0000001",
"quantity":2,
"unitPrice":12.4,
"totalPrice":24.8
}
]
},
{
"erpOrderNo":"erp1231232",
"orderPrice":30,
"items":[
{
"identifier":"ZSF0000002",
"quantity":2,
"unitPrice":15,
"totalPrice":30
}
]
}
]
}`
	specAddSuccess = `{
"code":0,
"data":"10202kdjskd3434k34"
}`
	specAddFailure = `{
"code":4002,
"message":"门店不存在"
}`
	specGetRequest = `{
"storeId":1000021,
"orderBatchNo": "10202kdjskd3434k34"
}`
	specGetSuccess = `{
"code": 0,
"data": [
{
"partnerOrderNo": "order120292",
"orderPrice": 24.8,
"orderDetailDtos": [
{
"quantity": 2,
"unitPrice": 12.4,
"totalPrice": 24.8,
"discountPrice": 0,
"finalPrice": 24.8,
"taxTypeNo": "3070402000000000000",
"taxRate": "3",
"name": "住宿费",
"identifier": "ZSF0000001",
"abbreviation": "住宿服务"
}
]
},
{
"partnerOrderNo": "order1202923",
"orderPrice": 24.8,
"orderDetailDtos": [
{
"quantity": 2,
"unitPrice": 12.4,
"totalPrice": 24.8,
"discountPrice": 0,
"finalPrice": 24.8,
"taxTypeNo": "3070402000000000000",
"taxRate": "3",
"name": "住宿费",
"identifier": "ZSF0000001",
"abbreviation": "住宿服务"
}
]
},
{
"partnerOrderNo": "order12029231",
"orderPrice": 24.8,
"orderDetailDtos": [
{
"quantity": 2,
"unitPrice": 12.4,
"totalPrice": 24.8,
"discountPrice": 0,
"finalPrice": 24.8,
"taxTypeNo": "3070402000000000000",
"taxRate": "3",
"name": "住宿费",
"identifier": "ZSF0000001",
"abbreviation": "住宿服务"
}
]
}
]
}`
	specGetFailure = `{
"code":-1,
"message":"storeId和storeNo不能都为空"
}`
)

// specAddOrders is specAddRequest built in Go.
func specAddOrders() *AddOrdersRequest {
	return &AddOrdersRequest{
		StoreID: 100021,
		OrderList: []Order{
			{ErpOrderNo: "erp1231231", OrderPrice: MustAmount("24.8"), Items: []OrderItem{{
				Identifier: "ZSF0000001", Quantity: MustQuantity("2"),
				UnitPrice: MustAmount("12.4"), TotalPrice: MustAmount("24.8"),
			}}},
			{ErpOrderNo: "erp1231232", OrderPrice: MustAmount("30"), Items: []OrderItem{{
				Identifier: "ZSF0000002", Quantity: MustQuantity("2"),
				UnitPrice: MustAmount("15"), TotalPrice: MustAmount("30"),
			}}},
		},
	}
}
