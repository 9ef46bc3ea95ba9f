# ported: terraform.tfvars, renamed: lockstep loads *.auto.vars.hcl files by itself.
databricks_host = "https://adb-1234567890123456.7.azuredatabricks.net"
