"""Values going in and out of the app as files (CSV, Excel)."""
