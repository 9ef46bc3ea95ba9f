variable "" {
}
