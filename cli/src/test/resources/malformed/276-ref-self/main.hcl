locals {
  a = self.id
}
