a	=	1
b {
	c	=	"x	y"
		d = 2
}
