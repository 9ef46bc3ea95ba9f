resource "a" /* kind */ "b" {
}
