provider "terraform" {
  alias = "x"
}

provider "terraform" {
  alias = "x"
}
