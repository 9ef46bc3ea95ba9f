provider "terraform" {
}

provider "terraform" {
}
