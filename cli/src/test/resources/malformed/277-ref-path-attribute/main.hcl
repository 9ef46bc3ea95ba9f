locals {
  a = path.foo
}
