# Replaces PyInstaller's hook for PySide6.QtGui (hooks in the spec's hookspath take precedence): the same
# collection, minus Qt plugins a desktop widgets app never loads. Dropping them here, before PyInstaller's
# binary dependency analysis, also keeps out what only they link to (libQt6EglFS*, and GTK, cairo and
# pango for the GTK3 theme plugin, which would mix our copies with the system's GTK).
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)

DROP = {
    # embedded-device platforms and their input and EGL integrations
    "platforms": ("eglfs", "linuxfb", "minimalegl", "vnc", "vkkhrdisplay"),
    "egldeviceintegrations": ("",),
    "generic": ("",),
    # GTK3 theme: the app draws Fusion with its own palette; file dialogs fall back to Qt's or the portal
    "platformthemes": ("gtk3",),
    # image formats the app never reads (SVG, PNG, ICO, JPEG and GIF stay)
    "imageformats": ("tiff", "webp", "tga", "wbmp", "icns", "pdf"),
}


def _keep(src: str) -> bool:
    parts = PurePath(src).parts
    if "plugins" not in parts:
        return True
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return True
    kind, name = parts[i + 1], parts[-1].lower()
    return not any(word in name for word in DROP.get(kind, ()))


binaries = [(src, dest) for src, dest in binaries if _keep(src)]
