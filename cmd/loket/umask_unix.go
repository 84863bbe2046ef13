//go:build unix

package main

import "syscall"

// restrictUmask makes every file the process creates owner-only (umask
// 077), whatever creates it: SQLite's side files, a backup folder, a
// workbook's temporary file. The store already asks for 0600 where it
// creates files itself; this covers the paths it does not see.
func restrictUmask() { syscall.Umask(0o077) }
