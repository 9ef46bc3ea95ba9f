locals {
  a = nosuchfunction(1)
}
