# Databricks notebook source
# Extract: copy yesterday's raw events into the bronze table.
raw = spark.read.json("s3://example-raw-events/date=" + dbutils.widgets.get("date"))
raw.write.mode("overwrite").saveAsTable("bronze.events")
