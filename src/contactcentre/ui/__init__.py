"""The screens. Importing this package imports Qt, and stops PySide reading the source of
every module imported after it.

PySide6 answers, for each newly imported module, whether it uses PySide (for its opt-in
`from __feature__ import snake_case`), by reading the module's whole source file with
`inspect.getsource`; `linecache` then keeps every line of every file. A launch imports
~1,500 modules after Qt (SQLAlchemy, SQLModel, the app): that cost ~0.09 s and 33 MB of
resident memory that stayed for the life of the process. The app never selects a PySide
feature, so the same question is answered from what the module imported instead.
"""

from __future__ import annotations

import types

from PySide6.support import feature


def _uses_pyside(module: types.ModuleType) -> bool:
    """Whether the module holds anything of PySide's, read from its namespace."""
    return any(_of_pyside(value) for value in list(vars(module).values()))


def _of_pyside(value: object) -> bool:
    # type(), never isinstance(): a proxy's __class__ may run code, and an import must not
    # fail here.
    kind = type(value)
    if issubclass(kind, types.ModuleType):
        home = getattr(value, "__name__", "")
    elif issubclass(kind, type):
        home = getattr(value, "__module__", "")
    else:
        home = kind.__module__
    return isinstance(home, str) and home.startswith(("PySide6", "shiboken6"))


feature._mod_uses_pyside = _uses_pyside
