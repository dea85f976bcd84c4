"""Small civic-information trees for tests, and loading the real content once per module."""

from __future__ import annotations

from pathlib import Path

from portal.content.files import body_revision

SV_HEALTH = """Alla som bor i Sverige har rätt till vård.

## Vårdcentralen {#vardcentral}

En vårdcentral är en mottagning för vanlig vård nära där du bor. Ring 1177 för råd.

## Tandvård {#tandvard}

Du går till en tandläkare för att laga dina tänder. Barn får tandvård utan kostnad.
"""

EN_HEALTH = """Everyone who lives in Sweden has the right to health care.

## Health centre {#vardcentral}

A health centre (vårdcentral) is a clinic for ordinary care near where you live. Call 1177 for advice.

## Dental care {#tandvard}

You go to a dentist to repair your teeth. Children get dental care free of charge.
"""

AR_HEALTH = """لكل من يعيش في السويد الحق في الرعاية الصحية.

## المركز الصحي {#vardcentral}

المركز الصحي (vårdcentral) عيادة للرعاية العادية قريبة من سكنك. اتصل بالرقم 1177 للنصيحة.

## رعاية الأسنان {#tandvard}

تذهب إلى طبيب الأسنان لعلاج أسنانك. يحصل الأطفال على رعاية الأسنان مجاناً.
"""

SV_HOUSING = """Det kan ta lång tid att hitta en bostad.

## Bostadskö {#bostadsko}

En bostadskö är en lista över personer som vill hyra en lägenhet.

## Sortera sopor {#sopor}

Du ska sortera dina sopor i olika kärl.
"""

EN_HOUSING = """It can take a long time to find a home.

## Housing queue {#bostadsko}

A housing queue (bostadskö) is a list of people who want to rent a flat.

## Sorting waste {#sopor}

You must sort your rubbish into different bins.
"""


def write_file(
    root: Path,
    slug: str,
    language: str,
    body: str,
    *,
    title: str | None = None,
    summary: str = "En kort sammanfattning.",
    source_revision: str | None = None,
    review_status: str = "unreviewed-draft",
    last_updated: str = "2026-11-22",
) -> Path:
    """Write one content file; the source revision defaults to the Swedish body's (or its own)."""
    if source_revision is None:
        sv = root / slug / "sv.md"
        source_revision = body_revision(body) if language == "sv" or not sv.exists() else sv_revision(root, slug)
    path = root / slug / f"{language}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n"
        f"title: {title or slug}\n"
        f"summary: {summary}\n"
        f"source_revision: {source_revision}\n"
        f"review_status: {review_status}\n"
        f"last_updated: {last_updated}\n"
        "---\n\n" + body,
        encoding="utf-8",
    )
    return path


def sv_revision(root: Path, slug: str) -> str:
    from portal.content.files import parse_document

    return parse_document((root / slug / "sv.md").read_text(encoding="utf-8")).revision


def small_tree(root: Path) -> Path:
    """Two modules: health in sv, en (reviewed) and ar; housing in sv and en."""
    write_file(root, "halsa-och-vard", "sv", SV_HEALTH, title="Hälsa och vård", summary="Så får du vård.")
    write_file(
        root,
        "halsa-och-vard",
        "en",
        EN_HEALTH,
        title="Health and care",
        summary="How to get care.",
        review_status="reviewed",
    )
    write_file(root, "halsa-och-vard", "ar", AR_HEALTH, title="الصحة والرعاية", summary="كيف تحصل على الرعاية.")
    write_file(root, "boende", "sv", SV_HOUSING, title="Boende", summary="Om att hyra en bostad.")
    write_file(root, "boende", "en", EN_HOUSING, title="Housing", summary="About renting a home.")
    return root
