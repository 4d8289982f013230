-- Run once by the postgres image on an empty data directory (as the superuser named by POSTGRES_USER).
CREATE DATABASE hindsight_incident OWNER hindsight;
CREATE DATABASE hindsight_postmortem OWNER hindsight;
CREATE DATABASE keycloak OWNER hindsight;
