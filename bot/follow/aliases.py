"""The alias table: names that mean the same thing to a reader (KNDS, Krauss-Maffei Wegmann, KMW).

This module only reads and checks config/aliases.toml; `bot.follow.matching` decides what a
name matches.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "aliases.toml"


class AliasError(ValueError):
    """The alias file cannot be read or does not have the documented shape."""


@dataclass(frozen=True)
class AliasTable:
    """Rows of equivalent names; following any name of a row follows them all."""

    rows: tuple[tuple[str, ...], ...] = ()

    def __len__(self) -> int:
        return len(self.rows)


def load_aliases(path: Path | None = None) -> AliasTable:
    """The alias table at `path`; without one, config/aliases.toml, read once per process."""
    if path is None:
        return _default_table()
    return _read(Path(path))


@lru_cache(maxsize=1)
def _default_table() -> AliasTable:
    return _read(DEFAULT_PATH)


def _read(path: Path) -> AliasTable:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as exc:
        raise AliasError(f"cannot read alias file {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AliasError(f"{path} is not valid TOML: {exc}") from exc
    entries = data.get("alias", [])
    if not isinstance(entries, list):
        raise AliasError(f"{path}: `alias` must be an array of tables ([[alias]])")
    return AliasTable(tuple(_row(entry, path, number) for number, entry in enumerate(entries, 1)))


def _row(entry: object, path: Path, number: int) -> tuple[str, ...]:
    where = f"{path}: alias row {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("names"), list):
        raise AliasError(f"{where} needs `names = [...]`")
    names: list[str] = []
    for name in entry["names"]:
        if not isinstance(name, str) or not name.strip():
            raise AliasError(f"{where}: every name must be a non-empty string")
        # Same normalisation as the topics users type, so a name in the file looks one up.
        cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
        if cleaned not in names:
            names.append(cleaned)
    if len(names) < 2:
        raise AliasError(f"{where} needs at least two different names")
    return tuple(names)
