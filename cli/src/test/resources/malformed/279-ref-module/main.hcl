locals {
  a = module.x.y
}
