# Databricks notebook source
# Transform: sessionise the bronze events into the silver table.
from pyspark.sql import functions as F

events = spark.table("bronze.events")
sessions = events.groupBy("user_id", F.window("ts", "30 minutes")).agg(F.count("*").alias("events"))
sessions.write.mode("overwrite").saveAsTable("silver.sessions")
