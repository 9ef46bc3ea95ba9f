/* block */
a = 1 /* inline */
/*
  multi
    line
*/
b = 2
