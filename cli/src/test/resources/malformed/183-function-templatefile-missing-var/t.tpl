hello ${name}
