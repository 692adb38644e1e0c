"""Test editions of the content: the shipped file with a small overlay, built into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "skill" / "backpain" / "locale" / "en-GB.yaml"
EDITIONS = {"two-tier": Path(__file__).parent / "two_tier.yaml"}
"""Every test edition by name; "seed" is the shipped content itself."""


def merged(base: Any, overlay: Any) -> Any:
    """`overlay` over `base`: mappings merge key by key, a mapping over a list of items with
    ids merges into the item with that id, anything else replaces."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        return {**base, **{key: merged(base.get(key), value) for key, value in overlay.items()}}
    if isinstance(base, list) and isinstance(overlay, dict):
        ids = {item.get("id") for item in base if isinstance(item, dict)}
        unknown = set(overlay) - ids
        if unknown:
            raise KeyError(f"the overlay names items the list lacks: {sorted(unknown)}")
        return [merged(item, overlay.get(item.get("id"), {})) for item in base]
    return overlay


def build_edition(name: str, folder: Path) -> Path:
    """Writes the edition's en-GB.yaml into `folder` (the skill's content folder for it)."""
    shipped = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    overlay = yaml.safe_load(EDITIONS[name].read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "en-GB.yaml"
    text = yaml.safe_dump(merged(shipped, overlay), allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path
