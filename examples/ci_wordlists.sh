#!/usr/bin/env bash
# CI job: lint the brand's word lists kept in this repository, then merge them into the
# brand's Kickflip wordfilter (merge only ever adds entries; every push keeps a backup).
#
#   KICKFLIP_BRAND=acme KICKFLIP_TOKEN=... examples/ci_wordlists.sh            # wordlists/*.txt but allow-*
#   DRY_RUN=1 examples/ci_wordlists.sh lists/brand.txt lists/extra.txt          # show, send nothing
#
# Files: the arguments, or wordlists/*.txt. Environment: KICKFLIP_BRAND, KICKFLIP_TOKEN
# (a CI secret), optional KICKFLIP_API_URL, KFMOD (the command, default kickflip-moderation),
# DRY_RUN=1 for a pull-request pipeline. Exit: lint's code (1: problems) fails the job
# before anything is sent; otherwise the merge's code (0 ok, 3 API, 4 config, 6 verify).
set -euo pipefail

KFMOD=${KFMOD:-kickflip-moderation}

if [ "$#" -gt 0 ]; then
    files=("$@")
else
    # allow-*.txt are allowlists (words never to flag) and LICENSE-*.txt licence texts:
    # neither holds entries for the brand's list.
    shopt -s nullglob
    files=()
    for f in wordlists/*.txt; do
        case "${f##*/}" in allow-*|LICENSE-*) ;; *) files+=("$f") ;; esac
    done
    shopt -u nullglob
fi
if [ "${#files[@]}" -eq 0 ]; then
    echo "ci_wordlists: no word-list files (pass them as arguments or add wordlists/*.txt)" >&2
    exit 2
fi

# Each file on its own: lists for several languages share words on purpose ("milf" in en
# and de); merge removes such duplicates, so only a duplicate inside one file is a mistake.
echo "== words lint ${files[*]}" >&2
lint_status=0
for f in "${files[@]}"; do
    "$KFMOD" words lint "$f" || lint_status=$?
done
if [ "$lint_status" -ne 0 ]; then
    exit "$lint_status"
fi

echo "== words merge${DRY_RUN:+ (DRY_RUN=$DRY_RUN)}" >&2

if [ "${DRY_RUN:-0}" = "1" ]; then
    "$KFMOD" words merge "${files[@]}" --dry-run
else
    "$KFMOD" words merge "${files[@]}" --yes
fi
