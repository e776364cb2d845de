package hotelsupplytest

import (
	"net"
	"slices"
	"time"
)

// Defaults of a Server: the shop, member, hotel and room type of the wiki's
// example. DefaultMobile and DefaultPassword are the test credentials of
// the default member (ClientOptions passes them).
const (
	DefaultUniacid    = 6
	DefaultMobile     = "15012345678"
	DefaultPassword   = "sandbox-password"
	DefaultMemberUID  = 2455
	DefaultHotelID    = 1385
	DefaultRoomTypeID = 4499
)

// Member is a shop member who can log in.
type Member struct {
	Mobile   string
	Password string
	UID      int64
	// Blacklisted members are refused at login (login_status -1).
	Blacklisted bool
}

// RoomType is a bookable room type of a hotel.
type RoomType struct {
	// ID is the room type id (sid).
	ID      int64
	Name    string
	GoodsID int64
	Image   string
	// MaxRooms limits nums per booking (0: no limit); more answers 库存不足.
	MaxRooms int
}

// Hotel is a hotel of the shop.
type Hotel struct {
	// ID is the hotel id (hotel_id).
	ID        int64
	Name      string
	ShortName string
	Tel       string
	Province  string
	City      string
	Area      string
	Address   string
	Latitude  string
	Longitude string
	LevelName string
	Rooms     []RoomType
}

// DefaultHotel returns the hotel of the wiki's example: hotel
// DefaultHotelID 杭州云廊小庐 with room type DefaultRoomTypeID 山景大床房. Change
// a copy and pass it to WithHotels to replace it.
func DefaultHotel() Hotel {
	return Hotel{
		ID: DefaultHotelID, Name: "杭州云廊小庐", ShortName: "杭州云廊小庐", Tel: "0571-86908751",
		Province: "浙江省", City: "杭州市", Area: "西湖区", Address: "浙江省杭州市西湖区梅家坞176号(十里琅珰山脚下)",
		Latitude: "30.20004733695", Longitude: "120.08196582383", LevelName: "精品民宿",
		Rooms: []RoomType{{ID: DefaultRoomTypeID, Name: "山景大床房", GoodsID: 174,
			Image: "http://lcw.unionhotel.cn/uploads/q/qmuiko1431678728/f/6/e/a/thumb_5e4e42cc824f6.png"}},
	}
}

// Option configures a Server in NewServer. Options given an unusable value
// (a uniacid or first order id below 1, a nil clock or listener, a member
// without mobile) leave the default in place.
type Option func(*shopConfig)

// shopConfig describes the fake shop.
type shopConfig struct {
	uniacid      int64
	shopName     string
	members      []Member
	hotels       []Hotel
	firstOrderID int64
	now          func() time.Time
	listener     net.Listener
}

func defaultShopConfig() shopConfig {
	return shopConfig{
		uniacid:      DefaultUniacid,
		shopName:     "酒店",
		members:      []Member{{Mobile: DefaultMobile, Password: DefaultPassword, UID: DefaultMemberUID}},
		hotels:       []Hotel{DefaultHotel()},
		firstOrderID: 1,
		now:          time.Now,
	}
}

// WithUniacid sets the shop account id ("i"; default DefaultUniacid);
// another value in a request answers 无此公众号.
func WithUniacid(id int64) Option {
	return func(c *shopConfig) {
		if id > 0 {
			c.uniacid = id
		}
	}
}

// WithShopName sets the prefix of a pre-order's shop_name (default "酒店";
// "" leaves the hotel name alone).
func WithShopName(name string) Option { return func(c *shopConfig) { c.shopName = name } }

// WithMembers adds members who can log in; a member with the mobile of a
// known one replaces it. The first member is the one ClientOptions logs in
// as.
func WithMembers(members ...Member) Option {
	return func(c *shopConfig) {
		for _, m := range members {
			if m.Mobile == "" {
				continue
			}
			if i := slices.IndexFunc(c.members, func(k Member) bool { return k.Mobile == m.Mobile }); i >= 0 {
				c.members[i] = m
			} else {
				c.members = append(c.members, m)
			}
		}
	}
}

// WithHotels adds hotels; a hotel with the ID of a known one (such as
// DefaultHotel) replaces it.
func WithHotels(hotels ...Hotel) Option {
	return func(c *shopConfig) {
		for _, h := range hotels {
			h.Rooms = slices.Clone(h.Rooms)
			if i := slices.IndexFunc(c.hotels, func(k Hotel) bool { return k.ID == h.ID }); i >= 0 {
				c.hotels[i] = h
			} else {
				c.hotels = append(c.hotels, h)
			}
		}
	}
}

// WithFirstOrderID sets the id of the first created order (default 1).
func WithFirstOrderID(id int64) Option {
	return func(c *shopConfig) {
		if id > 0 {
			c.firstOrderID = id
		}
	}
}

// WithClock replaces time.Now for order numbers and created_at.
func WithClock(now func() time.Time) Option {
	return func(c *shopConfig) {
		if now != nil {
			c.now = now
		}
	}
}

// WithListener serves on l instead of a new loopback port, for example to
// run the fake at a fixed address. The Server closes l when it closes.
func WithListener(l net.Listener) Option {
	return func(c *shopConfig) {
		if l != nil {
			c.listener = l
		}
	}
}
