"""Local storage of submissions in SQLite: schema, audit chain, workflow, backups, lock."""

from .errors import (
    BadTransition,
    CorruptDatabase,
    DatabaseBusy,
    DatabaseReplaced,
    DataDirLocked,
    DiskFull,
    NewerDatabase,
    NotReady,
    StorageFault,
    StorageReadOnly,
    StorageUnavailable,
    StoreError,
    SubmissionLocked,
    UnknownSubmission,
    ValueRejected,
)
from .repository import ImportOutcome, Status, Store, StoredValue, Submission, restore_database

__all__ = [
    "BadTransition", "CorruptDatabase", "DataDirLocked", "DatabaseBusy", "DatabaseReplaced",
    "DiskFull", "ImportOutcome", "NewerDatabase", "NotReady", "Status", "StorageFault",
    "StorageReadOnly", "StorageUnavailable", "Store", "StoreError", "StoredValue",
    "Submission", "SubmissionLocked", "UnknownSubmission", "ValueRejected", "restore_database",
]
