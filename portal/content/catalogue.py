"""The twelve regional civic-information modules (fixed slugs, order, icon, related modules)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleSpec:
    slug: str
    icon: str  # a key into templates/info/_icons.html
    related: tuple[str, ...]


MODULES: tuple[ModuleSpec, ...] = (
    ModuleSpec("att-komma-till-sverige", "arrival", ("din-introduktion", "samhallet", "ekonomi-och-vardag")),
    ModuleSpec("din-introduktion", "plan", ("att-komma-till-sverige", "arbete", "utbildning")),
    ModuleSpec("samhallet", "society", ("rattigheter-och-skyldigheter", "att-komma-till-sverige")),
    ModuleSpec("rattigheter-och-skyldigheter", "rights", ("samhallet", "familj-och-barn", "trygghet-och-akut-hjalp")),
    ModuleSpec("arbete", "work", ("utbildning", "din-introduktion", "ekonomi-och-vardag")),
    ModuleSpec("utbildning", "education", ("arbete", "din-introduktion", "familj-och-barn")),
    ModuleSpec("boende", "home", ("ekonomi-och-vardag", "familj-och-barn")),
    ModuleSpec("halsa-och-vard", "health", ("trygghet-och-akut-hjalp", "familj-och-barn", "att-aldras")),
    ModuleSpec("familj-och-barn", "family", ("utbildning", "halsa-och-vard", "rattigheter-och-skyldigheter")),
    ModuleSpec("ekonomi-och-vardag", "money", ("boende", "arbete", "att-komma-till-sverige")),
    ModuleSpec("att-aldras", "ageing", ("halsa-och-vard", "ekonomi-och-vardag")),
    ModuleSpec("trygghet-och-akut-hjalp", "safety", ("halsa-och-vard", "rattigheter-och-skyldigheter")),
)

BY_SLUG: dict[str, ModuleSpec] = {spec.slug: spec for spec in MODULES}
SLUGS: tuple[str, ...] = tuple(spec.slug for spec in MODULES)


def sort_order(slug: str) -> int:
    """The position of a module in the index (the order of the regional standard)."""
    return SLUGS.index(slug)
