"""Draw the app icon: resources/annotator.svg, and from it annotator.png (512 px), .ico and .icns.

Run with the project's venv (needs only PySide6, rendered offscreen):

    .venv/bin/python packaging/make_icon.py
    .venv/bin/python packaging/make_icon.py --hicolor DIR   # DIR/NxN/apps/annotator.png for Linux packages

The SVG is the source; the raster files are rendered from it with Qt's SVG renderer. ICO and ICNS
are written here with PNG entries (both formats allow it), so no Pillow or iconutil is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# A page of text on the app's blue (Okabe & Ito palette, as in annotator/gui/theme.py): one name
# highlighted like an entity (orange, PERSON underline in blue) and a quotation mark (vermillion).
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Annotator</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1483c4"/>
      <stop offset="1" stop-color="#005a8e"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="104" fill="url(#bg)"/>
  <rect x="104" y="84" width="304" height="360" rx="28" fill="#ffffff"/>
  <rect x="140" y="140" width="232" height="22" rx="11" fill="#c9d3dc"/>
  <rect x="132" y="196" width="112" height="40" rx="8" fill="#E69F00"/>
  <rect x="140" y="205" width="96" height="22" rx="11" fill="#ffffff" fill-opacity="0.85"/>
  <rect x="260" y="205" width="112" height="22" rx="11" fill="#c9d3dc"/>
  <rect x="140" y="264" width="232" height="22" rx="11" fill="#c9d3dc"/>
  <rect x="140" y="318" width="150" height="22" rx="11" fill="#c9d3dc"/>
  <rect x="132" y="372" width="168" height="10" rx="5" fill="#0072B2"/>
  <g fill="#ffffff" stroke="#ffffff" stroke-width="20" stroke-linejoin="round">
    <path d="M330 300 c-26 0 -42 20 -42 44 c0 24 18 40 40 40 c4 0 8 -1 10 -2 c-4 18 -18 32 -38 38 l6 18
             c38 -8 66 -40 66 -84 c0 -34 -16 -54 -42 -54 z"/>
    <path d="M414 300 c-26 0 -42 20 -42 44 c0 24 18 40 40 40 c4 0 8 -1 10 -2 c-4 18 -18 32 -38 38 l6 18
             c38 -8 66 -40 66 -84 c0 -34 -16 -54 -42 -54 z"/>
  </g>
  <g fill="#D55E00">
    <path d="M330 300 c-26 0 -42 20 -42 44 c0 24 18 40 40 40 c4 0 8 -1 10 -2 c-4 18 -18 32 -38 38 l6 18
             c38 -8 66 -40 66 -84 c0 -34 -16 -54 -42 -54 z"/>
    <path d="M414 300 c-26 0 -42 20 -42 44 c0 24 18 40 40 40 c4 0 8 -1 10 -2 c-4 18 -18 32 -38 38 l6 18
             c38 -8 66 -40 66 -84 c0 -34 -16 -54 -42 -54 z"/>
  </g>
</svg>
"""

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types that hold PNG data, by pixel size (the @2x types repeat a size under another name).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512))


def render(svg: bytes, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("make_icon: the SVG did not parse")
    img = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.SmoothPixmapTransform)
    renderer.render(p)
    p.end()
    buf = QBuffer()
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """ICO with PNG entries (Windows Vista and later read them; 256 is written as 0)."""
    sizes = sorted(pngs)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def hicolor(root: Path) -> None:
    """The freedesktop icon theme layout, rendered from the committed resources/annotator.svg."""
    svg = (RESOURCES / "annotator.svg").read_bytes()
    for s in HICOLOR_SIZES:
        d = root / f"{s}x{s}" / "apps"
        d.mkdir(parents=True, exist_ok=True)
        (d / "annotator.png").write_bytes(render(svg, s))
    (root / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    (root / "scalable" / "apps" / "annotator.svg").write_bytes(svg)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts and image plugins)
    if sys.argv[1:2] == ["--hicolor"] and len(sys.argv) == 3:
        hicolor(Path(sys.argv[2]))
        return 0
    svg = SVG.encode()
    sizes = sorted(set(ICO_SIZES) | {s for _, s in ICNS_TYPES} | {512})
    pngs = {s: render(svg, s) for s in sizes}
    RESOURCES.mkdir(exist_ok=True)
    (RESOURCES / "annotator.svg").write_bytes(svg)
    (RESOURCES / "annotator.png").write_bytes(pngs[512])
    (RESOURCES / "annotator.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (RESOURCES / "annotator.icns").write_bytes(icns(pngs))
    for name in ("annotator.svg", "annotator.png", "annotator.ico", "annotator.icns"):
        print(f"wrote resources/{name} ({(RESOURCES / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
