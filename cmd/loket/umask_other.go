//go:build !unix

package main

// restrictUmask does nothing where there is no umask: on Windows the files
// are private because they live in the user's own %LocalAppData%.
func restrictUmask() {}
