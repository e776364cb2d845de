module github.com/hotelsdk/hotelsdk-go/contrib/sqlstore

go 1.24.13

require (
	github.com/hotelsdk/hotelsdk-go v0.0.0
	github.com/jackc/pgx/v5 v5.8.0
)

require (
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.2 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace github.com/hotelsdk/hotelsdk-go => ../..
