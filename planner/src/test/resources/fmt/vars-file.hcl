region = "eu-west-1"
teams = ["a", "b"]
limits = {
cpu = "2"
memory = "4Gi"
}
