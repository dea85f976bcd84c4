"""Named queries for the receptions' contact details (portal.models.contact)."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import MunicipalityContact, Organisation, OrganisationKind


def get_contact(organisation: Organisation) -> MunicipalityContact | None:
    """The contact details of one municipality or region, if any are recorded."""
    return db.session.scalar(select(MunicipalityContact).where(MunicipalityContact.organisation_id == organisation.id))


def list_public_contacts() -> list[MunicipalityContact]:
    """Every recorded contact: municipalities by name, then the region's."""
    found = db.session.scalars(select(MunicipalityContact).join(MunicipalityContact.organisation)).all()
    return sorted(found, key=lambda c: (c.organisation.kind == OrganisationKind.REGION, c.organisation.name))


def get_organisation_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def organisations_under(region: Organisation) -> list[Organisation]:
    """The municipalities directly under a region."""
    return list(
        db.session.scalars(
            select(Organisation).where(
                Organisation.parent_id == region.id, Organisation.kind == OrganisationKind.MUNICIPALITY
            )
        )
    )
