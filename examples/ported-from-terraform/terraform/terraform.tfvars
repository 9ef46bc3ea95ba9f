databricks_host = "https://adb-1234567890123456.7.azuredatabricks.net"
