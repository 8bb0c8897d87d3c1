"""The project file: one SQLite database per project, extension ``.wbproj``.

``Project.create`` / ``Project.open`` give a :class:`Project`; the schema changes
only through the sqlite-utils migrations in :mod:`.schema`, the lock file that
warns about a second opener lives in :mod:`.lock`, and the typed errors (with
Chinese messages for users) in :mod:`.errors`.
"""

from workbench.models.store.errors import (
    NotAProject,
    ProjectError,
    ProjectExists,
    ProjectMigrationFailed,
    ProjectNotFound,
    ProjectTooNew,
)
from workbench.models.store.lock import lock_path
from workbench.models.store.project import (
    IMPORT_STATUS_IMPORTED,
    PROJECT_SUFFIX,
    Project,
    sha256_of,
)
from workbench.models.store.schema import (
    MIGRATION_SET,
    MIGRATIONS,
    TABLES,
    backup_path,
    known_migrations,
)

__all__ = [
    "IMPORT_STATUS_IMPORTED",
    "MIGRATIONS",
    "MIGRATION_SET",
    "PROJECT_SUFFIX",
    "TABLES",
    "NotAProject",
    "Project",
    "ProjectError",
    "ProjectExists",
    "ProjectMigrationFailed",
    "ProjectNotFound",
    "ProjectTooNew",
    "backup_path",
    "known_migrations",
    "lock_path",
    "sha256_of",
]
