"""The platform-neutral core: the types every layer shares (a chat, a reply) and the use
cases the bot runs (alerting on a new article, briefings, repairing a chat's settings)."""
