"""The data model. Import models from here so every table is registered with the metadata."""

from portal.models.audit import AuditEvent
from portal.models.auth import SignInCode, SignInSession
from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.messaging import SmsMessage
from portal.models.organisation import Membership, Organisation, OrganisationKind, Role, StaffUser
from portal.models.person import Gender, Person

__all__ = [
    "AuditEvent",
    "Base",
    "Gender",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Person",
    "Role",
    "SignInCode",
    "SignInSession",
    "SmsMessage",
    "StaffUser",
    "UTCDateTime",
    "utcnow",
]
