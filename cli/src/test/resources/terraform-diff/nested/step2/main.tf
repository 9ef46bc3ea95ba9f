resource "terraform_data" "nested" {
  input = {
    list = [1, 3, 4]
    obj  = { k = "w", deep = { flags = [true, true] }, added = "new" }
    tags = tomap({ team = "b" })
    set  = toset(["p", "r"])
    objs = [{ name = "x", port = 8080 }, { name = "y", port = 443 }]
  }
}

resource "terraform_data" "unchanged" {
  input = { list = ["a"], obj = { k = "v" } }
}

resource "terraform_data" "created" {
  input = [{ a = [1, { b = null }] }, "s", 3, null]
}
