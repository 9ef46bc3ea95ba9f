locals {
  count_of_things = 1
  b = local.count_of_thing
}
