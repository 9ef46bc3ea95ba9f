# Databricks notebook source
# Nightly ingest for the team: reads yesterday's events from the warehouse into a Delta table.
# The password comes from the secret scope lockstep fills from Vault.

scope = dbutils.widgets.get("secret_scope")
password = dbutils.secrets.get(scope=scope, key="db-password")

events = (spark.read.format("jdbc")
          .option("url", "jdbc:postgresql://warehouse.internal:5432/events")
          .option("dbtable", "events_yesterday")
          .option("user", "ingest")
          .option("password", password)
          .load())

events.write.mode("append").saveAsTable("analytics.events")
