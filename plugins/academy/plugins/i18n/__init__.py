"""The `academy-i18n` plugin: one site per language (see academy.i18n for the translations)."""
