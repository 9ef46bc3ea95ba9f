a { b = 1 }
c {}
d {   }
e   {b=1}
