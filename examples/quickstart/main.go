// Command quickstart walks through one hotel booking across Douyin, the
// hotel-supply shop and the invoice API. Until the sandboxes land it only
// says so.
package main

import "fmt"

func main() {
	fmt.Println("hotelsdk-go quickstart: the end-to-end walkthrough arrives with the sandboxes (issue 6).")
}
