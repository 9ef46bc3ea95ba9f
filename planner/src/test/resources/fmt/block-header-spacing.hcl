resource    "a"     "b"{
x = 1
}
data"c""d"   {
}
