lockstep {
backend "local" {
path = ".lockstep"
}
}

access "platform" {
group = "platform-admins"
kubernetes {
namespace = "team"
role = "edit"
}
databricks {
permission_level = "CAN_MANAGE"
}
}
