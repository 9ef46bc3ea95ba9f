locals {
  a = "fine\n"
  b = "bad \e"
}
