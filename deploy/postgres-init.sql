-- Runs once, when the PostgreSQL volume is created: Rasa's tracker store gets its own database
-- (RASA_TRACKER_DB_NAME in deploy/compose.yaml), next to the portal's.
CREATE DATABASE rasa OWNER ankomst;
