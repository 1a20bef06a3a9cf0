"""Local storage of submissions in SQLite: schema, audit chain, workflow, backups, lock."""

from .errors import (
    BadTransition,
    CorruptDatabase,
    DataDirLocked,
    NewerDatabase,
    NotReady,
    StoreError,
    SubmissionLocked,
    UnknownSubmission,
    ValueRejected,
)
from .repository import ImportOutcome, Status, Store, StoredValue, Submission, restore_database

__all__ = [
    "BadTransition", "CorruptDatabase", "DataDirLocked", "ImportOutcome", "NewerDatabase",
    "NotReady", "Status", "Store", "StoreError", "StoredValue", "Submission",
    "SubmissionLocked", "UnknownSubmission", "ValueRejected", "restore_database",
]
