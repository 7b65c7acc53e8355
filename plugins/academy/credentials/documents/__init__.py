"""What is signed and handed out: the OB3 credential, status lists, issuer profile, QR summary, PDF, baked badges."""
