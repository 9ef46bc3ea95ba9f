resource "terraform_data" "a\qb" {
}
