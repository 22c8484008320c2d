#!/bin/sh
# Installs Annotator from this unpacked folder for the current user (no root, no Python needed):
#   ~/.local/opt/annotator/            the app
#   ~/.local/bin/annotator             the command (GUI without arguments, CLI with)
#   ~/.local/share/applications/       the menu entry, ~/.local/share/icons/ the icon
#
#   ./install.sh                 install (or update)
#   ./install.sh --uninstall     remove what install put there (projects are never touched)
#   PREFIX=/some/where ./install.sh   another prefix than ~/.local
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
APPDIR=$PREFIX/opt/annotator
BIN=$PREFIX/bin/annotator
DESKTOP=$PREFIX/share/applications/annotator.desktop
ICON=$PREFIX/share/icons/hicolor/512x512/apps/annotator.png

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$PREFIX/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APPDIR"
    rm -f "$BIN" "$DESKTOP" "$ICON"
    refresh
    echo "Annotator removed from $PREFIX (your .annotator projects are untouched)"
    exit 0
fi

[ -x "$HERE/annotator" ] || { echo "install.sh: run it from the unpacked annotator folder" >&2; exit 1; }
rm -rf "$APPDIR.new"
mkdir -p "$APPDIR.new" "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
cp -R "$HERE/annotator" "$HERE/_internal" "$APPDIR.new/"
rm -rf "$APPDIR"
mv "$APPDIR.new" "$APPDIR"
ln -sf "$APPDIR/annotator" "$BIN"
cp "$HERE/annotator.png" "$ICON"
# The menu entry runs the app by its full path: ~/.local/bin is not on every desktop session's PATH.
sed -e "s|^Exec=.*|Exec=$APPDIR/annotator|" -e "s|^TryExec=.*|TryExec=$APPDIR/annotator|" \
    "$HERE/annotator.desktop" > "$DESKTOP"
refresh
echo "Annotator installed: find it in your applications menu, or run $BIN"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "(add $PREFIX/bin to PATH to type 'annotator' in a terminal)";; esac
