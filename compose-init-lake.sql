-- compose.yaml: the DuckLake catalog gets its own database beside Airflow's metadata (not run here).
CREATE DATABASE lake OWNER airflow;
