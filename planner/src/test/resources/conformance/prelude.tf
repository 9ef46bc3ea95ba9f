# Shared helpers for the conformance cases. Terraform (scripts/conformance/regen.sh) and
# lockstep's ConformanceTest both load this file and bind var.* and local.* from it.

variable "secret" {
  type      = string
  default   = "s3cr3t-canary"
  sensitive = true
}

variable "secret_num" {
  type      = number
  default   = 42
  sensitive = true
}

variable "secret_list" {
  type      = list(string)
  default   = ["alpha", "beta"]
  sensitive = true
}

variable "nums" {
  default = [3, 1, 2]
}

variable "strs" {
  type    = list(string)
  default = ["b", "a", "c", "a"]
}

variable "tags" {
  type = map(string)
  default = {
    env  = "dev"
    team = "core"
  }
}

variable "people" {
  default = [
    { name = "ann", age = 31, langs = ["go", "java"] },
    { name = "bob", age = 25, langs = ["hcl"] },
  ]
}

variable "nothing" {
  type    = string
  default = null
}

resource "terraform_data" "u" {
  input = "x"
}

locals {
  # Unknown until apply: terraform_data's output is "(known after apply)" during plan/console.
  unknown     = terraform_data.u.output
  unknown_str = tostring(terraform_data.u.output)
  unknown_num = tonumber(terraform_data.u.output)
  unknown_bool = tobool(terraform_data.u.output)
  unknown_list = tolist(terraform_data.u.output)
  mixed_list  = ["a", terraform_data.u.output, "c"]
  half_secret = ["public", var.secret]
  secret_obj  = { user = "admin", password = var.secret }
}
