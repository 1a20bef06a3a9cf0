"""The PySide6 window: a thin layer of Qt models, widgets and dialogs over the jobs layer."""
