module github.com/hotelsdk/hotelsdk-go/examples/douyin-spi-server

go 1.24.13

require (
	github.com/hotelsdk/hotelsdk-go v0.0.0
	github.com/hotelsdk/hotelsdk-go/contrib/redisstore v0.0.0
	github.com/hotelsdk/hotelsdk-go/contrib/sqlstore v0.0.0
	github.com/jackc/pgx/v5 v5.8.0
	github.com/redis/go-redis/v9 v9.17.3
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace (
	github.com/hotelsdk/hotelsdk-go => ../..
	github.com/hotelsdk/hotelsdk-go/contrib/redisstore => ../../contrib/redisstore
	github.com/hotelsdk/hotelsdk-go/contrib/sqlstore => ../../contrib/sqlstore
)
