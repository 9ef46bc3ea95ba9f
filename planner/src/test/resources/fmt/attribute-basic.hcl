name="x"
count=3
enabled=true
