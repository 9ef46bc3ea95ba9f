outer {
inner {
script = <<-EOF
  #!/bin/sh
  echo "${var.msg}"
  EOF
}
}
