"""Prefect flows that only orchestrate pipeline/runs. Prefect's own server telemetry is off
unless the environment turns it on (an offline machine would log "Failed to send telemetry"),
and the ephemeral API is given time to start on a new Prefect home."""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The ephemeral API's first start on a new PREFECT_HOME builds its database: Prefect's 20 s is
# too short on a busy 2-core machine ("Timed out while attempting to connect").
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
