"""The `academy-video` plugin: video blocks with captions, a transcript and click-to-load embeds."""
