"""Following topics: what a topic matches, the chat commands about it, and the daily briefing."""
