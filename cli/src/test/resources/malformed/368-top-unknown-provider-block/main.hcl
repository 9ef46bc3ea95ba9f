provider "nosuch" {
}
