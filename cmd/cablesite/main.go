package main
import (
 _ "github.com/gohugoio/hugo/parser/pageparser"
 _ "github.com/yuin/goldmark"
 _ "github.com/tdewolff/minify/v2"
)
func main(){}
