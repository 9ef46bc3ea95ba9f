resource foo bar {
x = 1
}
variable region {}
