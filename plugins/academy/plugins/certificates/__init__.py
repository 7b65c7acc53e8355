"""The `academy-certificates` plugin: verify page, issuer profile and status lists on the site."""
