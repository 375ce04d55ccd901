"""National capitals and the country each is the seat of government of."""

from __future__ import annotations

from bot.briefing.wordlists import capitals

# Left out on purpose: cities whose talks are mostly those of the bodies seated there
# (Brussels, Geneva, ...); see `data/countries.toml`.
_CAPITALS = capitals()


def capital_of(city: str, named: set[str]) -> str | None:
    """The country whose capital the city is; for a city whose country changed name, the name
    the article uses ("Soviet Union" in a story that names it), else the current one."""
    countries = _CAPITALS.get(city.lower().strip())
    if countries is None:
        return None
    return next((c for c in countries if c in named), countries[0])
