"""Terminal output that neither crashes nor lets input take over the terminal.

- ``safe``: raw input (a scanned code, a file's cell) echoed with control characters and terminal
  escapes made visible, so a crafted barcode cannot clear the screen or retitle the window.
- ``quiet_broken_pipe``: output piped to ``head`` ends quietly, as other command-line tools do.
- ``known_os_error``: a file-system failure the user can act on (a read-only folder, a full disk,
  a file where a folder is expected) becomes a clear error instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import unicodedata

from pvzdesk.errors import PvzdeskError, UsageError
from pvzdesk.i18n import tr

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool cut off by ``head``


def safe(text: str) -> str:
    """Every control or format character (ESC, CR, BEL, the bidi overrides...) as ``\\xNN``."""
    out: list[str] = []
    for char in text:
        if char == "\x1d":
            out.append("<GS>")  # the GS1 separator is expected in marking codes: name it
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def decoded_argument(text: str) -> str:
    """A command-line argument whose bytes were not UTF-8 arrives with surrogate escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = safe(text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
        raise UsageError(
            tr("{value} is not valid text (its bytes are not UTF-8).", value=shown),
            hint=tr("Scan the code again, or check the scanner's keyboard language setting."),
        ) from None
    return text


def quiet_broken_pipe() -> int:
    """Send the rest of the output nowhere, so Python's exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def known_os_error(exc: OSError) -> PvzdeskError | None:
    name = exc.filename if exc.filename is not None else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return PvzdeskError(
            tr("The disk is full: {path} could not be written.", path=name),
            hint=tr("Free some space on the disk and try again."),
        )
    if exc.errno == errno.EFBIG:
        return PvzdeskError(
            tr("{path} reached the file-size limit set for this program.", path=name),
            hint=tr("Ask the administrator to lift the limit, or write to another disk."),
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return PvzdeskError(
            tr("{path} cannot be written: the folder is read-only.", path=name),
            hint=tr("Check the folder's permissions, or choose another folder (--data-dir)."),
        )
    if exc.errno == errno.ENOTDIR:
        return PvzdeskError(
            tr("{path}: a part of this path is a file, not a folder.", path=name),
            hint=tr("Give a folder that exists, or a new name."),
        )
    if exc.errno == errno.EISDIR:
        return PvzdeskError(
            tr("{path} is a folder; a file name is needed here.", path=name),
            hint=tr("Give a file name."),
        )
    if exc.errno == errno.EEXIST:
        return PvzdeskError(tr("{path} already exists.", path=name), hint=tr("Give a new name."))
    return None
