"""The data model. Import models from here so every table is registered with the metadata."""

from portal.models.audit import AuditEvent
from portal.models.auth import SignInCode, SignInSession, SignInThrottle, StaffSignInThrottle
from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.contact import MunicipalityContact
from portal.models.content import (
    ContentModule,
    ContentRevision,
    LocalSection,
    ReviewStatus,
    RevisionStatus,
    SearchSection,
    UnansweredQuery,
)
from portal.models.conversation import (
    AssistantEpisode,
    Channel,
    Conversation,
    ConversationState,
    Direction,
    HandledBy,
    HandoffRequest,
    HandoffStatus,
    Message,
)
from portal.models.editorial import LinkCheck, LinkDomain, TaskClosed, TranslationTask, TranslatorLanguage
from portal.models.erasure import ErasureRequest, ErasureRequestStatus
from portal.models.feedback import PageFeedback
from portal.models.messaging import SmsMessage, WhatsAppWindow
from portal.models.notification import (
    MailMessage,
    MailMode,
    NotificationKind,
    StaffNotification,
    StaffNotificationSetting,
)
from portal.models.objection import (
    Decision,
    DecisionStage,
    LanguageSource,
    Objection,
    ObjectionEvent,
    ObjectionStatus,
    Outcome,
    ReasonCode,
    TargetKind,
)
from portal.models.organisation import Membership, Organisation, OrganisationKind, Role, StaffUser
from portal.models.person import Gender, Person
from portal.models.plan import (
    Activity,
    CalendarFeed,
    Goal,
    Horizon,
    OccurrenceChange,
    OccurrenceChangeKind,
    PersonTransfer,
    Plan,
    PlanStatus,
    PlanVersion,
)
from portal.models.reminder import ActivityReminder, ReminderKind, ReminderPreference, ReminderStatus
from portal.models.survey import SurveyInvitation, SurveyResponse
from portal.models.task import Task, TaskKind

__all__ = [
    "SurveyInvitation",
    "SurveyResponse",
    "WhatsAppWindow",
    "LinkCheck",
    "LinkDomain",
    "TaskClosed",
    "TranslationTask",
    "TranslatorLanguage",
    "MailMessage",
    "MailMode",
    "NotificationKind",
    "StaffNotification",
    "StaffNotificationSetting",
    "Task",
    "TaskKind",
    "AssistantEpisode",
    "Channel",
    "Conversation",
    "ConversationState",
    "Direction",
    "HandledBy",
    "HandoffRequest",
    "HandoffStatus",
    "Message",
    "ErasureRequest",
    "ErasureRequestStatus",
    "ContentModule",
    "ContentRevision",
    "LocalSection",
    "ReviewStatus",
    "RevisionStatus",
    "SearchSection",
    "Decision",
    "MunicipalityContact",
    "PageFeedback",
    "DecisionStage",
    "LanguageSource",
    "Objection",
    "ObjectionEvent",
    "ObjectionStatus",
    "Outcome",
    "ReasonCode",
    "TargetKind",
    "UnansweredQuery",
    "Activity",
    "CalendarFeed",
    "Goal",
    "Horizon",
    "OccurrenceChange",
    "OccurrenceChangeKind",
    "PersonTransfer",
    "Plan",
    "PlanStatus",
    "PlanVersion",
    "ActivityReminder",
    "ReminderKind",
    "ReminderPreference",
    "ReminderStatus",
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
    "SignInThrottle",
    "StaffSignInThrottle",
    "SmsMessage",
    "StaffUser",
    "UTCDateTime",
    "utcnow",
]
