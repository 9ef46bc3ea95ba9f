resource "terraform_data" "source" {
  input = "two"
}

# replaced: its trigger becomes unknown
resource "terraform_data" "trigger" {
  input            = "t"
  triggers_replace = terraform_data.source.output
}

# created from an unknown value
resource "terraform_data" "from_output" {
  input = terraform_data.source.output
}

# created from a known id (source is updated in place, its id stays)
resource "terraform_data" "from_id" {
  input = terraform_data.source.id
}

# partly unknown collections
resource "terraform_data" "partial" {
  input = {
    list = [terraform_data.source.output, "known"]
    obj  = { u = terraform_data.source.output, k = "known" }
  }
}

# unknown because the replaced resource's id is unknown
resource "terraform_data" "from_replaced" {
  input = terraform_data.trigger.id
}
