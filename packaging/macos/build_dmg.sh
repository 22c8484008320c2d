#!/usr/bin/env bash
# macOS: the .app from PyInstaller (packaging/dist/Annotator.app) into a drag-to-Applications disk image.
#   packaging/macos/build_dmg.sh        ->  packaging/dist/annotator-VERSION-macos-ARCH.dmg
# The app is signed ad hoc by PyInstaller, not notarized: the first launch needs right-click > Open
# (see README, "Installers").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIST=$ROOT/packaging/dist
APP=$DIST/Annotator.app
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
DMG=$DIST/annotator-$VERSION-macos-$(uname -m).dmg

[ -d "$APP" ] || { echo "build_dmg: no $APP (build the bundle first)" >&2; exit 1; }
codesign --verify --deep --strict "$APP"   # PyInstaller's ad-hoc signature must still hold
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Annotator $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
echo "build_dmg: $DMG ($(du -h "$DMG" | cut -f1))"
