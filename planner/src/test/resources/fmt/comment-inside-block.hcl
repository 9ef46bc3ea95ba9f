a {
# heading
b = 1

  // another
c = 2
/* block */
}
