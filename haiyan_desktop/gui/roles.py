"""Qt's item-data role numbers as plain ints, for the modules the window's start imports.

Qt's model API takes roles as ints, so the grid and the side models name them here: a lookup
of ``Qt.ItemDataRole.DisplayRole`` on every ``data()`` call is slower than a module constant.
(The first use of PySide6's ``Qt`` namespace builds its ~90 Python enums, 30-45 ms; the entry
grid's ``flags()`` must return a ``Qt.ItemFlag``, so the window's first paint now pays that.)
tests/gui/test_roles.py checks every number against Qt's own.
"""

DISPLAY = 0  # Qt.ItemDataRole.DisplayRole
EDIT = 2  # Qt.ItemDataRole.EditRole
TOOLTIP = 3  # Qt.ItemDataRole.ToolTipRole
TEXT_ALIGNMENT = 7  # Qt.ItemDataRole.TextAlignmentRole
BACKGROUND = 8  # Qt.ItemDataRole.BackgroundRole
FOREGROUND = 9  # Qt.ItemDataRole.ForegroundRole
ACCESSIBLE_TEXT = 11  # Qt.ItemDataRole.AccessibleTextRole
USER = 256  # Qt.ItemDataRole.UserRole: the first role free for the application

CODE = USER + 1  # the indicator or domain code an item stands for (side models)
EDIT_TEXT = USER + 1  # the grid: what the editor starts with (the typed text)
FIX_COLUMN = USER + 2  # the blockers list: where a blocker is fixed ("value" or "comment")

ALIGN_NUMBER = 0x0082  # Qt.AlignmentFlag.AlignRight | AlignVCenter, as TEXT_ALIGNMENT takes it
