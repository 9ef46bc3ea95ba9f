name = "héllo wörld"
näme = 1
emoji = "😀"
