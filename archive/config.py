"""Where an archive lives and the limits it enforces, from arguments and the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from archive.readers import Limits

DEFAULT_DATA_DIR = "data"


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None


@dataclass
class Settings:
    data_dir: Path
    limits: Limits = field(default_factory=Limits)
    max_upload_files: int = 1000
    max_upload_bytes: int = 200 * 1024 * 1024
    upload_token: str | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "archive.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def from_env(cls, data_dir: str | os.PathLike | None = None) -> "Settings":
        chosen = Path(data_dir or os.environ.get("ARCHIVE_DATA") or DEFAULT_DATA_DIR)
        limits = Limits(max_file_bytes=_int_env("ARCHIVE_MAX_FILE_BYTES", Limits.max_file_bytes))
        return cls(
            data_dir=chosen,
            limits=limits,
            max_upload_files=_int_env("ARCHIVE_MAX_UPLOAD_FILES", cls.max_upload_files),
            max_upload_bytes=_int_env("ARCHIVE_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            upload_token=os.environ.get("ARCHIVE_UPLOAD_TOKEN") or None,
        )
