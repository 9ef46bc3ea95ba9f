# just
// comments
/* here */
