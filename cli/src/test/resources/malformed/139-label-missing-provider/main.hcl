provider {
}
