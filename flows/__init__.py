"""Prefect flows that only orchestrate pipeline/runs. Prefect's own server telemetry is off
unless the environment turns it on (an offline machine would log "Failed to send telemetry")."""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
