#!/bin/sh
# Runs score.awk (beside this file) on stdin with the weights file given: sh score.sh WEIGHTS
# mawk, Debian's awk, fills its whole input buffer before it reads a line, so a caller that sends
# one request and waits for its answer would wait forever; -W interactive makes mawk read line by
# line. Other awks read a pipe line by line already and do not know the option.
here=$(dirname "$0")
if command -v mawk >/dev/null 2>&1; then
    exec mawk -W interactive -f "$here/score.awk" "$@"
fi
exec awk -f "$here/score.awk" "$@"
