module github.com/hotelsdk/hotelsdk-go/contrib/redisstore

go 1.24.13

require (
	github.com/hotelsdk/hotelsdk-go v0.0.0
	github.com/redis/go-redis/v9 v9.17.3
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	golang.org/x/net v0.43.0 // indirect
)

replace github.com/hotelsdk/hotelsdk-go => ../..
