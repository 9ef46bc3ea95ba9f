resource "terraform_data" "nested" {
  input = {
    list = [1, 2, 3]
    obj  = { k = "v", deep = { flags = [true, false] } }
    tags = tomap({ team = "a", env = "dev" })
    set  = toset(["p", "q"])
    objs = [{ name = "x", port = 80 }, { name = "y", port = 443 }]
  }
}

resource "terraform_data" "unchanged" {
  input = { list = ["a"], obj = { k = "v" } }
}
